"""Sweeps of two-sided bargaining over parameter grids (``bargainlab.sweep``).

Any parameter of :func:`~bargainlab.core.environment.two_sided_environment` — each player's
values (whole vectors or single entries ``values1[k]``), priors (for any number of types; for a
binary player a number is the probability of the high type), ``bargaining_power`` (β) and
``discount`` (δ) — is either fixed or an axis of the grid; axes are named by the parameters'
Python names (the vocabulary table of ``docs/architecture.md``). Every grid point gets
E(p, β), Gap(p, β) (eqs. 4.1–4.2), the player who gets the gap and the method used, and
optionally the random monopoly floors and whether the lowest values tie; the numbers come from
:func:`~bargainlab.models.two_sided.maps.gap_on_points` (closed form for binary types, else one
warm-started LP model per task), so they equal one-point-at-a-time
:func:`~bargainlab.models.two_sided.gap` to the closed-form tolerance. δ does not change the
δ → 1 limit; it is recorded with each point.

Where the players' lowest values tie (l_1 = l_2) Theorem 3 does not say who gets the gap; a row
there gives it to the player of the tie-break rule
(:attr:`~bargainlab.core.environment.TwoSidedEnvironment.theory_player`). For two types each the
Gap is then 0 whichever player gets it (Section 4); with more types it can differ, and a sweep with
such rows says so once, with a
:class:`~bargainlab.models.two_sided.outcome.LowestValuesTieWarning` (the quantity
``lowest_values_tie`` marks the rows; ``bl.two_sided.solve`` at a row reports the other labelling,
``tie_alternative``).

Inputs are read with :mod:`bargainlab.core.inputs`; the chunking, executors, part files,
resuming and tables are :mod:`bargainlab.core.sweep`'s.
"""

from __future__ import annotations

import math
import re
import warnings
from collections.abc import Callable, Mapping, Sequence
from concurrent.futures import Executor
from dataclasses import dataclass
from itertools import product
from pathlib import Path
from typing import Any, ClassVar, cast

import numpy as np
from numpy.typing import ArrayLike

from bargainlab._version import __version__
from bargainlab.core import inputs, limits
from bargainlab.core.choices import DEFAULT_SWEEP_QUANTITIES as DEFAULT_QUANTITIES
from bargainlab.core.choices import SWEEP_QUANTITIES as QUANTITIES
from bargainlab.core.inputs import PriorLike
from bargainlab.core.result import Result
from bargainlab.core.sweep import Axis, Grid, SweepProgress, SweepResult, axis_values, run_sweep
from bargainlab.core.sweep.parts import parts_dir
from bargainlab.errors import InvalidParameterError
from bargainlab.models.two_sided.maps import METHODS, GapArrays, Method, gap_on_points, prior_grid
from bargainlab.models.two_sided.outcome import (
    AT_DELTA,
    COMPUTATION,
    DEFINITION,
    DELTA_TO_1_LIMIT,
    LowestValuesTieWarning,
)
from bargainlab.tolerances import PRIOR_SUM_TOL

__all__ = [
    "sweep",
    "sweep_grid",
    "parameter_name",
    "TwoSidedEvaluator",
    "TwoSidedSweepResult",
    "QUANTITIES",
    "DEFAULT_QUANTITIES",
    "PARAMETERS",
]

#: Parameters of a two-sided sweep (fixed or on the grid), by their Python names.
PARAMETERS = ("values1", "values2", "prior1", "prior2", "bargaining_power", "discount")

#: Default points per task: LP sweeps (about a second of solver time per task) and closed-form
#: sweeps (65,536 points, 5 ms of closed form: a chunk's 15 columns, 8 MB, stay in the CPU cache
#: while they are copied or encoded; on 10^6 points 1.2x the kernel in memory and 2.0x to
#: Parquet, against 1.3x and 2.4x with chunks of 262,144: benchmarks/sweep_vs_kernel.py).
LP_CHUNK_SIZE = 2_000
CLOSED_FORM_CHUNK_SIZE = 65_536

#: Most values on one axis, and most points in a sweep: the table is held in memory (about 8
#: bytes per column and point, some 120 bytes per point for the default columns).
MAX_AXIS_VALUES = 1_000_000
MAX_POINTS = 100_000_000

#: Most local worker processes.
MAX_WORKERS = limits.MAX_SWEEP_WORKERS

#: The paper's symbols, which name command-line options but not grid axes (for the error's hint).
_SYMBOLS = {"p1": "prior1", "p2": "prior2", "beta": "bargaining_power", "delta": "discount"}

_COMPONENT = re.compile(r"^values([12])\[(\d+)\]$")

_AXIS_NAMES = "values1, values2, values1[k], values2[k], prior1, prior2, bargaining_power, discount"


def _component(name: str) -> tuple[int, int] | None:
    """``(player, k)`` for an axis ``values{player}[k]``, else ``None``."""
    match = _COMPONENT.match(name)
    return (int(match.group(1)), int(match.group(2))) if match else None


def _grid_error(name: str, spec: Any, allowed: str, detail: str = "") -> InvalidParameterError:
    """An error of the grid axis ``name`` (key ``grid``, so the CLI names ``--grid``)."""
    return InvalidParameterError("grid", spec, allowed, detail, label=f"grid {name}")


@dataclass(frozen=True)
class TwoSidedEvaluator:
    """Evaluates a block of grid points (picklable: it travels to workers).

    Attributes
    ----------
    values1, values2
        Fixed values (the base that ``values1[k]`` axes change), or ``None`` when on an axis.
    prior1, prior2
        Fixed priors (full probability vectors), or ``None`` when on an axis.
    bargaining_power, discount
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
    bargaining_power: float | None
    discount: float | None
    quantities: tuple[str, ...]
    method: Method
    sizes: tuple[int, int]

    def __call__(self, axes: Mapping[str, np.ndarray]) -> dict[str, np.ndarray]:
        """Columns (parameters, then quantities) for the points whose axis values are given."""
        count = len(next(iter(axes.values())))
        values = [self._values(1, axes), self._values(2, axes)]
        priors = [axes.get("prior1", np.array([self.prior1])), axes.get("prior2", np.array([self.prior2]))]
        beta = axes.get("bargaining_power", np.array(self.bargaining_power))
        delta = axes.get("discount", np.array(self.discount))
        result = gap_on_points(
            values[0], values[1], priors[0], priors[1], beta, self.method, floors="floors" in self.quantities
        )
        columns = self._parameter_columns(count, values, priors, beta, delta)
        largest = np.maximum(columns[f"values1_{self.sizes[0] - 1}"], columns[f"values2_{self.sizes[1] - 1}"])
        tie = values[0][:, 0] == values[1][:, 0]  # exact, as theory.lowest_values_tie (one row when both fixed)
        columns.update(self._quantity_columns(count, result, largest, tie))
        return columns

    def _parameter_columns(
        self, count: int, values: list[np.ndarray], priors: list[np.ndarray], beta: np.ndarray, delta: np.ndarray
    ) -> dict[str, np.ndarray]:
        """``values{i}_k``, ``prior{i}`` (binary: P(high)) or ``prior{i}_k``, β and δ per point.

        Views, not copies: a fixed parameter is a broadcast (zero-stride) column, which the sweep
        holds as one number (:func:`bargainlab.core.sweep.run_sweep`).
        """
        columns: dict[str, np.ndarray] = {}
        for i in (1, 2):
            V = np.broadcast_to(values[i - 1], (count, self.sizes[i - 1]))
            P = np.broadcast_to(priors[i - 1], (count, self.sizes[i - 1]))
            columns.update({f"values{i}_{k}": V[:, k] for k in range(V.shape[1])})
            if self.sizes[i - 1] == 2:
                columns[f"prior{i}"] = P[:, 1]
            else:
                columns.update({f"prior{i}_{k}": P[:, k] for k in range(P.shape[1])})
        columns["bargaining_power"] = np.broadcast_to(np.asarray(beta, dtype=float), (count,))
        columns["discount"] = np.broadcast_to(np.asarray(delta, dtype=float), (count,))
        return columns

    def _quantity_columns(
        self, count: int, result: GapArrays, largest: np.ndarray, tie: np.ndarray
    ) -> dict[str, np.ndarray]:
        """The requested quantities, in the requested order (``tie``: l_1 = l_2 per point, or one shared flag)."""
        available: dict[str, Callable[[], np.ndarray]] = {
            "ex_ante_payoff": lambda: result.ex_ante_payoff,
            "gap": lambda: result.gap,
            "gap_share": lambda: np.divide(result.gap, largest, out=np.zeros(count), where=largest > 0),
            "floor": lambda: np.asarray(result.floor),
            "gap_player": lambda: result.gap_player.astype(np.int64),
            "lowest_values_tie": lambda: tie,
            "method": lambda: np.broadcast_to(np.array(result.method), (count,)),  # one label per call
        }
        columns: dict[str, np.ndarray] = {}
        for name in self.quantities:
            if name == "floors":
                for i, floors in ((1, result.floors1), (2, result.floors2)):
                    assert floors is not None  # asked for with floors=True
                    columns.update(
                        {f"floor{i}_{k}": _per_point(np.array(floors[:, k]), count) for k in range(floors.shape[1])}
                    )
            else:
                columns[name] = _per_point(np.asarray(available[name]()), count)
        return columns

    def _values(self, player: int, axes: Mapping[str, np.ndarray]) -> np.ndarray:
        """Values of ``player`` per point (one shared row when fixed)."""
        if f"values{player}" in axes:
            return axes[f"values{player}"]
        base = np.array([self.values1 if player == 1 else self.values2], dtype=float)
        components = []
        for name, column in axes.items():
            found = _component(name)
            if found is not None and found[0] == player:
                components.append((found[1], column))
        if not components:
            return base
        values = np.repeat(base, len(components[0][1]), axis=0)
        for k, column in components:
            values[:, k] = column
        return values


def _per_point(column: np.ndarray, count: int) -> np.ndarray:
    """One entry per point: a column computed once for points that differ only in what it does not
    depend on (e.g. only δ varies: E and the Gap are δ → 1 limits) is repeated as a broadcast view."""
    return column if len(column) == count else np.broadcast_to(column, (count,))


#: What each quantity column is at a δ < 1 (the labels of :class:`~bargainlab.models.two_sided.outcome.HoldsAt`):
#: E, the Gap, its share and who gets it are Theorem 3's δ → 1 limits; the floors hold at δ
#: (Theorem 2); whether the lowest values tie is a definition (read off the values); ``method``
#: records the computation. Parameter columns and ``point`` are inputs.
QUANTITY_HOLDS_AT = {
    "ex_ante_payoff": DELTA_TO_1_LIMIT,
    "gap": DELTA_TO_1_LIMIT,
    "gap_share": DELTA_TO_1_LIMIT,
    "gap_player": DELTA_TO_1_LIMIT,
    "lowest_values_tie": DEFINITION,
    "floor": AT_DELTA,
    "floors": AT_DELTA,
    "method": COMPUTATION,
}

#: The quantities that depend on who gets the gap (at tied lowest values, on the tie-break rule).
TIE_BROKEN_QUANTITIES = ("ex_ante_payoff", "gap", "gap_share", "floor", "gap_player")


def column_holds_at(columns: Sequence[str]) -> dict[str, str]:
    """The ``holds_at`` label of each quantity column of a sweep table (``floor{i}_{k}`` are the
    ``floors`` quantity); parameter columns and ``point`` get none.

    >>> column_holds_at(["point", "prior1", "gap", "floor1_0", "method"])
    {'gap': 'delta_to_1_limit', 'floor1_0': 'at_delta', 'method': 'computation'}
    """
    labels = {}
    for name in columns:
        key = "floors" if re.fullmatch(r"floor[12]_\d+", name) else name
        if key in QUANTITY_HOLDS_AT:
            labels[name] = QUANTITY_HOLDS_AT[key]
    return labels


#: The fields of a run (:class:`bargainlab.core.sweep.SweepResult`) besides its columns.
RUN_FIELDS = ("path", "parts", "chunks", "chunks_computed", "chunks_reused", "seconds")


@dataclass(frozen=True, repr=False)
class TwoSidedSweepResult(Result):
    """A finished two-sided sweep: one row per grid point, in the grid's C order.

    ``to_frame()`` is the table (one row per point, the columns below); ``summary()`` is the run
    (points, chunks, time, where the table was written); ``to_dict()`` is the run with ``model``,
    ``parameters`` and ``method`` (the JSON of ``bargainlab sweep two-sided --json``).

    Attributes
    ----------
    parameters
        The fixed parameters under their Python names, the ``grid`` (axis name -> its text
        specification as given, e.g. ``"0:1:101"``, or its values) and the ``quantities``.
    method
        ``"auto"``, ``"lp"`` or ``"closed_form"`` (the ``method`` column says which was used).
    columns
        Column name -> array: ``point`` (C-order index of the point), the parameters
        (``values1_k``, ``prior1`` for binary players (P(high)) or ``prior1_k``, the same for
        player 2, ``bargaining_power``, ``discount``), then the quantities.
    path
        The table written (``None`` when no ``out`` was given).
    parts
        ``True`` if finished chunks went through part files (``<out>.parts/``, resumable),
        ``False`` if they were streamed straight into the table (or the table is in memory).
    chunks, chunks_computed, chunks_reused
        Number of chunks; how many were computed in this run and how many were read back from a
        previous, interrupted run.
    seconds
        Wall-clock time of this run.
    """

    model: ClassVar[str] = "two-sided"
    hidden_fields: ClassVar[tuple[str, ...]] = ("columns",)
    extra_fields: ClassVar[tuple[str, ...]] = ("points", "column_names", "holds_at")
    summary_fields: ClassVar[tuple[str, ...]] = ("points", "chunks", "method", "path")

    parameters: dict[str, Any]
    method: str
    columns: dict[str, np.ndarray]
    path: Path | None
    parts: bool
    chunks: int
    chunks_computed: int
    chunks_reused: int
    seconds: float

    @classmethod
    def from_run(cls, run: SweepResult, parameters: dict[str, Any], method: str) -> TwoSidedSweepResult:
        """The result of a finished run of :func:`bargainlab.core.sweep.run_sweep`."""
        fields = {name: getattr(run, name) for name in ("columns", *RUN_FIELDS)}
        return cls(parameters=parameters, method=method, **fields)

    @property
    def points(self) -> int:
        """Number of rows (grid points)."""
        return len(self.columns["point"])

    @property
    def column_names(self) -> list[str]:
        """The table's column names, in order."""
        return list(self.columns)

    @property
    def holds_at(self) -> dict[str, str] | None:
        """When some row has δ < 1: quantity column → ``"delta_to_1_limit"`` (E, Gap, its share,
        the gap player), ``"at_delta"`` (the floors), ``"definition"`` (``lowest_values_tie``) or
        ``"computation"`` (``method``), as in
        :data:`QUANTITY_HOLDS_AT`; ``None`` when every row is at δ = 1 (the limit)."""
        discount = self.columns.get("discount")
        if discount is None or not np.any(np.asarray(discount) < 1):
            return None
        return column_holds_at(list(self.columns))

    def summary(self) -> dict[str, Any]:
        """The run: points, column names, where the table was written, chunks and seconds (JSON-safe)."""
        data = self.to_dict()
        return {key: data[key] for key in ("points", "column_names", *RUN_FIELDS)}

    def _frame_columns(self) -> Mapping[str, np.ndarray]:
        return self.columns


# ---------------------------------------------------------------------------- specification
def parameter_name(name: str) -> str:
    """The parameter a grid axis stands for (its Python name); unknown names are an error."""
    name = name.strip()
    if name in PARAMETERS or _component(name) is not None:
        return name
    hint = f"the axis of {name} is called {_SYMBOLS[name]}" if name in _SYMBOLS else ""
    raise InvalidParameterError("grid", name, f"a parameter: {_AXIS_NAMES}", hint)


def _size(player: int, values: tuple[float, ...] | None, axes: Mapping[str, Any]) -> int:
    """The number of types of ``player`` from its fixed values or its values axis."""
    if values is not None:
        return len(values)
    name = f"values{player}"
    if name in axes:
        spec = _axis_values(name, axes[name])
        if spec.ndim != 2:
            raise _grid_error(name, axes[name], "a list of value vectors (e.g. 0,0.5;0,0.6)")
        return int(spec.shape[1])
    raise InvalidParameterError(name, None, "given, either fixed or as a grid axis")


def _declared_size(spec: Any, dimension: int | None) -> int | None:
    """The number of values a text axis ``START:STOP:NUM`` or ``simplex:D`` asks for (before
    building it), or ``None`` (a list, or text that :func:`axis_values` will reject)."""
    if not isinstance(spec, str):
        return None
    text = spec.strip()
    try:
        if text.startswith("simplex:"):
            divisions = int(text[len("simplex:") :].strip())
            return math.comb(divisions + dimension - 1, dimension - 1) if dimension and divisions >= 1 else None
        parts = text.split(":")
        return int(parts[2].strip()) if len(parts) == 3 else None
    except ValueError:
        return None


def _axis_values(name: str, spec: Any, dimension: int | None = None) -> np.ndarray:
    """:func:`axis_values`, refusing before any allocation an axis of more than ``MAX_AXIS_VALUES``."""
    size = _declared_size(spec, dimension)
    if size is not None and size > MAX_AXIS_VALUES:
        raise _grid_error(name, spec, f"at most {MAX_AXIS_VALUES:,} values per axis", f"it asks for {size:,}")
    return axis_values(spec, name, dimension=dimension)


def _prior_axis(name: str, spec: Any, n: int) -> np.ndarray:
    """A prior axis: rows of ``n`` probabilities summing to 1 (numbers are P(high) for n = 2)."""
    values = _axis_values(name, spec, dimension=n)
    label = f"grid {name}"
    if values.ndim == 1:
        if n != 2:
            raise _grid_error(
                name, spec, f"a list of {n}-vectors of probabilities (or simplex:D)", "a number is p_high"
            )
        values = prior_grid(inputs.probability_grid(values, "grid", label=label))
    if values.shape[1] != n:
        raise _grid_error(name, spec, f"vectors of {n} probabilities (one per value)")
    inputs.probability_grid(values, "grid", label=label)
    total = values.sum(axis=1)
    bad = np.flatnonzero(np.abs(total - 1) > PRIOR_SUM_TOL)
    if bad.size:
        inputs.prior(values[bad[0]].tolist(), n, "grid", f"values{name[-1]}", label=label)  # raises
    return values / total[:, None]


def _scalar_axis(name: str, spec: Any, low_open: bool) -> np.ndarray:
    """A β or δ axis: numbers in [0, 1] (``low_open``: (0, 1])."""
    values = _axis_values(name, spec)
    if values.ndim != 1:
        raise _numbers_error(name, spec)
    for value in values.tolist():
        inputs.number(value, "grid", low=0.0, high=1.0, low_open=low_open, label=f"grid {name}")
    return values


def _values_axis(name: str, spec: Any, n: int) -> np.ndarray:
    """A values axis: rows of ``n`` non-negative, strictly increasing values."""
    values = _axis_values(name, spec)
    if values.ndim != 2 or values.shape[1] != n:
        raise _grid_error(name, spec, f"a list of vectors of {n} values")
    _check_increasing(name, values)
    return values


def _check_increasing(name: str, values: np.ndarray) -> None:
    """Every row a valid value list (vectorised; the first bad row raises the input layer's error)."""
    bad = np.flatnonzero(np.any(values < 0, axis=1) | np.any(np.diff(values, axis=1) <= 0, axis=1))
    if bad.size:
        inputs.value_list(values[bad[0]].tolist(), "grid", label=f"grid {name}")  # raises


def _component_axis(name: str, spec: Any, sizes: tuple[int, int]) -> np.ndarray:
    """A ``values{i}[k]`` axis: numbers, with k a type of player i."""
    found = _component(name)
    assert found is not None  # parameter_name admitted it
    player, k = found
    if k >= sizes[player - 1]:
        raise _grid_error(name, spec, f"an entry k < {sizes[player - 1]} of values{player}")
    values = _axis_values(name, spec)
    if values.ndim != 1:
        raise _numbers_error(name, spec)
    return values


def _numbers_error(name: str, spec: Any) -> InvalidParameterError:
    """A number axis given vectors: the error says how numbers are listed (``,`` joins the
    entries of one vector, ``;`` separates an axis's values)."""
    detail = ""
    if isinstance(spec, str) and "," in spec and ";" not in spec and ":" not in spec:
        detail = f"',' joins the entries of one vector; list numbers with ';': {spec.replace(',', ';')}"
    return _grid_error(name, spec, "a list of numbers (START:STOP:NUM or V;V;...)", detail)


def _axis(name: str, spec: Any, sizes: tuple[int, int]) -> Axis:
    """One validated axis of the grid."""
    if name in ("prior1", "prior2"):
        return Axis(name, _prior_axis(name, spec, sizes[int(name[-1]) - 1]))
    if name in ("bargaining_power", "discount"):
        return Axis(name, _scalar_axis(name, spec, low_open=name == "discount"))
    if name in ("values1", "values2"):
        return Axis(name, _values_axis(name, spec, sizes[int(name[-1]) - 1]))
    return Axis(name, _component_axis(name, spec, sizes))


def _axes_spec(grid: Mapping[str, str | ArrayLike]) -> dict[str, Any]:
    """Axis name (Python name) -> specification, each parameter at most once."""
    if not isinstance(grid, Mapping) or not grid:
        raise InvalidParameterError("grid", grid, "at least one axis, e.g. {'prior1': '0:1:101'}")
    axes: dict[str, Any] = {}
    for raw_name, spec in grid.items():
        name = parameter_name(str(raw_name))
        if name in axes:
            raise InvalidParameterError("grid", raw_name, "each parameter on at most one axis", f"{name} appears twice")
        axes[name] = spec
    return axes


def _check_placement(fixed: Mapping[str, Any], axes: Mapping[str, Any]) -> None:
    """Every parameter fixed or on the grid, not both (δ may be neither: it defaults to 1)."""
    for name in PARAMETERS:
        if fixed[name] is not None and name in axes:
            raise InvalidParameterError(name, fixed[name], "either fixed or a grid axis, not both")
    for i in (1, 2):
        if f"values{i}" in axes and any((c := _component(n)) is not None and c[0] == i for n in axes):
            raise _grid_error(f"values{i}[k]", None, f"used only with fixed values{i}")
    for name in PARAMETERS[:-1]:
        if fixed[name] is None and name not in axes:
            raise InvalidParameterError(name, None, "given, either fixed or as a grid axis")


def _fixed_values(player: int, values: Sequence[float] | None, axes: Mapping[str, Any]) -> tuple[float, ...] | None:
    """The fixed values of ``player`` (``None`` when on an axis).

    With ``values{player}[k]`` axes they are the base those axes change: numbers here, checked
    for increase at every combination of the axes (:func:`_check_components`).
    """
    if values is None:
        return None
    key = f"values{player}"
    if any((found := _component(name)) is not None and found[0] == player for name in axes):
        return inputs.number_sequence(values, key)
    return inputs.value_list(values, key)


def _fixed_priors(
    prior1: PriorLike, prior2: PriorLike, sizes: tuple[int, int]
) -> tuple[tuple[float, ...] | None, tuple[float, ...] | None]:
    """The fixed priors as full probability vectors (``None`` when on an axis)."""
    return (
        None if prior1 is None else inputs.prior(prior1, sizes[0], "prior1", "values1"),
        None if prior2 is None else inputs.prior(prior2, sizes[1], "prior2", "values2"),
    )


def _check_quantities(quantities: Sequence[str] | str) -> tuple[str, ...]:
    if isinstance(quantities, str):
        quantities = [q.strip() for q in quantities.split(",")]
    names = tuple(quantities)
    if not names:
        raise InvalidParameterError("quantities", [], f"a non-empty list from {', '.join(QUANTITIES)}")
    for name in names:
        if name not in QUANTITIES:
            raise InvalidParameterError("quantities", list(names), f"names from {', '.join(QUANTITIES)}", name)
    return tuple(dict.fromkeys(names))


def _check_method(method: str, sizes: tuple[int, int]) -> Method:
    if method not in METHODS:
        raise InvalidParameterError("method", method, "one of 'auto', 'lp', 'closed_form'")
    if method == "closed_form" and sizes != (2, 2):
        raise InvalidParameterError("method", method, "'lp' or 'auto' here", "the closed forms need two types each")
    return cast(Method, method)


def sweep_grid(
    grid: Mapping[str, str | ArrayLike],
    *,
    values1: Sequence[float] | None = None,
    values2: Sequence[float] | None = None,
    prior1: PriorLike = None,
    prior2: PriorLike = None,
    bargaining_power: float | None = None,
    discount: float | None = None,
    quantities: Sequence[str] | str = DEFAULT_QUANTITIES,
    method: str = "auto",
) -> tuple[TwoSidedEvaluator, Grid, dict[str, Any]]:
    """Validate a sweep specification: the evaluator, the grid and a JSON-safe description.

    Every problem is an :class:`~bargainlab.errors.InvalidParameterError` raised before any point
    is computed: unknown parameters, a parameter both fixed and on the grid (or missing), axes
    that cannot be parsed or whose values are out of range at some grid point, unknown quantities.
    """
    axes_spec = _axes_spec(grid)
    fixed = {
        "values1": values1,
        "values2": values2,
        "prior1": prior1,
        "prior2": prior2,
        "bargaining_power": bargaining_power,
        "discount": discount,
    }
    _check_placement(fixed, axes_spec)
    bases = (_fixed_values(1, values1, axes_spec), _fixed_values(2, values2, axes_spec))
    sizes = (_size(1, bases[0], axes_spec), _size(2, bases[1], axes_spec))
    priors = _fixed_priors(prior1, prior2, sizes)
    beta = None if bargaining_power is None else inputs.number(bargaining_power, "bargaining_power", low=0, high=1)
    delta = None if discount is None else inputs.number(discount, "discount", low=0, high=1, low_open=True)
    if delta is None and "discount" not in axes_spec:
        delta = 1.0
    axes = [_axis(name, spec, sizes) for name, spec in axes_spec.items()]
    points = math.prod(axis.size for axis in axes)
    if points > MAX_POINTS:
        shape = " x ".join(str(axis.size) for axis in axes)
        raise InvalidParameterError("grid", shape, f"at most {MAX_POINTS:,} points in all", f"{points:,} points")
    _check_components(axes, bases)
    names = _check_quantities(quantities)
    evaluator = TwoSidedEvaluator(
        values1=bases[0],
        values2=bases[1],
        prior1=priors[0],
        prior2=priors[1],
        bargaining_power=beta,
        discount=delta,
        quantities=names,
        method=_check_method(method, sizes),
        sizes=sizes,
    )
    description = {
        "model": TwoSidedSweepResult.model,
        "bargainlab_version": __version__,
        "fixed": {name: getattr(evaluator, name) for name in PARAMETERS},
        "quantities": list(names),
        "method": method,
    }
    if (delta is not None and delta < 1) or "discount" in axes_spec:
        # written into the table's provenance: which columns are δ → 1 limits at a δ < 1
        description["holds_at"] = {name: QUANTITY_HOLDS_AT[name] for name in names if name in QUANTITY_HOLDS_AT}
    return evaluator, Grid(tuple(axes)), description


def _check_components(axes: list[Axis], bases: tuple[tuple[float, ...] | None, ...]) -> None:
    """``values{i}[k]`` axes must keep the values increasing at every combination."""
    for player in (1, 2):
        components = [(found[1], a) for a in axes if (found := _component(a.name)) and found[0] == player]
        base = bases[player - 1]
        if not components or base is None:
            continue
        combos = np.array(list(product(*(axis.values for _, axis in components))))
        values = np.repeat(np.asarray(base, dtype=float)[None, :], len(combos), axis=0)
        for column, (k, _) in enumerate(components):
            values[:, k] = combos[:, column]
        _check_increasing(", ".join(axis.name for _, axis in components), values)


def _grid_as_given(grid: Mapping[str, Any], axes: Grid) -> dict[str, Any]:
    """The axes as given: text specifications as typed (compact, reproducible), else the values."""
    given = {parameter_name(str(name)): spec for name, spec in grid.items()}
    return {
        axis.name: given[axis.name].strip() if isinstance(given[axis.name], str) else axis.values.tolist()
        for axis in axes.axes
    }


def tied_rows(evaluator: TwoSidedEvaluator, grid: Grid) -> int:
    """Number of grid points whose players' lowest values tie (l_1 = l_2), from the axes alone.

    Each player's lowest value is fixed or on one axis (``values{i}``, or ``values{i}[0]``), so
    the count is the matching pairs of those two sets of values times the points of the other
    axes; no table is read, whether the rows were computed here, by workers or in an earlier run.
    The comparison is exact, as in the ``lowest_values_tie`` column and
    :func:`~bargainlab.models.two_sided.theory.lowest_values_tie`.

    >>> evaluator, grid, _ = sweep_grid(
    ...     {"values1[0]": "0;0.1;0.2", "prior1": "0:1:5"}, values1=[0.2, 0.5], values2=[0.2, 1],
    ...     prior2=0.5, bargaining_power=0.5)
    >>> tied_rows(evaluator, grid)
    5
    """
    used: list[int] = []
    lowest: list[np.ndarray] = []
    for player, base in ((1, evaluator.values1), (2, evaluator.values2)):
        on_axis = [
            (index, axis.values[:, 0] if axis.values.ndim == 2 else axis.values)
            for index, axis in enumerate(grid.axes)
            if axis.name in (f"values{player}", f"values{player}[0]")
        ]
        if on_axis:
            used.append(on_axis[0][0])
            lowest.append(on_axis[0][1])
        else:
            assert base is not None  # fixed when not on an axis (sweep_grid)
            lowest.append(np.array([base[0]], dtype=float))
    (low1, count1), (low2, count2) = (np.unique(low, return_counts=True) for low in lowest)
    _, at1, at2 = np.intersect1d(low1, low2, assume_unique=True, return_indices=True)
    pairs = int(np.sum(count1[at1].astype(np.int64) * count2[at2]))
    return pairs * (grid.size // math.prod(grid.axes[index].size for index in used))


def _warn_ties(evaluator: TwoSidedEvaluator, grid: Grid) -> None:
    """One :class:`LowestValuesTieWarning` when some rows have tied lowest values, some player has
    more than two types and a requested column depends on who gets the gap.

    For two types each the Gap at a tie is 0 whichever player gets it (Section 4): the rows' E
    and floor are then those of the player they name, and nothing is claimed that the other
    labelling would change. With more types the tie-broken Gap can differ from the other one
    (the test is cheap: the rows are counted from the axes, the other labelling is not solved).
    """
    broken = [name for name in evaluator.quantities if name in TIE_BROKEN_QUANTITIES]
    if evaluator.sizes == (2, 2) or not broken:
        return
    rows = tied_rows(evaluator, grid)
    if rows == 0:
        return
    find = (
        "the lowest_values_tie column marks them"
        if "lowest_values_tie" in evaluator.quantities
        else "request the quantity lowest_values_tie to find them"
    )
    warnings.warn(
        LowestValuesTieWarning(
            f"{rows:,} of {grid.size:,} rows {'has' if rows == 1 else 'have'} tied lowest values (l1 = l2), where "
            "the theory does not say who "
            f"gets the gap: there {', '.join(broken)} {'follows' if len(broken) == 1 else 'follow'} the tie-break "
            "rule (the gap to the player with the "
            "lexicographically smaller values, then priors), and with more than two types the other player's Gap "
            f"can differ; {find}, and solve such a row with bl.two_sided.solve (bargainlab solve two-sided), "
            "which reports the other labelling (tie_alternative)"
        ),
        stacklevel=3,
    )


# ---------------------------------------------------------------------------- public API
def sweep(
    grid: Mapping[str, str | ArrayLike],
    *,
    values1: Sequence[float] | None = None,
    values2: Sequence[float] | None = None,
    prior1: PriorLike = None,
    prior2: PriorLike = None,
    bargaining_power: float | None = None,
    discount: float | None = None,
    quantities: Sequence[str] | str = DEFAULT_QUANTITIES,
    method: str = "auto",
    out: str | Path | None = None,
    executor: Executor | None = None,
    workers: int | None = None,
    chunk_size: int | None = None,
    progress: bool | Callable[[SweepProgress], None] = False,
    resume: bool = True,
    keep_parts: bool = False,
    parts: bool | None = None,
) -> TwoSidedSweepResult:
    """E, Gap and more of two-sided bargaining at every point of a parameter grid.

    Parameters
    ----------
    grid
        Axis name -> values, in the order of the axes (the first varies slowest in the table).
        Names (the parameters' Python names): ``values1``, ``values2`` (vectors), ``values1[k]``,
        ``values2[k]`` (one entry of the fixed values), ``prior1``, ``prior2`` (vectors; for
        binary players numbers = probability of the high type), ``bargaining_power``,
        ``discount``. Values: arrays or lists, or strings ``"START:STOP:NUM"``, ``"V;V;..."``,
        ``"simplex:D"`` (see :func:`bargainlab.core.sweep.axis_values`). At most
        ``MAX_AXIS_VALUES`` (10⁶) values per axis and ``MAX_POINTS`` (10⁸) points in all: the
        table is held in memory.
    values1, values2, prior1, prior2, bargaining_power, discount
        The fixed parameters (as in :func:`~bargainlab.two_sided_environment`); every parameter
        not on the grid must be given, except δ (default 1, the limit δ → 1).
    quantities
        Columns to compute, from ``QUANTITIES`` (``"floors"`` adds ``floor1_k``, ``floor2_k``;
        ``"lowest_values_tie"`` is ``True`` where l_1 = l_2, and the gap player there is the
        tie-break rule's).
    method
        ``"auto"`` (closed form for binary types, else LP), ``"lp"`` or ``"closed_form"``.
    out
        Write the table here (``.parquet`` or ``.csv``), atomically: an interrupted run leaves
        no table (with ``parts``, it leaves its finished chunks to resume from).
    executor
        A :class:`concurrent.futures.Executor` to run the chunks, e.g. a Dask client's
        ``client.get_executor()``. Default: in-process.
    workers
        Without ``executor``: the number of local worker processes, 1 to ``MAX_WORKERS`` (256);
        default in-process.
    chunk_size
        Points per task (default 2,000 with LPs, 65,536 with the closed form).
    progress
        ``True`` draws a progress bar on stderr; a callable receives a ``SweepProgress``.
    resume
        Reuse finished chunks of an interrupted run of the same sweep (default).
    keep_parts
        Keep ``<out>.parts/`` after the table is written (implies ``parts``).
    parts
        With ``out``: keep each finished chunk in a verified part file in ``<out>.parts/`` until
        the table is written, so that an interrupted sweep resumes when run again (``True``), or
        write each chunk straight into the table, in order, with no part files (``False``).
        Default (``None``): part files for LP sweeps, whose chunks are costly to compute again,
        and wherever ``<out>.parts/`` is already there (to resume it); none for closed-form
        sweeps, which compute faster than parts are written and read back.
        LP sweeps always use part files (their chunks follow the snake order, not the table's).
        ``summary()["parts"]`` says which was used.

    Returns
    -------
    TwoSidedSweepResult
        ``to_frame()`` (or ``columns``): ``point`` (C-order index), the parameters
        (``values1_k``, ``prior1`` or ``prior1_k``, ``bargaining_power``, ``discount``, ...),
        then the quantities; ``summary()``: the run.

    Warns
    -----
    LowestValuesTieWarning
        Once, when some rows have tied lowest values (l_1 = l_2), some player has more than two
        types and a requested column depends on who gets the gap (E, Gap, its share, the floor,
        the gap player): those rows follow the tie-break rule, and the other player's Gap can
        differ. The message gives the number of rows; the quantity ``lowest_values_tie`` marks
        them, and :func:`~bargainlab.models.two_sided.solve` at a row reports ``tie_alternative``.

    Examples
    --------
    >>> import bargainlab as bl
    >>> res = bl.sweep({"prior1": "0:1:3", "prior2": 0.5}, values1=[0, 0.5], values2=[0.5, 1], bargaining_power=0.5)
    >>> res.columns["prior1"].tolist(), res.columns["gap"].round(6).tolist()
    ([0.0, 0.5, 1.0], [0.0, 0.0625, 0.0])
    """
    evaluator, sweep_axes, description = sweep_grid(
        grid,
        values1=values1,
        values2=values2,
        prior1=prior1,
        prior2=prior2,
        bargaining_power=bargaining_power,
        discount=discount,
        quantities=quantities,
        method=method,
    )
    if workers is not None:
        workers = inputs.integer(workers, "workers", low=1, high=MAX_WORKERS)
    uses_lp = evaluator.method == "lp" or evaluator.sizes != (2, 2)
    if chunk_size is None:
        chunk_size = LP_CHUNK_SIZE if uses_lp else CLOSED_FORM_CHUNK_SIZE
    else:
        chunk_size = inputs.integer(chunk_size, "chunk_size", low=1, high=MAX_POINTS)
    if parts is not None and not isinstance(parts, bool):
        raise InvalidParameterError("parts", parts, "True, False or None (part files for LP sweeps only)")
    if parts is False and uses_lp:
        raise InvalidParameterError(
            "parts",
            parts,
            "left out (or True) for an LP sweep",
            "its chunks follow the snake order, not the table's rows: each is kept in a part file until the "
            "table is written",
        )
    if parts is None:  # the closed form computes a chunk faster than a part is written and read back
        parts = uses_lp or keep_parts or (out is not None and parts_dir(Path(out)).exists())
    run = run_sweep(
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
        parts=parts,
        order="snake" if uses_lp else "c",  # the closed form is pointwise: no warm start to keep
    )
    _warn_ties(evaluator, sweep_axes)
    parameters = {name: value for name, value in description["fixed"].items() if value is not None}
    parameters["grid"] = _grid_as_given(grid, sweep_axes)
    parameters["quantities"] = list(evaluator.quantities)
    return TwoSidedSweepResult.from_run(run, parameters, evaluator.method)
