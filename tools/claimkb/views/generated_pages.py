"""The generated pages' content, built from the domain's current claims and registry: one page
per entity, per metric and scope, per source, and the sources, disputes and timeline pages."""

from __future__ import annotations

from collections import defaultdict
from html import escape
from pathlib import Path

from docutils import nodes
from sphinx import addnodes
from sphinx.util.osutil import relative_uri

from ..core.bounds import has_number
from ..core.claim_filters import newest_first
from ..core.money import CPI_NAME
from ..core.periods import sort_key as time_key
from ..core.records import Record
from ..core.site_pages import entity_doc, pair_doc
from .chart_points import chart_point
from .charts import Point, write_chart
from .claims_table import ClaimsTableBuilder
from .compare import CompareBuilder
from .i18n import _, entity_type_words, labelled
from .links import joined, web_link, xref
from .money_view import base_year, money_metric
from .names import date_of
from .selections import (
    children_of,
    claims_about,
    claims_citing,
    claims_made_by,
    claims_of_pair,
    contradictions,
    disputed,
    shown_claims,
)

FIGURE_COLUMNS = ("title", "value", "period", "method", "claimant", "as_of", "source", "status")
OTHER_COLUMNS = ("title", "subject", "claimant", "as_of", "source", "status")
TIMELINE_COLUMNS = ("when", "as_of", "title", "value", "subject", "claimant", "source")


def chart_name(metric: str, scope: str) -> str:
    """The file of the chart of a metric over a scope (ids never hold `--`)."""
    return f"claimkb-chart-{metric}--{scope}.svg"


def is_figure(record: Record) -> bool:
    return has_number(record.data)


class PageBuilder:
    """Builds each generated page's content from the domain's current claims and registry."""

    def __init__(self, domain, builder, docname: str, all_docs, pages_dir: str):
        self.builder = builder
        self.docname = docname
        self.all_docs = all_docs
        self.pages_dir = pages_dir
        self.domain = domain
        self.registry = self.domain.registry
        self.tables = ClaimsTableBuilder(self.domain, docname)
        self.names = self.tables.names
        self.section_ids: set[str] = set()

    # --- helpers -----------------------------------------------------------------------------
    def section(self, title: str, anchor: str) -> nodes.section:
        while anchor in self.section_ids:
            anchor += "-x"
        self.section_ids.add(anchor)
        section = nodes.section(ids=[anchor], classes=["claimkb-generated-section"])
        section += nodes.title(title, title)
        return section

    def paragraph(self, *parts, classes=()) -> nodes.paragraph:
        para = nodes.paragraph(classes=list(classes))
        for part in parts:
            para += nodes.Text(part) if isinstance(part, str) else part
        return para

    def doc_link(self, docname: str, text: str) -> nodes.Node:
        if docname not in self.all_docs:
            return nodes.Text(text)
        ref = addnodes.pending_xref(
            "",
            refdomain="std",
            reftype="doc",
            reftarget="/" + docname,
            refdoc=self.docname,
            refexplicit=True,
        )
        ref += nodes.inline(text, text)
        return ref

    def pages_doc(self, relative: str) -> str:
        return f"{self.pages_dir}/{relative}"

    def pair_title(self, metric: str, scope: str) -> str:
        return labelled(self.names.name_of("metric", metric), self.names.name_of("scope", scope))

    def figure_groups(self, records: list[Record]) -> list[tuple[tuple[str, str], list[Record]]]:
        groups: dict[tuple[str, str], list[Record]] = defaultdict(list)
        for record in records:
            groups[(record.get("metric"), record.get("scope"))].append(record)
        return sorted(groups.items(), key=lambda g: (self.pair_title(*g[0]).lower(), g[0]))

    # --- pages ---------------------------------------------------------------------------------
    def entity(self, rid: str) -> list[nodes.Node]:
        record = self.registry.of_type("entity").get(rid)
        name = record.get("name", rid) if record else rid
        out: list[nodes.Node] = []
        if record is not None:
            out += self.entity_facts(record)
        about = claims_about(self.domain, rid)
        section = self.section(_("Claims about %s") % name, "claims-about")
        figures = [c for c in about if is_figure(c) and c.get("metric") and c.get("scope")]
        for (metric, scope), group in self.figure_groups(figures):
            sub = self.section(self.pair_title(metric, scope), f"about-{metric}--{scope}")
            sub += self.paragraph(
                _("Newest first. Every figure of this metric and scope:") + " ",
                self.doc_link(
                    self.pages_doc(pair_doc(metric, scope)), self.pair_title(metric, scope)
                ),
                ".",
            )
            sub += self.tables.build(newest_first(group), FIGURE_COLUMNS)
            section += sub
        others = [c for c in about if c not in figures]
        if others:
            sub = self.section(_("Facts, viewpoints and other claims"), "about-other")
            sub += self.tables.build(newest_first(others), OTHER_COLUMNS)
            section += sub
        if not about:
            section += self.paragraph(_("No claim is about it yet."))
        out.append(section)
        made = claims_made_by(self.domain, rid)
        section = self.section(_("Claims %s makes") % name, "claims-made")
        section += self.tables.build(
            newest_first(made), ("title", "value", "subject", "as_of", "source", "status")
        )
        out.append(section)
        out.append(self.related(rid, about))
        return out

    def entity_facts(self, record: Record) -> list[nodes.Node]:
        out: list[nodes.Node] = []
        if record.get("description"):
            out.append(
                self.paragraph(record.get("description"), classes=["claimkb-entity-description"])
            )
        facts = [_("Type: %s") % entity_type_words(record.get("type"))]
        if record.get("country"):
            facts.append(_("Country: %s") % record.get("country"))
        if record.get("aliases"):
            facts.append(_("Also known as:") + " " + "; ".join(record.get("aliases")))
        para = self.paragraph(" · ".join(facts), classes=["claimkb-entity-facts"])
        if record.get("url"):
            para += nodes.Text(" · ")
            para += web_link(_("Website"), record.get("url"))
        out.append(para)
        return out

    def related(self, rid: str, about: list[Record]) -> nodes.section:
        entities = self.registry.of_type("entity")
        record = entities.get(rid)
        section = self.section(_("Related entities"), "related")
        items = nodes.bullet_list(classes=["claimkb-related"])
        parent = record.get("parent") if record else None
        if parent:
            items += self.related_item(_("Part of"), [parent])
        children = children_of(self.domain, rid)
        if children:
            items += self.related_item(_("Includes"), children)
        co_subjects = sorted({s for c in about for s in c.get("subject") or []} - {rid})
        if co_subjects:
            items += self.related_item(_("Named with it in claims"), co_subjects)
        if items.children:
            section += items
        else:
            section += self.paragraph(_("No related entity is recorded."))
        return section

    def related_item(self, label: str, ids: list[str]) -> nodes.list_item:
        parts: list[nodes.Node] = [nodes.Text(labelled(label, ""))]
        parts += joined([self.names.entity(e) for e in ids])
        item = nodes.list_item()
        item += self.paragraph(*parts)
        return item

    def pair(self, metric: str, scope: str) -> list[nodes.Node]:
        out: list[nodes.Node] = []
        for rtype, rid in (("metric", metric), ("scope", scope)):
            record = self.registry.of_type(rtype).get(rid)
            text = record.get("definition", "") if record else ""
            label = self.names.name_of(rtype, rid)
            heading = (_("Metric:") if rtype == "metric" else _("Scope:")) + " "
            out.append(
                self.paragraph(
                    nodes.strong(heading, heading),
                    self.xref(rtype, rid, label),
                    f". {text}" if text else ".",
                    classes=[f"claimkb-pair-{rtype}"],
                )
            )
        records = claims_of_pair(self.domain, metric, scope)
        chart = self.chart(metric, scope, records)
        if chart is not None:
            out.append(chart)
        out.append(
            self.paragraph(
                _(
                    "Each colour is one method: figures obtained by different methods (or in "
                    "different years' prices) are not comparable, so the chart keeps them apart. "
                    "Each figure stands at the middle of the period it is about; a hollow circle "
                    "gives no period and stands where it was stated, a diamond is a forecast, a "
                    "triangle a bound only (pointing up: at least; down: at most). Money is "
                    "drawn in constant dollars of one year (the axis says which), converted "
                    "with the US CPI-U; a figure whose dollars cannot be converted is left to "
                    "the table. Retracted claims are left out of the chart."
                ),
                classes=["claimkb-chart-note"],
            )
        )
        out.append(self.tables.build(newest_first(records), FIGURE_COLUMNS))
        return out

    def entity_list(self, *ids: str) -> list[nodes.Node]:
        names = self.names.name_of
        ordered = sorted(ids, key=lambda rid: (names("entity", rid).lower(), rid))
        return [self.links([(entity_doc(rid), names("entity", rid)) for rid in ordered])]

    def pair_list(self, metric: str, *scopes: str) -> list[nodes.Node]:
        names = self.names.name_of
        ordered = sorted(scopes, key=lambda rid: (names("scope", rid).lower(), rid))
        return [self.links([(pair_doc(metric, s), names("scope", s)) for s in ordered])]

    def links(self, pages: list[tuple[str, str]]) -> nodes.bullet_list:
        """A list of links to generated pages (relative to the pages folder), with their texts."""
        listing = nodes.bullet_list(classes=["claimkb-page-list"])
        for relative, text in pages:
            item = nodes.list_item()
            item += self.paragraph(self.doc_link(self.pages_doc(relative), text))
            listing += item
        return listing

    def xref(self, rtype: str, rid: str, text: str) -> nodes.Node:
        return xref(rtype, rid, text, self.docname)

    def chart(self, metric: str, scope: str, records: list[Record]) -> nodes.Node | None:
        builder = self.builder
        if builder.format != "html":
            return None
        series: dict[str, list[Point]] = defaultdict(list)
        base = base_year(self.domain) if money_metric(self.registry, metric) else None
        for record in records:
            point = chart_point(record, in_dollars_of=base)
            if point is None or record.get("status") == "retracted":
                continue
            label = self.names.name_of("method", record.get("method", ""))
            if base is None and record.get("price_year"):
                label += ", " + _("%(year)s prices") % {"year": record.get("price_year")}
            series[label].append(point)
        name = chart_name(metric, scope)
        path = Path(builder.outdir) / "_images" / name
        if not series:
            path.unlink(missing_ok=True)  # the chart of an earlier build
            return None
        metric_record = self.registry.of_type("metric").get(metric)
        unit = metric_record.get("unit", "") if metric_record else ""
        ylabel = self.names.name_of("metric", metric)
        if base is not None:
            ylabel += " " + _("(%(year)s dollars, %(cpi)s)") % {"year": base, "cpi": CPI_NAME}
        write_chart(path, dict(series), unit, ylabel, _("Method"))
        uri = relative_uri(builder.get_target_uri(self.docname), f"_images/{name}")
        title = self.pair_title(metric, scope)
        count = sum(len(points) for points in series.values())
        alt = _("Chart of %(count)s value(s) of %(title)s over time, one colour per method") % {
            "count": count,
            "title": title,
        }
        caption = _("%s, by date; the table below lists every value.") % title
        html = (
            f'<figure class="claimkb-chart" id="chart-{escape(metric)}--{escape(scope)}">'
            f'<img src="{escape(uri)}" alt="{escape(alt)}" loading="lazy">'
            f"<figcaption>{escape(caption)}"
            "</figcaption></figure>"
        )
        return nodes.raw("", html, format="html")

    def source(self, sid: str) -> list[nodes.Node]:
        record = self.registry.of_type("source").get(sid)
        out: list[nodes.Node] = []
        if record is not None:
            details = [record.get("type"), record.get("publisher"), date_of(record, "published")]
            para = self.paragraph(
                ", ".join(str(d) for d in details if d).capitalize() + ". ",
                classes=["claimkb-source-facts"],
            )
            if record.get("authors"):
                para += nodes.Text(_("By %s.") % ", ".join(record.get("authors")) + " ")
            para += web_link(_("Read the original"), record.get("url"))
            if record.get("archive_url"):
                para += nodes.Text(" (")
                para += web_link(_("archived copy"), record.get("archive_url"))
                para += nodes.Text(")")
            para += nodes.Text(".")
            out.append(para)
        citing = self.citing(sid)
        section = self.section(_("Claims citing it"), "claims-citing")
        section += self.tables.build(newest_first(citing))
        out.append(section)
        return out

    def citing(self, sid: str) -> list[Record]:
        return claims_citing(self.domain, sid)

    def sources(self) -> list[nodes.Node]:
        listing = nodes.definition_list(classes=["claimkb-sources"])
        records = self.registry.of_type("source")
        for sid in sorted(records, key=lambda s: (records[s].get("title", s).lower(), s)):
            record = records[sid]
            item = nodes.definition_list_item()
            term = nodes.term(ids=[f"sources-{sid}"])
            term += self.xref("source", sid, record.get("title", sid))
            details = [record.get("publisher"), date_of(record, "published")]
            term += nodes.Text(" (" + ", ".join(str(d) for d in details if d) + ")")
            item += term
            definition = nodes.definition()
            citing = sorted(self.citing(sid), key=lambda c: c.get("title", c.id).lower())
            if citing:
                links = [self.xref("claim", c.id, c.get("title", c.id)) for c in citing]
                definition += self.paragraph(*joined(links))
            else:
                definition += self.paragraph(_("No claim on this site cites it."))
            item += definition
            listing += item
        return [listing]

    def disputes(self) -> list[nodes.Node]:
        shown = {c.id: c for c in shown_claims(self.domain)}
        pairs = contradictions(self.domain)
        out: list[nodes.Node] = []
        section = self.section(_("Claims that contradict others"), "contradictions")
        compare = CompareBuilder(self.domain, self.docname)
        for index, (left, right) in enumerate(pairs):
            section += self.paragraph(
                self.xref("claim", left, shown[left].get("title", left)),
                " " + _("contradicts") + " ",
                self.xref("claim", right, shown[right].get("title", right)),
                ".",
                classes=["claimkb-dispute-heading"],
            )
            section += compare.build([shown[left], shown[right]], f"dispute-{index + 1}")
        if not pairs:
            section += self.paragraph(_("No claim contradicts another."))
        out.append(section)
        section = self.section(_("Claims marked as disputed"), "disputed")
        section += self.tables.build(newest_first(disputed(self.domain)))
        out.append(section)
        return out

    def timeline(self) -> list[nodes.Node]:
        years: dict[str, list[Record]] = defaultdict(list)
        for claim in shown_claims(self.domain):
            # the year of the period, else of as_of (its "Period" cell then says "stated")
            years[str(time_key(claim.data)[0] // 10000 or "")].append(claim)
        out: list[nodes.Node] = []
        for year in sorted(years, key=lambda y: (y == "", y)):
            records = sorted(years[year], key=lambda c: (time_key(c.data), c.id))
            section = self.section(year or _("Undated"), f"year-{year or 'undated'}")
            section += self.tables.build(records, TIMELINE_COLUMNS)
            out.append(section)
        return out
