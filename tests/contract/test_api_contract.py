"""The Python API contract, tested on calls generated for every public function.

Every function in an ``__all__`` of the package's public modules (``api_fuzz.PUBLIC_MODULES``)
needs a valid base call (its doctest's literal call, or an entry in ``api_fuzz.BASE_CALLS``),
and every variant of that call with one argument malformed must raise bargainlab's error
family or return finite, JSON-safe numbers.
"""

from __future__ import annotations

import pytest

from tests.contract import api_fuzz

FUNCTIONS = api_fuzz.public_functions()


@pytest.mark.parametrize("name", sorted(FUNCTIONS))
def test_every_public_function_has_a_valid_call_that_keeps_the_contract(name):
    function = FUNCTIONS[name]
    base = api_fuzz.base_call(name, function)
    assert base is not None, f"{name}: give a literal call in its docstring example or an entry in BASE_CALLS"
    assert api_fuzz.run(api_fuzz.Call(name, tuple(base.items()), "valid"), function) == ""


@pytest.mark.parametrize("name", sorted(FUNCTIONS))
def test_malformed_arguments_raise_the_error_family(name):
    function = FUNCTIONS[name]
    violations = [(c.case, problem) for c in api_fuzz.calls(name, function) if (problem := api_fuzz.run(c, function))]
    assert violations == []


def test_the_checks_catch_each_kind_of_violation():
    assert api_fuzz.check_result(float("nan")) == "returned nan"
    assert api_fuzz.check_result(1.0) == ""

    def raises_type_error(x):
        raise TypeError("boom")

    assert api_fuzz.run(api_fuzz.Call("f", (("x", 1),), "c"), raises_type_error).startswith("raised TypeError")
