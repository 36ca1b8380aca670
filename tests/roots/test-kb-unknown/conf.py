import os

extensions = ["myst_parser", "claimkb"]
nitpicky = True
claimkb_schema_dir = os.environ["CLAIMKB_SCHEMA_DIR"]
claimkb_collections_dir = "claims"
