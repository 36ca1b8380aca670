"""The layout of a collection file by lines: its canonical form, and where a new record goes.

ruamel.yaml's round-trip parser gives the line of every list, record and field. The lines between
are kept byte for byte and only moved as whole blocks, so comments, blank lines, quoting, folded
text and line ends survive exactly; a re-dump would rewrap text and could change quoting.

Rules of the canonical form (`claimkb fmt`):

- lists in the order of the collection schema, records sorted by id, fields in the order of the
  record schema (fields the schema does not know keep their order, after the known ones);
- a blank line starts a new group of records; records are sorted within their group, so that
  headings such as ``# --- Analyses ---`` keep the records below them;
- comment lines directly above a record or a field move with it; those at the top of a group
  are the group's heading and stay there; end-of-line comments stay on their line;
- flow-style lists and records (``[...]``, ``{...}``) are left as they are.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TypeAlias

from ruamel.yaml.comments import CommentedMap, CommentedSeq

from .collection_reader import CollectionError, parse_yaml, to_plain
from .records import JSONValue
from .schema import Schemas

#: where a unit goes when sorted: (rank, id)
SortKey: TypeAlias = tuple[int, str]


class LayoutError(Exception):
    """The file cannot be reordered safely: it is left as it is."""


@dataclass
class _Unit:
    """A key or an item with its own lines: `lead` (comments above it) and `body`."""

    index: int
    sort_key: SortKey
    start: int = 0  # line of the body in the region
    separator: list[str] = field(default_factory=list)  # blank lines above, kept in place
    lead: list[str] = field(default_factory=list)
    body: list[str] = field(default_factory=list)
    starts_group: bool = False


def canonical_text(text: str, schemas: Schemas, data: JSONValue = None) -> str:
    """The canonical form of a collection's text, `data` its parse if already at hand
    (CollectionError if it does not parse, LayoutError if it cannot be reordered safely)."""
    data = parse_yaml(text) if data is None else data
    if not isinstance(data, CommentedMap) or not data:
        return text
    if text and not text.endswith("\n"):
        text += "\n"
    lines = text.splitlines(keepends=True)
    result = _format_top(lines, data, schemas)
    if result != text:
        _check_same_content(data, result)
    return result


class NoInsertionPoint(Exception):
    """A record cannot be added to this file without rewriting it."""


def insertion_point(
    text: str, data: CommentedMap, key: str, record_id: str
) -> tuple[int, int | None]:
    """Where a new record of list `key` goes: (line index to insert before, dash column), the
    column None when the list does not exist yet (the caller adds `key:` at the end of the file).

    The record goes into the last group of the list, before the first record with a greater id,
    so that a canonical file stays canonical; nothing already there moves.
    """
    lines = text.splitlines(keepends=True)
    if key not in data:
        return len(lines), None
    keys = list(data)
    starts = [data.lc.key(k)[0] for k in keys]
    if data.fa.flow_style() or _shared_lines(starts):
        raise NoInsertionPoint("the file's top level is written in flow style ({...})")
    _, units, _ = _split(lines, 0, len(lines), starts, indent=0, sort_key=lambda i: (0, ""))
    unit = units[keys.index(key)]
    seq = data[key]
    if seq is None:
        return unit.start + len(unit.body), 2
    if not isinstance(seq, CommentedSeq) or seq.fa.flow_style():
        raise NoInsertionPoint(f"{key!r} is not a block list ('- id: ...' on separate lines)")
    if not seq:
        return unit.start + len(unit.body), 2
    item_starts = [seq.lc.item(i)[0] - unit.start for i in range(len(seq))]
    if _shared_lines(item_starts) or item_starts[0] <= 0:
        raise NoInsertionPoint(f"the records of {key!r} do not each start on a line of their own")
    dash = _indent(unit.body[item_starts[0]])
    _, items, _ = _split(
        unit.body,
        0,
        len(unit.body),
        item_starts,
        dash,
        sort_key=lambda i: _id_key(seq[i]),
        grouped=True,
    )
    group_start = max(i for i, item in enumerate(items) if i == 0 or item.starts_group)
    for item in items[group_start:]:
        if item.sort_key > (0, record_id):
            return unit.start + item.start - len(item.lead), dash
    last = items[-1]
    return unit.start + last.start + len(last.body), dash


def _format_top(lines: list[str], data: CommentedMap, schemas: Schemas) -> str:
    keys = list(data)
    if data.fa.flow_style() or _shared_lines([data.lc.key(k)[0] for k in keys]):
        return "".join(lines)
    order = list(schemas.collection_keys)
    starts = [data.lc.key(k)[0] for k in keys]
    head, units, tail = _split(
        lines, 0, len(lines), starts, indent=0, sort_key=lambda i: _rank(order, keys[i])
    )
    for unit, key in zip(units, keys, strict=True):
        value = data[key]
        if key in schemas.collection_keys and isinstance(value, CommentedSeq):
            rtype = schemas.collection_keys[key]
            unit.body = _format_list(
                unit.body, starts[unit.index], value, list(schemas.fields[rtype])
            )
    return "".join(head + _reorder(units) + tail)


def _format_list(
    body: list[str], first_line: int, seq: CommentedSeq, fields: list[str]
) -> list[str]:
    """Records sorted by id within their groups, each with its fields in schema order."""
    if not seq or seq.fa.flow_style():
        return body
    starts = [seq.lc.item(i)[0] - first_line for i in range(len(seq))]
    if _shared_lines(starts) or starts[0] <= 0:
        return body
    indent = _indent(body[starts[0]])
    head, units, tail = _split(
        body, 0, len(body), starts, indent, sort_key=lambda i: _id_key(seq[i]), grouped=True
    )
    for unit in units:
        record = seq[unit.index]
        if isinstance(record, CommentedMap) and not record.fa.flow_style():
            unit.body = _format_record(unit.body, starts[unit.index] + first_line, record, fields)
    out = list(head)
    group: list[_Unit] = []
    for unit in units:
        if unit.starts_group and group:
            out += _reorder(group, grouped=True)
            group = []
        group.append(unit)
    out += _reorder(group, grouped=True)
    return out + tail


def _format_record(
    body: list[str], first_line: int, record: CommentedMap, fields: list[str]
) -> list[str]:
    keys = list(record)
    starts = [record.lc.key(k)[0] - first_line for k in keys]
    if not keys or _shared_lines(starts) or starts[0] != 0:
        return body
    column = record.lc.key(keys[0])[1]
    _, units, tail = _split(
        body, 0, len(body), starts, column, sort_key=lambda i: _rank(fields, keys[i])
    )
    prefix = units[0].body[0][:column]  # "  - ": the item's dash belongs to the first field
    units[0].body[0] = " " * column + units[0].body[0][column:]
    reordered = _reorder(units)
    for index, line in enumerate(reordered):
        if line.strip() and not line.lstrip().startswith("#"):
            reordered[index] = prefix + line[column:]
            break
    return reordered + tail


def _split(
    lines: list[str],
    begin: int,
    end: int,
    starts: list[int],
    indent: int,
    sort_key: Callable[[int], SortKey],
    grouped: bool = False,
) -> tuple[list[str], list[_Unit], list[str]]:
    """Lines `begin:end` cut at `starts`: the lines above the first start, one unit per start,
    and the trailing comments and blank lines of the last unit."""
    head = lines[begin : starts[0]]
    units: list[_Unit] = []
    detached: list[str] = []
    for index, start in enumerate(starts):
        stop = starts[index + 1] if index + 1 < len(starts) else end
        body = lines[start:stop]
        above = detached
        detached = []
        while body and _is_detached(body[-1], indent):
            detached.insert(0, body.pop())
        unit = _Unit(index, sort_key(index), start=start, body=body)
        blanks = 0
        while blanks < len(above) and not above[blanks].strip():
            blanks += 1
        if grouped and any(not line.strip() for line in above):
            unit.starts_group, unit.separator = True, above
        else:
            unit.separator, unit.lead = above[:blanks], above[blanks:]
        units.append(unit)
    return head, units, detached


def _reorder(units: list[_Unit], grouped: bool = False) -> list[str]:
    """Units in sort order; blank-line separators (and a group's heading) stay in place."""
    out: list[str] = []
    for position, unit in zip(units, sorted(units, key=lambda u: u.sort_key), strict=True):
        out += position.separator + unit.lead + unit.body
    return out


def _is_detached(line: str, indent: int) -> bool:
    stripped = line.lstrip(" ")
    return not stripped.strip() or (
        stripped.startswith("#") and len(line) - len(stripped) <= indent
    )


def _indent(line: str) -> int:
    return len(line) - len(line.lstrip(" "))


def _shared_lines(starts: list[int]) -> bool:
    return len(set(starts)) != len(starts) or starts != sorted(starts)


def _rank(order: list[str], name: JSONValue) -> SortKey:
    return (order.index(name), "") if name in order else (len(order), "")


def _id_key(record: JSONValue) -> SortKey:
    rid = record.get("id") if isinstance(record, CommentedMap) else None
    return (0, rid) if isinstance(rid, str) else (1, "")


def _check_same_content(before: CommentedMap, text: str) -> None:
    """The reordered text must hold the same records and fields, or nothing is written."""
    try:
        after = parse_yaml(text)
    except CollectionError as error:
        raise LayoutError(f"reordering would break the file ({error.message})") from None
    if _content(before) != _content(after):
        raise LayoutError("reordering would change the file's content")


def _content(data: JSONValue) -> str:
    plain = to_plain(data)
    if isinstance(plain, dict):
        plain = {
            key: sorted(json.dumps(item, sort_keys=True) for item in value)
            if isinstance(value, list)
            else value
            for key, value in plain.items()
        }
    return json.dumps(plain, sort_keys=True)
