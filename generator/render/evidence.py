"""The approved verification record as code pages show it: clients, versions, observed codes,
dates, staleness, and the Firefox screenshots whose bytes match what was approved.

Records come from the build's source tree (so only approved ones are read when review is
required); screenshots from `content/_verify/screenshots/`, each shown only when its SHA-256
is the one its approved record names.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import os
import stat
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from generator.config import SiteConfig
from generator.content.sources import HashedTree, SourceTree
from generator.errors import Problem, VerifyError
from generator.safe_paths import Stamp, read_regular, resolve_inside, stamp_of
from generator.verify.record_paths import SHOT_DIR, is_record

if TYPE_CHECKING:
    from generator.render.screenshots import ScreenshotIndex
    from generator.verify.record import ClientRecord, ScenarioRecord

# Records are parsed only by a build that renders (`read_evidence`): a no-op build hashes
# them (`evidence_key`) without loading the record's classes.

SHOWN_ORACLES = ("firefox", "chromium", "openssl", "x509")
"""Table order: the browsers first, then the libraries."""


@dataclass(frozen=True, slots=True)
class CodeEvidence:
    """What one code page shows about its scenario's approved record."""

    scenario: str
    recorded: str
    """ISO date of the oldest observation in the record."""
    clients: tuple[ClientRecord, ...]
    verdicts: dict[str, str]
    """oracle -> this page's verdict (pass, fail, error, differs, recorded)."""
    too_old: bool
    scenario_changed: bool

    @property
    def stale(self) -> bool:
        return self.too_old or self.scenario_changed

    @property
    def firefox(self) -> str:
        """The Firefox that was recorded, as the figure caption names it."""
        return next((c.browser for c in self.clients if c.oracle == "firefox"), "Firefox")


@dataclass(frozen=True, slots=True)
class Evidence:
    """Every approved record of the site, and the screenshots that may be published."""

    records: dict[str, ScenarioRecord]
    screenshots: ScreenshotIndex
    scenario_digests: dict[str, str | None]
    """Current SHA-256 of each recorded scenario's file; None when the file is gone."""
    max_age_days: int
    today: dt.date
    problems: tuple[Problem, ...] = ()
    codes: dict[str, str] = field(default_factory=dict)
    """code -> scenario, for the codes whose page names a recorded scenario."""

    def for_code(self, code: str, scenario: str | None) -> CodeEvidence | None:
        record = self.records.get(scenario or "")
        if record is None:
            return None
        clients = tuple(
            sorted(
                (c for c in record.clients if any(k.code == code for k in c.checks)),
                key=lambda c: SHOWN_ORACLES.index(c.oracle) if c.oracle in SHOWN_ORACLES else 9,
            )
        )
        if not clients:
            return None
        verdicts = {c.oracle: next(k.verdict for k in c.checks if k.code == code) for c in clients}
        recorded = min(c.date for c in clients)
        return CodeEvidence(
            scenario=record.scenario,
            recorded=recorded,
            clients=clients,
            verdicts=verdicts,
            too_old=_age_days(recorded, self.today) > self.max_age_days,
            scenario_changed=self.scenario_digests.get(record.scenario) != record.scenario_sha256,
        )


def read_evidence(
    config: SiteConfig, tree: SourceTree, codes: dict[str, str | None], today: dt.date
) -> Evidence:
    """The records `tree` serves; `codes` maps each code page to the scenario it names."""
    records, problems = _records(tree)
    digests = {s: _scenario_digest(config.root, s) for s in records}
    files = _screenshots(config.root, records, codes, problems)
    return Evidence(
        records=records,
        screenshots=_index(config.source_locale, files),
        scenario_digests=digests,
        max_age_days=config.verify.max_evidence_age_days,
        today=today,
        problems=tuple(problems),
        codes={c: s for c, s in codes.items() if s in records},
    )


def evidence_key(config: SiteConfig, tree: HashedTree) -> str:
    """A cheap hash of what the pages may show from the evidence, for the build's change
    detection, made without parsing a record: the records' texts (which the tree has hashed),
    and the stamp of every scenario file and screenshot in the working copy (the records name
    some of them)."""
    parts = [repr(config.verify)]
    parts += [f"{path}\0{digest}" for path, digest in tree.digests.items() if is_record(path)]
    parts += _stamps(config.root / "content/scenarios")
    shots = config.root / SHOT_DIR
    for folder in _stamps(shots, folders=True):
        parts += _stamps(shots / folder.partition("\0")[0])
    return hashlib.sha256("\0".join(parts).encode("utf-8")).hexdigest()


def _stamps(folder: Path, folders: bool = False) -> list[str]:
    """`name\0stamp` of each file (or, with `folders`, each folder) in `folder`, by name; the
    change time counts too: a file rewritten with its size and modification time put back
    still has a new one, which cannot be set back."""
    try:
        entries = list(os.scandir(folder))
    except OSError:
        return []
    found = []
    for entry in entries:
        try:
            info = entry.stat(follow_symlinks=False)
        except OSError:
            continue
        if stat.S_ISDIR(info.st_mode) == folders:
            found.append(f"{entry.name}\0{stamp_of(info)}")
    return sorted(found)


def _index(source_locale: str, files: dict[tuple[str, str], Path]) -> ScreenshotIndex:
    from generator.render.screenshots import ScreenshotIndex

    return ScreenshotIndex(source_locale, files)


def _records(tree: SourceTree) -> tuple[dict[str, ScenarioRecord], list[Problem]]:
    from generator.verify.record import parse_record

    records: dict[str, ScenarioRecord] = {}
    problems: list[Problem] = []
    for path in (p for p in tree.paths() if is_record(p)):
        try:
            record = parse_record(tree.read(path).text, path)
        except VerifyError as e:
            problems.append(Problem(e.message, e.path, e.line))
            continue
        records[record.scenario] = record
    return records, problems


def _screenshots(
    root: Path,
    records: dict[str, ScenarioRecord],
    codes: dict[str, str | None],
    problems: list[Problem],
) -> dict[tuple[str, str], Path]:
    """(locale, code) -> file for each approved screenshot whose bytes match its record.
    A shot of a page that showed another code than the page's is left out."""
    files: dict[tuple[str, str], Path] = {}
    for code, scenario in codes.items():
        record = records.get(scenario or "")
        if record is None:
            continue
        for page in record.pages:
            shot = page.screenshot
            if shot is None or page.code != code:
                continue
            path = root / shot.path
            try:
                actual = _digest(root, shot.path)
            except VerifyError as e:
                problems.append(Problem(f"{e.message}; not published", e.path, e.line))
                continue
            if actual == shot.sha256:
                files[(page.locale, code)] = path
            else:
                what = "is missing" if actual is None else "does not match its approved record"
                message = f"{what} ({record.scenario}.json names sha256 {shot.sha256[:12]}…); "
                problems.append(Problem(message + "not published", shot.path))
    return files


_DIGESTS: dict[str, tuple[Stamp, str]] = {}
"""Screenshot path -> (its stamp, its SHA-256) in this process: the live preview checks
every screenshot on every rebuild, and reads again only one whose stamp changed."""


def _digest(root: Path, relative: str) -> str | None:
    """The SHA-256 of a screenshot the evidence names (None when nothing is there), by the
    path policy; its bytes are read again only when its inode, size or times changed."""
    if not os.path.lexists(root / relative):
        return None
    path = resolve_inside(root, relative, relative, error=VerifyError)
    info = os.lstat(path)
    stamp = stamp_of(info)
    known = _DIGESTS.get(str(path))
    if known is not None and known[0] == stamp and stat.S_ISREG(info.st_mode):
        return known[1]
    data = read_regular(root, relative, error=VerifyError)
    digest = hashlib.sha256(data).hexdigest()
    _DIGESTS[str(path)] = (stamp, digest)
    return digest


def _scenario_digest(root: Path, scenario: str) -> str | None:
    """The digest of the scenario's working copy (None when there is none, or when the path
    policy refuses it: a record naming it is then stale, and `verify` says why)."""
    try:
        data = _read(root, f"content/scenarios/{scenario}.toml")
    except VerifyError:
        return None
    from generator.verify.record import scenario_sha256

    return scenario_sha256(data) if data is not None else None


def _read(root: Path, relative: str) -> bytes | None:
    """A file the evidence names, by the path policy; None when nothing is there."""
    if not os.path.lexists(root / relative):
        return None
    return read_regular(root, relative, error=VerifyError)


def _age_days(date: str, today: dt.date) -> int:
    try:
        return (today - dt.date.fromisoformat(date)).days
    except ValueError:
        return 1 << 30  # an unreadable date is as old as can be
