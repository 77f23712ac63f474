"""The transparency game (docs/transparency.md; lecture notes, "Transparency").

Every equilibrium the solver reports is confirmed by the brute-force verifier (enumeration of the
buyer's subsets and of the sellers' observation sets, seller deviations on a price grid); every
candidate it rejects has a deviation that the brute force confirms as profitable.
"""

from __future__ import annotations

import math

import pytest
from hypothesis import assume, example, given, settings
from hypothesis import strategies as st

from bargainlab.errors import InvalidParameterError
from bargainlab.models.transparency import (
    MAX_SELLERS,
    TRANSPARENCY_TIE_TOL,
    candidates,
    high_type_choice,
    reputation_cost,
    solve_transparency,
    transparency_game,
)
from bargainlab.models.transparency_verify import brute_force_outcome, buyer_value, verify_profile

TOL = 1e-9


@st.composite
def games(draw, max_sellers: int = 3):  # noqa: ANN001, ANN201
    n = draw(st.integers(1, max_sellers))
    high = draw(st.floats(0.5, 2.0))
    low = draw(st.floats(0.0, 0.95)) * high
    mu = draw(st.floats(0.0, 1.0))
    delta = draw(st.floats(0.0, 1.0))
    rho = draw(st.sampled_from([0.0, 1.0])) if draw(st.booleans()) else draw(st.floats(0.0, 1.0))
    observation = draw(st.sampled_from(["independent", "market"]))
    return transparency_game(n, mu, high, low, delta, rho, observation)


@settings(max_examples=30, deadline=None)
@given(games())
def test_every_reported_equilibrium_is_confirmed_by_brute_force(game) -> None:  # noqa: ANN001
    found = [c for c in candidates(game) if c.is_equilibrium]
    assert found, "every game has an equilibrium in the class (pooling or full separation)"
    for candidate in found:
        check = verify_profile(game, candidate.prices, grid=61)
        assert check.best_gain <= 1e-8
        assert check.payoffs.seller_payoffs == pytest.approx(candidate.outcome.seller_payoffs, abs=1e-9)
        assert check.payoffs.buyer_high_payoff == pytest.approx(candidate.outcome.buyer_high_payoff, abs=1e-9)
        assert check.payoffs.buyer_low_payoff == pytest.approx(candidate.outcome.buyer_low_payoff, abs=1e-9)
        # the high type buys exactly the k above-l offers, the low type exactly those at most l
        k = candidate.sellers_above_low
        assert all(len([i for i in s if candidate.prices[i] > game.low_value]) == k for s in check.payoffs.high_choices)
        assert all(all(candidate.prices[i] <= game.low_value for i in s) for s in check.payoffs.low_choices)


@settings(max_examples=30, deadline=None)
@given(games())
def test_every_rejected_candidate_has_a_deviation_the_brute_force_confirms(game) -> None:  # noqa: ANN001
    for candidate in candidates(game):
        if candidate.is_equilibrium:
            continue
        brute = brute_force_outcome(game, candidate.prices)
        if not candidate.high_type_accepts_all:
            k = candidate.sellers_above_low
            assert any(len([i for i in s if candidate.prices[i] > game.low_value]) != k for s in brute.high_choices)
            continue
        dev = candidate.best_deviation
        if dev.payoff <= 1e-6:  # a gain this small is below what the brute force resolves
            continue
        price = dev.price - 1e-9 * max(1.0, game.high_value) if dev.kind == "accepted" else dev.price
        price = game.high_value + 10 if math.isinf(price) else price
        trial = list(candidate.prices)
        trial[dev.seller] = price
        gain = brute_force_outcome(game, trial).seller_payoffs[dev.seller] - brute.seller_payoffs[dev.seller]
        assert gain == pytest.approx(dev.payoff, abs=1e-7)


def test_brute_force_on_four_sellers() -> None:
    """N = 4, both regimes, the verifier over a 101-point grid."""
    for args in [(4, 0.8, 1.0, 0.5, 0.9, 0.5), (4, 0.3, 1.0, 0.5, 0.9, 0.7), (4, 0.7, 1.0, 0.3, 0.8, 0.3)]:
        solution = solve_transparency(*args)
        for equilibrium in solution.equilibria:
            check = verify_profile(solution.game, equilibrium.outcome.prices, grid=101)
            assert check.best_gain <= 1e-8
            assert check.rejects_all_after_raise == equilibrium.rejects_all_after_raise


# ---- the structure of the buyer's problem --------------------------------------------------------


@given(games(max_sellers=12))
def test_reputation_cost_is_concave_and_increasing(game) -> None:  # noqa: ANN001
    """C(a+1) − C(a) = D(1−ρ)^a[1 + ρ(N−a−1)] (independent) is non-negative and non-increasing."""
    costs = [reputation_cost(a, game) for a in range(game.sellers + 1)]
    steps = [b - a for a, b in zip(costs, costs[1:])]
    assert all(s >= -TOL for s in steps)
    assert all(b <= a + TOL for a, b in zip(steps, steps[1:]))
    if game.observation == "independent" and game.prior_high < 1:
        d, rho, n = game.discount * (game.high_value - game.low_value), game.transparency, game.sellers
        for a, s in enumerate(steps):
            assert s == pytest.approx(d * (1 - rho) ** a * (1 + rho * (n - a - 1)), abs=1e-12)


@given(games(max_sellers=6), st.floats(0.0, 1.0))
def test_equal_prices_are_accepted_all_or_nothing(game, fraction) -> None:  # noqa: ANN001
    """U(a) = a(h − p) − C(a) is convex in a for equal prices: the high type takes all or none."""
    price = game.low_value + fraction * (game.high_value - game.low_value) + 1e-9
    choice = high_type_choice([price] * game.sellers, game)
    assert choice.purchases in (0, game.sellers)


def test_notes_claim_fails_for_unequal_prices() -> None:
    """A cheap offer is accepted and a dear one rejected: the claim is about equilibria only."""
    game = transparency_game(2, 0.8, 1.0, 0.5, 0.2, 0.5)  # D = 0.1, C(1) = 0.15, C(2) = 0.2
    choice = high_type_choice([0.6, 0.99], game)  # {1}: 0.4 - 0.15 = 0.25 > {1, 2}: 0.41 - 0.2
    assert choice.acceptance == (1.0, 0.0)


# ---- results in closed form (docs/transparency.md) ------------------------------------------------


@settings(max_examples=40, deadline=None)
@given(games(max_sellers=8))
# δ = 1: the separating price h − δ(h − l) is l itself (found by hypothesis; the claim needs δ < 1)
@example(transparency_game(1, 0.5, 1.0, 0.0, 1.0, 0.0))
# δ = 1 − 2⁻⁵³: a premium (1 − δ)(h − l) = 1.1e-16 over l, below the solver's price resolution
@example(transparency_game(1, 0.5, 1.0, 0.0, 0.9999999999999999, 0.0))
# just above the resolution: full separation at l + 1e-9
@example(transparency_game(3, 0.5, 1.0, 0.0, 1.0 - 1e-9, 0.5))
def test_full_separation_when_mu_h_above_l(game) -> None:  # noqa: ANN001
    """μh > l and δ < 1: k = N at p = h − δ(h − l) is a PBE for every ρ; seller payoff μh + δl.

    The separating price exceeds l by (1 − δ)(h − l), which vanishes at δ = 1: there the high type
    cannot be made to pay above l, the profile is pooling at l and no profile of the class is perfect
    Bayesian (a seller that learned nothing has posterior μ > l/h). The solver resolves prices to
    TRANSPARENCY_TIE_TOL (a price within it of l is l), so a premium at most that behaves as δ = 1.
    """
    assume(game.prior_high * game.high_value > game.low_value + 1e-6 and game.prior_high < 1)
    assume(game.discount > 1e-6)
    solution = solve_transparency(**game.to_dict())
    h, low, delta, mu = game.high_value, game.low_value, game.discount, game.prior_high
    if h - delta * (h - low) <= low + TRANSPARENCY_TIE_TOL:  # δ = 1, up to the price resolution
        assert not solution.perfect_bayesian
        assert [e.sellers_above_low for e in solution.equilibria] == [0]
        return
    full = [e for e in solution.perfect_bayesian if e.sellers_above_low == game.sellers]
    assert len(full) == 1
    assert full[0].price_above_low == pytest.approx(h - delta * (h - low), abs=1e-12)
    assert full[0].outcome.seller_payoffs[0] == pytest.approx(mu * h + delta * low, abs=1e-12)
    assert full[0].outcome.buyer_high_payoff == pytest.approx(game.sellers * delta * (h - low), abs=1e-12)


@settings(max_examples=40, deadline=None)
@given(games(max_sellers=8))
def test_pooling_when_mu_h_at_most_l(game) -> None:  # noqa: ANN001
    """μh ≤ l: pooling at l is a PBE; it is the only equilibrium of the class."""
    assume(game.prior_high * game.high_value < game.low_value - 1e-9)
    solution = solve_transparency(**game.to_dict())
    assert [e.sellers_above_low for e in solution.equilibria] == [0]
    assert solution.equilibria[0].perfect_bayesian
    assert solution.equilibria[0].outcome.seller_payoffs[0] == pytest.approx(game.low_value * (1 + game.discount))


@settings(max_examples=40, deadline=None)
@given(games(max_sellers=8))
def test_pooling_condition_when_mu_h_above_l(game) -> None:  # noqa: ANN001
    """μh > l, notes' game: pooling at l is an equilibrium iff μ(h − Dρ(N−1)) ≤ l or no price above l
    is accepted, h − D(1 + ρ(N−1)) ≤ l (independent observation; a deviation reveals to ρ(N−1))."""
    assume(game.observation == "independent" and 0 < game.prior_high < 1)
    mu, h, low, n, rho = game.prior_high, game.high_value, game.low_value, game.sellers, game.transparency
    assume(mu * h > low + 1e-6)
    d = game.discount * (h - low)
    margin_gain, margin_price = mu * (h - d * rho * (n - 1)) - low, h - d * (1 + rho * (n - 1)) - low
    assume(abs(margin_gain) > 1e-6 and abs(margin_price) > 1e-6)
    pooling = any(e.sellers_above_low == 0 for e in solve_transparency(**game.to_dict()).equilibria)
    assert pooling == (margin_gain <= 0 or margin_price <= 0)


def test_transparency_sustains_pooling_in_the_notes_game() -> None:
    """N = 4, μ = 0.6, h = 1, l = 0.5, δ = 0.3 (D = 0.15): pooling needs ρ ≥ (μh − l)/(μD(N − 1))
    = 0.1/0.27 = 0.3704 (while a deviation price above l exists: δ(1 + 3ρ) < 1)."""
    below = solve_transparency(4, 0.6, 1, 0.5, 0.3, 0.36)
    above = solve_transparency(4, 0.6, 1, 0.5, 0.3, 0.38)
    assert [e.sellers_above_low for e in below.equilibria] == [4]
    assert [e.sellers_above_low for e in above.equilibria] == [0, 4]
    assert not above.equilibria[0].perfect_bayesian


# ---- limiting cases ----------------------------------------------------------------------------


@settings(max_examples=30, deadline=None)
@given(games(max_sellers=6))
def test_opacity_makes_sellers_independent(game) -> None:  # noqa: ANN001
    """ρ = 0: each seller faces the one-seller game; prices and payoffs equal those of N = 1."""
    params = {**game.to_dict(), "transparency": 0.0}
    many = solve_transparency(**params)
    one = solve_transparency(**{**params, "sellers": 1})
    one_prices = sorted(e.outcome.prices[0] for e in one.equilibria)
    full = [e for e in many.equilibria if e.sellers_above_low in (0, game.sellers)]
    assert sorted(e.outcome.prices[0] for e in full) == pytest.approx(one_prices)
    for e in full:
        match = next(o for o in one.equilibria if o.outcome.prices[0] == pytest.approx(e.outcome.prices[0]))
        assert e.outcome.seller_payoffs[0] == pytest.approx(match.outcome.seller_payoffs[0])
        assert e.outcome.buyer_high_payoff == pytest.approx(game.sellers * match.outcome.buyer_high_payoff)


@given(games(max_sellers=1), st.floats(0.0, 1.0))
def test_one_seller_ignores_transparency(game, rho) -> None:  # noqa: ANN001
    a = solve_transparency(**{**game.to_dict(), "transparency": rho})
    b = solve_transparency(**{**game.to_dict(), "transparency": 0.0})
    assert [e.outcome.seller_payoffs for e in a.equilibria] == [e.outcome.seller_payoffs for e in b.equilibria]


def test_known_types() -> None:
    """μ = 1: every seller asks h in both periods; μ = 0: everyone at l."""
    certain = solve_transparency(3, 1.0, 2.0, 0.5, 0.9, 0.5)
    assert [e.sellers_above_low for e in certain.equilibria] == [3]
    e = certain.equilibria[0]
    assert e.perfect_bayesian and e.outcome.prices == (2.0, 2.0, 2.0)
    assert e.outcome.seller_payoffs[0] == pytest.approx(2.0 * 1.9) and e.outcome.buyer_high_payoff == 0
    low = solve_transparency(3, 0.0, 2.0, 0.5, 0.9, 0.5)
    assert [e.sellers_above_low for e in low.equilibria] == [0]
    assert low.equilibria[0].outcome.seller_payoffs[0] == pytest.approx(0.5 * 1.9)


def test_zero_low_value() -> None:
    """l = 0: full separation at h(1 − δ); the seller earns μh, the low type's units are worth 0."""
    solution = solve_transparency(3, 0.8, 1.0, 0.0, 0.9, 0.5)
    full = [e for e in solution.perfect_bayesian if e.sellers_above_low == 3][0]
    assert full.price_above_low == pytest.approx(0.1)
    assert full.outcome.seller_payoffs[0] == pytest.approx(0.8)
    assert full.outcome.welfare == pytest.approx(full.outcome.efficient_welfare)


def test_market_and_independent_observation_agree_for_two_sellers() -> None:
    """With one other seller, 'each pair' and 'the whole market' are the same draw."""
    a = solve_transparency(2, 0.8, 1, 0.4, 0.8, 0.6, "independent").to_dict()
    b = solve_transparency(2, 0.8, 1, 0.4, 0.8, 0.6, "market").to_dict()
    assert a["equilibria"] == b["equilibria"]


# ---- the notes' claim and the passive benchmark --------------------------------------------------


@settings(max_examples=30, deadline=None)
@given(games(max_sellers=8))
def test_raising_one_price_loses_every_above_l_sale(game) -> None:  # noqa: ANN001
    """Notes: 'if the buyer rejects their offer, it will also reject all the other offers' — true at
    full separation for ρ > 0 (N ≥ 2); at ρ = 0 the others stay accepted."""
    assume(game.sellers >= 2 and 0 < game.prior_high < 1 and game.discount > 1e-3)
    assume(game.transparency == 0 or game.transparency > 1e-6)  # below, the loss is within the tie tolerance
    for e in solve_transparency(**game.to_dict()).equilibria:
        if e.sellers_above_low == game.sellers:
            assert e.rejects_all_after_raise == (game.transparency > 0)


def test_passive_beliefs_overstate_prices_and_trade() -> None:
    """Passive price h − D(1−ρ)^(N−1) = 0.8875 vs the equilibrium 0.55; at it the high type rejects all."""
    solution = solve_transparency(3, 0.8, 1, 0.5, 0.9, 0.5)
    passive = [p for p in solution.passive if p.sellers_above_low == 3][0]
    assert passive.price_above_low == pytest.approx(1 - 0.45 * 0.25)
    assert passive.actual.high_purchases_above_low == 0
    assert passive.predicted_buyer_high_payoff == pytest.approx(3 * 0.45 * 0.25)


@settings(max_examples=30, deadline=None)
@given(games(max_sellers=4))
def test_passive_prices_are_bilaterally_stable_but_not_jointly(game) -> None:  # noqa: ANN001
    """At the passive full-separation prices each deal survives alone (the high type is indifferent
    about any one offer, the others fixed), by brute force; jointly the high type prefers to reject
    all of them when ρ > 0 and N ≥ 2."""
    assume(game.prior_high < 1 and game.discount > 1e-3 and (game.transparency == 0 or game.transparency > 1e-4))
    n, h = game.sellers, game.high_value
    price = h - (reputation_cost(n, game) - reputation_cost(n - 1, game))
    assume(price > game.low_value + 1e-6)
    prices = [price] * n
    everyone = frozenset(range(n))
    together = buyer_value(game, prices, everyone, h)
    for i in range(n):
        assert together == pytest.approx(buyer_value(game, prices, everyone - {i}, h), abs=1e-9)
    alone = buyer_value(game, prices, frozenset(), h)
    if n >= 2 and game.transparency > 0:
        assert alone > together + 1e-12
    else:
        assert alone <= together + 1e-9


def test_documented_example() -> None:
    """N = 3, μ = 0.8, h = 1, l = 0.5, δ = 0.9, ρ = 0.5 (docs/transparency.md)."""
    solution = solve_transparency(3, 0.8, 1, 0.5, 0.9, 0.5)
    assert [(e.sellers_above_low, e.perfect_bayesian) for e in solution.equilibria] == [(0, False), (3, True)]
    full = solution.equilibria[1].outcome
    assert full.seller_payoffs == pytest.approx((1.25,) * 3)
    assert full.buyer_high_payoff == pytest.approx(1.35)
    assert full.average_price_high == pytest.approx((3 * 0.55 + 3 * 1.0) / 6)
    assert full.welfare == pytest.approx(4.83)


# ---- inputs --------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("kwargs", "key"),
    [
        ({"sellers": 0}, "sellers"),
        ({"sellers": MAX_SELLERS + 1}, "sellers"),
        ({"sellers": 2.5}, "sellers"),
        ({"sellers": True}, "sellers"),
        ({"prior_high": 1.5}, "prior_high"),
        ({"prior_high": math.nan}, "prior_high"),
        ({"low_value": 1.0}, "low_value"),
        ({"low_value": -0.1}, "low_value"),
        ({"high_value": 0.0}, "high_value"),
        ({"discount": -0.1}, "discount"),
        ({"transparency": 2}, "transparency"),
        ({"observation": "gossip"}, "observation"),
    ],
)
def test_invalid_inputs_name_the_parameter(kwargs, key) -> None:  # noqa: ANN001
    params = {
        "sellers": 3,
        "prior_high": 0.5,
        "high_value": 1.0,
        "low_value": 0.5,
        "discount": 0.9,
        "transparency": 0.5,
    }
    with pytest.raises(InvalidParameterError) as info:
        solve_transparency(**{**params, **kwargs})
    assert info.value.key == key
