"""The "last updated" date of generated pages.

sphinx-last-updated-by-git dates every page from the last commit of its source file. A generated
page (`claimkb_pages_dir`) has no source in git: its stub is written at every build. It is built
from the ledger, so it takes the date of the ledger's last commit: of the collections and of the
pages that write claims. Without git, in a shallow clone or outside a repository, it gets no
date (the extension itself warns about the pages it dates).
"""

from __future__ import annotations

import subprocess
from pathlib import Path

from .domain import claim_domain
from .env_registry import registry_of

#: runs after sphinx-last-updated-by-git's own env-updated handler (the default priority, 500)
AFTER_GIT_DATES = 600


def ledger_commit_time(srcdir: Path, files: list[Path]) -> int | None:
    """The time of the last commit that touched any of `files`; None without a usable history."""
    if not files:
        return None

    def git(*arguments: str) -> str:
        return subprocess.run(
            ["git", *arguments], cwd=srcdir, capture_output=True, check=True, text=True
        ).stdout.strip()

    try:
        if git("rev-parse", "--is-shallow-repository") == "true":
            return None  # the last commit of a file may be older than the history kept
        found = git("log", "-1", "--format=%ct", "--", *(str(f) for f in files))
    except (OSError, subprocess.CalledProcessError):
        return None
    return int(found) if found.isdigit() else None


def date_generated_pages(app, env) -> list[str]:
    """env-updated: the generated pages' dates; the pages whose date changed are rewritten."""
    dates = getattr(env, "git_last_updated", None)
    pages_dir = app.config.claimkb_pages_dir
    if dates is None or not pages_dir:
        return []
    domain = claim_domain(env)
    files = [Path(p) for p in registry_of(env).files]
    files += [Path(env.doc2path(doc)) for doc in sorted(domain.data["claims"])]
    stamp = ledger_commit_time(Path(app.srcdir), files)
    changed = []
    for docname in sorted(env.found_docs):
        if not docname.startswith(pages_dir + "/"):
            continue
        dated = (stamp, False)  # as the extension keeps a page it could not date: (None, False)
        if dates.get(docname) != dated:
            dates[docname] = dated
            changed.append(docname)
    return changed


def setup_last_updated(app) -> None:
    app.connect("env-updated", date_generated_pages, priority=AFTER_GIT_DATES)
