"""What a real Firefox error page showed: the observation a record's page entry is made from."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class FirefoxPage:
    """What the real Firefox error page of one scenario showed in one site locale."""

    scenario: str
    locale: str
    """The site locale."""
    ui_locale: str
    """The Firefox UI locale used for it (the same tag, or the same language)."""
    version: str
    code: str
    """The error code the page showed."""
    title: str
    """The document title (the tab's text)."""
    heading: str
    buttons: tuple[str, ...]
    """Visible button labels as the page opens."""
    advanced_buttons: tuple[str, ...]
    """Visible button labels once Advanced is open."""
    image: bytes | None = None
    """The optimized screenshot (Advanced open), when screenshots were asked for."""
