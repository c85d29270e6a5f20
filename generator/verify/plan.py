"""Which scenarios to run for which code pages, read from the pages' front matter."""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import Protocol

from generator.errors import VerifyError
from generator.safe_paths import read_regular
from generator.verify.expect import (
    CONTROL_SCENARIO,
    Claim,
    control_claim,
    page_claim,
    scenario_claim,
)
from generator.verify.run import Plan
from generator.verify.spec import Scenario
from generator.verify.spec_load import id_problem, load_scenario, scenario_ids


class Equivalents(Protocol):
    @property
    def chromium(self) -> tuple[str, ...]: ...
    @property
    def openssl(self) -> tuple[str, ...]: ...


class CodePage(Protocol):
    """What verification reads from a code page (the content loader's `CodeDoc`)."""

    @property
    def code(self) -> str: ...
    @property
    def path(self) -> str: ...
    @property
    def scenario(self) -> str | None: ...
    @property
    def unreproducible(self) -> str | None: ...
    @property
    def equivalents(self) -> Equivalents: ...


def select_scenarios(
    root: Path, pages: Mapping[str, CodePage], codes: Sequence[str]
) -> tuple[list[CodePage], list[Scenario]]:
    """For `--code`: the pages with those codes, and the scenarios no page names that expect
    them in Firefox; a code neither has is an error listing every known code."""
    named = {page.scenario for page in pages.values()}
    loose = [load_scenario(root, sid) for sid in scenario_ids(root) if sid not in named]
    expected = {s.expected("firefox"): s for s in loose}
    unknown = [code for code in codes if code not in pages and code not in expected]
    if unknown:
        known = ", ".join(sorted({*pages, *(c for c in expected if c)})) or "none"
        raise VerifyError(
            f"no code page or scenario for {', '.join(unknown)}; known codes: {known}"
        )
    chosen = [s for s in loose if s.expected("firefox") in codes]
    return [pages[code] for code in codes if code in pages], chosen


def make_plan(
    root: Path,
    pages: Iterable[CodePage],
    with_control: bool,
    loose: Iterable[Scenario] = (),
) -> Plan:
    """Claims of each page with a scenario (plus the control), their scenarios loaded, and
    the claims of `loose` scenarios (those no page names) from their own `expect`."""
    """Claims of each page with a scenario (plus the control), their scenarios loaded."""
    claims: list[Claim] = []
    unreproducible: list[tuple[str, str]] = []
    scenarios: dict[str, Scenario] = {}
    for page in pages:
        if page.scenario is None:
            unreproducible.append((page.code, page.unreproducible or "no scenario given"))
            continue
        scenarios[page.scenario] = _load_for(root, page)
        eq = page.equivalents
        claims.append(page_claim(page.code, page.path, page.scenario, eq.chromium, eq.openssl))
    if with_control and CONTROL_SCENARIO in scenario_ids(root):
        claims.append(control_claim())
        scenarios[CONTROL_SCENARIO] = load_scenario(root, CONTROL_SCENARIO)
    for scenario in loose:
        if scenario.id not in scenarios:
            claims.append(scenario_claim(scenario))
            scenarios[scenario.id] = scenario
    return Plan(tuple(claims), scenarios, tuple(unreproducible))


def all_scenarios(root: Path, pages: Iterable[CodePage]) -> list[Scenario]:
    """For `--all`: every scenario in the project that no page names."""
    named = {page.scenario for page in pages}
    return [load_scenario(root, sid) for sid in scenario_ids(root) if sid not in named]


def _load_for(root: Path, page: CodePage) -> Scenario:
    assert page.scenario is not None
    if problem := id_problem(page.scenario):
        raise VerifyError(problem, page.path, _line_of_key(root, page.path, "scenario"))
    if page.scenario not in scenario_ids(root):
        line = _line_of_key(root, page.path, "scenario")
        known = ", ".join(scenario_ids(root)) or "none"
        message = f"scenario {page.scenario!r} has no file content/scenarios/{page.scenario}.toml"
        raise VerifyError(f"{message}; known scenarios: {known}", page.path, line)
    return load_scenario(root, page.scenario)


def _line_of_key(root: Path, relative: str, key: str) -> int | None:
    """The line of `key` in a page the content loader read already (by the path policy)."""
    try:
        text = read_regular(root, relative, error=VerifyError).decode("utf-8")
    except (VerifyError, UnicodeDecodeError):
        return None
    match = re.search(rf"^{key}:", text, re.MULTILINE)
    return text.count("\n", 0, match.start()) + 1 if match else None
