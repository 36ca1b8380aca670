"""Editions of a site built once per language (`tests/roots/test-editions`, English and French):
claims' titles, statements and raw HTML translated through the page's catalog, a French note on
pages still in English, the language switcher and the hreflang alternates."""

from __future__ import annotations

import html as html_module
import re
from pathlib import Path
from types import SimpleNamespace

import pytest
from sphinx.config import eval_config_file
from sphinx.util.tags import Tags

from claimkb.sphinx_ext.editions import edition_links
from conftest import REPO
from helpers import html, warnings_of

EDITIONS = {"en": {"name": "English", "root": ""}, "fr": {"name": "Français", "root": "fr/"}}
NOTE = "Cette page n’est pas encore traduite"


def text_of(page: str) -> str:
    return re.sub(r"\s+", " ", html_module.unescape(re.sub(r"<[^>]+>", " ", page)))


def alternates(page: str) -> dict[str, str]:
    return dict(re.findall(r'<link rel="alternate" hreflang="([^"]+)" href="([^"]+)">', page))


def switcher(page: str) -> str:
    return re.search(r'<nav class="claimkb-editions".*?</nav>', page, re.S).group(0)


@pytest.fixture(scope="module")
def french(make_app_module):
    return make_app_module(language="fr")


@pytest.fixture(scope="module")
def make_app_module(tmp_path_factory, rootdir):
    """Builds a fresh copy of the root with `confoverrides`, once per module and language."""
    import shutil
    from io import StringIO

    from sphinx.testing.util import SphinxTestApp

    def build(builder: str = "html", **overrides):
        srcdir = tmp_path_factory.mktemp("editions") / "src"
        shutil.copytree(rootdir / "test-editions", srcdir)
        app = SphinxTestApp(builder, srcdir=srcdir, status=StringIO(), warning=StringIO(),
                            confoverrides=overrides)  # fmt: skip
        try:
            app.build()
        finally:
            app.cleanup()
        return app

    return build


def test_the_french_edition_translates_the_claims_title_statement_and_raw_html(french):
    assert warnings_of(french) == []
    page = html(french, "index.html")
    text = text_of(page)
    assert "Un repas et un restaurant" in text
    card = re.search(r'<[^>]+id="claim-deepseek-v3-gpu-hours".*?</section>|'
                     r'<[^>]+id="claim-deepseek-v3-gpu-hours".*?</div>\s*</div>', page, re.S)  # fmt: skip
    assert card is not None
    assert "Dernière phase d’entraînement de DeepSeek-V3, en heures-GPU" in text_of(card.group(0))
    assert "Trois étapes, toutes sur des GPU H800." in text
    # a link to the claim is named by its translated title too
    link = re.search(r'<a [^>]*href="#claim-deepseek-v3-gpu-hours"[^>]*>(.*?)</a>', page, re.S)
    assert "Dernière phase" in text_of(link.group(1))
    assert '<p class="search-hint">Chercher dans toutes les affirmations</p>' in page
    assert "final training run, GPU-hours" not in text
    assert NOTE not in text


def test_a_page_without_translation_says_so_in_french(french):
    page = html(french, "other.html")
    assert NOTE in text_of(page)
    assert "This page has no catalog." in text_of(page)  # the English text, never a broken page


def test_the_switcher_and_hreflang_point_to_the_same_page_in_each_edition(french):
    page = html(french, "other.html")
    assert alternates(page) == {"en": "../other.html", "fr": "../fr/other.html",
                                "x-default": "../other.html"}  # fmt: skip
    nav = switcher(page)
    assert (
        '<a class="claimkb-edition" href="../other.html" hreflang="en" lang="en">English</a>' in nav
    )
    assert 'aria-current="page">Français</span>' in nav
    assert 'aria-label="Langue"' in nav  # the template's own words from the site's sphinx.po
    search = html(french, "search.html")
    assert 'href="../search.html" hreflang="en"' in switcher(search)


def test_the_english_edition_has_no_note_and_links_to_the_french_one(make_app_module):
    english = make_app_module()
    assert warnings_of(english) == []
    page = html(english, "other.html")
    assert NOTE not in text_of(page)
    assert alternates(page)["fr"] == "fr/other.html"
    assert '<a class="claimkb-edition" href="fr/other.html" hreflang="fr" lang="fr">' in (
        switcher(page)
    )
    assert "DeepSeek-V3 final training run, GPU-hours" in text_of(html(english, "index.html"))


def test_the_gettext_builder_extracts_the_claims_title_and_raw_html(make_app_module):
    app = make_app_module("gettext")
    catalog = (Path(app.outdir) / "index.pot").read_text(encoding="utf-8")
    assert 'msgid "DeepSeek-V3 final training run, GPU-hours"' in catalog
    assert 'msgid "Three stages, all on H800 GPUs."' in catalog
    assert "Search every claim" in catalog
    assert "Not translated" in (Path(app.outdir) / "other.pot").read_text(encoding="utf-8")


@pytest.mark.parametrize(
    ("language", "base", "expected"),
    [
        ("en", "", {"en": "../a/b.html", "fr": "../fr/a/b.html"}),
        ("fr", "", {"en": "../../a/b.html", "fr": "../../fr/a/b.html"}),
        ("en", "https://x.org/", {"en": "https://x.org/a/b.html", "fr": "https://x.org/fr/a/b.html"}),
        ("fr", "https://x.org/fr", {"en": "https://x.org/a/b.html", "fr": "https://x.org/fr/a/b.html"}),
        ("fr", "https://x.org/", {"en": "https://x.org/a/b.html", "fr": "https://x.org/fr/a/b.html"}),
        ("de", "", {}),  # a language without an edition: no switcher
    ],
)  # fmt: skip
def test_edition_links(language, base, expected):
    config = SimpleNamespace(claimkb_editions=EDITIONS, language=language, html_baseurl=base)
    links = edition_links(config, "a/b.html", "../")
    assert {link["lang"]: link["url"] for link in links} == expected
    assert [link["lang"] for link in links if link["current"]] == ([language] if expected else [])


def test_read_the_docs_language_and_version_place_the_editions(monkeypatch):
    for name in ("READTHEDOCS_LANGUAGE", "READTHEDOCS_VERSION"):
        monkeypatch.delenv(name, raising=False)
    local = eval_config_file(REPO / "docs" / "conf.py", Tags())
    assert local["language"] == "en"
    assert {lang: e["root"] for lang, e in local["claimkb_editions"].items()} == {
        "en": "",
        "fr": "fr/",
    }
    monkeypatch.setenv("READTHEDOCS_LANGUAGE", "fr")
    monkeypatch.setenv("READTHEDOCS_VERSION", "latest")
    rtd = eval_config_file(REPO / "docs" / "conf.py", Tags())
    assert rtd["language"] == "fr"
    assert rtd["claimkb_editions"]["en"]["root"] == "en/latest/"
    assert rtd["claimkb_editions"]["fr"]["root"] == "fr/latest/"
