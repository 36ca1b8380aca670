"""One helper through which every finding reaches Sphinx's log, typed and located."""

from __future__ import annotations

from sphinx.util import logging

from .records import Finding

logger = logging.getLogger("claimkb")

#: Warning subtypes, filterable as `suppress_warnings = ["claim.<subtype>"]`.
SUBTYPES = {
    "schema": "a field breaks the schema (type, required-by-kind, enum, pattern, unknown field)",
    "ref": "a reference to a record or claim that does not exist",
    "duplicate": "an id defined twice",
    "bounds": "low ≤ value ≤ high does not hold",
    "yaml": "a collection file cannot be parsed",
    "file": "a collection file is not a collection",
    "shown": "collection claims that no page shows",
    "html": "raw HTML in a claim's statement",
}


def log_finding(finding: Finding) -> None:
    logger.warning(
        finding.text(),
        type="claim",
        subtype=finding.code,
        location=f"{finding.path}:{finding.line}",
    )
