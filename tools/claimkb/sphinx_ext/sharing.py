"""Links that travel: OpenGraph and Twitter card tags on every page (sphinxext-opengraph), a page's
description built from its claims, a sitemap (sphinx-sitemap), and a share page per claim.

The public address of the site is `html_baseurl` (docs/conf.py reads it from the environment).
Without one nothing absolute is written: pages keep their title and description tags but no
og:url or og:image, no sitemap is built, and share pages redirect with relative links only.
"""

from __future__ import annotations

import queue
import re
from html import escape
from pathlib import Path
from typing import Any
from urllib.parse import urljoin, urlsplit

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.config import Config
from sphinx_sitemap import add_html_link

from ..views.exports import all_claims
from ..views.page_head import HeadModel
from ..views.sharing import (
    DESCRIPTION_LENGTH,
    GENERATOR,
    PERMALINK_DIR,
    ShareSite,
    meta,
    one_line,
    permalink_page,
    permalink_path,
    text_description,
)
from .domain import claim_domain
from .opengraph_cards import setup_opengraph

HTML_BUILDERS = ("html", "dirhtml")
#: sphinx-sitemap's default puts the language (Sphinx's default: "en") and version in front of
#: each page; the site's address (Read the Docs' canonical URL) holds them already
SITEMAP_DEFAULT_SCHEME, SITEMAP_SCHEME = "{lang}{version}{link}", "{link}"
#: sphinxext-opengraph connects to html-page-context at the default priority, 500
BEFORE_OPENGRAPH, AFTER_OPENGRAPH = 400, 600
BEFORE_SITEMAP = 400  # sphinx-sitemap writes at build-finished, at the default priority
#: an og:url or og:image that is not an absolute address: wrong on every page in a folder
RELATIVE_OG = re.compile(r'<meta property="og:(?:url|image)" content="(?!https?://)[^"]*" />\n')


def configure(app: Sphinx, config: Config) -> None:
    """The site's address for every extension; built-in per-page social cards off unless asked
    (one image, `ogp_image`, serves every page and share page)."""
    if config.html_baseurl and not config.html_baseurl.endswith("/"):
        config.html_baseurl += "/"  # sphinx-sitemap joins the page to it as it is
    if not config.ogp_site_url:
        config.ogp_site_url = config.html_baseurl
    if getattr(config, "sitemap_url_scheme", None) == SITEMAP_DEFAULT_SCHEME:
        config.sitemap_url_scheme = SITEMAP_SCHEME
    if config.ogp_social_cards is None:
        config.ogp_social_cards = {"enable": False}
    if not config.ogp_site_url and config.ogp_image and not urlsplit(config.ogp_image).scheme:
        config.ogp_image = None  # relative to the site's root, which is not known


def image_url(config: Config) -> str:
    if not config.ogp_image:
        return ""
    found = urljoin(config.ogp_site_url, config.ogp_image)
    return found if urlsplit(found).scheme in ("http", "https") else ""


def page_head(app: Sphinx, pagename: str) -> HeadModel:
    """The model of what a page's `<head>` says of its claims (`views.page_head`)."""
    return claim_domain(app.env).models(app.builder).model(("head", pagename))


def add_page_tags(
    app: Sphinx,
    pagename: str,
    templatename: str,
    context: dict[str, Any],
    doctree: nodes.document | None,
) -> None:
    """Before sphinxext-opengraph writes its tags: the page's title, escaped, and a description
    from its claims, through the per-page fields it reads (`og:title`, `og:description`)."""
    if doctree is None or app.builder.name not in HTML_BUILDERS:
        return
    fields = dict(context.get("meta") or {})
    if "ogp_disable" in fields:
        return
    title = app.env.titles.get(pagename)
    if title is not None and "og:title" not in fields:
        fields["og:title"] = escape(one_line(title.astext()))
    site = share_site(app)
    if app.config.ogp_site_name is not False:
        fields.setdefault("og:site_name", escape(site.name))
    if app.config.ogp_image_alt is None:  # its default, the site's name, is not escaped
        fields.setdefault("og:image:alt", escape(site.name))
    tags = context.get("metatags", "")
    description = page_head(app, pagename).description or first_paragraphs(doctree)
    if description and "og:description" not in fields:
        fields["og:description"] = escape(description)
        if 'name="description"' not in tags:  # one the page sets itself (`html_meta`) stays
            tags += meta("name", "description", description) + "\n"
    card = "summary_large_image" if site.base_url and site.image else "summary"
    context["metatags"] = tags + meta("name", "twitter:card", card) + "\n"
    context["meta"] = fields


def first_paragraphs(doctree) -> str:
    """The description of a page without claims: its first paragraphs (not those in tables,
    cards or notes), read as text with its words apart (`views.sharing.text_description`)."""
    found = []
    for paragraph in doctree.findall(nodes.paragraph):
        if isinstance(paragraph.parent, (nodes.section, nodes.document)):
            found.append(paragraph.astext())
        if sum(len(text) for text in found) > DESCRIPTION_LENGTH:
            break
    return text_description(found)


def drop_relative_addresses(
    app: Sphinx,
    pagename: str,
    templatename: str,
    context: dict[str, Any],
    doctree: nodes.document | None,
) -> None:
    """After sphinxext-opengraph: without the site's address it writes og:url relative to the
    root, which is a broken link from any page in a folder; leave it out."""
    if app.builder.name in HTML_BUILDERS and "metatags" in context:
        context["metatags"] = RELATIVE_OG.sub("", context["metatags"])


def share_site(app: Sphinx) -> ShareSite:
    config = app.config
    name = config.ogp_site_name if isinstance(config.ogp_site_name, str) else config.project
    return ShareSite(
        name=one_line(name),
        language=config.language or "en",
        base_url=config.ogp_site_url if urlsplit(config.ogp_site_url).scheme else "",
        image=image_url(config),
    )


def write_permalinks(app: Sphinx, exception: BaseException | None) -> None:
    """`c/<claim-id>.html` for every claim with a valid id that a page shows; share pages of
    claims gone since the last build are removed."""
    if exception is not None or app.builder.name not in HTML_BUILDERS:
        return
    models = claim_domain(app.env).models(app.builder)
    resolver = models.parts.resolver
    site = share_site(app)
    folder = Path(app.outdir) / PERMALINK_DIR
    folder.mkdir(exist_ok=True)
    written = set()
    for docname, record in all_claims(models.parts.kb):
        path = permalink_path(record.id)
        if docname is None or path is None or path.removesuffix(".html") in app.env.all_docs:
            continue
        target = f"../{app.builder.get_target_uri(docname)}#{record.anchor}"
        page = permalink_page(resolver.resolve(docname, record), target, site)
        written.add(_write_if_changed(Path(app.outdir) / path, page))
    for stale in sorted(set(folder.glob("*.html")) - written):
        if GENERATOR in stale.read_text(encoding="utf-8", errors="replace"):
            stale.unlink()


def complete_sitemap(app: Sphinx, exception: BaseException | None) -> None:
    """Before sphinx-sitemap writes: every page of the site, in the order of their names.

    sphinx-sitemap lists the pages written in this build, in the order they were written: an
    incremental build, which writes only the pages an edit changed, would publish a sitemap of
    those few, and `-j` would change its order."""
    links = getattr(app, "sitemap_links", None)  # its queue of (page, last modified)
    if links is None or exception is not None or app.builder.format != "html":
        return
    written = _drain(links)
    for docname in sorted(app.env.found_docs):
        add_html_link(app, docname, None, {}, None)
    for link in sorted(dict(written + _drain(links)).items()):
        links.put(link)


def _drain(links) -> list[tuple]:
    found = []
    while True:
        try:
            found.append(links.get_nowait())
        except queue.Empty:
            return found


def _write_if_changed(path: Path, text: str) -> Path:
    if not path.exists() or path.read_text(encoding="utf-8", errors="replace") != text:
        with path.open("w", encoding="utf-8", errors="replace", newline="") as stream:
            stream.write(text)
    return path


def setup_sharing(app: Sphinx) -> None:
    setup_opengraph(app)  # without the social cards' matplotlib, unless they are asked for
    if app.config.html_baseurl:  # without an address, sphinx-sitemap warns and writes nothing
        app.setup_extension("sphinx_sitemap")
        app.connect("build-finished", complete_sitemap, priority=BEFORE_SITEMAP)
    app.connect("config-inited", configure)
    app.connect("html-page-context", add_page_tags, priority=BEFORE_OPENGRAPH)
    app.connect("html-page-context", drop_relative_addresses, priority=AFTER_OPENGRAPH)
    app.connect("build-finished", write_permalinks)
