"""Continuous distributions of private values on a bounded interval.

The one-sided model (Pęski 2022), bilateral trade and the sequential mechanisms (Cramton) need
a player's value distribution F on an interval [lower, upper]. :class:`Distribution` gives one
interface — ``cdf``, ``pdf``, ``ppf``, ``mean``, ``expect``, ``sample`` — for three sources:

* a frozen :mod:`scipy.stats` continuous distribution (optionally truncated to an interval);
* a CDF and a PDF given as functions on an interval;
* an empirical sample (piecewise-linear CDF through the sample points: the density is uniform
  between consecutive order statistics, so it exists everywhere on the sample's range).

:func:`parse_distribution` reads the command line's ``"beta(2,3)"`` spelling. No economics here.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Sequence
from typing import Any, TypeAlias

import numpy as np
from numpy.typing import ArrayLike

# scipy.stats (about a second to import), scipy.integrate and scipy.optimize are imported where
# they are used, so that importing bargainlab (and starting the command line) does not pay for them.
from bargainlab.errors import InvalidParameterError

__all__ = ["Distribution", "DistributionLike", "parse_distribution", "DISTRIBUTION_CHECK_POINTS"]

#: Number of points at which user-supplied CDFs/PDFs are checked (monotone, non-negative).
DISTRIBUTION_CHECK_POINTS = 201

#: Largest deviation of a user CDF from 0 at ``lower`` and 1 at ``upper``, and of the integral
#: of a user PDF from the CDF's increase.
DISTRIBUTION_TOL = 1e-6

Function = Callable[[np.ndarray], np.ndarray]


class Distribution:
    """A continuous distribution on the bounded interval [lower, upper].

    Use the constructors :meth:`from_scipy`, :meth:`from_functions`, :meth:`from_sample` or
    :func:`parse_distribution`. Instances are immutable.

    Examples
    --------
    >>> import scipy.stats
    >>> d = Distribution.from_scipy(scipy.stats.uniform(0, 2))
    >>> d.lower, d.upper, float(d.cdf(0.5)), float(d.pdf(0.5)), round(d.mean(), 12)
    (0.0, 2.0, 0.25, 0.5, 1.0)
    """

    __slots__ = ("lower", "upper", "name", "_cdf", "_pdf", "_ppf", "_breaks")
    lower: float
    upper: float
    name: str
    _cdf: Function
    _pdf: Function
    _ppf: Function | None
    _breaks: np.ndarray | None

    def __init__(
        self,
        lower: float,
        upper: float,
        cdf: Function,
        pdf: Function,
        ppf: Function | None,
        name: str,
        breaks: np.ndarray | None = None,
    ):
        object.__setattr__(self, "_breaks", breaks)
        object.__setattr__(self, "lower", float(lower))
        object.__setattr__(self, "upper", float(upper))
        object.__setattr__(self, "name", name)
        object.__setattr__(self, "_cdf", cdf)
        object.__setattr__(self, "_pdf", pdf)
        object.__setattr__(self, "_ppf", ppf)

    def __setattr__(self, key: str, value: Any) -> None:
        raise AttributeError("Distribution is immutable")

    def __repr__(self) -> str:
        return f"Distribution({self.name} on [{self.lower:g}, {self.upper:g}])"

    # ------------------------------------------------------------------ constructors
    @classmethod
    def from_scipy(
        cls,
        frozen: Any,
        support: tuple[float, float] | None = None,
        name: str | None = None,
        parameter: str | None = None,
    ) -> Distribution:
        """A frozen ``scipy.stats`` continuous distribution, truncated to ``support`` if given.

        Parameters
        ----------
        frozen
            E.g. ``scipy.stats.beta(2, 3)``.
        support
            Optional interval [a, b] to truncate to; required when the distribution's own
            support is unbounded.
        name
            Display name (defaults to e.g. ``"beta(2, 3)"``).
        parameter
            Whose distribution this is (e.g. ``"seller"``): errors about the support then carry
            that key and read "seller's support must be ...".
        """
        import scipy.stats

        key, support_label = ("support", None) if parameter is None else (parameter, f"{parameter}'s support")
        if not isinstance(frozen, scipy.stats.distributions.rv_frozen) or not isinstance(
            frozen.dist, scipy.stats.rv_continuous
        ):
            raise InvalidParameterError(
                parameter or "dist", frozen, "a frozen scipy.stats continuous distribution", label=parameter
            )
        own_low, own_high = (float(v) for v in frozen.support())
        low, high = (own_low, own_high) if support is None else _interval(support, key, support_label)
        low, high = max(low, own_low), min(high, own_high)
        label = name or _scipy_name(frozen)
        if not (math.isfinite(low) and math.isfinite(high)):
            raise InvalidParameterError(
                key,
                [low, high],
                "a bounded interval",
                f"{label} has unbounded support; give support=(a, b)",
                label=support_label,
            )
        if not low < high:
            raise InvalidParameterError(
                key, [low, high], f"an interval inside the support of {label}", label=support_label
            )
        f_low, f_high = float(frozen.cdf(low)), float(frozen.cdf(high))
        mass = f_high - f_low
        if mass <= 0:
            raise InvalidParameterError(
                key, [low, high], f"an interval with positive probability under {label}", label=support_label
            )
        if support is not None and (low > own_low or high < own_high):
            label = f"{label} truncated to [{low:g}, {high:g}]"

        def cdf(x: np.ndarray) -> np.ndarray:
            return np.clip((frozen.cdf(np.clip(x, low, high)) - f_low) / mass, 0.0, 1.0)

        def pdf(x: np.ndarray) -> np.ndarray:
            inside = (x >= low) & (x <= high)
            return np.where(inside, frozen.pdf(np.clip(x, low, high)) / mass, 0.0)

        def ppf(q: np.ndarray) -> np.ndarray:
            return np.clip(frozen.ppf(f_low + np.clip(q, 0.0, 1.0) * mass), low, high)

        return cls(low, high, cdf, pdf, ppf, label)

    @classmethod
    def from_functions(
        cls, cdf: Callable[[Any], Any], pdf: Callable[[Any], Any], lower: float, upper: float, name: str = "custom"
    ) -> Distribution:
        """A distribution given by its CDF and PDF on [lower, upper] (checked on a grid).

        The CDF must go from 0 at ``lower`` to 1 at ``upper`` and be non-decreasing; the PDF
        must be non-negative and integrate to the CDF's increase.
        """
        low, high = _interval((lower, upper), "support")
        grid = np.linspace(low, high, DISTRIBUTION_CHECK_POINTS)
        try:
            F = np.asarray([float(cdf(x)) for x in grid])
            f = np.asarray([float(pdf(x)) for x in grid])
        except Exception as error:  # the user's functions failed: say which and where
            raise InvalidParameterError(
                "cdf/pdf", name, "functions returning a number on [lower, upper]", str(error)
            ) from None
        if not (np.all(np.isfinite(F)) and np.all(np.isfinite(f))):
            raise InvalidParameterError("cdf/pdf", name, "finite on [lower, upper]")
        if abs(F[0]) > DISTRIBUTION_TOL or abs(F[-1] - 1) > DISTRIBUTION_TOL:
            raise InvalidParameterError(
                "cdf", name, "0 at lower and 1 at upper", f"F(lower) = {F[0]:g}, F(upper) = {F[-1]:g}"
            )
        if np.any(np.diff(F) < -DISTRIBUTION_TOL):
            raise InvalidParameterError("cdf", name, "non-decreasing on [lower, upper]")
        if np.any(f < 0):
            raise InvalidParameterError("pdf", name, "non-negative on [lower, upper]")
        total = _integrate().quad(lambda x: float(pdf(x)), low, high, limit=200)[0]
        if abs(total - 1) > 1e-4:
            raise InvalidParameterError(
                "pdf", name, "a density integrating to 1 on [lower, upper]", f"integral {total:g}"
            )

        cdf_v = np.vectorize(lambda x: float(cdf(x)) if low < x < high else (0.0 if x <= low else 1.0), otypes=[float])
        pdf_v = np.vectorize(lambda x: float(pdf(x)) if low <= x <= high else 0.0, otypes=[float])
        return cls(low, high, cdf_v, pdf_v, None, name)

    @classmethod
    def from_sample(cls, sample: ArrayLike, name: str = "empirical") -> Distribution:
        """The continuous distribution whose CDF interpolates the sample's linearly.

        With sorted distinct points x_0 < ... < x_m, F(x_k) = k/m, linear in between (each gap
        between consecutive points gets mass 1/m, spread uniformly).
        """
        values = np.asarray(sample, dtype=float).ravel()
        if values.size < 2 or not np.all(np.isfinite(values)):
            raise InvalidParameterError("sample", "an array", "at least two finite numbers")
        points = np.unique(values)
        if points.size < 2:
            raise InvalidParameterError("sample", "an array", "at least two distinct numbers")
        m = points.size - 1
        levels = np.linspace(0.0, 1.0, m + 1)
        densities = (1.0 / m) / np.diff(points)

        def cdf(x: np.ndarray) -> np.ndarray:
            return np.interp(x, points, levels)

        def pdf(x: np.ndarray) -> np.ndarray:
            x = np.asarray(x, dtype=float)
            index = np.clip(np.searchsorted(points, x, side="right") - 1, 0, m - 1)
            inside = (x >= points[0]) & (x <= points[-1])
            return np.where(inside, densities[index], 0.0)

        def ppf(q: np.ndarray) -> np.ndarray:
            return np.interp(np.clip(q, 0.0, 1.0), levels, points)

        return cls(points[0], points[-1], cdf, pdf, ppf, f"{name} ({values.size} draws)", breaks=points)

    # ------------------------------------------------------------------ interface
    def cdf(self, x: ArrayLike) -> np.ndarray:
        """F(x), vectorised (0 below the support, 1 above)."""
        return np.asarray(self._cdf(np.asarray(x, dtype=float)), dtype=float)

    def pdf(self, x: ArrayLike) -> np.ndarray:
        """f(x), vectorised (0 outside the support)."""
        return np.asarray(self._pdf(np.asarray(x, dtype=float)), dtype=float)

    def survival(self, x: ArrayLike) -> np.ndarray:
        """1 - F(x)."""
        return 1.0 - self.cdf(x)

    def ppf(self, q: ArrayLike) -> np.ndarray:
        """The quantile function F^{-1}(q), vectorised."""
        q = np.asarray(q, dtype=float)
        if self._ppf is not None:
            return np.asarray(self._ppf(q), dtype=float)

        def one(level: float) -> float:
            if level <= 0:
                return self.lower
            if level >= 1:
                return self.upper
            return _optimize().brentq(lambda x: float(self.cdf(x)) - level, self.lower, self.upper, xtol=1e-14)

        return np.vectorize(one, otypes=[float])(q)

    def expect(
        self, function: Callable[[float], float] | None = None, lower: float | None = None, upper: float | None = None
    ) -> float:
        """E[g(X); lower <= X <= upper] = ∫ g(x) f(x) dx by adaptive quadrature (g = identity by default)."""
        g = (lambda x: x) if function is None else function
        a = self.lower if lower is None else max(self.lower, lower)
        b = self.upper if upper is None else min(self.upper, upper)
        if a >= b:
            return 0.0
        if self._breaks is None:
            value, _ = _integrate().quad(lambda x: g(x) * float(self.pdf(x)), a, b, limit=200)
            return float(value)
        # piecewise density: integrate segment by segment between the break points
        edges = np.unique(np.clip(np.concatenate([[a, b], self._breaks]), a, b))
        total = 0.0
        for left, right in zip(edges[:-1], edges[1:]):
            density = float(self.pdf(0.5 * (left + right)))
            if density > 0:
                total += density * _integrate().quad(g, left, right)[0]
        return total

    def mean(self) -> float:
        """E[X]."""
        return self.expect()

    def sample(self, size: int, rng: np.random.Generator | int | None = None) -> np.ndarray:
        """``size`` draws by inverse-CDF sampling."""
        generator = np.random.default_rng(rng)
        return self.ppf(generator.random(size))

    def grid(self, points: int) -> np.ndarray:
        """``points`` equally spaced values on [lower, upper]."""
        return np.linspace(self.lower, self.upper, points)


def _interval(pair: Any, name: str, label: str | None = None) -> tuple[float, float]:
    try:
        low, high = (float(v) for v in pair)
    except (TypeError, ValueError):
        raise InvalidParameterError(name, pair, "an interval (lower, upper) of two numbers", label=label) from None
    if not (math.isfinite(low) and math.isfinite(high)) or not low < high:
        raise InvalidParameterError(
            name, [low, high], "a bounded interval (lower, upper) with lower < upper", label=label
        )
    return low, high


def _scipy_name(frozen: Any) -> str:
    args = [f"{a:g}" if isinstance(a, (int, float)) else repr(a) for a in frozen.args]
    args += [f"{k}={v:g}" if isinstance(v, (int, float)) else f"{k}={v!r}" for k, v in frozen.kwds.items()]
    return f"{frozen.dist.name}({', '.join(args)})"


_SPEC = re.compile(r"^\s*([A-Za-z_][A-Za-z0-9_]*)\s*(?:\((.*)\))?\s*$")


def parse_distribution(text: str, support: tuple[float, float] | None = None, parameter: str = "dist") -> Distribution:
    """Read a distribution named as in :mod:`scipy.stats`, e.g. ``"beta(2,3)"``, ``"uniform"``,
    ``"uniform(0, 2)"``, ``"truncnorm(-2, 2, loc=0.5, scale=0.2)"``.

    Parameters
    ----------
    text
        ``name`` or ``name(arg, ..., key=value, ...)``; arguments are those of the
        ``scipy.stats`` distribution (shape parameters, then ``loc`` and ``scale``).
    support
        Optional truncation interval (required for unbounded distributions such as ``norm``).
    parameter
        Name of the option, for error messages.

    Examples
    --------
    >>> parse_distribution("beta(2,3)")
    Distribution(beta(2, 3) on [0, 1])
    >>> parse_distribution("norm(0.5, 0.1)", support=(0, 1)).name
    'norm(0.5, 0.1) truncated to [0, 1]'
    """
    import scipy.stats

    match = _SPEC.match(text or "")
    example = "a scipy.stats continuous distribution such as 'beta(2,3)' or 'uniform(0,1)'"
    if match is None:
        raise InvalidParameterError(parameter, text, example)
    name, arguments = match.group(1), match.group(2)
    dist = getattr(scipy.stats, name, None)
    if not isinstance(dist, scipy.stats.rv_continuous):
        raise InvalidParameterError(
            parameter, text, example, f"'{name}' is not a continuous distribution of scipy.stats"
        )
    args: list[float] = []
    kwargs: dict[str, float] = {}
    for item in [a.strip() for a in (arguments or "").split(",") if a.strip()]:
        key, _, value = item.rpartition("=")
        try:
            number = float(value)
        except ValueError:
            raise InvalidParameterError(parameter, text, example, f"'{item}' is not a number") from None
        if key:
            kwargs[key.strip()] = number
        else:
            args.append(number)
    try:
        frozen = dist(*args, **kwargs)
        frozen.support()  # validates the parameters
        if not np.isfinite(float(frozen.cdf(frozen.median()))):
            raise ValueError("invalid parameters")
    except (TypeError, ValueError) as error:
        raise InvalidParameterError(
            parameter,
            text,
            f"valid parameters of scipy.stats.{name} (shapes: {dist.shapes or 'none'}; loc, scale)",
            str(error),
        ) from None
    return Distribution.from_scipy(frozen, support=support, name=_scipy_name(frozen), parameter=parameter)


#: Every spelling of a distribution that :func:`bargainlab.core.inputs.as_distribution` reads:
#: a :class:`Distribution`, a name as in scipy.stats (``"beta(2,3)"``), a frozen scipy.stats
#: continuous distribution (untyped: ``Any``) or a sample of values.
DistributionLike: TypeAlias = Distribution | str | Sequence[float] | np.ndarray | Any


def _integrate() -> Any:
    """scipy.integrate, imported on first use."""
    from scipy import integrate

    return integrate


def _optimize() -> Any:
    """scipy.optimize, imported on first use."""
    from scipy import optimize

    return optimize
