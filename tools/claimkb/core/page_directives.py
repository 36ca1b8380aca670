"""What the knowledge base's directives in a page name, and whether they are written right.

The Sphinx directives and the MyST scanner of `claimkb validate` both turn a directive's
arguments and options into `PageReference`s here, and both check its arguments here, so that
the build and the command line see the same thing at the same line.
"""

from __future__ import annotations

from .claim_filters import CLAIMS, LATEST, SELECTING, latest_count, parse_filters
from .codes import FindingCode
from .fields import FILTERS
from .records import Finding, PageReference

#: directive -> (fewest arguments, most arguments or None, what they are)
ARGUMENTS = {
    "compare": (2, None, "two or more claim ids"),
    "claim-card": (1, 1, "one claim id, of a claim defined elsewhere"),
    "registry": (1, 1, "one registry list name, e.g. scopes"),
    "claim-collection": (1, 1, "one collection name, the file name in claims/ without .yaml"),
}
#: directives whose arguments are each one reference
REFERENCING = frozenset(ARGUMENTS)
#: `claim-collection`'s options -> the values each takes (the first is the default): `cards`,
#: a card each; `rows`, one sortable table whose rows keep the cards' details one click away
#: (an explainer's "All the figures on this page"); `table`, one lean table, what the claims
#: share said once above it (a data set of hundreds of claims)
COLLECTION_OPTIONS = {"layout": ("cards", "rows", "table")}


def check_arguments(directive: str, arguments: list[str], path: str, line: int) -> list[Finding]:
    """A directive given too few or too many arguments."""
    fewest, most, what = ARGUMENTS[directive]
    if fewest <= len(arguments) and (most is None or len(arguments) <= most):
        return []
    return [
        Finding(
            path,
            line,
            code=FindingCode.SCHEMA,
            record_type="directive",
            record_id=directive,
            message=f"takes {what}; {len(arguments)} given",
            hint=f"```{{{directive}}} " + " ".join(["…"] * max(fewest, 1)),
        )
    ]


def check_table_options(
    options: dict[str, str | None], path: str, line: int, option_lines: dict[str, int]
) -> list[Finding]:
    """A `claims` table's options that are not filters, with a value it cannot use."""
    if LATEST not in options or latest_count(options[LATEST]) is not None:
        return []
    return [
        Finding(
            path,
            option_lines.get(LATEST, line),
            code=FindingCode.SCHEMA,
            record_type="directive",
            record_id="claims",
            field=LATEST,
            message=f"{(options[LATEST] or '').strip()!r} is not a whole number greater than 0",
            hint=f":{LATEST}: 8 shows the 8 claims with the newest as_of",
        )
    ]


def collection_layout(options: dict[str, str | None]) -> str:
    """How a `claim-collection` shows its claims: `cards` (the default), `rows` or `table`; a
    value it cannot use counts as the default (`check_collection_options` reports it)."""
    value = (options.get("layout") or "").strip()
    return value if value in COLLECTION_OPTIONS["layout"] else COLLECTION_OPTIONS["layout"][0]


def check_collection_options(
    options: dict[str, str | None], path: str, line: int, option_lines: dict[str, int]
) -> list[Finding]:
    """A `claim-collection` option it does not have, or a value it cannot use."""
    findings = []
    for name, raw in options.items():
        value = (raw or "").strip()
        allowed = COLLECTION_OPTIONS.get(name)
        if allowed is not None and value in allowed:
            continue
        if allowed is None:
            message = f"unknown option {name!r}"
            hint = ", ".join(
                f":{option}: {'|'.join(v)}" for option, v in COLLECTION_OPTIONS.items()
            )
        else:
            message = f"{value!r} is not one of {', '.join(allowed)}"
            hint = f":{name}: {allowed[-1]}"
        findings.append(
            Finding(
                path,
                option_lines.get(name, line),
                code=FindingCode.SCHEMA,
                record_type="directive",
                record_id="claim-collection",
                field=name,
                message=message,
                hint=hint,
            )
        )
    return findings


def directive_references(
    directive: str,
    arguments: list[str],
    options: dict[str, str | None],
    path: str,
    line: int,
    option_lines: dict[str, int],
) -> list[PageReference]:
    """What a `compare`, `claim-card`, `registry` or `claim-collection` directive names, and
    the options and values of a directive that selects claims (`claims`, `key-figures`,
    `claims-pivot`)."""
    if directive in REFERENCING:
        return [PageReference(target, path, line, directive) for target in arguments]
    if directive not in SELECTING:
        return []
    references = []
    for name, values in parse_filters(options).items():
        at = option_lines.get(name, line)
        references.append(PageReference(name, path, at, directive))
        if name in FILTERS or (name == CLAIMS and CLAIMS in SELECTING[directive]):
            references += [PageReference(value, path, at, directive, name) for value in values]
    return references
