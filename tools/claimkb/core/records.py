"""Records (claims and registry entries) and findings, each knowing where it came from."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, NamedTuple, TypeAlias, TypeGuard

from .codes import FindingCode

#: A value read from YAML, JSON or a directive's option: text, a number, a boolean, a list or a
#: mapping of them. The schema decides its type field by field and `validate` checks it at run
#: time; no static type follows a value from its field's name, so `core` says `Any` here, once.
JSONValue: TypeAlias = Any
#: A record's fields, or a document read from YAML or JSON
JSONObject: TypeAlias = dict[str, JSONValue]


def is_number(value: object) -> TypeGuard[int | float]:
    """A number as the schema means it: an int or a float, never a bool."""
    return isinstance(value, int | float) and not isinstance(value, bool)


def one_line(text: str) -> str:
    """`text` with every character that is not printable escaped as Python writes it: `\\n`."""
    return "".join(char if char.isprintable() else repr(char)[1:-1] for char in text)


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
    data: JSONObject
    location: Location
    #: the page that shows it (claims in pages; claims of collections once a page shows them)
    docname: str | None = None
    #: fields left out of `data` because they have a finding (`validate.valid_part`): views never
    #: see their values, and a card says they are missing
    invalid: tuple[str, ...] = field(default=(), repr=False)

    @property
    def anchor(self) -> str:
        return f"{self.type}-{self.id}"

    def get(self, name: str, default: JSONValue = None) -> JSONValue:
        return self.data.get(name, default)


@dataclass(frozen=True, order=True)
class Finding:
    """One problem, located: what the Sphinx build logs and `claimkb validate` prints."""

    path: str
    line: int
    column: int = 1
    code: FindingCode = FindingCode.SCHEMA
    record_type: str = ""
    record_id: str = ""
    field: str = ""
    message: str = ""
    hint: str = ""

    def __post_init__(self) -> None:
        # one line of text wherever a finding is printed, whatever the value it quotes holds:
        # line breaks, bidirectional controls and halves of surrogate pairs are escaped
        for name in ("record_id", "field", "message", "hint"):
            text = getattr(self, name)
            if not text.isprintable():
                object.__setattr__(self, name, one_line(text))

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


class PageReference(NamedTuple):
    """Something a page names that must exist: a claim (roles, `compare`), a collection
    (`claim-collection`), a registry list (`registry`), a filter or its value (`claims`)."""

    target: str
    path: str
    line: int
    #: the role or directive that names it: claim, claim-value, compare, claims, registry, ...
    via: str
    #: for a `claims` table: the filter option (empty when `target` is the option itself)
    option: str = ""
