"""One helper through which every finding reaches Sphinx's log, typed and located."""

from __future__ import annotations

from sphinx.util import logging

from ..core.records import Finding

logger = logging.getLogger("claimkb")


def log_finding(finding: Finding) -> None:
    """A warning `path:line: <text> [claim.<code>]`, silenced by `suppress_warnings`."""
    logger.warning(
        finding.text(),
        type="claim",
        subtype=str(finding.code),
        location=f"{finding.path}:{finding.line}",
    )
