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
from typing import Any

import cbor2

SIGNATURE = b"pagefind_dcd"
#: fields of the metadata file (pagefind/src/index/index_metadata.rs: MetaIndex)
META_FILTERS, META_SORTS = 3, 4


def make_deterministic(bundle: dict[str, bytes]) -> None:
    """Orders, in place, the lists Pagefind writes at random in `bundle` (path -> bytes)."""
    entry = json.loads(bundle["pagefind-entry.json"].decode("utf-8"))
    languages = entry.get("languages") or {}
    for language in sorted(languages):
        info = languages[language]
        info["hash"] = _order_language(bundle, language, info["hash"])
    entry["languages"] = {language: languages[language] for language in sorted(languages)}
    text = json.dumps(entry, ensure_ascii=False, separators=(",", ":"))
    bundle["pagefind-entry.json"] = text.encode("utf-8")


def _order_language(bundle: dict[str, bytes], language: str, meta_hash: str) -> str:
    """Orders one language's filters and metadata; the metadata file's new hash."""
    meta_path = f"pagefind.{meta_hash}.pf_meta"
    meta = _read(bundle, meta_path)
    filters = meta[META_FILTERS]
    for entry in filters:
        name, old = entry[0], entry[1]
        path = f"filter/{old}.pf_filter"
        index = _read(bundle, path)
        index[1] = sorted(index[1], key=lambda value: value[0])
        entry[1] = _write(bundle, "filter/", ".pf_filter", language, index, 7, replaces=path)
        assert name == index[0]
    meta[META_FILTERS] = sorted(filters, key=lambda entry: entry[0])
    meta[META_SORTS] = sorted(meta[META_SORTS], key=lambda entry: entry[0])
    return _write(bundle, "pagefind.", ".pf_meta", language, meta, 10, replaces=meta_path)


def _read(bundle: dict[str, bytes], path: str) -> Any:
    data = gzip.decompress(bundle[path])
    if not data.startswith(SIGNATURE):
        raise ValueError(f"{path} is not a Pagefind file")
    return cbor2.loads(data[len(SIGNATURE) :])


def _write(
    bundle: dict[str, bytes],
    prefix: str,
    suffix: str,
    language: str,
    value: Any,
    digits: int,
    replaces: str,
) -> str:
    """Puts `value` where `replaces` was, under its new hash; the hash."""
    data = SIGNATURE + cbor2.dumps(value)
    name = f"{language}_{hashlib.sha1(data).hexdigest()[:digits]}"
    del bundle[replaces]
    bundle[f"{prefix}{name}{suffix}"] = gzip.compress(data, mtime=0)
    return name
