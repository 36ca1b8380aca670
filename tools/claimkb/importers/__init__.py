"""Importers of external data sets into claims collections, one package per data set.

An importer reads a published data set and writes a collection of claims that validates like
any other; it never redefines what the knowledge base already has. Like `core`, it imports no
Sphinx, docutils or MyST (`tests/test_architecture.py`).
"""
