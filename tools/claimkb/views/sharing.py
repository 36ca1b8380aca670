"""What a link shows when it is shared: a page's description built from its claims, and the
share page of one claim (`c/<claim-id>.html`), whose OpenGraph and Twitter card tags carry the
claim's title and value, and which sends a reader on to the claim's card.

Chat previews ignore `#fragments`, so a claim's anchor alone would preview as its whole page: the
share page is the address that previews as the claim. Everything here works on claims resolved by
`views.exports.ClaimResolver` (plain data) and returns text; every value is escaped where it is
written into HTML.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from html import escape
from typing import Any

from .i18n import N_, _, labelled
from .when import as_of_phrase

#: the words before a figure's metric, scope and method (as on its card's badges)
FIELD_WORDS = {"metric": N_("metric"), "scope": N_("scope"), "method": N_("method")}

#: the folder of the share pages, in the output
PERMALINK_DIR = "c"
#: a claim id as the schema has it: only such ids name a file
CLAIM_ID = re.compile(r"[a-z0-9]+(-[a-z0-9]+)*")
CLAIM_ID_MAX = 80
#: about what a preview shows before it cuts
DESCRIPTION_LENGTH = 200
CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f]")
#: marks a file as a share page: only those are ever removed from `c/`
GENERATOR = '<meta name="generator" content="claimkb share page">'


def permalink_path(claim_id: str) -> str | None:
    """`c/<id>.html`, relative to the output's root, or None for an id that names no file."""
    if len(claim_id) > CLAIM_ID_MAX or not CLAIM_ID.fullmatch(claim_id):
        return None
    return f"{PERMALINK_DIR}/{claim_id}.html"


def one_line(text: Any) -> str:
    """A value as one line of plain text: no control characters, runs of spaces made one."""
    return " ".join(CONTROL.sub(" ", str(text or "")).split())


def trim(text: str, limit: int = DESCRIPTION_LENGTH) -> str:
    """`text` cut at a word to at most `limit` characters, with an ellipsis if it was cut."""
    if len(text) <= limit:
        return text
    cut = text[: limit - 1]
    if " " in cut[limit // 2 :]:
        cut = cut[: cut.rindex(" ")]
    return cut.rstrip(" ;,:") + "…"


def headline(claim: dict[str, Any]) -> str:
    """The claim's title and, for a figure, its value: "DeepSeek-V3 final run cost: $5.58M"."""
    title = one_line(claim.get("title")) or claim["id"]
    value = one_line(claim.get("value_text"))
    return f"{title}: {value}" if value else title


def claim_description(claim: dict[str, Any]) -> str:
    """What the figure counts, who says so, when and where it was published, or its statement."""
    parts = []
    named = [
        labelled(_(FIELD_WORDS[field]), one_line(claim[field]["name"] or claim[field]["id"]))
        for field in ("metric", "scope", "method")
        if claim.get(field)
    ]
    if named:
        text = "; ".join(named)
        parts.append(text[0].upper() + text[1:] + ".")
    elif claim.get("text"):
        parts.append(one_line(claim["text"]))
    said = []
    claimant = claim.get("claimant")
    if claimant:
        said.append(_("Claimed by %s") % one_line(claimant["name"] or claimant["id"]))
    if claim.get("as_of"):
        said.append(as_of_phrase(one_line(claim["as_of"])))
    if said:
        parts.append(", ".join(said) + ".")
    source = claim.get("source") or {}
    if source.get("title") or source.get("id"):
        parts.append(labelled(_("Source"), one_line(source.get("title") or source.get("id"))) + ".")
    return trim(" ".join(parts))


def text_description(paragraphs: list[str]) -> str:
    """A page without claims described by its first paragraphs, as readers read them: every run
    of white space one space (a line break before a value is a space, never nothing:
    "for $5.58M", not "for$5.58M"), cut at a word."""
    return trim(" ".join(one_line(p) for p in paragraphs if one_line(p)))


def page_description(claims: list[dict[str, Any]]) -> str:
    """A page's description from the claims it shows, in their order: "3 sourced figures:
    <title> (<value>); ...", or the titles of its claims if none is a figure; "" for none."""
    figures = [c for c in claims if one_line(c.get("value_text"))]
    if figures:
        count = _("1 sourced figure") if len(figures) == 1 else _("%d sourced figures")
        items = [
            f"{one_line(c.get('title')) or c['id']} ({one_line(c['value_text'])})" for c in figures
        ]
        return trim(labelled(count.replace("%d", str(len(figures))), "; ".join(items)))
    if claims:
        count = _("1 sourced claim") if len(claims) == 1 else _("%d sourced claims")
        items = [one_line(c.get("title")) or c["id"] for c in claims]
        return trim(labelled(count.replace("%d", str(len(claims))), "; ".join(items)))
    return ""


@dataclass(frozen=True)
class ShareSite:
    """What every share page of one build has in common."""

    name: str  # the site's name (og:site_name)
    language: str  # the page's language (html lang)
    base_url: str  # the site's public address, ending in "/", or "" when it is not known
    image: str  # the absolute address of the social card image, or ""


def meta(attribute: str, key: str, content: str) -> str:
    return f'<meta {attribute}="{key}" content="{escape(content)}">'


def permalink_page(claim: dict[str, Any], target: str, site: ShareSite) -> str:
    """The share page of a claim: its card tags, and a redirect to `target` (the claim's card,
    relative to the share page). Without a base URL it has no absolute address at all."""
    title = headline(claim)
    description = claim_description(claim)
    name = one_line(site.name)
    own_url = f"{site.base_url}{permalink_path(claim['id'])}" if site.base_url else ""
    tags = [
        meta("name", "description", description),
        meta("property", "og:type", "article"),
        meta("property", "og:site_name", name),
        meta("property", "og:title", title),
        meta("property", "og:description", description),
    ]
    if own_url:  # og:url is this page, not the card's: a preview must not move to the page
        canonical = f'<link rel="canonical" href="{escape(own_url)}">'
        tags += [meta("property", "og:url", own_url), canonical]
    if own_url and site.image:
        tags += [
            meta("property", "og:image", site.image),
            meta("property", "og:image:alt", name),
        ]
    card = "summary_large_image" if own_url and site.image else "summary"
    tags += [
        meta("name", "twitter:card", card),
        meta("name", "twitter:title", title),
        meta("name", "twitter:description", description),
        f'<meta http-equiv="refresh" content="0; url={escape(target)}">',
    ]
    head = "\n".join(tags)
    return (
        "<!DOCTYPE html>\n"
        f'<html lang="{escape(site.language)}">\n<head>\n<meta charset="utf-8">\n{GENERATOR}\n'
        f"<title>{escape(title)} · {escape(name)}</title>\n"
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"{head}\n</head>\n<body>\n"
        f'<p><a href="{escape(target)}">{escape(title)}</a></p>\n'
        f"<p>{escape(description)}</p>\n</body>\n</html>\n"
    )
