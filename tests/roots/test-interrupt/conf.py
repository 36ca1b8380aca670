import os
from pathlib import Path

import claimkb

extensions = ["myst_parser", "claimkb"]
nitpicky = True
claimkb_schema_dir = str(Path(claimkb.__file__).resolve().parents[2] / "schema")
claimkb_collections_dir = "claims"


def _die_while_writing(app, pagename, templatename, context, doctree):
    """Simulates a build killed mid-write: the process dies as it writes the named page."""
    if os.environ.get("KILL_WHILE_WRITING") == pagename:
        os._exit(9)


def setup(app):
    app.connect("html-page-context", _die_while_writing)
