"""Links in views: to records (resolved by the `claim` domain), to the web, and joined lists."""

from __future__ import annotations

from urllib.parse import urlsplit

from docutils import nodes
from sphinx import addnodes

EXTERNAL_REL = "noopener noreferrer"


def xref(rtype: str, target: str, text: str, docname: str, classes=()) -> addnodes.pending_xref:
    """A link to record `target` of type `rtype`, shown as `text`."""
    ref = addnodes.pending_xref(
        "",
        refdomain="claim",
        reftype=rtype,
        reftarget=target,
        refdoc=docname,
        refexplicit=True,
        refwarn=False,
    )
    ref += nodes.inline(text, text, classes=list(classes))
    return ref


def web_link(text: str, url: str | None, classes=()) -> nodes.Element:
    """A link to `url` when it is http(s); any other address (refused by the schema) stays text."""
    if url and urlsplit(url).scheme in ("http", "https"):
        return nodes.reference(text, text, refuri=url, classes=list(classes))
    return nodes.inline(text, text, classes=list(classes))


def is_external(node: nodes.reference) -> bool:
    uri = node.get("refuri", "")
    return not node.get("internal") and urlsplit(uri).scheme in ("http", "https")


def joined(parts: list[nodes.Node | list[nodes.Node]], separator: str = ", ") -> list[nodes.Node]:
    """`parts` (each a node or a list of nodes) with a text node between each two: A, B, C."""
    result: list[nodes.Node] = []
    for index, part in enumerate(parts):
        if index:
            result.append(nodes.Text(separator))
        result.extend(part if isinstance(part, list) else [part])
    return result
