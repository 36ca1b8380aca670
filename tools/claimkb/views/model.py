"""The parts every view's model is made of, and how they are rendered.

A view is two steps (`views.catalogue.VIEWS`): `model(kb, *arguments)` computes a frozen value
that holds everything the view shows, already resolved: names, links' targets, formatted numbers,
constant dollars, the rows a table lists, the points a chart draws. `render(model)` turns it into
docutils nodes and reads nothing else. A page's fingerprint is the digest of its views' models
(`digest`), so a page is rewritten exactly when what one of its views shows changed.

The parts here are the inline ones (text, links, styled runs) and the blocks generated pages are
made of (sections, paragraphs, lists); views add their own (cards, tables, charts).
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, replace
from typing import Union

from docutils import nodes
from sphinx import addnodes

from .nodes import record_link, sort_key


@dataclass(frozen=True)
class Link:
    """A link to a record's place on the site: its text, the page and anchor it points to and
    its tooltip. Without a page (no page shows the record), only the text is shown."""

    text: str
    doc: str | None = None
    anchor: str = ""
    tooltip: str = ""
    classes: tuple[str, ...] = ()


@dataclass(frozen=True)
class DocLink:
    """A link to a page of the site by its name; `doc` is None when the page does not exist."""

    text: str
    doc: str | None


@dataclass(frozen=True)
class WebLink:
    """A link to the web; `url` is None when the address is not http(s) (shown as text)."""

    text: str
    url: str | None
    classes: tuple[str, ...] = ()
    #: what the link says on hover
    title: str = ""


@dataclass(frozen=True)
class SortText:
    """Text and the raw value a table sorts it by."""

    text: str
    value: object


@dataclass(frozen=True)
class Styled:
    """A run of inline parts in one element: `inline`, `strong`, `literal` or `paragraph`."""

    tag: str
    parts: tuple[Inline, ...]
    classes: tuple[str, ...] = ()


@dataclass(frozen=True)
class Ref:
    """A link written as it is: to an anchor of the same page (`refid`) or to an address
    relative to the page (`refuri`), such as a card's `¶` and its share link."""

    text: str
    refid: str = ""
    refuri: str = ""
    title: str = ""
    classes: tuple[str, ...] = ()


Inline = Union[str, Link, DocLink, WebLink, SortText, Styled, Ref]  # noqa: UP007 (runtime alias)


@dataclass(frozen=True)
class Section:
    """A titled section of a generated page."""

    title: str
    anchor: str
    blocks: tuple[object, ...]
    classes: tuple[str, ...] = ("claimkb-generated-section",)


@dataclass(frozen=True)
class Items:
    """A bullet list, each item one paragraph."""

    items: tuple[Styled, ...]
    classes: tuple[str, ...] = ()


@dataclass(frozen=True)
class Raw:
    """HTML written as it is (already escaped by the model)."""

    html: str


def digest(model: object) -> str:
    """A stable digest of a model: its `repr`, which for frozen dataclasses of strings, numbers
    and tuples is the same in every process and every build."""
    return hashlib.sha1(repr(model).encode()).hexdigest()


def untipped(part: Inline) -> Inline:
    """A link without its tooltip: where a page repeats links by the hundred (light tables,
    compare blocks), the tooltips are most of its weight and say what the linked page says."""
    if isinstance(part, Link) and part.tooltip:
        return replace(part, tooltip="")
    return part


def para(*parts: Inline, classes: tuple[str, ...] = ()) -> Styled:
    return Styled("paragraph", tuple(parts), classes)


def strong(text: str, classes: tuple[str, ...] = ()) -> Styled:
    return Styled("strong", (text,), classes)


def span(text: str, classes: tuple[str, ...] = ()) -> Styled:
    return Styled("inline", (text,), classes)


def joined(parts: list[Inline], separator: str = ", ") -> tuple[Inline, ...]:
    """`parts` with `separator` between each two: A, B, C."""
    result: list[Inline] = []
    for index, part in enumerate(parts):
        if index:
            result.append(separator)
        result.append(part)
    return tuple(result)


# --- rendering --------------------------------------------------------------------------------
ELEMENTS = {
    "inline": nodes.inline,
    "strong": nodes.strong,
    "literal": nodes.literal,
    "paragraph": nodes.paragraph,
}


def render_inline(part: Inline) -> nodes.Node:
    if isinstance(part, str):
        return nodes.Text(part)
    if isinstance(part, Link):
        text = nodes.inline(part.text, part.text, classes=list(part.classes))
        if part.doc is None:
            return text
        link = record_link(todoc=part.doc, anchor=part.anchor, reftitle=part.tooltip)
        link += text
        return link
    if isinstance(part, DocLink):
        if part.doc is None:
            return nodes.Text(part.text)
        ref = addnodes.pending_xref(
            "", refdomain="std", reftype="doc", reftarget="/" + part.doc, refexplicit=True
        )
        ref += nodes.inline(part.text, part.text)
        return ref
    if isinstance(part, WebLink):
        if part.url is None:
            return nodes.inline(part.text, part.text, classes=list(part.classes))
        title = {"reftitle": part.title} if part.title else {}
        return nodes.reference(
            part.text, part.text, refuri=part.url, classes=list(part.classes), **title
        )
    if isinstance(part, SortText):
        return sort_key(part.text, part.text, value=part.value)
    if isinstance(part, Ref):
        target = {"refid": part.refid} if part.refid else {"refuri": part.refuri, "internal": True}
        title = {"reftitle": part.title} if part.title else {}
        return nodes.reference("", part.text, **target, classes=list(part.classes), **title)
    element = ELEMENTS[part.tag](classes=list(part.classes))
    element.extend(render_inline(child) for child in part.parts)
    return element


def render_inlines(parts: tuple[Inline, ...]) -> list[nodes.Node]:
    return [render_inline(part) for part in parts]


def render_blocks(blocks: tuple[object, ...]) -> list[nodes.Node]:
    """Blocks in order; a block may render as several nodes (a list) or none."""
    found: list[nodes.Node] = []
    for block in blocks:
        rendered = render_block(block)
        found.extend(rendered if isinstance(rendered, list) else [rendered])
    return found


def render_block(block: object) -> nodes.Node | list[nodes.Node]:
    if isinstance(block, Styled):
        return render_inline(block)
    if isinstance(block, Section):
        section = nodes.section(ids=[block.anchor], classes=list(block.classes))
        section += nodes.title(block.title, block.title)
        section.extend(render_blocks(block.blocks))
        return section
    if isinstance(block, Items):
        listing = nodes.bullet_list(classes=list(block.classes))
        for item in block.items:
            entry = nodes.list_item()
            entry += render_inline(item)
            listing += entry
        return listing
    if isinstance(block, Raw):
        return nodes.raw("", block.html, format="html")
    render = getattr(block, "render", None)
    if render is None:
        raise TypeError(f"no rendering for {type(block).__name__}")
    rendered: nodes.Node = render()
    return rendered


def table_frame(
    classes: list[str], headers: list[tuple[str, list[str]]], caption: str = ""
) -> tuple[nodes.table, nodes.tbody]:
    """A docutils table with its header row (each header's label and classes) and an empty body
    for the caller's rows: the frame every table of claims shares."""
    table = nodes.table(classes=classes)
    if caption:
        table += nodes.title(caption, caption)
    group = nodes.tgroup(cols=len(headers))
    table += group
    group.extend(nodes.colspec(colwidth=1) for _header in headers)
    head, row = nodes.thead(), nodes.row()
    for label, entry_classes in headers:
        entry = nodes.entry(classes=entry_classes)
        entry += nodes.paragraph(label, label)
        row += entry
    head += row
    group += head
    body = nodes.tbody()
    group += body
    return table, body


def table_wrapper(table: nodes.table, *before: nodes.Node) -> nodes.container:
    """The box a table scrolls in when it is wider than the page (with what goes above it)."""
    wrapper = nodes.container(classes=["claimkb-table-wrapper"])
    wrapper.extend(before)
    wrapper += table
    return wrapper
