"""The words views write, through the `claimkb` message catalog shipped with the package
(`claimkb/locale/<lang>/LC_MESSAGES/claimkb.po`, registered by `sphinx_ext.language`).

Labels kept in module-level tables are marked with `N_` and translated with `_` where they are
shown, once the build's language is known.
"""

from __future__ import annotations

from sphinx.locale import get_translation

from ..core.language import N_ as N_  # re-exported: the views mark their labels with it

MESSAGE_CATALOG = "claimkb"
_translation = get_translation(MESSAGE_CATALOG)


def _(message: str) -> str:
    """`message` in the build's language (English when no catalog has it)."""
    return str(_translation(message))


#: for class attributes read after the build's language is set (Sphinx resolves them late)
_lazy = _translation


#: a claim's status as its badge and footer say it
STATUS_WORDS = {
    "current": N_("current"),
    "superseded": N_("superseded"),
    "disputed": N_("disputed"),
    "retracted": N_("retracted"),
}
#: what a card says of a claim's confidence
CONFIDENCE_WORDS = {
    "confident": N_("confident"),
    "likely": N_("likely"),
    "speculative": N_("speculative"),
}


def status_words(status: str) -> str:
    return _(STATUS_WORDS[status]) if status in STATUS_WORDS else status


def confidence_words(confidence: str) -> str:
    return _(CONFIDENCE_WORDS[confidence]) if confidence in CONFIDENCE_WORDS else confidence


def labelled(label: str, text: str) -> str:
    """`Source: text`, `Source : text` in French: the label, its colon and the text."""
    return _("%(label)s: %(text)s") % {"label": label, "text": text}


#: what an entity is, as its page and the registry list say it
ENTITY_TYPE_WORDS = {
    "company": N_("company"),
    "lab": N_("lab"),
    "model": N_("model"),
    "product": N_("product"),
    "hardware": N_("hardware"),
    "person": N_("person"),
    "government": N_("government"),
    "publication": N_("publication"),
    "fund": N_("fund"),
    "other": N_("other"),
}


def entity_type_words(entity_type: str) -> str:
    return _(ENTITY_TYPE_WORDS[entity_type]) if entity_type in ENTITY_TYPE_WORDS else entity_type


#: what a source is, as the sources page and a source's page say it
SOURCE_TYPE_WORDS = {
    "paper": N_("paper"),
    "filing": N_("filing"),
    "company-statement": N_("company statement"),
    "news": N_("news"),
    "analysis": N_("analysis"),
    "blog": N_("blog"),
    "dataset": N_("data set"),
    "interview": N_("interview"),
    "social-post": N_("social post"),
}


def source_type_words(source_type: object) -> str:
    if source_type in SOURCE_TYPE_WORDS:
        return _(SOURCE_TYPE_WORDS[source_type])
    return str(source_type) if source_type else ""
