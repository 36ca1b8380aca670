import os

project = "Browser test site"
extensions = ["myst_parser", "claimkb"]
myst_enable_extensions = ["colon_fence"]
nitpicky = True
html_theme = "furo"
claimkb_schema_dir = os.environ["CLAIMKB_SCHEMA_DIR"]
claimkb_collections_dir = "claims"
claimkb_pages_dir = "kb"
# a site without an icon makes Chromium log a 404 for /favicon.ico on every page
html_favicon = "favicon.svg"
