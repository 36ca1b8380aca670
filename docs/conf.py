"""Sphinx configuration of the AI Cost Ledger."""

import os

project = "The AI Cost Ledger"
author = "The AI Cost Ledger contributors"
copyright = "2026, The AI Cost Ledger contributors. Epoch AI data: CC-BY, Epoch AI"

# claimkb.bench.page: the tables of reference/benchmark.md, from the results of `make bench`
# sphinx_last_updated_by_git: "Last updated" on every page, from the last commit of its source
# (generated pages: of the ledger, claimkb.sphinx_ext.last_updated)
extensions = [
    "myst_parser",
    "sphinx_design",
    "claimkb",
    "claimkb.bench.page",
    "sphinx_last_updated_by_git",
]

root_doc = "index"
# locales/: the translations' catalogs and their glossary (locales/fr/glossary.md), not pages
exclude_patterns = ["_build", "Thumbs.db", ".DS_Store", "locales"]
myst_enable_extensions = ["colon_fence", "deflist"]
myst_heading_anchors = 3
nitpicky = True

html_theme = "furo"
html_title = "The AI Cost Ledger"
html_static_path = ["_static"]  # the social card image, favicon.svg
# pages that moved: a redirect at the old address (reference/entities and reference/sources are
# now the knowledge base's entities and sources pages)
html_extra_path = ["_redirects"]
html_css_files = ["editions.css"]  # the language switcher (_templates/editions.html)
html_favicon = "_static/favicon.svg"
templates_path = ["_templates"]  # the language switcher and the hreflang links (page.html)
# The date of the last commit of each page's source, in UTC so that every machine writes the same
# bytes. A shallow clone (Read the Docs fetches the full history first, .readthedocs.yaml) cannot
# date its pages: they show no date rather than a wrong one; so does a copy of the sources outside
# git (an exported archive, the bench's copies), which would otherwise warn once per folder.
html_last_updated_fmt = "%Y-%m-%d"
git_last_updated_timezone = "UTC"
suppress_warnings = ["git.too_shallow", "git.subprocess_error"]

# "Edit this page" links (furo) to the page's source in the hosted repository. No address is written
# here: CLAIMKB_SOURCE_REPOSITORY (an https://github.com/OWNER/REPO, GitLab or Bitbucket address) and
# CLAIMKB_SOURCE_BRANCH (default main) set it; on Read the Docs and in GitHub Actions the repository
# being built is used. Without one, pages have no edit link. See CONTRIBUTING.md.
_clone_url = os.environ.get("READTHEDOCS_GIT_CLONE_URL", "")
_github = os.environ.get("GITHUB_REPOSITORY", "")
_source_repository = (
    os.environ.get("CLAIMKB_SOURCE_REPOSITORY")
    or (_clone_url.removesuffix(".git") if _clone_url.startswith("https://") else "")
    or (f"{os.environ.get('GITHUB_SERVER_URL', 'https://github.com')}/{_github}" if _github else "")
)
html_theme_options = {
    "source_repository": _source_repository,
    "source_branch": os.environ.get("CLAIMKB_SOURCE_BRANCH", "main"),
    "source_directory": "docs/",
} if _source_repository else {}

# The site's public address, for canonical links, the sitemap, OpenGraph's absolute URLs and the
# claims' share pages. No address is written here: CLAIMKB_BASE_URL sets it (a GitHub Pages site,
# say); on Read the Docs, READTHEDOCS_CANONICAL_URL (language and version included). Without one
# the build writes no absolute URL and no sitemap. See CONTRIBUTING.md.
html_baseurl = os.environ.get("CLAIMKB_BASE_URL") or os.environ.get("READTHEDOCS_CANONICAL_URL", "")
sitemap_excludes = ["search.html", "genindex.html"]
ogp_image = "_static/social-card.png"  # one card for every page, 1200 x 630

# The search: Pagefind's index of every page and claim (search.html?q=...), in sections a reader can
# filter by; contributor pages are left out of results unless a reader asks for them.
claimkb_search = "pagefind"
claimkb_search_sections = {
    "contributors": ["guide/*", "reference/architecture", "reference/benchmark",
                     "reference/schema", "reference/finding-codes"],
    "knowledge-base": ["reference/entities", "reference/definitions", "reference/sources",
                       "data/*"],
}

# The claim engine reads these (paths relative to this file).
claimkb_schema_dir = "../schema"
claimkb_collections_dir = "../claims"
# Generated pages (one per entity, metric and scope, source...) are written here at every build;
# index.md links their five listings (kb/entities, kb/metrics, kb/sources, kb/disputes, kb/timeline;
# kb/index lists the five, for sites that link one page).
claimkb_pages_dir = "kb"
# The pages written for readers (globs of page names): `claimkb lint` flags developers' words in
# them (ids, file names, commits, inline code). The guide and the reference are for contributors.
claimkb_reader_pages = ["index", "explainers/*", "data/*"]

# Translations (Sphinx's gettext catalogs, kept up to date with sphinx-intl; see CONTRIBUTING.md).
# One build per language, as Read the Docs hosts translations: it sets READTHEDOCS_LANGUAGE, and
# `make html-fr` passes `-D language=fr`. One catalog per page (`gettext_compact = False`), so a
# translator works page by page and a page is "translated" when its own catalog is.
language = os.environ.get("READTHEDOCS_LANGUAGE", "en")
locale_dirs = ["locales/"]
gettext_compact = False
gettext_uuid = False
# No smart quotes in French: the translations type their own (« », ’), and docutils' French quotes
# would turn the apostrophe of English text left untranslated ("the labs' money") into a "”".
smartquotes_excludes = {"languages": ["ja", "zh_CN", "zh_TW", "fr"], "builders": ["man", "text"]}
# The editions of the site: language -> its name and the folder of its root, relative to the folder
# that holds every edition (English at `/`, French at `/fr/`; on Read the Docs, `/en/<version>/` and
# `/fr/<version>/`). The language switcher and the hreflang links are built from it.
_rtd_version = os.environ.get("READTHEDOCS_VERSION", "")
claimkb_editions = {
    lang: {"name": name, "root": f"{lang}/{_rtd_version}/" if _rtd_version else root}
    for lang, name, root in (("en", "English", ""), ("fr", "Français", "fr/"))
}

# The site's name and copyright line in the edition's language: the header, the phone's top bar,
# each page's <title> and footer. `-D language=fr` is applied after this file is read, so they are
# set once the configuration is complete.
_EDITION_WORDS = {
    "fr": {
        "project": "Le registre des coûts de l’IA",
        "html_title": "Le registre des coûts de l’IA",
        "copyright": "2026, les contributeurs du registre des coûts de l’IA. "
        "Données d’Epoch AI : CC-BY, Epoch AI",
    },
}


def _edition_words(app, config):
    for name, value in _EDITION_WORDS.get(config.language, {}).items():
        config[name] = value


def setup(app):
    app.connect("config-inited", _edition_words)
