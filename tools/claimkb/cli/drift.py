"""`claimkb drift genai-prices`: the hand-written token prices against the genai-prices data set,
each at the claim's own date (`importers.genai_prices.drift`).

Exit status: 0 no unexplained difference, 1 at least one (`differs`), 2 usage error or an
unreadable data set. Differences the claim explains (checked against its own source, or
superseded by a later price) are reported and do not fail.
"""

from __future__ import annotations

import argparse
import json
from collections import Counter
from pathlib import Path

from ..core.current_status import superseded_by
from ..importers.genai_prices.dataset import DEFAULT_MODULE, Dataset, DatasetError, load
from ..importers.genai_prices.drift import FAILING, Comparison, compare
from .common import UsageError, add_root_argument, display_path, project_root, write_atomically
from .knowledge_base import load_knowledge_base

#: verdict -> what the report calls it, in the order the report lists them
VERDICTS = {
    "differs": "DIFFERS (unexplained)",
    "checked": "differs, claim checked against its own source",
    "superseded": "differs, claim superseded",
    "missing": "no such price in the data set",
    "unmapped": "not mapped to the data set",
    "agrees": "agrees",
}


def register(subparsers) -> None:
    parser = subparsers.add_parser(
        "drift",
        help="compare hand-written prices with an external data set at each claim's date",
        description="Compare the hand-written token-price claims with the genai-prices data "
        "set's price at each claim's date, and report every difference with both values and "
        "dates. Exit status: 0 no unexplained difference, 1 at least one, 2 usage error.",
    )
    datasets = parser.add_subparsers(dest="dataset", required=True, metavar="DATASET")
    genai = datasets.add_parser(
        "genai-prices",
        help="the pinned genai-prices package's bundled data",
        description="Compare with the genai-prices package's bundled data (no network).",
    )
    genai.add_argument("--dataset-module", default=DEFAULT_MODULE, metavar="MODULE",
                       help=f"a module with the data set (default: {DEFAULT_MODULE})")  # fmt: skip
    genai.add_argument("--format", choices=("text", "json"), default="text")
    genai.add_argument("--output", type=Path, help="write the report to this file")
    add_root_argument(genai)
    genai.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    root = project_root(args.root)
    try:
        dataset = load(args.dataset_module)
    except DatasetError as error:
        raise UsageError(f"{args.dataset_module}: {error.message}", error.hint) from None
    base = load_knowledge_base(root)
    claims = [r for r in base.records if r.type == "claim"]
    found = compare(base.records, dataset, superseded_by(claims))
    render = as_json if args.format == "json" else as_text
    text = render(found, dataset, root)
    if args.output:
        write_atomically(args.output, text.encode("utf-8"))
        print(f"wrote {display_path(args.output)}")
    else:
        print(text, end="")
    return 1 if any(c.verdict in FAILING for c in found) else 0


def as_text(found: list[Comparison], dataset: Dataset, root: Path) -> str:
    counts = Counter(c.verdict for c in found)
    lines = [
        f"Drift check: hand-written token prices against genai-prices {dataset.version} "
        f"(released {dataset.released}), each at the claim's date.",
        ", ".join(f"{counts[v]} {VERDICTS[v]}" for v in VERDICTS),
    ]
    for verdict, title in VERDICTS.items():
        chosen = [c for c in found if c.verdict == verdict]
        if not chosen or verdict == "agrees":
            continue
        lines += ["", f"{title}:"]
        lines += [f"  {_line(c, root)}" for c in chosen]
    agreed = sorted({c.claim_id for c in found if c.verdict == "agrees"})
    if agreed:
        lines += ["", f"agrees: {', '.join(agreed)}"]
    return "\n".join(lines) + "\n"


def _line(c: Comparison, root: Path) -> str:
    where = f"{_relative(c.path, root)}:{c.line}: {c.claim_id}"
    claimed = f"claim ${c.value} on {c.day}" if c.value is not None else "claim without a value"
    if c.verdict == "unmapped":
        return f"{where}: {c.note}"
    if c.quote is None:
        return f"{where}: {claimed}; {c.model}: {c.note}"
    since = f"from {c.quote.start}" if c.quote.start else "no start date"
    text = f"{where}: {claimed}; {c.model} ${c.quote.value} ({since})"
    return text + (f": {c.note}" if c.note else "")


def as_json(found: list[Comparison], dataset: Dataset, root: Path) -> str:
    data = {
        "dataset": {"name": "genai-prices", "version": dataset.version,
                    "released": dataset.released.isoformat()},
        "comparisons": [
            {
                "claim": c.claim_id, "path": _relative(c.path, root), "line": c.line,
                "date": c.day.isoformat() if c.day else None,
                "value": str(c.value) if c.value is not None else None,
                "model": c.model or None, "verdict": c.verdict, "note": c.note or None,
                "dataset_value": str(c.quote.value) if c.quote else None,
                "dataset_start": c.quote.start.isoformat() if c.quote and c.quote.start else None,
            }
            for c in found
        ],
    }  # fmt: skip
    return json.dumps(data, indent=1, sort_keys=True) + "\n"


def _relative(path: str, root: Path) -> str:
    try:
        return Path(path).resolve().relative_to(root.resolve()).as_posix()
    except ValueError:
        return path
