"""A build reads and checks the review store once: its gate, dashboard and histories share it."""

from __future__ import annotations

from collections import Counter

import pytest
from review_story import Site

from generator.review.store import Store


def test_a_build_reads_the_log_and_each_object_once(
    approved_site: Site, monkeypatch: pytest.MonkeyPatch
) -> None:
    loads: list[str] = []
    reads: Counter[str] = Counter()
    load, read = Store.load, Store.read
    monkeypatch.setattr(Store, "load", lambda self: loads.append("log") or load(self))
    monkeypatch.setattr(
        Store,
        "read",
        lambda self, ledger, revision: (
            reads.update([revision.content]) or read(self, ledger, revision)
        ),
    )
    run = approved_site.cli("build")
    assert run.code == 0, run.err
    assert loads == ["log"]
    assert reads and max(reads.values()) == 1
    assert list((approved_site.root / "build/html/en-US/history").glob("*.html"))  # histories shown
