"""What the Sphinx build finds in a MyST page — `claim` directives, `{claim}` and `{claim-value}`
roles, and what `compare`, `claims`, `key-figures`, `claims-pivot`, `registry` and
`claim-collection` directives name — found without running Sphinx.

A page is tokenised by MyST's own markdown-it parser with the site's MyST configuration. The
bodies of directives and of `:::` divs are tokenised again at their line offsets, as MyST's renderer
does when a directive parses its content, so every line is the one the build reports. Code blocks
and directives whose body is not Markdown are never entered. A claim's text goes through
`parse_directive_text` and `directive_text` exactly as in the `claim` directive.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache

from docutils.parsers.rst import Directive
from docutils.parsers.rst import directives as rst_directives
from docutils.parsers.rst.languages import en as rst_english
from docutils.parsers.rst.states import MarkupError
from docutils.utils import unescape
from markdown_it import MarkdownIt
from markdown_it.renderer import RendererHTML
from markdown_it.token import Token
from myst_parser.config.main import (
    MdParserConfig,
    TopmatterReadError,
    merge_file_level,
    read_topmatter,
)
from myst_parser.parsers.directives import parse_directive_text
from myst_parser.parsers.mdit import create_md_parser
from sphinx.util.docutils import ReferenceRole

from ..core.claim_filters import LATEST, SELECTING, selection_filters, table_filters
from ..core.claim_options import ClaimDirectiveText, claim_from_directive
from ..core.codes import FindingCode
from ..core.cross_checks import CLAIM_ROLES
from ..core.page_directives import (
    check_arguments,
    check_collection_options,
    check_table_options,
    directive_references,
)
from ..core.records import Finding, PageReference, Record
from ..core.schema import Schemas
from .directive_syntax import SYNTAX, OpenOptionSpec
from .option_lines import option_lines

#: Directives whose body is not Markdown: a claim written there is an example, not a claim.
# fmt: off
LITERAL_DIRECTIVES = frozenset((
    "code", "code-block", "sourcecode", "literalinclude", "include", "raw", "math", "csv-table",
    "parsed-literal", "highlight", "toctree", "productionlist", "eval-rst", "graphviz", "digraph",
    "graph", "mermaid", "plantuml", "doctest", "testcode", "testoutput", "testsetup",
    "testcleanup", "code-cell", "jupyter-execute", "ipython",
))
# fmt: on


@dataclass
class PageScan:
    """Everything of one page that the knowledge-base checks need."""

    path: str
    claims: list[Record] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)
    #: claims, collections, registry lists and filters the page names
    references: list[PageReference] = field(default_factory=list)
    docname: str | None = None
    #: the filters of each `claims` table, as the directive matches claims with them
    tables: list[dict[str, list[str]]] = field(default_factory=list)


class _AnyDirective(Directive):
    """Stands in for a directive that plain docutils does not know (a Sphinx or sphinx-design
    one): one argument line, an options block, Markdown content."""

    optional_arguments = 1
    final_argument_whitespace = True
    has_content = True
    option_spec = OpenOptionSpec()


def md_config(conf: dict) -> MdParserConfig:
    """MyST's configuration from the `myst_*` values of a Sphinx `conf.py` namespace."""
    names = [
        name
        for name, _, f in MdParserConfig().as_triple()
        if "sphinx" not in f.metadata.get("omit", [])
    ]
    return MdParserConfig(
        **{name: conf[f"myst_{name}"] for name in names if f"myst_{name}" in conf}
    )


def markdown_parser(config: MdParserConfig) -> MarkdownIt:
    """The markdown-it parser MyST builds for this configuration (tokens only, no rendering)."""
    return create_md_parser(config, RendererHTML)


def scan_page(
    text: str,
    path: str,
    schemas: Schemas,
    md: MarkdownIt,
    docname: str | None = None,
) -> PageScan:
    """Claims, their findings, claim roles and shown collections of one MyST page's text."""
    try:
        topmatter = read_topmatter(text)
    except TopmatterReadError:
        topmatter = None
    if topmatter:  # a page's front matter can change its MyST configuration
        config = md.options["myst_config"]
        page_config = merge_file_level(config, topmatter, lambda *_: None)
        md = md if page_config == config else markdown_parser(page_config)
    scanner = PageScanner(md, path, schemas, docname)
    scanner.scan(text, 0)
    return scanner.page


class PageScanner:
    """Walks a page's MyST tokens, directive bodies included, collecting claims and roles."""

    def __init__(self, md: MarkdownIt, path: str, schemas: Schemas, docname: str | None):
        self.md, self.schemas, self.docname = md, schemas, docname
        self.page = PageScan(path, docname=docname)
        self.fence_directives = set(md.options["myst_config"].fence_as_directive)

    def scan(self, text: str, offset: int) -> None:
        """Tokens of `text`, whose first line is 0-based line `offset` of the page."""
        tokens = self.md.parse(text + "\n", {})
        if tokens and tokens[0].type == "front_matter":
            tokens.pop(0)
        for token in tokens:
            # MyST's renderer: 1-based lines, inline children take their block's first line
            line = token.map[0] + offset + 1 if token.map else 0
            if token.type in ("fence", "colon_fence"):
                self._fence(token, line)
            elif token.children:
                self._roles(token.children, line)

    def _roles(self, children: list[Token], line: int) -> None:
        for child in children:
            if child.type != "myst_role" or child.meta["name"].lower() not in CLAIM_ROLES:
                continue
            text = child.content
            if text.startswith("!"):  # a disabled reference links nothing
                continue
            matched = ReferenceRole.explicit_title_re.match(text)
            target = unescape(matched.group(2) if matched else text)
            self.page.references.append(
                PageReference(
                    re.sub(r"\s+", " ", target), self.page.path, line, child.meta["name"].lower()
                )
            )

    def _fence(self, token: Token, line: int) -> None:
        parts = (token.info or "").strip().split(maxsplit=1)
        name = parts[0] if parts else ""
        arguments = parts[1] if len(parts) > 1 else ""
        content = token.content
        if name.startswith("{") and name.endswith("}"):
            name = name[1:-1]
        elif token.type == "colon_fence":
            self.scan(content, line)  # a `:::name` div: its content is Markdown
            return
        elif name not in self.fence_directives:
            return  # a code block
        if token.type == "colon_fence" and content.startswith(":::"):
            content = "\n" + content  # as MyST does, so a nested fence is not an option
        if name == "eval-rst" or name in LITERAL_DIRECTIVES:
            return
        directive_class = _directive_class(name)
        try:
            parsed = parse_directive_text(directive_class, arguments, content, line=line)
        except MarkupError:
            return  # MyST reports it; a directive that does not run shows nothing
        if name == "claim":
            self._claim(token, content, parsed, line)
        elif name in SYNTAX:
            self._references(name, token, content, parsed, line)
        body = "\n".join(parsed.body)
        if body and self.worth_scanning(body):
            self.scan(body, line + parsed.body_offset)

    def worth_scanning(self, body: str) -> bool:
        """What this scanner looks for (a role, a `{name}` fence) needs a brace, unless a
        directive may be fenced by its bare name; most claims' bodies are plain text."""
        return "{" in body or bool(self.fence_directives)

    def _claim(self, token: Token, content: str, parsed, line: int) -> None:
        claim_id = parsed.arguments[0].strip() if parsed.arguments else ""
        for warning in parsed.warnings:  # MyST logs these as `myst.*` warnings, in these words
            self.page.findings.append(
                Finding(
                    self.page.path,
                    warning.lineno or line,
                    code=FindingCode.MYST,
                    record_id=claim_id,
                    message=f"'claim': {warning.msg}",
                )
            )
        directive = ClaimDirectiveText(
            claim_id,
            parsed.options,
            option_lines(_block_text(token, content), line, parsed.options),
            "\n".join(parsed.body),
            self.page.path,
            line,
            body_line=line + parsed.body_offset + 1,
            docname=self.docname,
        )
        record, findings = claim_from_directive(directive, self.schemas)
        self.page.claims.append(record)
        self.page.findings.extend(findings)

    def _references(self, name: str, token: Token, content: str, parsed, line: int) -> None:
        path = self.page.path
        if name in ("compare", "claim-card", "registry", "claim-collection"):
            self.page.findings += check_arguments(name, parsed.arguments, path, line)
        lines = option_lines(_block_text(token, content), line, parsed.options)
        if name == "claim-collection":
            self.page.findings += check_collection_options(parsed.options, path, line, lines)
        self.page.references += directive_references(
            name, parsed.arguments, parsed.options, path, line, lines
        )
        if LATEST in SELECTING.get(name, {}):  # `claims`, `latest-figures`
            self.page.findings += check_table_options(parsed.options, path, line, lines)
        if name == "claims":
            self.page.tables.append(table_filters(parsed.options))
        elif name in SELECTING:  # key figures, a pivot, latest figures: some of what it selects
            self.page.tables.append(selection_filters(parsed.options))


def _block_text(token: Token, content: str) -> str:
    """The directive's text as MyST gives it to a directive (`block_text`)."""
    content_text = content if not content or content.endswith("\n") else content + "\n"
    return f"{token.markup}{token.info}\n{content_text}{token.markup}\n"


@cache
def _directive_class(name: str) -> type[Directive]:
    if name in SYNTAX:
        return SYNTAX[name]
    if name.lower() in rst_english.directives:
        # docutils takes no document here (it then reports nothing); its stubs want one
        found, _ = rst_directives.directive(name, rst_english, None)  # type: ignore[arg-type]
        if found is not None:
            return found
    return _AnyDirective
