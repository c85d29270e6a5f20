"""The verification record (`content/_verify/<scenario>.json`): what each client showed for one
scenario, and what the real Firefox page said and looked like per locale.

One JSON file per scenario with sorted keys, so a re-recording diffs as text in review. A
screenshot is named in its record by SHA-256 and size: approving the record approves the image.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import asdict, dataclass
from typing import Any

from generator.errors import VerifyError
from generator.safe_paths import check_json_nesting

RECORD_VERSION = 1


@dataclass(frozen=True, slots=True)
class Check:
    """One page's claim about this client, and how the observation was judged."""

    code: str | None
    """The code page making the claim; None for the control scenario or no page."""
    expected: tuple[str, ...]
    verdict: str
    """A report status: pass, fail, error, differs, recorded."""


@dataclass(frozen=True, slots=True)
class ClientRecord:
    """What one client showed for the scenario."""

    oracle: str
    client: str
    """Human name, e.g. `Firefox ESR`."""
    version: str | None
    observed: str | None
    """The client's code, `OK`, or None when nothing could be observed."""
    date: str
    """ISO date of the observation."""
    checks: tuple[Check, ...]

    @property
    def browser(self) -> str:
        return f"{self.client} {self.version}" if self.version else self.client


@dataclass(frozen=True, slots=True)
class Shot:
    """A committed screenshot, named by its content."""

    path: str
    """Project-relative, under `content/_verify/screenshots/`."""
    sha256: str
    bytes: int
    width: int
    height: int


@dataclass(frozen=True, slots=True)
class PageRecord:
    """The real Firefox error page of the scenario in one site locale."""

    locale: str
    ui_locale: str
    version: str
    code: str
    title: str
    heading: str
    buttons: tuple[str, ...]
    advanced_buttons: tuple[str, ...]
    date: str
    screenshot: Shot | None


@dataclass(frozen=True, slots=True)
class ScenarioRecord:
    """Everything recorded for one scenario."""

    scenario: str
    scenario_sha256: str
    """SHA-256 of `content/scenarios/<id>.toml` when it was recorded."""
    clients: tuple[ClientRecord, ...]
    pages: tuple[PageRecord, ...]

    @property
    def recorded(self) -> str:
        """The oldest observation date: the record is as fresh as its stalest part."""
        return min((c.date for c in self.clients), default="")

    def client(self, oracle: str) -> ClientRecord | None:
        return next((c for c in self.clients if c.oracle == oracle), None)

    def page(self, locale: str) -> PageRecord | None:
        return next((p for p in self.pages if p.locale == locale), None)


def scenario_sha256(scenario_file: bytes) -> str:
    return hashlib.sha256(scenario_file).hexdigest()


def record_to_json(record: ScenarioRecord) -> str:
    data = {"version": RECORD_VERSION, **asdict(record)}
    return json.dumps(data, indent=2, sort_keys=True, ensure_ascii=False) + "\n"


def parse_record(text: str, path: str) -> ScenarioRecord:
    """A record from its JSON; anything malformed is a VerifyError naming the file.

    A build reads each record for its evidence, its change key and its label checks, and the
    live preview on every rebuild: a text already parsed gives the same (frozen) record."""
    key = (path, hashlib.sha256(text.encode("utf-8")).digest())
    found = _PARSED.get(key)
    if found is None:
        found = _parse_record(text, path)
        if len(_PARSED) >= _PARSED_KEPT:
            _PARSED.clear()
        _PARSED[key] = found
    return found


_PARSED: dict[tuple[str, bytes], ScenarioRecord] = {}
_PARSED_KEPT = 1024
"""Parsed records kept (a few hundred KB for the shipped site's records)."""


def _parse_record(text: str, path: str) -> ScenarioRecord:
    check_json_nesting(text, path, error=VerifyError)  # before json recurses past the stack
    try:
        data = json.loads(text)
        if data.get("version") != RECORD_VERSION:
            raise ValueError(f"expected version {RECORD_VERSION}, got {data.get('version')!r}")
        return _record(data)
    except json.JSONDecodeError as e:
        raise VerifyError(f"not valid JSON: {e.msg}", path, e.lineno) from e
    except (ValueError, KeyError, TypeError, AttributeError) as e:
        message = f"not a certwarn verification record ({type(e).__name__}: {e})"
        raise VerifyError(f"{message}; record it again with certwarn verify --record", path) from e


def _record(data: dict[str, Any]) -> ScenarioRecord:
    return ScenarioRecord(
        scenario=str(data["scenario"]),
        scenario_sha256=str(data["scenario_sha256"]),
        clients=tuple(_client(c) for c in data["clients"]),
        pages=tuple(_page(p) for p in data["pages"]),
    )


def _client(data: dict[str, Any]) -> ClientRecord:
    checks = tuple(
        Check(c["code"], tuple(map(str, c["expected"])), str(c["verdict"])) for c in data["checks"]
    )
    return ClientRecord(
        str(data["oracle"]),
        str(data["client"]),
        data["version"],
        data["observed"],
        str(data["date"]),
        checks,
    )


def _page(data: dict[str, Any]) -> PageRecord:
    shot = data["screenshot"]
    return PageRecord(
        locale=str(data["locale"]),
        ui_locale=str(data["ui_locale"]),
        version=str(data["version"]),
        code=str(data["code"]),
        title=str(data["title"]),
        heading=str(data["heading"]),
        buttons=tuple(map(str, data["buttons"])),
        advanced_buttons=tuple(map(str, data["advanced_buttons"])),
        date=str(data["date"]),
        screenshot=None if shot is None else Shot(**shot),
    )
