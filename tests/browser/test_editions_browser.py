"""The two editions of the site in Chromium: the language switcher both ways, a French search for
a number written the French way, and a card's labels in French."""

from __future__ import annotations

import pytest

pytestmark = [pytest.mark.browser, pytest.mark.slow]

DEEPSEEK = "explainers/deepseek-meal-and-restaurant.html"
FIRST_RESULT = "ol.claimkb-results > li:first-child > a.claimkb-result-title"


def switch_to(tab, language_name: str) -> None:
    tab.page.locator("nav.claimkb-editions a", has_text=language_name).click()
    tab.page.wait_for_load_state("load")


def test_the_switcher_goes_to_the_same_page_in_french_and_back(bilingual_tab):
    tab = bilingual_tab
    tab.goto(DEEPSEEK)
    assert tab.page.locator("html").get_attribute("lang") == "en"
    assert "a meal and a restaurant" in tab.page.locator("h1").inner_text()
    switch_to(tab, "Français")
    assert tab.page.url == tab.base + "fr/" + DEEPSEEK
    assert tab.page.locator("html").get_attribute("lang") == "fr"
    assert "un repas et un restaurant" in tab.page.locator("h1").inner_text()
    assert tab.page.locator(".claimkb-untranslated").count() == 0
    tab.screenshot("edition-fr-deepseek")
    switch_to(tab, "English")
    assert tab.page.url == tab.base + DEEPSEEK
    assert "a meal and a restaurant" in tab.page.locator("h1").inner_text()
    tab.screenshot("edition-en-deepseek")
    assert tab.errors == []


def test_an_untranslated_french_page_shows_the_english_text_with_a_note(bilingual_tab):
    tab = bilingual_tab
    tab.goto("fr/guide/contributing.html")
    note = tab.page.locator(".claimkb-untranslated")
    assert note.is_visible()
    assert "pas encore traduite" in note.inner_text()
    assert "(en anglais)" in tab.page.locator("article h1").inner_text()
    sidebar = tab.page.locator(".sidebar-tree").inner_text()
    assert "Architecture (en anglais)" in sidebar
    tab.screenshot("edition-fr-untranslated-note")
    assert tab.errors == []


@pytest.mark.parametrize("width", [1280, 375])
@pytest.mark.parametrize(
    ("page", "title"),
    [
        ("explainers/token-prices", "Combien coûte un million de jetons ?"),
        ("explainers/hyperscaler-capex", "Combien les entreprises dépensent-elles"),
    ],
)
def test_translated_explainers_read_french(bilingual_tab, page, title, width):
    tab = bilingual_tab
    tab.page.set_viewport_size({"width": width, "height": 900})
    tab.goto(f"fr/{page}.html")
    assert title in tab.page.locator("article h1").inner_text()
    assert tab.page.locator(".claimkb-untranslated").count() == 0
    assert "Le registre des coûts de l’IA" in tab.page.title()
    footer = tab.page.locator(".related-pages").inner_text()
    assert "Suivant" in footer or "Précédent" in footer
    if tab.page.locator("input.claimkb-filter").count():
        assert tab.page.locator("input.claimkb-filter").first.get_attribute("placeholder") == (
            "Filtrer ce tableau"
        )
    if width == 375:  # a phone never scrolls sideways
        assert tab.page.evaluate("document.documentElement.scrollWidth") <= width
    tab.screenshot(f"edition-fr-{page.split('/')[1]}-{width}")
    assert tab.errors == []


@pytest.mark.parametrize("width", [1280, 375])
@pytest.mark.parametrize(
    ("page", "title", "headers"),
    [
        ("kb/entity/openai", "OpenAI", ["Chiffre", "Valeur", "Quand"]),
        (
            "kb/metric/token-price/api-output-list-price",
            "Prix par million de jetons",
            ["Affirmation", "Valeur", "Période"],
        ),
    ],
)
def test_french_knowledge_base_pages_read_french(bilingual_tab, page, title, headers, width):
    """OpenAI's page (its key figures first) and a metric's page with its chart, in French."""
    tab = bilingual_tab
    tab.page.set_viewport_size({"width": width, "height": 900})
    tab.goto(f"fr/{page}.html")
    assert title in tab.page.locator("article h1").inner_text()
    first = tab.page.locator("article table").first.locator("thead th").all_inner_texts()
    assert [h.strip() for h in first[: len(headers)]] == headers
    text = tab.page.locator("article").inner_text()
    if "metric" in page:  # its chart: French words, French numbers
        assert tab.page.locator(".claimkb-chart").count() >= 1
        assert "Télécharger" in text and "par million de jetons" in text
        assert "Download" not in text
    if width == 375:  # a phone never scrolls sideways
        assert tab.page.evaluate("document.documentElement.scrollWidth") <= width
    tab.screenshot(f"edition-fr-{page.replace('/', '-')}-{width}")
    assert tab.errors == []


def test_a_french_search_finds_a_number_written_the_french_way(bilingual_tab):
    tab = bilingual_tab
    tab.goto("fr/index.html")
    box = tab.page.locator("input[name=q]").first
    box.fill("5,576")
    box.press("Enter")
    tab.page.wait_for_url("**/fr/search.html?q=*")
    tab.page.wait_for_selector("#claimkb-search[data-ready=true]")
    first = tab.page.locator(FIRST_RESULT)
    assert first.get_attribute("href").endswith("#claim-deepseek-v3-final-run-cost")
    tab.screenshot("edition-fr-search-5,576")
    first.click()
    tab.page.wait_for_load_state("load")
    assert tab.page.url.endswith("/fr/" + DEEPSEEK + "#claim-deepseek-v3-final-run-cost")
    assert tab.errors == []


def test_a_french_card_has_french_labels(bilingual_tab):
    tab = bilingual_tab
    tab.goto("fr/" + DEEPSEEK + "#claim-deepseek-v3-final-run-cost")
    card = tab.page.locator("#claim-deepseek-v3-final-run-cost")
    card.scroll_into_view_if_needed()
    text = card.inner_text()
    assert "Coût de la dernière phase d’entraînement de DeepSeek-V3" in text  # its title
    # a link to the card opens its details: the labels there are French too
    assert card.locator("details.claim-details").get_attribute("open") is not None
    assert "Dernière phase d’entraînement" in text  # the scope, on the card's context line
    for label in ("mesure", "méthode", "Fiabilité", "Citer", "consulté le"):
        assert label in text, label
    for english in ("metric:", "scope:", "Claimed by", "Confidence:", "Cite this", "accessed"):
        assert english not in text, english
    assert "5,58" in text  # the value, as French readers write it
    tab.screenshot("edition-fr-card")
    assert tab.errors == []


def test_the_french_landing_page_reads_french(bilingual_tab):
    tab = bilingual_tab
    tab.goto("fr/index.html")
    assert tab.page.locator("h1").inner_text().startswith("Le registre des coûts de l’IA")
    form = tab.page.locator("form.claimkb-front-search")
    assert "Chercher dans toutes les affirmations" in form.inner_text()
    assert form.locator("input[name=q]").get_attribute("placeholder").startswith("Une entreprise")
    assert tab.page.locator(".claimkb-untranslated").count() == 0
    tab.screenshot("edition-fr-landing")
    tab.page.set_viewport_size({"width": 390, "height": 844})
    assert tab.page.locator("nav.claimkb-editions a", has_text="English").is_visible()
    tab.screenshot("edition-fr-landing-phone")
    assert tab.errors == []
