"""The live preview's shared state: open pages learn of each build, and work that can wait
(the search index) waits until they have reloaded."""

from __future__ import annotations

import threading
import time

from generator.commands.live.state import LiveState


def test_with_no_page_open_nothing_waits_for_a_reload() -> None:
    state = LiveState()
    state.publish(None)
    started = time.monotonic()
    assert state.wait_for_reloads(5.0)
    assert time.monotonic() - started < 1.0


def test_the_index_waits_until_every_open_page_has_reloaded() -> None:
    state = LiveState()
    opened = threading.Event()
    close = threading.Event()

    def open_page() -> None:
        with state.listening():
            opened.set()
            close.wait()

    pages = [threading.Thread(target=open_page) for _ in range(2)]
    for page in pages:
        page.start()
        opened.wait()
        opened.clear()
    state.publish(None)
    assert not state.wait_for_reloads(0.05), "two pages are open and none has reloaded"
    state.page_served()
    assert not state.wait_for_reloads(0.05), "one page is still to reload"
    threading.Timer(0.05, state.page_served).start()
    assert state.wait_for_reloads(5.0)
    close.set()
    for page in pages:
        page.join()


def test_a_page_that_never_reloads_holds_the_index_up_only_until_the_timeout() -> None:
    state = LiveState()
    with state.listening():
        state.publish(None)
        started = time.monotonic()
        assert not state.wait_for_reloads(0.2)
        assert 0.15 < time.monotonic() - started < 2.0
