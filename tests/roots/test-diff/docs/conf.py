# A project laid out like the repository (docs/, claims/; the test copies schema/ beside them),
# for `claimkb diff`: the tests commit it in a git repository, change it and compare.
extensions = ["myst_parser", "claimkb"]
myst_enable_extensions = ["colon_fence"]
nitpicky = True
exclude_patterns = ["_build", "drafts"]
claimkb_pages_dir = "kb"
