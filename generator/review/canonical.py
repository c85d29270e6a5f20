"""Canonical JSON and SHA-256: the byte forms that ids, hashes and signatures cover."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping
from typing import Any


def canonical_json(value: Mapping[str, Any]) -> str:
    """One line of JSON with sorted keys and no spaces, so equal records give equal bytes."""
    return json.dumps(value, sort_keys=True, separators=(",", ":"), ensure_ascii=False)


def sha256_hex(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def record_id(fields: Mapping[str, Any]) -> str:
    """The content-derived id of a record: the hash of its canonical JSON without `id`."""
    body = {key: value for key, value in fields.items() if key != "id"}
    return sha256_hex(canonical_json(body).encode("utf-8"))


def short(digest: str | None) -> str:
    """The 12-character form of an id or hash that messages and tables show."""
    return digest[:12] if digest else "(none)"
