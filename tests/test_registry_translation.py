"""The site's registry catalog (`docs/locales/fr/LC_MESSAGES/claimkb-registry.po`) translates
every name and definition of a metric, scope and method in `claims/`, and the name of a unit:
those are what the French edition promises in full. (Entity descriptions may lag: an
untranslated one shows in English.) The checker is tried on a catalog made to fail."""

from __future__ import annotations

from babel.messages.pofile import read_po

from claimkb.core.registry import load_registry
from claimkb.core.registry_texts import translatable_texts
from claimkb.core.schema import load_schemas
from conftest import REPO

CATALOG = REPO / "docs" / "locales" / "fr" / "LC_MESSAGES" / "claimkb-registry.po"
PROMISED = {"name", "unit_text", "definition"}
HOW = "run `make gettext`, then `sphinx-intl update -p _build/gettext -l fr` and translate"


def promised_texts() -> set[str]:
    registry = load_registry(REPO / "claims", load_schemas(REPO / "schema"))
    return {
        text
        for text, record, field in translatable_texts(registry)
        if record.type in ("metric", "scope", "method") and field in PROMISED
    }


def untranslated(texts: set[str], catalog) -> list[str]:
    return sorted(
        text
        for text in texts
        if catalog.get(text) is None or not catalog[text].string or catalog[text].fuzzy
    )


def site_catalog():
    with open(CATALOG, "rb") as po:
        return read_po(po, locale="fr")


def test_every_name_and_definition_is_translated():
    missing = untranslated(promised_texts(), site_catalog())
    assert missing == [], f"{len(missing)} registry texts lack French ({HOW}): {missing[:5]}"


def test_the_check_fails_on_a_missing_translation():
    catalog = site_catalog()
    texts = promised_texts()
    some = sorted(texts)[0]
    catalog.delete(some)
    assert untranslated(texts, catalog) == [some]
