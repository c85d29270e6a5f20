"""`certwarn verify --record`: a run's results and Firefox pages written into content/_verify/,
merged over what was recorded before for the clients and locales not run now."""

from __future__ import annotations

import hashlib
import os
from collections.abc import Sequence
from pathlib import Path

from generator.errors import VerifyError
from generator.safe_paths import read_regular
from generator.verify.files import write_atomic
from generator.verify.observed import FirefoxPage
from generator.verify.png import png_size, same_pixels
from generator.verify.record import (
    Check,
    ClientRecord,
    PageRecord,
    ScenarioRecord,
    Shot,
    parse_record,
    record_to_json,
    scenario_sha256,
)
from generator.verify.record_paths import record_path, shot_path
from generator.verify.report import Result
from generator.verify.spec_load import MAX_SPEC_BYTES


def write_records(
    root: Path, results: Sequence[Result], pages: Sequence[FirefoxPage], today: str
) -> list[str]:
    """Record every scenario the results cover; returns the project paths written, in order.
    A screenshot that shows the same pixels as the committed one is left as it is."""
    written: list[str] = []
    for scenario in dict.fromkeys(r.scenario for r in results):
        old = _previous(root, scenario)
        shown = [p for p in pages if p.scenario == scenario]
        fresh = tuple(_page(root, p, today, old, written) for p in shown)
        record = ScenarioRecord(
            scenario=scenario,
            scenario_sha256=scenario_sha256(_scenario_file(root, scenario)),
            clients=_merged_clients(old, _clients([r for r in results if r.scenario == scenario])),
            pages=_merged_pages(old, fresh),
        )
        if _write_if_changed(root, record_path(scenario), record_to_json(record).encode()):
            written.append(record_path(scenario))
    return written


def _scenario_file(root: Path, scenario: str) -> bytes:
    """The spec the run loaded (spec_load reads it by the same policy)."""
    rel = f"content/scenarios/{scenario}.toml"
    return read_regular(root, rel, limit=MAX_SPEC_BYTES, links=False, error=VerifyError)


def _existing(root: Path, relative: str) -> bytes | None:
    """A file about to be replaced, by the path policy; None when absent or refused (a link
    out, a FIFO, a folder): it is then written anew, never read through."""
    if not os.path.lexists(root / relative):
        return None
    try:
        return read_regular(root, relative, links=False, error=VerifyError)
    except VerifyError:
        return None


def _previous(root: Path, scenario: str) -> ScenarioRecord | None:
    """The record on disk; an unreadable one is replaced as if there were none."""
    data = _existing(root, record_path(scenario))
    if data is None:
        return None
    try:
        return parse_record(data.decode("utf-8"), record_path(scenario))
    except (VerifyError, UnicodeDecodeError):
        return None


def _clients(results: Sequence[Result]) -> tuple[ClientRecord, ...]:
    by_oracle: dict[str, list[Result]] = {}
    for result in results:
        if result.status != "unavailable":
            by_oracle.setdefault(result.oracle, []).append(result)
    return tuple(
        ClientRecord(
            oracle=oracle,
            client=found[0].client,
            version=found[0].version,
            observed=found[0].observed,
            date=found[0].date,
            checks=tuple(Check(r.code, r.expected, r.status) for r in found),
        )
        for oracle, found in by_oracle.items()
    )


def _merged_clients(
    old: ScenarioRecord | None, new: tuple[ClientRecord, ...]
) -> tuple[ClientRecord, ...]:
    fresh = {c.oracle for c in new}
    kept = tuple(c for c in (old.clients if old else ()) if c.oracle not in fresh)
    return tuple(sorted(kept + new, key=lambda c: c.oracle))


def _merged_pages(
    old: ScenarioRecord | None, new: tuple[PageRecord, ...]
) -> tuple[PageRecord, ...]:
    fresh = {p.locale for p in new}
    kept = tuple(p for p in (old.pages if old else ()) if p.locale not in fresh)
    return tuple(sorted(kept + new, key=lambda p: p.locale))


def _page(
    root: Path, page: FirefoxPage, today: str, old: ScenarioRecord | None, written: list[str]
) -> PageRecord:
    earlier = old.page(page.locale) if old else None
    shot = earlier.screenshot if earlier else None
    if page.image is not None:
        shot = _shot(root, shot_path(page.locale, page.scenario), page.image, written)
    return PageRecord(
        locale=page.locale,
        ui_locale=page.ui_locale,
        version=page.version,
        code=page.code,
        title=page.title,
        heading=page.heading,
        buttons=page.buttons,
        advanced_buttons=page.advanced_buttons,
        date=today,
        screenshot=shot,
    )


def _shot(root: Path, path: str, image: bytes, written: list[str]) -> Shot:
    committed = _existing(root, path)
    if committed is not None and same_pixels(committed, image):
        image = committed  # unchanged: the committed bytes stay as they are
    elif _write_if_changed(root, path, image):
        written.append(path)
    width, height = png_size(image)
    return Shot(path, hashlib.sha256(image).hexdigest(), len(image), width, height)


def _write_if_changed(root: Path, relative: str, data: bytes) -> bool:
    if _existing(root, relative) == data:
        return False
    write_atomic(root / relative, data)
    return True
