"""The UI-label check against the browser: on a code page, every {button} is a control of
Firefox's warning page, so it must be a label that the recorded Firefox showed on that code's
page in that language (`content/_verify/<scenario>.json`: title, heading, buttons, and the
buttons after Advanced).

Written as `Proceed to … (Risky)`, a label matches Firefox's with the site's name in place of
"…". Other surfaces are not compared with the page: {otherbutton} (another warning page: an
older Firefox's design, the clock page), {menu} (the rest of Firefox), {app} (other programs).
Articles describe the warning in general and are not compared; without a record for a code,
nothing is.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from generator.content.load import Content
from generator.content.sources import SourceTree
from generator.errors import Problem, VerifyError
from generator.l10n.po_reader import Entry, PoFile
from generator.verify.record import ScenarioRecord, parse_record
from generator.verify.record_paths import is_record

CHECKED_ROLE = "button"
_BUTTON = re.compile(r"\{button\}(`+)(.*?)\1", re.DOTALL)
_HOST = re.compile(r"(?:^|(?<=\s))…")
"""An ellipsis standing for the site's name: at the start or after a space (`Proceed to …`),
not the one that ends a label (`Advanced…`)."""


@dataclass(frozen=True, slots=True)
class ShownPage:
    """What Firefox showed for one code in one site locale."""

    code: str
    locale: str
    labels: tuple[str, ...]
    """Title, heading, buttons and the buttons after Advanced, as Firefox showed them."""

    def shows(self, label: str) -> bool:
        if label in self.labels:
            return True
        if not _HOST.search(label):
            return False
        parts = [re.escape(part) for part in _HOST.split(label)]
        pattern = re.compile(r"\S+".join(parts))
        return any(pattern.fullmatch(shown) for shown in self.labels)

    def mismatch(self, label: str) -> str | None:
        """The problem with `label`, or None when Firefox showed it."""
        if self.shows(label):
            return None
        showed = ", ".join(repr(s) for s in dict.fromkeys(self.labels))
        return (
            f"{{button}}`{label}` is not on Firefox's page for {self.code} in {self.locale}; "
            f"Firefox showed {showed}"
        )


ShownPages = Mapping[tuple[str, str], ShownPage]
"""(code, locale) -> the page Firefox showed."""


def shown_pages(tree: SourceTree, content: Content) -> dict[tuple[str, str], ShownPage]:
    """The recorded Firefox page of each code page's scenario, per locale. A record that
    cannot be read is left out (the build reports it with the evidence)."""
    records: dict[str, ScenarioRecord] = {}
    for path in (p for p in tree.paths() if is_record(p)):
        try:
            record = parse_record(tree.read(path).text, path)
        except VerifyError:
            continue
        records[record.scenario] = record
    found: dict[tuple[str, str], ShownPage] = {}
    for page in content.codes.values():
        scenario = records.get(page.scenario or "")
        for shown in scenario.pages if scenario else ():
            if shown.code != page.code:
                continue  # the scenario showed another code: nothing to say about this one
            labels = (shown.title, shown.heading, *shown.buttons, *shown.advanced_buttons)
            found[(page.code, shown.locale)] = ShownPage(page.code, shown.locale, labels)
    return found


def buttons(text: str) -> Iterable[tuple[int, str]]:
    """(offset, label) of each {button} reference."""
    return ((m.start(), m.group(2)) for m in _BUTTON.finditer(text))


def source_problems(content: Content, pages: ShownPages, locale: str) -> list[Problem]:
    """Every {button} of the English code pages that Firefox did not show, at its line."""
    found = []
    for page in content.codes.values():
        shown = pages.get((page.code, locale))
        if shown is None:
            continue
        document = page.document
        for unit in document.units:
            for offset, label in buttons(unit.text):
                problem = shown.mismatch(label)
                if problem:
                    line = unit.line + unit.text.count("\n", 0, offset)
                    found.append(Problem(problem, document.path, line))
    return found


def entry_problems(entry: Entry, shown: ShownPage | None) -> list[str]:
    """The {button} labels of a translation that Firefox did not show in its language."""
    if shown is None or entry.fuzzy or not entry.translated:
        return []
    return [
        problem
        for form in entry.forms
        for _, label in buttons(form)
        if (problem := shown.mismatch(label)) is not None
    ]


def catalog_problems(po: PoFile, path: str, shown: ShownPage | None) -> list[Problem]:
    """`entry_problems` for every entry of a code page's catalog, at the entry's line."""
    return [Problem(text, path, e.line) for e in po.entries for text in entry_problems(e, shown)]


def page_for_catalog(pages: ShownPages, locale: str, domain: str) -> ShownPage | None:
    """The recorded page a catalog's {button} labels are compared with (`codes/<CODE>`)."""
    if not domain.startswith("codes/"):
        return None
    return pages.get((domain.removeprefix("codes/"), locale))
