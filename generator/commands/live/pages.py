"""What the live server adds to HTML it serves: the reload script, the build error, a 404 page.

Only responses carry these; the built files on disk stay exactly what `certwarn build` wrote.
"""

from __future__ import annotations

import html
import json
from pathlib import Path

EVENTS_PATH = "/__certwarn__/events"
ERROR_STYLE = (
    "position:sticky;top:0;z-index:1000;margin:0;padding:1rem;white-space:pre-wrap;"
    "background:#fff0f0;color:#8a0000;border-bottom:3px solid #c00;font:14px/1.4 monospace"
)
_SCRIPT = (Path(__file__).parent / "reload.js").read_text(encoding="utf-8")


def reload_script(generation: int) -> str:
    code = _SCRIPT.replace("BOX_STYLE", json.dumps(ERROR_STYLE))
    return f'<script data-generation="{generation}">\n{code}</script>\n'


def error_box(error: str) -> str:
    return (
        f'<pre id="certwarn-build-error" role="alert" style="{ERROR_STYLE}">'
        f"{html.escape(error)}</pre>\n"
    )


def with_live_parts(page: bytes, generation: int, error: str | None) -> bytes:
    """The page with the reload script before `</body>` and, after a failed build, its error."""
    text = page.decode("utf-8", errors="replace")
    extra = reload_script(generation)
    if error is not None:
        extra = error_box(error) + extra
    at = text.rfind("</body>")
    text = text[:at] + extra + text[at:] if at >= 0 else text + extra
    return text.encode("utf-8")


def not_found_page(path: str) -> bytes:
    shown = html.escape(path)
    return (
        '<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        "<title>Page not found</title></head>\n<body>\n<main>\n<h1>Page not found</h1>\n"
        f"<p>Nothing is served at <code>{shown}</code>. "
        'Start again from the <a href="/">site root</a>.</p>\n</main>\n</body></html>\n'
    ).encode()
