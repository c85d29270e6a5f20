"""Serve the built site on 127.0.0.1 for a look in a browser."""

from __future__ import annotations

import argparse
import functools
import http.server
import sys

from generator.config import load_config
from generator.errors import ConfigError


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--port", type=int, default=8000, help="port on 127.0.0.1 (0: any free one)"
    )
    parser.add_argument("--preview", action="store_true", help="serve build/preview instead")


def run(args: argparse.Namespace) -> int:
    config = load_config(args.root)
    folder = config.build_dir / "preview" if args.preview else config.output
    if not (folder / "index.html").is_file():
        command = "certwarn build --preview" if args.preview else "certwarn build"
        raise ConfigError(f"nothing to serve in {config.rel(folder)}; run {command} first")
    handler = functools.partial(QuietHandler, directory=str(folder))
    with http.server.ThreadingHTTPServer(("127.0.0.1", args.port), handler) as server:
        port = server.server_address[1]
        print(f"Serving {config.rel(folder)} at http://127.0.0.1:{port}/ (Ctrl+C stops)")
        sys.stdout.flush()
        try:
            server.serve_forever()
        except KeyboardInterrupt:
            print("stopped", file=sys.stderr)
    return 0


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    """Logs only failed requests."""

    def log_request(self, code: int | str = "-", size: int | str = "-") -> None:
        if str(code).startswith(("4", "5")):
            super().log_request(code, size)
