"""core/exact_lp.py: exact certificates, the rational simplex, tampered certificates."""

from __future__ import annotations

import importlib.util
import json
from fractions import Fraction as F
from pathlib import Path

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

pytest.importorskip("flint")  # exact arithmetic: the [exact] extra (python-flint)

from bargainlab.core.exact_lp import (
    ExactProgram,
    as_fraction,
    basic_solution,
    certificate,
    check_optimality,
    optimal_face,
    rational_simplex,
    slack_basis,
    solve_exact,
    verify_certificate,
)
from bargainlab.core.lp_solver import solve as solve_float
from bargainlab.errors import InvalidParameterError, SolverError

CHECKER = Path(__file__).resolve().parents[2] / "docs" / "check_certificate.py"


def load_checker():
    """The independent checker script shipped in docs/ (pure Python fractions)."""
    spec = importlib.util.spec_from_file_location("check_certificate", CHECKER)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def small_program() -> ExactProgram:
    """max x + y s.t. x + 2y <= 4, 0 <= x <= 1, y >= 0: optimum x = 1, y = 3/2, value 5/2."""
    return ExactProgram((F(1), F(1)), {(0, 0): F(1), (0, 1): F(2)}, (None,), (F(4),), (F(0), F(0)), (F(1), None))


def test_small_program_is_solved_exactly_by_both_paths():
    program = small_program()
    for solution in (solve_exact(program), rational_simplex(program)):
        assert solution.objective == F(5, 2)
        assert solution.x == (F(1), F(3, 2))
        assert solution.row_dual == (F(1, 2),)  # the shadow price of the row
        assert solution.check.passed
    assert solve_exact(program).source == "highs-basis"


def test_a_non_optimal_basis_is_rejected_and_repaired_by_exact_pivots():
    program = small_program()
    assert basic_solution(program, slack_basis(program)) is None  # x = y = 0 is feasible, not optimal
    repaired = rational_simplex(program, slack_basis(program))
    assert repaired.objective == F(5, 2) and repaired.pivots >= 1 and repaired.source == "rational-simplex"


def test_phase_one_starts_from_an_infeasible_basis():
    # x + y >= 3 with x, y in [0, 2]: the slack basis (x = y = 0) violates the row
    program = ExactProgram((F(-1), F(-2)), {(0, 0): F(1), (0, 1): F(1)}, (F(3),), (None,), (F(0), F(0)), (F(2), F(2)))
    solution = rational_simplex(program)
    assert solution.objective == F(-4) and solution.x == (F(2), F(1))


def test_infeasible_and_unbounded_programs_raise():
    infeasible = ExactProgram((F(1),), {(0, 0): F(1)}, (F(2),), (None,), (F(0),), (F(1),))
    with pytest.raises(SolverError, match="infeasible"):
        solve_exact(infeasible)
    unbounded = ExactProgram((F(1),), {(0, 0): F(1)}, (F(0),), (None,), (F(0),), (None,))
    with pytest.raises(SolverError, match="unbounded"):
        rational_simplex(unbounded)


@st.composite
def rational_programs(draw):
    """Random box-bounded programs with small integer data (always feasible: 0 is inside)."""
    m, n = draw(st.integers(1, 5)), draw(st.integers(1, 6))
    ints = st.integers(-4, 4)
    entries = {(r, c): F(draw(ints)) for r in range(m) for c in range(n)}
    upper = tuple(F(draw(st.integers(0, 9)), draw(st.integers(1, 3))) for _ in range(m))
    cost = tuple(F(draw(ints), draw(st.integers(1, 4))) for _ in range(n))
    return ExactProgram(
        cost, entries, (None,) * m, upper, (F(0),) * n, tuple(F(draw(st.integers(1, 5))) for _ in range(n))
    )


@settings(max_examples=40)
@given(rational_programs())
def test_exact_optimum_equals_the_float_optimum_and_the_rational_simplex(program):
    exact = solve_exact(program)
    assert exact.check.passed
    assert float(exact.objective) == pytest.approx(solve_float(program.to_float()).objective, abs=1e-8)
    assert rational_simplex(program).objective == exact.objective  # two exact paths agree exactly


def test_optimal_face_fixes_exactly_the_constraints_with_non_zero_multipliers():
    # max x + y over x + y <= 1 in the unit box: the whole segment is optimal
    program = ExactProgram((F(1), F(1)), {(0, 0): F(1), (0, 1): F(1)}, (None,), (F(1),), (F(0), F(0)), (F(1), F(1)))
    face = optimal_face(program, solve_exact(program))
    assert face.row_lower == (F(1),) and face.row_upper == (F(1),)
    assert solve_exact(face.with_objective((F(1), F(0)))).objective == 1
    assert solve_exact(face.with_objective((F(-1), F(0)))).objective == 0


def test_certificate_round_trip_and_tampering_is_caught():
    program = small_program()
    data = json.loads(json.dumps(certificate(program, solve_exact(program))))
    checker = load_checker()
    assert verify_certificate(data).passed
    assert checker.check(data) == (F(5, 2), [])
    tampered = [
        ("primal", 1, "2"),  # infeasible: x + 2y = 5 > 4
        ("dual", 0, "1/3"),  # wrong dual: reduced cost of y no longer 0
        ("primal", 1, "1"),  # feasible but not optimal
    ]
    for key, index, value in tampered:
        bad = json.loads(json.dumps(data))
        bad[key][index] = value
        assert not verify_certificate(bad).passed
        assert checker.check(bad)[1], (key, value)
    lied = dict(data, objective_value="3")
    assert not verify_certificate(lied).passed and checker.check(lied)[1]


def test_check_optimality_reports_each_condition():
    program = small_program()
    check = check_optimality(program, [F(1), F(1)], [F(1, 2)])
    assert check.primal_feasible and check.dual_feasible and not check.complementary and not check.passed


def test_as_fraction_reads_fractions_decimals_and_floats():
    assert as_fraction("1/3") == F(1, 3) and as_fraction(" 0.125 ") == F(1, 8) and as_fraction(0.1) == F(1, 10)
    assert as_fraction(np.float64(0.5)) == F(1, 2) and as_fraction(3) == 3
    for bad in ("one third", "1/0", float("nan"), True, None):
        with pytest.raises(InvalidParameterError, match="value must be"):
            as_fraction(bad)
