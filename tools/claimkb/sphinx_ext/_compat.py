"""Every use of a private Sphinx attribute, each behind a guard that fails with a clear message
when a Sphinx release changes it (claimkb is tested with the Sphinx pinned in pyproject.toml)."""

from __future__ import annotations

from sphinx.environment import BuildEnvironment
from sphinx.errors import ExtensionError


def _changed(what: str) -> ExtensionError:
    import sphinx

    return ExtensionError(
        f"claimkb cannot reach {what} in Sphinx {sphinx.__version__}; it was written for the "
        "Sphinx pinned in pyproject.toml: install that version, or report this"
    )


def builder_of(env: BuildEnvironment):
    """The running builder, as Sphinx's own ReferencesResolver reaches it (`env._app.builder`):
    post-transforms resolve links and write charts with it."""
    app = getattr(env, "_app", None)
    builder = getattr(app, "builder", None)
    if builder is None:
        raise _changed("the builder from the environment (env._app.builder)")
    return builder


def search_index_entries(indexer) -> dict:
    """The search index's entries by page (Sphinx 9: docname -> [(entry, id, "main" or "")]),
    which claimkb completes from the domain (see `search.add_search_terms`)."""
    entries = getattr(indexer, "_index_entries", None)
    if not isinstance(entries, dict):
        raise _changed("the search index's entries (IndexBuilder._index_entries)")
    return entries
