"""Entry point of the ``bargainlab`` command.

Every command module registers its sub-parser; errors from the library
(:class:`~bargainlab.errors.BargainlabError`) and from argument parsing are printed as one line
on stderr with exit code 2, never as a traceback.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Sequence

from bargainlab import __version__
from bargainlab.cli import (
    app,
    bilateral,
    check,
    classics,
    mechanism,
    one_sided,
    plot_two_sided,
    plot_views,
    reproduce,
    sequential,
    sweep,
    two_sided,
)
from bargainlab.cli.common import CommandGroups, Parser, UsageError
from bargainlab.errors import BargainlabError

__all__ = ["main", "build_parser", "MODULES"]

#: Command modules, in help order. Each has ``register(groups: CommandGroups)`` and adds its
#: sub-commands to the groups it needs (``groups.group("solve")``, ``groups.top``, ...).
MODULES = (
    two_sided,
    plot_two_sided,
    plot_views,
    check,
    mechanism,
    sweep,
    one_sided,
    classics,
    bilateral,
    sequential,
    reproduce,
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

#: Library parameter names whose command-line option is spelled differently.
OPTION_ALIASES = {
    "bargaining_power": "beta",
    "discount": "delta",
    "seller_capacities": "seller_capacity",
    "buyer_capacities": "buyer_capacity",
}


def _option_hint(error: BargainlabError, argv: Sequence[str]) -> str:
    """' (option --name)' when the library's parameter is a command-line option that was given."""
    parameter = getattr(error, "parameter", None)
    if not isinstance(parameter, str):
        return ""
    name = parameter.split(" ")[0]
    option = "--" + OPTION_ALIASES.get(name, name).replace("_", "-")
    given = any(arg == option or arg.startswith(option + "=") for arg in argv)
    return f" (option {option})" if given and not str(error).startswith(option) else ""


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; return the exit code."""
    parser = build_parser()
    arguments = list(sys.argv[1:] if argv is None else argv)
    try:
        args = parser.parse_args(arguments)
        return int(args.run(args))
    except UsageError as error:
        print(f"bargainlab: error: {error}", file=sys.stderr)
        return 2
    except BargainlabError as error:
        print(f"bargainlab: error: {error}{_option_hint(error, arguments)}", file=sys.stderr)
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
