"""`claimkb new claim|source|entity|...`: add a valid skeleton record where it belongs.

A claim is appended to a page (`--page`) as a `claim` directive, or added to a collection
(`--collection`) like any other record. Every field of the record's schema is a flag; the fields
its kind requires (read from the schema, conditions included) are asked for when run in a terminal,
and named as missing flags otherwise. Nothing already in the file is changed or moved: the new
text is inserted whole, and the file is then validated as the build reads it.

Exit status: 0 written and valid, 1 written with findings, 2 usage error or bad input (nothing
written).
"""

from __future__ import annotations

import argparse
import datetime
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from jsonschema import Draft202012Validator

from ..core.codes import FindingCode
from ..core.records import Finding, Location, Record
from ..core.schema import Schemas
from ..core.validate import check_record
from .common import Project, UsageError, display_path, project_root
from .knowledge_base import load_knowledge_base, load_schemas_of
from .record_writers import add_to_collection, append_claim_to_page

#: Fields that take today's date when nothing is given: when a source was read (always), and
#: when a figure holds (where the claim's kind requires it).
TODAY_FIELDS = ("accessed", "as_of")
ALWAYS_TODAY = ("accessed",)


def register(subparsers) -> None:
    parser = subparsers.add_parser(
        "new",
        help="add a claim, source, entity… skeleton to a page or collection",
        description="Add a new record where it belongs, with the fields its kind requires. "
        "Run `claimkb new claim --help` (or source, entity, …) to see every field flag.",
    )
    parser.add_argument(
        "record_type", metavar="TYPE", help="claim, source, entity, metric, unit, scope or method"
    )
    parser.add_argument(
        "fields",
        nargs=argparse.REMAINDER,
        metavar="...",
        help="--page/--collection and field flags (see `claimkb new TYPE --help`)",
    )
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    root = _project_root(args.fields)
    schemas = load_schemas_of(Project.at(root))
    if args.record_type not in schemas.record_types:
        raise UsageError(
            f"unknown record type {args.record_type!r}",
            f"use one of {', '.join(schemas.record_types)}",
        )
    options = record_parser(schemas, args.record_type).parse_args(args.fields)
    return create(root, schemas, args.record_type, options)


def record_parser(schemas: Schemas, rtype: str) -> argparse.ArgumentParser:
    """`claimkb new <rtype>`'s options: where to write, and one flag per schema field."""
    parser = argparse.ArgumentParser(
        prog=f"claimkb new {rtype}",
        description=schemas.documents[rtype].get("description", ""),
    )
    where = parser.add_argument_group("where it goes")
    if rtype == "claim":
        where.add_argument("--page", type=Path, help="a MyST page to append the claim to")
    where.add_argument(
        "--collection",
        type=Path,
        help="a collection (claims/NAME.yaml) to add the record to; created if it does not exist",
    )
    where.add_argument("--root", type=Path, help="project root (default: found upward from here)")
    fields = parser.add_argument_group("fields (from the schema)")
    for spec in schemas.fields[rtype].values():
        flags = [f"--{spec.name.replace('_', '-')}"]
        if "_" in spec.name:
            flags.append(f"--{spec.name}")
        details = [spec.description]
        if spec.enum:
            details.append(f"One of: {', '.join(spec.enum)}.")
        if spec.type == "array" and "comma" not in spec.description:
            details.append("Several separated by commas.")
        if spec.name in TODAY_FIELDS:
            details.append("Default: today, where needed.")
        if rtype == "claim" and spec.name == "text":
            details.append("In a page it becomes the directive's body.")
        fields.add_argument(
            *flags,
            dest=f"field_{spec.name}",
            metavar="VALUE",
            help=" ".join(d for d in details if d).replace("%", "%%"),
        )
    return parser


def required_fields(schemas: Schemas, rtype: str, data: dict) -> list[str]:
    """The fields the schema requires of this record as it is so far: `required`, and the
    `required` of every `if`/`then` whose condition the record meets."""
    document = schemas.documents[rtype]
    names = list(document.get("required", []))
    for rule in document.get("allOf", []):
        condition = rule.get("if")
        if condition is not None and Draft202012Validator(condition).is_valid(data):
            names += rule.get("then", {}).get("required", [])
            # one of these (value, or a bound alone): ask for the first when none is given
            either = rule.get("then", {}).get("x-required-one-of", [])
            if either and not any(name in data for name in either):
                names.append(either[0])
    order = list(schemas.fields[rtype])
    return sorted(dict.fromkeys(names), key=lambda n: order.index(n) if n in order else len(order))


@dataclass
class Target:
    path: Path
    page: bool  # a MyST page (claim directive) or a collection (YAML record)


def create(root: Path, schemas: Schemas, rtype: str, options: argparse.Namespace) -> int:
    target = _target(rtype, options)
    raw = {name: getattr(options, f"field_{name}") for name in schemas.fields[rtype]}
    raw = {name: value for name, value in raw.items() if value is not None}
    data = _converted(schemas, rtype, raw)
    _complete(schemas, rtype, raw, data)
    problems = _problems(schemas, rtype, data)
    if problems:
        raise UsageError(
            "\n".join(
                f"{_flag(f.field)}: {f.message}" + (f" ({f.hint})" if f.hint else "")
                for f in problems
            ),
            "nothing was written",
        )
    base = load_knowledge_base(root)
    for record in base.records:
        if record.type == rtype and record.id == data["id"]:
            raise UsageError(
                f"{rtype} id {data['id']!r} already exists",
                f"defined at {display_path(record.location.path)}:{record.location.line}; "
                "choose another id",
            )
    if target.page:
        first_line = append_claim_to_page(target.path, data, raw, schemas)
    else:
        first_line = add_to_collection(target.path, rtype, data, schemas)
    print(f"added {rtype} {data['id']} to {display_path(str(target.path))}:{first_line}")
    findings = _findings_of(root, target.path, rtype, data["id"])
    for finding in findings:
        print(f"{display_path(finding.path)}:{finding.line}:{finding.column}: {finding.text()}")
    return 1 if findings else 0


def _project_root(argv: list[str]) -> Path:
    probe = argparse.ArgumentParser(add_help=False)
    probe.add_argument("--root", type=Path)
    known, _ = probe.parse_known_args(argv)
    return project_root(known.root)


def _target(rtype: str, options: argparse.Namespace) -> Target:
    page, collection = getattr(options, "page", None), options.collection
    if rtype == "claim" and (page is None) == (collection is None):
        raise UsageError(
            "say where the claim goes: --page docs/....md or --collection claims/....yaml"
        )
    if page is not None:
        if page.suffix != ".md" or not page.is_file():
            raise UsageError(
                f"no MyST page {page}",
                "create the page first (and list it in a toctree), then add claims",
            )
        return Target(page, True)
    if collection is None:
        raise UsageError("say which collection the record goes to: --collection claims/NAME.yaml")
    if collection.suffix != ".yaml":
        raise UsageError(
            f"{collection} is not a collection file", "collections are claims/NAME.yaml"
        )
    return Target(collection, False)


def _converted(schemas: Schemas, rtype: str, raw: dict[str, str]) -> dict[str, Any]:
    data: dict[str, Any] = {}
    for name, text in raw.items():
        flag = f"--{name.replace('_', '-')}"
        if not text.strip():
            raise UsageError(f"{flag} has no value", schemas.fields[rtype][name].description)
        try:
            data[name] = schemas.convert_option(rtype, name, text)
        except ValueError as error:
            raise UsageError(f"{flag}: {error}", schemas.fields[rtype][name].description) from None
    return data


def _complete(schemas: Schemas, rtype: str, raw: dict[str, str], data: dict[str, Any]) -> None:
    """Fill today's dates, then ask for the missing required fields (or name them and stop)."""
    today = datetime.date.today().isoformat()
    interactive = sys.stdin.isatty()
    asked: set[str] = set()
    while True:
        required = required_fields(schemas, rtype, data)
        for name in TODAY_FIELDS:
            if (
                name in schemas.fields[rtype]
                and name not in data
                and (name in ALWAYS_TODAY or name in required)
            ):
                raw[name], data[name] = today, today
        missing = [name for name in required if name not in data]
        if not missing:
            return
        if not interactive:
            flags = " ".join(f"--{n.replace('_', '-')}" for n in missing)
            raise UsageError(
                f"missing required fields for a new {rtype}: {flags}",
                f"see `claimkb new {rtype} --help` for what each means",
            )
        for name in missing:
            if name in asked:
                continue
            asked.add(name)
            raw[name] = _ask(schemas, rtype, name)
            data.update(_converted(schemas, rtype, {name: raw[name]}))
            if name == "kind":
                break  # the kind decides which other fields are required


def _ask(schemas: Schemas, rtype: str, name: str) -> str:
    spec = schemas.fields[rtype][name]
    print(f"{name}: {spec.description}", file=sys.stderr)
    if spec.enum:
        print(f"  one of: {', '.join(spec.enum)}", file=sys.stderr)
    while True:
        try:
            answer = input(f"{name}> ").strip()
        except EOFError:
            raise UsageError(f"no value for {name}") from None
        if not answer:
            continue
        try:
            value = schemas.convert_option(rtype, name, answer)
        except ValueError as error:
            print(f"  {error}", file=sys.stderr)
            continue
        problems = _problems(schemas, rtype, {name: value})
        if not problems:
            return answer
        for problem in problems:
            print(
                f"  {problem.message}" + (f" ({problem.hint})" if problem.hint else ""),
                file=sys.stderr,
            )


def _problems(schemas: Schemas, rtype: str, data: dict[str, Any]) -> list[Finding]:
    """What the validation core finds wrong with these fields (missing ones are not asked about)."""
    record = Record(rtype, str(data.get("id", "")), data, Location("<new>"))
    return [
        f
        for f in check_record(record, schemas)
        if f.field in data and not f.message.startswith("missing required field")
    ]


def _flag(name: str) -> str:
    return f"--{name.replace('_', '-')}"


# --- checking what was written ---------------------------------------------------------------
def _findings_of(root: Path, path: Path, rtype: str, record_id: str) -> list[Finding]:
    """Findings of the new record, read back from the file as the build reads it."""
    base = load_knowledge_base(root)
    where = path.resolve()
    read_back = [
        r
        for r in base.records
        if r.type == rtype and r.id == record_id and Path(r.location.path).resolve() == where
    ]
    if not read_back:
        return [
            Finding(
                str(path),
                1,
                code=FindingCode.FILE,
                record_type=rtype,
                record_id=record_id,
                message="written, but the knowledge base does not read this file",
                hint="pages live under docs/ (not excluded), collections in claims/",
            )
        ]
    ours = (rtype, record_id)
    return [
        f
        for f in base.findings
        if Path(f.path).resolve() == where
        and (
            (f.record_type, f.record_id) == ours or f.code == FindingCode.SHOWN
        )  # shown on no page
    ]
