"""The UI-label check against the browser: every {button} of a code page, in English and in
each translation, is a label that the recorded Firefox showed on that code's page in that
language; other surfaces ({otherbutton}, {menu}, {app}) are not compared with the page."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from evidence_fixtures import firefox_result, warning_page
from l10n_helpers import add_locales, page, translate

from generator.config import load_config
from generator.content.load import load_content
from generator.content.sources import WorkingTree
from generator.l10n.catalog_check import catalog_check
from generator.l10n.page_labels import page_for_catalog, shown_pages, source_problems
from generator.verify.observed import FirefoxPage
from generator.verify.record_write import write_records

CODE = "SEC_ERROR_EXPIRED_CERTIFICATE"
SOURCE = f"content/codes/{CODE}.md"
CATALOG = f"locales/de/LC_MESSAGES/codes/{CODE}.po"
TODAY = dt.datetime.now(dt.UTC).date().isoformat()
EN = warning_page("expired-certificate", CODE, "expired.test")
DE = FirefoxPage(
    scenario="expired-certificate",
    locale="de",
    ui_locale="de",
    version="153.8.0",
    code=CODE,
    title="Warnung: Sicherheitsrisiko",
    heading="Seien Sie vorsichtig. Irgendetwas stimmt hier nicht.",
    buttons=("Erweitert", "Zurück (empfohlen)"),
    advanced_buttons=(
        "Erweitert ausblenden",
        "Zurück (empfohlen)",
        "Weiter zu expired.test (riskant)",
    ),
    image=None,
)
SHOWED_EN = (
    "Firefox showed 'Warning: Security Risk', 'Be careful. Something doesn’t look right.', "
    "'Advanced', 'Go back (Recommended)', 'Hide advanced', 'Proceed to expired.test (Risky)'"
)
TODAY_PAGE = "Click {button}`Advanced`, then {button}`Proceed to … (Risky)`."
OLDER = "In Firefox before 120, click {otherbutton}`Accept the Risk and Continue`."
SETTINGS = "Or open {menu}`Settings`; in ESET, open {app}`Setup`."
GERMAN = {
    "{button}`Advanced`": "{button}`Erweitert`",
    "{button}`Proceed to … (Risky)`": "{button}`Weiter zu … (riskant)`",
    "{otherbutton}`Accept the Risk and Continue`": (
        "{otherbutton}`Risiko akzeptieren und fortfahren`"
    ),
    "{menu}`Settings`": "{menu}`Einstellungen`",
}


def recorded(root: Path, body: str, pages: list[FirefoxPage]) -> None:
    """The expired-certificate page with `body` under its advice, and its Firefox record."""
    (root / "content/scenarios").mkdir(parents=True, exist_ok=True)
    (root / "content/scenarios/expired-certificate.toml").write_text(
        'description = "An expired leaf."\nhost = "expired.test"\n'
    )
    source = root / SOURCE
    text = source.read_text(encoding="utf-8")
    source.write_text(text.replace("Check the clock first", f"{body}\n\nCheck the clock first"))
    firefox = firefox_result(CODE, "expired-certificate", TODAY)
    write_records(root, [firefox], pages, TODAY)


def line_of(root: Path, path: str, text: str) -> int:
    lines = (root / path).read_text(encoding="utf-8").splitlines()
    return next(n for n, line in enumerate(lines, 1) if text in line)


def germanize(text: str) -> str:
    for english, german in GERMAN.items():
        text = text.replace(english, german)
    return "DE " + text


def test_a_button_firefox_did_not_show_stops_the_build_with_the_labels_it_showed(
    project: Path,
    cli,  # type: ignore[no-untyped-def]
) -> None:
    recorded(project, "Click {button}`Accept the Risk and Continue`.", [EN])
    run = cli(project, "build")
    assert run.code != 0
    line = line_of(project, SOURCE, "Accept the Risk")
    assert (
        f"{SOURCE}:{line}: {{button}}`Accept the Risk and Continue` is not on Firefox's page "
        f"for {CODE} in en-US; {SHOWED_EN}"
    ) in run.err


def test_today_s_labels_pass_and_other_surfaces_are_not_compared_with_the_page(
    project: Path,
    cli,  # type: ignore[no-untyped-def]
) -> None:
    recorded(project, "\n\n".join([TODAY_PAGE, OLDER, SETTINGS]), [EN])
    run = cli(project, "build")
    assert run.code == 0, run.err
    html = page(project, f"en-US/codes/{CODE}.html")
    assert '<span class="ui ui-button">Proceed to … (Risky)</span>' in html
    assert '<span class="ui ui-button ui-otherbutton">Accept the Risk and Continue</span>' in html
    assert '<span class="ui ui-menu ui-app">Setup</span>' in html


def test_without_a_record_nothing_is_compared(project: Path, cli) -> None:  # type: ignore[no-untyped-def]
    recorded(project, "Click {button}`Accept the Risk and Continue`.", [])
    assert cli(project, "build").code == 0


def test_a_translated_button_firefox_did_not_show_fails_catalog_check_at_its_line(
    project: Path,
    cli,  # type: ignore[no-untyped-def]
) -> None:
    recorded(project, "\n\n".join([TODAY_PAGE, OLDER, SETTINGS]), [EN, DE])
    add_locales(project, "de")
    wrong = {**GERMAN, "{button}`Advanced`": "{button}`Erweitert…`"}
    translate(project, "de", lambda s: "DE " + _replace(s, wrong))
    run = cli(project, "catalog", "check")
    assert run.code == 1
    line = line_of(project, CATALOG, "Erweitert…") - 1  # the entry starts at its msgid
    # terminology warnings come first; the problem is the catalog's only error
    (problem,) = [e for e in run.err.splitlines() if e.startswith(CATALOG)]
    assert problem.startswith(
        f"{CATALOG}:{line}: {{button}}`Erweitert…` is not on Firefox's page for {CODE} in de; "
        "Firefox showed 'Warnung: Sicherheitsrisiko', "
    )
    assert problem.endswith("'Erweitert ausblenden', 'Weiter zu expired.test (riskant)'")
    built = cli(project, "build")
    assert built.code == 0, "a translation that fails a check falls back to the source text"
    html = page(project, f"de/codes/{CODE}.html")
    assert "Click <span" in html and "Erweitert…" not in html


def test_firefox_s_own_translated_labels_pass(project: Path, cli) -> None:  # type: ignore[no-untyped-def]
    recorded(project, "\n\n".join([TODAY_PAGE, OLDER, SETTINGS]), [EN, DE])
    add_locales(project, "de")
    translate(project, "de", germanize)
    assert catalog_check(project, CATALOG, _page(project, "de")) == []
    run = cli(project, "build")
    assert run.code == 0 and "Erweitert" not in run.err, run.err
    html = page(project, f"de/codes/{CODE}.html")
    assert '<span class="ui ui-button">Weiter zu … (riskant)</span>' in html


def test_the_shipped_content_and_catalogs_are_on_the_recorded_firefox_pages(repo: Path) -> None:
    config = load_config(repo)
    tree = WorkingTree(repo)
    content = load_content(config, tree)
    pages = shown_pages(tree, content)
    assert pages, "the shipped records have Firefox pages"
    assert source_problems(content, pages, config.source_locale) == []
    for locale in config.locales:
        for code in content.codes:
            path = f"locales/{locale}/LC_MESSAGES/codes/{code}.po"
            shown = page_for_catalog(pages, locale, f"codes/{code}")
            if shown is not None and (repo / path).is_file():
                assert catalog_check(repo, path, shown) == []


def _replace(text: str, table: dict[str, str]) -> str:
    for english, german in table.items():
        text = text.replace(english, german)
    return text


def _page(root: Path, locale: str):  # type: ignore[no-untyped-def]
    config = load_config(root)
    tree = WorkingTree(root)
    return page_for_catalog(shown_pages(tree, load_content(config, tree)), locale, f"codes/{CODE}")
