"""The timeline: every shown claim by the time it is about (else when it was stated), newest
first, one table per year, with one filter for the whole timeline (words, entity, metric, year).

The timeline page holds the newest years, up to `MAIN_ROWS` rows; every year also has a page of
its own (`kb/timeline/<year>`), which is where the older years are read. The filter travels
between them in the address (`?e=openai&m=revenue&q=words`). A data set's figures stated on one
day without a period of their own (a price list as of its release, hundreds of rows) are one row
that links to them: one event, not hundreds.

Rows are light (no tooltips; who and what as plain names) and carry the entities and metric they
are about as classes (`e-openai`, `m-revenue`), which `claimkb-timeline.js` filters on.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from html import escape

from docutils import nodes

from ..core.claim_filters import UNDATED, timeline_year
from ..core.periods import sort_key as time_key
from ..core.records import Record
from .i18n import _
from .kb import KnowledgeBase
from .model import (
    DocLink,
    Inline,
    Link,
    Ref,
    SortText,
    Styled,
    para,
    render_inline,
    table_frame,
    table_wrapper,
)
from .names import Names
from .selections import shown_claims
from .when import when_cell

#: the rows the timeline page itself shows, newest years first (at least one year)
MAIN_ROWS = 400
#: undated figures of one source stated on one day, from this many on, are one row
BULK = 25


@dataclass(frozen=True)
class TimelineRow:
    classes: tuple[str, ...]
    when: SortText
    title: tuple[Inline, ...]
    value: str
    about: str
    claimant: str


@dataclass(frozen=True)
class YearBlock:
    year: str
    title: str
    rows: tuple[TimelineRow, ...]


@dataclass(frozen=True)
class TimelineModel:
    #: the filter form, as HTML (escaped here)
    form: str
    #: links to every year's place: on this page or on its own
    years_nav: tuple[Inline, ...]
    blocks: tuple[YearBlock, ...]
    empty: str

    def render(self) -> list[nodes.Node]:
        out: list[nodes.Node] = [nodes.raw("", self.form, format="html")]
        out.append(render_inline(para(*self.years_nav, classes=("claimkb-timeline-years",))))
        headers = (_("When"), _("Claim"), _("Value"), _("About"), _("Claimed by"))
        for block in self.blocks:
            section = nodes.section(ids=[f"year-{block.year}"], classes=["claimkb-timeline-year"])
            section += nodes.title(block.title, block.title)
            section += timeline_table(headers, block.rows)
            out.append(section)
        if not self.blocks:
            out.append(nodes.paragraph(self.empty, self.empty))
        return out


def timeline_table(headers: tuple[str, ...], rows: tuple[TimelineRow, ...]) -> nodes.Node:
    frame: list[tuple[str, list[str]]] = [(label, []) for label in headers]
    table, body = table_frame(["claimkb-timeline-table"], frame)
    for model in rows:
        row = nodes.row(classes=list(model.classes))
        for cell in ((model.when,), model.title, (model.value,), (model.about,), (model.claimant,)):
            entry = nodes.entry()
            paragraph = nodes.paragraph()
            paragraph.extend(render_inline(part) for part in cell if part != "")
            entry += paragraph
            row += entry
        body += row
    return table_wrapper(table)


#: (source, as_of) of a figure stated without a period of its own
BulkKey = tuple[object, object]


def bulk_key(record: Record) -> BulkKey | None:
    """(source, as_of) of a figure stated without a period of its own, else None."""
    if record.get("period") or not record.get("source"):
        return None
    return (record.get("source"), record.get("as_of"))


def bulk_keys(records: list[Record]) -> set[BulkKey]:
    """The (source, as_of) that `BULK` figures or more share without a period: a data set's
    list as of one day, shown as one line."""
    counts: dict[BulkKey, int] = defaultdict(int)
    for record in records:
        key = bulk_key(record)
        if key is not None:
            counts[key] += 1
    return {key for key, count in counts.items() if count >= BULK}


class Timeline:
    """The rows of the timeline, by year, computed once per build for every timeline page."""

    def __init__(self, kb: KnowledgeBase, names: Names):
        self.kb, self.names = kb, names
        entities = kb.registry.of_type("entity")
        self.parents: dict[str, str] = {
            rid: str(r.get("parent")) for rid, r in entities.items() if r.get("parent")
        }
        by_year: dict[str, list[Record]] = defaultdict(list)
        for claim in shown_claims(kb):
            by_year[timeline_year(claim)].append(claim)
        self.rows = {year: self.year_rows(records) for year, records in by_year.items()}
        self.years = sorted(self.rows, key=lambda y: (y != UNDATED, y), reverse=True)

    def entity_classes(self, ids: list[str]) -> list[str]:
        """`e-<id>` for each entity and its ancestors: a model's rows are its maker's too."""
        found: dict[str, None] = {}
        for rid in ids:
            current: str | None = rid
            seen = 0
            while current and current not in found and seen < 20:
                found[current] = None
                current, seen = self.parents.get(current), seen + 1
        return [f"e-{rid}" for rid in found]

    def year_rows(self, records: list[Record]) -> tuple[TimelineRow, ...]:
        records = sorted(records, key=lambda c: (time_key(c.data), c.id), reverse=True)
        keys = bulk_keys(records)
        grouped: dict[BulkKey, list[Record]] = defaultdict(list)
        for record in records:
            found = bulk_key(record)
            if found is not None and found in keys:
                grouped[found].append(record)
        rows: list[TimelineRow] = []
        done: set[BulkKey] = set()
        for record in records:
            key = bulk_key(record)
            if key is not None and key in keys:
                if key not in done:
                    done.add(key)
                    rows.append(self.bulk_row(grouped[key]))
                continue
            rows.append(self.row(record))
        return tuple(rows)

    def row(self, record: Record) -> TimelineRow:
        names = self.names
        text, key = when_cell(record, stated=True)
        subjects = record.get("subject") or []
        claimant = record.get("claimant")
        metric = record.get("metric")
        classes = self.entity_classes([*subjects, *([claimant] if claimant else [])])
        if metric:
            classes.append(f"m-{metric}")
        title = names.link("claim", record.id, record.get("title", record.id))
        return TimelineRow(
            tuple(classes),
            SortText(text, key),
            (Link(title.text, title.doc, title.anchor),),
            names.value_of(record),
            ", ".join(names.name_of("entity", s) for s in subjects),
            names.name_of("entity", claimant) if claimant else "",
        )

    def bulk_row(self, records: list[Record]) -> TimelineRow:
        """`505 figures of genai-prices 0.2.5, stated without a period of their own: on Token
        list prices…`, linked to the page that shows them."""
        names, first = self.names, records[0]
        text, key = when_cell(first, stated=True)
        source = names.name_of("source", first.get("source"))
        home = self.kb.home("claim", first.id)
        words = _("%(count)s figures of %(source)s, stated without a period of their own") % {
            "count": len(records),
            "source": source,
        }
        parts: tuple[Inline, ...] = (words + ".",)
        if home is not None:
            parts = (words + ": ", DocLink(_("see them where they are shown"), home[0]), ".")
        metrics = sorted({r.get("metric") for r in records if r.get("metric")})
        claimants = sorted({r.get("claimant") for r in records if r.get("claimant")})
        tops = {self.top(s) for r in records for s in r.get("subject") or []}
        classes = self.entity_classes(sorted(tops) + claimants) + [f"m-{m}" for m in metrics]
        return TimelineRow(
            ("claimkb-timeline-bulk", *classes),
            SortText(text, key),
            (Styled("inline", parts, ("claimkb-timeline-bulk-text",)),),
            "",
            ", ".join(names.name_of("entity", t) for t in sorted(tops)),
            ", ".join(names.name_of("entity", c) for c in claimants),
        )

    def top(self, rid: str) -> str:
        seen = 0
        while self.parents.get(rid) and seen < 20:
            rid, seen = self.parents[rid], seen + 1
        return rid

    def main_years(self) -> list[str]:
        """The newest years, up to `MAIN_ROWS` rows (at least one): the timeline page's."""
        shown: list[str] = []
        total = 0
        for year in self.years:
            if shown and total + len(self.rows[year]) > MAIN_ROWS:
                break
            shown.append(year)
            total += len(self.rows[year])
        return shown

    def page(self, docname: str, year: str | None = None) -> TimelineModel:
        """The timeline page (`year` None) or one year's page."""
        on_page = self.main_years() if year is None else [year]
        blocks = tuple(
            YearBlock(y, y if y != UNDATED else _("Undated"), self.rows.get(y, ()))
            for y in on_page
            if self.rows.get(y)
        )
        nav: list[Inline] = [_("Years:") + " "]
        for index, y in enumerate(self.years):
            if index:
                nav.append(" · ")
            label = y if y != UNDATED else _("Undated")
            nav.append(
                Styled("strong", (label,))
                if y in on_page and year is not None
                else self.year_link(docname, y, label, on_page)
            )
        return TimelineModel(self.form(docname, blocks, on_page), tuple(nav), blocks,
                             _("No claim stands in this year."))  # fmt: skip

    def year_link(self, docname: str, year: str, label: str, on_page: list[str]) -> Inline:
        if year in on_page:
            return Ref(label, refid=f"year-{year}", classes=("claimkb-timeline-here",))
        main = self.main_years()
        page = f"{self.kb.pages_dir}/timeline" if year in main else self.year_doc(year)
        return DocLink(label, page if self.kb.has_doc(page) else None)

    def year_doc(self, year: str) -> str:
        return f"{self.kb.pages_dir}/timeline/{year}"

    def form(self, docname: str, blocks: tuple[YearBlock, ...], on_page: list[str]) -> str:
        """The filter: words, an entity, a metric (of this page's rows) and a year (any page)."""
        entities: set[str] = set()
        metrics: set[str] = set()
        for block in blocks:
            for row in block.rows:
                for cls in row.classes:
                    if cls.startswith("e-"):
                        entities.add(cls[2:])
                    elif cls.startswith("m-"):
                        metrics.add(cls[2:])
        names = self.names
        entity_options = sorted((names.name_of("entity", e), e) for e in entities)
        metric_options = sorted((names.name_of("metric", m), m) for m in metrics)
        main = self.main_years()
        year_options: list[tuple[str, str, str]] = []
        for y in self.years:
            target = f"{self.kb.pages_dir}/timeline" if y in main else self.year_doc(y)
            href = "" if y in on_page else self.kb.relative_uri(docname, self.kb.page_uri(target))
            label = y if y != UNDATED else _("Undated")
            year_options.append((label, y, href))
        return filter_form(entity_options, metric_options, year_options)


def filter_form(
    entities: list[tuple[str, str]],
    metrics: list[tuple[str, str]],
    years: list[tuple[str, str, str]],
) -> str:
    """The filter's HTML: every text escaped, every word translated."""
    words = {
        "count": _("%s rows shown"),
        "q": _("Words"),
        "e": _("Entity"),
        "m": _("Metric"),
        "y": _("Year"),
        "every_e": _("Every entity"),
        "every_m": _("Every metric"),
        "every_y": _("Every year"),
    }
    w = {key: escape(text) for key, text in words.items()}

    def options(pairs: list[tuple[str, str]], everything: str) -> str:
        found = [f'<option value="">{everything}</option>']
        found += [f'<option value="{escape(v)}">{escape(text)}</option>' for text, v in pairs]
        return "".join(found)

    year_list = [f'<option value="">{w["every_y"]}</option>']
    for label, year, href in years:
        target = f' data-href="{escape(href)}"' if href else ""
        year_list.append(f'<option value="{escape(year)}"{target}>{escape(label)}</option>')
    return (
        f'<form class="claimkb-timeline-filter" role="search" hidden data-count="{w["count"]}">'
        f'<label>{w["q"]} <input type="search" name="q"></label> '
        f'<label>{w["e"]} <select name="e">{options(entities, w["every_e"])}</select></label> '
        f'<label>{w["m"]} <select name="m">{options(metrics, w["every_m"])}</select></label> '
        f'<label>{w["y"]} <select name="y">{"".join(year_list)}</select></label>'
        '<output class="claimkb-timeline-filter-count" aria-live="polite"></output>'
        "</form>\n"
    )
