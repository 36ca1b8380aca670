"""Sphinx configuration of the AI Cost Ledger."""

project = "The AI Cost Ledger"
author = "The AI Cost Ledger contributors"
copyright = "2026, The AI Cost Ledger contributors. Epoch AI data: CC-BY, Epoch AI"

extensions = ["myst_parser", "sphinx_design", "claimkb"]

root_doc = "index"
exclude_patterns = ["_build", "Thumbs.db", ".DS_Store"]
myst_enable_extensions = ["colon_fence", "deflist"]
myst_heading_anchors = 3
nitpicky = True

html_theme = "furo"
html_title = "The AI Cost Ledger"
html_static_path: list[str] = []
html_last_updated_fmt = None

# The claim engine reads these (paths relative to this file).
claimkb_schema_dir = "../schema"
claimkb_collections_dir = "../claims"
