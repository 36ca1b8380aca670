"""A chart's files, in its folder `_charts/<path>/`: its data (`data.csv`, `datapackage.json`),
its image (`chart.svg`, `chart-narrow.svg`, `chart.png`) and a page to embed it (`embed.html`);
and the site's list of charts, `charts.json`. Every file is a function of the chart's model.
"""

from __future__ import annotations

import json
from html import escape
from pathlib import Path
from typing import Any

from .chart_data import DATA_FILE, PACKAGE_FILE, chart_csv, chart_package
from .chart_drawing import drawing, png, svg_name
from .chart_labels import LAYOUTS
from .chart_model import ChartModel

#: the folder of every chart's files, below the site's root
CHARTS_DIR = "_charts"
#: (kind, file) of the files a chart links to, in the order its page lists them
FILES = (
    ("csv", DATA_FILE),
    ("datapackage", PACKAGE_FILE),
    ("svg", "chart.svg"),
    ("png", "chart.png"),
    ("embed", "embed.html"),
)
MANIFEST = "charts.json"
MANIFEST_VERSION = 1


def folder_of(outdir: Path, model: ChartModel) -> Path:
    return outdir / CHARTS_DIR / model.path


def write_files(outdir: Path, model: ChartModel) -> None:
    """Write the chart's files, each only when its bytes change (the PNG: when its SVG did)."""
    folder = folder_of(outdir, model)
    drawn = drawing(model, folder)
    folder.mkdir(parents=True, exist_ok=True)
    svg_changed = False
    for layout in LAYOUTS:
        svg_changed |= _write(folder / svg_name(layout.name), drawn.svg(layout.name).encode())
    if svg_changed or not (folder / "chart.png").is_file():
        (folder / "chart.png").write_bytes(png(model, folder))
    _write(folder / DATA_FILE, chart_csv(model).encode())
    _write(folder / PACKAGE_FILE, chart_package(model, dict(FILES)).encode())
    _write(folder / "embed.html", embed_page(model, drawn.svg("wide")).encode())


def _write(path: Path, content: bytes) -> bool:
    if path.is_file() and path.read_bytes() == content:
        return False
    path.write_bytes(content)
    return True


def embed_page(model: ChartModel, svg: str) -> str:
    """A page that shows the chart alone, for an `<iframe>` on another site."""
    title = escape(model.title)
    page = escape(model.page_uri + "#" + model.element_id)
    return (
        "<!DOCTYPE html>\n"
        f'<html lang="{escape(model.language[:2])}"><head><meta charset="utf-8">'
        f'<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>{title}</title>"
        "<style>body{margin:0;font-family:sans-serif}svg{width:100%;height:auto}"
        "p{font-size:13px;margin:4px 8px}</style></head><body>"
        f'{svg}<p><a href="{page}" target="_blank" rel="noopener">'
        f"{escape(model.word('source'))}</a></p></body></html>\n"
    )


def manifest_entry(model: ChartModel) -> dict[str, Any]:
    return {
        "chart": model.path,
        "title": model.title,
        "page": model.page_uri + "#" + model.element_id,
        "files": {kind: f"{CHARTS_DIR}/{model.path}/{name}" for kind, name in FILES},
        "points": len(model.points),
        "figures": model.count,
        "not_drawn": sum(len(group.claim_ids) for group in model.left_out),
    }


def manifest(models: list[ChartModel]) -> str:
    charts = sorted((manifest_entry(m) for m in models), key=lambda entry: entry["chart"])
    document = {"version": MANIFEST_VERSION, "charts": charts}
    return json.dumps(document, ensure_ascii=False, indent=1, sort_keys=True) + "\n"
