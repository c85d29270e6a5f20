"""The path policy's calls, as the modules adopting it will use them."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

import generator.safe_paths as safe_paths
from generator.errors import CertwarnError, ReviewError
from generator.safe_paths import (
    check_nesting,
    is_inside,
    read_regular,
    require_inside,
    resolve_inside,
)


@pytest.fixture
def root(tmp_path: Path) -> Path:
    (tmp_path / "build").mkdir()
    (tmp_path / "content").mkdir()
    (tmp_path / "content/a.md").write_text("text")
    return tmp_path


def test_an_output_may_be_required_to_stay_in_build(root: Path) -> None:
    assert resolve_inside(root, "build/html", "site.toml", within="build") == root / "build/html"
    with pytest.raises(CertwarnError) as raised:
        resolve_inside(root, "content/html", "site.toml", line=5, within="build")
    assert str(raised.value) == (
        "site.toml:5: refused a path outside the project's build folder; got 'content/html':"
        " only files inside the project's build folder are used"
    )


def test_require_inside_returns_the_path_it_was_given(root: Path) -> None:
    os.symlink("a.md", root / "content/b.md")
    assert require_inside(root, "content/b.md", error=ReviewError) == "content/b.md"
    os.symlink("/etc", root / "content/etc")
    with pytest.raises(ReviewError):
        require_inside(root, "content/etc/passwd", error=ReviewError)


def test_is_inside_answers_without_raising(root: Path) -> None:
    assert is_inside(root / "content/a.md", root)
    assert not is_inside(root / "../elsewhere", root)
    assert not is_inside(root / "nul\0byte", root)


def test_read_regular_takes_a_smaller_limit(root: Path) -> None:
    assert read_regular(root, "content/a.md", limit=4) == b"text"
    with pytest.raises(CertwarnError) as raised:
        read_regular(root, "content/a.md", limit=3)
    assert str(raised.value) == (
        "content/a.md:1: file is larger than the 3 bytes accepted; got 4 bytes"
    )


def test_brackets_inside_strings_and_comments_do_not_count_as_nesting() -> None:
    check_nesting(
        'x = "' + "[" * 100 + '"\n# ' + "{" * 100 + "\ny = '" + "[" * 100 + "'\n", "s.toml"
    )
    check_nesting('{"a": "\\"' + "[" * 100 + '"}', "report.json")
    with pytest.raises(CertwarnError) as raised:
        check_nesting('{"a":\n' + "[" * 65, "report.json")
    assert str(raised.value) == (
        "report.json:2: lists or tables nested deeper than 64 levels are not accepted"
    )


def test_json_nesting_is_refused_at_the_same_line_as_by_the_general_check() -> None:
    # records are checked by the JSON-only scan, which reads strings whole
    from generator.safe_paths import check_json_nesting, check_nesting

    text = '{"a": "[[[[", "b":\n  [[[\n[1]]]]}'
    for check in (check_nesting, check_json_nesting):
        with pytest.raises(CertwarnError, match="nested deeper than 3 levels") as caught:
            check(text, "r.json", limit=3)
        assert caught.value.line == 2  # the fourth level opens on the second line
        check(text, "r.json", limit=5)


@pytest.mark.parametrize("size", [0, 1, 65535, 65536, 65537, 300_001])
def test_read_regular_reads_a_file_whole_whatever_its_size(root: Path, size: int) -> None:
    data = bytes(range(256)) * (size // 256) + b"x" * (size % 256)
    (root / "content/sized.md").write_bytes(data)
    assert read_regular(root, "content/sized.md") == data
    assert read_regular(root, "content/sized.md", limit=size) == data


def test_a_file_that_grows_after_it_was_measured_is_read_to_its_end_or_refused(
    root: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (root / "content/growing.md").write_bytes(b"y" * 100_000)
    measured = os.fstat

    def smaller(fd: int) -> os.stat_result:  # the size taken before the file grew
        info = list(measured(fd))
        info[6] = 10
        return os.stat_result(info)

    monkeypatch.setattr(safe_paths.os, "fstat", smaller)
    assert read_regular(root, "content/growing.md") == b"y" * 100_000
    with pytest.raises(CertwarnError, match="larger than the 99999 bytes accepted"):
        read_regular(root, "content/growing.md", limit=99_999)
