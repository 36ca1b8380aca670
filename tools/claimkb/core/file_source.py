"""Where a knowledge base's files are read from: the disk (the build, `claimkb validate`), or
another source with the same two operations (a git revision, for `claimkb diff`)."""

from __future__ import annotations

from pathlib import Path
from typing import Protocol

from .collection_reader import read_text


class FileSource(Protocol):
    def glob(self, directory: Path, pattern: str) -> list[Path]:
        """The files of `directory` (not below) whose names match `pattern`, sorted."""

    def read_text(self, path: Path) -> str:
        """The file's text, as `collection_reader.read_text` gives it (CollectionError if it
        cannot be read or decoded)."""


class DiskFiles:
    """Files on the disk."""

    def glob(self, directory: Path, pattern: str) -> list[Path]:
        return sorted(directory.glob(pattern)) if directory.is_dir() else []

    def read_text(self, path: Path) -> str:
        return read_text(path)


DISK = DiskFiles()
