"""The build's language: the `claimkb` message catalog for every label the extension writes, and
Babel's forms of numbers and dates (`core.language`) for Sphinx's `language`."""

from __future__ import annotations

from pathlib import Path

from sphinx.application import Sphinx

from ..core.language import use_language
from ..views.i18n import MESSAGE_CATALOG, _

#: the package's compiled catalogs: `<lang>/LC_MESSAGES/claimkb.mo`
LOCALE_DIR = Path(__file__).parent.parent / "locale"


def use_build_language(app: Sphinx, *_args) -> None:
    """builder-inited, before anything is formatted (the registry's load, the generated pages'
    stubs), and again before each build of the same application reads."""
    use_language(app.config.language, _)


def back_to_english(app: Sphinx, _exception: BaseException | None) -> None:
    """build-finished, last: the language is global to the process, which may build again or
    format values outside Sphinx (tests, `claimkb` commands)."""
    use_language(None)


def setup_language(app: Sphinx) -> None:
    app.add_message_catalog(MESSAGE_CATALOG, str(LOCALE_DIR))
    app.connect("builder-inited", use_build_language, priority=400)
    app.connect("env-before-read-docs", use_build_language, priority=100)
    app.connect("build-finished", back_to_english, priority=1000)
