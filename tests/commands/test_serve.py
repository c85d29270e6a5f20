"""`certwarn serve` serves the built site on 127.0.0.1 and refuses when nothing is built."""

from __future__ import annotations

import subprocess
import sys
import time
import urllib.request
from pathlib import Path


def test_serve_refuses_before_a_build(project: Path, cli) -> None:  # type: ignore[no-untyped-def]
    run = cli(project, "serve")
    assert run.code == 1
    assert "nothing to serve in build/html; run certwarn build first" in run.err


def test_serve_answers_on_loopback(project: Path, cli) -> None:  # type: ignore[no-untyped-def]
    assert cli(project, "build").code == 0
    command = [
        sys.executable,
        "-m",
        "generator.cli",
        "--root",
        str(project),
        "serve",
        "--port",
        "0",
    ]
    server = subprocess.Popen(command, stdout=subprocess.PIPE, text=True)
    try:
        line = server.stdout.readline()  # type: ignore[union-attr]
        url = line.split(" at ", 1)[1].split(" ", 1)[0]
        assert url.startswith("http://127.0.0.1:")
        deadline = time.monotonic() + 10
        while True:
            try:
                with urllib.request.urlopen(url + "en-US/index.html", timeout=2) as response:
                    assert response.status == 200
                    assert b'<html lang="en-US"' in response.read()
                break
            except OSError:
                assert time.monotonic() < deadline
                time.sleep(0.1)
    finally:
        server.terminate()
        server.wait(timeout=10)
        server.stdout.close()  # type: ignore[union-attr]
