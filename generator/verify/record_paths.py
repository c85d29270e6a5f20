"""Where the verification record lives: one JSON file per scenario under `content/_verify/`,
its screenshots under `content/_verify/screenshots/<locale>/` (a build looks them up by
name before it reads any record)."""

from __future__ import annotations

RECORD_DIR = "content/_verify"
SHOT_DIR = f"{RECORD_DIR}/screenshots"


def record_path(scenario: str) -> str:
    return f"{RECORD_DIR}/{scenario}.json"


def shot_path(locale: str, scenario: str) -> str:
    return f"{SHOT_DIR}/{locale}/{scenario}.png"


def is_record(path: str) -> bool:
    """A record file (`content/_verify/<id>.json`), not a screenshot or other file."""
    name = path.removeprefix(f"{RECORD_DIR}/")
    return path.startswith(f"{RECORD_DIR}/") and "/" not in name and name.endswith(".json")
