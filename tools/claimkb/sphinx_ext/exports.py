"""Exports: `claims.json` and `claims.csv` are written once, in the main process, when the HTML
build finishes; the JSON-LD of a page is added to its `<head>` as the page is written."""

from __future__ import annotations

from pathlib import Path

from ..views.exports import (
    ClaimResolver,
    export_data,
    json_ld,
    script_safe_json,
    to_csv,
    to_json,
)

HTML_BUILDERS = ("html", "dirhtml")


def write_exports(app, exception) -> None:
    if exception is not None or app.builder.name not in HTML_BUILDERS:
        return
    data = export_data(app.env.domains["claim"], app.builder)
    outdir = Path(app.outdir)
    _write_if_changed(outdir / "claims.json", to_json(data))
    _write_if_changed(outdir / "claims.csv", to_csv(data))


def _write_if_changed(path: Path, text: str) -> None:
    if not path.exists() or path.read_text(encoding="utf-8") != text:
        with path.open("w", encoding="utf-8", newline="") as stream:
            stream.write(text)


def add_json_ld(app, pagename: str, templatename: str, context: dict, doctree) -> None:
    if app.builder.name not in HTML_BUILDERS:
        return
    domain = app.env.domains["claim"]
    records = domain.claims_on_page(pagename)
    if not records:
        return
    resolver = ClaimResolver(domain, app.builder)
    claims = [resolver.resolve(domain.claim(r.id)[0], r) for r in records]
    base = app.config.html_baseurl.rstrip("/")

    def page_url(claim: dict) -> str:
        if base:
            return f"{base}/{claim['url']}"
        return app.builder.get_relative_uri(pagename, claim["page"]) + "#" + claim["anchor"]

    script = (
        '<script type="application/ld+json">'
        + script_safe_json(json_ld(claims, page_url))
        + "</script>\n"
    )
    context["metatags"] = context.get("metatags", "") + script


def setup_exports(app) -> None:
    app.connect("html-page-context", add_json_ld)
    app.connect("build-finished", write_exports)
