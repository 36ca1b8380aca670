"""The editions of a site built once per language: where the same page is in each of them.

`claimkb_editions` (conf.py) maps each language to its name and the folder of its root, relative to
the folder that holds every edition: `{"en": {"name": "English", "root": ""}, "fr": {"name":
"Français", "root": "fr/"}}` puts English at `/` and French at `/fr/`. Every page's template gets
`claimkb_editions`, one entry per edition (language, name, the URL of this page there, whether it
is this one), from which `docs/_templates/` draws the language switcher and the `hreflang`
alternates, and `claimkb_untranslated` (see `translation_note`).

The URLs are relative to the page, so they work wherever the editions are served side by side.
With `html_baseurl` they are absolute, as search engines want `hreflang` links to be: an address
that ends with this edition's folder (Read the Docs' canonical URL, `.../fr/latest/`) is this
edition's root; any other (`CLAIMKB_BASE_URL`, the same for every build) is the folder that holds
every edition.
"""

from __future__ import annotations

from typing import Any

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.config import Config

from .translation_note import is_untranslated


def edition_links(config: Config, target_uri: str, content_root: str) -> list[dict[str, object]]:
    """One entry per edition, in `claimkb_editions`' order (the first is the default)."""
    editions = config.claimkb_editions
    current = editions.get(config.language)
    if current is None:
        return []
    own_root = current["root"]
    base = config.html_baseurl or ""
    if base and not base.endswith("/"):
        base += "/"
    if base:
        prefix = base.removesuffix(own_root)
    else:
        prefix = content_root.removeprefix("./") + "../" * own_root.count("/")
    return [
        {
            "lang": lang,
            "name": edition["name"],
            "url": prefix + edition["root"] + target_uri,
            "current": lang == config.language,
        }
        for lang, edition in editions.items()
    ]


def add_editions(
    app: Sphinx,
    pagename: str,
    templatename: str,
    context: dict[str, Any],
    doctree: nodes.document | None,
) -> None:
    """html-page-context: the editions of this page, and whether it is still in English."""
    target_uri = app.builder.get_target_uri(pagename)
    context["claimkb_editions"] = edition_links(
        app.config, target_uri, context.get("content_root", "")
    )
    context["claimkb_untranslated"] = is_untranslated(app.env, pagename)


def setup_editions(app: Sphinx) -> None:
    app.add_config_value("claimkb_editions", {}, "html", types=[dict])
    app.connect("html-page-context", add_editions)
