"""Locale data: what pages need of each locale's CLDR data, and what stays loaded."""

from __future__ import annotations

import datetime as dt

import pytest
from babel import Locale, localedata

import generator.l10n.locale_data as locale_data
from generator.l10n.locale_data import locale_info, release_locale_data


@pytest.fixture(autouse=True)
def fresh(monkeypatch: pytest.MonkeyPatch) -> None:
    """Nothing read or formatted yet in this process."""
    monkeypatch.setattr(locale_data, "_INFOS", {})
    monkeypatch.setattr(locale_data, "_FORMATTED", {})


def test_released_data_keeps_only_the_root_every_locale_inherits() -> None:
    for tag in ("de", "ar", "pt-BR"):
        locale_info(tag).date(dt.date(2026, 12, 4))
        release_locale_data()
        assert set(localedata._cache) <= {"root"}


@pytest.mark.parametrize(
    ("tag", "native", "direction", "today"),
    [
        ("de", "Deutsch", "ltr", "4. Dezember 2026"),
        ("ar", "العربية", "rtl", "4 ديسمبر 2026"),
        ("pt-BR", "Português (Brasil)", "ltr", "4 de dezembro de 2026"),
    ],
)
def test_a_locale_read_over_the_kept_root_is_the_locale_read_from_nothing(
    tag: str, native: str, direction: str, today: str
) -> None:
    locale_info("ja").date(dt.date(2026, 12, 4))
    release_locale_data()  # the root stays
    info = locale_info(tag)
    assert (info.native_name, info.direction, info.date(dt.date(2026, 12, 4))) == (
        native,
        direction,
        today,
    )
    localedata._cache.clear()  # nothing kept at all
    assert Locale.parse(tag, sep="-").get_display_name(tag.replace("-", "_")).lower() == (
        native.lower()
    )
