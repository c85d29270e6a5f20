"""Whether a working copy is its approved revision: what `verify --record` asks of a scenario.

Verification runs a scenario spec's certificates, servers and browser settings; what it
records becomes the evidence the site publishes. So a spec is content like any other: with
review required, only a working copy whose bytes are its newest approved revision is trusted.
"""

from __future__ import annotations

from collections.abc import Sequence

from generator.config import SiteConfig
from generator.errors import Problem, ReviewError
from generator.review.canonical import sha256_hex, short
from generator.review.model import Verdict
from generator.review.state import open_store
from generator.safe_paths import read_regular


def unapproved_copies(config: SiteConfig, paths: Sequence[str]) -> list[Problem]:
    """One problem per path whose working copy is not its newest approved revision."""
    state = open_store(config)
    problems = []
    for path in paths:
        content = sha256_hex(read_regular(config.root, path, error=ReviewError))
        approved = state.select(path, lambda d: d.verdict is Verdict.APPROVED)
        if approved is not None and approved.content == content:
            continue
        how = f"submit it with `certwarn revise {path}` and have it approved"
        if approved is None:
            why = "has no approved revision"
        else:
            why = f"differs from its approved revision {short(approved.id)}"
        message = f"the working copy {why}; `verify --record` runs only reviewed scenarios: {how}"
        problems.append(Problem(message, path, 1))
    return problems
