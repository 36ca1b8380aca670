"""claimkb: structured, sourced claims for Sphinx — the AI Cost Ledger's engine.

Layers, each a folder, imports pointing one way: `core` (no Sphinx), `myst` (reads pages),
`views` (records to nodes), `sphinx_ext` (the extension) and `cli` (the command line).
"""

from __future__ import annotations

__version__ = "0.1.0"


def setup(app):
    """`extensions = ["claimkb"]` in a Sphinx `conf.py`."""
    from .sphinx_ext import setup as setup_extension

    return setup_extension(app)
