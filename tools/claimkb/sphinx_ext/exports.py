"""Exports: `claims.json` and `claims.csv` are written once, in the main process, when the HTML
build finishes; the JSON-LD of a page is added to its `<head>` as the page is written."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from docutils import nodes
from sphinx.application import Sphinx

from ..views.exports import export_data, to_csv, to_json
from .domain import claim_domain
from .sharing import page_head

HTML_BUILDERS = ("html", "dirhtml")


def write_exports(app: Sphinx, exception: BaseException | None) -> None:
    if exception is not None or app.builder.name not in HTML_BUILDERS:
        return
    data = export_data(claim_domain(app.env).models(app.builder).parts.kb)
    outdir = Path(app.outdir)
    _write_if_changed(outdir / "claims.json", to_json(data))
    _write_if_changed(outdir / "claims.csv", to_csv(data))


def _write_if_changed(path: Path, text: str) -> None:
    if not path.exists() or path.read_text(encoding="utf-8") != text:
        with path.open("w", encoding="utf-8", newline="") as stream:
            stream.write(text)


def add_json_ld(
    app: Sphinx,
    pagename: str,
    templatename: str,
    context: dict[str, Any],
    doctree: nodes.document | None,
) -> None:
    if app.builder.name not in HTML_BUILDERS:
        return
    base = app.config.html_baseurl.rstrip("/")

    def page_url(claim: dict) -> str:
        if base:
            return f"{base}/{claim['url']}"
        return app.builder.get_relative_uri(pagename, claim["page"]) + "#" + claim["anchor"]

    script = page_head(app, pagename).json_ld(page_url)
    if script:
        context["metatags"] = context.get("metatags", "") + script


def setup_exports(app: Sphinx) -> None:
    app.connect("html-page-context", add_json_ld)
    app.connect("build-finished", write_exports)
