"""Read collections (`claims/*.yaml`) into records, refusing what could hurt or mislead.

Limits: a file is at most `MAX_BYTES`; nesting at most `MAX_DEPTH`; YAML aliases are refused (an
alias bomb expands exponentially, and a collection never needs one). Duplicate keys are errors,
never silently merged. A BOM and CRLF line ends are accepted.
"""

from __future__ import annotations

import datetime
from pathlib import Path
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.constructor import DuplicateKeyError, RoundTripConstructor
from ruamel.yaml.error import MarkedYAMLError, YAMLError
from ruamel.yaml.events import AliasEvent, CollectionEndEvent, CollectionStartEvent

from .records import Finding, Location, Record
from .schema import Schemas
from .validate import did_you_mean

MAX_BYTES = 5 * 1024 * 1024
MAX_DEPTH = 32


class CollectionError(Exception):
    def __init__(self, message: str, line: int = 1, hint: str = "", column: int = 1):
        super().__init__(message)
        self.message, self.line, self.hint, self.column = message, line, hint, column


def read_text(path: Path, limit: int = MAX_BYTES) -> str:
    """The file's text, decoded as UTF-8 (a BOM is dropped); CollectionError if it cannot be."""
    try:
        size = path.stat().st_size
        if size > limit:
            raise CollectionError(
                f"file is {size:,} bytes; the limit is {limit:,} bytes",
                hint="split it into several files",
            )
        raw = path.read_bytes()
    except OSError as error:
        raise CollectionError(f"cannot read file: {error.strerror or error}") from None
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = raw.count(b"\n", 0, error.start) + 1
        raise CollectionError(
            f"not valid UTF-8 (byte 0x{raw[error.start]:02x})",
            line=line,
            hint="save the file as UTF-8",
        ) from None


class _Constructor(RoundTripConstructor):
    """Keeps dates as the text written, so the schema (not the YAML library) judges them."""


_Constructor.add_constructor("tag:yaml.org,2002:timestamp", RoundTripConstructor.construct_yaml_str)


def new_yaml() -> YAML:
    """A round-trip YAML instance: comments, order and line numbers kept, dates left as text."""
    yaml = YAML(typ="rt")
    yaml.Constructor = _Constructor
    yaml.allow_duplicate_keys = False
    return yaml


def parse_yaml(text: str) -> Any:
    """Round-trip parse (keeps line numbers) after a cheap event scan for aliases and depth."""
    yaml = new_yaml()
    try:
        depth = 0
        for event in yaml.parse(text):
            if isinstance(event, AliasEvent):
                raise CollectionError(
                    "YAML aliases (*name) are not allowed in collections",
                    line=event.start_mark.line + 1,
                    column=event.start_mark.column + 1,
                    hint="write the values out in full",
                )
            if isinstance(event, CollectionStartEvent):
                depth += 1
                if depth > MAX_DEPTH:
                    raise CollectionError(
                        f"nested more than {MAX_DEPTH} levels deep",
                        line=event.start_mark.line + 1,
                    )
            elif isinstance(event, CollectionEndEvent):
                depth -= 1
        return yaml.load(text)
    except DuplicateKeyError as error:
        mark = error.problem_mark
        first = error.context_mark.line + 1 if error.context_mark else None
        key = (error.problem or "").split('"')[1] if '"' in (error.problem or "") else ""
        raise CollectionError(
            f"duplicate key {key!r}" if key else "duplicate key",
            line=mark.line + 1 if mark else 1,
            hint=f"the mapping starting at line {first} has it twice; keep one" if first else "",
        ) from None
    except MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        problem = error.problem or error.context or "invalid YAML"
        hint = "indent with spaces: YAML does not allow tabs" if "\\t" in problem else ""
        raise CollectionError(
            f"YAML syntax error: {problem}",
            line=mark.line + 1 if mark else 1,
            column=mark.column + 1 if mark else 1,
            hint=hint,
        ) from None
    except (YAMLError, RecursionError, ValueError) as error:
        raise CollectionError(f"YAML error: {error}") from None


def to_plain(value: Any) -> Any:
    """Round-trip YAML values to plain JSON-like values (dates become ISO strings)."""
    if isinstance(value, dict):
        return {str(key): to_plain(item) for key, item in value.items()}
    if isinstance(value, list):
        return [to_plain(item) for item in value]
    if isinstance(value, datetime.date):
        return value.isoformat()
    if isinstance(value, bool | int | float | str) or value is None:
        return value if not isinstance(value, str) else str(value)
    return str(value)


def load_collection(path: Path, schemas: Schemas) -> tuple[list[Record], list[Finding]]:
    """Records of one collection file, and the problems that kept any part of it out."""
    where = str(path)
    try:
        data = parse_yaml(read_text(path))
    except CollectionError as error:
        return [], [_file_finding(where, error)]
    keys = schemas.collection_keys
    expected = ", ".join(keys)
    if data is None:
        return [], [
            Finding(
                where,
                1,
                code="file",
                message="the file is empty",
                hint=f"a collection is a mapping with any of the lists {expected}",
            )
        ]
    if not isinstance(data, CommentedMap):
        found = "a list" if isinstance(data, CommentedSeq) else f"a {type(data).__name__}"
        return [], [
            Finding(
                where,
                1,
                code="file",
                message=f"a collection is a mapping, this file holds {found}",
                hint=f"start with one of the keys {expected}",
            )
        ]
    records: list[Record] = []
    findings: list[Finding] = []
    for key, items in data.items():
        key_line = data.lc.key(key)[0] + 1
        if key not in keys:
            findings.append(
                Finding(
                    where,
                    key_line,
                    code="schema",
                    field=str(key),
                    message=f"unknown list {key!r} in a collection",
                    hint=did_you_mean(str(key), keys) or f"allowed: {expected}",
                )
            )
            continue
        rtype = keys[key]
        if not isinstance(items, CommentedSeq):
            if items is not None:
                findings.append(
                    Finding(
                        where,
                        key_line,
                        code="schema",
                        field=str(key),
                        message=f"{key!r} must be a list of {rtype} records",
                        hint="start each record with '- id: ...'",
                    )
                )
            continue
        for index, item in enumerate(items):
            line = items.lc.item(index)[0] + 1
            if not isinstance(item, CommentedMap):
                findings.append(
                    Finding(
                        where,
                        line,
                        code="schema",
                        record_type=rtype,
                        message=f"each item of {key!r} must be a mapping of fields",
                        hint="write '- id: ...' then the other fields, indented",
                    )
                )
                continue
            field_lines = tuple((str(k), item.lc.key(k)[0] + 1) for k in item)
            plain = to_plain(item)
            record_id = plain.get("id")
            records.append(
                Record(
                    rtype,
                    record_id if isinstance(record_id, str) else "",
                    plain,
                    Location(where, line, field_lines),
                )
            )
    return records, findings


def _file_finding(where: str, error: CollectionError) -> Finding:
    return Finding(
        where, error.line, error.column, code="yaml", message=error.message, hint=error.hint
    )
