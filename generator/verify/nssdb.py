"""NSS certificate databases (`certutil` from libnss3-tools) that trust a scenario's roots."""

from __future__ import annotations

import subprocess
from collections.abc import Sequence
from pathlib import Path

from cryptography import x509
from cryptography.hazmat.primitives import serialization

from generator.errors import VerifyError
from generator.verify.oracles.base import find_program

SSL_TRUSTED_CA = "CT,,"
"""certutil trust flags: a CA trusted to issue TLS server certificates."""
DISTRUSTED = "p,p,p"
"""certutil trust flags: explicitly distrusted ("prohibited") for every use."""


def certutil() -> Path | None:
    return find_program("certutil", "/usr/bin/certutil")


def create_nss_db(
    directory: Path, roots: Sequence[x509.Certificate], distrusted: Sequence[x509.Certificate] = ()
) -> None:
    """An empty-password `sql:` database in `directory` with each root trusted for TLS and
    each of `distrusted` marked as explicitly distrusted."""
    program = certutil()
    if program is None:
        raise VerifyError("certutil not found; install libnss3-tools (make system-deps)")
    directory.mkdir(parents=True, exist_ok=True)
    _run([str(program), "-N", "-d", f"sql:{directory}", "--empty-password"])
    entries = [(f"certwarn-root-{i}", c, SSL_TRUSTED_CA) for i, c in enumerate(roots)]
    entries += [(f"certwarn-distrusted-{i}", c, DISTRUSTED) for i, c in enumerate(distrusted)]
    for nickname, cert, trust in entries:
        pem = directory / f"{nickname}.pem"
        pem.write_bytes(cert.public_bytes(serialization.Encoding.PEM))
        database = f"sql:{directory}"
        _run([str(program), "-A", "-d", database, "-t", trust, "-n", nickname, "-i", str(pem)])
        pem.unlink()


def _run(command: list[str]) -> None:
    result = subprocess.run(command, capture_output=True, text=True, check=False)
    if result.returncode != 0:
        output = (result.stderr or result.stdout).strip()
        raise VerifyError(f"certutil failed: {' '.join(command)}: {output}")
