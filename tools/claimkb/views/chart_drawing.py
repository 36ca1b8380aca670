"""Drawing a chart: its wide layout from its Vega-Lite specification (`chart_spec`) to SVG with
vl-convert, offline and byte for byte the same for the same model, then made readable in a page;
its phone layout written from the model (`chart_phone`).

vl-convert runs Vega in an embedded JavaScript engine: no browser, no network. Its SVG is then
adjusted, by its own words: each point gets a `<title>` (the browser's tooltip, without
script), the series it belongs to and its index (`data-series`, `data-i`, for the page's
script) and a link to its claim's card, and ids get the chart's own prefix so that several
charts share a page. Drawings are kept per model digest (and `drawer_digest`: the code
and versions that draw), in memory and in the chart's folder (`chart.svg` says the digest it was
drawn from), so that a chart drawn once is not drawn again: by the page and its files, or by the
next build when nothing it shows changed.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from .chart_labels import LAYOUTS, PHONE
from .chart_model import ChartModel
from .chart_phone import phone_svg
from .chart_spec import VEGA_LITE, spec
from .model import digest

MARKER = "<!-- claimkb chart {digest} -->"
#: the label Vega gives a title or subtitle ("Title text '…'"): English words around the text,
#: which the figure's own name and caption already say in the page's language
TITLE_LABEL = re.compile(r'( aria-roledescription="(?:title|subtitle)") aria-label="[^"]*"')
ELEMENT = re.compile(r'<(path|text) aria-label="([^"]*)" role="graphics-symbol" '
                     r'aria-roledescription="([a-z ]+)"([^>]*?)(/?)>')  # fmt: skip
IDS = re.compile(r'(id="|url\(#|href="#)(clip[0-9]+)')
#: coordinates with many decimals, in `translate(...)` and path data
NUMBERS = re.compile(r"(?<=[(,A-Za-z ])-?[0-9]+\.[0-9]{3,}(?:e-?[0-9]+)?")


@dataclass(frozen=True)
class Drawing:
    """A chart's SVG in each layout, and the digest of the model it was drawn from."""

    digest: str
    svgs: tuple[tuple[str, str], ...]

    def svg(self, layout: str) -> str:
        return dict(self.svgs)[layout]


_drawings: dict[str, Drawing] = {}


def drawing(model: ChartModel, folder: Path | None = None) -> Drawing:
    """The chart drawn in every layout: from memory, from `folder` (its files of an earlier
    build) when they were drawn from this very model, else drawn now."""
    key = digest((digest(model), drawer_digest()))
    if key in _drawings:
        return _drawings[key]
    found = _from_folder(folder, key) if folder is not None else None
    if found is None:
        found = Drawing(
            key, tuple((layout.name, draw(model, layout.name, key)) for layout in LAYOUTS)
        )
    _drawings[key] = found
    return found


@cache
def drawer_digest() -> str:
    """What a drawing depends on besides its model: vl-convert's and Vega-Lite's versions and the
    code that writes the specification, adjusts the SVG and writes the phone layout. A drawing
    kept in a chart's folder by a build of other code is drawn again, as a clean build would."""
    from importlib.metadata import version

    from . import chart_labels, chart_phone, chart_spec

    modules = (chart_labels, chart_phone, chart_spec)
    sources = [Path(module.__file__ or "").read_bytes() for module in modules]
    sources.append(Path(__file__).read_bytes())
    return digest((version("vl-convert-python"), VEGA_LITE, *sources))


def _from_folder(folder: Path, key: str) -> Drawing | None:
    svgs = []
    for layout in LAYOUTS:
        path = folder / svg_name(layout.name)
        if not path.is_file():
            return None
        text = path.read_text(encoding="utf-8")
        if MARKER.format(digest=key) not in text:
            return None
        svgs.append((layout.name, text))
    return Drawing(key, tuple(svgs))


def svg_name(layout: str) -> str:
    return "chart.svg" if layout == "wide" else f"chart-{layout}.svg"


def draw(model: ChartModel, layout_name: str, key: str) -> str:
    """The chart in one layout: the wide one drawn by Vega, the phone one written from the model
    (`chart_phone`)."""
    layout = next(layout for layout in LAYOUTS if layout.name == layout_name)
    if layout.name == PHONE:
        return _marked(phone_svg(model, layout), key)
    import vl_convert

    svg = vl_convert.vegalite_to_svg(spec(model, layout), vl_version=VEGA_LITE)
    return readable(svg, model, layout_name, key)


def readable(svg: str, model: ChartModel, layout: str, key: str) -> str:
    """Vega's SVG made light and readable: each point named by a `<title>` and linked to its
    card, series on marks, short numbers, own ids."""
    points = model.points
    indexes: dict[str, list[int]] = {}
    for index, point in enumerate(points):
        indexes.setdefault(point.description, []).append(index)
    by_name = {series.name: series.key for series in model.series}
    prefix = "c" + digest((model.path, layout))[:8] + "-"

    def mark(found: re.Match[str]) -> str:
        tag, label, role, rest, closing = found.groups()
        text = html.unescape(label)
        if role == "point" and indexes.get(text):
            index = indexes[text].pop(0)
            start = f"<{tag}{_data(series=points[index].series, i=str(index))}{rest}"
            return _linked(points[index].href, f"{start}><title>{label}</title></{tag}>")
        if text in by_name:
            return f"<{tag}{_data(series=by_name[text])}{rest}{closing}>"
        return found.group(0)

    svg = ELEMENT.sub(mark, svg)
    svg = TITLE_LABEL.sub(r"\1", svg)
    svg = NUMBERS.sub(lambda m: _short(m.group(0)), svg)
    svg = IDS.sub(lambda m: m.group(1) + prefix + m.group(2), svg)
    classes = f'class="marks claimkb-chart-svg claimkb-chart-{layout}"'
    return _marked(svg.replace('class="marks"', classes, 1), key)


def _marked(svg: str, key: str) -> str:
    """The drawing saying the digest it was drawn from, first thing in it."""
    head, _, body = svg.partition(">")
    return f"{head}>{MARKER.format(digest=key)}{body}"


def _linked(href: str, element: str) -> str:
    """A point linked to its claim's card. The link is written here rather than drawn by Vega
    (its `href` channel): Vega resolved every link through its loader, a third of the time of
    drawing the chart of 258 token prices, and against an address of its own, which then had
    to be taken out again."""
    return f'<a xlink:href="{html.escape(href)}">{element}</a>' if href else element


def _short(number: str) -> str:
    """A coordinate to two decimals: `17.155239208587854` -> `17.16`."""
    return f"{float(number):.2f}".rstrip("0").rstrip(".") if "." in number else number


def _data(**values: str) -> str:
    return "".join(f' data-{name}="{html.escape(value)}"' for name, value in values.items())


#: the PNG's size as a share of the wide drawing's: the page's own size, some 680 pixels wide,
#: its text 12 pixels high as on the page. 1.5 times as large took 40% longer to draw (about 15
#: milliseconds a chart: 0.7 s of a build of the real site, whose charts must stay within a
#: tenth of it); the SVG, also offered, is sharp at any size
PNG_SCALE = 1.0


def png(model: ChartModel, folder: Path | None = None) -> bytes:
    """The wide drawing as PNG."""
    import vl_convert

    return vl_convert.svg_to_png(drawing(model, folder).svg("wide"), scale=PNG_SCALE)
