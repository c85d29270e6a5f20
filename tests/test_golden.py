"""A fresh build of the golden site equals tests/golden/ file by file (`make golden`)."""

from __future__ import annotations

from pathlib import Path

from golden_site import GOLDEN, build_golden

from generator.build.search_index import is_index_file


def files(folder: Path) -> dict[str, bytes]:
    return {
        p.relative_to(folder).as_posix(): p.read_bytes()
        for p in sorted(folder.rglob("*"))
        if p.is_file() and not is_index_file(p.relative_to(folder).as_posix())
    }


def test_the_golden_site_is_reproduced_file_by_file(tmp_path: Path) -> None:
    out = tmp_path / "html"
    build_golden(tmp_path / "site", out)
    built, golden = files(out), files(GOLDEN)
    assert sorted(built) == sorted(golden), "the same files (run `make golden` if intended)"
    for path, data in golden.items():
        assert built[path] == data, (
            f"{path} differs from tests/golden (run `make golden` if intended)"
        )
