"""The α-random property-rights menu Y_{α,p*} (Pęski 2022, slide "Preliminaries").

For a share α ∈ [0, 1] and Bob's optimal price p* (>= v), Alice chooses from three options:

1. Bob gets the good and Alice receives the transfer α v;
2. Alice gets the good with probability α (no transfer);
3. Alice gets the good and pays (1 - α) p*.

Type u's best choice gives her

    y*_α(u; F) = α max(u, v) + (1 - α) max(u - p*, 0),

and Bob (who keeps the good when Alice does not get it) gets in expectation

    Π*_α(F) = (1 - α) [v F(p*) + p* (1 - F(p*))] = (1 - α) R(p*).

Both are affine in α: the menu is "with probability α Alice owns the good (and sells it to Bob
at v when u < v), with probability 1 - α Bob owns it and sells at p*". m*_α(F), the best
mechanism for Bob subject to every type of Alice getting at least α max(u, v), is this menu
(checked against a linear program in ``tests/models/one_sided/test_lp.py``).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import ClassVar

import numpy as np
from numpy.typing import ArrayLike

from bargainlab.core.inputs import number, probability, probability_grid
from bargainlab.core.result import Result
from bargainlab.errors import InvalidParameterError
from bargainlab.models.complete_info import broadcast, number_array

__all__ = ["MenuOption", "PropertyRightsMenu", "property_rights_menu", "alice_menu_payoff"]


@dataclass(frozen=True)
class MenuOption:
    """One item of a menu: Alice gets the good with probability ``alice_gets`` and receives
    ``transfer_to_alice`` (negative: she pays); Bob gets the good otherwise."""

    label: str
    alice_gets: float
    transfer_to_alice: float

    def alice_payoff(self, u: ArrayLike) -> np.ndarray:
        """q u + t for Alice's value(s) u."""
        return self.alice_gets * np.asarray(u, dtype=float) + self.transfer_to_alice

    def bob_payoff(self, value_bob: float) -> float:
        """(1 - q) v - t."""
        return (1.0 - self.alice_gets) * value_bob - self.transfer_to_alice


@dataclass(frozen=True, repr=False)
class PropertyRightsMenu(Result):
    """The menu Y_{α,p}: α-random property rights with Bob's price p (a mechanism; its table
    (:meth:`to_frame`) has one row per option).

    Attributes
    ----------
    share
        α, the probability that Alice owns the good.
    price
        Bob's selling price p (p* in equilibrium); p >= v is required.
    value_bob
        Bob's value v.
    options
        The three :class:`MenuOption` items, in the order of the slides.
    """

    model: ClassVar[str] = "one-sided"
    method: ClassVar[str] = "closed_form"
    hidden_fields: ClassVar[tuple[str, ...]] = ("share", "price", "value_bob")

    share: float
    price: float
    value_bob: float
    options: tuple[MenuOption, MenuOption, MenuOption]

    @property
    def parameters(self) -> dict[str, float]:
        """The inputs under their Python names."""
        return {"share": self.share, "price": self.price, "value_bob": self.value_bob}

    def _frame_columns(self) -> Mapping[str, list[object]]:
        return {
            "option": [option.label for option in self.options],
            "alice_gets": [option.alice_gets for option in self.options],
            "transfer_to_alice": [option.transfer_to_alice for option in self.options],
        }

    def choice(self, u: ArrayLike) -> np.ndarray:
        """Index (0, 1, 2) of the option type u chooses.

        Ties are broken towards the later option, which Bob weakly prefers (he gets (1 - α) v
        from options 0 and 1 and (1 - α) p >= (1 - α) v from option 2): the buyer accepts when
        indifferent, as in the monopoly price (a null event for a continuous F, but it matters for
        discrete types).
        """
        payoffs = np.stack([option.alice_payoff(u) for option in self.options])
        tol = 1e-12 * (1.0 + np.abs(payoffs).max(axis=0))
        best = payoffs >= payoffs.max(axis=0) - tol
        return len(self.options) - 1 - np.argmax(best[::-1], axis=0)

    def alice_payoff(self, u: ArrayLike) -> np.ndarray:
        """y*_α(u) = α max(u, v) + (1 - α) max(u - p, 0), the payoff of type u's best option."""
        return menu_payoff(u, self.value_bob, self.price, self.share)

    def allocation(self, u: ArrayLike) -> np.ndarray:
        """Probability that type u gets the good under her chosen option."""
        gets = np.array([option.alice_gets for option in self.options])
        return gets[self.choice(u)]


def property_rights_menu(share: float, price: float, value_bob: float) -> PropertyRightsMenu:
    """The three-item menu Y_{α,p} of the slides.

    Parameters
    ----------
    share
        α ∈ [0, 1].
    price
        The price p.
    value_bob
        Bob's value v.

    Returns
    -------
    PropertyRightsMenu
        The menu's three items (probability of keeping the good, payment) and Alice's payoff from it.

    Examples
    --------
    >>> menu = property_rights_menu(0.5, 0.6, 0.2)
    >>> [round(float(y), 12) for y in menu.alice_payoff([0.1, 0.4, 0.8])]
    [0.1, 0.2, 0.5]
    """
    share = probability(share, "share", label="share (α)")
    price = number(price, "price")
    value_bob = number(value_bob, "value_bob", label="value_bob (v)")
    if price < value_bob:
        raise InvalidParameterError("price", price, f"at least Bob's value v = {value_bob:g}")
    return PropertyRightsMenu(
        share=float(share),
        price=float(price),
        value_bob=float(value_bob),
        options=(
            MenuOption("Bob gets the good, Alice receives α v", 0.0, share * value_bob),
            MenuOption("Alice gets the good with probability α", share, 0.0),
            MenuOption("Alice gets the good and pays (1 - α) p", 1.0, -(1.0 - share) * price),
        ),
    )


def alice_menu_payoff(u: ArrayLike, value_bob: float, price: float, share: ArrayLike) -> np.ndarray:
    """y*_α(u) = α max(u, v) + (1 - α) max(u - p, 0), vectorised over u and α.

    Parameters
    ----------
    u
        Alice's values (a number or an array).
    value_bob
        Bob's value v.
    price
        The menu's price p.
    share
        α ∈ [0, 1], the weight of the item ``max(u, v)`` (broadcast against ``u``).

    Returns
    -------
    numpy.ndarray
        y*_α(u), Alice's payoff from her best choice in the menu Y_{α,p}.

    Examples
    --------
    >>> [round(float(y), 12) for y in alice_menu_payoff(u=[0.1, 0.4, 0.8], value_bob=0.2, price=0.6, share=0.5)]
    [0.1, 0.2, 0.5]
    """
    values = number_array(u, "u")
    v = number(value_bob, "value_bob", label="value_bob (v)")
    p = number(price, "price")
    alpha = probability_grid(share, "share", label="share (α)")
    broadcast("share", values, alpha)
    return menu_payoff(values, v, p, alpha)


def menu_payoff(u: ArrayLike, value_bob: float, price: float, share: ArrayLike) -> np.ndarray:
    """:func:`alice_menu_payoff` without reading its inputs (the models' inner loops)."""
    u = np.asarray(u, dtype=float)
    alpha = np.asarray(share, dtype=float)
    return alpha * np.maximum(u, value_bob) + (1.0 - alpha) * np.maximum(u - price, 0.0)
