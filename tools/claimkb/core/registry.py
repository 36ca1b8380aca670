"""The knowledge base's collections: every `claims/*.yaml` file, read and checked per record."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TypeAlias

from .collection_reader import CollectionError
from .collection_records import load_collection
from .file_source import DISK, FileSource
from .records import Finding, JSONValue, Record
from .schema import Schemas
from .units import Declared, declared_units, display_unit
from .validate import check_record, valid_part

#: A collection's records and findings, as `load_registry` keeps them between calls: by
#: ("collection", the schemas' digest, the file's path, the SHA-256 of its text)
CollectionMemo: TypeAlias = dict[tuple[str, str, str, str], tuple[list[Record], list[Finding]]]


@dataclass
class Registry:
    schemas: Schemas
    files: list[Path] = field(default_factory=list)
    records: list[Record] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)
    _by_type: dict[str, dict[str, Record]] = field(default_factory=dict, repr=False)
    _by_collection: dict[str, list[Record]] = field(default_factory=dict, repr=False)
    _declared: Declared | None = field(default=None, repr=False)

    def __getstate__(self) -> dict[str, object]:
        # compiled validators do not pickle; the registry is reloaded at every build anyway
        return {**self.__dict__, "schemas": None}

    def of_type(self, rtype: str) -> dict[str, Record]:
        """Records of one type by id; where an id is duplicated the first one read wins.

        Computed once: a registry is not changed after `load_registry`. Do not modify."""
        if rtype not in self._by_type:
            found: dict[str, Record] = {}
            for record in self.records:
                if record.type == rtype and record.id:
                    found.setdefault(record.id, record)
            self._by_type[rtype] = found
        return self._by_type[rtype]

    @property
    def declared_units(self) -> Declared:
        """The units the collections declare (`units:` lists), which metrics may use; read once
        (views ask it of every money figure)."""
        if self._declared is None:
            self._declared = declared_units(self.of_type("unit").values())
        return self._declared

    def unit_of(self, metric_id: JSONValue) -> str:
        """The unit of a metric as readers see it ("" when the metric is unknown or gives none)."""
        metric = self.of_type("metric").get(metric_id) if isinstance(metric_id, str) else None
        return display_unit(metric, self.declared_units)

    def name_of(self, rtype: str, rid: str) -> str:
        """What a reader calls a record: its name (or title), else its id."""
        record = self.of_type(rtype).get(rid)
        return (record.get("name") or record.get("title") or rid) if record else rid

    def claims_of(self, collection: str) -> list[Record]:
        """The claims of `claims/<collection>.yaml`, in the file's order. Do not modify."""
        if not self._by_collection:
            for record in self.records:
                if record.type == "claim":
                    stem = Path(record.location.path).stem
                    self._by_collection.setdefault(stem, []).append(record)
        return self._by_collection.get(collection, [])

    def fingerprint(self) -> str:
        digest = hashlib.sha256()
        for record in self.records:
            digest.update(
                json.dumps([record.type, record.id, record.data], sort_keys=True).encode()
            )
        return digest.hexdigest()


def load_registry(
    directory: Path,
    schemas: Schemas,
    files: FileSource = DISK,
    memo: CollectionMemo | None = None,
) -> Registry:
    """Every collection of `directory`, read from the disk unless another source is given.

    `memo` keeps each file's records and findings between calls, by path, text and schemas:
    `claimkb diff` reads two versions of a project, and a file the change leaves alone is read
    once."""
    registry = Registry(schemas, files=files.glob(directory, "*.yaml"))
    for path in registry.files:
        records, findings = _load_checked(path, schemas, files, memo)
        registry.records.extend(records)
        registry.findings.extend(findings)
    return registry


def _load_checked(
    path: Path, schemas: Schemas, files: FileSource, memo: CollectionMemo | None
) -> tuple[list[Record], list[Finding]]:
    if memo is None:
        return _checked(path, schemas, files.read_text)
    try:
        text = files.read_text(path)
    except CollectionError:
        return _checked(path, schemas, files.read_text)
    key = ("collection", schemas.digest, str(path), hashlib.sha256(text.encode()).hexdigest())
    if key not in memo:
        memo[key] = _checked(path, schemas, lambda _: text)
    return memo[key]


def _checked(
    path: Path, schemas: Schemas, read: Callable[[Path], str]
) -> tuple[list[Record], list[Finding]]:
    """The collection's records, as views may see them, and its findings then each record's."""
    records, findings = load_collection(path, schemas, read)
    shown = []
    for record in records:
        own = check_record(record, schemas)
        findings = findings + own
        # views are given only valid fields (the one rule, in `valid_part`)
        shown.append(valid_part(record, own))
    return shown, findings
