"""``bargainlab solve sequential``, ``bargainlab plot sequential`` and ``bargainlab reproduce cramton``.

Cramton (1985), sequential bargaining mechanisms with discount rates r (seller) and σ (buyer).
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

import numpy as np

from bargainlab.cli.bilateral import add_distribution_options, check_output, distributions
from bargainlab.cli.common import CommandGroups, finite_number
from bargainlab.cli.output import add_json_option, emit
from bargainlab.models import sequential as sq

__all__ = ["register", "reproduce_cramton", "FIGURE_RATIOS"]

#: σ/r values of the reproduced Figures 8.1–8.2 (0 excluded: σ > 0).
FIGURE_RATIOS = np.linspace(0.005, 1.0, 200)


def register(groups: CommandGroups) -> None:
    """Register the commands of this module."""
    parser = groups.group("solve").add_parser(
        "sequential",
        help="Cramton's ex ante efficient sequential mechanism with discount rates",
        description=(
            "The ex ante efficient sequential bargaining mechanism (Cramton 1985, Theorem 3) for a seller with "
            "cost distribution F and discount rate r and a buyer with value distribution G and rate s: the "
            "multiplier a and m = a/(1+a), the surplus, the full-information first best with the same rates "
            "and the efficiency."
        ),
        epilog="example: bargainlab solve sequential --seller-rate 2 --buyer-rate 1 --json",
    )
    _rates(parser)
    add_distribution_options(parser)
    parser.add_argument(
        "--method",
        dest="method",
        choices=("quadrature", "closed_form", "lp"),
        default="quadrature",
        help="quadrature (any regular F, G), closed_form (uniform [0,1]) or lp (discretised)",
    )
    add_json_option(parser)
    parser.set_defaults(run=run_solve)

    parser = groups.group("plot").add_parser(
        "sequential",
        help="time of trade t(s, b) of the ex ante efficient sequential mechanism",
        epilog="example: bargainlab plot sequential --seller-rate 2 --buyer-rate 1 --out delay.png",
    )
    _rates(parser)
    add_distribution_options(parser)
    parser.add_argument("--out", dest="out", required=True, metavar="FILE", help="output file: .png, .svg or .csv")
    parser.set_defaults(run=run_plot)

    parser = groups.group("reproduce").add_parser(
        "cramton",
        help="Cramton (1985): Figures 8.1 and 8.2 and the uniform example's numbers",
        description=(
            "Write figure-8-1 and figure-8-2 (PNG, SVG and CSV) and numbers.json (m = 1/4, 9/64, 1/6, 15.6%, "
            "the k = 1/2 strategies) to DIR."
        ),
        epilog="example: bargainlab reproduce cramton --out cramton",
    )
    parser.add_argument("--out", required=True, metavar="DIR", help="output directory (created if needed)")
    parser.set_defaults(run=run_reproduce)


def _rates(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--seller-rate",
        dest="seller_rate",
        required=True,
        type=finite_number("seller-rate"),
        metavar="R",
        help="seller's discount rate r > 0",
    )
    parser.add_argument(
        "--buyer-rate",
        dest="buyer_rate",
        required=True,
        type=finite_number("buyer-rate"),
        metavar="S",
        help="buyer's discount rate σ > 0 (the paper's s)",
    )


def run_solve(args: argparse.Namespace) -> int:
    seller, buyer = distributions(args)
    return emit(sq.solve(seller, buyer, args.seller_rate, args.buyer_rate, method=args.method), args)


def run_plot(args: argparse.Namespace) -> int:
    from bargainlab.viz.sequential import delay_figure

    check_output(args.out)
    seller, buyer = distributions(args)
    print(delay_figure(sq.solve(seller, buyer, args.seller_rate, args.buyer_rate)).write(args.out))
    return 0


def reproduce_cramton(directory: str | Path) -> list[Path]:
    """Write Figures 8.1–8.2 (PNG, SVG, CSV) and the uniform example's numbers; return the files."""
    from bargainlab.models.double_auction import linear_equilibrium
    from bargainlab.viz.sequential import figure_8_1, figure_8_2

    out = Path(directory)
    out.mkdir(parents=True, exist_ok=True)
    curve = sq.ratio_curve(FIGURE_RATIOS)
    written = []
    for name, data in (("figure-8-1", figure_8_1(curve)), ("figure-8-2", figure_8_2(curve))):
        for suffix in (".png", ".svg", ".csv"):
            written.append(data.write(out / f"{name}{suffix}"))
    static = sq.solve("uniform", "uniform", 1.0, 1.0, method="closed_form")
    eq = linear_equilibrium(0.5)
    numbers = {
        "source": "Cramton (1985), Section 8.5: uniform symmetric exchange",
        "static_case_r_le_s": {
            "m": static.m,
            "multiplier_a": static.multiplier,
            "surplus": static.surplus,
            "surplus_times_64": static.surplus * 64,
            "first_best": static.first_best,
            "loss": 1 - static.efficiency,
        },
        "chatterjee_samuelson_k_half": {
            "seller_offer": f"{eq.seller_slope:.6g} s + {eq.seller_intercept:.6g}",
            "buyer_bid": f"{eq.buyer_slope:.6g} b + {eq.buyer_intercept:.6g}",
            "trade_iff": f"s < b - {eq.trade_intercept:.6g}",
        },
        "figure_points": len(FIGURE_RATIOS),
        "efficiency_measure": "surplus / full-information first best with the same discount rates",
    }
    path = out / "numbers.json"
    path.write_text(json.dumps(numbers, indent=2) + "\n")
    written.append(path)
    return written


def run_reproduce(args: argparse.Namespace) -> int:
    for path in reproduce_cramton(args.out):
        print(path)
    return 0
