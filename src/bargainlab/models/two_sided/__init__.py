"""Two-sided bargaining with mechanisms (Pęski 2024): floors, gap, the δ→1 outcome, closed forms."""

from bargainlab.models.two_sided.exact import exact_environment, exact_gap, solve_exact
from bargainlab.models.two_sided.outcome import Interval, TwoSidedOutcome, gap, solve

__all__ = ["Interval", "TwoSidedOutcome", "gap", "solve", "solve_exact", "exact_gap", "exact_environment"]
