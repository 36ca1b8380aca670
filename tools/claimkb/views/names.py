"""How views name records and link to them: registry names, values in their unit, and links
resolved to the page and anchor that show each record (`views.model.Link`)."""

from __future__ import annotations

from ..core.formatting import format_value
from ..core.language import current_locale
from ..core.periods import as_of_words
from ..core.records import Record
from .kb import KnowledgeBase
from .links import web_url
from .model import Inline, Link, Styled, WebLink


def date_of(record: Record, field: str) -> object:
    """A date field as the build's language writes it (English: as written, `2024-12-27`)."""
    value = record.get(field)
    return as_of_words(value) if isinstance(value, str) else value


def in_language(language: object) -> tuple[str, ...]:
    """The class that marks a text written in another language than the build's, `language-en`
    (docutils writes it as the element's `lang`, so that a reader's browser and screen reader
    read it as English, and the French edition's word scan leaves it out); nothing in English
    builds, or when the text is in the build's language."""
    locale = current_locale()
    if locale is None or not isinstance(language, str) or not language:
        return ()
    return () if language.split("-")[0] == locale.language else (f"language-{language}",)


def tooltip_of(record: Record, title: str) -> str:
    """What a link to a record says on hover: its definition or description, else its title."""
    return str(record.get("definition") or record.get("description") or title)


class Names:
    """Names of records and links to them, for every page of one build."""

    def __init__(self, kb: KnowledgeBase):
        self.kb = kb
        self.registry = kb.registry
        self.sources = self.registry.of_type("source")
        self._homes: dict[tuple[str, str], tuple[str | None, str, str]] = {}

    def name_of(self, rtype: str, rid: str) -> str:
        return self.registry.name_of(rtype, rid)

    def value_of(self, record: Record) -> str:
        """The claim's value in its metric's unit: `$5.58M`, `50,000 GPUs`; "" without one."""
        return format_value(record.data, self.registry.unit_of(record.get("metric")))

    def home(self, rtype: str, rid: str) -> tuple[str | None, str, str]:
        """(page, anchor, tooltip) of a record's link; page None when no page shows it."""
        key = (rtype, rid)
        if key not in self._homes:
            found = self.kb.home(rtype, rid) if isinstance(rid, str) else None
            if found is None:
                self._homes[key] = (None, "", "")
            else:
                docname, record = found
                title = record.get("title") or record.get("name") or rid
                self._homes[key] = (docname, record.anchor, tooltip_of(record, title))
        return self._homes[key]

    def link(
        self, rtype: str, rid: str, text: str | None = None, classes: tuple[str, ...] = ()
    ) -> Link:
        """A link to record `rid` of type `rtype`, shown as `text` (default: its name)."""
        doc, anchor, tooltip = self.home(rtype, rid)
        shown = self.name_of(rtype, rid) if text is None else text
        return Link(shown, doc, anchor, tooltip, tuple(classes))

    def entity(self, rid: str) -> Link:
        return self.link("entity", rid)

    def claim_link(self, claim_id: str) -> Link:
        found = self.kb.claim(claim_id)
        title = found[1].get("title", claim_id) if found else claim_id
        return self.link("claim", claim_id, title)

    def source_language(self, sid: str) -> tuple[str, ...]:
        """`in_language` of the source `sid`: its title, and a locator in it, are in its
        language."""
        source = self.sources.get(sid)
        return in_language(source.get("language")) if source is not None else ()

    def source_link(self, sid: str) -> Inline:
        """A source's title linking to it on the web, with its publisher and date."""
        source = self.sources.get(sid)
        if source is None:
            return sid
        title = source.get("title", sid)
        classes = ("claim-source-link", *self.source_language(sid))
        link = WebLink(title, web_url(source.get("url")), classes)
        text = ", ".join(
            str(d) for d in (source.get("publisher"), date_of(source, "published")) if d
        )
        parts: tuple[Inline, ...] = (link, f" ({text})") if text else (link,)
        return Styled("inline", parts, ("claim-source-ref",))

    def short_source(self, sid: str) -> WebLink | None:
        """A source in a few words, for a line or a cell: its publisher (else its title),
        linking to it on the web, with its title and date on hover."""
        source = self.sources.get(sid)
        if source is None:
            return None
        title = str(source.get("title", sid))
        published = date_of(source, "published")
        hover = f"{title} ({published})" if published else title
        text = str(source.get("publisher") or short_title(title))
        classes = ("claim-source-short", *self.source_language(sid))
        return WebLink(text, web_url(source.get("url")), classes, hover)


def short_title(title: str, limit: int = 40) -> str:
    """A title cut at a word to about `limit` characters, with an ellipsis if it was cut."""
    if len(title) <= limit:
        return title
    cut = title[:limit]
    if " " in cut[limit // 2 :]:
        cut = cut[: cut.rindex(" ")]
    return cut.rstrip(" ;,:–-") + "…"
