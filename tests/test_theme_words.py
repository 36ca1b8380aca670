"""furo's English labels for screen readers, translated in a page of another language
(`sphinx_ext.theme_words`); the French edition's real pages: tests/test_translations.py."""

from __future__ import annotations

from claimkb.sphinx_ext import theme_words

FRENCH = {
    "Toggle site navigation sidebar": "Afficher ou masquer la navigation du site",
    "Toggle navigation of %(section)s": "Afficher ou masquer la rubrique %(section)s",
}


def test_the_labels_are_translated_and_a_section_s_name_stays_escaped(monkeypatch):
    monkeypatch.setattr(theme_words, "_", lambda text: FRENCH.get(text, text))
    page = (
        '<input aria-label="Toggle site navigation sidebar">'
        '<label aria-label="Toggle navigation of R&amp;D &quot;costs&quot;"></label>'
        "<p>Toggle site navigation sidebar</p>"
    )
    assert theme_words.translated(page) == (
        '<input aria-label="Afficher ou masquer la navigation du site">'
        '<label aria-label="Afficher ou masquer la rubrique R&amp;D &quot;costs&quot;"></label>'
        "<p>Toggle site navigation sidebar</p>"  # the page's own text is not furo's label
    )


def test_a_label_without_a_translation_is_left_as_furo_wrote_it(monkeypatch):
    monkeypatch.setattr(theme_words, "_", lambda text: text)
    page = '<button aria-label="Toggle Light / Dark / Auto color theme"></button>'
    assert theme_words.translated(page) == page
