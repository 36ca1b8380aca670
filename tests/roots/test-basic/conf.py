from pathlib import Path

extensions = ["myst_parser", "claimkb"]
myst_enable_extensions = ["colon_fence"]
nitpicky = True
claimkb_schema_dir = str(Path(__file__).resolve().parents[3] / "schema")
claimkb_collections_dir = "claims"
