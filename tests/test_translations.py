"""The site's French edition: the catalogs of the translated pages are up to date with the pages
(what `make gettext` extracts now), and `make html-fr`'s build is strict with zero warnings.

A page is translated when its catalog in `docs/locales/fr/LC_MESSAGES/` has at least one
translation; every message of such a page must then be translated and not fuzzy, so that an edit
to the English page that is not carried into the catalog fails here, naming the page and the
message. Catalogs that nobody has started are left alone: their pages show the English text
with a note.
"""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest
from babel.messages.catalog import Catalog
from babel.messages.pofile import read_po

from conftest import REPO

DOCS = REPO / "docs"
FRENCH = DOCS / "locales" / "fr" / "LC_MESSAGES"
#: the pages whose French translation the issues ask for (their catalogs must stay complete):
#: every reader page (issue 27); contributor pages may stay English, marked "(en anglais)"
MUST_BE_TRANSLATED = (
    "index",
    "explainers/index",
    *(f"explainers/{page.stem}" for page in sorted((DOCS / "explainers").glob("*.md"))),
    *(f"data/{page.stem}" for page in sorted((DOCS / "data").glob("*.md"))),
    "reference/definitions",
)


def read_catalog(path: Path) -> Catalog:
    with path.open("rb") as file:
        return read_po(file)


def is_translated(catalog: Catalog) -> bool:
    return any(message.id and message.string and not message.fuzzy for message in catalog)


def stale_messages(page: str, template: Catalog, catalog: Catalog) -> list[str]:
    """What the page's catalog lacks: a message of the template that it does not have, has
    empty, or has marked fuzzy."""
    problems = []
    for message in template:
        if not message.id:
            continue
        translated = catalog.get(message.id)
        state = (
            "missing" if translated is None
            else "fuzzy" if translated.fuzzy
            else "untranslated" if not translated.string
            else ""
        )  # fmt: skip
        if state:
            problems.append(f"{page}: {state}: {message.id[:100]!r}")
    return problems


def sphinx_build(*arguments: str) -> subprocess.CompletedProcess:
    command = [sys.executable, "-m", "sphinx", "-q", "--no-color", *arguments]
    return subprocess.run(command, capture_output=True, text=True, check=False)


@pytest.fixture(scope="module")
def templates(tmp_path_factory) -> Path:
    """The catalogs' templates of the pages as they are now (`make gettext`)."""
    outdir = tmp_path_factory.mktemp("gettext")
    result = sphinx_build("-b", "gettext", str(DOCS), str(outdir))
    assert result.returncode == 0, result.stderr
    return outdir


def translated_pages() -> list[str]:
    pages = []
    for path in sorted(FRENCH.rglob("*.po")):
        if is_translated(read_catalog(path)):
            pages.append(path.relative_to(FRENCH).with_suffix("").as_posix())
    return pages


def test_the_pages_the_issue_names_are_translated():
    assert set(MUST_BE_TRANSLATED) <= set(translated_pages())


@pytest.mark.slow
def test_catalogs_of_translated_pages_are_up_to_date(templates):
    problems = []
    for page in translated_pages():
        template = templates / f"{page}.pot"
        if not template.exists():
            problems.append(f"{page}: the page no longer has messages, or no longer exists")
            continue
        problems += stale_messages(
            page, read_catalog(template), read_catalog(FRENCH / f"{page}.po")
        )
    assert problems == [], (
        "Update the French catalogs (CONTRIBUTING.md, 'Translations'): `make gettext`, then "
        "`sphinx-intl update -p _build/gettext -l fr -d docs/locales`, then translate:\n"
        + "\n".join(problems)
    )


def test_the_check_fails_on_a_changed_page():
    template, catalog = Catalog(), Catalog()
    for msgid in ("Kept", "Reworded in English", "New paragraph", "Guessed"):
        template.add(msgid)
    catalog.add("Kept", "Gardé")
    catalog.add("Reworded", "Reformulé")
    catalog.add("New paragraph", "")
    catalog.add("Guessed", "Deviné", flags=("fuzzy",))
    assert stale_messages("page", template, catalog) == [
        "page: missing: 'Reworded in English'",
        "page: untranslated: 'New paragraph'",
        "page: fuzzy: 'Guessed'",
    ]
    assert is_translated(catalog) and not is_translated(Catalog())


def text_of(html: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))


@pytest.fixture(scope="module")
def french_site(french_edition) -> Path:
    """`make html-fr`: the French edition, strict (`-W --keep-going -n`), with zero warnings."""
    assert french_edition.returncode == 0, french_edition.stderr
    stderr = french_edition.stderr
    assert "WARNING" not in stderr and "ERROR" not in stderr, stderr
    return french_edition.outdir


@pytest.mark.slow
def test_the_theme_s_labels_for_screen_readers_are_french(french_site):
    """furo writes its buttons' and sections' labels in English; the French edition's pages read
    them in French (sphinx_ext/theme_words.py), every page alike."""
    for page in ("explainers/token-prices.html", "index.html", "kb/entity/openai.html"):
        html = (french_site / page).read_text("utf-8")
        labels = re.findall(r'aria-label="([^"]*)"', html)
        assert not [label for label in labels if "Toggle" in label], (page, labels)
        assert "Afficher ou masquer la navigation du site" in labels, page
        assert "Changer de thème : clair, sombre ou automatique" in labels, page
    token_prices = (french_site / "explainers" / "token-prices.html").read_text("utf-8")
    assert 'aria-label="Afficher ou masquer la rubrique Explications"' in token_prices


@pytest.mark.slow
def test_the_french_edition_builds_strictly_and_reads_french(french_site):
    page = (french_site / "explainers" / "deepseek-meal-and-restaurant.html").read_text("utf-8")
    text = text_of(page)
    assert re.search(r'<html [^>]*lang="fr"', page)
    assert "un repas et un restaurant" in text
    assert "Coût de la dernière phase d’entraînement de DeepSeek-V3" in text  # a claim's title
    assert "Cette page n’est pas encore traduite" not in text
    assert 'hreflang="en" href="../../explainers/deepseek-meal-and-restaurant.html"' in page
    assert "Combien coûte un million de jetons ?" in text_of(  # a page translated since
        (french_site / "explainers" / "token-prices.html").read_text("utf-8")
    )
    untranslated = text_of((french_site / "guide" / "contributing.html").read_text("utf-8"))
    assert "Cette page n’est pas encore traduite" in untranslated
    # its title says so, in the sidebar and every link to it
    assert "Contributing (en anglais)" in untranslated
    landing = (french_site / "index.html").read_text("utf-8")
    assert "Chercher dans toutes les affirmations" in landing
    assert "Le registre des coûts de l’IA" in text_of(landing)
