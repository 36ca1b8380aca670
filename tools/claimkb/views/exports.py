"""Exports a reader can take away: `claims.json`, `claims.csv` and schema.org JSON-LD.

The shape of `claims.json` is documented by `schema/export.schema.json`. Everything is sorted, so
that two builds of the same input give the same bytes.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable
from typing import Any

from ..core import fields
from ..core.currency import exchange_data, stated_currency
from ..core.current_status import status_of
from ..core.fields import RELATION_FIELDS
from ..core.formatting import format_value
from ..core.money import CPI_SERIES, dollar_year
from ..core.periods import is_forecast
from ..core.records import Record
from .arithmetic_line import relation_ids
from .kb import KnowledgeBase
from .money_view import constant_of, money_metric
from .selections import shown_claims

#: a JSON object as the export writes it
JSON = dict[str, Any]

EXPORT_VERSION = 1

#: CSV columns, in their published order (`core.fields.CSV_COLUMNS` says what each shows)
CSV_COLUMNS = tuple(column.name for column in fields.CSV_COLUMNS)
#: CSV columns that are `claims.json`'s key of the same name, as it is
DIRECT_COLUMNS = tuple(column.name for column in fields.CSV_COLUMNS if column.direct)
#: CSV columns whose numbers stay numbers
NUMERIC_COLUMNS = frozenset(column.name for column in fields.CSV_COLUMNS if column.numeric)
#: a spreadsheet evaluates a cell that starts with one of these (OWASP, "CSV Injection")
FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")

#: entity type -> schema.org type of its node in JSON-LD
SCHEMA_ORG_TYPES = {
    "company": "Organization",
    "lab": "Organization",
    "government": "GovernmentOrganization",
    "publication": "Organization",
    "fund": "Organization",
    "person": "Person",
    "model": "SoftwareApplication",
    "product": "Product",
}
#: JSON inside <script> must not hold `</script>` or `<!--`: escape the characters that start them
SCRIPT_SAFE = str.maketrans({"<": "\\u003c", ">": "\\u003e", "&": "\\u0026"})


# --- the claims, resolved ---------------------------------------------------------------------
def all_claims(kb: KnowledgeBase) -> list[tuple[str | None, Record]]:
    """(docname showing it or None, record) of every claim with an id, page or collection, by id."""
    found: dict[str, tuple[str | None, Record]] = {}
    for record in shown_claims(kb):
        home = kb.claim(record.id)
        if home is not None:
            found[record.id] = home
    for record in kb.every_claim():
        if record.type == "claim" and record.id:
            found.setdefault(record.id, (None, record))
    return [found[rid] for rid in sorted(found)]


class ClaimResolver:
    """One claim as plain data: its fields, with the records it names resolved to their names."""

    def __init__(self, kb: KnowledgeBase):
        registry = self.registry = kb.registry
        self.kb = kb
        self.tables = {
            t: registry.of_type(t) for t in ("entity", "source", "metric", "scope", "method")
        }

    def named(self, rtype: str, rid: str | None) -> JSON | None:
        if not rid:
            return None
        record = self.tables[rtype].get(rid)
        return {"id": rid, "name": record.get("name") if record else None}

    def entity(self, rid: str | None) -> JSON | None:
        found = self.named("entity", rid)
        if found is not None and rid:
            record = self.tables["entity"].get(rid)
            found["aliases"] = list(record.get("aliases") or []) if record else []
            found["type"] = record.get("type") if record else None
        return found

    def source(self, sid: str) -> JSON:
        record = self.tables["source"].get(sid)
        fields = ("title", "url", "publisher", "published", "type")
        return {"id": sid, **{f: (record.get(f) if record else None) for f in fields}}

    def url(self, docname: str | None, record: Record) -> str | None:
        if docname is None:
            return None
        return f"{self.kb.page_uri(docname)}#{record.anchor}"

    def dollars(self, record: Record) -> dict[str, Any]:
        """A money figure's dollar year and its value in constant dollars of the base year."""
        if not money_metric(self.registry, record.get("metric")):
            return {"dollars": None, "constant": None, "currency": None, "in_dollars": None}
        year = dollar_year(record.data)
        found = constant_of(self.kb, record)
        return {
            "currency": stated_currency(record.data),
            "in_dollars": exchange_data(record.data),
            "dollars": {"year": year.year, "basis": year.basis} if year else None,
            "constant": (
                {"base_year": found.base_year, "index": CPI_SERIES, **found.as_data()}
                if found
                else None
            ),
        }

    def resolve(self, docname: str | None, record: Record) -> dict[str, Any]:
        get = record.get
        metric = self.named("metric", get("metric"))
        unit = self.registry.unit_of(get("metric"))
        if metric is not None:
            metric["unit"] = unit or None
            metric_record = self.tables["metric"].get(get("metric"))
            metric["pint_unit"] = metric_record.get("unit") if metric_record else None
        return {
            "id": record.id,
            "kind": get("kind"),
            "title": get("title"),
            "text": get("text"),
            "status": status_of(record, self.kb.superseded()),
            "confidence": get("confidence"),
            "subject": [self.entity(s) for s in get("subject") or []],
            "claimant": self.entity(get("claimant")),
            "metric": metric,
            "scope": self.named("scope", get("scope")),
            "method": self.named("method", get("method")),
            "value": get("value"),
            "low": get("low"),
            "high": get("high"),
            "value_text": format_value(record.data, unit) or None,
            "as_of": get("as_of"),
            "period": get("period"),
            "forecast": is_forecast(record.data),
            "price_year": get("price_year"),
            "source": self.source(get("source", "")),
            "also": [self.source(s) for s in get("also") or []],
            "locator": get("locator"),
            "checked": get("checked"),
            "quote": get("quote"),
            **{field: relation_ids(record, field) for field in RELATION_FIELDS},
            "formula": get("formula"),
            "tolerance": get("tolerance"),
            **self.dollars(record),
            "tags": list(get("tags") or []),
            "page": docname,
            "anchor": record.anchor,
            "url": self.url(docname, record),
        }


def export_data(kb: KnowledgeBase) -> dict[str, Any]:
    resolver = ClaimResolver(kb)
    claims = [resolver.resolve(docname, record) for docname, record in all_claims(kb)]
    return {"version": EXPORT_VERSION, "count": len(claims), "claims": claims}


# --- claims.json and claims.csv ---------------------------------------------------------------
def to_json(data: JSON) -> str:
    return json.dumps(data, ensure_ascii=False, indent=1, sort_keys=True) + "\n"


def neutralise(cell: str) -> str:
    """A text cell a spreadsheet would evaluate as a formula, made plain text by a leading quote."""
    return "'" + cell if cell.startswith(FORMULA_TRIGGERS) else cell


def csv_row(claim: dict[str, Any]) -> dict[str, Any]:
    def ids(items: list[JSON]) -> str:
        return "; ".join(item["id"] for item in items)

    def name(item: JSON | None) -> str:
        return str((item or {}).get("name") or "")

    row = {
        **{key: claim[key] for key in DIRECT_COLUMNS},
        "subject_ids": ids(claim["subject"]),
        "subject_names": "; ".join(name(s) for s in claim["subject"]),
        "claimant_id": (claim["claimant"] or {}).get("id"),
        "claimant_name": name(claim["claimant"]),
        "metric_id": (claim["metric"] or {}).get("id"),
        "metric_name": name(claim["metric"]),
        "unit": (claim["metric"] or {}).get("unit"),
        "scope_id": (claim["scope"] or {}).get("id"),
        "scope_name": name(claim["scope"]),
        "method_id": (claim["method"] or {}).get("id"),
        "method_name": name(claim["method"]),
        "source_id": claim["source"]["id"],
        "source_title": claim["source"]["title"],
        "source_url": claim["source"]["url"],
        "also": ids(claim["also"]),
        **{field: "; ".join(claim[field]) for field in RELATION_FIELDS},
        "tags": "; ".join(claim["tags"]),
        "dollars_year": (claim["dollars"] or {}).get("year"),
        **{
            f"constant_{name}": (claim["constant"] or {}).get(name)
            for name in ("base_year", "value", "low", "high")
        },
        **{
            f"usd_{name}": (claim["in_dollars"] or {}).get(name)
            for name in ("value", "low", "high", "rate", "rate_date")
        },
    }
    cells = {}
    for column in CSV_COLUMNS:
        value = row[column]
        if value is None:
            cells[column] = ""
        elif isinstance(value, bool):
            cells[column] = "true" if value else "false"
        elif column in NUMERIC_COLUMNS:
            cells[column] = value
        else:
            cells[column] = neutralise(str(value))
    return cells


def to_csv(data: JSON) -> str:
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=CSV_COLUMNS, lineterminator="\r\n")
    writer.writeheader()
    for claim in data["claims"]:
        writer.writerow(csv_row(claim))
    return out.getvalue()


# --- JSON-LD in each page ---------------------------------------------------------------------
def json_ld(
    claims: list[dict[str, Any]], page_url: Callable[[dict[str, Any]], str]
) -> dict[str, Any]:
    return {"@context": "https://schema.org", "@graph": [_claim_ld(c, page_url) for c in claims]}


def _thing(entity: JSON | None) -> JSON | None:
    if entity is None:
        return None
    node = {
        "@type": SCHEMA_ORG_TYPES.get(entity.get("type") or "", "Thing"),
        "name": entity["name"] or entity["id"],
        "identifier": entity["id"],
    }
    if entity.get("aliases"):
        node["alternateName"] = entity["aliases"]
    return node


def _claim_ld(claim: dict[str, Any], page_url: Callable[[dict[str, Any]], str]) -> dict[str, Any]:
    source = claim["source"]
    appearance = {"@type": "CreativeWork", "name": source["title"] or source["id"]}
    if source["url"]:
        appearance["url"] = source["url"]
    if source["published"]:
        appearance["datePublished"] = source["published"]
    if source["publisher"]:
        appearance["publisher"] = {"@type": "Organization", "name": source["publisher"]}
    node: dict[str, Any] = {
        "@type": "Claim",
        "@id": page_url(claim),
        "identifier": claim["id"],
        "name": claim["title"],
        "appearance": appearance,
        "author": _thing(claim["claimant"]),
        "about": [_thing(s) for s in claim["subject"]],
        "creativeWorkStatus": claim["status"],
    }
    if claim["text"]:
        node["text"] = claim["text"]
    if claim["value_text"]:
        parts = [f"{(claim['metric'] or {}).get('name') or 'Value'}: {claim['value_text']}"]
        parts += [
            f"{field}: {claim[field]['name'] or claim[field]['id']}"
            for field in ("scope", "method")
            if claim[field]
        ]
        node["description"] = "; ".join(parts)
    if claim["period"] or claim["as_of"]:
        # the time the figure is about (an ISO 8601 date or interval), else when it was stated
        node["temporalCoverage"] = claim["period"] or claim["as_of"]
    if claim["tags"]:
        node["keywords"] = claim["tags"]
    return {key: value for key, value in node.items() if value not in (None, [])}


def script_safe_json(data: Any) -> str:
    """JSON that cannot end the `<script>` holding it, nor open an HTML comment in it."""
    return json.dumps(data, ensure_ascii=False, sort_keys=True).translate(SCRIPT_SAFE)
