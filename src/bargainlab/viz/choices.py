"""The names of the figures that ``bargainlab plot`` offers, with their help, as plain constants.

The figure modules draw them (:mod:`bargainlab.viz.one_sided`, :mod:`bargainlab.viz.author_views`,
:mod:`bargainlab.viz.transparency`) and import these names from here; the command line's parsers
read them without loading NumPy, the models or matplotlib (``bargainlab --help`` stays fast).

Examples
--------
>>> list(ONE_SIDED_FIGURES)
['payoffs', 'beta', 'delta', 'revenue']
"""

from __future__ import annotations

__all__ = ["ONE_SIDED_FIGURES", "AUTHOR_VIEWS", "TRANSPARENCY_FIGURES"]

#: Figures of the one-sided model (``plot one-sided KIND``), with their help.
ONE_SIDED_FIGURES = {
    "payoffs": "Alice's payoffs in u",
    "beta": "payoffs against β",
    "delta": "offers against δ",
    "revenue": "R(p)",
}

#: The views of Pęski's app (``plot author-views VIEW``, the app page and the gallery), with their help.
AUTHOR_VIEWS = {
    "offers": "a¹(x) and a²(x): every type's payoff as a belief moves",
    "gap": "Gap(p, x), its peak Δ(x) and the 6.25% bound, with LP checks",
    "whole-gap": "player 1 gets the whole Gap: a¹, a², a² − Gap(·, p₂*), p₁ ≥ p₁*",
    "convexity": "a²'s player-1 payoffs and their second differences",
}

#: Comparative statics of the transparency game (``plot transparency KIND``): the parameter that
#: moves (its Python name) and its axis label.
TRANSPARENCY_FIGURES = {
    "rho": ("transparency", "ρ (transparency)"),
    "sellers": ("sellers", "N (sellers)"),
    "mu": ("prior_high", "μ (prior of the high type)"),
}
