"""The author's app views (the slides point to bwm-payoffs.streamlit.app), for any share x.

Pęski's slides (2024, "Offers that cannot be refused", "The Gap", "Player 1 gets the entire Gap")
argue with pictures at four places; each builder here computes one of them as a :class:`ViewData`
(the data and what to draw, from the models' public functions), which :func:`draw` turns into a
matplotlib :class:`~bargainlab.viz.figure.FigureData` (files) and
:mod:`bargainlab.viz.author_views_interactive` into a plotly chart (the web app), so both show
the same numbers. Values are in the theory's labels (l₁ < l₂; player 1 gets the gap), with
player 1's share x and one moving belief as the controls:

* :func:`offers_data` — the offers that cannot be refused (Lemma 5), a¹(x) (proposer 1: player 1
  gets exactly x M₁) and a²(x) (proposer 2: player 2 gets (1 − x) M₂ and player 1 the gap),
  every type's payoff as the moving belief (p₁ or p₂) goes from 0 to 1, with the zone thresholds;
* :func:`gap_data` — Gap(p, x) = f₁ f₂ Δ(x) (Propositions 1–2) against the moving belief, its
  peak Δ(x) and the bound 6.25% · h₂, with LP values of (4.1) at a few beliefs (the second
  method); :func:`gap_line` is the same view for any number of types (one LP per point);
* :func:`whole_gap_data` — the pieces of "player 1 gets the entire Gap" in player 1's ex ante
  payoff: p₁·a¹₁ = p₁·x M₁ (player 1's floor), p₁·a²₁ = E (eq. 5.2), a² − Gap(·, p₂*) (the
  payment w(p₁) = Gap(p₁, p₂*) that makes a² unrefusable, Section 5.5; it meets a¹ at p₂ = p₂*),
  and the linearly transferable part: for p₁ ≥ p₁* the gap goes to l₁ (eq. 5.1 corrected),
  shaded;
* :func:`convexity_data` — a²₁(l₁) and a²₁(h₁) against the moving belief with their second
  differences (negative where convexity fails; erratum E8).

``offers_view``, ``gap_view``, ``whole_gap_view`` and ``convexity_view`` draw them
(``bargainlab plot author-views``, the gallery of ``docs/reproduce.md``).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from bargainlab.core.environment import TwoSidedEnvironment, TypeSpace, two_sided_environment
from bargainlab.errors import InvalidParameterError
from bargainlab.models.two_sided import closed_form, mechanisms
from bargainlab.models.two_sided.closed_form import BinaryValues
from bargainlab.models.two_sided.curves import prior_family
from bargainlab.models.two_sided.maps import GapArrays, gap_on_priors
from bargainlab.models.two_sided.outcome import DEFINITION, GAP_BOUND_SHARE, gap
from bargainlab.tolerances import ZERO_TOL
from bargainlab.viz.choices import AUTHOR_VIEWS as VIEWS
from bargainlab.viz.figure import FigureData, new_figure

__all__ = [
    "Curve",
    "Level",
    "ViewData",
    "AXIS_COLUMNS",
    "offers_data",
    "gap_data",
    "gap_line",
    "whole_gap_data",
    "convexity_data",
    "draw",
    "offers_view",
    "gap_view",
    "whole_gap_view",
    "convexity_view",
    "VIEWS",
    "MAX_VIEW_POINTS",
    "binary_values",
]

#: Largest number of belief points of a view.
MAX_VIEW_POINTS = 1001
#: Largest number of belief points of :func:`gap_line` with more than two types (one LP each).
MAX_LP_VIEW_POINTS = 201
#: The data column of each moving belief (``--moving p1`` draws the column ``prior1``).
AXIS_COLUMNS = {"p1": "prior1", "p2": "prior2"}
#: Beliefs stay this far from 0 and 1 (the mechanisms' formulas divide by p and 1 − p).
EDGE = 1e-3
#: LP checks drawn on the Gap view.
LP_CHECKS = 7
#: Colours of player 1's types (l₁, h₁) and player 2's (l₂, h₂), as in the two-sided figures.
TYPE_COLOURS = {"l1": "#1f77b4", "h1": "#d62728", "l2": "#2ca02c", "h2": "#9467bd"}


# ---------------------------------------------------------------------------- the data
@dataclass(frozen=True)
class Curve:
    """One drawn series of a view.

    Attributes
    ----------
    column
        The data column (y values; blank entries ``""`` are not drawn).
    label
        Legend text.
    style
        matplotlib's line style (``"-"``, ``"--"``, ``":"``, ``"-."``), ``"o"`` for points only
        or ``"x"`` for markers where ``where`` is 1.
    colour
        A colour (``None``: the next one of the cycle).
    panel
        Index of the panel it is drawn in.
    where
        For ``style="x"``: a 0/1 column saying where to mark.
    """

    column: str
    label: str
    style: str = "-"
    colour: str | None = None
    panel: int = 0
    where: str | None = None


@dataclass(frozen=True)
class Level:
    """A horizontal line of a view (a bound, a peak)."""

    label: str
    value: float
    style: str = "--"
    colour: str = "#2ca02c"


@dataclass(frozen=True)
class ViewData:
    """One author view: its columns (the CSV) and what to draw, for matplotlib and plotly alike.

    Attributes
    ----------
    view
        The view's name (a key of :data:`VIEWS`).
    title
        The figure's title.
    axis
        The column on the horizontal axis (``"prior1"`` or ``"prior2"``: the moving belief, P(h₁) or P(h₂)).
    axis_label
        Its label.
    ylabel
        Label of the vertical axis.
    columns
        Equal-length data columns (the CSV); blank entries are ``""``, never NaN.
    curves
        What to draw.
    panels
        Titles of the side-by-side panels (one panel: ``("",)``).
    thresholds
        Vertical lines (name, belief), drawn in every panel.
    levels
        Horizontal lines.
    shade
        ``(lower, upper, where, label)``: fill between two columns where the 0/1 column ``where`` is 1.
    marker
        The actual belief on the horizontal axis (the app's prior), or ``None``.
    metadata
        Parameters (JSON-safe).
    """

    view: str
    title: str
    axis: str
    axis_label: str
    ylabel: str
    columns: Mapping[str, np.ndarray]
    curves: tuple[Curve, ...]
    panels: tuple[str, ...] = ("",)
    thresholds: tuple[tuple[str, float], ...] = ()
    levels: tuple[Level, ...] = ()
    shade: tuple[str, str, str, str] | None = None
    marker: float | None = None
    metadata: Mapping[str, Any] = field(default_factory=dict)

    @property
    def x(self) -> np.ndarray:
        """The beliefs on the horizontal axis."""
        return np.asarray(self.columns[self.axis], dtype=float)

    def series(self, curve: Curve) -> tuple[np.ndarray, np.ndarray]:
        """The (x, y) points ``curve`` draws: blanks dropped, only the marked points for ``"x"``."""
        y = np.asarray(self.columns[curve.column], dtype=object)
        keep = np.array([value != "" for value in y], dtype=bool)
        if curve.where is not None:
            keep &= np.asarray(self.columns[curve.where], dtype=float) > 0
        return self.x[keep], y[keep].astype(float)


def binary_values(l1: float, h1: float, l2: float, h2: float) -> BinaryValues:
    """Values in the theory's labels, checked: 0 <= l₁ < l₂, l_i < h_i, l₁ < h₁ (Propositions 1–2: h₁ < h₂).

    Parameters
    ----------
    l1, h1, l2, h2
        The low and high values of player 1 (the lower low value) and player 2.

    Returns
    -------
    BinaryValues
        The values, as floats.

    Examples
    --------
    >>> binary_values(0.1, 0.6, 0.3, 1.0)
    BinaryValues(l1=0.1, h1=0.6, l2=0.3, h2=1.0)
    """
    numbers = {"l1": l1, "h1": h1, "l2": l2, "h2": h2}
    for key, value in numbers.items():
        if isinstance(value, bool) or not isinstance(value, (int, float, np.floating)) or not np.isfinite(value):
            raise InvalidParameterError(key, value, "a finite number")
        if value < 0:  # values are non-negative (the vocabulary); named here, not as the monopoly's "value"
            raise InvalidParameterError(key, value, "a non-negative finite number")
    if not (l1 < h1 and l2 < h2):
        raise InvalidParameterError("h1", h1, "values with l1 < h1 and l2 < h2")
    if not l1 < l2:
        raise InvalidParameterError(
            "l2", l2, "a number above l1 (the theory labels the player with the lower low type 1)"
        )
    if not h1 < h2:
        raise InvalidParameterError("h1", h1, "a number below h2 (Propositions 1-2; otherwise the gap is 0)")
    return BinaryValues(float(l1), float(h1), float(l2), float(h2))


def _check_view(moving: str, belief: float, points: int, most: int = MAX_VIEW_POINTS) -> np.ndarray:
    if moving not in ("p1", "p2"):
        raise InvalidParameterError("moving", moving, "'p1' or 'p2'")
    if isinstance(belief, bool) or not isinstance(belief, (int, float, np.floating)) or not 0.0 < belief < 1.0:
        raise InvalidParameterError("belief", belief, "a probability strictly between 0 and 1 (the fixed belief)")
    if isinstance(points, bool) or not isinstance(points, (int, np.integer)) or not 3 <= points <= most:
        raise InvalidParameterError("points", points, f"an integer in [3, {most}]")
    return np.linspace(EDGE, 1.0 - EDGE, int(points))


def _checks(share: float, moving: str, belief: float, points: int) -> np.ndarray:
    if isinstance(share, bool) or not isinstance(share, (int, float, np.floating)) or not 0.0 <= share <= 1.0:
        raise InvalidParameterError("share", share, "a number in [0, 1] (player 1's share x)")
    return _check_view(moving, belief, points)


def _pairs(moving: str, grid: np.ndarray, fixed: float) -> tuple[np.ndarray, np.ndarray]:
    other = np.full_like(grid, fixed)
    return (grid, other) if moving == "p1" else (other, grid)


def _thresholds(values: BinaryValues, x: float, moving: str) -> tuple[tuple[str, float], ...]:
    """p₁*(x), p₁**(x) (moving p₁) or p₂*, p₂** (moving p₂) inside (0, 1)."""
    th = mechanisms.thresholds(values, x)
    keys = ("p1_star", "p1_star_star") if moving == "p1" else ("p2_star", "p2_star_star")
    names = {"p1_star": "p₁*", "p1_star_star": "p₁**", "p2_star": "p₂*", "p2_star_star": "p₂**"}
    found = ((names[k], th[k]) for k in keys)
    return tuple((name, float(value)) for name, value in found if value is not None and 0 < value < 1)


def _metadata(values: BinaryValues, x: float, moving: str, fixed: float, view: str) -> dict[str, Any]:
    return {
        "view": view,
        "values": {"l1": values.l1, "h1": values.h1, "l2": values.l2, "h2": values.h2},
        "share": x,
        "moving": moving,
        "belief": fixed,
    }


def _column(moving: str) -> str:
    """The data column of the moving belief ``"p1"``/``"p2"``: its vocabulary key ``"prior1"``/``"prior2"``."""
    return AXIS_COLUMNS[moving]


def _label(moving: str) -> str:
    return "p₁ = P(h₁)" if moving == "p1" else "p₂ = P(h₂)"


def _other(moving: str) -> str:
    return "p2" if moving == "p1" else "p1"


def offers_data(
    values: BinaryValues,
    share: float,
    moving: str = "p2",
    belief: float = 0.5,
    points: int = 101,
    proposer: int | None = None,
) -> ViewData:
    """Every type's payoff in a¹(x) and a²(x) (Lemma 5, Tables 1–4) as the moving belief goes from 0 to 1.

    Parameters
    ----------
    values
        (l₁, h₁, l₂, h₂) in the theory's labels (:func:`binary_values`).
    share
        Player 1's share x in [0, 1] (player 2's is 1 − x).
    moving
        ``"p1"`` or ``"p2"``: the belief on the horizontal axis.
    belief
        The other belief, in (0, 1).
    points
        Beliefs on the axis, 3 to :data:`MAX_VIEW_POINTS`.
    proposer
        1 (a¹(x) only), 2 (a²(x) only) or ``None`` (both, side by side).

    Returns
    -------
    ViewData
        Columns ``prior1`` or ``prior2`` (the moving belief), then per mechanism ``a1_u1_l1``,
        ``a1_u1_h1``, ``a1_u2_l2``, ``a1_u2_h2``, ``a1_zone`` (and the same for ``a2``).

    Examples
    --------
    >>> data = offers_data(binary_values(0.1, 0.6, 0.3, 1.0), 0.5, points=3, proposer=1)
    >>> [round(float(v), 4) for v in data.columns["a1_u1_h1"]]  # x M₁(h₁; p₂) = x max(h₁, l₂, (1 − p₂) h₁ + p₂ h₂)
    [0.3002, 0.4, 0.4998]
    """
    if proposer not in (None, 1, 2) or isinstance(proposer, bool):
        raise InvalidParameterError("proposer", proposer, "1, 2 or None (both)")
    x, fixed = share, belief  # the paper's x; the fixed belief
    grid = _checks(x, moving, fixed, points)
    P1, P2 = _pairs(moving, grid, fixed)
    names = ("a1", "a2") if proposer is None else (f"a{proposer}",)
    columns: dict[str, np.ndarray] = {_column(moving): grid}
    curves: list[Curve] = []
    for panel, name in enumerate(names):
        pts = [mechanisms.mechanism(name, values, float(a), float(b), x) for a, b in zip(P1, P2)]
        for player, types, style in ((1, ("l1", "h1"), "-"), (2, ("l2", "h2"), "--")):
            for k, t in enumerate(types):
                column = f"{name}_u{player}_{t}"
                columns[column] = np.array([(m.payoffs1 if player == 1 else m.payoffs2)[k] for m in pts])
                curves.append(Curve(column, f"player {player}, {t}", style, TYPE_COLOURS[t], panel))
        columns[f"{name}_zone"] = np.array([m.zone for m in pts])
    titles = {"a1": "proposer 1: a¹(x)", "a2": "proposer 2: a²(x)"}
    title = f"Offers that cannot be refused, x = {x:g}, against {moving} ({_other(moving)} = {fixed:g})"
    return ViewData(
        view="offers",
        title=title,
        axis=_column(moving),
        axis_label=_label(moving),
        ylabel="interim payoff",
        columns=columns,
        curves=tuple(curves),
        panels=tuple(titles[n] for n in names),
        thresholds=_thresholds(values, x, moving),
        metadata={**_metadata(values, x, moving, fixed, "offers"), "proposer": proposer},
    )


def gap_data(
    values: BinaryValues, share: float, moving: str = "p1", belief: float = 0.5, points: int = 101
) -> ViewData:
    """Gap(p, x) (Propositions 1–2) against the moving belief, its peak Δ(x), the 6.25% · h₂ bound, LP checks.

    Parameters
    ----------
    values
        (l₁, h₁, l₂, h₂) in the theory's labels.
    share
        Player 1's share x in [0, 1].
    moving
        ``"p1"`` or ``"p2"``: the belief on the horizontal axis.
    belief
        The other belief, in (0, 1).
    points
        Beliefs on the axis, 3 to :data:`MAX_VIEW_POINTS`.

    Returns
    -------
    ViewData
        Columns ``prior1`` or ``prior2`` (the moving belief), ``gap`` (closed form), ``gap_lp`` (the LP (4.1) at
        :data:`LP_CHECKS` beliefs, blank elsewhere), ``gap_peak`` (Δ(x), the largest Gap over beliefs) and
        ``bound`` (6.25% · h₂).

    Examples
    --------
    >>> data = gap_data(binary_values(0.0, 0.5, 0.5, 1.0), 0.5, points=3)
    >>> round(float(data.columns["gap_peak"][0]), 6), round(float(data.columns["bound"][0]), 6)
    (0.0625, 0.0625)
    """
    x, fixed = share, belief  # the paper's x; the fixed belief
    grid = _checks(x, moving, fixed, points)
    P1, P2 = _pairs(moving, grid, fixed)
    g = closed_form.gap(values, P1, P2, x)
    peak = float(closed_form.delta_gap(values, x))
    bound = GAP_BOUND_SHARE * values.h2
    check_idx = np.linspace(0, len(grid) - 1, LP_CHECKS).round().astype(int)
    lp = np.full(len(grid), "", dtype=object)  # blank where the LP was not solved (no NaN in the CSV)
    for i in check_idx:
        env = two_sided_environment([values.l1, values.h1], [values.l2, values.h2], float(P1[i]), float(P2[i]), x)
        lp[i] = gap(env, method="lp").gap
    columns = {
        _column(moving): grid,
        "gap": g,
        "gap_lp": lp,
        "gap_peak": np.full(len(grid), peak),
        "bound": np.full(len(grid), bound),
    }
    return ViewData(
        view="gap",
        title=f"The Gap, x = {x:g}, against {moving} ({_other(moving)} = {fixed:g})",
        axis=_column(moving),
        axis_label=_label(moving),
        ylabel="Gap",
        columns=columns,
        curves=(
            Curve("gap", "Gap(p, x) (Props 1–2)", "-", "#1f77b4"),
            Curve("gap_lp", "LP of (4.1)", "o", "#000000"),
        ),
        thresholds=_thresholds(values, x, moving),
        levels=(
            Level(f"Δ(x) = {peak:.4g} (largest gap)", peak, "--", "#2ca02c"),
            Level(f"6.25% · h₂ = {bound:.4g}", bound, ":", "#d62728"),
        ),
        metadata=_metadata(values, x, moving, fixed, "gap"),
    )


def _gap_line_holds_at(result: GapArrays) -> dict[str, dict[str, str]]:
    """At δ < 1, the ``holds_at`` of the Gap line's quantity columns (from ``result.holds_at``; the
    6.25% bound is a definition); nothing at δ = 1."""
    labels = result.holds_at
    if labels is None:
        return {}
    return {
        "holds_at": {name: labels[name] for name in ("gap", "ex_ante_payoff", "gap_player")} | {"bound": DEFINITION}
    }


def gap_line(env: TwoSidedEnvironment, moving: int, points: int = 51) -> ViewData:
    """The Gap view for any number of types: Gap(p, x) of (4.1)–(4.2) by LP along one player's belief.

    The moving player's belief runs along its family (:func:`~bargainlab.models.two_sided.curves.prior_family`:
    the axis is the probability of its highest value, the lower values keep the relative
    weights of its prior); the other player's prior is ``env``'s; x is ``env.bargaining_power``.
    The 6.25% line is the paper's bound for two types (Section 4), drawn for comparison.

    Parameters
    ----------
    env
        Values, priors and x (as β) in the user's labels.
    moving
        1 or 2: whose belief moves.
    points
        Beliefs on the axis, 3 to :data:`MAX_LP_VIEW_POINTS` (one LP each).

    Returns
    -------
    ViewData
        Columns ``prior{moving}`` (probability of the highest value), ``gap``, ``ex_ante_payoff``,
        ``gap_player`` and ``bound``.

    Examples
    --------
    >>> env = two_sided_environment([0, 0.5], [0.5, 1], 0.5, 0.5, 0.5)
    >>> data = gap_line(env, 1, points=3)
    >>> round(float(data.columns["gap"][1]), 6)  # at p₁ = 1/2: the paper's extremal example, 6.25%
    0.0625
    """
    if isinstance(moving, bool) or moving not in (1, 2):
        raise InvalidParameterError("moving", moving, "1 or 2 (whose belief moves)")
    space: TypeSpace = env.player(moving)
    if space.size < 2:
        raise InvalidParameterError(f"values{moving}", list(space.values), "at least two values to move a belief")
    grid = _check_view(f"p{moving}", 0.5, points, MAX_LP_VIEW_POINTS)
    family = prior_family(space, grid)
    fixed = np.tile(np.asarray(env.player(3 - moving).prior, dtype=float), (len(grid), 1))
    P1, P2 = (family, fixed) if moving == 1 else (fixed, family)
    result = gap_on_priors(env, P1, P2, "lp" if not env.is_binary else "auto")
    bound = GAP_BOUND_SHARE * max(env.player1.values[-1], env.player2.values[-1])
    axis = f"prior{moving}"
    top = space.values[-1]
    columns = {
        axis: grid,
        "gap": np.asarray(result.gap, dtype=float),
        "ex_ante_payoff": np.asarray(result.ex_ante_payoff, dtype=float),
        "gap_player": np.asarray(result.gap_player),
        "bound": np.full(len(grid), bound),
    }
    label = f"P(player {moving}'s value is {top:g})" + ("" if space.is_binary else "; lower values keep their weights")
    return ViewData(
        view="gap",
        title=f"The Gap by LP, x = {env.bargaining_power:g}, against player {moving}'s belief",
        axis=axis,
        axis_label=label,
        ylabel="Gap",
        columns=columns,
        curves=(Curve("gap", f"Gap(p, x) ({result.method})", "-", "#1f77b4"),),
        levels=(Level(f"6.25% of the largest value = {bound:.4g} (the two-type bound)", bound, ":", "#d62728"),),
        marker=float(space.prior[-1]),
        metadata={
            "view": "gap",
            "values1": list(env.player1.values),
            "values2": list(env.player2.values),
            "share": env.bargaining_power,
            "moving": f"p{moving}",
            f"prior{3 - moving}": list(env.player(3 - moving).prior),
            "method": result.method,
            "lp_solves": result.lp_solves,
            **_gap_line_holds_at(result),
        },
    )


def whole_gap_data(
    values: BinaryValues, share: float, moving: str = "p2", belief: float = 0.5, points: int = 101
) -> ViewData:
    """Player 1's ex ante payoff in the offers mixed by the slide "Player 1 gets the entire Gap".

    The pieces (Section 5.5): a¹ gives p₁·x M₁(·; p₂); a² gives E(p, x) = p₁·x M₁ + Gap(p, x)
    (eq. 5.2); a² − Gap(·, p₂*) subtracts the payment w(p₁) = Gap(p₁, p₂*) = f₁(p₁) Δ(x), the
    largest gap at p₁, and meets a¹ at p₂ = p₂*; for p₁ > p₁*(x) a² gives the gap to l₁
    (eq. 5.1 corrected: payoffs constant in p₁, linearly transferable), shaded.

    Parameters
    ----------
    values
        (l₁, h₁, l₂, h₂) in the theory's labels.
    share
        Player 1's share x in [0, 1].
    moving
        ``"p2"`` (p₁ fixed at ``belief``) or ``"p1"`` (p₂ fixed at ``belief``).
    belief
        The other belief, in (0, 1).
    points
        Beliefs on the axis, 3 to :data:`MAX_VIEW_POINTS`.

    Returns
    -------
    ViewData
        Columns ``prior1`` or ``prior2`` (the moving belief), ``a1`` = p₁·x M₁(·; p₂), ``a2`` = p₁·a²₁ = E(p, x),
        ``a2_less_gap_at_p2_star`` = E(p, x) − Gap(p₁, p₂*, x), ``gap_to_low`` (1 where
        p₁ > p₁*(x): zone C of a², the gap to l₁).

    Examples
    --------
    >>> v = binary_values(0.1, 0.6, 0.3, 1.0)
    >>> data = whole_gap_data(v, 0.5, moving="p1", belief=float(closed_form.p2_star(v)), points=3)
    >>> bool(np.allclose(data.columns["a2_less_gap_at_p2_star"], data.columns["a1"]))  # at p₂ = p₂*
    True
    """
    x, fixed = share, belief  # the paper's x; the fixed belief
    grid = _checks(x, moving, fixed, points)
    P1, P2 = _pairs(moving, grid, fixed)
    low, high = mechanisms.a2_player_one_payoffs(values, P1, P2, x)
    a2 = (1 - P1) * low + P1 * high
    floor = np.array([mechanisms.a1(values, float(a), float(b), x).payoffs1 for a, b in zip(P1, P2)])
    a1 = (1 - P1) * floor[:, 0] + P1 * floor[:, 1]
    star = float(closed_form.p2_star(values))
    less = a2 - closed_form.gap(values, P1, np.full_like(P1, star), x)
    above = (P1 > float(closed_form.p1_star(values, x))).astype(float)
    columns = {_column(moving): grid, "a1": a1, "a2": a2, "a2_less_gap_at_p2_star": less, "gap_to_low": above}
    thresholds = (("p₂*", star),) if moving == "p2" else _thresholds(values, x, "p1")[:1]
    return ViewData(
        view="whole-gap",
        title=f"Player 1 gets the whole Gap: x = {x:g}, {_other(moving)} = {fixed:g}",
        axis=_column(moving),
        axis_label=_label(moving),
        ylabel="player 1's ex ante payoff",
        columns=columns,
        curves=(
            Curve("a1", "a¹: p₁·x M₁ (cannot be refused by 2)", "-", "#1f77b4"),
            Curve("a2", "a²: p₁·a²₁ = E (eq. 5.2)", "-", "#ff7f0e"),
            Curve("a2_less_gap_at_p2_star", "a² − Gap(·, p₂*)", "--", "#2ca02c"),
        ),
        thresholds=thresholds,
        shade=("a1", "a2", "gap_to_low", "p₁ ≥ p₁*: linearly transferable, gap to l₁"),
        metadata=_metadata(values, x, moving, fixed, "whole-gap"),
    )


def convexity_data(
    values: BinaryValues, share: float, moving: str = "p2", belief: float = 0.3, points: int = 101
) -> ViewData:
    """a²₁(l₁) and a²₁(h₁) (eq. 5.1) against the moving belief, with second differences (< 0: not convex).

    Parameters
    ----------
    values
        (l₁, h₁, l₂, h₂) in the theory's labels.
    share
        Player 1's share x in [0, 1].
    moving
        ``"p1"`` or ``"p2"``: the belief on the horizontal axis.
    belief
        The other belief, in (0, 1).
    points
        Beliefs on the axis, 3 to :data:`MAX_VIEW_POINTS`.

    Returns
    -------
    ViewData
        Columns ``prior1`` or ``prior2`` (the moving belief), ``a2_u1_l1``, ``a2_u1_h1``, ``second_difference_l1``,
        ``second_difference_h1`` (blank at the ends), ``kink_l1``, ``kink_h1`` (1 where the
        second difference is below −:data:`~bargainlab.tolerances.ZERO_TOL`: a concave kink) and
        ``jump`` (1 where the three points of a second difference straddle p₁*, against p₁ only:
        a² is set-valued there and both payoffs jump, E8; such points are not counted as kinks;
        the p₁* line says so).

    Examples
    --------
    >>> data = convexity_data(binary_values(0.1, 0.6, 0.3, 1.0), 0.5, belief=0.2, points=201)
    >>> int(data.columns["kink_l1"].sum()), int(data.columns["kink_h1"].sum())  # E8: h₁'s payoff is not convex
    (0, 2)
    """
    x, fixed = share, belief  # the paper's x; the fixed belief
    grid = _checks(x, moving, fixed, points)
    P1, P2 = _pairs(moving, grid, fixed)
    low, high = mechanisms.a2_player_one_payoffs(values, P1, P2, x)
    scale = max(values.h2, 1.0)

    def second(curve: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """Second differences at interior points (blank at the two ends: no NaN in the CSV) and the kinks."""
        out = np.full(len(curve), "", dtype=object)
        out[1:-1] = curve[:-2] - 2 * curve[1:-1] + curve[2:]
        kink = np.zeros(len(curve))
        kink[1:-1] = (curve[:-2] - 2 * curve[1:-1] + curve[2:]) < -ZERO_TOL * scale
        return out, kink

    (d_low, k_low), (d_high, k_high) = second(low), second(high)
    # against p₁ the payoffs jump at p₁* (a² is set-valued there; the gap moves from h₁ to l₁):
    # a second difference whose three points straddle p₁* measures the jump, not a kink
    jump = np.zeros(len(grid))
    star = mechanisms.thresholds(values, x)["p1_star"] if moving == "p1" else None
    if star is not None and 0 < star < 1:
        jump[1:-1] = (grid[:-2] <= star) & (star < grid[2:])
        k_low, k_high = k_low * (1 - jump), k_high * (1 - jump)
    columns = {
        _column(moving): grid,
        "a2_u1_l1": low,
        "a2_u1_h1": high,
        "second_difference_l1": d_low,
        "second_difference_h1": d_high,
        "kink_l1": k_low,
        "kink_h1": k_high,
        "jump": jump,
    }
    return ViewData(
        view="convexity",
        title=f"Convexity of a²'s player-1 payoffs, x = {x:g}, against {moving} ({_other(moving)} = {fixed:g})",
        axis=_column(moving),
        axis_label=_label(moving) + "  (×: concave kink)",
        ylabel="interim payoff",
        columns=columns,
        curves=(
            Curve("a2_u1_l1", "a²₁(l₁)", "-", TYPE_COLOURS["l1"]),
            Curve("a2_u1_h1", "a²₁(h₁)", "-", TYPE_COLOURS["h1"]),
            Curve("a2_u1_l1", "concave kink of a²₁(l₁)", "x", TYPE_COLOURS["l1"], where="kink_l1"),
            Curve("a2_u1_h1", "concave kink of a²₁(h₁)", "x", TYPE_COLOURS["h1"], where="kink_h1"),
        ),
        thresholds=tuple(
            (f"{name}: a² set-valued, payoffs jump", at) if name == "p₁*" else (name, at)
            for name, at in _thresholds(values, x, moving)
        ),
        metadata=_metadata(values, x, moving, fixed, "convexity"),
    )


# ---------------------------------------------------------------------------- matplotlib
#: Threshold line styles, in order (first: p*, second: p**).
THRESHOLD_STYLES = (":", "-.")


def draw(data: ViewData) -> FigureData:
    """Draw a view with matplotlib (one panel per entry of ``data.panels``).

    Parameters
    ----------
    data
        A view from :func:`offers_data`, :func:`gap_data`, :func:`gap_line`,
        :func:`whole_gap_data` or :func:`convexity_data`.

    Returns
    -------
    FigureData
        The figure and ``data.columns``.
    """
    count = len(data.panels)
    figure = new_figure((5.5 * count, 4.6) if count > 1 else (6.4, 4.6))
    axes_list = np.atleast_1d(figure.subplots(1, count, sharey=True))
    x = data.x
    for index, axes in enumerate(axes_list):
        for curve in (c for c in data.curves if c.panel == index):
            px, py = data.series(curve)
            if curve.style in ("o", "x") and len(px) == 0:
                continue  # no point to mark: no legend entry either
            if curve.style in ("o", "x"):
                axes.plot(px, py, curve.style, color=curve.colour, ms=5 if curve.style == "o" else 8, label=curve.label)
            else:
                axes.plot(px, py, ls=curve.style, color=curve.colour, label=curve.label)
        for level in data.levels:
            axes.axhline(level.value, color=level.colour, ls=level.style, label=level.label)
        if data.shade is not None:
            lower, upper, where, label = data.shade
            mask = np.asarray(data.columns[where], dtype=float) > 0
            if mask.any():
                axes.fill_between(
                    x, data.columns[lower], data.columns[upper], where=mask, color="#ff7f0e", alpha=0.15, label=label
                )
        for (name, value), style in zip(data.thresholds, THRESHOLD_STYLES):
            axes.axvline(value, color="0.4", ls=style, lw=0.8, label=name)
        if data.marker is not None:
            axes.axvline(data.marker, color="black", lw=1.0, alpha=0.6, label="your belief")
        if data.panels[index]:
            axes.set_title(data.panels[index], fontsize=10)
        axes.set_xlabel(data.axis_label)
        axes.grid(alpha=0.3)
    axes_list[0].set_ylabel(data.ylabel)
    axes_list[-1].legend(fontsize=7)
    figure.suptitle(data.title, fontsize=10)
    return FigureData(figure, dict(data.columns), data.title, dict(data.metadata))


def offers_view(
    values: BinaryValues,
    share: float,
    moving: str = "p2",
    belief: float = 0.5,
    points: int = 101,
    proposer: int | None = None,
) -> FigureData:
    """Draw :func:`offers_data`: every type's payoff in a¹(x) and a²(x) as the moving belief goes from 0 to 1.

    Parameters
    ----------
    values, share, moving, belief, points, proposer
        As for :func:`offers_data`.

    Returns
    -------
    FigureData
        One panel per proposer.
    """
    return draw(offers_data(values, share, moving, belief, points, proposer))


def gap_view(
    values: BinaryValues, share: float, moving: str = "p1", belief: float = 0.5, points: int = 101
) -> FigureData:
    """Draw :func:`gap_data`: Gap(p, x), its peak Δ(x), the 6.25% · h₂ bound, and LP checks.

    Parameters
    ----------
    values, share, moving, belief, points
        As for :func:`gap_data`.

    Returns
    -------
    FigureData
        The figure and its columns.
    """
    return draw(gap_data(values, share, moving, belief, points))


def whole_gap_view(
    values: BinaryValues, share: float, moving: str = "p2", belief: float = 0.5, points: int = 101
) -> FigureData:
    """Draw :func:`whole_gap_data`: a¹, a² = E, a² − Gap(·, p₂*) and the region p₁ ≥ p₁*.

    Parameters
    ----------
    values, share, moving, belief, points
        As for :func:`whole_gap_data`.

    Returns
    -------
    FigureData
        The figure and its columns.
    """
    return draw(whole_gap_data(values, share, moving, belief, points))


def convexity_view(
    values: BinaryValues, share: float, moving: str = "p2", belief: float = 0.3, points: int = 101
) -> FigureData:
    """Draw :func:`convexity_data`: a²'s player-1 payoffs with their concave kinks marked (E8).

    Parameters
    ----------
    values, share, moving, belief, points
        As for :func:`convexity_data`.

    Returns
    -------
    FigureData
        The figure and its columns.
    """
    return draw(convexity_data(values, share, moving, belief, points))
