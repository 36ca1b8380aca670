"""Epoch AI's CSV files read for `claimkb import epoch`: the costs (`model_costs.csv`) and each
model's organizations and publication date (`all_ml_systems_full_view.csv`), with located errors."""

from __future__ import annotations

import csv
import math
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TextIO

#: (CSV column, method id, id suffix, words for the title)
COST_COLUMNS = (
    ("Cloud_Cost", "cloud-rental-equivalent", "cloud", "cloud-rental equivalent"),
    ("Hardware_Acquisition_Cost", "hardware-acquisition", "hardware", "hardware acquisition cost"),
    (
        "Hardware_Capex_Energy_Cost",
        "amortized-hardware-energy",
        "amortized",
        "amortized hardware and energy",
    ),
)
FULL_VIEW_COLUMNS = ("Model", "Organization", "Publication date", "Organization categorization")
ENTITY_TYPES = {"Industry": "company", "Government": "government"}


class EpochImportError(Exception):
    """Input the importer cannot turn into claims; `path:line` says where. `clash` when the
    input is fine but the knowledge base already uses a name the import needs."""

    def __init__(
        self, message: str, path: str = "", line: int = 0, hint: str = "", clash: bool = False
    ):
        super().__init__(message)
        self.message, self.path, self.line, self.hint = message, path, line, hint
        self.clash = clash

    def text(self) -> str:
        where = (
            f"{self.path}:{self.line}: " if self.line else (f"{self.path}: " if self.path else "")
        )
        hint = f" (hint: {self.hint})" if self.hint else ""
        return f"{where}{self.message}{hint}"


@dataclass(frozen=True)
class CostRow:
    model: str
    line: int
    cells: tuple[tuple[str, float], ...]  # (column, value) of each non-empty cost cell


@dataclass(frozen=True)
class ModelInfo:
    organizations: tuple[str, ...]
    categories: tuple[str, ...]
    published: str


def read_costs(path: Path) -> list[CostRow]:
    rows: list[CostRow] = []
    seen: dict[str, int] = {}
    where = str(path)
    with _open_csv(path) as handle:
        reader = csv.DictReader(handle)
        _require_columns(
            reader,
            ("Model", *(c[0] for c in COST_COLUMNS)),
            where,
            "expected Model,Cloud_Cost,Hardware_Acquisition_Cost,Hardware_Capex_Energy_Cost",
        )
        for record in _records(reader, where):
            model = (record["Model"] or "").strip()
            if not model:
                raise EpochImportError("a row has no model name", where, reader.line_num)
            if model in seen:
                raise EpochImportError(
                    f"model {model!r} appears twice",
                    where,
                    reader.line_num,
                    f"first at line {seen[model]}",
                )
            seen[model] = reader.line_num
            cells = []
            for column, *_ in COST_COLUMNS:
                text = (record[column] or "").strip()
                if text:
                    cells.append((column, _number(text, where, reader.line_num, column)))
            rows.append(CostRow(model, reader.line_num, tuple(cells)))
    return rows


def read_full_view(path: Path, models: set[str]) -> dict[str, ModelInfo]:
    """Organizations and publication date of the wanted models."""
    found: dict[str, ModelInfo] = {}
    where = str(path)
    with _open_csv(path) as handle:
        reader = csv.DictReader(handle)
        _require_columns(
            reader, FULL_VIEW_COLUMNS, where, "is this Epoch AI's all_ml_systems_full_view.csv?"
        )
        for record in _records(reader, where):
            model = (record["Model"] or "").strip()
            if model not in models:
                continue
            info = ModelInfo(
                tuple(_split(record["Organization"])),
                tuple(_split(record["Organization categorization"])),
                (record["Publication date"] or "").strip(),
            )
            if model in found and found[model] != info:
                raise EpochImportError(
                    f"model {model!r} appears twice with different data", where, reader.line_num
                )
            if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", info.published):
                raise EpochImportError(
                    f"model {model!r} has no publication date as YYYY-MM-DD "
                    f"(found {info.published!r})",
                    where,
                    reader.line_num,
                )
            found[model] = info
    return found


def _require_columns(
    reader: csv.DictReader[str], columns: Iterable[str], where: str, hint: str
) -> None:
    missing = [c for c in columns if c not in (reader.fieldnames or [])]
    if missing:
        raise EpochImportError(f"missing column(s) {', '.join(missing)}", where, 1, hint)


def _number(text: str, path: str, line: int, column: str) -> float:
    try:
        value = float(text)
    except ValueError:
        raise EpochImportError(f"{column}: {text!r} is not a number", path, line) from None
    if not math.isfinite(value):
        raise EpochImportError(f"{column}: {text!r} is not a finite number", path, line)
    return value


def _split(text: str | None) -> list[str]:
    return [part.strip() for part in (text or "").split(",") if part.strip()]


def _records(reader: csv.DictReader[str], where: str) -> Iterator[dict[str, str]]:
    try:
        yield from reader
    except csv.Error as error:
        raise EpochImportError(f"not valid CSV: {error}", where, reader.line_num) from None
    except UnicodeDecodeError:
        raise EpochImportError(
            "not valid UTF-8", where, reader.line_num + 1, "save the file as UTF-8"
        ) from None


def _open_csv(path: Path) -> TextIO:
    try:
        return path.open(encoding="utf-8-sig", newline="")
    except OSError as error:
        raise EpochImportError(f"cannot read file: {error.strerror or error}", str(path)) from None
