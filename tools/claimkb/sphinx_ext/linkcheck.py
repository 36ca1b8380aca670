"""`claimkb_linkcheck_urls_file` (conf value, or `-D claimkb_linkcheck_urls_file=FILE`): the
linkcheck builder checks only the URLs listed in FILE, one a line (every other link is reported
as ignored). `claimkb linkcheck changed BASE` lists the URLs a pull request adds or changes."""

from __future__ import annotations

import re
from pathlib import Path

from sphinx.application import Sphinx
from sphinx.config import Config


def setup_linkcheck(app: Sphinx) -> None:
    app.add_config_value("claimkb_linkcheck_urls_file", "", "", types=[str])
    app.connect("config-inited", _only_listed_urls)


def _only_listed_urls(app: Sphinx, config: Config) -> None:
    if not config.claimkb_linkcheck_urls_file:
        return
    listed = Path(app.confdir, config.claimkb_linkcheck_urls_file)
    urls = [
        line.strip() for line in listed.read_text(encoding="utf-8").splitlines() if line.strip()
    ]
    # linkcheck skips every URL a pattern matches: match all but the listed ones
    alternatives = "|".join(re.escape(url) for url in urls)
    pattern = f"(?!(?:{alternatives})$)" if urls else ""
    config.linkcheck_ignore = [*config.linkcheck_ignore, pattern]
