"""claimkb: structured, sourced claims for Sphinx — the AI Cost Ledger's engine."""

from __future__ import annotations

from pathlib import Path

__version__ = "0.1.0"

#: Bump when the data this extension keeps in the environment changes shape.
ENV_VERSION = 2


def setup(app):
    from .build import (
        on_builder_inited,
        on_check_consistency,
        on_env_get_outdated,
        on_env_updated,
        on_warn_missing_reference,
    )
    from .claims_table import setup_claims_table
    from .compare import setup_compare
    from .directives import setup_directives
    from .domain import ClaimDomain
    from .exports import setup_exports
    from .kb_pages import setup_kb_pages
    from .linkcheck import setup_linkcheck
    from .links import setup_links
    from .render import setup_render
    from .roles import setup_roles
    from .schemaref import setup_schemaref
    from .search import setup_search

    app.setup_extension("sphinx_design")
    app.add_config_value("claimkb_schema_dir", "../schema", "env", types=[str])
    app.add_config_value("claimkb_collections_dir", "../claims", "env", types=[str])
    app.add_domain(ClaimDomain)
    setup_directives(app)
    setup_roles(app)
    setup_schemaref(app)
    setup_render(app)
    setup_compare(app)
    setup_claims_table(app)
    setup_kb_pages(app)
    setup_search(app)
    setup_exports(app)
    setup_links(app)
    setup_linkcheck(app)
    app.connect("builder-inited", on_builder_inited)
    app.connect("env-get-outdated", on_env_get_outdated)
    app.connect("env-updated", on_env_updated)
    app.connect("env-check-consistency", on_check_consistency)
    app.connect("warn-missing-reference", on_warn_missing_reference)
    app.connect("config-inited", _add_static)
    return {
        "version": __version__,
        "env_version": ENV_VERSION,
        "parallel_read_safe": True,
        "parallel_write_safe": True,
    }


def _add_static(app, config) -> None:
    # at config-inited, so the saved configuration already holds it (no "configuration changed")
    static = str(Path(__file__).parent / "static")
    if static not in config.html_static_path:
        config.html_static_path.append(static)
    app.add_css_file("claimkb.css")
