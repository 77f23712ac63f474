"""``bargainlab check two-sided``: test the paper's claims and print a certificate."""

from __future__ import annotations

import argparse
import sys
from typing import Any

from bargainlab.cli.common import CommandGroups, whole_number
from bargainlab.cli.exact import run_exact_check
from bargainlab.cli.output import add_json_option, emit
from bargainlab.core.limits import DEFAULT_CHECK_SAMPLES, MAX_CHECK_TYPES, MAX_RESTARTS, MAX_SAMPLES
from bargainlab.errors import InvalidParameterError

__all__ = ["register"]


def _int_list(text: str) -> list[int]:
    try:
        values = [int(item) for item in text.split(",")]
    except ValueError:
        raise argparse.ArgumentTypeError(
            str(InvalidParameterError("types", text, "a comma-separated list of integers, e.g. 2,3,4"))
        ) from None
    return values


def _claim_list(text: str) -> list[str]:
    """Claim names, comma-separated; an empty list is refused (it would certify nothing)."""
    names = [name.strip() for name in text.split(",") if name.strip()]
    if not names:
        raise argparse.ArgumentTypeError(
            str(InvalidParameterError("claims", text, "a comma-separated list of claim names, e.g. prop1,gap_bound"))
        )
    return names


def register(groups: CommandGroups) -> None:
    """Register ``check two-sided``."""
    parser = groups.group("check").add_parser(
        "two-sided",
        help="test Pęski (2024)'s claims over parameter draws (certificate)",
        description=(
            "Test every computable claim of Pęski (2024) over random parameter draws with an independent method "
            "(mostly the interim LP), and print a certificate: claim, source, draws, worst margin, PASS/FAIL and the "
            "worst case. Claims that fail are reported as found. --types 3,4 adds the checks that make sense beyond "
            "the paper; --search looks for the largest Gap."
        ),
        epilog="example: bargainlab check two-sided --samples 5 --seed 1 --claims prop1,gap_bound",
    )
    parser.add_argument(
        "--samples",
        dest="samples",
        type=whole_number("samples"),
        default=DEFAULT_CHECK_SAMPLES,
        help=f"draws per claim, 1 to {MAX_SAMPLES:,} (default {DEFAULT_CHECK_SAMPLES})",
    )
    parser.add_argument(
        "--seed", dest="seed", type=whole_number("seed"), default=0, help="random seed, an integer >= 0 (default 0)"
    )
    parser.add_argument(
        "--types",
        dest="types",
        type=_int_list,
        default=[2],
        metavar="N,N,...",
        help=f"types per player: 2 (the paper), and/or more (exploration), each 2 to {MAX_CHECK_TYPES}",
    )
    parser.add_argument(
        "--claims",
        type=_claim_list,
        default=None,
        metavar="NAME,...",
        help="run only these claims",
    )
    parser.add_argument(
        "--search", action="store_true", help="instead of the certificate, search the largest Gap for each --types"
    )
    parser.add_argument(
        "--restarts",
        dest="restarts",
        type=whole_number("restarts"),
        default=10,
        help=f"search restarts, 1 to {MAX_RESTARTS:,} (default 10)",
    )
    parser.add_argument(
        "--strict",
        action="store_true",
        help="exit with code 1 if any claim fails, even one that fails as printed (an erratum); "
        "without it only unexpected failures exit 1",
    )
    parser.add_argument(
        "--exact",
        action="store_true",
        help="instead of the certificate: prove exactly the 6.25%% example (Gap = h2/16 with its optimality "
        "certificate) and Propositions 1-2 on every optimal-basis region met by --samples draws per ordering "
        "(needs the 'exact' extra)",
    )
    parser.add_argument(
        "--certificate", metavar="FILE", default=None, help="with --exact: write the example's certificate as JSON"
    )
    add_json_option(parser)
    parser.set_defaults(run=run)


def _progress(name: str) -> None:
    print(f"checking {name} ...", file=sys.stderr, flush=True)


def run(args: argparse.Namespace) -> int:
    """Run the certificate, the exact proofs or the search."""
    if args.exact:
        return run_exact_check(args, emit)
    from bargainlab.models.two_sided.certificate import run_checks
    from bargainlab.models.two_sided.search import largest_gap

    if args.search:
        results = [largest_gap(n, restarts=args.restarts, seed=args.seed) for n in args.types]
        parameters = {"types": list(args.types), "restarts": args.restarts, "seed": args.seed}
        return emit({"search": results}, args, text=_search_text(results), model="two-sided", parameters=parameters)
    certificate = run_checks(
        args.samples, args.seed, args.types, args.claims, progress=None if args.json else _progress
    )
    emit(certificate, args)
    if certificate.unexpected_failures:
        names = ", ".join(r.name or r.claim for r in certificate.unexpected_failures)
        print(f"bargainlab: error: unexpected failure of {names} (no erratum explains it)", file=sys.stderr)
        return 1
    return 1 if (args.strict and not certificate.passed) else 0


def _search_text(results: list[Any]) -> str:
    return "\n".join(str(r) for r in results)
