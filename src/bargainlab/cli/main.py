"""Entry point of the ``bargainlab`` command.

Every command module registers its sub-parser; errors from the library
(:class:`~bargainlab.errors.BargainlabError`) and from argument parsing are printed as one line
on stderr with exit code 2, never as a traceback.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence

from bargainlab import __version__
from bargainlab.cli import two_sided
from bargainlab.cli.common import Parser, UsageError
from bargainlab.errors import BargainlabError

__all__ = ["main", "build_parser"]

#: Modules contributing ``solve`` sub-commands (each has ``add_solve_parser``).
SOLVE_MODULES = (two_sided,)


def build_parser() -> Parser:
    """The full argument parser."""
    parser = Parser(
        prog="bargainlab",
        description="Compute, check and see bargaining outcomes under incomplete information.",
    )
    parser.add_argument("--version", action="version", version=f"bargainlab {__version__}")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=Parser)
    commands.required = True
    solve = commands.add_parser("solve", help="solve a model at one parameter point")
    models = solve.add_subparsers(dest="model", metavar="MODEL", parser_class=Parser)
    models.required = True
    for module in SOLVE_MODULES:
        module.add_solve_parser(models)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; return the exit code."""
    parser = build_parser()
    try:
        args = parser.parse_args(argv)
        return int(args.run(args))
    except UsageError as error:
        print(f"bargainlab: error: {error}", file=sys.stderr)
        return 2
    except BargainlabError as error:
        print(f"bargainlab: error: {error}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("bargainlab: interrupted", file=sys.stderr)
        return 130


def entry() -> None:  # pragma: no cover - thin wrapper for console scripts
    """Console-script entry point."""
    sys.exit(main())


if __name__ == "__main__":  # pragma: no cover
    entry()
