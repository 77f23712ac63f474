"""Grids of parameter points, their boustrophedon order, and the text grammar of axis values."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from itertools import combinations
from typing import Any

import numpy as np
from numpy.typing import ArrayLike

from bargainlab.core.choices import AXIS_GRAMMAR
from bargainlab.errors import InvalidParameterError

__all__ = ["Axis", "Grid", "snake_digits", "snake_positions", "axis_values", "simplex_lattice", "AXIS_GRAMMAR"]


@dataclass(frozen=True)
class Axis:
    """One axis of a grid: a parameter name and its values.

    Attributes
    ----------
    name
        The parameter (as the model names it, e.g. ``"beta"`` or ``"prior1"``).
    values
        Shape (k,) for a number per grid step, or (k, n) for a vector (e.g. a prior) per step.
    """

    name: str
    values: np.ndarray

    def __post_init__(self) -> None:
        values = np.array(self.values, dtype=float)  # a private, read-only copy
        if values.ndim not in (1, 2) or len(values) == 0:
            raise InvalidParameterError(f"grid {self.name}", values.tolist(), "a non-empty list of numbers or vectors")
        if not np.all(np.isfinite(values)):
            raise InvalidParameterError(f"grid {self.name}", values.tolist(), "finite numbers")
        values.setflags(write=False)
        object.__setattr__(self, "values", values)

    @property
    def size(self) -> int:
        """Number of grid steps."""
        return len(self.values)


@dataclass(frozen=True)
class Grid:
    """The Cartesian product of axes; point ``k`` is the k-th point in C order (last axis fastest).

    Examples
    --------
    >>> grid = Grid((Axis("a", [0.0, 1.0]), Axis("b", [0.0, 0.5, 1.0])))
    >>> grid.shape, grid.size
    ((2, 3), 6)
    >>> grid.values(np.array([4]))["b"].tolist()
    [0.5]
    """

    axes: tuple[Axis, ...]

    def __post_init__(self) -> None:
        object.__setattr__(self, "axes", tuple(self.axes))
        names = [axis.name for axis in self.axes]
        for name in names:
            if names.count(name) > 1:
                raise InvalidParameterError("grid", name, "each parameter on at most one axis", "it appears twice")

    @property
    def shape(self) -> tuple[int, ...]:
        """Number of steps of each axis."""
        return tuple(axis.size for axis in self.axes)

    @property
    def size(self) -> int:
        """Number of points."""
        return int(np.prod(self.shape, dtype=np.int64)) if self.axes else 1

    def values(self, points: np.ndarray) -> dict[str, np.ndarray]:
        """Each axis's value at the given points (C-order indices): arrays of length ``len(points)``."""
        return self.values_at(np.unravel_index(points, self.shape))

    def values_at(self, digits: Sequence[np.ndarray]) -> dict[str, np.ndarray]:
        """Each axis's value at the points with the given axis indices."""
        return {axis.name: np.take(axis.values, digit, axis=0) for axis, digit in zip(self.axes, digits)}

    def to_dict(self) -> dict[str, list[Any]]:
        """JSON-safe representation (axis name -> list of values)."""
        return {axis.name: axis.values.tolist() for axis in self.axes}


def snake_digits(shape: Sequence[int], start: int, stop: int) -> tuple[np.ndarray, ...]:
    """Axis indices of points ``start, ..., stop - 1`` of the boustrophedon order of a grid.

    Counting in mixed radix, digit j runs backwards whenever the digits before it sum to an odd
    number; consecutive points then differ by one step along one axis.
    """
    shape = tuple(int(n) for n in shape)
    raw = np.unravel_index(np.arange(start, stop, dtype=np.int64), shape)
    digits = []
    parity = np.zeros(stop - start, dtype=np.int64)
    for n, r in zip(shape, raw):
        digit = np.where(parity & 1, n - 1 - r, r)
        digits.append(digit)
        parity += digit
    return tuple(digits)


def snake_positions(shape: Sequence[int], start: int, stop: int) -> np.ndarray:
    """C-order indices of points ``start, ..., stop - 1`` of the boustrophedon order of a grid.

    Examples
    --------
    >>> snake_positions((2, 3), 0, 6).tolist()
    [0, 1, 2, 5, 4, 3]
    """
    return np.ravel_multi_index(snake_digits(shape, start, stop), tuple(shape)).astype(np.int64)


def axis_values(spec: str | ArrayLike, name: str, dimension: int | None = None) -> np.ndarray:
    """The values of one grid axis from its specification.

    Parameters
    ----------
    spec
        A list/array of values (numbers, or vectors as rows), or a string:
        ``"START:STOP:NUM"`` — NUM evenly spaced values from START to STOP inclusive; START and
        STOP may be comma-separated vectors (points along the segment between them);
        ``"V;V;..."`` — the listed values, each a number or a comma-separated vector;
        ``"simplex:D"`` — every probability vector of length ``dimension`` whose entries are
        multiples of 1/D (:func:`simplex_lattice`).
    name
        The parameter, for error messages.
    dimension
        Length of the vectors (needed by ``simplex:D``).

    Returns
    -------
    numpy.ndarray
        Shape (k,) or (k, n).

    Examples
    --------
    >>> axis_values("0:1:3", "beta").tolist()
    [0.0, 0.5, 1.0]
    >>> axis_values("1,0:0,1:3", "prior1").tolist()
    [[1.0, 0.0], [0.5, 0.5], [0.0, 1.0]]
    >>> axis_values("0.2;0.4", "p1").tolist()
    [0.2, 0.4]
    """
    option = f"grid {name}"
    if not isinstance(spec, str):
        try:
            values = np.asarray(spec, dtype=float)
        except (TypeError, ValueError):
            raise InvalidParameterError(option, spec, "numbers or equal-length vectors of numbers") from None
        values = np.atleast_1d(values)
        if values.ndim not in (1, 2) or values.size == 0:
            raise InvalidParameterError(option, spec, "a non-empty list of numbers or of equal-length vectors")
        return values
    text = spec.strip()
    if text.startswith("simplex:"):
        if dimension is None:
            raise InvalidParameterError(option, spec, "START:STOP:NUM or V;V;...", "simplex:D is for priors")
        return simplex_lattice(dimension, _count(text[len("simplex:") :], option, spec, "D"))
    if ":" in text:
        parts = text.split(":")
        if len(parts) != 3:
            raise InvalidParameterError(option, spec, AXIS_GRAMMAR, "a range needs exactly START:STOP:NUM")
        start, stop = (_vector(part, option, spec) for part in parts[:2])
        if start.shape != stop.shape:
            raise InvalidParameterError(option, spec, AXIS_GRAMMAR, "START and STOP have different lengths")
        num = _count(parts[2], option, spec, "NUM")
        values = np.linspace(start, stop, num)
        return values[:, 0] if start.size == 1 and "," not in parts[0] else values
    items = [item for item in text.split(";")]
    vectors = [_vector(item, option, spec) for item in items]
    if len({v.size for v in vectors}) > 1:
        raise InvalidParameterError(option, spec, AXIS_GRAMMAR, "the listed vectors have different lengths")
    values = np.array(vectors)
    return values[:, 0] if all("," not in item for item in items) else values


def _vector(text: str, option: str, spec: str) -> np.ndarray:
    items = [item.strip() for item in text.split(",")]
    try:
        numbers = [float(item) for item in items]
    except ValueError:
        raise InvalidParameterError(option, spec, AXIS_GRAMMAR, f"'{text.strip()}' is not a number or vector") from None
    if not all(np.isfinite(numbers)):
        raise InvalidParameterError(option, spec, "finite numbers")
    return np.array(numbers)


def _count(text: str, option: str, spec: str, what: str) -> int:
    try:
        count = int(text.strip())
    except ValueError:
        raise InvalidParameterError(option, spec, AXIS_GRAMMAR, f"{what} must be a whole number") from None
    if count < 1:
        raise InvalidParameterError(option, spec, AXIS_GRAMMAR, f"{what} must be at least 1")
    return count


def simplex_lattice(dimension: int, divisions: int) -> np.ndarray:
    """Every probability vector of length ``dimension`` with entries in {0, 1/D, ..., 1}.

    Examples
    --------
    >>> simplex_lattice(3, 2).tolist()
    [[0.0, 0.0, 1.0], [0.0, 0.5, 0.5], [0.0, 1.0, 0.0], [0.5, 0.0, 0.5], [0.5, 0.5, 0.0], [1.0, 0.0, 0.0]]
    """
    if dimension < 1 or divisions < 1:
        raise InvalidParameterError("simplex", (dimension, divisions), "at least one entry and one division")
    # stars and bars: choose the positions of dimension - 1 bars among divisions + dimension - 1 slots
    rows = []
    for bars in combinations(range(divisions + dimension - 1), dimension - 1):
        edges = (-1, *bars, divisions + dimension - 1)
        rows.append([edges[k + 1] - edges[k] - 1 for k in range(dimension)])
    return np.array(rows, dtype=float) / divisions
