"""`build/verify/report.html`: the report as one self-contained page, scenario × client."""

from __future__ import annotations

from html import escape

from generator.verify.report import Report, Result

_STYLE = """
body{font:15px/1.45 system-ui,sans-serif;margin:2rem;color:#1b1b1f}
table{border-collapse:collapse;margin:1rem 0}
th,td{border:1px solid #c9c9d1;padding:.3rem .6rem;text-align:left;vertical-align:top}
th{background:#f0f0f4} code{font-size:.9em}
.pass{background:#e3f6e8}.fail,.error{background:#fde2e1}.differs{background:#fff4d6}
.recorded,.unavailable{background:#f4f4f6}
td.detail{max-width:32rem;font-size:.85em;color:#4a4a55;word-break:break-word}
"""


def report_html(report: Report) -> str:
    """The whole page; every value is escaped."""
    failed = len(report.failures)
    verdict = f"{failed} failing" if failed else "no failures"
    parts = [
        "<!doctype html>",
        '<html lang="en"><head><meta charset="utf-8">',
        "<title>certwarn verification report</title>",
        f"<style>{_STYLE}</style></head><body>",
        "<h1>certwarn verification report</h1>",
        f"<p>Written {escape(report.created)}: {len(report.results)} results, {verdict}.</p>",
        _clients(report),
        _results(report.results),
        _unreproducible(report.unreproducible),
        "</body></html>",
    ]
    return "\n".join(p for p in parts if p) + "\n"


def _clients(report: Report) -> str:
    rows = [
        f"<tr><td>{escape(o.label)}</td><td>{escape(o.version or '')}</td>"
        f"<td>{escape(o.unavailable or 'available')}</td></tr>"
        for o in report.oracles
    ]
    head = "<tr><th>client</th><th>version</th><th>state</th></tr>"
    return f"<h2>Clients</h2><table>{head}{''.join(rows)}</table>"


def _results(results: tuple[Result, ...]) -> str:
    head = (
        "<tr><th>code</th><th>scenario</th><th>client</th><th>observed</th>"
        "<th>expected</th><th>status</th><th>date</th><th>detail</th></tr>"
    )
    rows = [_row(r) for r in sorted(results, key=lambda r: (r.code or "", r.scenario, r.oracle))]
    return f"<h2>Results</h2><table>{head}{''.join(rows)}</table>"


def _row(result: Result) -> str:
    expected = ", ".join(result.expected) or "no claim"
    cells = [
        f"<code>{escape(result.code)}</code>" if result.code else "control",
        escape(result.scenario),
        escape(result.browser),
        f"<code>{escape(result.observed)}</code>" if result.observed else "—",
        escape(expected),
        escape(result.status),
        escape(result.date),
    ]
    tds = "".join(f"<td>{cell}</td>" for cell in cells)
    detail = f'<td class="detail">{escape(result.detail)}</td>'
    return f'<tr class="{escape(result.status)}">{tds}{detail}</tr>'


def _unreproducible(items: tuple[tuple[str, str], ...]) -> str:
    if not items:
        return ""
    rows = "".join(f"<li><code>{escape(code)}</code>: {escape(why)}</li>" for code, why in items)
    return f"<h2>Codes no local scenario can reproduce</h2><ul>{rows}</ul>"
