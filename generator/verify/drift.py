"""Drift: what the browsers show now, against the approved record of the same scenario."""

from __future__ import annotations

from collections.abc import Sequence

from generator.verify.expect import GATING_ORACLES, Claim
from generator.verify.observed import FirefoxPage
from generator.verify.record import ScenarioRecord
from generator.verify.record_paths import record_path
from generator.verify.report import Result


def record_claims(record: ScenarioRecord) -> tuple[Claim, ...]:
    """The claims the record was judged against, to run the scenario again the same way."""
    codes = dict.fromkeys(check.code for client in record.clients for check in client.checks)
    return tuple(
        Claim(
            code,
            None,
            record.scenario,
            tuple(
                (client.oracle, check.expected)
                for client in record.clients
                for check in client.checks
                if check.code == code
            ),
        )
        for code in codes
    )


def drift(
    record: ScenarioRecord, results: Sequence[Result], pages: Sequence[FirefoxPage]
) -> list[str]:
    """One message per difference in a browser's code, page title, heading or buttons; a new
    version that shows the same is no difference. Each says how to record again."""
    found: list[str] = []
    for client in record.clients:
        if client.oracle not in GATING_ORACLES:
            continue
        now = next((r for r in results if r.oracle == client.oracle), None)
        if now is None or now.status == "unavailable":
            found.append(f"{client.client} did not run here ({now.detail if now else 'not asked'})")
        elif now.observed != client.observed:
            found.append(
                f"{now.browser} showed {now.observed}; the approved record has {client.observed}"
                f" from {client.browser}"
            )
    for old in record.pages:
        new = next((p for p in pages if p.locale == old.locale), None)
        if new is None:
            found.append(f"the Firefox page in {old.locale} could not be read again")
            continue
        for name in ("code", "title", "heading", "buttons", "advanced_buttons"):
            was, now_shown = getattr(old, name), getattr(new, name)
            if was != now_shown:
                found.append(
                    f"Firefox {new.version} in {old.locale}: {name} is {now_shown!r}; "
                    f"the approved record has {was!r} from Firefox {old.version}"
                )
    how = (
        f"if the change is expected, record again with `certwarn verify --record`, then "
        f"`certwarn revise {record_path(record.scenario)}` and approve it"
    )
    return [f"{record.scenario}: {line}; {how}" for line in found]
