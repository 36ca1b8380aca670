"""The `claimkb` message catalog shipped with the package is complete and compiled: every message
the sources mark (`_`, `N_`, `_lazy`, extracted by Babel as `pybabel extract` does) has a French
translation, and the committed `.mo` is exactly the compiled `.po`. The checkers are tried on
catalogs made to fail, so that the test can fail."""

from __future__ import annotations

import io

from babel.messages.catalog import Catalog
from babel.messages.extract import DEFAULT_KEYWORDS, extract_from_dir
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po

from conftest import REPO

PACKAGE = REPO / "tools" / "claimkb"
FRENCH = PACKAGE / "locale" / "fr" / "LC_MESSAGES"
#: the layers whose words readers see (cli and bench write English for contributors)
SOURCES = ("core", "views", "sphinx_ext")
KEYWORDS = {**DEFAULT_KEYWORDS, "_lazy": None}


def extracted_ids() -> set[str]:
    """The msgids Babel's extractor finds in the package's sources: the catalog's template."""
    found = set()
    for layer in SOURCES:
        for _file, _line, message, _comments, _context in extract_from_dir(
            PACKAGE / layer, method_map=[("**.py", "python")], keywords=KEYWORDS
        ):
            found.add(message if isinstance(message, str) else message[0])
    return found


def untranslated(template: set[str], catalog: Catalog) -> list[str]:
    """The template's messages the catalog lacks, leaves empty or marks fuzzy."""
    missing = []
    for msgid in sorted(template):
        message = catalog.get(msgid)
        if message is None or not message.string or message.fuzzy:
            missing.append(msgid)
    return missing


def compiled(catalog: Catalog) -> bytes:
    output = io.BytesIO()
    write_mo(output, catalog)
    return output.getvalue()


def french_catalog() -> Catalog:
    with open(FRENCH / "claimkb.po", "rb") as po:
        return read_po(po, locale="fr")


def test_the_extractor_finds_the_marked_messages():
    found = extracted_ids()
    # a label of a view, a message id marked in core, a lazy one, a generated page's title
    assert {"Claimed by", "different scope", "Claim index", "Figures by metric and scope"} <= found


def test_every_message_has_a_french_translation():
    assert untranslated(extracted_ids(), french_catalog()) == []


def test_the_committed_mo_is_the_compiled_po():
    # the .mo Sphinx reads is the .po's compilation (`pybabel compile`), not an older one
    assert (FRENCH / "claimkb.mo").read_bytes() == compiled(french_catalog())


def test_the_checks_fail_on_a_stale_catalog():
    catalog = french_catalog()
    catalog.delete("Claimed by")
    catalog["Status"].flags.add("fuzzy")
    assert untranslated(extracted_ids() | {"A label added today"}, catalog) == [
        "A label added today",
        "Claimed by",
        "Status",
    ]
    assert compiled(catalog) != (FRENCH / "claimkb.mo").read_bytes()
