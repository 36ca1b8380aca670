"""The language readers are shown words in. No Sphinx here.

Core writes some words readers see (value ranges and bounds, dates, reasons two figures are not
comparable). They are English message ids, marked with `N_` so that Babel's extractor puts them in
the `claimkb` catalog, and they go through `gettext`, which is the identity until the Sphinx
extension installs the catalog's translation with `use_language` (core never imports Sphinx).
The command line never calls it: its output stays English.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from babel import Locale, UnknownLocaleError


def N_(message: str) -> str:
    """Marks a message id for extraction; translated later, where it is shown."""
    return message


def _identity(message: str) -> str:
    return message


@dataclass(frozen=True)
class Language:
    #: None for English, the build's default; else a Babel locale ("fr")
    locale: Locale | None = None
    translate: Callable[[str], str] = _identity


_current = [Language()]


def use_language(code: str | None, translate: Callable[[str], str] = _identity) -> None:
    """Show words in `code` (Sphinx's `language`; None or "en": English, as before)."""
    locale = None
    if code and not code.lower().startswith("en"):
        try:
            locale = Locale.parse(code.replace("-", "_"))
        except (ValueError, UnknownLocaleError):
            locale = None
    _current[0] = Language(locale, translate if locale is not None else _identity)


def current_locale() -> Locale | None:
    """The Babel locale of the build, None for English (whose forms predate Babel here)."""
    return _current[0].locale


def gettext(message: str) -> str:
    return str(_current[0].translate(message))
