"""What a catalog revision changes, message by message, for `review show`."""

from __future__ import annotations

from dataclasses import dataclass

from babel.messages.catalog import Catalog, Message

from generator.l10n.message_checks import check_entry
from generator.l10n.po_files import parse_catalog
from generator.l10n.po_reader import Entry
from generator.l10n.po_writer import NEVER_WRITTEN


@dataclass(frozen=True, slots=True)
class MessageChange:
    """One message whose translation, flags or presence differ between two catalog texts."""

    source: tuple[str, ...]
    """msgid, and msgid_plural for plural messages."""
    context: str | None
    before: tuple[str, ...] | None
    """The previous translation (forms); None when the message is new."""
    after: tuple[str, ...] | None
    """The new translation; None when the message was removed."""
    flags_before: tuple[str, ...]
    flags_after: tuple[str, ...]
    line: int | None
    """Line of the msgid in the new catalog."""
    checks: tuple[str, ...]
    """Problems the new translation has (it would fall back to the source)."""


def catalog_changes(old: str | None, new: str, path: str, theme: bool) -> list[MessageChange]:
    """Changed, added and removed messages in the new catalog's order (CatalogError: unreadable)."""
    before = _messages(parse_catalog(old, path)) if old is not None else {}
    after_catalog = parse_catalog(new, path)
    after = _messages(after_catalog)
    plurals = after_catalog.num_plurals
    changes = []
    for key, message in after.items():
        previous = before.get(key)
        if previous is not None and _same(previous, message):
            continue
        changes.append(_change(key, previous, message, plurals, theme))
    changes += [
        _change(key, m, None, plurals, theme) for key, m in before.items() if key not in after
    ]
    return changes


def _messages(catalog: Catalog) -> dict[tuple[str | None, tuple[str, ...]], Message]:
    return {(m.context, _ids(m)): m for m in catalog if m.id}


def _ids(message: Message) -> tuple[str, ...]:
    return tuple(message.id) if isinstance(message.id, tuple | list) else (str(message.id),)


def _forms(message: Message) -> tuple[str, ...]:
    raw = message.string
    return tuple(str(f or "") for f in raw) if isinstance(raw, tuple | list) else (raw or "",)


def _flags(message: Message | None) -> tuple[str, ...]:
    return () if message is None else tuple(sorted(message.flags - NEVER_WRITTEN))


def _same(a: Message, b: Message) -> bool:
    return _forms(a) == _forms(b) and _flags(a) == _flags(b)


def _change(
    key: tuple[str | None, tuple[str, ...]],
    old: Message | None,
    new: Message | None,
    plurals: int,
    theme: bool,
) -> MessageChange:
    context, ids = key
    checks: list[str] = []
    if new is not None:
        forms = list(_forms(new))
        entry = Entry(
            ids[0], ids[1] if len(ids) > 1 else None, forms, context, "fuzzy" in new.flags
        )
        checks = check_entry(entry, plurals, theme)
    return MessageChange(
        ids,
        context,
        None if old is None else _forms(old),
        None if new is None else _forms(new),
        _flags(old),
        _flags(new),
        None if new is None else new.lineno,
        tuple(checks),
    )


def format_changes(changes: list[MessageChange], path: str) -> str:
    """The changes as `review show` prints them: one block per message."""
    if not changes:
        return "No message changed (only references, notes or layout).\n"
    lines = [f"{len(changes)} message(s) changed:"]
    for change in changes:
        where = f"{path}:{change.line}" if change.line else path
        kind = "new" if change.before is None else "removed" if change.after is None else "changed"
        lines += ["", f"{where}  ({kind})"]
        lines += _labelled("source", change.source)
        if change.context:
            lines += _labelled("context", (change.context,))
        lines += _labelled("before", change.before or ("(untranslated)",))
        if change.after is not None:
            lines += _labelled("after", change.after)
        if change.flags_before != change.flags_after:
            shown = [", ".join(f) or "(none)" for f in (change.flags_before, change.flags_after)]
            lines.append(f"  flags:     {shown[0]} -> {shown[1]}")
        elif change.flags_after:
            lines.append(f"  flags:     {', '.join(change.flags_after)}")
        if change.after is not None:
            status = list(change.checks) or ["pass"]
            lines += _labelled("checks", tuple(status))
    return "\n".join(lines) + "\n"


def _labelled(label: str, values: tuple[str, ...]) -> list[str]:
    shown = [_printable(v) if v else '""' for v in values]
    return [f"  {(label + ':') if i == 0 else '':<11}{value}" for i, value in enumerate(shown)]


def _printable(text: str) -> str:
    """Control characters escaped, so a message cannot rewrite the reviewer's terminal."""
    return "".join(c if c.isprintable() else repr(c)[1:-1] for c in text)
