import os

project = "Summaries"
extensions = ["myst_parser", "claimkb"]
myst_enable_extensions = ["colon_fence"]
nitpicky = True
claimkb_schema_dir = os.environ["CLAIMKB_SCHEMA_DIR"]
claimkb_collections_dir = "claims"
claimkb_pages_dir = "kb"
