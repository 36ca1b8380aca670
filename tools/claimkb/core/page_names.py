"""The names of the pages a site generates for records, below its pages folder
(`claimkb_pages_dir`): one per entity, per source and per metric-and-scope pair. The build writes
them (`sphinx_ext.page_stubs`) and links to them (`views.generated_pages`); the ledger diff names
them among the pages a change touches (`core.diff.site_pages`)."""

from __future__ import annotations


def entity_doc(rid: str) -> str:
    return f"entity/{rid}"


def source_doc(rid: str) -> str:
    return f"source/{rid}"


def pair_doc(metric: str, scope: str) -> str:
    return f"metric/{metric}/{scope}"


#: record type -> the name of the page generated for each of its records, below the pages folder
GENERATED = {"entity": entity_doc, "source": source_doc}
