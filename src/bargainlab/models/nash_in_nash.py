"""Nash-in-Nash for a network of bilateral agreements (Horn and Wolinsky 1988; lecture notes,
"Nash-in-Nash").

Agents are linked by a set G of potential bilateral agreements. For an agreement ij, Δπ_i(G, ij)
= π_i(G) - π_i(G \\ ij) is what agent i gains from it given that all other agreements are
reached. Under the gains-from-trade assumption Δπ_i + Δπ_j > 0 every agreement is reached, and
the transfer from j to i is the bilateral generalised Nash solution with bargaining weights
b_i, b_j,

    p_ij = (b_i Δπ_j - b_j Δπ_i) / (b_i + b_j)  =  argmax_p (Δπ_i + p)^{b_i} (Δπ_j - p)^{b_j},

so that i nets b_i/(b_i + b_j) of the joint gain Δπ_i + Δπ_j and j the rest ("passive beliefs":
each pair bargains as if every other agreement were in place).
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, ClassVar

from bargainlab.core.inputs import number
from bargainlab.core.result import Result
from bargainlab.errors import InvalidParameterError

__all__ = ["Agreement", "AgreementOutcome", "NashInNashOutcome", "nash_in_nash", "load_network"]


@dataclass(frozen=True)
class Agreement:
    """A potential bilateral agreement between agents ``first`` (i) and ``second`` (j).

    Attributes
    ----------
    first, second
        Agent names.
    gain_first, gain_second
        Δπ_i(G, ij) and Δπ_j(G, ij).
    weight_first, weight_second
        Bargaining weights b_i, b_j for this pair (``None``: the agents' weights).
    """

    first: str
    second: str
    gain_first: float
    gain_second: float
    weight_first: float | None = None
    weight_second: float | None = None


@dataclass(frozen=True, repr=False)
class AgreementOutcome(Result):
    """The bilateral Nash solution of one agreement: ``transfer`` p_ij from second to first.

    Its ``parameters`` are the agreement as written in a network file (``between``, ``gains``,
    ``weights``).
    """

    model: ClassVar[str] = "nash-in-nash"
    method: ClassVar[str] = "closed_form"
    hidden_fields: ClassVar[tuple[str, ...]] = ("first", "second", "weights", "gains")

    first: str
    second: str
    weights: tuple[float, float]
    gains: tuple[float, float]
    transfer: float
    net_gains: tuple[float, float]
    nash_product: float

    @property
    def parameters(self) -> dict[str, list[Any]]:
        """The agreement: the two agents, their gains Δπ and weights b."""
        return {"between": [self.first, self.second], "gains": list(self.gains), "weights": list(self.weights)}


@dataclass(frozen=True, repr=False)
class NashInNashOutcome(Result):
    """Nash-in-Nash transfers of every agreement and each agent's totals.

    Attributes
    ----------
    agreements
        One :class:`AgreementOutcome` per agreement, in input order.
    transfers
        Each agent's net transfer received (sum over its agreements).
    payoffs
        π_i(G) + transfers, for agents whose π_i(G) was given.
    method
        ``"closed_form"``.
    weights, base_payoffs
        The inputs: the agents' bargaining weights and π_i(G) as given.
    """

    model: ClassVar[str] = "nash-in-nash"
    hidden_fields: ClassVar[tuple[str, ...]] = ("weights", "base_payoffs")

    agreements: tuple[AgreementOutcome, ...]
    transfers: Mapping[str, float]
    payoffs: Mapping[str, float]
    method: str = "closed_form"
    weights: Mapping[str, float] = field(default_factory=dict)
    base_payoffs: Mapping[str, float] = field(default_factory=dict)

    @property
    def parameters(self) -> dict[str, Any]:
        """The network as in a network file: weights, payoffs π_i(G) and agreements."""
        return {
            "weights": dict(self.weights),
            "payoffs": dict(self.base_payoffs),
            "agreements": [agreement.parameters for agreement in self.agreements],
        }

    def _frame_columns(self) -> dict[str, list[Any]]:
        return {
            "first": [a.first for a in self.agreements],
            "second": [a.second for a in self.agreements],
            "transfer": [a.transfer for a in self.agreements],
            "net_gain_first": [a.net_gains[0] for a in self.agreements],
            "net_gain_second": [a.net_gains[1] for a in self.agreements],
        }


def _weight(label: str, value: Any) -> float:
    weight = number(value, "weights", label=label)
    if weight < 0:
        raise InvalidParameterError("weights", weight, "a non-negative bargaining weight", label=label)
    return weight


def nash_in_nash(
    agreements: Sequence[Agreement],
    weights: Mapping[str, float] | None = None,
    payoffs: Mapping[str, float] | None = None,
) -> NashInNashOutcome:
    """Transfers of the Nash-in-Nash solution.

    Parameters
    ----------
    agreements
        The agreements of the network G.
    weights
        Bargaining weight b_i of each agent (default 1 for every agent); an agreement's own
        weights take precedence.
    payoffs
        Optional π_i(G) of agents, to report π_i(G) + transfers.

    Returns
    -------
    NashInNashOutcome
        Each agreement's transfer and net gains, and each agent's total transfer (and payoff when
        ``payoffs`` is given).

    Examples
    --------
    >>> out = nash_in_nash([Agreement("H", "M", 3.0, 1.0)], weights={"H": 1, "M": 3})
    >>> out.agreements[0].transfer   # (1·1 - 3·3)/4: H pays M 2; H nets 1, M nets 3
    -2.0
    """
    if not isinstance(agreements, (list, tuple)) or not all(isinstance(a, Agreement) for a in agreements):
        raise InvalidParameterError("agreements", agreements, "a list of Agreement objects")
    if len(agreements) == 0:
        raise InvalidParameterError("agreements", [], "at least one agreement")
    for key, given in (("weights", weights), ("payoffs", payoffs)):
        if given is not None and not isinstance(given, Mapping):
            raise InvalidParameterError(key, given, "a mapping {agent: number} or None")
    weights = dict(weights or {})
    outcomes = []
    totals: dict[str, float] = {}
    seen: set[frozenset[str]] = set()
    for index, agreement in enumerate(agreements):
        label = f"agreements[{index}]"
        i, j = str(agreement.first), str(agreement.second)
        if i == j:
            raise InvalidParameterError("agreements", [i, j], "two different agents", label=f"{label}.between")
        if frozenset((i, j)) in seen:
            raise InvalidParameterError("agreements", [i, j], "each pair at most once", label=f"{label}.between")
        seen.add(frozenset((i, j)))
        gi = number(agreement.gain_first, "agreements", label=f"{label}.gains[0]")
        gj = number(agreement.gain_second, "agreements", label=f"{label}.gains[1]")
        bi = _weight(
            f"weight of {i}", agreement.weight_first if agreement.weight_first is not None else weights.get(i, 1.0)
        )
        bj = _weight(
            f"weight of {j}", agreement.weight_second if agreement.weight_second is not None else weights.get(j, 1.0)
        )
        if bi + bj <= 0:
            raise InvalidParameterError("agreements", [bi, bj], "weights with a positive sum", label=f"{label}.weights")
        if gi + gj <= 0:
            raise InvalidParameterError(
                "agreements",
                [gi, gj],
                "gains from trade: Δπ_i + Δπ_j > 0",
                f"agreement {i}-{j} creates no surplus",
                label=f"{label}.gains",
            )
        transfer = (bi * gj - bj * gi) / (bi + bj)
        net = (gi + transfer, gj - transfer)
        product = (net[0] ** (bi / (bi + bj)) if bi else 1.0) * (net[1] ** (bj / (bi + bj)) if bj else 1.0)
        outcomes.append(AgreementOutcome(i, j, (bi, bj), (gi, gj), transfer, net, product))
        totals[i] = totals.get(i, 0.0) + transfer
        totals[j] = totals.get(j, 0.0) - transfer
    payoff_totals = {}
    for name, value in (payoffs or {}).items():
        payoff_totals[str(name)] = number(value, "payoffs", label=f"payoffs[{name}]") + totals.get(str(name), 0.0)
    given_weights = {str(name): _weight(f"weight of {name}", value) for name, value in weights.items()}
    given_payoffs = {str(name): float(value) for name, value in (payoffs or {}).items()}
    return NashInNashOutcome(tuple(outcomes), totals, payoff_totals, weights=given_weights, base_payoffs=given_payoffs)


def load_network(source: str | Path | Mapping[str, Any]) -> tuple[list[Agreement], dict[str, float], dict[str, float]]:
    """Read a network: a JSON file (or the parsed object) of the form

    .. code-block:: json

        {"weights": {"H": 1, "M1": 1},
         "payoffs": {"H": 10, "M1": 4},
         "agreements": [{"between": ["H", "M1"], "gains": [3.0, 1.0], "weights": [0.3, 0.7]}]}

    ``weights`` (default 1 each), ``payoffs`` (π_i(G), optional) and an agreement's own
    ``weights`` are optional. Returns (agreements, weights, payoffs).

    Parameters
    ----------
    source
        A path to a JSON file, the JSON text, or the parsed mapping.

    Returns
    -------
    tuple
        (agreements, weights, payoffs): the :class:`Agreement` list and the weights and payoffs by agent.

    Examples
    --------
    >>> agreements, weights, payoffs = load_network({"agreements": [{"between": ["H", "M1"], "gains": [3, 1]}]})
    >>> agreements[0].first, agreements[0].second, weights, payoffs
    ('H', 'M1', {}, {})
    """
    if isinstance(source, Mapping):
        data: Any = source
        where = "network"
    elif not isinstance(source, (str, Path)):
        raise InvalidParameterError("network", source, "a JSON file name or a parsed network (a mapping)")
    else:
        where = str(source)
        try:
            data = json.loads(Path(source).read_text(encoding="utf-8"))
        except FileNotFoundError:
            raise InvalidParameterError("network", where, "an existing JSON file") from None
        except UnicodeDecodeError:
            raise InvalidParameterError("network", where, "a JSON file (UTF-8 text)", "it is not UTF-8 text") from None
        except (OSError, ValueError) as error:  # json.JSONDecodeError is a ValueError
            raise InvalidParameterError("network", where, "a readable JSON file", str(error)) from None
    if not isinstance(data, Mapping) or not isinstance(data.get("agreements"), list):
        raise InvalidParameterError("network", where, 'a JSON object with a list "agreements"')
    weights = data.get("weights") or {}
    payoffs = data.get("payoffs") or {}
    if not isinstance(weights, Mapping) or not isinstance(payoffs, Mapping):
        raise InvalidParameterError("network", where, '"weights" and "payoffs" given as objects {agent: number}')
    agreements = []
    for index, item in enumerate(data["agreements"]):
        label = f"agreements[{index}]"
        if not isinstance(item, Mapping):
            raise InvalidParameterError(
                "network", item, 'an object with "between" and "gains"', label=f"network {label}"
            )
        between, gains = item.get("between"), item.get("gains")
        if not (isinstance(between, list) and len(between) == 2):
            raise InvalidParameterError(
                "network", between, "a list of two agent names", label=f"network {label}.between"
            )
        if not (isinstance(gains, list) and len(gains) == 2):
            raise InvalidParameterError(
                "network", gains, "a list of two numbers [Δπ_i, Δπ_j]", label=f"network {label}.gains"
            )
        pair_weights = item.get("weights")
        if pair_weights is not None and not (isinstance(pair_weights, list) and len(pair_weights) == 2):
            raise InvalidParameterError(
                "network", pair_weights, "a list of two numbers", label=f"network {label}.weights"
            )
        agreements.append(
            Agreement(
                str(between[0]),
                str(between[1]),
                gains[0],
                gains[1],
                None if pair_weights is None else pair_weights[0],
                None if pair_weights is None else pair_weights[1],
            )
        )
    return agreements, {str(k): v for k, v in weights.items()}, {str(k): v for k, v in payoffs.items()}
