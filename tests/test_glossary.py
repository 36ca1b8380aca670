"""The French glossary (`docs/locales/fr/glossary.md`) is applied: on every translated page of
the built French edition, outside quotes, code and proper names (`tests/french_words.py`), no
word of its column "not in French text" appears (the English "tokens" where it says "jetons")."""

from __future__ import annotations

import re

import pytest

from french_words import GLOSSARY, reader_text, translated_pages
from test_french_scan import STILL_ENGLISH


def forbidden_terms(markdown: str) -> dict[str, str]:
    """Each English term the glossary keeps out of French text -> the French term to use."""
    terms = {}
    for line in markdown.splitlines():
        cells = [cell.strip() for cell in line.strip().strip("|").split("|")]
        if len(cells) != 4 or cells[0] in ("English", "") or set(cells[0]) <= {"-"}:
            continue
        for term in cells[2].split(","):
            if term.strip() and term.strip() != "—":
                terms[term.strip()] = cells[1]
    return terms


def uses_of(term: str, text: str) -> int:
    """How often `term` is a word of `text` (not part of a longer word, an id or a file name)."""
    pattern = rf"(?<![\w./-]){re.escape(term)}(?![\w/-]|\.\w)"
    return len(re.findall(pattern, text, flags=re.IGNORECASE))


def test_the_glossary_lists_its_terms():
    terms = forbidden_terms(GLOSSARY.read_text(encoding="utf-8"))
    assert terms["tokens"].startswith("jeton")
    assert {"GPU-hours", "run rate", "capital expenditure", "forecast"} <= set(terms)
    assert uses_of("tokens", "60 $ par million de tokens") == 1
    assert uses_of("tokens", "les jetons (« tokens »)".replace("« tokens »", "")) == 0
    assert uses_of("run rate", "a run-rate figure") == 0  # "run-rate" is its own row
    assert uses_of("claims", "en claims.json ou claims/token-prices.yaml") == 0


@pytest.mark.slow
def test_translated_pages_use_the_glossarys_words(french_edition):
    assert french_edition.returncode == 0, french_edition.stderr
    terms = forbidden_terms(GLOSSARY.read_text(encoding="utf-8"))
    problems = []
    for page in translated_pages():
        if page in STILL_ENGLISH:
            continue
        text = reader_text(french_edition.outdir / f"{page}.html")
        for term, french in terms.items():
            if uses_of(term, text):
                problems.append(f"{page}: {term!r} ({uses_of(term, text)}x), write {french!r}")
    assert problems == [], "\n".join(problems)
