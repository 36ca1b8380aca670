"""`python -m claimkb.bench`: what claims cost a Sphinx build, measured against plain Sphinx and
sphinx-needs on the same synthetic pages. `generate` writes the knowledge bases, `run` measures."""
