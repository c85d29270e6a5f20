"""The verification report: typed results, and `build/verify/report.json` read and written."""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from generator.errors import VerifyError

REPORT_NAME = "report.json"
STATUSES = ("pass", "fail", "error", "differs", "recorded", "unavailable")
"""pass: observed is expected; fail: a browser disagrees with the page; error: nothing could
be observed; differs: a library oracle disagrees (informative only); recorded: the page makes
no claim for this client; unavailable: the client is not installed."""
FAILING = ("fail", "error")


@dataclass(frozen=True, slots=True)
class Result:
    """What one client showed for one code's scenario, against what the page claims."""

    code: str | None
    """The code page that claims the scenario; None for the control scenario."""
    scenario: str
    oracle: str
    """openssl, x509, firefox or chromium."""
    client: str
    """Human name of the client, e.g. `Firefox ESR`."""
    version: str | None
    observed: str | None
    """The client's error code, `OK`, or None when nothing could be observed."""
    expected: tuple[str, ...]
    """Codes the page accepts for this client; empty when it makes no claim."""
    status: str
    gating: bool
    """Does a mismatch fail the run (true for the browsers)."""
    detail: str
    date: str
    """ISO date of the observation."""

    @property
    def browser(self) -> str:
        """Client and version as pages show it, e.g. `Firefox ESR 153.8.0esr`."""
        return f"{self.client} {self.version}" if self.version else self.client

    @property
    def passed(self) -> bool:
        return self.status == "pass"

    @property
    def failed(self) -> bool:
        return self.gating and self.status in FAILING


@dataclass(frozen=True, slots=True)
class OracleInfo:
    """One client as found on the machine that made the report."""

    name: str
    label: str
    version: str | None
    unavailable: str | None
    """Why it could not run, or None."""


@dataclass(frozen=True, slots=True)
class Report:
    """Every result of the newest run, merged over earlier runs of other codes and clients."""

    created: str
    """ISO 8601 time (UTC) the report was written."""
    oracles: tuple[OracleInfo, ...]
    results: tuple[Result, ...]
    unreproducible: tuple[tuple[str, str], ...] = ()
    """(code, why) for codes whose page says no local scenario can reproduce them."""

    def for_code(self, code: str) -> list[Result]:
        return [r for r in self.results if r.code == code]

    def for_scenario(self, scenario: str) -> list[Result]:
        return [r for r in self.results if r.scenario == scenario]

    @property
    def failures(self) -> list[Result]:
        return [r for r in self.results if r.failed]

    def merged_over(self, older: Report | None) -> Report:
        """This report plus the older results for (code, scenario, oracle) not run now."""
        if older is None:
            return self
        fresh = {(r.code, r.scenario, r.oracle) for r in self.results}
        kept = tuple(r for r in older.results if (r.code, r.scenario, r.oracle) not in fresh)
        names = {o.name for o in self.oracles}
        oracles = self.oracles + tuple(o for o in older.oracles if o.name not in names)
        codes = {code for code, _ in self.unreproducible}
        unreproducible = self.unreproducible + tuple(
            u for u in older.unreproducible if u[0] not in codes
        )
        return Report(self.created, oracles, kept + self.results, unreproducible)


def report_to_json(report: Report) -> str:
    return json.dumps(asdict(report), indent=2, ensure_ascii=False) + "\n"


def load_report(path: Path) -> Report | None:
    """The report at `path`; None when verification has not run there."""
    if not path.is_file():
        return None
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        return _report(data)
    except (ValueError, KeyError, TypeError) as e:
        raise VerifyError(
            f"not a certwarn verify report ({e}); run certwarn verify again", path
        ) from e


def _report(data: dict[str, Any]) -> Report:
    return Report(
        created=str(data["created"]),
        oracles=tuple(OracleInfo(**o) for o in data["oracles"]),
        results=tuple(Result(**{**r, "expected": tuple(r["expected"])}) for r in data["results"]),
        unreproducible=tuple((str(c), str(w)) for c, w in data.get("unreproducible", ())),
    )
