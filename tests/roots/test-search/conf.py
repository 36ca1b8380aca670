from pathlib import Path

import claimkb

extensions = ["myst_parser", "claimkb"]
myst_enable_extensions = ["colon_fence"]
nitpicky = True
# the repository's schemas (test roots are copied elsewhere before they build)
claimkb_schema_dir = str(Path(claimkb.__file__).resolve().parents[2] / "schema")
claimkb_collections_dir = "claims"
claimkb_pages_dir = "kb"
claimkb_search = "pagefind"
claimkb_search_sections = {"contributors": ["guide"]}
