"""What `certwarn status` lists about the published verification evidence."""

from __future__ import annotations

import datetime as dt

from generator.config import SiteConfig
from generator.content.sources import SourceTree
from generator.render.evidence import read_evidence


def evidence_notes(config: SiteConfig, tree: SourceTree, codes: dict[str, str | None]) -> list[str]:
    """One line per code page whose published evidence is stale, and per problem with it:
    what `certwarn status` lists under "Verification evidence"."""
    evidence = read_evidence(config, tree, codes, dt.datetime.now(dt.UTC).date())
    lines = []
    for code, scenario in sorted(codes.items()):
        shown = evidence.for_code(code, scenario)
        if shown is None:
            continue
        if shown.scenario_changed:
            lines.append(f"{code}: content/scenarios/{shown.scenario}.toml changed since recorded")
        if shown.too_old:
            days = evidence.max_age_days
            lines.append(f"{code}: recorded {shown.recorded}, more than {days} days ago")
    return lines + [f"{p.path}: {p.message}" for p in evidence.problems]
