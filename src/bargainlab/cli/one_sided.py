"""``bargainlab solve one-sided`` and ``bargainlab plot one-sided KIND`` (Pęski 2022)."""

from __future__ import annotations

import argparse
import warnings
from typing import TYPE_CHECKING

from bargainlab.cli.common import CommandGroups, finite_number, number_list, whole_number
from bargainlab.cli.output import add_json_option, emit
from bargainlab.core.limits import MAX_POINTS
from bargainlab.errors import InvalidParameterError
from bargainlab.viz.choices import ONE_SIDED_FIGURES

if TYPE_CHECKING:
    from bargainlab.models.one_sided import OneSidedOutcome

__all__ = ["register"]

EXAMPLE = 'example: bargainlab solve one-sided --value-bob 0.1 --distribution "beta(2,3)" --beta 0.5 --delta 0.9'


def _common(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--value-bob",
        dest="value_bob",
        required=True,
        type=finite_number("value-bob"),
        metavar="V",
        help="Bob's value v",
    )
    parser.add_argument(
        "--distribution",
        dest="distribution",
        required=True,
        metavar="NAME(ARGS)",
        help="Alice's value distribution F, named as in scipy.stats with its parameters, e.g. 'beta(2,3)', "
        "'uniform(0,1)', 'truncnorm(-2,2,loc=0.5,scale=0.2)'",
    )
    parser.add_argument(
        "--support",
        dest="support",
        type=number_list("support"),
        metavar="A,B",
        help="truncate F to [A, B] (required for unbounded distributions such as norm)",
    )
    parser.add_argument(
        "--beta",
        dest="bargaining_power",
        required=True,
        type=finite_number("beta"),
        metavar="B",
        help="Alice's bargaining power β in [0, 1]",
    )
    parser.add_argument(
        "--delta",
        dest="discount",
        default=1.0,
        type=finite_number("delta"),
        metavar="D",
        help="discount factor δ in (0, 1]; 1 (default) means the limit δ → 1",
    )


def register(groups: CommandGroups) -> None:
    """Register ``solve one-sided`` and ``plot one-sided``."""
    solve_parser = groups.group("solve").add_parser(
        "one-sided",
        help="one-sided bargaining with mechanisms (Pęski 2022): p*, offers, payoffs, efficiency",
        description=(
            "Solve one-sided bargaining with mechanisms (Pęski 2022): Bob's optimal price(s) p*, the offers "
            "α_A = 1-δ(1-β) and α_B = δβ, Bob's payoff Π*_β = (1-β)R(p*), Alice's payoff y*_β(u) per value, "
            "the property-rights menus, efficiency and the neutral-solution condition."
        ),
        epilog=EXAMPLE,
    )
    _common(solve_parser)
    solve_parser.add_argument(
        "--u", dest="u", type=number_list("u"), metavar="U,U,...", help="Alice's values at which to report her payoff"
    )
    solve_parser.add_argument(
        "--points",
        dest="points",
        type=whole_number("points"),
        default=11,
        metavar="N",
        help=f"report Alice's payoff on N equally spaced values, 2 to {MAX_POINTS} (default 11)",
    )
    add_json_option(solve_parser)
    solve_parser.set_defaults(run=run_solve)

    plot_parser = groups.group("plot").add_parser(
        "one-sided",
        help="figures of one-sided bargaining (Pęski 2022)",
        description="Figures of one-sided bargaining with mechanisms: "
        + ", ".join(f"{kind} ({text})" for kind, text in ONE_SIDED_FIGURES.items())
        + ".",
        epilog='example: bargainlab plot one-sided payoffs --value-bob 0.1 --distribution "beta(2,3)" --beta 0.5 '
        "--out f.png",
    )
    plot_parser.add_argument("kind", choices=sorted(ONE_SIDED_FIGURES), help="which figure")
    _common(plot_parser)
    plot_parser.add_argument("--out", required=True, metavar="FILE", help="output file: .png, .svg or .csv (data)")
    plot_parser.set_defaults(run=run_plot)


def _solve(args: argparse.Namespace, u: list[float] | None = None, points: int | None = None) -> OneSidedOutcome:
    """Solve at the command's parameters; a non-unique p* is reported in the output, not as a warning."""
    from bargainlab.models.one_sided import NonUniquePriceWarning, solve

    if args.support is not None and len(args.support) != 2:
        raise InvalidParameterError("support", args.support, "two numbers A,B")
    support = None if args.support is None else (args.support[0], args.support[1])
    extra = {} if points is None else {"points": points}
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", NonUniquePriceWarning)
        return solve(
            args.distribution, args.value_bob, args.bargaining_power, args.discount, u=u, support=support, **extra
        )


def run_solve(args: argparse.Namespace) -> int:
    """Solve and print (text: the report and Alice's payoff by value; ``--json``: the outcome)."""
    from bargainlab.report.one_sided import payoffs_by_value_text

    outcome = _solve(args, u=args.u, points=args.points)
    return emit(outcome, args, text=payoffs_by_value_text(outcome))


def run_plot(args: argparse.Namespace) -> int:
    """Draw and write the figure."""
    from bargainlab.viz.one_sided import KINDS

    outcome = _solve(args)
    target = KINDS[args.kind](outcome).write(args.out)
    print(f"wrote {target}")
    return 0
