"""``bargainlab plot lecture KIND`` and ``bargainlab plot author-views VIEW``.

* ``plot lecture``: the lecture notes' comparative statics (viz/lecture_statics.py): the k-double
  auction's posted-price equilibria, its surplus against k, the posted-price surplus against the
  price, Loertscher–Marx outcomes over the weights, the Nash solution as β moves.
* ``plot author-views``: the views of Pęski's app (viz/author_views.py) for any share x and a
  moving belief: the offers a¹(x), a²(x), the Gap and its bound, "player 1 gets the whole Gap",
  the convexity of a².
"""

from __future__ import annotations

import argparse

from bargainlab.cli.bilateral import check_output
from bargainlab.cli.common import CommandGroups, finite_number
from bargainlab.viz.choices import AUTHOR_VIEWS

__all__ = ["register", "LECTURE_KINDS"]

#: ``plot lecture`` kinds and their help.
LECTURE_KINDS = {
    "posted-price-equilibria": "the k-double auction's posted-price equilibria (trade regions; every p, every k)",
    "double-auction-k": "the k-double auction's linear-equilibrium surplus against k",
    "posted-price": "posted-price surplus and payoffs against the price",
    "loertscher-marx": "Loertscher-Marx outcomes over the bargaining weights",
    "nash-beta": "the generalised Nash solution as beta moves",
}


def register(groups: CommandGroups) -> None:
    """Register the two plot commands."""
    plot = groups.group("plot")
    parser = plot.add_parser(
        "lecture",
        help="comparative statics of the lecture notes (k-double auction, posted prices, Loertscher-Marx, Nash)",
        description="; ".join(f"{k}: {v}" for k, v in LECTURE_KINDS.items()),
        epilog="example: bargainlab plot lecture posted-price-equilibria --k 0.5 --out equilibria.png",
    )
    parser.add_argument("kind", choices=list(LECTURE_KINDS), metavar="KIND", help=", ".join(LECTURE_KINDS))
    parser.add_argument(
        "--k", type=finite_number("k"), default=0.5, help="k of the double auction (posted-price-equilibria)"
    )
    parser.add_argument("--points", type=int, default=None, metavar="N", help="points of the curve (default per kind)")
    parser.add_argument("--out", required=True, metavar="FILE", help="output file: .png, .svg or .csv")
    parser.set_defaults(run=run_lecture)

    parser = plot.add_parser(
        "author-views",
        help="Pęski's app views: offers a1(x), a2(x), the Gap, player 1 gets the whole Gap, convexity of a2",
        description="; ".join(f"{k}: {v}" for k, v in AUTHOR_VIEWS.items())
        + ". Values in the theory's labels (l1 < l2, h1 < h2); --share is player 1's share x (beta in Theorem 3).",
        epilog="example: bargainlab plot author-views offers --share 0.5 --moving p2 --belief 0.5 --out offers.png",
    )
    parser.add_argument("view", choices=list(AUTHOR_VIEWS), metavar="VIEW", help=", ".join(AUTHOR_VIEWS))
    for name, default in (("l1", 0.1), ("h1", 0.6), ("l2", 0.3), ("h2", 1.0)):
        parser.add_argument(f"--{name}", type=finite_number(name), default=default, help=f"{name} (default {default})")
    parser.add_argument(
        "--share", dest="share", type=finite_number("share"), default=0.5, help="player 1's share x in [0, 1]"
    )
    parser.add_argument("--moving", choices=("p1", "p2"), default=None, help="the belief on the horizontal axis")
    parser.add_argument(
        "--proposer", type=int, choices=(1, 2), default=None, help="offers: a1(x) (1) or a2(x) (2) only; default both"
    )
    parser.add_argument(
        "--belief", type=finite_number("belief"), default=0.5, help="the other (fixed) belief in (0, 1)"
    )
    parser.add_argument("--points", type=int, default=101, metavar="N", help="belief points (3 to 1001)")
    parser.add_argument("--out", required=True, metavar="FILE", help="output file: .png, .svg or .csv")
    parser.set_defaults(run=run_author_views)


def run_lecture(args: argparse.Namespace) -> int:
    from bargainlab.viz import lecture_statics as ls

    check_output(args.out)
    kw = {} if args.points is None else {"points": args.points}
    builders = {
        "posted-price-equilibria": lambda: ls.posted_price_equilibria(k=args.k, **kw),
        "double-auction-k": lambda: ls.double_auction_against_k(**kw),
        "posted-price": lambda: ls.posted_price_against_price(**kw),
        "loertscher-marx": lambda: ls.loertscher_marx_against_weight(**kw),
        "nash-beta": lambda: ls.nash_against_beta(**kw),
    }
    print(builders[args.kind]().write(args.out))
    return 0


def run_author_views(args: argparse.Namespace) -> int:
    from bargainlab.viz import author_views as av

    check_output(args.out)
    values = av.binary_values(args.l1, args.h1, args.l2, args.h2)
    x = args.share
    if args.proposer is not None and args.view != "offers":
        from bargainlab.errors import InvalidParameterError

        raise InvalidParameterError("proposer", args.proposer, "given only with the offers view")
    moving = args.moving or ("p1" if args.view == "gap" else "p2")
    if args.view == "offers":
        data = av.offers_view(values, x, moving=moving, belief=args.belief, points=args.points, proposer=args.proposer)
    else:
        function = {"gap": av.gap_view, "whole-gap": av.whole_gap_view, "convexity": av.convexity_view}[args.view]
        data = function(values, x, moving=moving, belief=args.belief, points=args.points)
    print(data.write(args.out))
    return 0
