"""Every figure's data speaks the vocabulary: generated from the argparse tree of ``bargainlab plot``.

For every ``plot`` command the test runs its help example (``example: bargainlab plot ...``) once
per kind (the choices of its positional argument), once per choice of each option with choices
(``--moving p1``, ``--vary 2``, ...) and, where the command has ``--delta``, at δ < 1; it records
every :class:`~bargainlab.viz.figure.FigureData` written and checks each column name and metadata
key against ``docs/architecture.md`` (:mod:`tests.vocabulary`): a parameter's column is named by
its key (``bargaining_power``, not ``beta``), anything else is a documented derived quantity. A
new plot command or kind is covered without a test of its own. The CSV files of ``reproduce all``
are checked in ``tests/reproduce/test_reproduce_all.py``.
"""

from __future__ import annotations

import argparse
from collections.abc import Iterator
from pathlib import Path

import pytest

from bargainlab.cli.main import main
from bargainlab.viz import figure as figure_module
from tests import vocabulary
from tests.contract import cli_fuzz

#: Small sizes that keep every run fast (tried in order; a kind that refuses one runs without it).
SMALL = (("--resolution", "5"), ("--points", "5"))
#: δ of the run below 1 (two-sided figures then mark their δ → 1 limit columns ``_limit``).
FINITE_DELTA = "0.9"
#: Option values that change the columns but are not argparse choices (checked by the command itself).
EXTRA_VALUES = {"plot two-sided": (("--vary", "1"), ("--vary", "2"))}


def plot_commands() -> dict[str, argparse.ArgumentParser]:
    """Every ``plot`` leaf command's parser, by name."""
    return {name: parser for name, parser in cli_fuzz.leaf_commands().items() if name.startswith("plot ")}


def _without_outputs(argv: list[str]) -> list[str]:
    return [arg for k, arg in enumerate(argv) if arg != "--out" and not (k and argv[k - 1] == "--out")]


def _set(argv: list[str], option: str, value: str) -> list[str]:
    """``argv`` with ``option`` given ``value`` (replaced if present)."""
    if option in argv:
        at = argv.index(option)
        return argv[: at + 1] + [value] + argv[at + 2 :]
    return argv + [option, value]


def variants(command: str, parser: argparse.ArgumentParser) -> Iterator[tuple[str, list[str]]]:
    """(case, argv without ``--out``) of every run of ``command``: per kind, per option choice, at δ < 1."""
    example = cli_fuzz.example_argv(command, parser)
    assert example is not None, f"'bargainlab {command} --help' has no example"
    base = _without_outputs(example)
    depth = len(command.split())
    positional = [a for a in parser._actions if not a.option_strings and a.choices]
    kinds = [str(kind) for kind in positional[0].choices] if positional else [None]
    choices = [
        (action.option_strings[0], [str(c) for c in action.choices])
        for action in parser._actions
        if action.option_strings and action.choices
    ]
    choices += [(option, [value]) for option, value in EXTRA_VALUES.get(command, ())]
    has_delta = any("--delta" in action.option_strings for action in parser._actions)
    for kind in kinds:
        argv = list(base) if kind is None else base[:depth] + [kind] + base[depth + 1 :]
        yield f"{kind}", argv
        for option, values in choices:
            for value in values:
                yield f"{kind} {option} {value}", _set(argv, option, value)
        if has_delta:
            yield f"{kind} --delta {FINITE_DELTA}", _set(argv, "--delta", FINITE_DELTA)


def written_figures(argv: list[str], folder: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[int, list]:
    """Run ``bargainlab *argv --out folder/data.csv`` (small sizes where accepted); the exit code and the
    FigureData written."""
    seen: list = []
    original = figure_module.FigureData.to_bytes

    def record(self, suffix, name=None):  # noqa: ANN001, ANN202
        seen.append(self)
        return original(self, suffix, name)

    monkeypatch.setattr(figure_module.FigureData, "to_bytes", record)
    out = ["--out", str(folder / "data.csv")]
    options = {o for o, _ in SMALL}
    for small in ([a for pair in SMALL for a in pair], *[list(pair) for pair in SMALL], []):
        if any(o in argv for o in options & set(small)):
            continue
        seen.clear()
        code = main([*argv, *small, *out])
        if code == 0:
            return code, list(seen)
    return code, list(seen)


@pytest.mark.parametrize("command", sorted(plot_commands()))
def test_every_column_and_metadata_key_is_a_vocabulary_key_or_a_derived_quantity(
    command, tmp_path, monkeypatch, capsys
):
    parser = plot_commands()[command]
    checked = 0
    for case, argv in variants(command, parser):
        code, figures = written_figures(argv, tmp_path, monkeypatch)
        capsys.readouterr()
        if case.split(" ")[0] == case or case == "None":  # each kind's own run must succeed
            assert code == 0, f"bargainlab {' '.join(argv)} failed"
        if code != 0:
            continue  # an option that this kind refuses (the contract tests check the message)
        assert figures, f"bargainlab {' '.join(argv)} wrote no figure data"
        for data in figures:
            unknown = vocabulary.unknown_names(data.columns, data.metadata)
            assert not unknown, (
                f"{command} ({case}): {unknown} are neither vocabulary keys nor derived quantities of "
                "docs/architecture.md ('Data columns'); rename them to the key or add a row"
            )
            checked += 1
    assert checked


def test_the_check_catches_the_symbols_and_accepts_the_keys():
    """The guard itself: the command line's symbols fail, the keys and the documented templates pass."""
    assert vocabulary.unknown_names(["beta", "delta", "p1", "prior_high1", "bargaining_power"]) == [
        "beta",
        "delta",
        "p1",
        "prior_high1",
    ]
    assert vocabulary.unknown_names(
        ["discount", "prior2", "gap_limit", "u1(0.5)_min_limit", "a2_u1_h1", "pbe_welfare"],
        {"parameters": {"bargaining_power": 0.5}, "holds_at": {"gap_limit": "delta_to_1_limit", "delta": "x"}},
    ) == ["delta"]
    assert {"bargaining_power", "discount", "prior1", "values1"} <= vocabulary.vocabulary_keys()


def test_the_app_only_gap_line_speaks_the_vocabulary():
    """The author views' LP Gap line (the app's view for more than two types) names its columns by the keys."""
    from bargainlab.core.environment import two_sided_environment
    from bargainlab.viz.author_views import gap_line

    env = two_sided_environment([0, 0.4, 0.8], [0.3, 1], [0.3, 0.3, 0.4], 0.6, 0.5)
    for moving in (1, 2):
        data = gap_line(env, moving, points=3)
        assert data.axis == f"prior{moving}" and f"prior{3 - moving}" in data.metadata
        assert not vocabulary.unknown_names(data.columns, data.metadata)
