# A project laid out like the repository (docs/, claims/; the test copies schema/ beside them),
# with one mistake of each kind: `claimkb validate` and the build must report the same findings.
extensions = ["myst_parser", "claimkb"]
myst_enable_extensions = ["colon_fence", "deflist"]
nitpicky = True
exclude_patterns = ["drafts"]
