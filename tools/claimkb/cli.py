"""`claimkb`: the knowledge base's command line. Each subcommand lives in its own module
(`cmd_<name>.py`) exposing `register(subparsers)`; the parser dispatches to the function it sets."""

from __future__ import annotations

import argparse
import sys
from importlib import import_module

from . import __version__
from .knowledge_base import ProjectError, usage_error

SUBCOMMANDS = ("validate", "import", "fmt", "new", "lint")


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="claimkb", description="Check, create and format the claims of the AI Cost Ledger."
    )
    parser.add_argument("--version", action="version", version=f"claimkb {__version__}")
    subparsers = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    for name in SUBCOMMANDS:
        import_module(f".cmd_{name}", __package__).register(subparsers)
    return parser


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)  # usage errors exit 2, as argparse does
    try:
        return args.run(args)
    except ProjectError as error:  # no project root, an unreadable conf.py or schema
        return usage_error(args.command, str(error), error.hint)
    except KeyboardInterrupt:
        print("claimkb: interrupted", file=sys.stderr)
        return 130


if __name__ == "__main__":
    sys.exit(main())
