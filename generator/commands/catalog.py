"""Work with gettext catalogs: extract, update, init, check, stats."""

from __future__ import annotations

import argparse
import sys

from generator.config import load_config
from generator.errors import Problem, raise_problems
from generator.l10n import workflow as catalog_ops
from generator.l10n.catalog_check import check as check_catalogs
from generator.l10n.stats import DocStats, combined


def add_arguments(parser: argparse.ArgumentParser) -> None:
    actions = parser.add_subparsers(dest="action", required=True, metavar="ACTION")
    actions.add_parser("extract", help="write locales/templates/*.pot from the sources and theme")
    actions.add_parser("update", help="merge the templates into every locale's catalogs")
    init = actions.add_parser("init", help="add a locale and create its catalogs")
    init.add_argument(
        "--locale", required=True, metavar="L", help="the locale to add, as a BCP 47 tag (pt-BR)"
    )
    actions.add_parser("check", help="check every translation; exit 1 on problems")
    stats = actions.add_parser(
        "stats", help="translated / fuzzy / untranslated per locale and document"
    )
    stats.add_argument(
        "--locale",
        action="append",
        default=[],
        metavar="L",
        help="only this locale (repeatable; default: every locale)",
    )
    stats.add_argument("--by-document", action="store_true", help="one row per document")


def run(args: argparse.Namespace) -> int:
    config = load_config(args.root)
    if args.action == "extract":
        _report(catalog_ops.extract(config), "templates")
    elif args.action == "update":
        _report(catalog_ops.update(config), "catalogs")
    elif args.action == "init":
        _report(catalog_ops.init(config, args.locale), "catalogs")
    elif args.action == "check":
        result = check_catalogs(config)
        for warning in sorted(result.warnings, key=Problem.sort_key):
            print(f"warning: {warning}", file=sys.stderr)
        raise_problems(result.problems)
    else:
        rows = [r for r in catalog_ops.stats(config) if not args.locale or r.locale in args.locale]
        print(format_stats(rows, args.by_document))
    return 0


def _report(changed: list[str], what: str) -> None:
    if changed:
        print(f"{len(changed)} {what} written")


def format_stats(rows: list[DocStats], by_document: bool) -> str:
    header = ("locale", "document", "translated", "fuzzy", "untranslated", "percent")
    lines = [header]
    groups: dict[tuple[str, str], list[DocStats]] = {}
    for row in rows:
        key = (row.locale, row.domain if by_document else "(all)")
        groups.setdefault(key, []).append(row)
    for (locale, domain), members in groups.items():
        row = combined(members, locale, domain)
        percent = f"{round(100 * row.ratio)} %" if row.total else "—"
        counts = (str(row.translated), str(row.fuzzy), str(row.untranslated))
        lines.append((locale, domain, *counts, percent))
    widths = [max(len(line[i]) for line in lines) for i in range(len(header))]
    return "\n".join(
        "  ".join(cell.ljust(w) for cell, w in zip(line, widths, strict=True)).rstrip()
        for line in lines
    )
