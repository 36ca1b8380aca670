"""What `claimkb lint` reads in a page's prose: bare figures, the words around claim roles, and
inline code.

A dollar or GPU figure in a page's prose should be a claim, shown with `{claim-value}`; prose is
every text of a page except its title, claim directives, roles, code (blocks and inline), block
quotes and directives whose body is not Markdown. The words just before and after each claim role
are kept, claim statements included (a role there is shown as in prose), so that the core can tell
a value's own unit or bound written twice (`core.hygiene`). Pages are tokenised as
`scanner.scan_page` does, by MyST's own markdown-it parser with the site's configuration.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from markdown_it import MarkdownIt
from markdown_it.token import Token

from ..core.cross_checks import CLAIM_ROLES
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


@dataclass(frozen=True)
class ProseRole:
    """A claim role in running text, with the words around it as readers read them (line
    breaks as spaces; markup such as emphasis dropped)."""

    name: str  # "claim" or "claim-value"
    target: str
    before: str
    after: str
    line: int
    column: int


@dataclass(frozen=True)
class ProseCode:
    """Inline code in prose: `model_costs.csv`, `api-input-list-price`."""

    text: str
    line: int
    column: int


@dataclass
class ProseScan:
    figures: list[ProseFigure] = field(default_factory=list)
    roles: list[ProseRole] = field(default_factory=list)
    code: list[ProseCode] = field(default_factory=list)
    #: each run of plain text (no role or code inside), with its first line
    runs: list[tuple[str, int]] = field(default_factory=list)


def prose_figures(text: str, md: MarkdownIt) -> list[ProseFigure]:
    """Dollar and GPU figures in the prose of one MyST page."""
    return scan_prose(text, md).figures


def scan_prose(text: str, md: MarkdownIt) -> ProseScan:
    """Figures, claim roles with their neighbouring words, inline code and text runs of a page's
    prose (roles in claim statements too; figures and code only outside claims)."""
    scanner = _ProseScanner(md, text)
    scanner.scan(text, 0)
    return scanner.found


class _ProseScanner(PageScanner):
    """`scan`'s walk through a page (directive bodies at their lines, code never entered), looking
    at the text of prose instead of claims; inside a claim's statement only at its roles."""

    def __init__(self, md: MarkdownIt, text: str):
        super().__init__(md, "", None, None)  # type: ignore[arg-type]  # reads no claim: no schemas
        self.lines = text.splitlines()
        self.found = ProseScan()
        self.in_claim = 0

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
        claim = name.strip("{}") in CLAIM_DIRECTIVES
        self.in_claim += claim
        try:
            super()._fence(token, line)
        finally:
            self.in_claim -= claim

    def _claim(self, token: Token, content: str, parsed, line: int) -> None:
        """A claim's fields are not prose; its statement is scanned for its roles only."""

    def _prose(self, children: list[Token], line: int) -> None:
        # text runs joined across line breaks; a role or code ends a run, so no match spans one
        runs: list[tuple[str, int]] = []
        run: list[str] = []
        run_line = current = line
        pending: list[tuple[Token, int, str]] = []  # roles waiting for the words after them
        for child in children:
            if child.type == "text":
                run.append(child.content)
            elif child.type in ("softbreak", "hardbreak"):
                run.append("\n")
                current += 1
            elif child.type in INLINE_MARKUP:
                continue
            else:
                text = "".join(run)
                runs.append((text, run_line))
                self._close_roles(pending, text)
                if child.type == "myst_role" and child.meta["name"].lower() in CLAIM_ROLES:
                    pending.append((child, current, text))
                elif child.type == "code_inline" and not self.in_claim:
                    self.found.code.append(
                        ProseCode(child.content, current, self._column(current, child.content))
                    )
                run, run_line = [], current
        text = "".join(run)
        runs.append((text, run_line))
        self._close_roles(pending, text)
        if self.in_claim:
            return
        self.found.runs += runs
        for text, first_line in runs:
            for kind, pattern in (("dollar", MONEY), ("GPU", GPUS)):
                for match in pattern.finditer(text):
                    at = first_line + text.count("\n", 0, match.start())
                    figure = " ".join(match.group().split())
                    self.found.figures.append(
                        ProseFigure(kind, figure, at, self._column(at, match.group()))
                    )

    def _close_roles(self, pending: list[tuple[Token, int, str]], after: str) -> None:
        """The roles met since the last run end here: `after` is the text that follows them
        (for roles side by side, only the last has words after it)."""
        for index, (role, line, before) in enumerate(pending):
            following = after if index == len(pending) - 1 else ""
            source = "{" + role.meta["name"] + "}`" + role.content + "`"
            self.found.roles.append(
                ProseRole(
                    role.meta["name"].lower(),
                    role.content,
                    re.sub(r"\s+", " ", before),
                    re.sub(r"\s+", " ", following),
                    line,
                    self._column(line, source),
                )
            )
        pending.clear()

    def _column(self, line: int, text: str) -> int:
        source = self.lines[line - 1] if 0 < line <= len(self.lines) else ""
        first_word = (text.split() or [""])[0]
        return source.find(first_word) + 1 if first_word and first_word in source else 1


def _first_line(token: Token) -> int:
    """The 0-based line a block token starts at (markdown-it maps every block token)."""
    return token.map[0] if token.map else 0
