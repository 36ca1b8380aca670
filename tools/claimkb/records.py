"""Records (claims and registry entries) and findings, each knowing where it came from."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class Location:
    """A place in a file: the record's first line and the line of each of its fields."""

    path: str
    line: int = 0
    field_lines: tuple[tuple[str, int], ...] = ()

    def line_of(self, name: str | None) -> int:
        return dict(self.field_lines).get(name, self.line) if name else self.line


@dataclass(frozen=True)
class Record:
    """A claim, entity, source, metric, scope or method, with its fields as typed values."""

    type: str
    id: str
    data: dict[str, Any]
    location: Location
    #: the page that shows it (claims in pages; claims of collections once a page shows them)
    docname: str | None = None

    @property
    def anchor(self) -> str:
        return f"{self.type}-{self.id}"

    def get(self, name: str, default: Any = None) -> Any:
        return self.data.get(name, default)


@dataclass(frozen=True, order=True)
class Finding:
    """One problem, located: what the Sphinx build logs and `claimkb validate` prints."""

    path: str
    line: int
    column: int = 1
    code: str = "schema"  # warning subtype: schema, ref, duplicate, bounds, yaml, file, ...
    record_type: str = ""
    record_id: str = ""
    field: str = ""
    message: str = ""
    hint: str = ""

    @property
    def subject(self) -> str:
        """`claim <id>: <field>` — the part of the message that says what is wrong where."""
        parts = []
        if self.record_type:
            parts.append(
                f"{self.record_type} {self.record_id}" if self.record_id else self.record_type
            )
        if self.field:
            parts.append(self.field)
        return ": ".join(parts)

    def text(self) -> str:
        """The message without the file position, as Sphinx shows it after `path:line:`."""
        head = self.subject
        text = f"{head}: {self.message}" if head else self.message
        return f"{text} (hint: {self.hint})" if self.hint else text
