"""A chart in its page: the drawing in each layout (the page's style shows the one that fits the
screen), the links to its files, and the table of the same figures. Each drawing is an image of
the chart's folder (`chart.svg`, `chart-narrow.svg`), which `claimkb-chart.js` replaces by the
same SVG inline, so that its points can be hovered, tapped and followed to their cards; it adds
the tooltip, picking out a series, the chart/table switch and the permalink. Without script the
reader has the labelled drawing as an image, and the table. Kept out of the page, the drawings
do not weigh on it (the token-price chart's two were 38 KB of its HTML) and are loaded once.

A selection of one or two figures is shown as its table alone.
"""

from __future__ import annotations

import re
from html import escape

from docutils import nodes

from .chart_drawing import drawing, svg_name
from .chart_labels import LAYOUTS
from .chart_model import ChartModel
from .i18n import labelled

#: what the site's search does not index (Pagefind's attribute): the drawings, whose words the
#: table says, and the chart's notes, hint and links, which every chart says alike; its title and
#: what each series counts are searched as the page's text (its table's rows are claims, each a
#: search result of its own: `sphinx_ext.search_index.CLAIM_LISTINGS`)
NOT_SEARCHED = "data-pagefind-ignore"
#: a drawing's size in pixels, as Vega writes it
SIZE = re.compile(r'<svg[^>]*? width="([0-9.]+)" height="([0-9.]+)"')


def render_chart(model: ChartModel) -> nodes.container:
    block = nodes.container(classes=["claimkb-chart-block"], ids=[model.element_id])
    if model.table_only or not model.points:
        block["classes"].append("claimkb-chart-table-only")
        block += model.table.render()
        return block
    block += nodes.raw("", figure_html(model), format="html")
    table = nodes.container(classes=["claimkb-chart-table"])
    table += model.table.render()
    block += table
    return block


def figure_html(model: ChartModel) -> str:
    files = dict(model.files)
    drawn = drawing(model)
    svgs = "".join(
        f'<div class="claimkb-chart-layout claimkb-chart-layout-{layout.name}" {NOT_SEARCHED}>'
        f"{image(model, files['svg'], layout.name, drawn.svg(layout.name))}</div>"
        for layout in LAYOUTS
    )
    links = " · ".join(
        f'<a href="{escape(files[kind])}" download>{escape(model.word(kind))}</a>'
        for kind in ("csv", "datapackage", "svg", "png")
    )
    permalink = f'<a class="claimkb-chart-permalink" href="#{escape(model.element_id)}">'
    embed = (
        f'<a class="claimkb-chart-embed" href="{escape(files["embed"])}">'
        f"{escape(model.word('embed'))}</a>"
    )
    words = {key: model.word(key) for key in ("chart", "table", "embed_hint", "all")}
    return (
        f'<figure class="claimkb-chart" data-words="{escape(_json(words))}">'
        f'<div class="claimkb-chart-image" role="group" aria-label="{escape(model.title)}">'
        f"{phone_head(model)}{svgs}</div>"
        "<figcaption>"
        + "".join(f'<p class="claimkb-chart-detail">{escape(text)}</p>' for text in model.details)
        # "hover over or tap a point": true once the script has put the drawings in the page
        + f'<p class="claimkb-chart-hint" {NOT_SEARCHED} hidden>{escape(model.word("hint"))}</p>'
        f'<p class="claimkb-chart-files" {NOT_SEARCHED}>'
        f"{labelled(escape(model.word('download')), links)} · "
        f"{permalink}{escape(model.word('link'))}</a> · {embed}</p>"
        "</figcaption></figure>"
    )


def image(model: ChartModel, wide_address: str, layout: str, svg: str) -> str:
    """A drawing as an image of the chart's folder, at its drawn size (the page does not move
    when the script puts the SVG itself in its place)."""
    address = wide_address.rpartition("/")[0] + "/" + svg_name(layout)
    found = SIZE.match(svg)
    size = f' width="{found.group(1)}" height="{found.group(2)}"' if found else ""
    return (
        f'<img class="claimkb-chart-static" src="{escape(address)}"{size} '
        f'alt="{escape(model.title)}" loading="lazy" decoding="async">'
    )


def phone_head(model: ChartModel) -> str:
    """The title and notes the wide drawing holds, for phones: written by the page, they wrap to
    its width (the narrow drawing has the plot alone)."""
    lines = [model.subtitle, *model.notes, *(words for _key, words in model.legend)]
    notes = "".join(f"<p {NOT_SEARCHED}>{escape(line)}</p>" for line in lines if line)
    return (
        '<div class="claimkb-chart-phone-head">'
        f'<p class="claimkb-chart-title">{escape(model.title)}</p>{notes}</div>'
    )


def _json(words: dict[str, str]) -> str:
    import json

    return json.dumps(words, ensure_ascii=False, sort_keys=True)
