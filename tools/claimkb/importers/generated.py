"""Files an importer writes: a header that says so, with a checksum that notices a hand edit.

The importer refuses to overwrite a file without its marker (written by hand) or whose records
no longer match the checksum (edited since), so that nobody loses work to a re-import.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

SCHEMA_LINE = "# yaml-language-server: $schema=../schema/collection.schema.json"
#: Header line with the checksum of the records below it.
CHECKSUM = "# Records (sha256): "


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def with_header(marker: str, comment: list[str], body: str) -> str:
    """`body` (the records, in canonical form) under the marker, `comment` and the checksum."""
    lines = [SCHEMA_LINE, marker, *(f"# {line}".rstrip() for line in comment)]
    lines.append(f"{CHECKSUM}{sha256(body.encode())}")
    return "\n".join(lines) + "\n\n" + body


def edited_by_hand(path: Path, marker: str) -> str:
    """Why an importer must not overwrite `path`, or "" when it wrote it and nobody changed it."""
    text = path.read_bytes().decode("utf-8-sig", "replace")
    lines = text.split("\n")
    if marker not in (line.rstrip("\r") for line in lines[:2]):
        return "not written by the importer"
    stamps = [line for line in lines if line.startswith(CHECKSUM)]
    body = text.split("\n\n", 1)[1] if "\n\n" in text else ""
    if len(stamps) != 1 or stamps[0][len(CHECKSUM) :].strip() != sha256(body.encode()):
        return "edited since the importer wrote it"
    return ""
