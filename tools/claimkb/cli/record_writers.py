"""How `claimkb new` writes a record: a claim directive appended to a page, or a YAML record
inserted into a collection where `claimkb fmt` would put it. Nothing already there moves."""

from __future__ import annotations

import datetime
import io
import os
import re
from pathlib import Path
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq

from ..core.canonical_form import NoInsertionPoint, insertion_point
from ..core.collection_reader import CollectionError, parse_yaml, read_text
from ..core.schema import Schemas
from .common import UsageError, write_atomically


# --- pages -----------------------------------------------------------------------------------
def append_claim_to_page(
    path: Path, data: dict[str, Any], raw: dict[str, str], schemas: Schemas
) -> int:
    """Append the claim directive at the end of the page; returns its first line."""
    try:
        text = read_text(path)
    except CollectionError as error:
        raise UsageError(f"cannot read {path}: {error.message}") from None
    options = [
        name for name in schemas.fields["claim"] if name in raw and name not in ("id", "text")
    ]
    for name in options:
        if "\n" in raw[name]:
            raise UsageError(f"--{name.replace('_', '-')} must be one line in a page")
    body = raw.get("text", "").strip("\n")
    fence = "`" * max([3, *(len(run) + 1 for run in re.findall(r"`+", body))])
    lines = [f"{fence}{{claim}} {data['id']}"]
    lines += [f":{name}: {_option_text(raw[name])}" for name in options]
    if body:
        lines += ["", body]
    lines.append(fence)
    lead = "" if not text or text.endswith("\n\n") else "\n" if text.endswith("\n") else "\n\n"
    _append_bytes(path, lead + "\n".join(lines) + "\n", crlf="\r\n" in text)
    return (text + lead).count("\n") + 1


def _option_text(value: str) -> str:
    return ", ".join(p.strip() for p in value.split(",")) if "," in value else value.strip()


def _append_bytes(path: Path, addition: str, crlf: bool) -> None:
    with path.open("ab") as handle:
        handle.write(_line_ends(addition, crlf).encode("utf-8"))


def _line_ends(text: str, crlf: bool) -> str:
    return text.replace("\n", "\r\n") if crlf else text


# --- collections -----------------------------------------------------------------------------
def add_to_collection(path: Path, rtype: str, data: dict[str, Any], schemas: Schemas) -> int:
    """Insert the record's YAML into the collection's list; returns its first line."""
    key = next(k for k, t in schemas.collection_keys.items() if t == rtype)
    record = _yaml_record(schemas, rtype, data)
    if not path.exists():
        schema_ref = os.path.relpath(
            schemas.directory / "collection.schema.json", path.parent.resolve()
        )
        text = f"# yaml-language-server: $schema={schema_ref}\n\n{key}:\n{_dump(record, 2)}"
        write_atomically(path, text.encode("utf-8"))
        return 4
    try:
        original = read_text(path)
        existing = parse_yaml(original)
    except CollectionError as error:
        raise UsageError(
            f"{path}:{error.line}: {error.message}", "fix the file first; nothing was written"
        ) from None
    if existing is None:
        existing = CommentedMap()
    if not isinstance(existing, CommentedMap):
        raise UsageError(f"{path} is not a collection (a mapping of lists)")
    try:
        line, dash = insertion_point(original, existing, key, data["id"])
    except NoInsertionPoint as error:
        raise UsageError(f"cannot add to {path}: {error}") from None
    lines = original.splitlines(keepends=True)
    newline = "\r\n" if "\r\n" in original else "\n"
    if line == len(lines) and lines and not lines[-1].endswith("\n"):
        lines[-1] += newline
    if dash is None:
        separator = "\n" if lines and lines[-1].strip() else ""
        insert = f"{separator}{key}:\n{_dump(record, 2)}"
        first = len(lines) + len(separator) + 2
    else:
        insert, first = _dump(record, dash), line + 1
    insert = _line_ends(insert, newline == "\r\n")
    bom = b"\xef\xbb\xbf" if path.read_bytes().startswith(b"\xef\xbb\xbf") else b""
    write_atomically(
        path, bom + ("".join(lines[:line]) + insert + "".join(lines[line:])).encode("utf-8")
    )
    return first


def _yaml_record(schemas: Schemas, rtype: str, data: dict[str, Any]) -> CommentedMap:
    record = CommentedMap()
    for name, spec in schemas.fields[rtype].items():
        if name not in data:
            continue
        value = data[name]
        if isinstance(value, list):
            value = CommentedSeq(value)
            value.fa.set_flow_style()
        elif isinstance(value, str) and spec.type == "string":
            value = _as_date(value)
        record[name] = value
    return record


def _as_date(value: str) -> Any:
    """A full ISO date is written unquoted, as YAML dates are elsewhere in collections."""
    try:
        return datetime.date.fromisoformat(value) if len(value) == 10 else value
    except ValueError:
        return value


def _dump(record: CommentedMap, dash: int) -> str:
    yaml = YAML(typ="rt")
    yaml.width = 4096
    yaml.indent(mapping=2, sequence=dash + 2, offset=dash)
    out = io.StringIO()
    yaml.dump(CommentedSeq([record]), out)
    return out.getvalue()
