"""``bargainlab solve one-sided`` and ``bargainlab plot one-sided KIND`` (Pęski 2022)."""

from __future__ import annotations

import argparse
import warnings

from bargainlab.cli.common import CommandGroups, emit_json, finite_number, number_list
from bargainlab.models.one_sided import NonUniquePriceWarning, solve
from bargainlab.viz.one_sided import KINDS

__all__ = ["register"]

EXAMPLE = 'example: bargainlab solve one-sided --value-bob 0.1 --dist "beta(2,3)" --beta 0.5 --delta 0.9'


def _common(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--value-bob", required=True, type=finite_number("value-bob"), metavar="V", help="Bob's value v"
    )
    parser.add_argument(
        "--dist",
        required=True,
        metavar="NAME(ARGS)",
        help="Alice's value distribution F, named as in scipy.stats with its parameters, e.g. 'beta(2,3)', "
        "'uniform(0,1)', 'truncnorm(-2,2,loc=0.5,scale=0.2)'",
    )
    parser.add_argument(
        "--support",
        type=number_list("support"),
        metavar="A,B",
        help="truncate F to [A, B] (required for unbounded distributions such as norm)",
    )
    parser.add_argument(
        "--beta", required=True, type=finite_number("beta"), metavar="B", help="Alice's bargaining power β in [0, 1]"
    )
    parser.add_argument(
        "--delta",
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
        "--u", type=number_list("u"), metavar="U,U,...", help="Alice's values at which to report her payoff"
    )
    solve_parser.add_argument(
        "--grid",
        type=int,
        default=11,
        metavar="N",
        help="report Alice's payoff on N equally spaced values (default 11)",
    )
    solve_parser.add_argument("--json", action="store_true", help="print one JSON object instead of text")
    solve_parser.set_defaults(run=run_solve)

    plot_parser = groups.group("plot").add_parser(
        "one-sided",
        help="figures of one-sided bargaining (Pęski 2022)",
        description="Figures of one-sided bargaining with mechanisms: "
        "payoffs (Alice's payoffs in u), beta (payoffs against β), delta (offers against δ), revenue (R(p)).",
        epilog='example: bargainlab plot one-sided payoffs --value-bob 0.1 --dist "beta(2,3)" --beta 0.5 --out f.png',
    )
    plot_parser.add_argument("kind", choices=sorted(KINDS), help="which figure")
    _common(plot_parser)
    plot_parser.add_argument("--out", required=True, metavar="FILE", help="output file: .png, .svg or .csv (data)")
    plot_parser.set_defaults(run=run_plot)


def _solve(args: argparse.Namespace, **kwargs: object):  # noqa: ANN202
    support = None if args.support is None else tuple(args.support)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always", NonUniquePriceWarning)
        outcome = solve(args.dist, args.value_bob, args.beta, args.delta, support=support, **kwargs)
    return outcome, caught


def run_solve(args: argparse.Namespace) -> int:
    """Solve and print."""
    kwargs = {"u": args.u} if args.u is not None else {"grid_points": args.grid}
    outcome, _ = _solve(args, **kwargs)  # warnings are part of the output (text and JSON)
    if args.json:
        emit_json(outcome.to_dict())
    else:
        print(outcome)
        print("  Alice's payoff by value u:")
        for u, low, high in zip(outcome.u, *outcome.alice_payoff):
            value = f"{high:.6g}" if high - low <= 0 else f"[{low:.6g}, {high:.6g}]"
            print(f"    u = {u:.6g}: {value}")
    return 0


def run_plot(args: argparse.Namespace) -> int:
    """Draw and write the figure."""
    outcome, _ = _solve(args)
    target = KINDS[args.kind](outcome).write(args.out)
    print(f"wrote {target}")
    return 0
