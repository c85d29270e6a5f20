"""NSS certificate databases (`certutil` from libnss3-tools) that trust a scenario's roots."""

from __future__ import annotations

import subprocess
from pathlib import Path

from cryptography import x509
from cryptography.hazmat.primitives import serialization

from generator.errors import VerifyError
from generator.verify.oracles.base import find_program

SSL_TRUSTED_CA = "CT,,"
"""certutil trust flags: a CA trusted to issue TLS server certificates."""


def certutil() -> Path | None:
    return find_program("certutil", "/usr/bin/certutil")


def create_nss_db(directory: Path, roots: list[x509.Certificate]) -> None:
    """An empty-password `sql:` database in `directory` with each root trusted for TLS."""
    program = certutil()
    if program is None:
        raise VerifyError("certutil not found; install libnss3-tools (make system-deps)")
    directory.mkdir(parents=True, exist_ok=True)
    _run([str(program), "-N", "-d", f"sql:{directory}", "--empty-password"])
    for index, root in enumerate(roots):
        pem = directory / f"root-{index}.pem"
        pem.write_bytes(root.public_bytes(serialization.Encoding.PEM))
        _run(
            [
                str(program),
                "-A",
                "-d",
                f"sql:{directory}",
                "-t",
                SSL_TRUSTED_CA,
                "-n",
                f"certwarn-root-{index}",
                "-i",
                str(pem),
            ]
        )
        pem.unlink()


def _run(command: list[str]) -> None:
    result = subprocess.run(command, capture_output=True, text=True, check=False)
    if result.returncode != 0:
        output = (result.stderr or result.stdout).strip()
        raise VerifyError(f"certutil failed: {' '.join(command)}: {output}")
