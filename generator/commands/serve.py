"""Live preview: build, serve on 127.0.0.1, rebuild when a source changes, reload open pages."""

from __future__ import annotations

import argparse
import sys
import threading
from pathlib import Path

from generator.commands.live.rebuild import Rebuild, watch
from generator.commands.live.server import LiveServer
from generator.commands.live.state import LiveState

RELOAD_WAIT = 1.0
"""Seconds the rebuild loop waits for open pages to reload before indexing for search."""


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--port", type=int, default=8000, help="port to listen on (0: any free one; default 8000)"
    )
    parser.add_argument(
        "--published",
        action="store_true",
        help="serve what `certwarn build` publishes (approved revisions) instead of the "
        "working copy with a draft banner",
    )
    parser.add_argument(
        "--bind",
        default="127.0.0.1",
        metavar="ADDRESS",
        help="address to listen on (default 127.0.0.1: this machine only)",
    )
    parser.add_argument(
        "--allow-host",
        action="append",
        default=[],
        metavar="NAME",
        help="also answer requests for this Host name (127.0.0.1 and localhost always are)",
    )
    parser.add_argument(
        "--no-watch", action="store_true", help="build once and serve; do not rebuild on changes"
    )


def run(args: argparse.Namespace) -> int:
    root: Path = args.root
    rebuild = Rebuild.of(root, args.published)
    state = LiveState()

    def finished(error: str | None) -> None:
        _report(error)
        state.publish(error)
        state.wait_for_reloads(RELOAD_WAIT)  # before the search index takes the CPU

    stop, ready = threading.Event(), threading.Event()
    if not args.no_watch:
        # watching starts before the first build, so no edit falls between the two
        watcher = threading.Thread(target=watch, args=(rebuild, stop, ready, finished))
        watcher.daemon = True
        watcher.start()
        ready.wait()
        if not watcher.is_alive():
            print("warning: cannot watch for changes; serving without rebuilds", file=sys.stderr)
    finished(rebuild.run())
    allowed = frozenset(name.lower() for name in args.allow_host)
    with LiveServer((args.bind, args.port), rebuild.out, state, allowed) as server:
        host, port = args.bind, server.server_address[1]
        what = "the published site" if args.published else "the working copy (draft)"
        print(f"Serving {what} at http://{host}:{port}/ (Ctrl+C stops)", flush=True)
        try:
            server.serve_forever()
        except KeyboardInterrupt:
            print("stopped", file=sys.stderr)
        finally:
            stop.set()
    return 0


def _report(error: str | None) -> None:
    if error is None:
        print("built", file=sys.stderr, flush=True)
    else:
        print(f"build failed: {error}", file=sys.stderr, flush=True)
