"""The latest figures (`latest-figures` directive): for each chosen subject, its latest figure of
each metric and scope among the claims a filter selects (the landing page's strip), so that a
page never shows an older year while a newer one is in the ledger. Which figure is the latest is
the key-figures tables' selection (`core.summaries.latest_figures`: the latest period, results
and forecasts apart, a superseded figure never), by subject (`core.summaries.latest_by_subject`).

Without a metric or a scope to hold the figures to one series, each subject's newest figure (the
latest stated) instead (`core.summaries.newest_by_subject`), subjects newest first, leaving out
every figure of a data set's release (one source, one day, `BULK` figures or more): a compiled
list is not news. A data set's list of figures stated on one day without a period
(`views.timeline.bulk_keys`) is left out: its release date says when the list was compiled, not
when the prices were news."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from docutils import nodes

from ..core.bounds import has_number
from ..core.claim_filters import LATEST, latest_count, select
from ..core.fields import FILTERS
from ..core.periods import is_forecast, period_words, try_period
from ..core.records import Record
from ..core.summaries import latest_by_subject, newest_by_subject
from .i18n import _, labelled
from .kb import KnowledgeBase
from .model import Inline, Styled, para, render_inline, strong
from .names import Names
from .selections import shown_claims
from .timeline import BULK, bulk_key, bulk_keys


@dataclass(frozen=True)
class LatestFigures:
    items: tuple[Styled, ...]
    empty: str

    def render(self) -> nodes.Node:
        if not self.items:
            return nodes.paragraph(self.empty, self.empty)
        listing = nodes.bullet_list(classes=["claimkb-latest"])
        for item in self.items:
            entry = nodes.list_item()
            entry += render_inline(item)
            listing += entry
        return listing


def latest_figures(kb: KnowledgeBase, names: Names, filters: dict[str, list[str]]) -> LatestFigures:
    shown = shown_claims(kb)
    bulk = bulk_keys(shown)
    selection = {name: values for name, values in filters.items() if name in FILTERS}
    records = [
        c for c in select(shown, selection) if has_number(c.data) and bulk_key(c) not in bulk
    ]
    pairs = {(r.get("metric"), r.get("scope")) for r in records}
    wanted = filters.get("subject")
    count = latest_count((filters.get(LATEST) or [""])[0])
    if filters.get("metric") or filters.get("scope"):
        chosen = latest_by_subject(records, kb.superseded(), kb.registry, count)
    else:  # figures of every kind: each subject's newest, as stated, a data set's aside
        releases = Counter((r.get("source"), r.get("as_of")) for r in shown)
        stated = [r for r in records if releases[(r.get("source"), r.get("as_of"))] < BULK]
        chosen = newest_by_subject(stated, kb.superseded(), count)
    if wanted:  # the subjects in the order the page names them
        chosen = sorted(
            chosen,
            key=lambda r: min(
                (wanted.index(s) for s in r.get("subject") or [] if s in wanted),
                default=len(wanted),
            ),
        )
    items = tuple(item(names, record, wanted, len(pairs) > 1) for record in chosen)
    return LatestFigures(items, _("No figure matches."))


def item(names: Names, record: Record, wanted: list[str] | None, with_pair: bool) -> Styled:
    """`Amazon: $131B (2025)`; `Anthropic · Revenue: Calendar year: $14B (2025)` when the
    selection spans several metrics or scopes."""
    subjects = [s for s in record.get("subject") or [] if not wanted or s in wanted]
    parts: list[Inline] = []
    for subject in subjects[:1]:
        parts.append(strong(names.name_of("entity", subject)))
    if with_pair:
        metric = names.name_of("metric", record.get("metric", ""))
        scope = names.name_of("scope", record.get("scope", ""))
        parts.append(" · " + labelled(metric, scope))
    parts.append(": ")
    value = names.value_of(record)
    parts.append(names.link("claim", record.id, value, ("claim-value-ref",)))
    when = period_words(record.get("period")) if try_period(record.get("period")) else ""
    if when:
        words = _("forecast for %s") % when if is_forecast(record.data) else when
        parts.append(f" ({words})")
    return para(*parts, classes=("claimkb-latest-item",))
