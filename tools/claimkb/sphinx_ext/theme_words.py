"""The words furo writes in English in every language: the names its page template gives its
buttons for screen readers ("Toggle site navigation sidebar"...) and those its navigation gives
each section's expander ("Toggle navigation of Explainers"). furo writes them as plain text, not
through Sphinx's catalog, so a French page would read them to a listener in English.

In an edition in another language, each page furo renders has these labels translated through
Sphinx's catalog (`locales/<lang>/LC_MESSAGES/sphinx.po`), where `docs/_templates/theme-words.html`
puts them for `make gettext`. Nothing else of the page is touched.
"""

from __future__ import annotations

import re
from html import escape, unescape
from typing import Any

from sphinx.application import Sphinx
from sphinx.locale import _

#: the labels of furo's page template (furo/theme/furo/page.html), exactly as it writes them
LABELS = (
    "Toggle site navigation sidebar",
    "Toggle table of contents sidebar",
    "Toggle Light / Dark / Auto color theme",
)
#: furo/navigation.py: `f"Toggle navigation of {name}"`
SECTION = re.compile(r'aria-label="Toggle navigation of ([^"]*)"')
SECTION_WORDS = "Toggle navigation of %(section)s"


def translated(html: str) -> str:
    """The page with furo's English labels in the catalog's language."""
    for label in LABELS:
        html = html.replace(f'aria-label="{label}"', f'aria-label="{escape(_(label))}"')
    return SECTION.sub(
        lambda found: 'aria-label="{}"'.format(
            escape(_(SECTION_WORDS) % {"section": unescape(found.group(1))})
        ),
        html,
    )


def translate_furo_labels(app: Sphinx) -> None:
    language = app.config.language or "en"
    templates = getattr(app.builder, "templates", None)
    if language.startswith("en") or templates is None or app.builder.format != "html":
        return
    render = templates.render

    def render_translated(template: str, context: dict[str, Any]) -> str:
        return translated(render(template, context))

    templates.render = render_translated  # type: ignore[method-assign]


def setup_theme_words(app: Sphinx) -> None:
    app.connect("builder-inited", translate_furo_labels)
