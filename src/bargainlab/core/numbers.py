"""Reported numbers that say what they know: rounding noise near 0 shown as 0, signs checked.

A quantity computed in floating point (an LP's optimum, a difference of two payoffs) carries
rounding errors of a few ulps; printed as ``-1.11e-16`` it suggests a negative value the
model cannot have. The helpers here replace values within a stated tolerance of 0 (and
``-0.0``) by ``0.0`` (:func:`clean_zero`), and check that a quantity the theory proves
non-negative is so up to a stated tolerance (:func:`nonnegative`: clipped to 0 within it, a
:class:`~bargainlab.errors.SolverError` beyond it — a wrong number is never reported).

Examples
--------
>>> clean_zero(-1.1102230246251565e-16, 1e-12)
0.0
>>> clean_zero(0.0625, 1e-12)
0.0625
>>> clean_zero([1e-17, -0.0, 0.5], 1e-12).tolist()
[0.0, 0.0, 0.5]
>>> nonnegative(-3e-12, 1e-9, "Gap")
0.0
"""

from __future__ import annotations

from typing import Any, overload

import numpy as np
from numpy.typing import ArrayLike

from bargainlab.errors import SolverError

__all__ = ["clean_zero", "nonnegative"]


@overload
def clean_zero(value: float, tol: float) -> float: ...


@overload
def clean_zero(value: np.ndarray | list[float] | tuple[float, ...], tol: float | np.ndarray) -> np.ndarray: ...


def clean_zero(value: Any, tol: Any) -> Any:
    """``value`` with every entry ``x`` such that ``|x| <= tol`` replaced by ``0.0`` (also ``-0.0``).

    Parameters
    ----------
    value
        A number (returned as a Python float) or an array-like (returned as a float array).
    tol
        The tolerance, >= 0: a number, or an array broadcasting against ``value`` (e.g. a
        per-point unit times a tolerance in normalised units).
    """
    if type(value) is float and type(tol) is float:  # one Python number (the common case), fast
        return 0.0 if abs(value) <= tol else value
    if np.ndim(value) == 0 and np.ndim(tol) == 0:
        number = float(value)
        return 0.0 if abs(number) <= float(tol) else number
    array = np.asarray(value, dtype=float)
    return np.where(np.abs(array) <= tol, 0.0, array)


def nonnegative(value: ArrayLike, tol: ArrayLike, what: str) -> Any:
    """A quantity the theory proves non-negative: values in ``[-tol, 0]`` become 0.

    Parameters
    ----------
    value
        A number or an array.
    tol
        The tolerance, >= 0 (a number or an array broadcasting against ``value``).
    what
        The quantity's name, for the error message.

    Raises
    ------
    SolverError
        If some value is below ``-tol`` (or NaN): the computation is wrong, not the input.
    """
    if type(value) is float and type(tol) is float and value >= -tol:  # one Python number, fast
        return 0.0 if value <= 0.0 else value
    array = np.asarray(value, dtype=float)
    bad = ~(array >= -np.asarray(tol, dtype=float))
    if bad.any():
        worst = float(np.nanmin(array)) if np.isfinite(array).any() else float("nan")
        raise SolverError(
            f"{what} came out as {worst:.3g}, below 0 by more than the tolerance {float(np.max(tol)):.1e}: "
            "the solver's answer cannot be trusted at this point"
        )
    cleaned = np.where(array <= 0.0, 0.0, array)
    return float(cleaned) if cleaned.ndim == 0 else cleaned
