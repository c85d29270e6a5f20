"""The build cache file: what one build leaves for the next."""

from __future__ import annotations

import os
import pickle
import random
from pathlib import Path

import pytest

import generator.build.cache as build_cache
from generator.atomic import write_sealed
from generator.build.cache import BuildCache, LocaleRecord, load_cache, save_cache
from generator.errors import Problem
from generator.l10n.stats import DocStats
from generator.render.pages import PageInfo


def a_cache(key: str) -> BuildCache:
    record = LocaleRecord(key, (), (), (), shown_digests={"theme": "t"})
    return BuildCache(key, {"de": record}, {"content/a.md": ("1:2", "d")})


def test_a_saved_cache_loads_as_it_was_saved(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "cache.pickle"
    save_cache(path, a_cache("one"))
    monkeypatch.setattr(build_cache, "_SAVED", {})  # as another process reads it
    assert load_cache(path) == a_cache("one")


def test_what_this_process_saved_is_not_parsed_again(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "cache.pickle"
    save_cache(path, a_cache("one"))

    def no_parse(*args: object, **kwargs: object) -> object:
        raise AssertionError("the cache file was parsed again")

    monkeypatch.setattr(build_cache, "read_plain", no_parse)
    assert load_cache(path) == a_cache("one")


def test_a_cache_file_changed_by_another_process_is_read_again(tmp_path: Path) -> None:
    path = tmp_path / "cache.pickle"
    save_cache(path, a_cache("one"))
    other = tmp_path / "other.pickle"
    save_cache(other, a_cache("two"))
    os.replace(other, path)  # another build's atomic write
    assert load_cache(path) == a_cache("two")
    path.write_text("damaged")
    assert load_cache(path) is None


class Planted:
    """Stands for any callable a planted pickle could name."""

    def __reduce__(self) -> tuple[object, tuple[str]]:
        return (os.system, ("touch planted-by-cache",))


def test_a_cache_file_that_names_code_is_damaged_and_nothing_in_it_runs(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    path = tmp_path / "cache.pickle"
    write_sealed(path, pickle.dumps({"format": build_cache.CACHE_FORMAT, "key": Planted()}))
    assert load_cache(path) is None
    assert not (tmp_path / "planted-by-cache").exists()


def a_full_cache() -> BuildCache:
    pages = tuple(
        PageInfo(f"de/codes/C{n}.html", f"{n:064x}", "code", f"C{n}", "de", f"Title {n}")
        for n in range(40)
    )
    stats = (DocStats("de", "codes/C1", 3, 1, 2),)
    record = LocaleRecord(
        "k", pages, stats, (Problem("odd", "content/a.md", 3),), "c", {"theme": "t"}, {"a": "b"}
    )
    return BuildCache("key", {"de": record}, {"content/a.md": ("1:2", "d")})


def test_a_mangled_cache_file_reads_as_no_cache_or_as_plain_values(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "cache.pickle"
    save_cache(path, a_full_cache())
    monkeypatch.setattr(build_cache, "_SAVED", {})
    whole = path.read_bytes()
    chance = random.Random(16)
    for _ in range(3000):
        mangled = bytearray(whole[: chance.randrange(1, len(whole) + 1)])
        for _ in range(chance.randrange(1, 4)):
            mangled[chance.randrange(len(mangled))] = chance.randrange(256)
        path.write_bytes(bytes(mangled))
        found = load_cache(path)  # never raises
        assert found is None or isinstance(found, BuildCache)


@pytest.mark.parametrize(
    "shape",
    [
        {"locales": [], "files": {}},
        {"locales": {"de": []}, "files": {}},
        {"locales": {"de": {"pages": 3}}, "files": {}},
        {"locales": {}, "files": {"content/a.md": 1}},
    ],
)
def test_a_cache_of_this_format_with_other_shapes_is_no_cache(
    tmp_path: Path, shape: dict[str, object]
) -> None:
    path = tmp_path / "cache.pickle"
    write_sealed(path, pickle.dumps({"format": build_cache.CACHE_FORMAT, "key": "k", **shape}))
    assert load_cache(path) is None


def test_a_record_whose_bytes_changed_reads_as_missing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "cache.pickle"
    save_cache(path, a_cache("one"))
    data = bytearray(path.read_bytes())
    at = data.index(b"one")
    data[at : at + 3] = b"two"  # still a valid pickle, of other values
    path.write_bytes(bytes(data))
    assert pickle.loads(bytes(data[32:]))["key"] == "two"
    monkeypatch.setattr(build_cache, "_SAVED", {})
    assert load_cache(path) is None
