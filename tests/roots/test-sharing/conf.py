import os

extensions = ["myst_parser", "claimkb"]
myst_enable_extensions = ["colon_fence"]
nitpicky = True
project = "Sharing & <friends>"
claimkb_schema_dir = os.environ["CLAIMKB_SCHEMA_DIR"]
claimkb_collections_dir = "claims"
# no html_baseurl: the tests that need an address give one (confoverrides)
html_static_path = ["_static"]
ogp_image = "_static/card.png"
sitemap_excludes = ["search.html", "genindex.html"]
