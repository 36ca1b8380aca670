"""A tiny Sphinx extension of the benchmark's projects: which pages a build wrote.

When the environment variable CLAIMKB_BENCH_WRITTEN names a file, every page the HTML builder
writes that is one of the project's documents (not genindex, search...) is appended to it, one
docname a line, and when the build finishes the number of the project's documents is written to
the same name with `.total` added. Without the variable it does nothing, so a project that lists
it still builds as before. Appending is safe from the processes of a `-j N` build: each line is
one small write.
"""

from __future__ import annotations

import os

VARIABLE = "CLAIMKB_BENCH_WRITTEN"
#: the name to list in a project's `extensions`
EXTENSION = __name__


def note_written(app, pagename: str, templatename, context, doctree) -> None:
    target = os.environ.get(VARIABLE)
    if target and pagename in app.env.found_docs:
        with open(target, "a", encoding="utf-8") as out:
            out.write(pagename + "\n")


def note_total(app, exception) -> None:
    target = os.environ.get(VARIABLE)
    if target and exception is None:
        with open(target + ".total", "w", encoding="utf-8") as out:
            out.write(f"{len(app.env.found_docs)}\n")


def setup(app):
    app.connect("html-page-context", note_written)
    app.connect("build-finished", note_total)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
