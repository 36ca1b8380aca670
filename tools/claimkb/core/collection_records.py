"""The records of one collection file (`claims/*.yaml`), and every finding of the file.

A file that can be read is read whole: a duplicate key, an unknown list or a broken record is a
finding, and everything else in the file is still read and checked, so that one run reports every
mistake. A file that cannot be read (not UTF-8, a YAML syntax error, an alias) is one finding.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from .codes import FindingCode
from .collection_reader import (
    CollectionError,
    LocatedList,
    LocatedMap,
    read_located,
    read_text,
    to_plain,
)
from .records import Finding, JSONValue, Location, Record
from .schema import Schemas
from .validate import did_you_mean


def load_collection(
    path: Path, schemas: Schemas, read: Callable[[Path], str] = read_text
) -> tuple[list[Record], list[Finding]]:
    """Records of one collection file as written (its text given by `read`: from the disk unless
    told otherwise), and the problems of the file itself.

    A field written twice in a record keeps its first value, for the record's own checks, and is
    named in the record's `invalid`: `validate.valid_part` leaves it out of what views see."""
    where = str(path)
    try:
        data = read_located(read(path))
    except CollectionError as error:
        return [], [error.finding(where, code=FindingCode.YAML)]
    problem = _not_a_collection(data, schemas)
    if problem is not None:
        return [], [problem.finding(where)]
    records: list[Record] = []
    findings = duplicate_keys(where, data)
    lists = [(key, data.key_lines[key], items) for key, items in data.items()]
    lists += data.duplicates  # a list written twice: the records of both are read
    for key, line, items in lists:
        found, problems = _read_list(where, key, line, items, schemas)
        records += found
        findings += problems
    return records, findings


def duplicate_keys(where: str, value: JSONValue) -> list[Finding]:
    """A finding for every key written again in its mapping, anywhere in `value`."""
    findings = []
    if isinstance(value, LocatedMap):
        for key, line, item in value.duplicates:
            findings.append(
                Finding(
                    where,
                    line,
                    code=FindingCode.YAML,
                    message=f"duplicate key {str(key)!r}",
                    hint=f"the mapping starting at line {value.line} has it twice; keep one",
                )
            )
            findings += duplicate_keys(where, item)
    if isinstance(value, dict | list):
        for item in value.values() if isinstance(value, dict) else value:
            findings += duplicate_keys(where, item)
    return findings


def _not_a_collection(data: JSONValue, schemas: Schemas) -> CollectionError | None:
    expected = ", ".join(schemas.collection_keys)
    if data is None:
        return CollectionError(
            "the file is empty",
            hint=f"a collection is a mapping with any of the lists {expected}",
        )
    if not isinstance(data, LocatedMap):
        found = "a list" if isinstance(data, LocatedList) else f"a {type(data).__name__}"
        return CollectionError(
            f"a collection is a mapping, this file holds {found}",
            hint=f"start with one of the keys {expected}",
        )
    return None


def _read_list(
    where: str, key: JSONValue, key_line: int, items: JSONValue, schemas: Schemas
) -> tuple[list[Record], list[Finding]]:
    """The records of one list of a collection (`entities: [...]`), and what is wrong with it."""
    keys = schemas.collection_keys
    if key not in keys:
        return [], [
            Finding(
                where,
                key_line,
                field=str(key),
                message=f"unknown list {key!r} in a collection",
                hint=did_you_mean(str(key), keys) or f"allowed: {', '.join(keys)}",
            )
        ]
    rtype = keys[key]
    if not isinstance(items, LocatedList):
        if items is None:
            return [], []
        return [], [
            Finding(
                where,
                key_line,
                field=str(key),
                message=f"{key!r} must be a list of {rtype} records",
                hint="start each record with '- id: ...'",
            )
        ]
    records, findings = [], []
    for item, line in zip(items, items.item_lines, strict=True):
        if isinstance(item, LocatedMap):
            records.append(_record(where, rtype, item, line))
        else:
            findings.append(
                Finding(
                    where,
                    line,
                    record_type=rtype,
                    message=f"each item of {key!r} must be a mapping of fields",
                    hint="write '- id: ...' then the other fields, indented",
                )
            )
    return records, findings


def _record(where: str, rtype: str, item: LocatedMap, line: int) -> Record:
    field_lines = tuple((str(k), item.key_lines[k]) for k in item)
    plain = to_plain(item)
    record_id = plain.get("id")
    return Record(
        rtype,
        record_id if isinstance(record_id, str) else "",
        plain,
        Location(where, line, field_lines),
        invalid=tuple(sorted({str(key) for key, _line, _value in item.duplicates})),
    )
