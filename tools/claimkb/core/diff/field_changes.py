"""A record's fields before and after a change, each difference written for people: numbers in
their unit (`$5.58M → $5.6M`) with their relative change (`+0.4%`), lists joined, and the fields
a reviewer must look at flagged."""

from __future__ import annotations

import json
from dataclasses import dataclass

from ..fields import metric_unit_fields
from ..formatting import format_number
from ..records import JSONObject, JSONValue, Record, is_number

NONE = "(none)"
INVALID_TEXT = "(invalid: see the findings)"


class _Invalid:
    """A value validation refused: views never see it (`validate.valid_part`), nor does the
    diff; it says the field is invalid, and the findings say why."""

    def __eq__(self, other: object) -> bool:
        return isinstance(other, _Invalid)

    def __hash__(self) -> int:
        return 0


INVALID = _Invalid()


def compared_data(record: Record) -> JSONObject:
    """A record's fields as the diff compares them: the valid ones, and the invalid ones marked."""
    return {**record.data, **dict.fromkeys(record.invalid, INVALID)}


@dataclass(frozen=True)
class FieldChange:
    field: str
    before: JSONValue
    after: JSONValue
    before_text: str
    after_text: str
    #: (after - before) / |before| of two numbers, None otherwise
    relative: float | None
    important: bool

    @property
    def change_text(self) -> str:
        """`+0.4%`: the relative change, "" when there is none to give."""
        if self.relative is None:
            return ""
        percent = self.relative * 100
        text = f"{percent:+.1f}%"
        if text in ("+0.0%", "-0.0%"):
            text = f"{percent:+.2g}%"
        return text.replace("-", "−")


def field_changes(
    before: JSONObject,
    after: JSONObject,
    known: list[str],
    units: tuple[str, str] = ("", ""),
    important: tuple[str, ...] = (),
) -> list[FieldChange]:
    """Each field that differs between two records' data, in the order of `known` (the schema's
    fields; unknown fields last, by name). `units` are each side's unit for the value and its
    bounds; the fields named in `important` are flagged."""
    names = [n for n in known if n in before or n in after]
    names += sorted((before.keys() | after.keys()) - set(known))
    changes = []
    for name in names:
        old, new = before.get(name), after.get(name)
        if name == "id" or _same(old, new):
            continue
        old_text, new_text = show_value(name, old, units[0]), show_value(name, new, units[1])
        # numbers too close to tell apart compactly are written in full
        if old_text == new_text and name in metric_unit_fields():
            old_text, new_text = show_value(name, old), show_value(name, new)
        relative = None
        if is_number(old) and is_number(new) and old != 0:
            relative = (new - old) / abs(old)
        changes.append(FieldChange(name, old, new, old_text, new_text, relative, name in important))
    return changes


def _same(old: JSONValue, new: JSONValue) -> bool:
    """Equal, and of one type (`true` is not `1`), but for numbers (`5e6` is `5000000`); absent,
    empty text and empty list are the same."""
    if is_number(old) and is_number(new):
        return old == new
    if _absent(old) and _absent(new):
        return True
    return type(old) is type(new) and old == new


def _absent(value: JSONValue) -> bool:
    return value is None or value == "" or value == []


def show_value(name: str, value: JSONValue, unit: str = "") -> str:
    """A field's value as a reviewer reads it: numbers in their unit, lists joined."""
    if _absent(value):
        return NONE
    if value is INVALID:
        return INVALID_TEXT
    if isinstance(value, bool):
        return "true" if value else "false"
    if is_number(value):
        if name in metric_unit_fields():  # in the unit of the claim's metric
            return format_number(value, unit)
        return str(value)
    if isinstance(value, list):
        return ", ".join(show_value(name, item) for item in value)
    if isinstance(value, dict):
        return json.dumps(value, sort_keys=True, ensure_ascii=False)
    return str(value)
