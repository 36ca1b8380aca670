import os
from pathlib import Path

extensions = ["myst_parser", "claimkb"]
nitpicky = True
html_theme = "furo"
# the site's own templates: the language switcher, the hreflang links, the untranslated note
templates_path = [str(Path(os.environ["CLAIMKB_SCHEMA_DIR"]).parent / "docs" / "_templates")]
claimkb_schema_dir = os.environ["CLAIMKB_SCHEMA_DIR"]
claimkb_collections_dir = "claims"
locale_dirs = ["locales/"]
gettext_compact = False
claimkb_editions = {
    "en": {"name": "English", "root": ""},
    "fr": {"name": "Français", "root": "fr/"},
}
