"""Calls generated for every public function of the package: its error family or a correct result.

Every function named in an ``__all__`` of ``bargainlab`` and its model modules is called with
argument values generated from its signature: a valid call (the defaults, or values taken from
the function's own doctest when it has one) is broken one argument at a time with malformed
values (NaN, infinities, negative numbers, booleans, strings, empty, unsorted and tied lists,
priors that do not sum to 1, NumPy arrays with NaN, None, huge sizes). Each call must either

- raise an error of bargainlab's family (:class:`~bargainlab.errors.BargainlabError`), or
- return a result whose numbers are finite (``to_dict()`` has no NaN/inf and is JSON-safe),

within :data:`CALL_SECONDS`. Run ``python -m tests.contract.api_fuzz`` for the full table.
"""

from __future__ import annotations

import contextlib
import importlib
import inspect
import json
import math
import signal
import sys
import warnings
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

import numpy as np

from bargainlab.errors import BargainlabError

#: Seconds one call may take before it counts as a hang.
CALL_SECONDS = 20

#: Modules whose ``__all__`` is the public API.
PUBLIC_MODULES = (
    "bargainlab",
    "bargainlab.models.two_sided",
    "bargainlab.models.one_sided",
    "bargainlab.models.complete_info",
    "bargainlab.models.rubinstein",
    "bargainlab.models.nash",
    "bargainlab.models.nash_in_nash",
    "bargainlab.models.bilateral_trade",
    "bargainlab.models.double_auction",
    "bargainlab.models.loertscher_marx",
    "bargainlab.models.sequential",
    "bargainlab.models.transparency",
    "bargainlab.core.monopoly",
    "bargainlab.core.environment",
    # documented entry points beyond the package faces (docs/tutorial.md and the model pages)
    "bargainlab.models.two_sided.maps",
    "bargainlab.models.two_sided.curves",
    "bargainlab.models.two_sided.mechanisms",
    "bargainlab.models.two_sided.search",
    "bargainlab.models.two_sided.certificate",
    "bargainlab.models.one_sided.two_types",
    "bargainlab.models.one_sided.lp",
)

#: Malformed values tried for every argument.
MALFORMED: tuple[Any, ...] = (
    math.nan,
    math.inf,
    -1.0,
    True,
    "x",
    None,
    [],
    [1.0, 0.5],
    [0.0, math.nan],
    10**12,
    -0.0,
    1e-300,
    {"a": 1},
    7.0,  # out of range for probabilities and shares (β = 7)
    (0.3, 1.5),  # a prior summing to 1.8, as a tuple
    [0.2, 0.2],  # tied values; probabilities summing to 0.4
    np.array([0.1, math.nan]),  # NumPy input with a NaN
    [True, False],  # booleans as values
)


@dataclass(frozen=True)
class Call:
    function: str
    arguments: tuple[tuple[str, Any], ...]
    case: str


def public_functions() -> dict[str, Callable[..., Any]]:
    """Every public function (not class) of :data:`PUBLIC_MODULES`, by qualified name."""
    found: dict[str, Callable[..., Any]] = {}
    for name in PUBLIC_MODULES:
        module = importlib.import_module(name)
        for attribute in getattr(module, "__all__", ()):
            value = getattr(module, attribute, None)
            if inspect.isfunction(value) and not attribute.startswith("_"):
                found.setdefault(f"{value.__module__}.{value.__name__}", value)
    return found


def _doctest_call(function: Callable[..., Any]) -> dict[str, Any] | None:
    """Keyword arguments of the first call of ``function`` in its own docstring examples, if literal."""
    import ast

    for line in (function.__doc__ or "").splitlines():
        text = line.strip()
        if not text.startswith(">>> "):
            continue
        try:
            tree = ast.parse(text[4:])
        except SyntaxError:
            continue
        for node in ast.walk(tree):
            if (
                isinstance(node, ast.Call)
                and getattr(node.func, "id", getattr(node.func, "attr", None)) == function.__name__
            ):
                try:
                    bound = inspect.signature(function).bind(
                        *[ast.literal_eval(a) for a in node.args],
                        **{k.arg: ast.literal_eval(k.value) for k in node.keywords if k.arg},
                    )
                except (ValueError, TypeError, SyntaxError):
                    return None
                return dict(bound.arguments)
    return None


def _environment() -> Any:
    from bargainlab.core.environment import two_sided_environment

    return two_sided_environment([0, 0.5], [0.5, 1], 0.5, 0.5, bargaining_power=0.5)


def _type_space(values: list[float], prior: float) -> Any:
    from bargainlab.core.environment import TypeSpace

    return TypeSpace(values, prior)


def _uniform() -> Any:
    from bargainlab.core.inputs import as_distribution

    return as_distribution("uniform", "distribution")


def _transparency_game() -> Any:
    from bargainlab.models.transparency import transparency_game

    return transparency_game(2, 0.8, 1.0, 0.5, 0.9, 0.5)


#: Valid keyword arguments of public functions whose doctest has no literal call, by function
#: name (made on demand: some build objects).
BASE_CALLS: dict[str, Callable[[], dict[str, Any]]] = {
    "gap": lambda: {"env": _environment()},
    "solve": lambda: {"env": _environment()},
    "solve_exact": lambda: {"env": _environment()},
    "exact_gap": lambda: {"env": _environment()},
    "monopoly_payoffs": lambda: {"owner": _type_space([0, 0.5], 0.5), "buyer": _type_space([0.5, 1], 0.5)},
    "random_monopoly_payoffs": lambda: {
        "owner": _type_space([0, 0.5], 0.5),
        "buyer": _type_space([0.5, 1], 0.5),
        "bargaining_power": 0.5,
    },
    "first_best_surplus": lambda: {"seller": "uniform", "buyer": "uniform"},
    "weighted_mechanism": lambda: {
        "sellers": "uniform",
        "buyers": "uniform",
        "n_sellers": 1,
        "n_buyers": 1,
        "samples": 1024,
    },
    "alice_menu_payoff": lambda: {"u": [0.2, 0.6], "value_bob": 0.1, "price": 0.5, "share": 0.5},
    "neutral_condition": lambda: {"distribution": _uniform(), "value_bob": 0.1},
    "monopoly_revenue": lambda: {"distribution": _uniform(), "value_bob": 0.1, "price": [0.3, 0.5]},
    "optimal_prices": lambda: {"distribution": _uniform(), "value_bob": 0.1},
    "ex_post_efficient": lambda: {"seller": "uniform", "buyer": "uniform", "seller_rate": 2.0, "buyer_rate": 1.0},
    "ratio_curve": lambda: {"ratios": [0.5, 1.0]},
    "best_response_check": lambda: {
        "k": 0.5,
        "buyer_bid": lambda v: 2 * v / 3 + 1 / 12,
        "seller_ask": lambda c: 2 * c / 3 + 1 / 4,
        "points": 100,
    },
    "check_mechanism": lambda: {
        "seller": "uniform",
        "buyer": "uniform",
        "seller_rate": 1.0,
        "buyer_rate": 1.0,
        "trade_time": lambda s, b: np.where(b - s > 0.25, 0.0, np.inf),
        "payment": lambda s, b: 0.0 * s + 0.5 * (b - s > 0.25),
        "points": 20,
    },
    "evaluate_profile": lambda: {"prices": [0.55, 0.55], "game": _transparency_game()},
    "comparative_statics": lambda: {"game": _transparency_game(), "parameter": "transparency", "values": [0, 0.5]},
    "load_network": lambda: {"source": {"agreements": [{"between": ["A", "B"], "gains": [1.0, 1.0]}]}},
    "nash_in_nash": lambda: {"agreements": [_agreement()], "weights": {"H": 1.0, "M": 3.0}, "payoffs": {"H": 1.0}},
    # two-sided maps, curves, mechanisms, search and certificate
    "gap_on_priors": lambda: {
        "env": _environment(),
        "priors1": [[0.5, 0.5], [0.25, 0.75]],
        "priors2": [[0.5, 0.5]] * 2,
    },
    "prior_grid": lambda: {"points": [0.25, 0.5]},
    "family_weights": lambda: {"space": _type_space([0, 0.4, 0.8], [0.3, 0.1, 0.6])},
    "family_representative": lambda: {"space": _type_space([0, 0.4, 0.8], [0.3, 0.1, 0.6])},
    "belief_thresholds": lambda: {"env": _environment()},
    "payoff_lines": lambda: {"env": _environment(), "vary": 1, "points": 5},
    "beta_curve": lambda: {"env": _environment(), "points": 5},
    "delta_curve": lambda: {"env": _environment(), "points": 5},
    "dominance_view": lambda: {"env": _environment(), "points": 5},
    "a2_zones": lambda: {"env": _environment(), "axis1": np.linspace(0, 1, 3), "axis2": np.linspace(0, 1, 3)},
    "mechanism": lambda: {"name": "a2", "values": _binary_values(), "prior1": 0.2, "prior2": 0.8, "share": 0.5},
    "belief_map": lambda: {"env": _environment(), "resolution": 5},
    "prior_family": lambda: {"space": _type_space([0, 0.4, 0.8], [0.3, 0.1, 0.6]), "high": [0.0, 0.2]},
    "a1": lambda: {"values": _binary_values(), "prior1": 0.2, "prior2": 0.8, "share": 0.5},
    "zones": lambda: {
        "name": "a2",
        "values": _binary_values(),
        "prior1": [0.2, 0.8],
        "prior2": [0.8, 0.5],
        "share": 0.5,
    },
    "a1_zone": lambda: {"values": _binary_values(), "prior1": 0.2, "prior2": 0.8, "share": 0.5},
    "a2": lambda: {"values": _binary_values(), "prior1": 0.2, "prior2": 0.8, "share": 0.5},
    "a2_zone": lambda: {"values": _binary_values(), "prior1": 0.2, "prior2": 0.8, "share": 0.5},
    "a2_player_one_payoffs": lambda: {
        "values": _binary_values(),
        "prior1": [0.2, 0.5],
        "prior2": [0.8, 0.5],
        "share": 0.5,
    },
    "thresholds": lambda: {"values": _binary_values(), "share": 0.5},
    "strict_gap_share": lambda: {"env": _environment()},
    "rationalised": lambda: {"env": _environment(), "denominator": 1000},
    "boundary_point": lambda: {"types": 3},
    "largest_gap": lambda: {"types": 2, "restarts": 1, "iterations": 5, "seed": 0},
    "run_checks": lambda: {"samples": 4, "seed": 0, "types": (2,), "claims": ["gap_zero"]},
    # one-sided discretised LP
    "discretise": lambda: {"distribution": _uniform(), "cells": 4},
    "bob_best_mechanism": lambda: {"types": _discrete_types(), "value_bob": 0.0, "alice_floor": [0.0, 0.0, 0.0]},
    "pareto_improvement": lambda: {
        "types": _discrete_types(),
        "value_bob": 0.0,
        "alice_payoffs": [0.0, 0.0, 0.0],
        "bob_payoff": 0.0,
    },
}


def _binary_values() -> Any:
    from bargainlab.models.two_sided.closed_form import BinaryValues

    return BinaryValues(0.1, 0.4, 0.6, 1.0)


def _discrete_types() -> Any:
    from bargainlab.models.one_sided.lp import DiscreteTypes

    return DiscreteTypes(np.array([0.0, 0.5, 1.0]), np.full(3, 1 / 3))


def _agreement() -> Any:
    from bargainlab.models.nash_in_nash import Agreement

    return Agreement("H", "M", 3.0, 1.0)


def base_call(name: str, function: Callable[..., Any]) -> dict[str, Any] | None:
    """Valid keyword arguments for ``function``: from :data:`BASE_CALLS` or its doctest."""
    make = BASE_CALLS.get(function.__name__)
    if make is not None:
        try:
            arguments = make()
            inspect.signature(function).bind(**arguments)
            return arguments
        except (TypeError, BargainlabError):
            pass  # an entry for another function of the same name (e.g. two solve): try the doctest
    return _doctest_call(function)


def calls(name: str, function: Callable[..., Any]) -> Iterator[Call]:
    """A valid call (from the doctest) and its variants with one argument malformed."""
    base = base_call(name, function)
    if base is None:
        return
    yield Call(name, tuple(base.items()), "valid")
    for parameter in base:
        for bad in MALFORMED:
            changed = {**base, parameter: bad}
            yield Call(name, tuple(changed.items()), f"{parameter}={bad!r}"[:60])


class _Timeout(Exception):
    pass


@contextlib.contextmanager
def _deadline(seconds: int) -> Iterator[None]:
    def expire(signum: int, frame: object) -> None:
        raise _Timeout

    previous = signal.signal(signal.SIGALRM, expire)
    signal.alarm(seconds)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)


def _finite(data: Any) -> bool:
    if isinstance(data, float):
        return math.isfinite(data)
    if isinstance(data, dict):
        return all(_finite(v) for v in data.values())
    if isinstance(data, (list, tuple)):
        return all(_finite(v) for v in data)
    return True


def check_result(value: Any) -> str:
    """'' if ``value`` is an honest result (finite numbers, JSON-safe), else what is wrong."""
    if isinstance(value, (float, np.floating)):
        return "" if math.isfinite(float(value)) else f"returned {float(value)}"
    if isinstance(value, np.ndarray) and value.dtype.kind == "f":
        return "" if np.isfinite(value).all() else "returned an array with NaN/inf"
    to_dict = getattr(value, "to_dict", None)
    if callable(to_dict):
        try:
            data = to_dict()
            json.dumps(data, allow_nan=False)
        except (TypeError, ValueError) as error:
            return f"to_dict is not JSON-safe ({error})"
        if not _finite(data):
            return "to_dict has NaN/inf"
    if isinstance(value, tuple):
        return next((problem for problem in map(check_result, value) if problem), "")
    return ""


def run(call: Call, function: Callable[..., Any], seconds: int = CALL_SECONDS) -> str:
    """'' if the call keeps the contract, else the violation."""
    try:
        with warnings.catch_warnings(), _deadline(seconds):
            warnings.simplefilter("ignore")
            value = function(**dict(call.arguments))
    except BargainlabError:
        return ""
    except _Timeout:
        return f"no answer within {seconds} s"
    except Exception as error:  # noqa: BLE001 - any other exception is a violation
        return f"raised {type(error).__name__}: {str(error)[:100]}"
    return check_result(value)


def campaign() -> tuple[int, list[tuple[Call, str]]]:
    """(calls made, violations) over every public function."""
    made, bad = 0, []
    for name, function in sorted(public_functions().items()):
        for call in calls(name, function):
            made += 1
            problem = run(call, function)
            if problem:
                bad.append((call, problem))
    return made, bad


def _main() -> int:  # pragma: no cover - by hand
    functions = public_functions()
    covered = [name for name, f in functions.items() if base_call(name, f) is not None]
    made, bad = campaign()
    for call, problem in bad:
        print(f"VIOLATION {call.function} [{call.case}]: {problem}")
    print(
        f"{len(functions)} public functions, {len(covered)} with a valid base call; {made} calls, {len(bad)} violations"
    )
    print("without a valid base call:", sorted(set(functions) - set(covered)))
    return 1 if bad else 0


if __name__ == "__main__":  # pragma: no cover
    sys.exit(_main())
