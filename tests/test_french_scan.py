"""No English on a translated page of the French edition: the built pages (`make html-fr`, the
session's strict build) are scanned for common English words outside quotes, code, claim ids,
text marked as English (`lang="en"`: source titles and locators) and proper names
(`tests/french_words.py`). A handful of English function words is a good detector: a sentence of
English always has some, a French one none.

`STILL_ENGLISH` lists the translated pages that still show English the catalogs cannot reach yet,
with why; the test fails when such a page no longer does, so that the list only shrinks."""

from __future__ import annotations

import pytest

from french_words import reader_text, translated_pages, words_in_context

#: English function words that no French sentence has
ENGLISH_WORDS = {
    "the", "and", "of", "per", "with", "from", "which", "is", "are", "was", "were", "this",
    "that", "for", "by", "its", "it", "to", "in", "at", "or", "not", "has", "have", "be",
}  # fmt: skip
#: translated pages that still show English, and why
STILL_ENGLISH: dict[str, str] = {}


def test_the_scan_finds_english_words(tmp_path):
    text = "Le prix a baissé. The price per million tokens fell, à l’entrée comme à la sortie."
    found = words_in_context(text, ENGLISH_WORDS, width=5)
    assert [hit.split(" in ")[0] for hit in found] == ["'The'", "'per'"]
    page = tmp_path / "page.html"
    page.write_text(
        "<article><p>Le modèle gemma-2-27b-it, « as it was », <span lang='en'>Section 1 of "
        "the report</span>, <code>the</code> : OpenAI the</p></article>",
        encoding="utf-8",
    )
    text = reader_text(page)
    assert "Le modèle" in text and "OpenAI" not in text  # a proper name is taken out
    assert "as it was" not in text and "Section" not in text and "gemma" not in text
    assert [hit.split(" in ")[0] for hit in words_in_context(text, ENGLISH_WORDS)] == ["'the'"]


@pytest.mark.slow
def test_translated_pages_read_french(french_edition):
    assert french_edition.returncode == 0, french_edition.stderr
    pages = translated_pages()
    assert len(pages) >= 19  # the landing page, 13 explainers and their index, 3 data pages...
    problems, still = [], {}
    for page in pages:
        found = words_in_context(reader_text(french_edition.outdir / f"{page}.html"), ENGLISH_WORDS)
        if page in STILL_ENGLISH:
            still[page] = len(found)
        elif found:
            problems += [f"{page}: {hit}" for hit in found[:10]]
    assert problems == [], "English on a translated French page:\n" + "\n".join(problems)
    assert all(still.values()), f"no English left on {still}: remove them from STILL_ENGLISH"
