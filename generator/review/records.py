"""Revisions and decisions to and from the JSON records of the log."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime
from typing import Any, TypeVar

from generator.review.canonical import record_id
from generator.review.clock import format_time, parse_time
from generator.review.model import Decision, Revision, Seal, Significance, Verdict

Record = Revision | Decision | Seal
E = TypeVar("E", Significance, Verdict)


class RecordFormatError(ValueError):
    """A log line is JSON but not a valid record; the log reader adds the location."""


def revision_fields(revision: Revision) -> dict[str, Any]:
    """The revision as a JSON object, without its id."""
    fields = {**revision_payload(revision), "author_signature": revision.author_signature}
    return _without_absent(fields, "author_signature")


def revision_payload(revision: Revision) -> dict[str, Any]:
    """What the author signs: every field of the revision except its id and signature."""
    fields = {
        "type": "revision",
        "path": revision.path,
        "content": revision.content,
        "creator": revision.creator,
        "created": format_time(revision.created),
        "comment": revision.comment,
        "significance": revision.significance.value,
        "based_on": list(revision.based_on),
        "previous": revision.previous,
        "author_key": revision.author_key,
    }
    # Records from before the chain have none of these fields; their ids must not change.
    return _without_absent(fields, "previous", "author_key")


def seal_fields(seal: Seal) -> dict[str, Any]:
    return {"type": "seal", "previous": seal.previous, "count": seal.count, "digest": seal.digest}


def _without_absent(fields: dict[str, Any], *optional: str) -> dict[str, Any]:
    return {k: v for k, v in fields.items() if k not in optional or v is not None}


def decision_payload(decision: Decision) -> dict[str, Any]:
    """What the reviewer signs: every field of the decision except its id and signature."""
    fields = {
        "type": "decision",
        "revision": decision.revision,
        "path": decision.path,
        "content": decision.content,
        "verdict": decision.verdict.value,
        "reviewer": decision.reviewer,
        "reviewed": format_time(decision.reviewed),
        "comment": decision.comment,
        "ready_for_localization": decision.ready_for_localization,
        "publish_after": _time_or_none(decision.publish_after),
        "key": decision.key,
        "previous": decision.previous,
        "trust": decision.trust,
    }
    return _without_absent(fields, "previous", "trust")


def to_json(record: Record) -> dict[str, Any]:
    """The full JSON object of a record as written to the log, id included."""
    if isinstance(record, Revision):
        fields = revision_fields(record)
    elif isinstance(record, Seal):
        fields = seal_fields(record)
    else:
        fields = {**decision_payload(record), "signature": record.signature}
    return {"id": record.id, **fields}


def from_json(data: Mapping[str, Any]) -> Record:
    """Read a record back; raise RecordFormatError naming the first bad field."""
    kind = data.get("type")
    if kind == "revision":
        return _revision(data)
    if kind == "decision":
        return _decision(data)
    if kind == "seal":
        return _seal(data)
    raise RecordFormatError(
        f"expected a record of type 'revision', 'decision' or 'seal', got {kind!r}"
    )


def computed_id(record: Record) -> str:
    """The id the record's fields call for; differs from `record.id` if it was altered."""
    return record_id({k: v for k, v in to_json(record).items() if k != "id"})


def _revision(data: Mapping[str, Any]) -> Revision:
    return Revision(
        id=_str(data, "id"),
        path=_str(data, "path"),
        content=_optional_str(data, "content"),
        creator=_str(data, "creator"),
        created=_time(data, "created"),
        comment=_str(data, "comment"),
        significance=_enum(Significance, data, "significance"),
        based_on=tuple(_str_list(data, "based_on")),
        previous=_absent_or_str(data, "previous"),
        author_key=_absent_or_str(data, "author_key"),
        author_signature=_absent_or_str(data, "author_signature"),
    )


def _seal(data: Mapping[str, Any]) -> Seal:
    count = _field(data, "count")
    if not isinstance(count, int) or isinstance(count, bool) or count < 0:
        raise RecordFormatError(f"field 'count': expected a whole number, got {count!r}")
    return Seal(_str(data, "id"), _str(data, "previous"), count, _str(data, "digest"))


def _decision(data: Mapping[str, Any]) -> Decision:
    publish_after = _optional_str(data, "publish_after")
    return Decision(
        id=_str(data, "id"),
        revision=_str(data, "revision"),
        path=_str(data, "path"),
        content=_optional_str(data, "content"),
        verdict=_enum(Verdict, data, "verdict"),
        reviewer=_str(data, "reviewer"),
        reviewed=_time(data, "reviewed"),
        comment=_str(data, "comment"),
        ready_for_localization=_bool(data, "ready_for_localization"),
        publish_after=None if publish_after is None else _parse(publish_after, "publish_after"),
        key=_str(data, "key"),
        signature=_str(data, "signature"),
        previous=_absent_or_str(data, "previous"),
        trust=_absent_or_str(data, "trust"),
    )


def _time_or_none(moment: datetime | None) -> str | None:
    return None if moment is None else format_time(moment)


def _field(data: Mapping[str, Any], key: str) -> Any:
    if key not in data:
        raise RecordFormatError(f"{data.get('type')} record lacks the field {key!r}")
    return data[key]


def _str(data: Mapping[str, Any], key: str) -> str:
    value = _field(data, key)
    if not isinstance(value, str):
        raise RecordFormatError(f"field {key!r}: expected a string, got {value!r}")
    return value


def _absent_or_str(data: Mapping[str, Any], key: str) -> str | None:
    return _str(data, key) if data.get(key) is not None else None


def _optional_str(data: Mapping[str, Any], key: str) -> str | None:
    return None if _field(data, key) is None else _str(data, key)


def _bool(data: Mapping[str, Any], key: str) -> bool:
    value = _field(data, key)
    if not isinstance(value, bool):
        raise RecordFormatError(f"field {key!r}: expected true or false, got {value!r}")
    return value


def _str_list(data: Mapping[str, Any], key: str) -> list[str]:
    value = _field(data, key)
    if not isinstance(value, list) or not all(isinstance(item, str) for item in value):
        raise RecordFormatError(f"field {key!r}: expected a list of strings, got {value!r}")
    return value


def _time(data: Mapping[str, Any], key: str) -> datetime:
    return _parse(_str(data, key), key)


def _parse(text: str, key: str) -> datetime:
    try:
        return parse_time(text)
    except ValueError as e:
        message = f"field {key!r}: expected an ISO 8601 UTC time, got {text!r}"
        raise RecordFormatError(message) from e


def _enum(kind: type[E], data: Mapping[str, Any], key: str) -> E:
    value = _str(data, key)
    try:
        return kind(value)
    except ValueError as e:
        allowed = ", ".join(member.value for member in kind)
        raise RecordFormatError(f"field {key!r}: expected one of {allowed}, got {value!r}") from e
