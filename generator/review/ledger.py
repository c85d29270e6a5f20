"""The loaded log: revisions by id, decisions, the line of each record."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from generator.errors import ReviewError
from generator.review.canonical import short
from generator.review.chain import GENESIS, check_chain
from generator.review.logfile import LogContents
from generator.review.model import Decision, Revision, Seal
from generator.review.records import computed_id

MIN_PREFIX = 4


@dataclass(frozen=True, slots=True)
class Ledger:
    """Everything the log says, with each record's id checked against its fields."""

    revisions: Mapping[str, Revision]
    decisions: tuple[Decision, ...]
    lines: Mapping[str, int]
    """Record id -> 1-based line in the log (the first line, for duplicates)."""
    log: str
    """The log's path as messages show it."""
    torn_line: int | None = None
    head: str = GENESIS
    """Id of the last record in the log: what the next record names as `previous`."""
    unchained: tuple[str, ...] = ()
    """Ids of records from before the chain that no seal covers yet, in log order."""

    def line_of(self, record_id: str) -> int:
        return self.lines[record_id]

    def error(self, record_id: str, message: str) -> ReviewError:
        """An error located at the record's line of the log."""
        return ReviewError(message, self.log, self.lines.get(record_id))

    def resolve(self, prefix: str) -> Revision:
        """The revision whose id starts with `prefix`, which must pick exactly one."""
        prefix = prefix.strip().lower()
        if len(prefix) < MIN_PREFIX:
            raise ReviewError(
                f"revision id too short; give at least {MIN_PREFIX} characters, got {prefix!r}"
            )
        found = [rev for rev_id, rev in self.revisions.items() if rev_id.startswith(prefix)]
        if not found:
            raise ReviewError(f"no revision id starts with {prefix!r}; see `certwarn review list`")
        if len(found) > 1:
            names = ", ".join(sorted(short(rev.id) for rev in found))
            raise ReviewError(f"revision id {prefix!r} is ambiguous; it matches {names}")
        return found[0]


def build_ledger(contents: LogContents, log: str) -> Ledger:
    """Index the log's records, refusing any whose id does not match its fields or whose
    link to the record before it does not hold."""
    revisions: dict[str, Revision] = {}
    decisions: dict[str, Decision] = {}
    lines: dict[str, int] = {}
    for entry in contents.entries:
        record = entry.record
        if record.id in lines:
            continue  # the same record twice, as a union merge of two branches may leave
        if computed_id(record) != record.id:
            raise ReviewError(
                f"{record.describe()}: id does not match the record's "
                f"fields (altered after it was written); expected {short(computed_id(record))}",
                log,
                entry.line,
            )
        lines[record.id] = entry.line
        if isinstance(record, Revision):
            revisions[record.id] = record
        elif isinstance(record, Decision):
            decisions[record.id] = record
    check_chain(contents.entries, log)
    records = [entry.record for entry in contents.entries]
    head = records[-1].id if records else GENESIS
    sealed = any(isinstance(record, Seal) for record in records)
    unchained = () if sealed else tuple(r.id for r in records if r.previous is None)
    return Ledger(
        revisions, tuple(decisions.values()), lines, log, contents.torn_line, head, unchained
    )
