"""Every locale's name, direction and footer date: read once, beside the build on a first one."""

from __future__ import annotations

import datetime as dt
import json
import multiprocessing
import os
from functools import partial
from pathlib import Path

import pytest
from l10n_helpers import add_locales
from test_writer import break_content

import generator.build.inputs as inputs
import generator.build.workers as build_workers
import generator.l10n.locale_data as locale_data
from generator.build.inputs import known_locales
from generator.l10n.locale_data import formatted

TAGS = ("en-US", "de", "ar", "ja", "pt-BR", "he")
TODAY = dt.date(2026, 12, 4)
READ = inputs._read_locales


def marking_reader(folder: Path, tags: list[str], today: dt.date) -> object:
    """Read locales as the build does, leaving a mark that names the reading process."""
    (folder / f"read-by-{os.getpid()}").touch()
    return READ(tags, today)


def forget(monkeypatch: pytest.MonkeyPatch) -> None:
    """Nothing known or formatted yet in this process."""
    monkeypatch.setattr(locale_data, "_INFOS", {})
    monkeypatch.setattr(locale_data, "_FORMATTED", {})


def read(folder: Path) -> tuple[object, dict[str, dict[str, str]]]:
    path = folder / "locales.json"
    known_locales(path, TAGS, TODAY).wait()
    return json.loads(path.read_text("utf-8")), {tag: dict(formatted(tag)) for tag in TAGS}


def test_locales_read_beside_the_build_are_the_ones_read_in_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(os, "cpu_count", lambda: 2)
    monkeypatch.setattr(inputs, "_read_locales", partial(marking_reader, tmp_path))
    forget(monkeypatch)
    beside = read(tmp_path / "beside")
    readers = [int(p.name.removeprefix("read-by-")) for p in tmp_path.glob("read-by-*")]
    assert readers and os.getpid() not in readers, "a forked reader read them"

    forget(monkeypatch)
    monkeypatch.setattr(inputs, "READ_BESIDE_FROM", len(TAGS) + 1)
    assert read(tmp_path / "here") == beside
    names = {item["tag"]: item["native_name"] for item in beside[0]}  # type: ignore[union-attr]
    assert names["de"] == "Deutsch" and names["ar"] == "العربية"
    assert beside[1]["de"] == {"date long\0datetime.date(2026, 12, 4)": "4. Dezember 2026"}


def test_a_later_build_reads_no_cldr_data_for_the_locales_it_knows(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    forget(monkeypatch)
    first = read(tmp_path)[0]
    monkeypatch.setattr(locale_data, "_INFOS", {})

    def no_cldr(tags: list[str], today: dt.date) -> object:
        assert not tags, f"{tags} were read again"
        return []

    monkeypatch.setattr(inputs, "_read_locales", no_cldr)
    assert read(tmp_path)[0] == first


def test_a_first_build_that_fails_stops_its_reader_and_keeps_no_names(
    project: Path, cli: object, monkeypatch: pytest.MonkeyPatch
) -> None:
    add_locales(project, "de", "fr", "ja", "ar")
    break_content(project)
    monkeypatch.setattr(os, "cpu_count", lambda: 2)
    forget(monkeypatch)  # (as a new process, which knows no locale)
    before = set(multiprocessing.active_children())
    readers: set[multiprocessing.process.BaseProcess] = set()
    start = inputs.known_locales

    def started(path: Path, tags: list[str], today: dt.date) -> inputs.LocaleReading:
        reading = start(path, tags, today)
        readers.update(set(multiprocessing.active_children()) - before)
        return reading

    monkeypatch.setattr(build_workers, "known_locales", started)
    assert cli(project, "build").code == 1  # type: ignore[operator]
    assert not (project / "build").exists(), "no cache, and so no names, were kept"
    assert readers, "five locales were read beside the build"
    assert not readers & set(multiprocessing.active_children()), "the reader was stopped"
