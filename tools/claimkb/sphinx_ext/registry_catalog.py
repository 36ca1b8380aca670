"""Registry texts in the build's language (see `core.registry_texts` for which texts).

With the `gettext` builder (`make gettext`), every text joins the `claimkb-registry` catalog, so
`_build/gettext/claimkb-registry.pot` is written next to the pages' templates and a translator
updates `<locale_dirs>/<lang>/LC_MESSAGES/claimkb-registry.po` with `sphinx-intl update` as for
any page. With another builder and a language other than English, the registry is replaced,
before anything shows it, by its translation read from that catalog's `.mo` (compiled here from
the `.po` when it is missing or older, as Sphinx compiles the pages' catalogs): names, tooltips,
definitions and descriptions then read translated everywhere. A text the catalog lacks stays
English. A collection's claims (their titles and statements) go the same way through the
collection's own catalog, `<locale_dirs>/<lang>/LC_MESSAGES/claims/<collection>.po`.
"""

from __future__ import annotations

import gettext
from collections.abc import Callable
from pathlib import Path

from sphinx.application import Sphinx
from sphinx.builders.gettext import MsgOrigin
from sphinx.util.i18n import CatalogRepository

from ..core.language import current_locale
from ..core.registry_texts import (
    CLAIMS_CATALOGS,
    REGISTRY_CATALOG,
    catalog_of,
    translatable_texts,
    translated_registry,
)
from .env_registry import registry_of, set_registry


def registry_translations(app: Sphinx) -> dict[str, Callable[[str], str]]:
    """The language's `claimkb-registry` catalog and collections' catalogs (`claims/...`) from
    the project's `locale_dirs`: catalog name -> its translation function."""
    if current_locale() is None:
        return {}
    repository = CatalogRepository(
        app.srcdir, app.config.locale_dirs, app.config.language, app.config.source_encoding
    )
    found: dict[str, Callable[[str], str]] = {}
    for catalog in repository.catalogs:
        domain = catalog.domain
        if domain != REGISTRY_CATALOG and not domain.startswith(CLAIMS_CATALOGS + "/"):
            continue
        if catalog.is_outdated():
            catalog.write_mo(app.config.language, app.config.gettext_allow_fuzzy_translations)
        if Path(catalog.mo_path).is_file():
            with open(catalog.mo_path, "rb") as compiled:
                found[domain] = gettext.GNUTranslations(compiled).gettext
    return found


def on_builder_inited(app: Sphinx) -> None:
    """After the registry is loaded (priority 500), before the generated pages' stubs (600)."""
    registry = registry_of(app.env)
    if app.builder.name == "gettext":
        for text, record, field in translatable_texts(registry):
            origin = MsgOrigin(record.location.path, record.location.line_of(field))
            app.builder.catalogs[catalog_of(record)].add(text, origin)
        return
    translations = registry_translations(app)
    if translations:
        set_registry(app.env, translated_registry(registry, translations))


def setup_registry_catalog(app: Sphinx) -> None:
    app.connect("builder-inited", on_builder_inited, priority=550)
