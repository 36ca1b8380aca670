"""The registry's texts a translator translates, and the registry as another language shows it.
No Sphinx here.

One source of truth: the collections stay English, and each text readers see of a metric, scope,
method, entity or declared unit (its name, unit words, definition or description, what it
includes and excludes; a unit's singular and plural) is a message id of the `claimkb-registry`
gettext catalog. Entity names are proper nouns and stay as written. `sphinx_ext.registry_catalog`
writes the catalog's template and reads its translation.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import replace

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
}


def translatable_texts(registry: Registry) -> Iterator[tuple[str, Record, str]]:
    """(text, record, field) of every registry text to translate, in the collections' order."""
    for record in registry.records:
        for field in TRANSLATED_FIELDS.get(record.type, ()):
            value = record.get(field)
            texts = value if isinstance(value, list) else [value]
            for text in texts:
                if isinstance(text, str) and text.strip():
                    yield text, record, field


def translated_registry(registry: Registry, translate: Callable[[str], str]) -> Registry:
    """The registry with every translatable text replaced by `translate(text)`; the records keep
    their ids, types and locations, so every check and link works as in English."""
    records = [_translated(record, translate) for record in registry.records]
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
