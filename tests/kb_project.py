"""Projects laid out like the repository (docs/, claims/, schema/), for `claimkb validate` tests."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

from conftest import REPO, ROOTS

WARNING = re.compile(r"^(?P<path>.+?):(?P<line>\d+): WARNING: (?P<text>.*) \[(?P<type>[\w.-]+)\]$")


def copy_project(name: str, dest: Path) -> Path:
    """`tests/roots/test-<name>` (with `docs/` and `claims/`) plus the repository's `schema/`."""
    target = dest / name
    shutil.copytree(ROOTS / f"test-{name}", target)
    shutil.copytree(REPO / "schema", target / "schema")
    return target


def build_warnings(app) -> list[tuple[Path, int, str, str]]:
    """(path, line, message, type) of every warning a build logged."""
    text = re.sub(r"\x1b\[[0-9;]*m", "", app.warning.getvalue())
    found = []
    for line in text.splitlines():
        matched = WARNING.match(line)
        assert matched or "WARNING" not in line, f"unparsed warning: {line}"
        if matched:
            found.append(
                (
                    Path(matched["path"]).resolve(),
                    int(matched["line"]),
                    matched["text"],
                    matched["type"],
                )
            )
    return found
