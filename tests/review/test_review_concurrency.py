"""Several `certwarn` processes writing the store at once lose nothing."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path
from subprocess import PIPE

from review_story import Site

from generator.review.history import State
from generator.review.state import open_store

REPO = Path(__file__).resolve().parents[2]
WRITERS = 8


def run_at_once(site: Site, commands: list[list[str]]) -> list[subprocess.CompletedProcess[str]]:
    """Start every `certwarn` command before waiting for any of them."""
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    base = [sys.executable, "-m", "generator.cli", "--root", str(site.root)]
    processes = [
        subprocess.Popen(base + command, cwd=REPO, env=env, text=True, stdout=PIPE, stderr=PIPE)
        for command in commands
    ]
    results = []
    for process, command in zip(processes, commands, strict=True):
        out, err = process.communicate(timeout=120)
        results.append(subprocess.CompletedProcess(command, process.returncode, out, err))
    return results


def articles(site: Site) -> list[str]:
    paths = [f"content/articles/concurrent-{n}.md" for n in range(WRITERS)]
    for n, path in enumerate(paths):
        site.write(path, f"---\ntitle: Article {n}\nsummary: S.\n---\n\nBody {n}.\n")
    return paths


def test_concurrent_revise_commands_all_land(site: Site) -> None:
    paths = articles(site)
    results = run_at_once(
        site, [["revise", path, "--comment", "new", "--creator", "Joni"] for path in paths]
    )
    assert [(r.returncode, r.stderr) for r in results] == [(0, "")] * WRITERS
    assert sorted(rev.path for rev in site.ledger().revisions.values()) == sorted(paths)


def test_concurrent_approvals_all_land(site: Site) -> None:
    revisions = [site.revise(path, 1) for path in articles(site)]
    results = run_at_once(
        site, [["review", "approve", rev.id[:12], "--key", "alice"] for rev in revisions]
    )
    assert [(r.returncode, r.stderr) for r in results] == [(0, "")] * WRITERS
    state = open_store(site.config)
    states = {state.history.state(rev, site.at(10_000)) for rev in revisions}
    assert states == {State.APPROVED}
    assert sorted(site.gate().paths()) == sorted(rev.path for rev in revisions)
