"""Documented limits on every size a user controls: one place for the library, the CLI and the app.

A size that would exhaust memory or time (types per player, points on a curve, points per axis
of a map, parameter draws, search restarts, characters of a text input) is refused before any
work with :class:`~bargainlab.errors.InvalidParameterError` naming the parameter and the limit.
The command line's help and the app's help text quote these constants; ``docs/architecture.md``
(vocabulary table) lists them. The defaults of sizes that the help quotes (draws of a certificate,
types of the bilateral LP, quasi-Monte Carlo draws) are here too, and some model-specific bounds:
this module imports nothing heavy (:mod:`bargainlab.core.inputs`, which loads NumPy, only when a
count is checked), so ``bargainlab --help`` builds its parsers without loading the models, which
import these constants from here.

The bounds are chosen so that the largest allowed request finishes in minutes, not hours: the
two-sided interim LP has n₁·n₂ type profiles and a full solve grows about as n³ (50 types per
player: seconds; 100 types: about 2.5 minutes under load, ``docs/performance.md``); a
certificate does a few LPs per draw.

Examples
--------
>>> check_count(5, "types", low=2, high=MAX_TYPES)
5
>>> check_count(1000, "types", low=2, high=MAX_TYPES)
Traceback (most recent call last):
...
bargainlab.errors.InvalidParameterError: types must be an integer in [2, 100]; got 1000
"""

from __future__ import annotations

from collections.abc import Sized

from bargainlab.errors import InvalidParameterError

__all__ = [
    "MAX_TYPES",
    "MAX_POINTS",
    "MAX_RESOLUTION",
    "MAX_SAMPLES",
    "MAX_RESTARTS",
    "MAX_TEXT_CHARS",
    "MAX_CHECK_TYPES",
    "MAX_ITERATIONS",
    "MAX_SELLERS",
    "MAX_SWEEP_WORKERS",
    "DEFAULT_CHECK_SAMPLES",
    "LP_TYPES",
    "LM_SAMPLES",
    "check_count",
    "check_types",
    "check_text",
]

#: Types per player of a two-sided environment (values1, values2): the interim LP has n₁·n₂
#: profiles; a full solve at 100 types takes minutes.
MAX_TYPES = 100

#: Types per player of the random environments of a certificate or of the largest-gap search
#: (``--types`` of ``check two-sided``): each draw solves several LPs, so fewer than a solve.
MAX_CHECK_TYPES = 20

#: Iterations of one local search of the largest-gap search (``--iterations``).
MAX_ITERATIONS = 100_000

#: Points on a curve, a payoff line or a reported grid of values (``--points``).
MAX_POINTS = 1001

#: Points per axis of a belief map (``--resolution``); a map beyond two types solves one LP
#: per point, so the app's default is much lower.
MAX_RESOLUTION = 1001

#: Parameter draws of a certificate (``--samples``).
MAX_SAMPLES = 100_000

#: Restarts of the largest-gap search (``--restarts``).
MAX_RESTARTS = 1_000

#: Characters of one text input or permanent-link parameter of the web app (a list of
#: MAX_TYPES numbers needs a few hundred).
MAX_TEXT_CHARS = 2_000

#: Sellers N of the transparency game (``--sellers``; the buyer's problem is solved by size, O(N²)).
MAX_SELLERS = 64

#: Local worker processes of a sweep (``sweep two-sided --workers``).
MAX_SWEEP_WORKERS = 256

#: Parameter draws per claim of a certificate by default (``check two-sided --samples``).
DEFAULT_CHECK_SAMPLES = 200

#: Types per side of the discretised bilateral LP by default (``solve bilateral --method lp --types``).
LP_TYPES = 60

#: Quasi-Monte Carlo draws of a Loertscher–Marx market by default (a power of two; ``--samples``).
LM_SAMPLES = 2**14


def check_count(raw: object, key: str, *, low: int, high: int, label: str | None = None) -> int:
    """An integer count in [low, high] (:func:`bargainlab.core.inputs.integer` with a required bound)."""
    from bargainlab.core import inputs  # lazy: the constants above are read without NumPy

    return inputs.integer(raw, key, low=low, high=high, label=label)


def check_types(values: Sized, key: str, *, label: str | None = None) -> None:
    """At most :data:`MAX_TYPES` values (types) for one player of a two-sided environment."""
    if len(values) > MAX_TYPES:
        raise InvalidParameterError(
            key,
            len(values),
            f"a list of at most {MAX_TYPES} values (types per player)",
            f"{len(values)} values given; the interim LP grows about as n³ in the number of types",
            label=label,
        )


def check_text(text: str, key: str, *, label: str | None = None) -> str:
    """A text input of at most :data:`MAX_TEXT_CHARS` characters (checked before it is parsed)."""
    if len(text) > MAX_TEXT_CHARS:
        raise InvalidParameterError(
            key,
            len(text),
            f"a text of at most {MAX_TEXT_CHARS:,} characters",
            f"{len(text):,} characters given",
            label=label,
        )
    return text
