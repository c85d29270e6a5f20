"""Reference pages generated from the code they describe, so they cannot drift from it.

`.. certwarn-cli::` documents every command from `generator.cli.make_parser`;
`.. certwarn-fields:: NAME` tabulates the keys of a front-matter or scenario table.
"""

from __future__ import annotations

import argparse
from typing import Any

from docutils import nodes
from sphinx.util.docutils import SphinxDirective

from generator.cli import COMMANDS, make_parser
from generator.content import schema
from generator.verify import spec_fields

FIELD_TABLES: dict[str, tuple[dict[str, Any], dict[str, str]]] = {
    "code": (schema.CODE_FIELDS, schema._TYPE_NAMES),
    "article": (schema.ARTICLE_FIELDS, schema._TYPE_NAMES),
    "scenario": (spec_fields.TOP, spec_fields._KIND_NAMES),
    "scenario.certificate": (spec_fields.CERTIFICATE, spec_fields._KIND_NAMES),
    "scenario.certificate.name_constraints": (
        spec_fields.NAME_CONSTRAINTS,
        spec_fields._KIND_NAMES,
    ),
    "scenario.ocsp": (spec_fields.OCSP, spec_fields._KIND_NAMES),
    "scenario.tls": (spec_fields.TLS, spec_fields._KIND_NAMES),
    "scenario.server": (spec_fields.SERVER, spec_fields._KIND_NAMES),
    "scenario.firefox": (spec_fields.FIREFOX, spec_fields._KIND_NAMES),
    "scenario.chromium": (spec_fields.CHROMIUM, spec_fields._KIND_NAMES),
}


def _table(header: list[str], rows: list[list[nodes.Node]]) -> nodes.table:
    table = nodes.table(classes=["certwarn-reference"])
    group = nodes.tgroup(cols=len(header))
    table += group
    group.extend(nodes.colspec(colwidth=1) for _ in header)
    head = nodes.thead()
    head += nodes.row("", *(nodes.entry("", nodes.paragraph(text=h)) for h in header))
    body = nodes.tbody()
    for cells in rows:
        body += nodes.row("", *(nodes.entry("", nodes.paragraph("", "", c)) for c in cells))
    group += head
    group += body
    return table


class FieldsDirective(SphinxDirective):  # type: ignore[misc]
    required_arguments = 1

    def run(self) -> list[nodes.Node]:
        name = self.arguments[0]
        if name not in FIELD_TABLES:
            raise self.error(f"certwarn-fields: expected one of {', '.join(FIELD_TABLES)}")
        fields, kinds = FIELD_TABLES[name]
        rows: list[list[nodes.Node]] = []
        for key, field in fields.items():
            choices = ", ".join(field.choices)
            rows.append(
                [
                    nodes.literal(text=key),
                    nodes.Text(kinds[field.kind]),
                    nodes.Text("yes" if field.required else "no"),
                    nodes.Text(choices or "—"),
                ]
            )
        return [_table(["key", "value", "required", "allowed values"], rows)]


def _flags(action: argparse.Action) -> str:
    if not action.option_strings:
        return str(action.metavar or action.dest)
    takes = action.nargs != 0
    metavar = action.metavar or (
        "{" + ",".join(map(str, action.choices)) + "}" if action.choices else action.dest.upper()
    )
    return ", ".join(f"{flag} {metavar}" if takes else flag for flag in action.option_strings)


def _options(parser: argparse.ArgumentParser) -> nodes.Node:
    rows: list[list[nodes.Node]] = []
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction | argparse._HelpAction):
            continue
        rows.append([nodes.literal(text=_flags(action)), nodes.Text(action.help or "")])
    return _table(["option", "what it does"], rows) if rows else nodes.paragraph(text="No options.")


def _command_section(
    directive: SphinxDirective, title: str, parser: argparse.ArgumentParser
) -> nodes.section:
    section = nodes.section(ids=[nodes.make_id(title)])
    section += nodes.title(text=title)
    if parser.description:
        section += nodes.paragraph(text=parser.description)
    usage = parser.format_usage().removeprefix("usage: ").strip()
    section += nodes.literal_block(usage, usage, language="text")
    section += _options(parser)
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            helps = {a.dest: a.help for a in action._choices_actions}
            for name, sub in action.choices.items():
                child = _command_section(directive, f"{title} {name}", sub)
                if not sub.description and helps.get(name):
                    child.insert(1, nodes.paragraph(text=helps[name]))
                section += child
    return section


class CliDirective(SphinxDirective):  # type: ignore[misc]
    """Every command, its usage and options, as `certwarn COMMAND --help` shows them."""

    def run(self) -> list[nodes.Node]:
        top = make_parser()
        found: list[nodes.Node] = [nodes.literal_block(text := top.format_help(), text)]
        for name in COMMANDS:
            parser = make_parser(name)
            subparsers = next(
                a for a in parser._actions if isinstance(a, argparse._SubParsersAction)
            )
            found.append(_command_section(self, f"certwarn {name}", subparsers.choices[name]))
        return found


def setup(app: Any) -> dict[str, Any]:
    app.add_directive("certwarn-cli", CliDirective)
    app.add_directive("certwarn-fields", FieldsDirective)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
