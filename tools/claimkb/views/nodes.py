"""Neutral doctree nodes, written by the directives and replaced by views at write time, so they
always show current claims and names."""

from __future__ import annotations

from html import escape

from docutils import nodes
from sphinx.writers.html5 import HTML5Translator


class claim_node(nodes.General, nodes.Element):
    """A claim; attribute `record` holds its Record, children its parsed statement."""


class registry_node(nodes.General, nodes.Element):
    """A list of registry records of one type (`rtype`), rendered at write time."""


class compare_node(nodes.General, nodes.Element):
    """Claims to compare; attribute `claim_ids` holds their ids in the order written."""


class claim_card_node(nodes.General, nodes.Element):
    """The card of a claim defined elsewhere; attribute `claim_id` names it."""


class collection_table_node(nodes.General, nodes.Element):
    """A collection as one table; children: containers holding the parsed statements of its
    claims, each with attribute `index` (the claim's place in the collection)."""


class latest_figures_node(nodes.General, nodes.Element):
    """The latest figures its filters select (`latest-figures`), rendered at write time."""


class claims_node(nodes.General, nodes.Element):
    """A claims table; attribute `filters` maps a filter option to the values it accepts."""


class key_figures_node(nodes.General, nodes.Element):
    """A key-figures table (`views.key_figures`), rendered from its view at write time."""


class pivot_node(nodes.General, nodes.Element):
    """A pivot table of claims (`views.pivot`), rendered from its view at write time."""


class collection_rows_node(nodes.General, nodes.Element):
    """A collection's claims as one table, each row a claim's home; children: their
    `claim_node`s, each with its parsed statement (`views.collection_rows`)."""


class kb_page_node(nodes.General, nodes.Element):
    """A generated page's content: attribute `page` names the kind, `targets` the record ids."""


class record_link(nodes.General, nodes.Inline, nodes.Element):
    """A link a view rendered to a record's page (`todoc`) and `anchor`, with its tooltip
    (`reftitle`); made a reference from the page being written (`sphinx_ext.view_transform`)."""


class sort_key(nodes.inline):
    """Text and the raw value a browser sorts by: `<data value=...>` in HTML, the text elsewhere."""


class details_node(nodes.container):
    """A block shown collapsed, `<details>` with its `summary` in HTML; other builders show its
    content as a plain block (a container)."""


def visit_details(translator: HTML5Translator, node: details_node) -> None:
    classes = " ".join(node["classes"])
    translator.body.append(f'<details class="{escape(classes)}">')
    translator.body.append(f"<summary>{escape(node['summary'])}</summary>\n")


def depart_details(translator: HTML5Translator, node: details_node) -> None:
    translator.body.append("</details>\n")


def visit_sort_key(translator: HTML5Translator, node: sort_key) -> None:
    translator.body.append(f'<data class="claimkb-sort-key" value="{escape(str(node["value"]))}">')


def depart_sort_key(translator: HTML5Translator, node: sort_key) -> None:
    translator.body.append("</data>")


#: every node class, for `app.add_node`
NEUTRAL_NODES = (
    claim_node,
    registry_node,
    compare_node,
    claims_node,
    collection_table_node,
    latest_figures_node,
    kb_page_node,
    claim_card_node,
    key_figures_node,
    pivot_node,
    collection_rows_node,
)
