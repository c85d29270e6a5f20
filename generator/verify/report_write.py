"""Writing a report to build/verify/ as JSON (for the site) and HTML (for people)."""

from __future__ import annotations

from pathlib import Path

from generator.verify.files import write_atomic
from generator.verify.report import REPORT_NAME, Report, report_to_json
from generator.verify.report_html import report_html


def write_report(report: Report, directory: Path) -> tuple[Path, Path]:
    """report.json and report.html in `directory`, each written atomically."""
    json_path, html_path = directory / REPORT_NAME, directory / "report.html"
    write_atomic(json_path, report_to_json(report).encode("utf-8"))
    write_atomic(html_path, report_html(report).encode("utf-8"))
    return json_path, html_path
