"""Registry texts in the build's language (see `core.registry_texts` for which texts).

With the `gettext` builder (`make gettext`), every text joins the `claimkb-registry` catalog, so
`_build/gettext/claimkb-registry.pot` is written next to the pages' templates and a translator
updates `<locale_dirs>/<lang>/LC_MESSAGES/claimkb-registry.po` with `sphinx-intl update` as for
any page. With another builder and a language other than English, the registry is replaced,
before anything shows it, by its translation read from that catalog's `.mo` (compiled here from
the `.po` when it is missing or older, as Sphinx compiles the pages' catalogs): names, tooltips,
definitions and descriptions then read translated everywhere. A text the catalog lacks stays
English.
"""

from __future__ import annotations

import gettext
from pathlib import Path

from sphinx.application import Sphinx
from sphinx.builders.gettext import MsgOrigin
from sphinx.util.i18n import CatalogRepository

from ..core.language import current_locale
from ..core.registry_texts import REGISTRY_CATALOG, translatable_texts, translated_registry


def registry_translation(app: Sphinx) -> gettext.GNUTranslations | None:
    """The language's `claimkb-registry` catalog from the project's `locale_dirs`, if any."""
    if current_locale() is None:
        return None
    repository = CatalogRepository(
        app.srcdir, app.config.locale_dirs, app.config.language, app.config.source_encoding
    )
    for catalog in repository.catalogs:
        if catalog.domain != REGISTRY_CATALOG:
            continue
        if catalog.is_outdated():
            catalog.write_mo(app.config.language, app.config.gettext_allow_fuzzy_translations)
        if Path(catalog.mo_path).is_file():
            with open(catalog.mo_path, "rb") as compiled:
                return gettext.GNUTranslations(compiled)
    return None


def on_builder_inited(app: Sphinx) -> None:
    """After the registry is loaded (priority 500), before the generated pages' stubs (600)."""
    registry = app.env.claimkb_registry
    if app.builder.name == "gettext":
        catalog = app.builder.catalogs[REGISTRY_CATALOG]
        for text, record, field in translatable_texts(registry):
            catalog.add(text, MsgOrigin(record.location.path, record.location.line_of(field)))
        return
    translation = registry_translation(app)
    if translation is not None:
        app.env.claimkb_registry = translated_registry(registry, translation.gettext)


def setup_registry_catalog(app: Sphinx) -> None:
    app.connect("builder-inited", on_builder_inited, priority=550)
