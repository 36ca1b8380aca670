"""The syntax of the knowledge base's directives: arguments, options and content.

The Sphinx directives inherit it and the page scanner parses with it, so both read a directive's
text the same way. Options are open (any name, as text) and arguments are counted by the core, so
that a misspelt option or a missing argument gets a located, hinted finding instead of MyST's or
docutils' generic refusal.
"""

from __future__ import annotations

from docutils.parsers.rst import Directive, directives


class OpenOptionSpec(dict):
    """Accepts every option name, as text; the core converts and checks them."""

    def __missing__(self, key):
        return directives.unchanged

    def __contains__(self, key):
        return True

    def __bool__(self):  # MyST reads an options block only when a directive has options
        return True


class ClaimSyntax(Directive):
    """```{claim} id``` with options (the fields) and a Markdown body (the statement)."""

    optional_arguments = 1
    final_argument_whitespace = True
    has_content = True
    option_spec = OpenOptionSpec()


class ReferencesSyntax(Directive):
    """```{compare} a b```, ```{registry} scopes```, ```{claim-collection} name```: arguments
    that name things, counted by `core.page_directives.check_arguments`."""

    optional_arguments = 100


class CollectionSyntax(ReferencesSyntax):
    """```{claim-collection} name``` with its options (`:layout: cards|rows|table`)."""

    option_spec = OpenOptionSpec()


class ClaimsTableSyntax(Directive):
    """```{claims}```, ```{key-figures}```, ```{claims-pivot}```, ```{latest-figures}```: filter
    options."""

    option_spec = OpenOptionSpec()


SYNTAX = {
    "claim": ClaimSyntax,
    "compare": ReferencesSyntax,
    "claim-card": ReferencesSyntax,
    "registry": ReferencesSyntax,
    "claim-collection": CollectionSyntax,
    "claims": ClaimsTableSyntax,
    "key-figures": ClaimsTableSyntax,
    "claims-pivot": ClaimsTableSyntax,
    "latest-figures": ClaimsTableSyntax,
}
