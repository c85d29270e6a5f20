"""The build knows the evidence changed without parsing a record: any record text, scenario
file or screenshot that changes changes the key, and nothing else does."""

from __future__ import annotations

import os
from pathlib import Path

from generator.config import load_config
from generator.content.sources import HashedTree, WorkingTree
from generator.render.evidence import evidence_key
from generator.verify.record_paths import SHOT_DIR


def key(project: Path) -> str:
    return evidence_key(load_config(project), HashedTree(WorkingTree(project), {}))


def test_the_key_stays_while_nothing_changes(project: Path) -> None:
    assert key(project) == key(project)


def test_a_screenshot_rewritten_with_its_size_and_times_put_back_changes_the_key(
    project: Path,
) -> None:
    shot = project / SHOT_DIR / "en-US" / "expired.png"
    shot.parent.mkdir(parents=True, exist_ok=True)
    shot.write_bytes(b"\x89PNG one")
    before = key(project)
    times = shot.stat()
    shot.write_bytes(b"\x89PNG two")
    os.utime(shot, ns=(times.st_atime_ns, times.st_mtime_ns))
    assert key(project) != before


def test_a_changed_scenario_or_record_changes_the_key(project: Path) -> None:
    scenario = project / "content/scenarios/expired.toml"
    scenario.parent.mkdir(parents=True, exist_ok=True)
    scenario.write_text('code = "SEC_ERROR_EXPIRED_CERTIFICATE"\n')
    first = key(project)
    scenario.write_text('code = "SEC_ERROR_EXPIRED_CERTIFICATE"\n# edited\n')
    second = key(project)
    record = project / "content/_verify/expired.json"
    record.parent.mkdir(parents=True, exist_ok=True)
    record.write_text("{}\n")
    assert len({first, second, key(project)}) == 3
