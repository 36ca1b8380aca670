"""Which pages of a translated edition are still in English.

In a build whose `language` is not the one the pages are written in (English), a page counts as
translated when Sphinx's translation (its `Locale` transform, priority 20) gave at least one of its
messages a translation from the page's catalog (`locales/<language>/LC_MESSAGES/<page>.po`). A page
without a catalog, or whose catalog is still empty, is marked in the environment's metadata
(`claimkb-untranslated`), and the page template shows a short note, in the edition's language,
saying the page is shown in English (`docs/_templates/page.html`), and its title says so too,
"(en anglais)" in French, so that the sidebar, the explainers' index and every link that shows the
title tell a reader before they click. Generated pages (under
`claimkb_pages_dir`) are written by the extension, whose own catalogs translate them: no note.
"""

from __future__ import annotations

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment
from sphinx.transforms import SphinxTransform
from sphinx.util.nodes import extract_messages

from ..views.i18n import N_, _

#: the language the pages are written in
SOURCE_LANGUAGE = "en"
#: the metadata key that marks an untranslated page
UNTRANSLATED = "claimkb-untranslated"
#: what the title of a page still in English says after it
IN_ENGLISH = N_("(in English)")


class MarkUntranslatedPage(SphinxTransform):
    """After Sphinx's own translation (20), and before anything removes a message node."""

    default_priority = 20 + 1

    def apply(self, **kwargs) -> None:
        config, docname = self.config, self.env.docname
        if not config.language or config.language == SOURCE_LANGUAGE:
            return
        pages_dir = config.claimkb_pages_dir.strip("/")
        if pages_dir and docname.startswith(pages_dir + "/"):
            return
        if not any(node.get("translated") for node, _msg in extract_messages(self.document)):
            self.env.metadata[docname][UNTRANSLATED] = True
            title = next(iter(self.document.findall(nodes.title)), None)
            if title is not None:
                title += nodes.Text(" " + _(IN_ENGLISH))


def is_untranslated(env: BuildEnvironment, docname: str) -> bool:
    return bool(env.metadata.get(docname, {}).get(UNTRANSLATED))


def setup_translation_note(app: Sphinx) -> None:
    app.add_transform(MarkUntranslatedPage)
