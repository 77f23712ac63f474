"""Expectations over two independent continuous types, by composite Gauss–Legendre quadrature.

Bilateral trade needs E[h(s, b)] for a seller's cost s ~ F and a buyer's value b ~ G, where h
jumps or kinks along curves in the (s, b) plane (the boundary of the trade region). Such an
integral is computed accurately by splitting it along the curves:

    E[h] = ∫ g(b) Σ_pieces ∫_{piece} h(s, b) f(s) ds db,

with the inner pieces separated at ``cuts(b)`` (one or more curves s = c_k(b)) and the outer
integral split at ``outer_breaks`` (where a curve leaves the support, the integrand in b has a
kink). On each piece the integrand is smooth and composite Gauss–Legendre converges fast.

:func:`bisect_increasing` solves many monotone equations at once (vectorised bisection). No
economics here.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from functools import lru_cache

import numpy as np

from bargainlab.core.distributions import Distribution

__all__ = ["composite_gauss_legendre", "expect_pair", "bisect_increasing", "QUAD_PANELS", "QUAD_ORDER", "QUAD_GRADING"]

#: Gauss–Legendre nodes per panel, and the panels of each piece: graded geometrically toward
#: both ends (ratio QUAD_GRADING, QUAD_PANELS levels per end). The grading integrates the
#: algebraic end singularities of bilateral trade (e.g. (b − m)^g with g = σ/(r − σ) where delay
#: starts, or densities vanishing like a power) to ~1e-10; see tests/core/test_quadrature.py.
QUAD_ORDER = 8
QUAD_PANELS = 8
QUAD_GRADING = 0.2

#: Iterations of :func:`bisect_increasing` (the bracket shrinks by 2^-ITER).
BISECTION_ITERATIONS = 64


@lru_cache(maxsize=16)
def _reference_rule(panels: int, order: int) -> tuple[np.ndarray, np.ndarray]:
    """Composite Gauss–Legendre nodes and weights on [0, 1], panels graded toward both ends.

    The panel edges are 0, ρ^panels/2, ..., ρ/2, 1/2 and their mirror images (ρ = QUAD_GRADING).
    """
    x, w = np.polynomial.legendre.leggauss(order)
    x, w = (x + 1) / 2, w / 2
    half = np.concatenate([[0.0], 0.5 * QUAD_GRADING ** np.arange(panels, 0, -1), [0.5]])
    edges = np.unique(np.concatenate([half, 1.0 - half]))
    nodes = (edges[:-1, None] + np.diff(edges)[:, None] * x[None, :]).ravel()
    weights = (np.diff(edges)[:, None] * w[None, :]).ravel()
    return nodes, weights


def composite_gauss_legendre(
    lower: np.ndarray | float, upper: np.ndarray | float, panels: int = QUAD_PANELS, order: int = QUAD_ORDER
) -> tuple[np.ndarray, np.ndarray]:
    """Nodes and weights of the graded composite rule on [lower, upper] (broadcast over arrays of limits).

    Returns arrays of shape ``limits.shape + (panels * order,)``; an empty interval
    (upper <= lower) gets zero weights.
    """
    t, w = _reference_rule(panels, order)
    lower = np.asarray(lower, dtype=float)[..., None]
    upper = np.asarray(upper, dtype=float)[..., None]
    width = np.maximum(upper - lower, 0.0)
    return lower + width * t, width * w


def expect_pair(
    integrand: Callable[[np.ndarray, np.ndarray], np.ndarray],
    seller: Distribution,
    buyer: Distribution,
    cuts: Callable[[np.ndarray], Sequence[np.ndarray]] | None = None,
    outer_breaks: Sequence[float] = (),
    panels: int = QUAD_PANELS,
    order: int = QUAD_ORDER,
) -> float | np.ndarray:
    """E[h(s, b)] for independent s ~ ``seller`` and b ~ ``buyer``.

    Parameters
    ----------
    integrand
        h(S, B), vectorised over equal-shape arrays; it may return several integrands stacked
        along a leading axis, and then an array of expectations is returned.
    seller, buyer
        The distributions F (of s) and G (of b).
    cuts
        ``cuts(b)`` returns curves s = c_k(b) (arrays shaped like b) where h jumps or kinks in
        s; the inner integral is split there (values outside the support are clipped).
    outer_breaks
        Values of b where the inner integral, as a function of b, kinks or jumps.
    panels, order
        The graded composite Gauss–Legendre rule used on every piece (levels per end, nodes per panel).
    """
    edges = [buyer.lower, *sorted(x for x in outer_breaks if buyer.lower < x < buyer.upper), buyer.upper]
    b_nodes, b_weights = composite_gauss_legendre(np.array(edges[:-1]), np.array(edges[1:]), panels, order)
    b_nodes, b_weights = b_nodes.ravel(), b_weights.ravel()
    lo = np.full_like(b_nodes, seller.lower)
    hi = np.full_like(b_nodes, seller.upper)
    curves = [] if cuts is None else [np.clip(np.asarray(c, dtype=float), lo, hi) for c in cuts(b_nodes)]
    limits = [lo, *sorted_curves(curves), hi]
    s_parts, w_parts = [], []
    for left, right in zip(limits[:-1], limits[1:]):
        s, w = composite_gauss_legendre(left, right, panels, order)
        s_parts.append(s)
        w_parts.append(w)
    S = np.concatenate(s_parts, axis=1)
    W = np.concatenate(w_parts, axis=1)
    B = np.broadcast_to(b_nodes[:, None], S.shape)
    values = np.asarray(integrand(S, B), dtype=float) * seller.pdf(S)
    inner = np.sum(np.where(W > 0, values, 0.0) * W, axis=-1)
    total = np.sum(inner * buyer.pdf(b_nodes) * b_weights, axis=-1)
    return float(total) if np.ndim(total) == 0 else total


def sorted_curves(curves: Sequence[np.ndarray]) -> list[np.ndarray]:
    """The curves sorted pointwise (so that consecutive curves bound the inner pieces)."""
    if len(curves) <= 1:
        return list(curves)
    return list(np.sort(np.stack(curves), axis=0))


def bisect_increasing(
    function: Callable[[np.ndarray], np.ndarray],
    targets: np.ndarray,
    lower: float,
    upper: float,
    iterations: int = BISECTION_ITERATIONS,
) -> np.ndarray:
    """For each target y, the point x in [lower, upper] where the non-decreasing ``function`` crosses y.

    Returns ``lower`` where function(lower) >= y and ``upper`` where function(upper) < y;
    otherwise the crossing point, by a vectorised bracketing method (Illinois regula falsi,
    which keeps the bracket like bisection but converges superlinearly on smooth functions; a
    bisection step is forced whenever the bracket shrinks by less than half), to a bracket
    width of ~1e-15 of the interval or ``iterations`` steps.
    """
    y = np.asarray(targets, dtype=float)
    a = np.full(y.shape, float(lower))
    b = np.full(y.shape, float(upper))
    fa = np.asarray(function(a), dtype=float) - y
    fb = np.asarray(function(b), dtype=float) - y
    done_low, done_high = fa >= 0, fb < 0
    width = float(upper) - float(lower)
    for _ in range(iterations):
        active = ~(done_low | done_high) & (b - a > 1e-15 * width) & (fb != 0)
        if not active.any():
            break
        with np.errstate(divide="ignore", invalid="ignore"):
            secant = a - fa * (b - a) / (fb - fa)
        mid = 0.5 * (a + b)
        ok = np.isfinite(secant) & (secant > a) & (secant < b)
        x = np.where(ok, secant, mid)
        fx = np.asarray(function(x), dtype=float) - y
        below = fx < 0
        old = b - a
        # Illinois: halve the value kept at the stale end
        fb = np.where(active & below, fb * 0.5, fb)
        fa = np.where(active & ~below, fa * 0.5, fa)
        a = np.where(active & below, x, a)
        fa = np.where(active & below, fx, fa)
        b = np.where(active & ~below, x, b)
        fb = np.where(active & ~below, fx, fb)
        # guarantee progress: bisect where the bracket did not halve
        slow = active & (b - a > 0.5 * old)
        if slow.any():
            m = np.where(slow, 0.5 * (a + b), a)
            fm = np.asarray(function(m), dtype=float) - y
            lower_half = slow & (fm < 0)
            upper_half = slow & ~(fm < 0)
            a, fa = np.where(lower_half, m, a), np.where(lower_half, fm, fa)
            b, fb = np.where(upper_half, m, b), np.where(upper_half, fm, fb)
    out = np.where(fb == 0, b, 0.5 * (a + b))
    out = np.where(done_low, float(lower), out)
    return np.where(done_high, float(upper), out)
