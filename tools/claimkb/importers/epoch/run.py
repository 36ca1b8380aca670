"""Epoch AI's CSV files to the text of a collection, for `claimkb import epoch`: what the command
line calls between reading the knowledge base and writing the file."""

from __future__ import annotations

from pathlib import Path

from ...core.records import Record
from ...core.schema import Schemas
from .collection import Imported, build, render
from .data import read_costs, read_full_view


def import_epoch(
    costs_csv: Path, full_view: Path, existing: list[Record], schemas: Schemas
) -> tuple[str, Imported]:
    """The collection's text and what it holds, referencing what `existing` defines. Raises
    `EpochImportError` for input it cannot turn into claims, OSError for a file it cannot read."""
    costs = read_costs(costs_csv)
    infos = read_full_view(full_view, {row.model for row in costs})
    imported = build(costs, infos, existing, str(costs_csv))
    return render(imported, [costs_csv, full_view], schemas), imported
