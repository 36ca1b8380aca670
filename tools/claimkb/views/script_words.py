"""The words the site's scripts write (`claimkb-table.js`, `claimkb-cards.js`): sort buttons,
filter boxes, the citation download. They go through the `claimkb` catalog like every word of
the views and reach the scripts as `window.CLAIMKB_WORDS`, in the build's language."""

from __future__ import annotations

import json

from .i18n import N_, _

SCRIPT_WORDS = {
    "sort": N_("Sort by this column"),
    "filter": N_("Filter this table"),
    "filterLabel": N_("Filter the claims in this table"),
    "pageFilter": N_("Filter: a company, a model, a year…"),
    "pageFilterLabel": N_("Filter every table of this page"),
    "citation": N_("Download (CSL-JSON)"),
    "citationTitle": N_("This citation as a file for a reference manager (Zotero, Mendeley…)"),
}


def script_words() -> str:
    """A script that sets `window.CLAIMKB_WORDS` to the words in the build's language."""
    words = {key: _(message) for key, message in SCRIPT_WORDS.items()}
    text = json.dumps(words, ensure_ascii=False, sort_keys=True)
    return "window.CLAIMKB_WORDS = " + text.replace("<", "\\u003c") + ";"
