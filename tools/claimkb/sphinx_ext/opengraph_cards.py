"""sphinxext-opengraph without its social cards, until a configuration asks for them.

sphinxext-opengraph 0.13 imports its social-card module as it is imported, and with it matplotlib:
over a second of every build's start-up, a one-claim edit's rebuild included, for cards this site
never draws (one image, `ogp_image`, serves every page; `sharing.configure` turns the cards off
unless `ogp_social_cards` asks for them). So the extension is imported with that module stood in
for by a placeholder that offers no cards (what sphinxext-opengraph does without matplotlib, minus
its message), and the real module is imported at config-inited only when cards are asked for.
"""

from __future__ import annotations

import importlib
import sys
import types

from sphinx.application import Sphinx

OPENGRAPH = "sphinxext.opengraph"
#: the module sphinxext-opengraph imports `DEFAULT_SOCIAL_CONFIG` and `create_social_card` from
SOCIAL_CARDS = "sphinxext.opengraph._social_cards"


def import_without_social_cards() -> types.ModuleType:
    """sphinxext-opengraph, imported (if it is not yet) without its social-card module."""
    if OPENGRAPH in sys.modules:
        return sys.modules[OPENGRAPH]
    placeholder = types.ModuleType(SOCIAL_CARDS)
    vars(placeholder).update(DEFAULT_SOCIAL_CONFIG={}, create_social_card=None)
    sys.modules[SOCIAL_CARDS] = placeholder
    try:
        return importlib.import_module(OPENGRAPH)
    finally:
        if sys.modules.get(SOCIAL_CARDS) is placeholder:
            del sys.modules[SOCIAL_CARDS]  # a later import finds the real module


def cards_asked_for(config) -> bool:
    cards = config.ogp_social_cards
    return isinstance(cards, dict) and cards.get("enable", True) is not False


def enable_social_cards_if_asked(app: Sphinx, config) -> None:
    """config-inited: with `ogp_social_cards` asking for cards, give sphinxext-opengraph its real
    social-card module (which needs matplotlib, as it always does)."""
    opengraph = sys.modules.get(OPENGRAPH)
    if opengraph is None or not cards_asked_for(config):
        return
    if getattr(opengraph, "create_social_card", None) is not None:
        return  # imported with its cards (by the project's own configuration, say)
    try:
        cards = importlib.import_module(SOCIAL_CARDS)
    except ImportError:
        return  # no matplotlib: no cards, as sphinxext-opengraph itself does without it
    vars(opengraph).update(
        create_social_card=cards.create_social_card,
        DEFAULT_SOCIAL_CONFIG=cards.DEFAULT_SOCIAL_CONFIG,
    )


def setup_opengraph(app: Sphinx) -> None:
    import_without_social_cards()
    app.setup_extension(OPENGRAPH)
    app.connect("config-inited", enable_social_cards_if_asked)
