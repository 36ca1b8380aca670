from pathlib import Path

import claimkb

extensions = ["myst_parser", "claimkb"]
myst_enable_extensions = ["colon_fence"]
nitpicky = True
claimkb_schema_dir = str(Path(claimkb.__file__).resolve().parents[2] / "schema")
claimkb_collections_dir = "claims"
claimkb_pages_dir = "kb"
