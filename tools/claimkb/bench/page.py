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
        met = "" if goal is None else ("yes" if value <= goal else "**no**")
        lines.append(
            f"| {row['size']} | {row['ratio']} | {value:.2f} | "
            f"{'' if cpu is None else f'{cpu:.2f}'} | {'' if goal is None else f'≤ {goal:g}'} "
            f"| {met} |"
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
