"""Sources' links checked by Sphinx's `linkcheck` builder (source URLs are links on the site).

- `claimkb_linkcheck_urls_file` (conf value, or `-D claimkb_linkcheck_urls_file=FILE`): check only
  the URLs listed in FILE, one a line (every other link is reported as ignored);
- `python -m claimkb.linkcheck changed BASE`: the URLs of the sources added or changed since the
  git revision BASE, for a pull request's link check;
- `python -m claimkb.linkcheck report OUTPUT_JSON`: the dead links of a linkcheck run, each with
  its source's `archive_url` where there is one; exit 1 when a link is dead.
"""

from __future__ import annotations

import argparse
import json
import re
import subprocess
import sys
from pathlib import Path

from .collections import CollectionError, parse_yaml, to_plain
from .knowledge_base import find_root
from .registry import load_registry
from .schema import load_schemas

#: Source fields that hold addresses a reader may follow.
URL_FIELDS = ("url", "via", "archive_url")


def setup_linkcheck(app) -> None:
    app.add_config_value("claimkb_linkcheck_urls_file", "", "", types=[str])
    app.connect("config-inited", _only_listed_urls)


def _only_listed_urls(app, config) -> None:
    if not config.claimkb_linkcheck_urls_file:
        return
    listed = Path(app.confdir, config.claimkb_linkcheck_urls_file)
    urls = [
        line.strip() for line in listed.read_text(encoding="utf-8").splitlines() if line.strip()
    ]
    # linkcheck skips every URL a pattern matches: match all but the listed ones
    alternatives = "|".join(re.escape(url) for url in urls)
    pattern = f"(?!(?:{alternatives})$)" if urls else ""
    config.linkcheck_ignore = [*config.linkcheck_ignore, pattern]


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
    """URLs of the sources added or changed in `claims/` since the git revision `base`."""
    schemas = load_schemas(root / "schema")
    now = load_registry(root / "claims", schemas)
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
    schemas = load_schemas(root / "schema")
    records = load_registry(root / "claims", schemas).records
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


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m claimkb.linkcheck", description=__doc__)
    parser.add_argument("--root", type=Path, help="project root (default: found upward from here)")
    commands = parser.add_subparsers(dest="command", required=True)
    changed = commands.add_parser("changed", help="URLs of sources added or changed since BASE")
    changed.add_argument("base", help="a git revision, e.g. origin/main")
    report = commands.add_parser("report", help="dead links of a linkcheck output.json")
    report.add_argument("output", type=Path, help="_build/linkcheck/output.json")
    args = parser.parse_args(argv)
    root = (args.root or find_root(Path.cwd()) or Path.cwd()).resolve()
    if args.command == "changed":
        print("".join(f"{url}\n" for url in changed_urls(root, args.base)), end="")
        return 0
    if not args.output.is_file():
        print(f"no linkcheck output at {args.output}", file=sys.stderr)
        return 2
    dead = dead_links(args.output, root)
    print("".join(f"{line}\n" for line in dead) or "no dead links\n", end="")
    return 1 if dead else 0


if __name__ == "__main__":
    sys.exit(main())
