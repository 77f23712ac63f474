"""Figures of the transparency game: comparative statics against ρ, N or μ (docs/transparency.md).

Each figure draws, as one parameter moves with the others fixed: the perfect Bayesian equilibrium
preferred by the sellers, the equilibrium of the notes' game preferred by the buyer (which may
rely on the notes' period-2 rule where it is not sequentially rational), and the passive-beliefs
(Nash-in-Nash) full-separation price with what the high type actually buys at it.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np

from bargainlab.core import inputs
from bargainlab.errors import InvalidParameterError
from bargainlab.models.transparency import MAX_SELLERS, TransparencyGame, comparative_statics
from bargainlab.viz.choices import TRANSPARENCY_FIGURES as KINDS
from bargainlab.viz.figure import FigureData, use_headless_backend

__all__ = ["KINDS", "statics_columns", "transparency_figure"]

#: Largest number of points on a curve.
MAX_POINTS = 401


def _values(kind: str, game: TransparencyGame, points: int) -> list[float]:
    if kind == "sellers":
        top = min(MAX_SELLERS, max(points, 2))
        return list(range(1, top + 1))
    return np.linspace(0.0, 1.0, points).tolist()


def _array(values: Sequence[Any]) -> np.ndarray:
    return np.array([np.nan if v is None else float(v) for v in values])


def statics_columns(game: TransparencyGame, kind: str, points: int = 51) -> dict[str, np.ndarray]:
    """The data of a figure: one row per value of the moving parameter.

    Columns: the parameter; for the sellers' preferred perfect Bayesian equilibrium (``pbe_``) and
    the buyer's preferred equilibrium of the notes' game (``notes_``): k (sellers above l), the
    above-l price, the mean seller payoff, the high type's payoff, welfare and the high type's
    average price; then ``passive_price`` (h − [C(N) − C(N−1)]) and ``passive_actual_purchases``.
    For ``kind="sellers"``, ``points`` is the largest N (at most 64).
    """
    if kind not in KINDS:
        raise InvalidParameterError("kind", kind, "one of " + ", ".join(KINDS))
    points = inputs.integer(points, "points", low=2, high=MAX_POINTS)
    parameter, _ = KINDS[kind]
    values = _values(kind, game, points)
    pbe = comparative_statics(game, parameter, values, "seller_best", perfect_bayesian=True)
    notes = comparative_statics(game, parameter, values, "buyer_best", perfect_bayesian=False)
    columns = {parameter: _array(values)}
    keep = (
        "sellers_above_low",
        "price_above_low",
        "seller_payoff_mean",
        "buyer_high_payoff",
        "welfare",
        "average_price_high",
    )
    for prefix, table in (("pbe_", pbe), ("notes_", notes)):
        for key in keep:
            columns[prefix + key] = _array(table[key])
    columns["passive_price"] = _array(pbe["passive_price"])
    columns["passive_actual_purchases"] = _array(pbe["passive_actual_purchases"])
    return columns


def transparency_figure(game: TransparencyGame, kind: str = "rho", points: int = 51) -> FigureData:
    """Prices (left) and payoffs (right) against ρ, N or μ; data :func:`statics_columns`."""
    columns = statics_columns(game, kind, points)
    parameter, label = KINDS[kind]
    x = columns[parameter]
    use_headless_backend()
    from matplotlib.figure import Figure

    figure = Figure(figsize=(10, 4.2))
    left, right = figure.subplots(1, 2)
    left.plot(x, columns["pbe_price_above_low"], "C0-", label="PBE (sellers' best): price above l")
    left.plot(x, columns["pbe_average_price_high"], "C0:", label="PBE: average price, high type")
    left.plot(x, columns["notes_average_price_high"], "C1:", label="notes' game (buyer's best): average price")
    left.plot(x, columns["passive_price"], "C3--", label="passive beliefs: predicted price")
    left.axhline(game.low_value, color="grey", lw=0.8)
    left.set_xlabel(label)
    left.set_ylabel("price")
    right.plot(x, columns["pbe_buyer_high_payoff"], "C0-", label="PBE: high type's payoff")
    right.plot(x, columns["notes_buyer_high_payoff"], "C1-", label="notes' game: high type's payoff")
    right.plot(x, columns["pbe_seller_payoff_mean"], "C2-", label="PBE: mean seller payoff")
    right.plot(x, columns["pbe_welfare"], "k--", label="PBE: welfare")
    right.set_xlabel(label)
    right.set_ylabel("payoff")
    for axes in (left, right):
        axes.grid(alpha=0.3)
        axes.legend(fontsize=7)
    fixed = {k: v for k, v in game.to_dict().items() if k != parameter}
    title = f"Transparency game against {label}"
    figure.suptitle(title + "  (" + ", ".join(f"{k}={v}" for k, v in fixed.items()) + ")", fontsize=9)
    return FigureData(figure, columns, title, {"kind": kind, **game.to_dict()})
