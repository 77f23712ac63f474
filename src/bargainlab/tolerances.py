"""Named numerical tolerances, in one place.

All quantities are compared with these constants, never with ``==``. Functions that use a
tolerance accept it as a keyword argument so that a user can override it. Values are absolute
and apply to problems in *normalised units* (every value divided by the largest value of the
environment), which is how the interim LP is solved internally.
"""

from __future__ import annotations

#: How far a prior may be from summing to one before it is rejected.
PRIOR_SUM_TOL = 1e-9

#: HiGHS primal and dual feasibility tolerance used for every interim LP.
LP_FEASIBILITY_TOL = 1e-10

#: Slack allowed on the optimal value when the optimal face is explored by secondary LPs
#: (the set of optimal solutions is {x : objective(x) >= optimum - OPTIMAL_FACE_TOL}).
OPTIMAL_FACE_TOL = 1e-9

#: Two ends of a range closer than this are reported as one unique value.
UNIQUE_TOL = 1e-7

#: Expected agreement between a closed form of the papers and the LP (normalised units).
CLOSED_FORM_TOL = 1e-8

#: Tolerance of the invariant checks (IC, feasibility, budget, floors) on LP solutions.
CONSTRAINT_TOL = 1e-8

#: An allocation probability within this of 0 or 1 counts as 0 or 1 (efficiency checks).
ALLOCATION_TOL = 1e-7

#: If the program with exact floors fails, it is solved again with floors u >= floor - slack
#: for each of these slacks in turn (normalised units). In degenerate cases (β ∈ {0, 1}, known
#: types, probabilities of 1e-10) the floors pin a single point, and a one-ulp difference between
#: the floor's arithmetic and the LP's, or a coefficient below the solver's resolution, makes the
#: exact program infeasible. The largest slack stays below CONSTRAINT_TOL, and the invariant
#: checks (``max_constraint_violation``) measure against the exact floors.
FLOOR_SLACKS = (1e-11, 1e-10, 1e-9)

#: Every LP solution is re-checked against the program (A x and bounds recomputed in double
#: precision, independent of the solver's own bookkeeping); a larger violation triggers a
#: cold re-solve and, if it persists, an error.
SOLUTION_CHECK_TOL = 1e-9

#: A dual value (row dual or reduced cost) larger than this in magnitude marks a constraint
#: that every optimal solution keeps tight (complementary slackness); used to fix the optimal
#: face exactly before the secondary range LPs.
DUAL_TOL = 1e-9

#: Smallest allowed ratio of an environment's smallest positive value to its largest value
#: (two-sided model). The interim LP is solved in normalised units (largest value 1) at the
#: feasibility tolerance LP_FEASIBILITY_TOL, and degenerate points relax the floors by up to
#: max(FLOOR_SLACKS); below this ratio those tolerances exceed 1% of the smallest values and
#: their floors are lost in the solver's rounding (values spanning 1e-9 to 1e9 gave a negative
#: Gap). Rescaling cannot help (the LP already divides by the largest value): such inputs are
#: rejected, naming the player's values and the allowed range (0 itself is always allowed).
MIN_VALUE_RATIO = 1e-7

#: Reported quantities (payoffs, transfers, Gap, probabilities) within this of 0, in normalised
#: units (times the environment's largest value), are reported as exactly 0: rounding noise
#: such as -1.11e-16 is not shown as a (negative) number.
ZERO_TOL = 1e-12

#: Gap (eq. 4.2) is non-negative in theory (the floors are constraints of (4.1)); a computed Gap
#: down to -GAP_NEGATIVE_TOL (normalised units; it covers the relaxed floors of FLOOR_SLACKS) is
#: reported as 0, a more negative one is an error (SolverError), never reported.
GAP_NEGATIVE_TOL = CONSTRAINT_TOL
