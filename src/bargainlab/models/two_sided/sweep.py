"""Sweeps of two-sided bargaining over parameter grids (``bargainlab.sweep``).

Any parameter of :func:`~bargainlab.core.environment.two_sided_environment` — each player's
values (whole vectors or single entries ``values1[k]``), priors (for any number of types; ``p1``
and ``p2`` are the probabilities of the high type of binary players), β and δ — is either fixed
or an axis of the grid. Every grid point gets E(p, β), Gap(p, β) (eqs. 4.1–4.2), the player who
gets the gap and the method used, and optionally the random monopoly floors; the numbers come
from :func:`~bargainlab.models.two_sided.maps.gap_on_points` (closed form for binary types,
else one warm-started LP model per task), so they equal one-point-at-a-time
:func:`~bargainlab.models.two_sided.gap` to the closed-form tolerance. δ does not change the
δ → 1 limit; it is recorded with each point.

The chunking, executors, part files, resuming and tables are :mod:`bargainlab.core.sweep`'s.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence
from concurrent.futures import Executor
from dataclasses import dataclass
from itertools import product
from pathlib import Path
from typing import Any

import numpy as np
from numpy.typing import ArrayLike

from bargainlab.core.environment import PriorLike, two_sided_environment
from bargainlab.core.sweep import Axis, Grid, SweepProgress, SweepResult, axis_values, run_sweep
from bargainlab.errors import InvalidParameterError
from bargainlab.models.two_sided.maps import METHODS, GapArrays, gap_on_points, prior_grid
from bargainlab.tolerances import PRIOR_SUM_TOL

__all__ = [
    "sweep",
    "sweep_grid",
    "parameter_name",
    "TwoSidedEvaluator",
    "QUANTITIES",
    "DEFAULT_QUANTITIES",
    "PARAMETERS",
]

#: Parameters of a two-sided sweep (fixed or on the grid).
PARAMETERS = ("values1", "values2", "prior1", "prior2", "beta", "delta")

#: Other names accepted for grid axes.
ALIASES = {"p1": "prior1", "p2": "prior2", "bargaining_power": "beta", "discount": "delta"}

#: Quantities a sweep can compute: E(p, β), Gap(p, β), Gap / largest value, the gap player's ex
#: ante floor p_1 · β_1 M_1, the gap player, the method, and every type's floor β_i M_i(t_i).
QUANTITIES = ("E", "gap", "gap_share", "floor", "gap_player", "method", "floors")

#: Quantities computed when none are named.
DEFAULT_QUANTITIES = ("E", "gap", "gap_share", "floor", "gap_player", "method")

#: Default points per task: LP sweeps (about a second of solver time per task) and closed-form sweeps.
LP_CHUNK_SIZE = 2_000
CLOSED_FORM_CHUNK_SIZE = 262_144

_COMPONENT = re.compile(r"^values([12])\[(\d+)\]$")


@dataclass(frozen=True)
class TwoSidedEvaluator:
    """Evaluates a block of grid points (picklable: it travels to workers).

    Attributes
    ----------
    values1, values2
        Fixed values (the base that ``values1[k]`` axes change), or ``None`` when on an axis.
    prior1, prior2
        Fixed priors (full probability vectors), or ``None`` when on an axis.
    beta, delta
        Fixed β and δ, or ``None`` when on an axis.
    quantities
        What to compute (see ``QUANTITIES``).
    method
        ``"auto"``, ``"lp"`` or ``"closed_form"``.
    sizes
        Numbers of types (n1, n2).
    """

    values1: tuple[float, ...] | None
    values2: tuple[float, ...] | None
    prior1: tuple[float, ...] | None
    prior2: tuple[float, ...] | None
    beta: float | None
    delta: float | None
    quantities: tuple[str, ...]
    method: str
    sizes: tuple[int, int]

    def __call__(self, axes: Mapping[str, np.ndarray]) -> dict[str, np.ndarray]:
        """Columns (parameters, then quantities) for the points whose axis values are given."""
        count = len(next(iter(axes.values())))
        values = [self._values(i, axes) for i in (1, 2)]
        priors = [axes.get(f"prior{i}", np.array([fixed])) for i, fixed in ((1, self.prior1), (2, self.prior2))]
        beta = axes.get("beta", np.array(self.beta))
        delta = axes.get("delta", np.array(self.delta))
        result = gap_on_points(*values, *priors, beta, self.method, floors="floors" in self.quantities)
        columns = self._parameter_columns(count, values, priors, beta, delta)
        largest = np.maximum(columns[f"values1_{self.sizes[0] - 1}"], columns[f"values2_{self.sizes[1] - 1}"])
        columns.update(self._quantity_columns(count, result, largest))
        return columns

    def _parameter_columns(self, count: int, values, priors, beta, delta) -> dict[str, np.ndarray]:
        """``values{i}_k``, ``p{i}`` (binary) or ``prior{i}_k``, ``beta``, ``delta`` per point."""
        columns: dict[str, np.ndarray] = {}
        for i in (1, 2):
            V = np.broadcast_to(values[i - 1], (count, self.sizes[i - 1]))
            P = np.broadcast_to(priors[i - 1], (count, self.sizes[i - 1]))
            columns.update({f"values{i}_{k}": np.array(V[:, k]) for k in range(V.shape[1])})
            if self.sizes[i - 1] == 2:
                columns[f"p{i}"] = np.array(P[:, 1])
            else:
                columns.update({f"prior{i}_{k}": np.array(P[:, k]) for k in range(P.shape[1])})
        columns["beta"] = np.array(np.broadcast_to(beta, (count,)), dtype=float)
        columns["delta"] = np.array(np.broadcast_to(delta, (count,)), dtype=float)
        return columns

    def _quantity_columns(self, count: int, result: GapArrays, largest: np.ndarray) -> dict[str, np.ndarray]:
        """The requested quantities, in the requested order."""
        available: dict[str, Callable[[], np.ndarray]] = {
            "E": lambda: result.ex_ante_payoff,
            "gap": lambda: result.gap,
            "gap_share": lambda: np.divide(result.gap, largest, out=np.zeros(count), where=largest > 0),
            "floor": lambda: result.floor,
            "gap_player": lambda: result.gap_player.astype(np.int64),
            "method": lambda: np.full(count, result.method),
        }
        columns: dict[str, np.ndarray] = {}
        for name in self.quantities:
            if name == "floors":
                for i, floors in ((1, result.floors1), (2, result.floors2)):
                    columns.update({f"floor{i}_{k}": np.array(floors[:, k]) for k in range(floors.shape[1])})
            else:
                columns[name] = np.asarray(available[name]())
        return columns

    def _values(self, player: int, axes: Mapping[str, np.ndarray]) -> np.ndarray:
        """Values of ``player`` per point (one shared row when fixed)."""
        if f"values{player}" in axes:
            return axes[f"values{player}"]
        base = np.array([self.values1 if player == 1 else self.values2], dtype=float)
        components = []
        for name, column in axes.items():
            match = _COMPONENT.match(name)
            if match and int(match.group(1)) == player:
                components.append((int(match.group(2)), column))
        if not components:
            return base
        values = np.repeat(base, len(components[0][1]), axis=0)
        for k, column in components:
            values[:, k] = column
        return values


# ---------------------------------------------------------------------------- specification
def parameter_name(name: str) -> str:
    """The parameter a grid axis name stands for (aliases resolved); unknown names are an error."""
    name = name.strip()
    name = ALIASES.get(name, name)
    if name in PARAMETERS or _COMPONENT.match(name):
        return name
    raise InvalidParameterError(
        "grid",
        name,
        "a parameter: values1, values2, values1[k], values2[k], prior1, prior2 (p1, p2: binary), beta, delta",
    )


def _size(player: int, values: ArrayLike | None, axes: Mapping[str, Any]) -> int:
    """The number of types of ``player`` from its fixed values, its values axis, or its prior."""
    if values is not None:
        return len(np.atleast_1d(np.asarray(values, dtype=float)))
    if f"values{player}" in axes:
        spec = axis_values(axes[f"values{player}"], f"values{player}")
        if spec.ndim != 2:
            raise InvalidParameterError(
                f"grid values{player}", axes[f"values{player}"], "a list of value vectors (e.g. 0,0.5;0,0.6)"
            )
        return spec.shape[1]
    raise InvalidParameterError(f"values{player}", None, "given, either fixed or as a grid axis")


def _prior_axis(name: str, spec: Any, n: int) -> np.ndarray:
    values = axis_values(spec, name, dimension=n)
    if values.ndim == 1:
        if n != 2:
            raise InvalidParameterError(
                f"grid {name}", spec, f"a list of {n}-vectors of probabilities (or simplex:D)", "a number is p_high"
            )
        values = prior_grid(values)
    if values.shape[1] != n:
        raise InvalidParameterError(f"grid {name}", spec, f"vectors of {n} probabilities (one per value)")
    total = values.sum(axis=1)
    if np.any(values < 0) or np.any(values > 1) or np.any(np.abs(total - 1) > PRIOR_SUM_TOL):
        row = values[np.flatnonzero((np.abs(total - 1) > PRIOR_SUM_TOL) | np.any((values < 0) | (values > 1), 1))[0]]
        raise InvalidParameterError(
            f"grid {name}", spec, "probabilities in [0, 1] summing to 1", f"e.g. {row.tolist()}"
        )
    return values / total[:, None]


def _scalar_axis(name: str, spec: Any, low: float, high: float, low_open: bool = False) -> np.ndarray:
    values = axis_values(spec, name)
    if values.ndim != 1:
        raise InvalidParameterError(f"grid {name}", spec, "a list of numbers")
    allowed = f"numbers in {'(' if low_open else '['}{low:g}, {high:g}]"
    bad = (values <= low if low_open else values < low) | (values > high)
    if np.any(bad):
        raise InvalidParameterError(f"grid {name}", spec, allowed, f"{float(values[bad][0])!r} is not")
    return values


def _values_axis(name: str, spec: Any, n: int) -> np.ndarray:
    values = axis_values(spec, name)
    if values.ndim != 2 or values.shape[1] != n:
        raise InvalidParameterError(f"grid {name}", spec, f"a list of vectors of {n} values")
    _check_increasing(name, values, spec)
    return values


def _check_increasing(name: str, values: np.ndarray, spec: Any) -> None:
    bad = np.any(values < 0, axis=1) | np.any(np.diff(values, axis=1) <= 0, axis=1)
    if np.any(bad):
        raise InvalidParameterError(
            f"grid {name}",
            spec,
            "non-negative, strictly increasing values at every grid point",
            f"e.g. {values[np.flatnonzero(bad)[0]].tolist()}",
        )


def sweep_grid(
    grid: Mapping[str, str | ArrayLike],
    *,
    values1: Sequence[float] | None = None,
    values2: Sequence[float] | None = None,
    prior1: PriorLike = None,
    prior2: PriorLike = None,
    beta: float | None = None,
    delta: float | None = None,
    quantities: Sequence[str] = DEFAULT_QUANTITIES,
    method: str = "auto",
) -> tuple[TwoSidedEvaluator, Grid, dict[str, Any]]:
    """Validate a sweep specification: the evaluator, the grid and a JSON-safe description.

    Every problem is an :class:`~bargainlab.errors.InvalidParameterError` raised before any point
    is computed: unknown parameters, a parameter both fixed and on the grid (or missing), axes
    that cannot be parsed or whose values are out of range at some grid point, unknown quantities.
    """
    if not isinstance(grid, Mapping) or not grid:
        raise InvalidParameterError("grid", grid, "at least one axis, e.g. {'p1': '0:1:101'}")
    axes_spec: dict[str, Any] = {}
    for raw_name, spec in grid.items():
        name = parameter_name(str(raw_name))
        if name in axes_spec:
            raise InvalidParameterError("grid", raw_name, "each parameter on at most one axis", f"{name} appears twice")
        axes_spec[name] = spec
    fixed = {"values1": values1, "values2": values2, "prior1": prior1, "prior2": prior2, "beta": beta, "delta": delta}
    for name in PARAMETERS:
        if fixed[name] is not None and name in axes_spec:
            raise InvalidParameterError(name, fixed[name], "either fixed or a grid axis, not both")
    for i in (1, 2):
        if f"values{i}" in axes_spec and any(_COMPONENT.match(n) and n[6] == str(i) for n in axes_spec):
            raise InvalidParameterError(f"grid values{i}[k]", None, f"used only with fixed values{i}")
    for name in ("values1", "values2", "prior1", "prior2", "beta"):
        if fixed[name] is None and name not in axes_spec:
            raise InvalidParameterError(name, None, "given, either fixed or as a grid axis")
    sizes = (_size(1, values1, axes_spec), _size(2, values2, axes_spec))

    axes: list[Axis] = []
    for name, spec in axes_spec.items():
        if name in ("prior1", "prior2"):
            values = _prior_axis(name, spec, sizes[int(name[-1]) - 1])
        elif name == "beta":
            values = _scalar_axis(name, spec, 0.0, 1.0)
        elif name == "delta":
            values = _scalar_axis(name, spec, 0.0, 1.0, low_open=True)
        elif name in ("values1", "values2"):
            values = _values_axis(name, spec, sizes[int(name[-1]) - 1])
        else:
            match = _COMPONENT.match(name)
            player, k = int(match.group(1)), int(match.group(2))
            if k >= sizes[player - 1]:
                raise InvalidParameterError(f"grid {name}", spec, f"an entry k < {sizes[player - 1]} of values{player}")
            values = axis_values(spec, name)
            if values.ndim != 1:
                raise InvalidParameterError(f"grid {name}", spec, "a list of numbers")
        axes.append(Axis(name, values))
    _check_components(axes, fixed)

    # the fixed parameters, validated by the environment (axis parameters stand in with a first value)
    first = {axis.name: axis.values[0] for axis in axes}
    bases = {1: _base_values(1, values1, axes), 2: _base_values(2, values2, axes)}
    env = two_sided_environment(
        _with_components(1, bases[1], first) if values1 is not None else first.get("values1"),
        _with_components(2, bases[2], first) if values2 is not None else first.get("values2"),
        prior1 if prior1 is not None else list(first["prior1"]),
        prior2 if prior2 is not None else list(first["prior2"]),
        beta if beta is not None else first["beta"],
        delta if delta is not None else first.get("delta", 1.0),
    )
    quantities = _check_quantities(quantities)
    if method not in METHODS:
        raise InvalidParameterError("method", method, "one of 'auto', 'lp', 'closed_form'")
    if method == "closed_form" and sizes != (2, 2):
        raise InvalidParameterError("method", method, "'lp' or 'auto' here", "the closed forms need two types each")
    evaluator = TwoSidedEvaluator(
        values1=bases[1],
        values2=bases[2],
        prior1=env.player1.prior if prior1 is not None else None,
        prior2=env.player2.prior if prior2 is not None else None,
        beta=env.bargaining_power if beta is not None else None,
        delta=(env.discount if delta is not None else 1.0) if "delta" not in axes_spec else None,
        quantities=quantities,
        method=method,
        sizes=sizes,
    )
    from bargainlab._version import __version__

    description = {
        "model": "two-sided",
        "bargainlab": __version__,
        "fixed": {name: getattr(evaluator, name) for name in PARAMETERS},
        "quantities": list(quantities),
        "method": method,
    }
    return evaluator, Grid(tuple(axes)), description


def _base_values(player: int, values: Sequence[float] | None, axes: list[Axis]) -> tuple[float, ...] | None:
    """The fixed values of ``player`` as floats (``None`` when its values are an axis)."""
    if values is None:
        return None
    try:
        return tuple(float(v) for v in values)
    except (TypeError, ValueError):
        raise InvalidParameterError(f"values{player}", values, "a sequence of numbers") from None


def _with_components(player: int, base: tuple[float, ...], first: Mapping[str, Any]) -> list[float]:
    """The base values with the first value of every ``values{player}[k]`` axis put in."""
    values = list(base)
    for name, value in first.items():
        match = _COMPONENT.match(name)
        if match and int(match.group(1)) == player:
            values[int(match.group(2))] = float(value)
    return values


def _check_components(axes: list[Axis], fixed: Mapping[str, Any]) -> None:
    """``values{i}[k]`` axes must keep the values increasing at every combination."""
    for player in (1, 2):
        components = [
            (int(_COMPONENT.match(a.name).group(2)), a) for a in axes if a.name.startswith(f"values{player}[")
        ]
        if not components:
            continue
        base = np.asarray(fixed[f"values{player}"], dtype=float)
        combos = np.array(list(product(*(axis.values for _, axis in components))))
        values = np.repeat(base[None, :], len(combos), axis=0)
        for column, (k, _) in enumerate(components):
            values[:, k] = combos[:, column]
        _check_increasing(f"values{player}[k]", values, [axis.name for _, axis in components])


def _check_quantities(quantities: Sequence[str] | str) -> tuple[str, ...]:
    if isinstance(quantities, str):
        quantities = [q.strip() for q in quantities.split(",")]
    quantities = tuple(quantities)
    if not quantities:
        raise InvalidParameterError("quantities", [], f"a non-empty list from {', '.join(QUANTITIES)}")
    for name in quantities:
        if name not in QUANTITIES:
            raise InvalidParameterError("quantities", list(quantities), f"names from {', '.join(QUANTITIES)}", name)
    return tuple(dict.fromkeys(quantities))


# ---------------------------------------------------------------------------- public API
def sweep(
    grid: Mapping[str, str | ArrayLike],
    *,
    values1: Sequence[float] | None = None,
    values2: Sequence[float] | None = None,
    prior1: PriorLike = None,
    prior2: PriorLike = None,
    beta: float | None = None,
    delta: float | None = None,
    quantities: Sequence[str] = DEFAULT_QUANTITIES,
    method: str = "auto",
    out: str | Path | None = None,
    executor: Executor | None = None,
    workers: int | None = None,
    chunk_size: int | None = None,
    progress: bool | Callable[[SweepProgress], None] = False,
    resume: bool = True,
    keep_parts: bool = False,
) -> SweepResult:
    """E, Gap and more of two-sided bargaining at every point of a parameter grid.

    Parameters
    ----------
    grid
        Axis name -> values, in the order of the axes (the first varies slowest in the table).
        Names: ``values1``, ``values2`` (vectors), ``values1[k]``, ``values2[k]`` (one entry of the
        fixed values), ``prior1``, ``prior2`` (vectors; for binary players numbers = probability
        of the high type; aliases ``p1``, ``p2``), ``beta``, ``delta``. Values: arrays or lists,
        or strings ``"START:STOP:NUM"``, ``"V;V;..."``, ``"simplex:D"`` (see
        :func:`bargainlab.core.sweep.axis_values`).
    values1, values2, prior1, prior2, beta, delta
        The fixed parameters (as in :func:`~bargainlab.two_sided_environment`); every parameter
        not on the grid must be given, except δ (default 1, the limit δ → 1).
    quantities
        Columns to compute, from ``QUANTITIES`` (``"floors"`` adds ``floor1_k``, ``floor2_k``).
    method
        ``"auto"`` (closed form for binary types, else LP), ``"lp"`` or ``"closed_form"``.
    out
        Write the table here (``.parquet`` or ``.csv``); finished chunks are kept in
        ``<out>.parts/`` until the end, so an interrupted sweep resumes when run again.
    executor
        A :class:`concurrent.futures.Executor` to run the chunks, e.g. a Dask client's
        ``client.get_executor()``. Default: in-process.
    workers
        Without ``executor``: the number of local worker processes (default 1, in-process).
    chunk_size
        Points per task (default 2,000 with LPs, 262,144 with the closed form).
    progress
        ``True`` draws a progress bar on stderr; a callable receives a ``SweepProgress``.
    resume
        Reuse finished chunks of an interrupted run of the same sweep (default).
    keep_parts
        Keep ``<out>.parts/`` after the table is written.

    Returns
    -------
    SweepResult
        ``columns``: ``point`` (C-order index), the parameters (``values1_k``, ``p1`` or
        ``prior1_k``, ``beta``, ``delta``, ...), then the quantities.

    Examples
    --------
    >>> import bargainlab as bl
    >>> result = bl.sweep({"p1": "0:1:3", "p2": [0.5]}, values1=[0, 0.5], values2=[0.5, 1], beta=0.5)
    >>> result.columns["p1"].tolist(), result.columns["gap"].round(6).tolist()
    ([0.0, 0.5, 1.0], [0.0, 0.0625, 0.0])
    """
    evaluator, sweep_axes, description = sweep_grid(
        grid,
        values1=values1,
        values2=values2,
        prior1=prior1,
        prior2=prior2,
        beta=beta,
        delta=delta,
        quantities=quantities,
        method=method,
    )
    if chunk_size is None:
        uses_lp = method == "lp" or evaluator.sizes != (2, 2)
        chunk_size = LP_CHUNK_SIZE if uses_lp else CLOSED_FORM_CHUNK_SIZE
    return run_sweep(
        evaluator,
        sweep_axes,
        description=description,
        chunk_size=chunk_size,
        out=out,
        executor=executor,
        workers=workers,
        progress=progress,
        resume=resume,
        keep_parts=keep_parts,
    )
