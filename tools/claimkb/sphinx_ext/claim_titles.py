"""Claims' titles (and one-paragraph statements) in their page's translation catalog.

A claim's title is a directive option, and Sphinx's gettext machinery translates paragraphs, not
options. So before Sphinx translates a page (its `Locale` transform, priority 20), each claim
written in the page gets a `claim_title_message` beside it: a node of Sphinx's own `translatable`
kind whose one message is the title. The gettext builder writes that message to the page's
catalog like any paragraph; a translated build hands the node its translation, which becomes the
record's title, and so the title of its card, of the tables and links that show it, of its search
entries and of the edition's exports. The statement (the directive's body) is made of paragraphs,
which Sphinx translates by itself at home; a card shown on another page (`claim-card`) renders the
record's text, so a statement of one paragraph gets a message too: the same message as the
paragraph (so no new entry in the catalog), whose translation becomes the record's text.

Once translated, the message nodes leave the page; only the gettext builder, which reads them when
it writes the catalogs, keeps them.
"""

from __future__ import annotations

from collections.abc import Sequence

from docutils import nodes
from sphinx import addnodes
from sphinx.application import Sphinx
from sphinx.transforms import SphinxTransform

from ..views.nodes import claim_node
from ._compat import builder_of


class title_message(nodes.Element, addnodes.translatable):
    """A text written in a directive's options (`title`), as a message of the page's catalog:
    Sphinx's i18n transform gives it its translation, which a transform of ours then uses."""

    def preserve_original_messages(self) -> None:
        self.setdefault("original", self["title"])

    def extract_original_messages(self) -> Sequence[str]:
        return [self.get("original", self["title"])]

    def apply_translated_message(self, original_message: str, translated_message: str) -> None:
        self["title"] = translated_message.strip()
        self["translated"] = True


class claim_title_message(title_message):
    """A text of the claim `record` (its attribute): its `field` ("title", or "text" for a
    statement of one paragraph), `title` the text."""

    def apply_translated_message(self, original_message: str, translated_message: str) -> None:
        super().apply_translated_message(original_message, translated_message)
        self["record"].data[self.get("field", "title")] = self["title"]


def one_paragraph(text: object) -> str | None:
    """A statement of one paragraph as Sphinx's gettext extracts a paragraph (its lines joined
    by spaces); None for a longer statement, whose paragraphs are their own messages."""
    if not isinstance(text, str) or not text.strip() or "\n\n" in text.strip():
        return None
    return " ".join(line.strip() for line in text.strip().splitlines())


class AddClaimTitleMessages(SphinxTransform):
    """Before Sphinx's own translation (20): one message node per claim written in this page."""

    default_priority = 15

    def apply(self, **kwargs) -> None:
        page = str(self.env.doc2path(self.env.docname))
        for claim in list(self.document.findall(claim_node)):
            record = claim.get("record")
            title = record.get("title") if record is not None else None
            if not isinstance(title, str) or not title or record.location.path != page:
                continue  # a collection's claim, or a title refused by the checks
            messages = [claim_title_message(title=title, record=record, field="title")]
            statement = one_paragraph(record.get("text"))
            if statement:
                messages.append(claim_title_message(title=statement, record=record, field="text"))
            for message in messages:
                message.source, message.line = claim.source, claim.line
                claim.parent.insert(claim.parent.index(claim), message)


class DropClaimTitleMessages(SphinxTransform):
    """After Sphinx's own translation (20) and `translation_note` (21): the messages have done
    their work."""

    default_priority = 22

    def apply(self, **kwargs) -> None:
        if builder_of(self.env).name == "gettext":
            return
        for message in list(self.document.findall(claim_title_message)):
            message.parent.remove(message)


def setup_claim_titles(app: Sphinx) -> None:
    app.add_node(claim_title_message)
    app.add_transform(AddClaimTitleMessages)
    app.add_transform(DropClaimTitleMessages)
