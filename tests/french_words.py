"""What a French reader reads on a page of the built French edition, for the scans of
`tests/test_french_scan.py` and `tests/test_glossary.py`: the article's text, without what is
meant to stay in another language (quotes, code, claim ids, text the page marks as English with
`lang`, words between « », records' ids in parentheses), without the proper names the knowledge base knows (entity names and
aliases, source titles and publishers) and the few of `PROPER_NAMES`."""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path

from babel.messages.pofile import read_po
from bs4 import BeautifulSoup

from claimkb.core.registry import load_registry
from claimkb.core.schema import load_schemas
from conftest import REPO

FRENCH_CATALOGS = REPO / "docs" / "locales" / "fr" / "LC_MESSAGES"
GLOSSARY = REPO / "docs" / "locales" / "fr" / "glossary.md"
#: names the knowledge base does not list as entities or sources: products, programmes, terms
#: that are names in French too
PROPER_NAMES = (
    "Open-Source Week",
    "Data Center",
    "LLMflation",
    "Hopper",
    "Blackwell",
    "Claude Code",
    "Gemini Apps",
    "Model License",
    "DeepSeek Model License",
    "Accelerator Model",
    "Latent Space",
    "Internet Archive",
    "Series",
    "CC BY",
    "Allen Institute for AI",
    "University of Washington",
    "Securities and Exchange Commission",
)
#: what is left out of the scan: quotes, code, claim ids and a figure's arithmetic line
SKIPPED = ".claim-quote, blockquote, code, pre, script, style, .claim-id, .headerlink"
#: words the page's word tokens are made of (a model name such as gemma-2-27b-it is one word)
WORD = re.compile(r"[A-Za-z][A-Za-z0-9]*(?:[-'’][A-Za-z0-9]+)*")


def translated_pages() -> list[str]:
    """The pages whose catalog has translations (the others are shown in English, noted)."""
    pages = []
    for path in sorted(FRENCH_CATALOGS.rglob("*.po")):
        page = path.relative_to(FRENCH_CATALOGS).with_suffix("").as_posix()
        if page in ("sphinx", "claimkb-registry") or page.startswith("claims/"):
            continue
        with path.open("rb") as file:
            if any(m.id and m.string and not m.fuzzy for m in read_po(file)):
                pages.append(page)
    return pages


@cache
def proper_names() -> tuple[str, ...]:
    """Entity names and aliases, source titles and publishers, longest first (so that a long
    name is taken out before a shorter one inside it)."""
    registry = load_registry(REPO / "claims", load_schemas(REPO / "schema"))
    names = set(PROPER_NAMES)
    for record in registry.of_type("entity").values():
        names.add(record.get("name") or "")
        names.update(record.get("aliases") or [])
    for record in registry.of_type("source").values():
        names.update((record.get("title") or "", record.get("publisher") or ""))
    return tuple(sorted((n for n in names if len(n) > 1), key=len, reverse=True))


def reader_text(html_file: Path) -> str:
    """The article's text a French reader is meant to read in French, spaces collapsed."""
    soup = BeautifulSoup(html_file.read_text(encoding="utf-8"), "html.parser")
    root = soup.find("article") or soup
    for element in root.select(SKIPPED):
        element.decompose()
    for element in root.find_all(lang=True):
        if not element["lang"].startswith("fr"):
            element.decompose()
    text = re.sub(r"«[^»]*»", " ", root.get_text(" "))
    # a record's id after its name, as registry lists write it: "Valorisation (valuation)"
    text = re.sub(r"\((?:[a-z0-9]+-)*[a-z0-9]+\)", " ", text)
    text = re.sub(r"\s+", " ", text)
    for name in proper_names():
        text = text.replace(name, " ")
    return text


def words_in_context(text: str, words: set[str], width: int = 50) -> list[str]:
    """Each occurrence of one of `words` (lowercase) in `text`, with `width` characters around."""
    found = []
    for match in WORD.finditer(text):
        if match.group().lower() in words:
            start, end = max(0, match.start() - width), match.end() + width
            found.append(f"{match.group()!r} in …{text[start:end]}…")
    return found
