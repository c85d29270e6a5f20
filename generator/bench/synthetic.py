"""A synthetic certwarn site: N locales x M documents of realistic Markdown, complete catalogs."""

from __future__ import annotations

import random
from dataclasses import dataclass
from pathlib import Path

from babel import localedata

from generator.config import load_config
from generator.l10n.catalog_names import catalog_path
from generator.l10n.po_files import new_catalog, parse_catalog, render_catalog
from generator.l10n.workflow import extract

WORDS = (
    "certificate",
    "authority",
    "browser",
    "secure",
    "connection",
    "site",
    "owner",
    "server",
    "chain",
    "root",
    "intermediate",
    "clock",
    "date",
    "time",
    "warning",
    "error",
    "page",
    "settings",
    "network",
    "proxy",
    "software",
    "antivirus",
    "encryption",
    "trust",
    "issuer",
    "name",
    "address",
    "domain",
    "renew",
    "expire",
    "revoke",
    "response",
    "signature",
    "key",
    "policy",
    "visitor",
    "device",
    "profile",
    "folder",
    "database",
    "restart",
    "check",
    "contact",
    "support",
    "update",
    "system",
)


@dataclass(frozen=True, slots=True)
class SyntheticSite:
    root: Path
    locales: tuple[str, ...]
    codes: tuple[str, ...]
    articles: tuple[str, ...]


def bench_locales(count: int) -> tuple[str, ...]:
    """`count` plain language tags babel knows, English first."""
    preferred = ["de", "fr", "es", "ja", "ar", "ru", "it", "nl", "pl", "sv", "tr", "ko", "fi", "da"]
    languages = sorted({t for t in localedata.locale_identifiers() if "_" not in t and len(t) == 2})
    ordered = preferred + [t for t in languages if t not in preferred and t != "en"]
    return ("en", *ordered[: count - 1])


class _Writer:
    def __init__(self, seed: int):
        self.random = random.Random(seed)

    def sentence(self, words: int = 14) -> str:
        picked = [self.random.choice(WORDS) for _ in range(words)]
        return " ".join(picked).capitalize() + "."

    def paragraph(self, sentences: int = 3) -> str:
        return " ".join(self.sentence(self.random.randint(9, 18)) for _ in range(sentences))


def code_page(code: str, index: int, codes: list[str], articles: list[str]) -> str:
    w = _Writer(index)
    other = codes[(index + 1) % len(codes)]
    article = articles[index % len(articles)]
    return f"""---
code: {code}
title: {w.sentence(5)[:-1]}
summary: {w.sentence(16)}
category: certificate
overridable: {str(index % 3 != 0).lower()}
equivalents:
  chromium: [NET::ERR_CERT_INVALID]
  openssl: [X509_V_ERR_CERT_UNTRUSTED]
related: [{other}]
scenario: synthetic-{index}
---

## What it means

{w.paragraph()}

{w.paragraph(2)} See [the related code](code:{other}) and [this article](article:{article}).

| Condition | Result |
|---|---|
| {w.sentence(4)} | {w.sentence(5)} |
| {w.sentence(4)} | {w.sentence(5)} |

## What you can do

- Click {{button}}`Advanced…`, then {{button}}`Go Back (Recommended)`.
- {w.sentence(12)}
- Press {{key}}`Ctrl+Shift+R` to reload, or open {{menu}}`Settings`.

::: os windows
{w.paragraph(2)} Open {{file}}`%APPDATA%\\Mozilla`.
:::

::: os macos
{w.paragraph(2)}
:::

::: os linux
{w.paragraph(2)} Check {{pref}}`security.enterprise_roots.enabled`.
:::

## What site owners can do

{w.paragraph()}

1. {w.sentence(10)}
2. {w.sentence(11)}
"""


def article_page(slug: str, index: int, codes: list[str]) -> str:
    w = _Writer(10_000 + index)
    return f"""---
title: {w.sentence(6)[:-1]}
summary: {w.sentence(15)}
order: {index + 1}
---

## {w.sentence(4)[:-1]}

{w.paragraph()}

{w.paragraph(2)} Read about [{codes[index % len(codes)]}](code:{codes[index % len(codes)]}).

## {w.sentence(3)[:-1]}

::: steps profile-folder
:::

- {w.sentence(10)}
- {w.sentence(12)}

{w.paragraph(4)}
"""


STEPS = {
    "windows": "1. Choose {menu}`Help`.\n2. Click {button}`Open Folder`.\n",
    "macos": "1. Choose {menu}`Help` in the menu bar.\n2. Click {button}`Show in Finder`.\n",
    "linux": "1. Open {file}`~/.mozilla/firefox/` in a file manager.\n",
}


def write_site(root: Path, locales: int, documents: int) -> SyntheticSite:
    """Write sources, templates and complete pseudo-translated catalogs under `root`."""
    tags = bench_locales(locales)
    articles = [f"article-{i:03d}" for i in range(max(1, documents * 3 // 10))]
    articles[0] = "overview"
    codes = [f"SYNTH_ERROR_{i:04d}" for i in range(documents - len(articles))]
    files = {"site.toml": _site_toml(tags)}
    files |= {
        f"content/codes/{c}.md": code_page(c, i, codes, articles) for i, c in enumerate(codes)
    }
    files |= {f"content/articles/{a}.md": article_page(a, i, codes) for i, a in enumerate(articles)}
    files |= {f"content/steps/profile-folder/{os}.md": text for os, text in STEPS.items()}
    for relative, text in files.items():
        (root / relative).parent.mkdir(parents=True, exist_ok=True)
        (root / relative).write_text(text, encoding="utf-8")
    config = load_config(root)
    extract(config)
    for tag in tags[1:]:
        pseudo_translate(root, tag)
    return SyntheticSite(root, tags, tuple(codes), tuple(articles))


def _site_toml(tags: tuple[str, ...]) -> str:
    listed = ", ".join(f'"{t}"' for t in tags)
    return (
        f'title = "Synthetic warnings"\nsource_locale = "en"\nlocales = [{listed}]\n'
        'base_url = "https://bench.example/"\nhome = "overview"\n\n[review]\nrequired = false\n'
    )


def pseudo_translate(root: Path, locale: str) -> None:
    """A complete catalog per template whose texts are marked copies of the source."""
    for template in sorted((root / "locales/templates").rglob("*.pot")):
        domain = template.relative_to(root / "locales/templates").as_posix()[: -len(".pot")]
        source = parse_catalog(template.read_text(encoding="utf-8"), str(template))
        catalog = new_catalog(locale)
        for message in source:
            if not message.id:
                continue
            if isinstance(message.id, tuple | list):
                text = f"«{locale}» {message.id[1]}"
                catalog.add(
                    message.id, tuple([text] * catalog.num_plurals), locations=message.locations
                )
            else:
                catalog.add(message.id, f"«{locale}» {message.id}", locations=message.locations)
        path = root / catalog_path(locale, domain)
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(render_catalog(catalog), encoding="utf-8")
