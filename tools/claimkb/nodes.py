"""Neutral doctree nodes; `render` turns them into cards and tables for every builder."""

from docutils import nodes


class claim_node(nodes.General, nodes.Element):
    """A claim; attribute `record` holds its Record, children its parsed statement."""


class registry_node(nodes.General, nodes.Element):
    """A list of registry records of one type (`rtype`), rendered at write time."""
