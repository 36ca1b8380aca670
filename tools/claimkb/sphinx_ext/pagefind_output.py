"""Pagefind's bundle, made byte-deterministic: the same documents give the same files.

Pagefind 1.5.2 (the latest release) writes each filter's values, and the list of filters and
sorts of its metadata file, in the order of a randomly seeded hash map, so two builds of the same
site differ (fixed upstream after the release, Pagefind/pagefind#1124). Its other files are
already deterministic. This module puts those lists in order, as the fix does: a filter file's
values by value, the metadata's filters and sorts by name. A changed file gets a new name (the
first characters of its SHA-1, as Pagefind names them), the metadata file names the new filter
files, and `pagefind-entry.json` the new metadata file.

The files are gzip-compressed CBOR after Pagefind's signature (`pagefind_dcd`), read and written
with `cbor2`; the gzip header carries no time, as Pagefind's does not.
"""

from __future__ import annotations

import gzip
import hashlib
import json
from pathlib import Path

import cbor2

SIGNATURE = b"pagefind_dcd"
#: fields of the metadata file (pagefind/src/index/index_metadata.rs: MetaIndex)
META_FILTERS, META_SORTS = 3, 4


def make_deterministic(bundle: Path) -> None:
    entry_path = bundle / "pagefind-entry.json"
    entry = json.loads(entry_path.read_text(encoding="utf-8"))
    languages = entry.get("languages") or {}
    for language in sorted(languages):
        info = languages[language]
        info["hash"] = _order_language(bundle, language, info["hash"])
    entry["languages"] = {language: languages[language] for language in sorted(languages)}
    text = json.dumps(entry, ensure_ascii=False, separators=(",", ":"))
    entry_path.write_text(text, encoding="utf-8")


def _order_language(bundle: Path, language: str, meta_hash: str) -> str:
    """Orders one language's filters and metadata; the metadata file's new hash."""
    meta_path = bundle / f"pagefind.{meta_hash}.pf_meta"
    meta = _read(meta_path)
    filters = meta[META_FILTERS]
    for entry in filters:
        name, old = entry[0], entry[1]
        path = bundle / "filter" / f"{old}.pf_filter"
        index = _read(path)
        index[1] = sorted(index[1], key=lambda value: value[0])
        entry[1] = _write(bundle / "filter", ".pf_filter", language, index, 7, replaces=path)
        assert name == index[0]
    meta[META_FILTERS] = sorted(filters, key=lambda entry: entry[0])
    meta[META_SORTS] = sorted(meta[META_SORTS], key=lambda entry: entry[0])
    return _write(bundle, ".pf_meta", language, meta, 10, replaces=meta_path, prefix="pagefind.")


def _read(path: Path):
    data = gzip.decompress(path.read_bytes())
    if not data.startswith(SIGNATURE):
        raise ValueError(f"{path.name} is not a Pagefind file")
    return cbor2.loads(data[len(SIGNATURE) :])


def _write(folder: Path, suffix: str, language, value, digits, replaces: Path, prefix="") -> str:
    """Writes `value` where `replaces` was, under its new hash; the hash."""
    data = SIGNATURE + cbor2.dumps(value)
    name = f"{language}_{hashlib.sha1(data).hexdigest()[:digits]}"
    replaces.unlink()
    (folder / f"{prefix}{name}{suffix}").write_bytes(gzip.compress(data, mtime=0))
    return name
