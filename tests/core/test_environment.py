"""Validation of environments: every bad input raises one error family naming parameter, value, range."""

from __future__ import annotations

import math

import pytest

from bargainlab.core.environment import TwoSidedEnvironment, TypeSpace, two_sided_environment
from bargainlab.errors import BargainlabError, InvalidParameterError

GOOD = dict(values1=[0.0, 0.5], values2=[0.5, 1.0], prior1=0.5, prior2=0.5, bargaining_power=0.5)


def build(**changes):
    return two_sided_environment(**{**GOOD, **changes})


# (changed parameters, parameter named in the message, fragments expected in the message)
BAD_INPUTS = [
    (dict(values1=[0.5, 0.0]), "values1", ["strictly increasing", "[0.5, 0.0]"]),
    (dict(values2=[1.0, 1.0]), "values2", ["strictly increasing", "distinct", "[1.0, 1.0]"]),
    (dict(values1=[-0.1, 0.5]), "values1", ["non-negative", "-0.1"]),
    (dict(values1=[0.0, math.nan]), "values1", ["finite", "nan"]),
    (dict(values2=[0.5, math.inf]), "values2", ["finite", "inf"]),
    (dict(values1=[]), "values1", ["non-empty", "[]"]),
    (dict(values1="0,1"), "values1", ["sequence of numbers", "'0,1'"]),
    (dict(values2=[0.5, "x"]), "values2", ["numbers", "entry 1"]),
    (dict(prior1=1.5), "prior1", ["[0, 1]", "1.5"]),
    (dict(prior2=-0.25), "prior2", ["[0, 1]", "-0.25"]),
    (dict(prior1=math.nan), "prior1", ["finite", "nan"]),
    (dict(prior2=math.inf), "prior2", ["finite", "inf"]),
    (dict(prior1=[0.3, 0.3]), "prior1", ["summing to 1", "0.6"]),
    (dict(prior1=[0.5, 0.6]), "prior1", ["summing to 1", "1.1"]),
    (dict(prior2=[1.2, -0.2]), "prior2", ["[0, 1]", "1.2"]),
    (dict(prior1=[0.2, 0.3, 0.5]), "prior1", ["2 probabilities", "got 3 entries"]),
    (dict(prior1=[0.5, math.nan]), "prior1", ["finite", "nan"]),
    (dict(values1=[0.0, 0.2, 0.5], prior1=0.5), "prior1", ["3 probabilities", "exactly two values"]),
    (dict(values1=[0.2], prior1=0.5), "prior1", ["single type", "0.5"]),
    (dict(values1=[0.0, 0.5], prior1=None), "prior1", ["2 probabilities", "None"]),
    (dict(bargaining_power=1.5), "bargaining_power (β)", ["[0, 1]", "1.5"]),
    (dict(bargaining_power=-0.1), "bargaining_power (β)", ["[0, 1]", "-0.1"]),
    (dict(bargaining_power=math.nan), "bargaining_power (β)", ["[0, 1]", "nan"]),
    (dict(bargaining_power="half"), "bargaining_power (β)", ["[0, 1]", "'half'"]),
    (dict(discount=0.0), "discount (δ)", ["(0, 1]", "0.0"]),
    (dict(discount=1.01), "discount (δ)", ["(0, 1]", "1.01"]),
    (dict(discount=-1.0), "discount (δ)", ["(0, 1]", "-1.0"]),
    (dict(discount=math.inf), "discount (δ)", ["(0, 1]", "inf"]),
]


@pytest.mark.parametrize(("changes", "parameter", "fragments"), BAD_INPUTS)
def test_bad_input_message_names_parameter_value_and_range(changes, parameter, fragments):
    with pytest.raises(InvalidParameterError) as info:
        build(**changes)
    message = str(info.value)
    assert info.value.key == info.value.parameter == parameter.split(" ")[0]  # the machine key
    assert message.startswith(f"{parameter} must be ")  # the display label
    for fragment in fragments:
        assert fragment in message, message


def test_error_family_is_value_error():
    with pytest.raises(BargainlabError):
        build(bargaining_power=2)
    with pytest.raises(ValueError):
        build(bargaining_power=2)


def test_binary_prior_is_probability_of_high_type():
    env = build(prior1=0.25)
    assert env.player1.prior == (0.75, 0.25)
    assert env.player1.prior_high == 0.25


def test_prior_list_is_normalised_within_tolerance():
    space = TypeSpace([0, 1, 2], [0.2, 0.3, 0.5 + 1e-12])
    assert math.isclose(sum(space.prior), 1.0, abs_tol=1e-15)


def test_single_type_and_known_types():
    env = build(values1=[0.3], prior1=None)
    assert env.player1.prior == (1.0,)
    assert env.player1.is_known
    assert build(prior2=1.0).player2.is_known
    assert not build().player2.is_known


def test_theory_player_is_the_lower_low_value_with_label_free_ties():
    assert build().theory_player == 1
    assert build(values1=[0.6, 0.9], values2=[0.5, 1.0]).theory_player == 2
    # tie in the lowest value: the next values decide, whatever the labels
    assert build(values1=[0.5, 0.9], values2=[0.5, 1.0]).theory_player == 1
    assert build(values1=[0.5, 1.0], values2=[0.5, 0.9]).theory_player == 2
    # identical values: the priors decide; identical type spaces: the user's player 1
    assert build(values1=[0.5, 1.0], values2=[0.5, 1.0], prior1=0.7, prior2=0.2).theory_player == 1
    assert build(values1=[0.5, 1.0], values2=[0.5, 1.0], prior1=0.2, prior2=0.7).theory_player == 2
    assert build(values1=[0.5, 1.0], values2=[0.5, 1.0], prior1=0.2, prior2=0.2).theory_player == 1


def test_swapped_exchanges_players_and_bargaining_power():
    env = build(bargaining_power=0.3, prior1=0.2)
    swapped = env.swapped()
    assert swapped.player1 == env.player2 and swapped.player2 == env.player1
    assert math.isclose(swapped.bargaining_power, 0.7)
    back = swapped.swapped()
    assert back.player1 == env.player1 and back.player2 == env.player2
    assert math.isclose(back.bargaining_power, env.bargaining_power, abs_tol=1e-15)


def test_environment_rejects_non_type_space_players():
    with pytest.raises(InvalidParameterError, match="player1 must be a TypeSpace"):
        TwoSidedEnvironment([0, 1], TypeSpace([0, 1], 0.5), 0.5)  # type: ignore[arg-type]


def test_discount_one_is_the_limit_and_allowed():
    assert build(discount=1.0).discount == 1.0
    assert build(discount=0.9).discount == 0.9
