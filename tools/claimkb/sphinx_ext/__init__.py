"""The Sphinx extension: config values, the `claim` domain, directives, roles and build events.
Each component has its own `setup_<part>(app)`; this module only wires them."""

from __future__ import annotations

from pathlib import Path

from sphinx.application import Sphinx
from sphinx.config import Config

from .. import __version__
from ..core.prose_checks import READER_PAGES
from ..views.nodes import (
    NEUTRAL_NODES,
    depart_details,
    depart_sort_key,
    details_node,
    sort_key,
    visit_details,
    visit_sort_key,
)
from .chart_directive import setup_chart_directive
from .claim_card import setup_claim_card
from .claim_directives import setup_claim_directives
from .claim_titles import setup_claim_titles
from .claims_table import setup_claims_table
from .compare import setup_compare
from .domain import ClaimDomain, add_index_intro
from .editions import setup_editions
from .events import setup_events
from .exports import setup_exports
from .finding_codes import setup_finding_codes
from .generated_pages import setup_generated_pages
from .language import setup_language
from .last_updated import setup_last_updated
from .latest_figures import setup_latest_figures
from .linkcheck import setup_linkcheck
from .links import setup_links
from .raw_html_messages import setup_raw_html_messages
from .registry_catalog import setup_registry_catalog
from .roles import setup_roles
from .schema_reference import setup_schema_reference
from .search import setup_search
from .sharing import setup_sharing
from .stale_outputs import setup_stale_outputs
from .theme_words import setup_theme_words
from .translation_note import setup_translation_note

#: Bump when the data this extension keeps in the environment changes shape.
ENV_VERSION = 6


def setup(app: Sphinx) -> dict:
    app.setup_extension("sphinx_design")
    app.add_config_value("claimkb_schema_dir", "../schema", "env", types=[str])
    app.add_config_value("claimkb_collections_dir", "../claims", "env", types=[str])
    app.add_config_value("claimkb_pages_dir", "", "env", types=[str])
    # the pages written for readers (globs), where `claimkb lint` flags developers' words
    app.add_config_value("claimkb_reader_pages", list(READER_PAGES), "", types=[list])
    # constant dollars of this year (None: the latest full year of the bundled CPI-U)
    app.add_config_value("claimkb_base_year", None, "env", types=[int, type(None)])
    # False: charts show their tables alone, and no chart is drawn (a quicker preview)
    app.add_config_value("claimkb_charts", True, "env", types=[bool])
    app.add_domain(ClaimDomain)
    for node in NEUTRAL_NODES:
        app.add_node(node)
    app.add_node(sort_key, html=(visit_sort_key, depart_sort_key))
    app.add_node(details_node, html=(visit_details, depart_details))
    setup_language(app)
    setup_claim_directives(app)
    setup_roles(app)
    setup_compare(app)
    setup_claim_card(app)
    setup_claims_table(app)
    setup_chart_directive(app)
    setup_generated_pages(app)
    setup_schema_reference(app)
    setup_finding_codes(app)
    setup_search(app)
    setup_theme_words(app)
    setup_exports(app)
    setup_links(app)
    setup_linkcheck(app)
    setup_sharing(app)
    setup_events(app)
    setup_stale_outputs(app)
    setup_claim_titles(app)
    setup_translation_note(app)
    setup_editions(app)
    setup_raw_html_messages(app)
    setup_registry_catalog(app)
    setup_last_updated(app)
    setup_latest_figures(app)
    app.connect("config-inited", _add_static)
    app.connect("html-page-context", add_index_intro)
    return {
        "version": __version__,
        "env_version": ENV_VERSION,
        "parallel_read_safe": True,
        "parallel_write_safe": True,
    }


def _add_static(app: Sphinx, config: Config) -> None:
    # at config-inited, so the saved configuration already holds it (no "configuration changed")
    static = str(Path(__file__).parent.parent / "static")
    if static not in config.html_static_path:
        config.html_static_path.append(static)
    # the claim index's template, after the site's own (which may replace it)
    templates = str(Path(__file__).parent.parent / "templates")
    if templates not in config.templates_path:
        config.templates_path.append(templates)
    app.add_css_file("claimkb.css")
