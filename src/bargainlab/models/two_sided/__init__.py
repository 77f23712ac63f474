"""Two-sided bargaining with mechanisms (Pęski 2024): floors, gap, the δ→1 outcome, closed forms."""

from bargainlab.models.two_sided.outcome import Interval, TwoSidedOutcome, gap, solve

__all__ = ["Interval", "TwoSidedOutcome", "gap", "solve"]
