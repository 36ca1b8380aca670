"""The French edition, as the extension writes it: labels from the package's `claimkb` catalog,
registry texts from the project's `claimkb-registry.po`, numbers and dates in Babel's French
forms, and search entries as French readers type numbers. One real build of
`tests/roots/test-french` (`language = "fr"`, `locale_dirs = ["locales"]`), strict."""

from __future__ import annotations

import html as html_lib
import re
from pathlib import Path

import pytest

from claimkb.core.language import use_language
from claimkb.views.search_terms import number_forms
from helpers import build_once, copy_root, html, warnings_of
from test_search import first_entry_hit, search_index

NBSP = "\u00a0"


@pytest.fixture(scope="module")
def french(tmp_path_factory):
    srcdir = copy_root("french", tmp_path_factory.mktemp("fr"))
    return build_once(srcdir)


def text_of(app, page: str) -> str:
    """The page's text as a reader sees it: tags dropped, entities decoded, spaces collapsed
    (a no-break space stays one)."""
    body = re.sub(r"<script.*?</script>", "", html(app, page), flags=re.S)
    text = html_lib.unescape(re.sub(r"<[^>]+>", " ", body))
    return re.sub(r"[ \t\r\n]+", " ", text)


def card(app, claim_id: str) -> str:
    """The HTML of the claim's card on the index page."""
    page = html(app, "index.html")
    start = page.index(f'id="claim-{claim_id}"')
    end = page.find('class="claim-card ', start)
    return page[start : end if end > 0 else len(page)]


def test_builds_without_warnings(french):
    assert warnings_of(french) == []


def test_a_card_says_its_labels_in_french(french):
    shown = html_lib.unescape(card(french, "deepseek-v3-final-run-cost"))
    assert "et détails</summary>" in shown  # the collapsed block
    assert "Sur " in shown
    assert "Fiabilité : sûr" in shown
    assert "Statut : en vigueur" in shown
    assert "Source : " in shown
    assert "Identifiant de l’affirmation : " in shown
    assert "Déduite de : " in shown
    assert "✓ vérifié" in shown
    assert "Citer :" in shown and "jour de votre lecture" in shown
    for english in ("Claimed by", "Confidence", "Status:", "Claim id", "Derived from", "Cite this"):
        assert english not in shown


def test_numbers_and_dates_in_french_forms(french):
    shown = html_lib.unescape(card(french, "deepseek-v3-final-run-cost"))
    assert f"5,58{NBSP}M$" in shown
    assert "Au 27 décembre 2024" in shown
    assert "dollars de 2024" in shown
    capex = html_lib.unescape(card(french, "microsoft-fy2024-capex"))
    assert f"55,7{NBSP}Md$" in capex
    assert "Pour juillet 2023 – juin 2024, au 30 juillet 2024" in capex
    # a month is "en juin 2024", not "au juin 2024" (its own message in the catalog)
    forecast = html_lib.unescape(card(french, "largest-run-2027"))
    assert "Prévision pour 2027, en juin 2024" in forecast
    assert "au juin" not in forecast
    text = text_of(french, "index.html")
    assert "2 788 000" in text.replace("\u202f", " ")
    assert f"au moins 1{NBSP}Md$" in text  # a bound
    assert "Prévision pour 2027" in text


def test_registry_texts_come_from_the_projects_catalog(french):
    shown = html_lib.unescape(card(french, "deepseek-v3-final-run-cost"))
    assert ">Dernière phase d’entraînement</span>" in shown  # the scope, on the context line
    assert "méthode : Équivalent location cloud" in shown
    assert "mesure : Coût" in shown
    # the unit's words too: "2 $ par heure-GPU"
    assert f"2{NBSP}$ par heure-GPU" in html_lib.unescape(card(french, "deepseek-v3-price"))
    # a text the catalog lacks stays English
    assert "Trend extrapolation" in text_of(french, "index.html")
    entity = text_of(french, "kb/entity/deepseek.html")
    assert "Un laboratoire d’IA chinois, détenu par le fonds spéculatif High-Flyer." in entity
    assert "Type : laboratoire" in entity


def test_tables_and_generated_pages_in_french(french):
    page = html(french, "index.html")
    headers = re.findall(r'<th class="[^"]*claimkb-col-(\w+)[^"]*"[^>]*><p>([^<]*)</p>', page)
    assert ("value", "Valeur") in headers and ("title", "Affirmation") in headers
    assert ("as_of", "Daté du") in headers
    assert "<h1>Entreprises, modèles, matériel et personnes" in html(french, "kb/entities.html")
    assert "<h2>Laboratoires" in html(french, "kb/entities.html")
    assert "<h1>Chiffres par mesure et périmètre" in html(french, "kb/metrics.html")
    assert "Affirmations sur DeepSeek-V3" in text_of(french, "kb/entity/deepseek-v3.html")
    pair = html(french, "kb/metric/cost/final-training-run.html")
    assert "<h1>Coût : Dernière phase d’entraînement" in pair
    assert "Argent dépensé ou estimé, en dollars américains." in pair  # the metric's definition
    assert "Télécharger" in pair and "Chiffres de 2027 en dollars de 2025" in pair  # its chart
    sources = text_of(french, "kb/sources.html")
    assert "article de recherche" in sources and "27 décembre 2024" in sources


def test_compare_says_what_differs_in_french(french):
    text = text_of(french, "index.html")
    assert "Pas comparables : elles mesurent des choses différentes." in text
    assert "Périmètre différent : Dernière phase d’entraînement contre" in text
    assert "Aucun rapport n’est calculé entre eux." in text
    # what each figure counts, collapsed, labelled with French colons
    assert "Ce que compte chaque chiffre, sa source, et à quoi le comparer plutôt" in text
    assert "En commun : Mesure : Coût" in text
    assert "Selon : DeepSeek" in text


@pytest.mark.parametrize(
    "query",
    ["5,576", "5,58", "5,58 M$", "5,58 millions de dollars", "1 milliard", "5 576 000"],
)
def test_french_readers_find_numbers_as_they_write_them(french, query):
    index = search_index(Path(french.outdir))
    assert first_entry_hit(index, query) is not None, query
    assert first_entry_hit(index, "5,576") == ("index", "claim-deepseek-v3-final-run-cost")


def test_french_number_forms():
    use_language("fr")
    try:
        forms = number_forms(1.6e9, "USD")
    finally:
        use_language(None)
    assert {"1,6 milliards", "1,6 Md$", "1,6 milliards de dollars", "1 600 000 000"} <= forms
    assert "$1.6B" in forms  # English forms stay: readers paste them


def test_make_gettext_writes_the_registry_catalog(tmp_path):
    from sphinx.testing.util import SphinxTestApp

    srcdir = copy_root("french", tmp_path)
    app = SphinxTestApp("gettext", srcdir=srcdir)
    try:
        app.build()
    finally:
        app.cleanup()
    template = (Path(app.outdir) / "claimkb-registry.pot").read_text(encoding="utf-8")
    # names, units' words, definitions and entity descriptions, in English, located
    for text in ("Final training run", "USD per GPU-hour", "One GPU working for one hour."):
        assert f'msgid "{text}"' in template
    assert 'msgid "A Chinese AI lab, owned by the hedge fund High-Flyer."' in template
    assert "claims/registry.yaml:" in template
    # entity names are proper nouns: not for translation
    assert 'msgid "DeepSeek"' not in template


def test_a_chart_title_is_translated_in_its_page_catalog(french, tmp_path):
    page = html(french, "elsewhere.html")
    assert "Les coûts d’entraînement, selon chacun" in page  # the drawing's title
    assert "Training costs, as each says" not in page
    listed = (Path(french.outdir) / "charts.json").read_text(encoding="utf-8")
    assert '"title": "Les coûts d’entraînement, selon chacun"' in listed
    # the gettext builder writes the title to the page's catalog
    from io import StringIO

    from sphinx.testing.util import SphinxTestApp

    app = SphinxTestApp(
        "gettext", srcdir=copy_root("french", tmp_path), status=StringIO(), warning=StringIO()
    )
    try:
        app.build()
    finally:
        app.cleanup()
    assert (
        'msgid "Training costs, as each says"' in (Path(app.outdir) / "elsewhere.pot").read_text()
    )
