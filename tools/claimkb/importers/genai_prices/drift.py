"""The drift check: hand-written token-price claims against the genai-prices data set, each at
the claim's own date.

A claim is mapped to the data set through its subjects: an entity whose id, name or alias is a
name of one of the first-party labs' models (the model's id or an API name it answers to), and
through its scope (input, output, cached input and their off-peak versions). A subject that
names no model, or several, maps to none; a claim whose subjects map to no model is listed as
unmapped, never guessed. The data set's price is the one in force at the claim's date (the start
of its `period`, else its `as_of`); a price without a start date counts as in force at any date
before the first dated one, as the data set itself reads it.

Verdicts: `agrees` (within 0.5%); `checked` (differs, but the claim records that it was checked
against its own source); `superseded` (differs, the claim is no longer current and the data set's
price has no start date: it is the later price); `differs` (unexplained: a failure); `missing`
(the data set has no such price for the model at that date); `unmapped`.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from ...core.records import Record
from .dataset import Dataset, Model, Quote, prices_at
from .providers import EntityIndex, own_text_model, slug
from .sources import DATASET_ID

#: scope id -> kind of price in `dataset.prices_at`
SCOPE_KINDS = {
    "api-input-list-price": "input",
    "api-output-list-price": "output",
    "api-cached-input-price": "cached-input",
    "api-off-peak-input-price": "off-peak-input",
    "api-off-peak-output-price": "off-peak-output",
    "api-off-peak-cached-input-price": "off-peak-cached-input",
}
METRIC = "token-price"
#: Relative difference under which two prices agree (rounding in a source, a data set's float).
TOLERANCE = Decimal("0.005")
#: verdicts that fail the check
FAILING = frozenset({"differs"})


@dataclass(frozen=True)
class Comparison:
    claim_id: str
    path: str
    line: int
    day: date | None
    value: Decimal | None
    model: str  # provider/model, "" when unmapped
    quote: Quote | None
    verdict: str
    note: str = ""


def price_claims(records: Iterable[Record]) -> list[Record]:
    """The hand-written claims the check compares: token-price figures of a mapped scope that do
    not cite the data set itself."""
    return [
        r
        for r in records
        if r.type == "claim"
        and r.id
        and r.get("kind") == "figure"
        and r.get("metric") == METRIC
        and r.get("scope") in SCOPE_KINDS
        and r.get("source") != DATASET_ID
    ]


def compare(
    records: list[Record], dataset: Dataset, superseded: Mapping[str, object]
) -> list[Comparison]:
    """One comparison per claim and model it maps to (or one `unmapped` line), in claim order.
    `superseded`: the ids of claims no longer current (`core.current_status.superseded_by`)."""
    index = EntityIndex([r for r in records if r.type == "entity"])
    models = [m for p in dataset.providers.values() for m in p.models if own_text_model(p.id, m)]
    found = []
    for claim in sorted(price_claims(records), key=lambda r: r.id):
        mapped, why = _models_of(claim, index, models)
        day = claim_date(claim)
        value = _decimal(claim.get("value"))
        where = (claim.id, claim.location.path, claim.location.line, day, value)
        if not mapped:
            found.append(Comparison(*where, "", None, "unmapped", why))
        for model in mapped:
            found.append(_compare_one(claim, where, model, day, value, superseded))
    return found


def _compare_one(
    claim: Record,
    where: tuple[str, str, int, date | None, Decimal | None],
    model: Model,
    day: date | None,
    value: Decimal | None,
    superseded: Mapping[str, object],
) -> Comparison:
    name = f"{model.provider}/{model.id}"
    kind = SCOPE_KINDS[claim.get("scope")]
    quote = prices_at(model, day).get(kind) if day else None
    if quote is None or value is None:
        return Comparison(*where, name, None, "missing", f"no {kind} price on that date")
    if abs(value - quote.value) <= TOLERANCE * max(abs(quote.value), abs(value)):
        return Comparison(*where, name, quote, "agrees")
    if claim.get("checked"):
        note = f"the claim was checked against its own source on {claim.get('checked')}"
        return Comparison(*where, name, quote, "checked", note)
    if claim.id in superseded and quote.start is None:
        note = "the claim is superseded; the data set's price has no start date (a later price)"
        return Comparison(*where, name, quote, "superseded", note)
    return Comparison(*where, name, quote, "differs")


def _models_of(claim: Record, index: EntityIndex, models: list[Model]) -> tuple[list[Model], str]:
    mapped: list[Model] = []
    reasons = []
    for subject in claim.get("subject") or []:
        names = index.names_of(subject)
        meets = [m for m in models if names & {slug(n) for n in (m.id, *m.api_names)}]
        direct = [m for m in meets if slug(m.id) == subject]
        if len(meets) > 1 and len(direct) == 1:
            meets = direct
        if len(meets) == 1:
            if meets[0] not in mapped:
                mapped.append(meets[0])
        elif meets:
            reasons.append(f"{subject} names several models ({', '.join(m.id for m in meets)})")
        else:
            reasons.append(f"{subject} names no model of the data set")
    return mapped, "; ".join(reasons)


def claim_date(claim: Record) -> date | None:
    """The day a claim's price is for: its period's start, else its as_of (a month or a year
    counts from its first day)."""
    text = claim.get("period") or claim.get("as_of")
    if not isinstance(text, str):
        return None
    parts = text.split("/")[0].split("-")
    try:
        return date(int(parts[0]), int(parts[1]) if len(parts) > 1 else 1,
                    int(parts[2]) if len(parts) > 2 else 1)  # fmt: skip
    except ValueError:
        return None


def _decimal(value: object) -> Decimal | None:
    if isinstance(value, bool) or not isinstance(value, int | float):
        return None
    return Decimal(str(value))
