"""Figures written as bare prose, for `claimkb lint`.

A dollar or GPU figure in a page's prose should be a claim, shown with `{claim-value}`; prose is
every text of a page except its title, claim directives, roles, code (blocks and inline), block
quotes and directives whose body is not Markdown. Pages are tokenised as `scanner.scan_page` does,
by MyST's own markdown-it parser with the site's configuration.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from markdown_it import MarkdownIt
from markdown_it.token import Token

from .scanner import PageScanner

_NUMBER = r"\d+(?:[.,]\d+)*"
_SCALE = r"(?:thousand|million|billion|trillion|bn|[KkMBT])"
_WORD_NUMBER = (
    r"(?:a|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|"
    r"thirty|forty|fifty|sixty|seventy|eighty|ninety|hundred|several|few|tens|hundreds|dozens)"
)
_GPU = (
    r"(?:(?:NVIDIA|Nvidia|Hopper|Ampere|Blackwell)[\s-]+)?"
    r"(?:GPU|H100|H800|H20|H200|A100|A800|B200|GB200|V100|TPU|Hopper|accelerator|chip)s?\b"
)
MONEY = re.compile(
    rf"(?:US)?\$\s?{_NUMBER}(?:\s?{_SCALE}\b)?"
    rf"|\bUSD\s?{_NUMBER}(?:\s?{_SCALE}\b)?"
    rf"|(?<![\w.,]){_NUMBER}(?:\s?{_SCALE})?\s(?:US\s)?(?:dollars\b|USD\b)"
    rf"|\b{_WORD_NUMBER}(?:[\s-]+(?:{_WORD_NUMBER}|of))*\s+"
    r"(?:thousand|million|billion|trillion)s?\s+(?:of\s+)?(?:US\s)?dollars\b",
    re.IGNORECASE,
)
GPUS = re.compile(rf"(?<![\w.,$-]){_NUMBER}(?:\s?(?:[kKM]|thousand|million)\b)?[\s-]+{_GPU}")

#: Directives whose content is checked for claims, not prose.
CLAIM_DIRECTIVES = frozenset({"claim"})
#: Inline markup that leaves its text in the prose around it.
INLINE_MARKUP = frozenset(
    {"link_open", "link_close", "em_open", "em_close", "strong_open", "strong_close"}
)


@dataclass(frozen=True)
class ProseFigure:
    kind: str  # "dollar" or "GPU"
    text: str
    line: int
    column: int


def prose_figures(text: str, md: MarkdownIt) -> list[ProseFigure]:
    """Dollar and GPU figures in the prose of one MyST page."""
    scanner = _ProseScanner(md, text)
    scanner.scan(text, 0)
    return scanner.found


class _ProseScanner(PageScanner):
    """`scan`'s walk through a page (directive bodies at their lines, code never entered), looking
    at the text of prose instead of claims and roles."""

    def __init__(self, md: MarkdownIt, text: str):
        super().__init__(md, "", None, None)  # type: ignore[arg-type]  # reads no claim: no schemas
        self.lines = text.splitlines()
        self.found: list[ProseFigure] = []

    def scan(self, text: str, offset: int) -> None:
        tokens = self.md.parse(text + "\n", {})
        if tokens and tokens[0].type == "front_matter":
            tokens.pop(0)
        quoted = 0
        title = offset == 0  # a page title may quote the headline figures the page explains
        for index, token in enumerate(tokens):
            if title and token.type == "inline" and tokens[index - 1].tag == "h1":
                title = False
                continue
            if token.type in ("blockquote_open", "blockquote_close"):
                quoted += 1 if token.type == "blockquote_open" else -1
            elif quoted:
                continue
            elif token.type in ("fence", "colon_fence"):
                self._fence(token, _first_line(token) + offset + 1)
            elif token.type == "inline" and token.children:
                self._prose(token.children, _first_line(token) + offset + 1)

    def worth_scanning(self, body: str) -> bool:
        return True  # prose is what this scanner looks at

    def _fence(self, token: Token, line: int) -> None:
        name = ((token.info or "").strip().split(maxsplit=1) or [""])[0]
        if name.strip("{}") in CLAIM_DIRECTIVES:
            return
        super()._fence(token, line)

    def _prose(self, children: list[Token], line: int) -> None:
        # text runs joined across line breaks; a role or code ends a run, so no match spans one
        runs, run, run_line, current = [], [], line, line
        for child in children:
            if child.type == "text":
                run.append(child.content)
            elif child.type in ("softbreak", "hardbreak"):
                run.append("\n")
                current += 1
            elif child.type in INLINE_MARKUP:
                continue
            else:
                runs.append(("".join(run), run_line))
                run, run_line = [], current
        runs.append(("".join(run), run_line))
        for text, first_line in runs:
            for kind, pattern in (("dollar", MONEY), ("GPU", GPUS)):
                for match in pattern.finditer(text):
                    at = first_line + text.count("\n", 0, match.start())
                    figure = " ".join(match.group().split())
                    self.found.append(ProseFigure(kind, figure, at, self._column(at, match)))

    def _column(self, line: int, match: re.Match) -> int:
        source = self.lines[line - 1] if 0 < line <= len(self.lines) else ""
        first_word = match.group().split()[0]
        return source.find(first_word) + 1 if first_word in source else 1


def _first_line(token: Token) -> int:
    """The 0-based line a block token starts at (markdown-it maps every block token)."""
    return token.map[0] if token.map else 0
