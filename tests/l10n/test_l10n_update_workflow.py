"""The translator's whole loop on a reviewed site: a source sentence changes and is approved,
extract and update make its translation fuzzy with the previous msgid, the translator fixes
it, checks, submits, a reviewer approves, and the build shows the new translation."""

from __future__ import annotations

import re
import shutil
import subprocess
from collections.abc import Callable
from pathlib import Path
from typing import Any

import polib
import pytest
from l10n_helpers import translate

from generator.l10n.po_files import parse_catalog, render_catalog

CODE = "content/codes/SEC_ERROR_UNKNOWN_ISSUER.md"
CATALOG = "locales/de/LC_MESSAGES/codes/SEC_ERROR_UNKNOWN_ISSUER.po"
PAGE = "build/html/de/codes/SEC_ERROR_UNKNOWN_ISSUER.html"
OLD = "The chain of signatures does not reach a trusted root."
NEW = "The chain of signatures does not reach any root that Firefox trusts."


@pytest.fixture
def reviewed(project: Path, monkeypatch: pytest.MonkeyPatch, cli: Callable[..., Any]) -> Path:
    """The small site with review required, German, one reviewer (alice), everything approved."""
    monkeypatch.setenv("CERTWARN_CONFIG_HOME", str(project.parent / "config"))
    monkeypatch.setenv("CERTWARN_USER", "Joni")
    toml = (project / "site.toml").read_text(encoding="utf-8")
    toml = toml.replace('locales = ["en-US"]', 'locales = ["en-US", "de"]')
    (project / "site.toml").write_text(toml.replace("required = false", "required = true"))
    step(cli, project, "review", "keygen", "admin", "--add", "--admin")
    step(cli, project, "review", "keygen", "alice", "--add")
    step(cli, project, "review", "trust", "sign", "--key", "admin")
    step(cli, project, "review", "keygen", "joni")
    monkeypatch.setenv("CERTWARN_KEY", "joni")  # the author's key signs each revision
    step(cli, project, "revise", "--all", "--comment", "Initial content")
    step(cli, project, "review", "approve", "--all-pending", "--key", "alice",
         "--ready-for-localization")  # fmt: skip
    step(cli, project, "catalog", "extract")
    step(cli, project, "catalog", "init", "--locale", "de")
    translate(project, "de", lambda s: "DE " + s)
    step(cli, project, "catalog", "check")
    step(cli, project, "revise", "--all", "--comment", "German")
    step(cli, project, "review", "approve", "--all-pending", "--key", "alice")
    return project


def step(cli: Callable[..., Any], root: Path, *args: str) -> Any:
    run = cli(root, *args)
    assert run.code == 0, (args, run.err)
    return run


def test_a_changed_source_sentence_goes_through_the_whole_loop_to_the_published_page(
    reviewed: Path, cli: Callable[..., Any]
) -> None:
    step(cli, reviewed, "build")
    assert f"DE {OLD}" in (reviewed / PAGE).read_text(encoding="utf-8")

    source = reviewed / CODE
    source.write_text(source.read_text(encoding="utf-8").replace(OLD, NEW), encoding="utf-8")
    step(cli, reviewed, "revise", CODE, "--comment", "Name Firefox")
    step(cli, reviewed, "review", "approve", "--all-pending", "--key", "alice",
         "--ready-for-localization")  # fmt: skip
    step(cli, reviewed, "catalog", "extract")
    step(cli, reviewed, "catalog", "update")

    entry = polib.pofile(str(reviewed / CATALOG)).find(NEW)
    assert entry is not None and entry.fuzzy
    assert entry.previous_msgid == OLD and entry.msgstr == f"DE {OLD}"
    if shutil.which("msgfmt"):
        run = subprocess.run(
            ["msgfmt", "-c", "-o", "/dev/null", CATALOG], cwd=reviewed, capture_output=True
        )
        assert (run.returncode, run.stderr) == (0, b"")
    step(cli, reviewed, "build")
    assert f"DE {OLD}" not in (reviewed / PAGE).read_text(encoding="utf-8"), "fuzzy: unpublished"

    catalog = parse_catalog((reviewed / CATALOG).read_text(encoding="utf-8"), CATALOG, "de")
    message = catalog[NEW]
    message.string = "Die Kette reicht bis zu keiner Wurzel, der Firefox vertraut."
    message.flags.discard("fuzzy")
    message.previous_id = []
    (reviewed / CATALOG).write_text(render_catalog(catalog, CATALOG), encoding="utf-8")
    step(cli, reviewed, "catalog", "check")
    revised = step(cli, reviewed, "revise", CATALOG, "--comment", "Follow the source")
    assert revised.out.startswith("revision ")
    shown = step(cli, reviewed, "review", "show", revised.out.split()[1]).out
    assert "2 message(s) changed:" in shown, "the new message, and the old one removed"
    assert f"  source:    {NEW}\n" in shown
    step(cli, reviewed, "review", "approve", "--all-pending", "--key", "alice")
    step(cli, reviewed, "build")
    html = (reviewed / PAGE).read_text(encoding="utf-8")
    assert "Die Kette reicht bis zu keiner Wurzel, der Firefox vertraut." in html


def test_stats_the_dashboard_agree_and_a_fuzzy_message_is_never_100_percent(
    reviewed: Path, cli: Callable[..., Any]
) -> None:
    catalog = parse_catalog((reviewed / CATALOG).read_text(encoding="utf-8"), CATALOG, "de")
    catalog[OLD].flags.add("fuzzy")
    (reviewed / CATALOG).write_text(render_catalog(catalog, CATALOG), encoding="utf-8")
    step(cli, reviewed, "revise", CATALOG, "--comment", "Unsure")
    step(cli, reviewed, "review", "approve", "--all-pending", "--key", "alice")
    stats = step(cli, reviewed, "catalog", "stats").out.splitlines()[1].split()
    translated, fuzzy, untranslated = (int(n) for n in stats[2:5])
    assert fuzzy == 1 and untranslated == 0 and stats[5:] == ["99", "%"]
    step(cli, reviewed, "build")
    dashboard = (reviewed / "build/html/l10n/index.html").read_text(encoding="utf-8")
    assert f'<td class="num">{translated} / {translated + fuzzy}</td>' in dashboard
    assert "99%" in dashboard and "100%" not in dashboard.split("<tbody>")[1].split("</tbody>")[0]


def test_the_dashboard_counts_the_messages_waiting_for_review_per_document(
    reviewed: Path, cli: Callable[..., Any]
) -> None:
    catalog = parse_catalog((reviewed / CATALOG).read_text(encoding="utf-8"), CATALOG, "de")
    edited = [m for m in catalog if m.id and m.string][:2]
    for message in edited:
        message.string = f"{message.string} (überarbeitet)"
    (reviewed / CATALOG).write_text(render_catalog(catalog, CATALOG), encoding="utf-8")
    step(cli, reviewed, "revise", CATALOG, "--comment", "Two sentences reworded")
    step(cli, reviewed, "build")
    dashboard = (reviewed / "build/html/l10n/index.html").read_text(encoding="utf-8")
    waiting = dict(
        re.findall(r"<code>([^<]+)</code></th>.*?<td[^>]*>([^<]*)</td></tr>", dashboard, re.S)
    )
    assert waiting.pop("codes/SEC_ERROR_UNKNOWN_ISSUER") == "2"
    assert set(waiting.values()) == {"—"}, "nothing else waits"
