"""Entry point of the ``bargainlab`` command.

Every command module registers its sub-parser; errors from the library
(:class:`~bargainlab.errors.BargainlabError`) and from argument parsing are printed as one line
on stderr with exit code 2, never as a traceback.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence

from bargainlab._version import __version__
from bargainlab.cli import (
    app,
    bilateral,
    check,
    classics,
    mechanism,
    one_sided,
    plot_two_sided,
    sequential,
    sweep,
    transparency,
    two_sided,
)
from bargainlab.cli.common import CommandGroups, Parser, UsageError
from bargainlab.errors import BargainlabError, InvalidParameterError

__all__ = ["main", "build_parser", "MODULES"]

#: Command modules, in help order. Each has ``register(groups: CommandGroups)`` and adds its
#: sub-commands to the groups it needs (``groups.group("solve")``, ``groups.top``, ...).
MODULES = (
    two_sided,
    plot_two_sided,
    check,
    mechanism,
    sweep,
    one_sided,
    classics,
    bilateral,
    sequential,
    transparency,
    app,
)


def build_parser() -> Parser:
    """The full argument parser."""
    parser = Parser(
        prog="bargainlab",
        description="Compute, check and see bargaining outcomes under incomplete information.",
    )
    parser.add_argument("--version", action="version", version=f"bargainlab {__version__}")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=Parser)
    commands.required = True
    groups = CommandGroups(commands)
    for module in MODULES:
        module.register(groups)
    return parser


#: Optional packages and the extra that installs each.
OPTIONAL_PACKAGES = {
    "matplotlib": "plot",
    "streamlit": "app",
    "plotly": "app",
    "dask": "distributed",
    "distributed": "distributed",
    "pyarrow": "distributed",
}


def _leaf_parser(parser: argparse.ArgumentParser, args: argparse.Namespace) -> argparse.ArgumentParser:
    """The (sub-)parser that parsed the command's own options."""
    current = parser
    while True:
        chooser = next((a for a in current._actions if isinstance(a, argparse._SubParsersAction)), None)
        if chooser is None:
            return current
        chosen = getattr(args, chooser.dest, None)
        if chosen not in chooser.choices:
            return current
        current = chooser.choices[chosen]


def _option_as_typed(action: argparse.Action, argv: Sequence[str]) -> str:
    """The spelling of ``action``'s option in ``argv`` (``--beta`` or ``--beta=…``), else its first."""
    for arg in argv:
        for option in action.option_strings:
            if arg == option or arg.startswith(option + "="):
                return option
    return action.option_strings[0] if action.option_strings else action.dest


def _qualifier(error: InvalidParameterError) -> str:
    """What the label adds to the key beyond decoration: ``"grid prior1"`` → ``" prior1"``."""
    extra = error.label[len(error.key) :] if error.label.startswith(error.key) else ""
    return "" if extra.strip().startswith("(") else extra


def describe_error(
    error: BargainlabError, parser: argparse.ArgumentParser, args: argparse.Namespace | None, argv: Sequence[str]
) -> str:
    """One line for a library error: an invalid parameter is named by the option it came from.

    Options are declared with ``dest`` equal to the library's parameter key (the vocabulary
    table), so the key of an :class:`~bargainlab.errors.InvalidParameterError` finds its option.
    """
    if isinstance(error, InvalidParameterError) and args is not None:
        leaf = _leaf_parser(parser, args)
        for dest in (error.key, error.label):
            for action in leaf._actions:
                if action.dest == dest and action.option_strings:
                    return error.describe(_option_as_typed(action, argv) + _qualifier(error))
    return str(error)


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; return the exit code."""
    parser = build_parser()
    arguments = list(sys.argv[1:] if argv is None else argv)
    args: argparse.Namespace | None = None
    try:
        args = parser.parse_args(arguments)
        return int(args.run(args))
    except UsageError as error:
        print(f"bargainlab: error: {error}", file=sys.stderr)
        return 2
    except BargainlabError as error:
        print(f"bargainlab: error: {describe_error(error, parser, args, arguments)}", file=sys.stderr)
        return 2
    except ModuleNotFoundError as error:
        package = (error.name or "").split(".")[0]
        if package not in OPTIONAL_PACKAGES:
            raise
        extra = OPTIONAL_PACKAGES[package]
        print(
            f"bargainlab: error: this command needs the optional package {package!r}: "
            f"pip install 'bargainlab[{extra}]'",
            file=sys.stderr,
        )
        return 2
    except KeyboardInterrupt:
        print("bargainlab: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:  # e.g. `bargainlab ... | head`: stop quietly
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return 0


def entry() -> None:  # pragma: no cover - thin wrapper for console scripts
    """Console-script entry point."""
    sys.exit(main())


if __name__ == "__main__":  # pragma: no cover
    entry()
