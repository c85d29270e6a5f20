"""Reviewers' Ed25519 key pairs: the private key in the user's config folder, mode 0600."""

from __future__ import annotations

import base64
import binascii
import os
import re
from dataclasses import dataclass
from pathlib import Path

from cryptography.exceptions import UnsupportedAlgorithm
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey

from generator.atomic import create_exclusive
from generator.errors import ReviewError

KEY_PREFIX = "ed25519:"
NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]*$")


@dataclass(frozen=True, slots=True)
class KeyPair:
    """A reviewer's private key as loaded from disk, and its public form."""

    name: str
    path: Path
    private: Ed25519PrivateKey

    @property
    def public(self) -> str:
        return public_key_text(self.private.public_key())


def config_home() -> Path:
    """`$CERTWARN_CONFIG_HOME`, else `$XDG_CONFIG_HOME/certwarn`, else `~/.config/certwarn`."""
    if explicit := os.environ.get("CERTWARN_CONFIG_HOME"):
        return Path(explicit)
    if xdg := os.environ.get("XDG_CONFIG_HOME"):
        return Path(xdg) / "certwarn"
    return Path.home() / ".config" / "certwarn"


def keys_dir() -> Path:
    return config_home() / "keys"


def key_path(name: str) -> Path:
    if not NAME.match(name):
        raise ReviewError(f"key name: expected letters, digits, '.', '_' or '-', got {name!r}")
    return keys_dir() / f"{name}.pem"


def generate_key(name: str) -> KeyPair:
    """Create a new key pair named `name`; refuse to replace an existing key."""
    path = key_path(name)
    private = Ed25519PrivateKey.generate()
    pem = private.private_bytes(
        serialization.Encoding.PEM,
        serialization.PrivateFormat.PKCS8,
        serialization.NoEncryption(),
    )
    path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    try:
        create_exclusive(path, pem, 0o600)
    except FileExistsError as e:
        raise ReviewError(f"a key named {name!r} exists already; not replacing it", path) from e
    return KeyPair(name, path, private)


def load_key(name: str | None) -> KeyPair:
    """The named private key; without a name, `$CERTWARN_KEY` or the only key there is."""
    name = name or os.environ.get("CERTWARN_KEY") or _only_key()
    path = key_path(name)
    try:
        private = serialization.load_pem_private_key(path.read_bytes(), password=None)
    except FileNotFoundError as e:
        raise ReviewError(f"no key named {name!r}; looked for {path}", path) from e
    except (ValueError, TypeError, UnsupportedAlgorithm) as e:
        raise ReviewError(f"not an unencrypted PEM private key: {e}", path) from e
    if not isinstance(private, Ed25519PrivateKey):
        raise ReviewError(f"expected an Ed25519 key, got {type(private).__name__}", path)
    return KeyPair(name, path, private)


def public_key_text(key: Ed25519PublicKey) -> str:
    raw = key.public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)
    return KEY_PREFIX + base64.b64encode(raw).decode("ascii")


def parse_public_key(text: str) -> Ed25519PublicKey:
    """Read `ed25519:<base64 of 32 bytes>`; raise ValueError for anything else."""
    if not text.startswith(KEY_PREFIX):
        raise ValueError(f"expected a key starting with {KEY_PREFIX!r}, got {text!r}")
    try:
        raw = base64.b64decode(text[len(KEY_PREFIX) :], validate=True)
        return Ed25519PublicKey.from_public_bytes(raw)
    except (binascii.Error, ValueError) as e:
        raise ValueError(f"expected the base64 of a 32-byte Ed25519 key, got {text!r}") from e


def _only_key() -> str:
    names = sorted(path.stem for path in keys_dir().glob("*.pem"))
    if len(names) == 1:
        return names[0]
    if not names:
        raise ReviewError(
            f"no review key found in {keys_dir()}; create one with `certwarn review keygen NAME`"
        )
    raise ReviewError(f"several review keys ({', '.join(names)}); choose one with --key NAME")
