"""The shared result base: to_dict from the fields, to_frame, repr, notebook display, renderers."""

from __future__ import annotations

import json
import math
from dataclasses import dataclass
from typing import ClassVar

import numpy as np
import pytest

from bargainlab.core.optimal_face import Interval
from bargainlab.core.result import Result, flatten, render_text, renders, to_jsonable


@dataclass(frozen=True, repr=False)
class Inner(Result):
    model: ClassVar[str] = "inner"
    method: ClassVar[str] = "closed_form"
    x: float

    @property
    def parameters(self):
        return {"x": self.x}


@dataclass(frozen=True, repr=False)
class Outer(Result):
    model: ClassVar[str] = "outer"
    hidden_fields: ClassVar[tuple[str, ...]] = ("secret",)
    extra_fields: ClassVar[tuple[str, ...]] = ("doubled",)
    bargaining_power: float
    payoffs: tuple[float, ...]
    inner: Inner
    interval: Interval
    table: np.ndarray
    secret: str
    method: str = "lp"

    @property
    def parameters(self):
        return {"bargaining_power": self.bargaining_power}

    @property
    def doubled(self):
        return 2 * self.bargaining_power

    def _frame_columns(self):
        return {"type": [0, 1], "payoff": list(self.payoffs)}


def make(**changes):
    data = dict(
        bargaining_power=0.25,
        payoffs=(1.0, np.float64(-0.0)),
        inner=Inner(math.nan),
        interval=Interval(0.1, 0.2, False),
        table=np.array([[1, 2], [3, 4]]),
        secret="s",
    )
    data.update(changes)
    return Outer(**data)


def test_to_dict_is_built_from_fields_common_entries_first_and_json_safe():
    data = make().to_dict()
    assert list(data)[:3] == ["model", "parameters", "method"]
    assert data["model"] == "outer" and data["method"] == "lp"
    assert data["parameters"] == {"bargaining_power": 0.25}
    assert data["payoffs"] == [1.0, 0.0] and math.copysign(1, data["payoffs"][1]) == 1.0
    assert data["inner"] == {"model": "inner", "parameters": {"x": None}, "method": "closed_form", "x": None}
    assert data["interval"] == [0.1, 0.2]
    assert data["table"] == [[1, 2], [3, 4]]
    assert "secret" not in data and data["doubled"] == 0.5
    json.dumps(data, allow_nan=False)


def test_to_frame_uses_the_table_or_one_row():
    pytest.importorskip("pandas")
    frame = make().to_frame()
    assert list(frame.columns) == ["type", "payoff"] and frame["payoff"].tolist() == [1.0, 0.0]
    row = Inner(0.5).to_frame()
    assert row.shape[0] == 1 and row["x"].tolist() == [0.5] and row["parameters.x"].tolist() == [0.5]


def test_repr_is_short_and_display_uses_the_text_report():
    text = repr(make())
    assert text.startswith("<Outer model='outer'") and len(text) < 200
    assert "<pre>" in make()._repr_html_()


def test_registered_renderer_is_the_text_report():
    @dataclass(frozen=True, repr=False)
    class Shown(Result):
        model: ClassVar[str] = "shown"
        value: float

    assert render_text(Shown(1.0)).startswith("Shown (shown)")  # the generic list

    @renders(Shown)
    def _text(result):
        return f"value is {result.value}"

    assert str(Shown(2.0)) == "value is 2.0"
    assert Shown(2.0)._repr_html_() == "<pre>value is 2.0</pre>"


def test_to_jsonable_rejects_unknown_objects_and_flatten_nests():
    with pytest.raises(TypeError):
        to_jsonable(object())
    assert flatten({"a": {"b": {"c": 1}}}) == {"a.b.c": 1}
