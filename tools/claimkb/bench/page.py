"""```{benchmark-results} benchmark-results.json```: the tables of the latest `make bench`, read
from its JSON results at build time, so the page always shows the file that is committed."""

from __future__ import annotations

import json
from pathlib import Path

from sphinx.util.docutils import SphinxDirective

from .run import STEP_LABELS

VARIANT_LABELS = {"claimkb": "claimkb", "baseline": "baseline", "needs": "sphinx-needs"}


def results_markdown(document: dict) -> str:
    parts = [_machine(document)]
    if not document.get("complete"):
        parts.append("**Partial results: the run had not finished when this file was written.**")
    parts += ["### Ratios", _ratios(document["ratios"])]
    parts += ["### Measurements (medians)", _measurements(document["results"])]
    if document.get("edits"):
        parts += ["### Edits: what a contributor waits for", _edits(document["edits"])]
    if document.get("epoch"):
        parts += ["### Epoch AI's database as one collection", _epoch(document["epoch"])]
    if document.get("charts"):
        parts += ["### Charts: their share of the real site's build", _charts(document["charts"])]
    if document.get("profile"):
        parts += ["### Where the time goes", _profile(document["profile"])]
    return "\n\n".join(parts) + "\n"


def _machine(document: dict) -> str:
    machine = document["machine"]
    versions = ", ".join(f"{name} {version}" for name, version in machine["versions"].items())
    minutes = document.get("total_seconds", 0) / 60
    cpu_minutes = document.get("total_cpu_seconds", 0) / 60
    return (
        f"Measured {document.get('date', '?')} with `{document['command']}` on "
        f"{machine['cores']} cores, {machine['ram_gb']} GB RAM, Python {machine['python']} "
        f"({machine['platform']}); {versions}. The run took {minutes:.0f} minutes "
        f"({cpu_minutes:.0f} CPU minutes)."
    )


def _table(header: str, align: str, rows: list[str]) -> str:
    return "\n".join([header, align, *rows])


def _ratios(rows: list[dict]) -> str:
    lines = []
    for row in rows:
        value, cpu, goal = row["value"], row["cpu"], row["goal"]
        # most goals are ceilings; a rate (the search's top-1 and top-3) is a floor
        floor = row.get("at_least", False)
        measured = value if value is not None else cpu  # a ratio measured in CPU time only
        reached = (
            measured is not None
            and goal is not None
            and (measured >= goal if floor else measured <= goal)
        )
        met = "" if goal is None else ("yes" if reached else "**no**")
        shown = row.get("note", "") if value is None else f"{value:.2f}"
        bound = "" if goal is None else f"{'≥' if floor else '≤'} {goal:g}"
        lines.append(
            f"| {row['size']} | {row['ratio']} | {shown} | "
            f"{'' if cpu is None else f'{cpu:.2f}'} | {bound} | {met} |"
        )
    return _table(
        "| size | ratio | wall time (memory) | CPU time | goal | met |",
        "|---|---|--:|--:|--:|:-:|",
        lines,
    )


def _measurements(results: dict) -> str:
    lines = [
        f"| {size} | {VARIANT_LABELS.get(variant, variant)} | {STEP_LABELS[step]} "
        f"| {m['seconds']:.1f} | {m['cpu']:.1f} | {m['max_rss_mb']:.0f} | {m['runs']} "
        f"| {m.get('pages_written', '')} |"
        for size, variants in results.items()
        for variant, steps in variants.items()
        for step, m in steps.items()
    ]
    return _table(
        "| size | variant | measure | wall (s) | CPU (s) | peak RSS (MB) | runs | pages written |",
        "|---|---|---|--:|--:|--:|--:|--:|",
        lines,
    )


def _edits(cases: dict) -> str:
    lines = []
    for case in cases.values():
        full, pages = case["full"], case["pages"]
        lines.append(
            f"| {case['project']} | full build | | {full['seconds']:.1f} | {full['cpu']:.1f} "
            f"| 1.00 | {full.get('pages_written', pages)} / {pages} |"
        )
        lines += [
            f"| {case['project']} | {edit['kind']} | {_cell(edit['what'])} | {edit['seconds']:.1f} "
            f"| {edit['cpu']:.1f} | {edit['seconds'] / full['seconds']:.2f} "
            f"| {edit['pages_written']} / {edit.get('pages_total', pages)} |"
            for edit in case["edits"]
        ]
    return _table(
        "| project | edit | what changed | wall (s) | CPU (s) | / full build | pages written |",
        "|---|---|---|--:|--:|--:|--:|",
        lines,
    )


def _cell(text: str) -> str:
    """`text` in a table cell: a `|` would end the cell."""
    return text.replace("|", "\\|")


def _charts(case: dict) -> str:
    """The real site's full build with its charts and without (`-D claimkb_charts=0`)."""
    facts = [
        ("charts drawn", case["charts"]),
        ("points drawn", case["points"]),
        ("their files (MB)", f"{case['bytes'] / 2**20:.1f}"),
        ("full build with charts, wall / CPU (s)",
         f"{case['with']['seconds']:.1f} / {case['with']['cpu']:.1f}"),
        ("full build without, wall / CPU (s)",
         f"{case['without']['seconds']:.1f} / {case['without']['cpu']:.1f}"),
        ("share of the build, wall / CPU", f"{case['wall_share']:.3f} / {case['cpu_share']:.3f}"),
    ]  # fmt: skip
    if case.get("charts_share") is not None:
        wall = case.get("charts_wall_share")
        shares = f"{'-' if wall is None else f'{wall:.3f}'} / {case['charts_share']:.3f}"
        facts.append(("charts' own work inside the build (models, HTML, files, drawings), "
                      "share of it, wall / CPU", shares))  # fmt: skip
    if case.get("drawing_share") is not None:
        facts.append(("vl-convert's drawings and PNGs, share of the same build's CPU",
                      f"{case['drawing_share']:.3f}"))  # fmt: skip
    return _table("| measure | value |", "|---|--:|", [f"| {k} | {v} |" for k, v in facts])


def _epoch(epoch: dict) -> str:
    if "skipped" in epoch:
        return f"Not measured: {epoch['skipped']}."
    facts = [
        ("models imported", epoch["models"]),
        ("entities", epoch["entities"]),
        ("figure claims", epoch["claims"]),
        ("`claimkb import epoch` (s)", epoch["import_seconds"]),
        ("`claimkb validate` (s)", epoch["validate_seconds"]),
    ]
    if "timed_out" in epoch:
        facts += [
            ("strict `-j 2` build", f"timed out after {epoch['timed_out']:.0f} s"),
            ("pages written when stopped", epoch["pages_when_stopped"]),
        ]
    else:
        build = epoch["build"]
        facts += [
            ("strict `-j 2` build, wall (s)", f"{build['seconds']:.1f}"),
            ("strict `-j 2` build, CPU (s)", f"{build['cpu']:.1f}"),
            ("peak memory (MB)", f"{build['max_rss_mb']:.0f}"),
            ("pages", epoch["pages"]),
            ("generated pages", epoch["generated_pages"]),
            ("average generated page (KB)", f"{epoch['generated_page_kb']:.1f}"),
            ("output (MB)", f"{epoch['output_bytes'] / 2**20:.1f}"),
        ]
        search = epoch.get("search") or {}
        if "index_seconds" in search:
            facts += [
                ("search index (Pagefind), build time (s)", f"{search['index_seconds']:.1f}"),
                ("search index, share of the build", f"{search['index_share']:.1%}"),
                ("search index, all files (MB)", f"{search['bundle_bytes'] / 2**20:.2f}"),
            ]
            if search.get("first_result_kb_max") is not None:
                facts += [
                    ("downloaded before the first result, largest (KB)",
                     f"{search['first_result_kb_max']:.0f}"),
                    ("the same, text gzipped by the host, largest (KB)",
                     f"{search.get('compressed_kb_max') or 0:.0f}"),
                    ("page load to first result, CPU slowed 4 times, slowest (s)",
                     f"{search['first_result_s_max']:.2f}"),
                    ("search to first results, CPU slowed 4 times, slowest (s)",
                     f"{search.get('search_s_max') or 0:.2f}"),
                ]  # fmt: skip
        else:
            facts.append(
                ("search index, searchindex.js (MB)", f"{epoch['searchindex_bytes'] / 2**20:.2f}")
            )
    return _table("| measure | value |", "|---|--:|", [f"| {k} | {v} |" for k, v in facts])


def _profile(profile: dict) -> str:
    lines = [
        f"One full claimkb build at {profile['size']} under cProfile ({profile['seconds']:.0f} s "
        f"profiled, imports of {profile['import_seconds']:.1f} s before it), own time of each "
        "function bucketed by the module it belongs to:",
        "",
        "| part | share |",
        "|---|--:|",
    ]
    lines += [f"| {name} | {share:.0%} |" for name, share in profile["buckets"].items()]
    lines += ["", "claimkb's own functions, cumulative time as a share of the build:", ""]
    lines += ["| function | share |", "|---|--:|"]
    lines += _shares(profile["claimkb_cumulative"])
    lines += ["", "The largest parts of *other*:", "", "| function | share |", "|---|--:|"]
    lines += _shares(profile["other_top"])
    return "\n".join(lines)


def _shares(shares: dict[str, float]) -> list[str]:
    return [f"| `{name}` | {share:.1%} |" for name, share in shares.items()]


class BenchmarkResults(SphinxDirective):
    required_arguments = 1

    def run(self):
        relative, path = self.env.relfn2path(self.arguments[0])
        self.env.note_dependency(relative)
        try:
            document = json.loads(Path(path).read_text(encoding="utf-8"))
            text = results_markdown(document)
        except (OSError, ValueError, KeyError, TypeError) as error:
            message = f"cannot show the benchmark results {self.arguments[0]}: {error}"
            raise self.error(message) from None
        return self.parse_text_to_nodes(text)


def setup(app):
    app.add_directive("benchmark-results", BenchmarkResults)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
