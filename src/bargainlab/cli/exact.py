"""Command-line pieces of the exact answers: fraction-aware option types, ``--exact`` and
``--certificate`` for ``solve two-sided``, and ``check two-sided --exact``.

Numbers may be written as fractions or decimals (``--values1 0,1/2 --prior1 1/3``). The option
types below return floats (so every float command accepts fractions too) that remember the
exact number typed (:class:`ExactFloat`, :class:`ExactList`), read by ``--exact``.
"""

from __future__ import annotations

import argparse
import json
import math
import sys
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from bargainlab.errors import InvalidParameterError

if TYPE_CHECKING:
    from fractions import Fraction

__all__ = [
    "ExactFloat",
    "ExactList",
    "exact_number",
    "exact_number_list",
    "exact_prior_value",
    "add_exact_arguments",
    "run_exact_solve",
    "run_exact_check",
]


class ExactFloat(float):
    """A float that remembers the exact number typed (``.exact``, a Fraction)."""

    exact: Fraction | None


class ExactList(list):
    """A list of floats that remembers the exact numbers typed (``.exact``)."""

    exact: list[Fraction | None]


def _read(text: str, option: str) -> ExactFloat:
    """The number typed, as a float remembering its exact value (``None`` for nan and ±inf, which
    the library then rejects with its own message).

    A fraction or a decimal is read as :func:`bargainlab.core.exact_lp.as_fraction` reads a string
    (``Fraction(text)``), here without importing that module (NumPy, HiGHS) while parsing."""
    from fractions import Fraction  # lazy, as everything a command needs only once it parses numbers

    exact: Fraction | None
    try:
        exact = Fraction(text.strip())
        try:
            number = float(exact)
        except OverflowError:  # beyond floats (1e309): the float path then reports it as infinite
            number = math.inf if exact > 0 else -math.inf
    except (ValueError, ZeroDivisionError):
        try:
            number = float(text)
        except ValueError:
            raise argparse.ArgumentTypeError(str(InvalidParameterError(option, text, "a number"))) from None
        exact = Fraction(repr(number)) if math.isfinite(number) else None
    out = ExactFloat(number)
    out.exact = exact
    return out


def exact_number(option: str) -> Callable[[str], ExactFloat]:
    """An argparse ``type``: one number, as a fraction or a decimal."""
    return lambda text: _read(text, option)


def exact_number_list(option: str) -> Callable[[str], ExactList]:
    """An argparse ``type``: a comma-separated list of fractions or decimals."""

    def parse(text: str) -> ExactList:
        items = [item.strip() for item in text.split(",")]
        if any(item == "" for item in items):
            raise argparse.ArgumentTypeError(
                str(InvalidParameterError(option, text, "a comma-separated list of numbers, e.g. 0,1/2"))
            )
        numbers = [_read(item, option) for item in items]
        out = ExactList(float(v) for v in numbers)
        out.exact = [v.exact for v in numbers]
        return out

    return parse


def exact_prior_value(option: str) -> Callable[[str], Any]:
    """An argparse ``type`` for a prior: one probability (two types) or a list, fractions allowed."""
    return lambda text: exact_number_list(option)(text) if "," in text else _read(text, option)


def _exact_of(value: Any, key: str) -> Any:
    """The exact number(s) behind a parsed option (floats typed elsewhere through their decimals)."""
    from bargainlab.core.exact_lp import as_fraction

    if isinstance(value, ExactList):
        numbers = value.exact
    elif isinstance(value, ExactFloat):
        numbers = [value.exact]
    else:
        return [_exact_of(v, key) for v in value] if isinstance(value, (list, tuple)) else as_fraction(value, key)
    if any(v is None for v in numbers):
        raise InvalidParameterError(
            key, [float(v) for v in (value if isinstance(value, list) else [value])], "finite numbers"
        )
    return numbers if isinstance(value, ExactList) else numbers[0]


def add_exact_arguments(parser: argparse.ArgumentParser) -> None:
    """``--exact`` and ``--certificate FILE`` on ``solve two-sided``."""
    parser.add_argument(
        "--exact",
        action="store_true",
        help="exact rational answers: every number a fraction certified by an exact LP optimality check "
        "(needs the 'exact' extra: python-flint)",
    )
    parser.add_argument(
        "--certificate",
        metavar="FILE",
        default=None,
        help="with --exact: write the optimality certificate of program (4.1) as JSON "
        "(re-check it with docs/check_certificate.py)",
    )


def _write_json(path: str, data: dict[str, Any]) -> None:
    from bargainlab.core.files import atomic_write

    atomic_write(path, json.dumps(data, indent=1, allow_nan=False) + "\n")


def run_exact_solve(args: argparse.Namespace, emit: Callable[[Any, argparse.Namespace], Any] | None = None) -> int:
    """``solve two-sided --exact``: the exact outcome, printed as text or JSON; the certificate file."""
    from bargainlab.core.files import check_output_file
    from bargainlab.models.two_sided.exact import exact_environment, solve_exact

    if args.certificate:
        check_output_file(args.certificate, "certificate")  # before any work
    if getattr(args, "discount", 1.0) not in (1, 1.0):
        raise InvalidParameterError("discount", args.discount, "1 with --exact", "the exact outcome is the δ → 1 limit")
    env = exact_environment(
        _exact_of(args.values1, "values1"),
        _exact_of(args.values2, "values2"),
        _exact_of(args.prior1, "prior1"),
        _exact_of(args.prior2, "prior2"),
        _exact_of(args.bargaining_power, "bargaining_power"),
    )
    outcome = solve_exact(env)
    if args.certificate:
        _write_json(args.certificate, outcome.certificate)
    if emit is not None:
        emit(outcome, args)
    elif getattr(args, "json", False):
        sys.stdout.write(json.dumps(outcome.to_dict(), indent=2, allow_nan=False) + "\n")
    else:
        print(outcome)
    return 0


def run_exact_check(args: argparse.Namespace, emit: Callable[[Any, argparse.Namespace], Any] | None = None) -> int:
    """``check two-sided --exact``: print the exact checks; exit 1 with --strict if one fails."""
    from bargainlab.core.files import check_output_file
    from bargainlab.models.two_sided.regions import exact_checks

    if getattr(args, "certificate", None):
        check_output_file(args.certificate, "certificate")  # before any work
    result = exact_checks(args.samples, args.seed)
    if getattr(args, "certificate", None):
        _write_json(args.certificate, result.example.certificate)
    if emit is not None:
        emit(result, args)
    elif getattr(args, "json", False):
        sys.stdout.write(json.dumps(result.to_dict(), indent=2, allow_nan=False) + "\n")
    else:
        print(result)
    return 0 if result.passed else 1  # a failed exact proof is never expected
