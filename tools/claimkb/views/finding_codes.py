"""The table of finding codes (```{finding-codes}```): each code, what it means, how to
silence it."""

from __future__ import annotations

from collections.abc import Iterable

from docutils import nodes

from ..core.codes import FindingCode


def finding_codes_table() -> nodes.table:
    table = nodes.table(classes=["claimkb-finding-codes"])
    group = nodes.tgroup(cols=3)
    table += group
    group += [nodes.colspec(colwidth=width) for width in (2, 6, 5)]
    head = nodes.thead()
    head += _row([nodes.Text(h)] for h in ("Code", "What it means", "To silence it in conf.py"))
    group += head
    body = nodes.tbody()
    for code in FindingCode:
        silence = f'suppress_warnings = ["claim.{code}"]'
        body += _row(
            [
                [nodes.literal(str(code), str(code))],
                [nodes.Text(code.description)],
                [nodes.literal(silence, silence)],
            ],
            ids=[f"code-{code}"],
        )
    group += body
    return table


def _row(cells: Iterable[list[nodes.Node]], ids: Iterable[str] = ()) -> nodes.row:
    row = nodes.row(ids=list(ids))
    for content in cells:
        entry = nodes.entry()
        para = nodes.paragraph()
        para.extend(content)
        entry += para
        row += entry
    return row
