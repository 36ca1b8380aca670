"""`claimkb`: the knowledge base's command line. Each command lives in its own module exposing
`register(subparsers)`; the parser dispatches to the function it sets."""

from __future__ import annotations

import argparse
import sys
from importlib import import_module

from .. import __version__
from .common import UsageError, report_usage_error

#: command -> its module
COMMANDS = {
    "validate": "validate",
    "lint": "lint",
    "fmt": "fmt",
    "new": "new",
    "import": "import_epoch",
    "linkcheck": "linkcheck",
    "diff": "diff",
    "drift": "drift",
}


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="claimkb", description="Check, create and format the claims of the AI Cost Ledger."
    )
    parser.add_argument("--version", action="version", version=f"claimkb {__version__}")
    subparsers = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    for module in COMMANDS.values():
        import_module(f".{module}", __package__).register(subparsers)
    return parser


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)  # usage errors exit 2, as argparse does
    try:
        return args.run(args)
    except UsageError as error:  # no project root, an unreadable conf.py or schema, a bad value
        return report_usage_error(args.command, error)
    except KeyboardInterrupt:
        print("claimkb: interrupted", file=sys.stderr)
        return 130


if __name__ == "__main__":
    sys.exit(main())
