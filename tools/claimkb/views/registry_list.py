"""A definition list of registry records (the `registry` directive): name, definition, what it
includes and excludes, its address."""

from __future__ import annotations

from dataclasses import dataclass

from docutils import nodes

from ..core.records import Record
from ..core.registry import Registry
from .i18n import N_, _, entity_type_words, labelled
from .links import web_url
from .model import WebLink, render_inline


@dataclass(frozen=True)
class Entry:
    anchor: str
    name: str
    rid: str
    lines: tuple[str, ...]
    url: str | None


@dataclass(frozen=True)
class RegistryList:
    rtype: str
    entries: tuple[Entry, ...]

    def render(self) -> nodes.definition_list:
        dlist = nodes.definition_list(classes=["claim-registry", f"claim-registry-{self.rtype}"])
        for entry in self.entries:
            item = nodes.definition_list_item(ids=[entry.anchor])
            term = nodes.term()
            term += nodes.strong(entry.name, entry.name)
            term += nodes.Text(f" ({entry.rid})")
            item += term
            definition = nodes.definition()
            for text in entry.lines:
                definition += nodes.paragraph(text=text)
            if entry.url is not None:
                paragraph = nodes.paragraph()
                paragraph += render_inline(WebLink(entry.url, web_url(entry.url)))
                definition += paragraph
            item += definition
            dlist += item
        return dlist


def registry_list(registry: Registry, rtype: str, ids: list[str]) -> RegistryList:
    records = registry.of_type(rtype)
    entries = []
    for rid in ids:
        record = records.get(rid)
        if record is None:
            continue
        name = record.get("name") or record.get("title") or rid
        url = record.get("url") or None
        entries.append(Entry(record.anchor, name, rid, tuple(describe(record)), url))
    return RegistryList(rtype, tuple(entries))


def describe(record: Record) -> list[str]:
    lines = []
    for field in ("definition", "description", "notes"):
        if record.get(field):
            lines.append(record.get(field))
    if record.get("unit"):
        lines.append(_("Unit: %s") % record.get("unit"))
    if record.type == "entity":
        lines.append(_("Type: %s") % entity_type_words(record.get("type")))
    if record.type == "source":
        details = [record.get("type"), record.get("publisher"), record.get("published")]
        lines.append(", ".join(str(d) for d in details if d))
    for field, label in (
        ("includes", N_("Includes")),
        ("excludes", N_("Excludes")),
        ("aliases", N_("Also known as")),
    ):
        if record.get(field):
            lines.append(labelled(_(label), "; ".join(record.get(field))))
    return lines
