"""Read collections (`claims/*.yaml`) into records, refusing what could hurt or mislead.

Limits: a file is at most `MAX_BYTES`; nesting at most `MAX_DEPTH`; YAML aliases are refused (an
alias bomb expands exponentially, and a collection never needs one). Duplicate keys are errors,
never silently merged: each is a finding, the field it doubles is left out of its record, and the
rest of the file is still read, so that one run reports every mistake of the file. A BOM and CRLF
line ends are accepted.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml as libyaml
from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.constructor import DuplicateKeyError, RoundTripConstructor
from ruamel.yaml.error import MarkedYAMLError, YAMLError
from ruamel.yaml.events import AliasEvent, CollectionEndEvent, CollectionStartEvent
from ruamel.yaml.nodes import ScalarNode

from .codes import FindingCode
from .records import Finding, JSONValue

MAX_BYTES = 5 * 1024 * 1024
MAX_DEPTH = 32


class CollectionError(Exception):
    def __init__(self, message: str, line: int = 1, hint: str = "", column: int = 1):
        super().__init__(message)
        self.message, self.line, self.hint, self.column = message, line, hint, column

    def finding(self, path: str, code: FindingCode = FindingCode.FILE) -> Finding:
        """The error as a located finding of the file at `path`."""
        return Finding(
            path, self.line, self.column, code=code, message=self.message, hint=self.hint
        )


def read_text(path: Path, limit: int = MAX_BYTES) -> str:
    """The file's text, decoded as UTF-8 (a BOM is dropped); CollectionError if it cannot be."""
    try:
        _check_size(path.stat().st_size, limit)
        raw = path.read_bytes()
    except OSError as error:
        raise CollectionError(f"cannot read file: {error.strerror or error}") from None
    return decode_text(raw, limit)


def decode_text(raw: bytes, limit: int = MAX_BYTES) -> str:
    """`read_text` of a file's bytes read elsewhere (a blob of a git revision)."""
    _check_size(len(raw), limit)
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = raw.count(b"\n", 0, error.start) + 1
        raise CollectionError(
            f"not valid UTF-8 (byte 0x{raw[error.start]:02x})",
            line=line,
            hint="save the file as UTF-8",
        ) from None


def _check_size(size: int, limit: int) -> None:
    if size > limit:
        raise CollectionError(
            f"file is {size:,} bytes; the limit is {limit:,} bytes",
            hint="split it into several files",
        )


class _Constructor(RoundTripConstructor):
    """Keeps dates as the text written, so the schema (not the YAML library) judges them."""


_Constructor.add_constructor("tag:yaml.org,2002:timestamp", RoundTripConstructor.construct_yaml_str)


class _NotingConstructor(_Constructor):
    """Reads past a duplicate key, keeping the first value and noting the others."""

    def check_mapping_key(
        self, node: Any, key_node: Any, mapping: Any, key: Any, value: Any
    ) -> bool:  # typed as ruamel types it
        if key not in mapping:
            return True
        noted = self.__dict__.setdefault("duplicates", [])
        noted.append((mapping, key, key_node.start_mark.line + 1, value))
        return False


def new_yaml(keep_duplicates: bool = False) -> YAML:
    """A round-trip YAML instance: comments, order and line numbers kept, dates left as text.

    Duplicate keys raise CollectionError, unless `keep_duplicates`: then the first value stays and
    the constructor's `duplicates` lists (mapping, key, line, value) of the others."""
    yaml = YAML(typ="rt")
    yaml.Constructor = _NotingConstructor if keep_duplicates else _Constructor
    yaml.allow_duplicate_keys = keep_duplicates
    return yaml


def parse_yaml(text: str, yaml: YAML | None = None) -> JSONValue:
    """Round-trip parse (keeps line numbers) after a cheap event scan for aliases and depth."""
    yaml = yaml or new_yaml()
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


class LocatedMap(dict[JSONValue, JSONValue]):
    """A mapping read from a collection, with its line, the line of each key, and the keys
    written again after their first time: (key, line, value), none of them in the mapping."""

    __slots__ = ("line", "key_lines", "duplicates")

    def __init__(self, line: int = 0) -> None:
        super().__init__()
        self.line = line
        self.key_lines: dict[JSONValue, int] = {}
        self.duplicates: list[tuple[str, int, JSONValue]] = []


class LocatedList(list[JSONValue]):
    """A sequence read from a collection, with the line of each item."""

    __slots__ = ("item_lines",)

    def __init__(self) -> None:
        super().__init__()
        self.item_lines: list[int] = []


def read_located(text: str) -> JSONValue:
    """The document as LocatedMap / LocatedList / scalars, with 1-based lines.

    Reading is the fixed cost of every build and validation, and ruamel's pure-Python parser is
    some 50x slower than libyaml's. So the text is read from libyaml's events whenever it holds
    only what that reader mirrors exactly (YAML 1.2 scalars resolved by ruamel's own resolver and
    constructor); anything else (an error, an alias, a tag, a duplicate key, deep nesting...) is
    read by `parse_yaml`, whose messages and values are the reference.
    """
    if libyaml.__with_libyaml__:
        try:
            return read_fast(text)
        except (NeedsRoundTrip, libyaml.YAMLError):
            pass
    return read_round_trip(text)


def read_fast(text: str) -> JSONValue:
    """`read_located` by libyaml's events; NeedsRoundTrip for what only ruamel reads right."""
    return _from_events(libyaml.parse(text, Loader=libyaml.CSafeLoader))


def read_round_trip(text: str) -> JSONValue:
    """`read_located` by ruamel's round-trip parser: the reference, slow."""
    yaml = new_yaml(keep_duplicates=True)
    data = parse_yaml(text, yaml)
    duplicates: dict[int, list[tuple[str, int, JSONValue]]] = {}
    for mapping, key, line, value in yaml.constructor.__dict__.get("duplicates", []):
        duplicates.setdefault(id(mapping), []).append((str(key), line, value))
    return _from_round_trip(data, duplicates)


class NeedsRoundTrip(Exception):
    """The fast reader met something it leaves to ruamel."""


_SCALARS_AS_TEXT = {"tag:yaml.org,2002:str", "tag:yaml.org,2002:timestamp"}
_SCALARS_CONSTRUCTED = {
    "tag:yaml.org,2002:null",
    "tag:yaml.org,2002:bool",
    "tag:yaml.org,2002:int",
    "tag:yaml.org,2002:float",
}


@dataclass(slots=True)
class _Open:
    """A collection being read: its container and, in a mapping, the key awaiting its value."""

    container: LocatedMap | LocatedList
    #: None: the next scalar is a key
    key: str | None = None
    line: int = 0
    #: the key was written before in this mapping
    again: bool = False


def _from_events(events: Iterable[libyaml.Event]) -> JSONValue:  # long: one loop, closures on it
    reference = new_yaml()
    resolver, constructor = reference.resolver, reference.constructor

    def scalar(event: libyaml.ScalarEvent) -> JSONValue:
        if event.tag is not None or event.anchor is not None:
            raise NeedsRoundTrip
        if event.style not in ("", None):  # quoted or block: always text
            return event.value
        tag = resolver.resolve(ScalarNode, event.value, (True, False))
        name = str(tag)
        if name in _SCALARS_AS_TEXT:
            return event.value
        if name in _SCALARS_CONSTRUCTED:
            return constructor.construct_object(ScalarNode(tag, event.value))
        raise NeedsRoundTrip

    root: JSONValue = None
    stack: list[_Open] = []
    documents = 0

    def add(value: JSONValue, line: int) -> None:
        nonlocal root
        if not stack:
            root = value
            return
        top = stack[-1]
        container = top.container
        if isinstance(container, LocatedList):
            container.append(value)
            container.item_lines.append(line)
        elif top.key is None:
            if not isinstance(value, str):
                raise NeedsRoundTrip
            top.key, top.line, top.again = value, line, value in container
        elif top.again:
            container.duplicates.append((top.key, top.line, value))
            top.key = None
        else:
            container[top.key] = value
            container.key_lines[top.key] = top.line
            top.key = None

    for event in events:
        # libyaml marks every event; the stubs allow for none (line 0). Inline: this loop is hot
        line = mark.line + 1 if (mark := event.start_mark) is not None else 0
        if isinstance(event, libyaml.ScalarEvent):
            add(scalar(event), line)
        elif isinstance(event, libyaml.CollectionStartEvent):
            if (event.tag is not None and not event.implicit) or event.anchor is not None:
                raise NeedsRoundTrip
            if len(stack) >= MAX_DEPTH:
                raise NeedsRoundTrip
            mapping = isinstance(event, libyaml.MappingStartEvent)
            container = LocatedMap(line) if mapping else LocatedList()
            add(container, line)
            stack.append(_Open(container))
        elif isinstance(event, libyaml.CollectionEndEvent):
            stack.pop()
        elif isinstance(event, libyaml.DocumentStartEvent):
            documents += 1
            if documents > 1 or event.version is not None or event.tags:
                raise NeedsRoundTrip
        elif isinstance(event, libyaml.AliasEvent):
            raise NeedsRoundTrip
    return root


def _from_round_trip(
    value: JSONValue, duplicates: dict[int, list[tuple[str, int, JSONValue]]]
) -> JSONValue:
    if isinstance(value, CommentedMap):
        located = LocatedMap(value.lc.line + 1)
        for key, item in value.items():
            located[key] = _from_round_trip(item, duplicates)
            located.key_lines[key] = value.lc.key(key)[0] + 1
        located.duplicates = [
            (str(key), line, _from_round_trip(item, duplicates))
            for key, line, item in duplicates.get(id(value), [])
        ]
        return located
    if isinstance(value, CommentedSeq):
        items = LocatedList()
        for index, item in enumerate(value):
            items.append(_from_round_trip(item, duplicates))
            items.item_lines.append(value.lc.item(index)[0] + 1)
        return items
    return value


def to_plain(value: JSONValue) -> JSONValue:
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
