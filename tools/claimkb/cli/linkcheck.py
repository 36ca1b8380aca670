"""`claimkb linkcheck`: around Sphinx's `linkcheck` builder, which checks every link of the site
(source URLs are links on the site; `make linkcheck` runs it).

- `claimkb linkcheck changed BASE`: the URLs of the sources added or changed since the git
  revision BASE, for a pull request's link check (`make linkcheck LINKCHECK_URLS=FILE`);
- `claimkb linkcheck report OUTPUT_JSON`: the dead links of a linkcheck run, each with its source's
  `archive_url` where there is one; exit 1 when a link is dead.
"""

from __future__ import annotations

import argparse
import json
import subprocess
from pathlib import Path

from ..core.collection_reader import CollectionError, parse_yaml, to_plain
from ..core.registry import load_registry
from .common import Project, UsageError, add_root_argument, display_path, project_root
from .knowledge_base import load_schemas_of

#: Source fields that hold addresses a reader may follow.
URL_FIELDS = ("url", "via", "archive_url")


def source_urls(records) -> dict[str, str]:
    """URL -> id of the source that gives it."""
    return {
        record.data[name]: record.id
        for record in records
        if record.type == "source"
        for name in URL_FIELDS
        if isinstance(record.data.get(name), str)
    }


def changed_urls(root: Path, base: str) -> list[str]:
    """URLs of the sources added or changed in the collections since the git revision `base`."""
    now = _registry(root)
    urls: list[str] = []
    before = _sources_at(root, base, [p.relative_to(root).as_posix() for p in now.files])
    for record in now.records:
        if record.type != "source" or before.get(record.id) == record.data:
            continue
        urls += [record.data[name] for name in URL_FIELDS if isinstance(record.data.get(name), str)]
    return sorted(set(urls))


def _sources_at(root: Path, revision: str, paths: list[str]) -> dict[str, dict]:
    found: dict[str, dict] = {}
    for path in paths:
        shown = subprocess.run(
            ["git", "show", f"{revision}:{path}"], cwd=root, capture_output=True, text=True
        )
        if shown.returncode != 0:
            continue  # a file the base does not have: all its sources are new
        try:
            data = to_plain(parse_yaml(shown.stdout))
        except CollectionError:
            continue
        items = data.get("sources") if isinstance(data, dict) else None
        for item in items if isinstance(items, list) else []:
            if isinstance(item, dict) and isinstance(item.get("id"), str):
                found[item["id"]] = item
    return found


def dead_links(output_json: Path, root: Path) -> list[str]:
    """One line per broken link of a linkcheck run, with the source's archived copy if any."""
    records = _registry(root).records
    owners = source_urls(records)
    archived = {r.id: r.data.get("archive_url") for r in records if r.type == "source"}
    lines = []
    seen: set[str] = set()
    for raw in output_json.read_text(encoding="utf-8").splitlines():
        result = json.loads(raw)
        uri = result.get("uri", "")
        if result.get("status") != "broken" or uri in seen:
            continue
        seen.add(uri)
        owner = owners.get(uri)
        where = f"source {owner}" if owner else f"{result.get('filename')}:{result.get('lineno')}"
        line = f"dead link: {uri} ({where}): {result.get('info', '')}"
        if owner and archived.get(owner):
            line += f"; archived copy: {archived[owner]}"
        elif owner:
            line += "; no archive_url: add one (or a replacement url) to the source"
        lines.append(line)
    return lines


def _registry(root: Path):
    project = Project.at(root)
    return load_registry(project.collections_dir, load_schemas_of(project))


def register(subparsers) -> None:
    parser = subparsers.add_parser(
        "linkcheck",
        help="list the URLs a change adds, or the dead links of a linkcheck run",
        description=__doc__,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    add_root_argument(parser)
    commands = parser.add_subparsers(dest="linkcheck_command", required=True, metavar="COMMAND")
    changed = commands.add_parser("changed", help="URLs of sources added or changed since BASE")
    changed.add_argument("base", help="a git revision, e.g. origin/main")
    changed.set_defaults(run=run_changed)
    report = commands.add_parser("report", help="dead links of a linkcheck output.json")
    report.add_argument("output", type=Path, help="_build/linkcheck/output.json")
    report.set_defaults(run=run_report)


def run_changed(args: argparse.Namespace) -> int:
    root = project_root(args.root)
    print("".join(f"{url}\n" for url in changed_urls(root, args.base)), end="")
    return 0


def run_report(args: argparse.Namespace) -> int:
    root = project_root(args.root)
    if not args.output.is_file():
        raise UsageError(
            f"no linkcheck output at {display_path(args.output)}", "run `make linkcheck` first"
        )
    dead = dead_links(args.output, root)
    print("".join(f"{line}\n" for line in dead) or "no dead links\n", end="")
    return 1 if dead else 0
