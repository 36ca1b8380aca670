"""Blocks of raw HTML (```{raw} html```, as the landing page's search form) as messages of their
page's catalog.

Sphinx's own way, `gettext_additional_targets = ["raw"]`, re-parses a translation as a
reStructuredText literal block (`::` and an indented block), which the MyST parser reads as a
paragraph holding `::`: the form would become two colons. So this module does it instead: the
gettext builder extracts each block as a message (Sphinx's `translatable` flag), and a translated
build replaces the block's HTML with its translation, taken from the page's catalog as Sphinx's
`Locale` transform takes it. Raw HTML inside a paragraph is part of the paragraph's message.
"""

from __future__ import annotations

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.locale import init as init_locale
from sphinx.transforms import SphinxTransform
from sphinx.util.i18n import docname_to_domain

from ._compat import builder_of
from .translation_note import SOURCE_LANGUAGE


def html_blocks(document: nodes.document) -> list[nodes.raw]:
    return [
        raw
        for raw in document.findall(nodes.raw)
        if "html" in raw.get("format", "").split() and not isinstance(raw.parent, nodes.TextElement)
    ]


class TranslateRawHtml(SphinxTransform):
    """Before Sphinx's translation (20), which then sees the block as translated."""

    default_priority = 19

    def apply(self, **kwargs) -> None:
        blocks = html_blocks(self.document)
        if not blocks:
            return
        if builder_of(self.env).name == "gettext":
            for raw in blocks:
                raw["translatable"] = True
            return
        language = self.config.language
        if not language or language == SOURCE_LANGUAGE:
            return
        domain = docname_to_domain(self.env.docname, self.config.gettext_compact)
        directories = [self.env.srcdir / folder for folder in self.config.locale_dirs]
        catalog, found = init_locale(directories, language, domain)
        if not found:
            return
        for raw in blocks:
            message = raw.rawsource or raw.astext()
            translated = catalog.gettext(message)
            if translated and translated != message:
                raw.children = []
                raw.append(nodes.Text(translated))
                raw.rawsource = translated
                raw["translated"] = True


def setup_raw_html_messages(app: Sphinx) -> None:
    app.add_transform(TranslateRawHtml)
