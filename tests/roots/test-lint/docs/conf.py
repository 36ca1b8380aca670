extensions = ["myst_parser", "claimkb"]
myst_enable_extensions = ["colon_fence"]
nitpicky = True
claimkb_schema_dir = "../schema"
claimkb_collections_dir = "../claims"
# only this page speaks to readers here: its identifiers are findings, index.md's code is not
claimkb_reader_pages = ["readers"]
