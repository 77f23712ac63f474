"""Entry point of the ``bargainlab`` command.

Every command module registers its sub-parser; errors from the library
(:class:`~bargainlab.errors.BargainlabError`) and from argument parsing are printed as one line
on stderr with exit code 2, never as a traceback.
"""

from __future__ import annotations

import argparse
import os
import sys
import warnings
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
    plot_views,
    reproduce,
    sequential,
    sweep,
    transparency,
    two_sided,
)
from bargainlab.cli.common import CommandGroups, Parser, UsageError
from bargainlab.errors import BargainlabError, InvalidParameterError, MissingDependencyError

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


#: How the library asks for a truncation (``Distribution.from_scipy``); the CLI names its option.
SUPPORT_HINT = "give support=(a, b)"


def _support_option(error: InvalidParameterError, leaf: argparse.ArgumentParser, argv: Sequence[str]) -> str | None:
    """The option of a distribution's support (``--seller-support``, ``--support``) for an error
    labelled "seller's support", so the message names what the user typed, not the library's key."""
    if not error.label.endswith("'s support"):
        return None
    for dest in (f"{error.key}_support", "support"):
        for action in leaf._actions:
            if action.dest == dest and action.option_strings:
                return _option_as_typed(action, argv)
    return None


def describe_error(
    error: BargainlabError, parser: argparse.ArgumentParser, args: argparse.Namespace | None, argv: Sequence[str]
) -> str:
    """One line for a library error: an invalid parameter is named by the option it came from.

    Options are declared with ``dest`` equal to the library's parameter key (the vocabulary
    table), so the key of an :class:`~bargainlab.errors.InvalidParameterError` finds its option.
    """
    if isinstance(error, InvalidParameterError) and args is not None:
        leaf = _leaf_parser(parser, args)
        support = _support_option(error, leaf, argv)
        if support is not None:
            detail = error.detail.replace(SUPPORT_HINT, f"give {support} A,B")
            return InvalidParameterError(error.key, error.value, error.allowed, detail).describe(support)
        for dest in (error.key, error.label):
            for action in leaf._actions:
                if action.dest == dest and action.option_strings:
                    return error.describe(_option_as_typed(action, argv) + _qualifier(error))
    return str(error)


def check_outputs(parser: argparse.ArgumentParser, args: argparse.Namespace) -> None:
    """Check every output path of the command before any computation (``dest="out"``).

    An option whose metavar is ``DIR`` names a folder; any other names files (``--out`` may be
    repeated). A bad path is an :class:`~bargainlab.errors.InvalidParameterError` keyed ``out``.
    """
    from bargainlab.core import files

    leaf = _leaf_parser(parser, args)
    for action in leaf._actions:
        if action.dest != "out" or getattr(args, "out", None) is None:
            continue
        given = args.out if isinstance(args.out, list) else [args.out]
        if action.metavar == "DIR":
            for path in given:
                files.check_output_dir(path, "out")
        else:
            files.check_output_files(given, "out")


def _run(parser: argparse.ArgumentParser, args: argparse.Namespace) -> int:
    """Run the parsed command; warnings are printed (one line each) only if it succeeds."""
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        check_outputs(parser, args)
        code = int(args.run(args))
    for warning in caught:
        print(f"bargainlab: warning: {warning.message}", file=sys.stderr)
    return code


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; return the exit code.

    Exit codes: 0 success; 1 a run-time failure (a solver that does not reach an optimum, a file
    that cannot be written, memory); 2 a usage error or a bad parameter; 130 interrupted. Every
    failure is one line on stderr, never a traceback (set ``BARGAINLAB_DEBUG=1`` to see one).
    """
    parser = build_parser()
    arguments = list(sys.argv[1:] if argv is None else argv)
    args: argparse.Namespace | None = None
    try:
        args = parser.parse_args(arguments)
        return _run(parser, args)
    except UsageError as error:
        return _fail(f"{error}", 2)
    except InvalidParameterError as error:
        return _fail(describe_error(error, parser, args, arguments), 2)
    except MissingDependencyError as error:
        return _fail(str(error), 2)
    except BargainlabError as error:  # SolverError and other run-time failures of the library
        return _fail(str(error), 1)
    except ModuleNotFoundError as error:
        package = (error.name or "").split(".")[0]
        if package not in OPTIONAL_PACKAGES:
            return _internal(error)
        extra = OPTIONAL_PACKAGES[package]
        return _fail(f"this command needs the optional package {package!r}: pip install 'bargainlab[{extra}]'", 2)
    except KeyboardInterrupt:
        print("bargainlab: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:  # e.g. `bargainlab ... | head`: stop quietly
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return 0
    except MemoryError:
        return _fail("out of memory: ask for fewer points, types or samples", 1)
    except (OverflowError, FloatingPointError) as error:  # e.g. scipy at extreme parameters
        detail = str(error).splitlines()[0] if str(error) else type(error).__name__
        return _fail(f"the computation overflowed at these parameters ({detail}); try values of a moderate scale", 1)
    except OSError as error:
        where = f" {error.filename}" if error.filename else ""
        return _fail(f"cannot write{where}: {error.strerror or error}", 1)
    except Exception as error:  # a bug: one line, and the traceback on request
        return _internal(error)


def _fail(message: str, code: int) -> int:
    print(f"bargainlab: error: {message}", file=sys.stderr)
    return code


#: Set to 1 to let unexpected exceptions through with their traceback.
DEBUG_VARIABLE = "BARGAINLAB_DEBUG"


def _internal(error: BaseException) -> int:
    """An unexpected exception is a bug: one line (the traceback with BARGAINLAB_DEBUG=1)."""
    if os.environ.get(DEBUG_VARIABLE) == "1":
        raise error
    detail = str(error).splitlines()[0] if str(error) else ""
    return _fail(
        f"internal error ({type(error).__name__}: {detail}); please report it, with "
        f"{DEBUG_VARIABLE}=1 for the traceback",
        1,
    )


def entry() -> None:  # pragma: no cover - thin wrapper for console scripts
    """Console-script entry point."""
    sys.exit(main())


if __name__ == "__main__":  # pragma: no cover
    entry()
