"""The named choices that options offer (the vocabulary table's value lists), as plain constants.

One place for each list of names a parameter accepts, read by the models that check it, by the
command line's parsers and help, and by the app. This module imports nothing (sizes and their
defaults are in :mod:`bargainlab.core.limits`, also free of heavy imports), so that
``bargainlab --help`` and an argument error are answered without loading NumPy, SciPy or HiGHS;
the models import these names from here and re-export them (``bargainlab.models.two_sided.RANGES``
is :data:`RANGES`).

Examples
--------
>>> RANGES
('auto', 'payoffs', 'all', 'none')
>>> set(DEFAULT_SWEEP_QUANTITIES) <= set(SWEEP_QUANTITIES)
True
"""

from __future__ import annotations

__all__ = ["RANGES", "OBSERVATIONS", "SWEEP_QUANTITIES", "DEFAULT_SWEEP_QUANTITIES", "AXIS_GRAMMAR"]

#: What the two-sided ``solve`` ranges over the optimal face (``ranges=``, ``--ranges``):
#: ``"payoffs"`` (each type's payoff, the ex ante payoffs and welfare), ``"all"`` (also every
#: allocation probability and transfer), ``"none"`` (values at one optimal solution only),
#: ``"auto"`` (the default: ``"all"`` up to ``AUTO_ALL_PROFILES`` type profiles, ``"payoffs"`` beyond).
RANGES = ("auto", "payoffs", "all", "none")

#: How the sellers of the transparency game observe each other (``observation=``, ``--observation``):
#: per ordered pair, or one draw for the whole market.
OBSERVATIONS = ("independent", "market")

#: Quantities a two-sided sweep can compute (``quantities=``, ``--quantities``): E(p, β), Gap(p, β),
#: Gap / largest value, the gap player's ex ante floor p_1 · β_1 M_1, the gap player, whether the
#: players' lowest values tie (l_1 = l_2: the theory does not say who gets the gap; the row's gap
#: player is the tie-break rule's), the method, and every type's floor β_i M_i(t_i).
SWEEP_QUANTITIES = (
    "ex_ante_payoff",
    "gap",
    "gap_share",
    "floor",
    "gap_player",
    "lowest_values_tie",
    "method",
    "floors",
)

#: Quantities a sweep computes when none are named.
DEFAULT_SWEEP_QUANTITIES = ("ex_ante_payoff", "gap", "gap_share", "floor", "gap_player", "method")

#: The text grammar of one sweep axis (``--grid NAME=SPEC``, a spec file's ``grid``).
AXIS_GRAMMAR = "START:STOP:NUM (evenly spaced), V;V;... (a list), or simplex:D (priors on a lattice)"
