"""The registry's texts a translator translates, and the registry as another language shows it.
No Sphinx here.

One source of truth: the collections stay English, and each text readers see of a metric, scope,
method, entity or declared unit (its name, unit words, definition or description, what it
includes and excludes; a unit's singular and plural) is a message id of the `claimkb-registry`
gettext catalog. Entity names are proper nouns and stay as written. A collection's claims are
translated like a page's: their titles and statements are the message ids of the collection's own
catalog (`claims/token-prices` for `claims/token-prices.yaml`), as a page's claims are messages of
the page's catalog; a collection whose catalog is still empty shows its claims in English.
`sphinx_ext.registry_catalog` writes the catalogs' templates and reads their translations.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from dataclasses import replace
from pathlib import PurePath

from .records import Record
from .registry import Registry

#: the catalog's name: `locales/<lang>/LC_MESSAGES/claimkb-registry.po`
REGISTRY_CATALOG = "claimkb-registry"
#: record type -> the fields of it that are translated (a text, or a list of texts)
TRANSLATED_FIELDS = {
    "metric": ("name", "unit_text", "definition", "includes", "excludes"),
    "scope": ("name", "definition", "includes", "excludes"),
    "method": ("name", "definition", "includes", "excludes"),
    "entity": ("description",),
    "unit": ("singular", "plural", "description"),
    "claim": ("title", "text"),
}
#: the folder of the collections' catalogs: `locales/<lang>/LC_MESSAGES/claims/<collection>.po`
CLAIMS_CATALOGS = "claims"


def catalog_of(record: Record) -> str:
    """The catalog of a record's texts: a collection's claims have their collection's
    (`claims/token-prices`), every other record the registry's."""
    if record.type == "claim":
        return f"{CLAIMS_CATALOGS}/{PurePath(record.location.path).stem}"
    return REGISTRY_CATALOG


def translatable_texts(registry: Registry) -> Iterator[tuple[str, Record, str]]:
    """(text, record, field) of every registry text to translate, in the collections' order."""
    for record in registry.records:
        for field in TRANSLATED_FIELDS.get(record.type, ()):
            value = record.get(field)
            texts = value if isinstance(value, list) else [value]
            for text in texts:
                if isinstance(text, str) and text.strip():
                    yield text, record, field


def translated_registry(
    registry: Registry, translations: Mapping[str, Callable[[str], str]]
) -> Registry:
    """The registry with every translatable text replaced by its translation in its catalog
    (`translations`: catalog name -> translate; a catalog not there leaves its texts English);
    the records keep their ids, types and locations, so every check and link works as in
    English."""
    records = []
    for record in registry.records:
        translate = translations.get(catalog_of(record))
        records.append(_translated(record, translate) if translate else record)
    return replace(registry, records=records, _by_type={})


def _translated(record: Record, translate: Callable[[str], str]) -> Record:
    fields = TRANSLATED_FIELDS.get(record.type, ())
    data = dict(record.data)
    for field in fields:
        value = data.get(field)
        if isinstance(value, str):
            data[field] = translate(value)
        elif isinstance(value, list):
            data[field] = [translate(v) if isinstance(v, str) else v for v in value]
    return replace(record, data=data) if data != record.data else record
