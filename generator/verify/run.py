"""A verification run: serve each claimed scenario, ask every oracle, judge the answers."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from functools import partial
from pathlib import Path

from generator.verify.expect import GATING_ORACLES, Claim, judge
from generator.verify.oracles.base import NOT_CHECKED, Observation, Oracle
from generator.verify.report import OracleInfo, Report, Result
from generator.verify.serve import Target, serve
from generator.verify.spec import Scenario

Progress = Callable[[str], None]
"""Receives one line per step; the command prints it, tests ignore it."""


def silent(_line: str) -> None:
    """A progress callback that drops every line."""


@dataclass(frozen=True, slots=True)
class Plan:
    """What to verify: claims, the scenarios they name, and the codes that cannot be."""

    claims: tuple[Claim, ...]
    scenarios: Mapping[str, Scenario]
    unreproducible: tuple[tuple[str, str], ...] = ()

    def scenario_ids(self) -> list[str]:
        return list(dict.fromkeys(claim.scenario for claim in self.claims))


def run_verification(
    plan: Plan,
    oracles: Sequence[Oracle],
    out_dir: Path,
    progress: Progress = silent,
    workers: int = 1,
) -> Report:
    """Serve each scenario once under `out_dir/<id>/` and ask each available oracle about it;
    `workers` scenarios run at the same time, each with its own servers and browsers."""
    infos = {o.name: _info(o) for o in oracles}
    today = dt.datetime.now(dt.UTC).date().isoformat()

    def one(scenario_id: str) -> list[Result]:
        return _scenario_results(plan, scenario_id, oracles, infos, out_dir, progress, today)

    with ThreadPoolExecutor(max_workers=max(1, workers)) as pool:
        per_scenario = list(pool.map(one, plan.scenario_ids()))
    created = dt.datetime.now(dt.UTC).isoformat(timespec="seconds")
    results = tuple(r for rs in per_scenario for r in rs)
    return Report(created, tuple(infos.values()), results, plan.unreproducible)


def _scenario_results(
    plan: Plan,
    scenario_id: str,
    oracles: Sequence[Oracle],
    infos: dict[str, OracleInfo],
    out_dir: Path,
    progress: Progress,
    today: str,
) -> list[Result]:
    claims = [c for c in plan.claims if c.scenario == scenario_id]
    results: list[Result] = []
    progress(f"{scenario_id}: generating certificates and starting servers")
    with serve(plan.scenarios[scenario_id], out_dir / scenario_id) as target:
        for oracle in oracles:
            observation = None
            if infos[oracle.name].unavailable is not None:
                pass
            elif (reason := oracle.unchecked(target.scenario)) is not None:
                observation = Observation(NOT_CHECKED, reason)
            else:
                progress(f"{scenario_id}: asking {oracle.label}")
                observation = _asked_responder(target, partial(_ask, oracle, target))
            results += [_result(c, infos[oracle.name], observation, today) for c in claims]
    return results


def _asked_responder(target: Target, ask: Callable[[], Observation]) -> Observation:
    """The observation, saying whether the client asked the scenario's OCSP responder."""
    if target.responder is None:
        return ask()
    before = target.responder.requests
    observation = ask()
    count = target.responder.requests - before
    asked = f"asked the OCSP responder {count} times" if count else "did not ask the OCSP responder"
    detail = f"{observation.detail}; {asked}" if observation.detail else asked
    return Observation(observation.observed, detail, count)


def _info(oracle: Oracle) -> OracleInfo:
    reason = oracle.unavailable()
    version = oracle.version() if reason is None else None
    return OracleInfo(oracle.name, oracle.label, version, reason)


def _ask(oracle: Oracle, target: Target) -> Observation:
    # A browser that crashes or hangs on one scenario must not stop the others: whatever
    # it raises becomes an observation of nothing, which the report shows as an error.
    try:
        return oracle.observe(target)
    except Exception as e:  # noqa: BLE001
        return Observation(None, f"{type(e).__name__}: {e}".strip())


def _result(claim: Claim, info: OracleInfo, observation: Observation | None, today: str) -> Result:
    checked = observation is None or observation.observed != NOT_CHECKED
    return Result(
        code=claim.code,
        scenario=claim.scenario,
        oracle=info.name,
        client=info.label,
        version=info.version,
        observed=observation.observed if observation else None,
        expected=claim.expected_for(info.name) if checked else (),
        status=judge(claim, info.name, observation),
        gating=info.name in GATING_ORACLES,
        detail=observation.detail if observation else info.unavailable or "",
        date=today,
    )
