"""Timing a command in a child process, with the peak memory of its whole process tree."""

from __future__ import annotations

import os
import resource
import subprocess
import threading
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import psutil


@dataclass(frozen=True, slots=True)
class Run:
    """One measured command."""

    seconds: float
    peak_rss_mb: float
    """Largest sum of the memory of the process and its children, sampled every 20 ms: their
    proportional set sizes (PSS) where the system reports them, so a page a forked worker
    shares with its parent counts once, as it is in memory once (else resident sizes)."""
    cpu_seconds: float = 0.0
    """User and system CPU time of the process and every child it waited for."""


def measure(command: Sequence[str], cwd: Path, apart: str = "") -> Run:
    """Run `command`, failing loudly if it fails; return its wall and CPU time, peak tree RSS.

    Processes whose name starts with `apart` (the search indexer) are left out of the peak:
    their cost is reported in its own row."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    process = subprocess.Popen(
        command, cwd=cwd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=_environment()
    )
    peak = _watch(process.pid, apart)
    out, err = process.communicate()
    seconds = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    peak.stop()
    if process.returncode != 0:
        raise RuntimeError(f"{' '.join(command)} failed:\n{err.decode(errors='replace')[-2000:]}")
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return Run(seconds, peak.megabytes, cpu)


def _environment() -> dict[str, str]:
    """The environment a user's shell gives: Python keeps compiled modules (a sandbox that
    sets PYTHONDONTWRITEBYTECODE would make every run compile certwarn's modules again)."""
    return {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}


class _Peak(threading.Thread):
    def __init__(self, pid: int, apart: str):
        super().__init__(daemon=True)
        self.pid = pid
        self.apart = apart
        self.megabytes = 0.0
        self.running = True

    def run(self) -> None:
        try:
            root = psutil.Process(self.pid)
        except psutil.Error:
            return
        while self.running:
            try:
                tree = [root, *root.children(recursive=True)]
                counted = [p for p in tree if not (self.apart and p.name().startswith(self.apart))]
                total = sum(_memory(p) for p in counted if p.is_running())
            except psutil.Error:
                total = 0
            self.megabytes = max(self.megabytes, total / 2**20)
            time.sleep(0.02)

    def stop(self) -> None:
        self.running = False
        self.join()


def _memory(process: psutil.Process) -> int:
    full = process.memory_full_info()
    return int(getattr(full, "pss", full.rss))


def _watch(pid: int, apart: str) -> _Peak:
    peak = _Peak(pid, apart)
    peak.start()
    return peak
