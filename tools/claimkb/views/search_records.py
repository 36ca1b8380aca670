"""The search's model: every shown claim as a search record, a pure function of the knowledge
base (`search_records`), rendered apart (`views.search_pagefind`).

A record holds what a result shows (title, the value as the card writes it and in constant
dollars, period, claimant, source, link to the card) and the words it is found by, by kind, so
that the index can weigh them: the subjects' names and aliases and their parents', the metric's
and scope's names and their synonyms (`views.search_words`), the years the period spans, the
claimant, the value as number words (`views.search_numbers`). Its filters are the ones a reader
clicks: metric, kind of subject, year and section of the site.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from ..core.formatting import format_value
from ..core.money import constant, is_money
from ..core.periods import as_of_words, period_words, try_period
from ..core.records import Record, is_number
from .i18n import _
from .kb import KnowledgeBase
from .search_numbers import number_words
from .search_words import KIND_WORDS, SECTION_WORDS, synonyms
from .selections import shown_claims

#: the section of the site (`explainers`, `knowledge-base`, `contributors`) a page belongs to
SectionOf = Callable[[str], str]


@dataclass(frozen=True)
class SearchFilters:
    """The filter values of a result: names as readers read them, in the build's language."""

    metric: tuple[str, ...] = ()
    kind: tuple[str, ...] = ()
    year: tuple[str, ...] = ()
    section: tuple[str, ...] = ()


@dataclass(frozen=True)
class SearchRecord:
    """One claim as a search result, and the words it is found by."""

    claim_id: str
    #: the card's address relative to the site's root: `explainers/x.html#claim-id`
    url: str
    title: str
    #: as the card writes it (`$5.58M`, `5,58 M$`); "" for a claim without a figure
    value: str
    #: in constant dollars of the site's base year (`$6.01M in 2025 dollars`), else ""
    constant: str
    #: the period in words, else when it was stated
    period: str
    claimant: str
    source: str
    subjects: tuple[str, ...]
    #: the names of the metric and the scope
    measures: tuple[str, ...]
    #: the thesaurus' words for them (`views.search_words`)
    synonyms: tuple[str, ...]
    years: tuple[str, ...]
    numbers: tuple[str, ...]
    #: the rest of the words a reader may type: statement and source words are pages' job
    other: tuple[str, ...]
    filters: SearchFilters
    #: newest first when sorted descending: the period's end, then when it was stated
    recency: str


def search_records(kb: KnowledgeBase, language: str, section: SectionOf) -> list[SearchRecord]:
    """Every shown claim as a search record, by id, in `language` (the build's: the registry's
    names and the words are already translated; `language` picks the synonyms)."""
    builder = _RecordBuilder(kb, language, section)
    records = []
    for claim in sorted(shown_claims(kb), key=lambda record: record.id):
        home = kb.home("claim", claim.id)
        if home is not None:
            records.append(builder.record(home[0], claim))
    return records


class _RecordBuilder:
    def __init__(self, kb: KnowledgeBase, language: str, section: SectionOf):
        self.kb, self.language, self.section = kb, language, section
        self.registry = kb.registry
        self.entities = kb.registry.of_type("entity")

    def record(self, docname: str, claim: Record) -> SearchRecord:
        registry = self.registry
        metric, scope = claim.get("metric"), claim.get("scope")
        unit = registry.unit_of(metric)
        kinds = []
        for rid in claim.get("subject") or []:
            entity = self.entities.get(rid)
            kind = entity.get("type") if entity is not None else None
            if kind:
                word = _(KIND_WORDS[kind]) if kind in KIND_WORDS else kind
                kinds.append(word)
        years = _years(claim)
        metric_name = registry.name_of("metric", metric) if metric else ""
        return SearchRecord(
            claim_id=claim.id,
            url=f"{self.kb.page_uri(docname)}#{claim.anchor}",
            title=claim.get("title") or claim.id,
            value=format_value(claim.data, unit),
            constant=self._constant(claim, unit),
            period=_when(claim),
            claimant=self._entity_name(claim.get("claimant")),
            source=registry.name_of("source", claim.get("source")) if claim.get("source") else "",
            subjects=self._subject_words(claim),
            measures=self._measure_names(metric, scope),
            synonyms=tuple(synonyms(" ".join(self._measure_names(metric, scope)), self.language)),
            years=years,
            numbers=_numbers(claim),
            other=tuple(w for w in (unit, claim.id) if w),
            filters=SearchFilters(
                metric=(metric_name,) if metric_name else (),
                kind=tuple(dict.fromkeys(kinds)),
                year=years,
                section=(_(SECTION_WORDS[self.section(docname)]),),
            ),
            recency=_recency(claim),
        )

    def _entity_name(self, rid: object) -> str:
        return self.registry.name_of("entity", rid) if isinstance(rid, str) else ""

    def _subject_words(self, claim: Record) -> tuple[str, ...]:
        """Names and aliases of the subjects and of their parents ("OpenAI" finds GPT-4o)."""
        words: list[str] = []
        for rid in claim.get("subject") or []:
            seen = set()
            while isinstance(rid, str) and rid not in seen:
                seen.add(rid)
                entity = self.entities.get(rid)
                if entity is None:
                    words.append(rid)
                    break
                words += [entity.get("name") or rid, *(entity.get("aliases") or [])]
                rid = entity.get("parent")
        return tuple(dict.fromkeys(w for w in words if w))

    def _measure_names(self, metric: object, scope: object) -> tuple[str, ...]:
        names = []
        for rtype, rid in (("metric", metric), ("scope", scope)):
            if isinstance(rid, str):
                names.append(self.registry.name_of(rtype, rid))
        return tuple(names)

    def _constant(self, claim: Record, unit: str) -> str:
        metric = self.registry.of_type("metric").get(claim.get("metric") or "")
        if metric is None:
            return ""
        if not is_money(metric.get("unit")):
            return ""
        found = constant(claim.data, self.kb.base_year)
        if found is None or found.dollars.year == found.base_year:
            return ""
        text = format_value(found.as_data(), unit)
        words = _("%(value)s in %(year)s dollars")
        return words % {"value": text, "year": found.base_year} if text else ""


def _when(claim: Record) -> str:
    if isinstance(claim.get("period"), str):
        return period_words(claim.get("period"))
    if isinstance(claim.get("as_of"), str):
        return as_of_words(claim.get("as_of"))
    return ""


def _years(claim: Record) -> tuple[str, ...]:
    """Every year the period spans (a fiscal year across two calendar years gives both), else
    the year it was stated."""
    for field in ("period", "as_of"):
        span = try_period(claim.get(field))
        if span is not None:
            return tuple(str(y) for y in range(span.start.year, span.end.year + 1))[:12]
    return ()


def _numbers(claim: Record) -> tuple[str, ...]:
    words: list[str] = []
    for field in ("value", "low", "high"):
        value = claim.get(field)
        if is_number(value):
            words += [w for w in number_words(value) if w not in words]
    return tuple(words)


def _recency(claim: Record) -> str:
    """`period end|as_of`, as ISO dates: sorting these strings descending puts the latest
    period first, then the latest statement."""
    parts = []
    for field in ("period", "as_of"):
        span = try_period(claim.get(field))
        parts.append(span.end.isoformat() if span is not None else "0000-00-00")
    return "|".join(parts)
