"""The command-line contract, tested on invocations generated from the argparse tree.

A new subcommand is covered without a test of its own: its help example must run, and the
malformed variants of that example (``cli_fuzz.invocations``) must keep the contract. The
default run takes a fixed sample per command; ``-m slow`` runs every generated invocation.
"""

from __future__ import annotations

import pytest

from tests.contract import cli_fuzz

#: Commands that start a server or need a file the harness cannot invent; tested elsewhere.
NOT_FUZZED = {"app"}

#: Invocations per command in the default run (the first is the help example).
SAMPLE = 24

#: Commands whose valid runs take a minute (a whole paper): the default run tries only their
#: failing variants; their examples run in tests/reproduce and in the slow campaign.
HEAVY = ("reproduce ",)

COMMANDS = sorted(name for name in cli_fuzz.leaf_commands() if name not in NOT_FUZZED)


@pytest.mark.parametrize("command", COMMANDS)
def test_every_command_has_an_example_that_runs(command):
    parser = cli_fuzz.leaf_commands()[command]
    argv = cli_fuzz.example_argv(command, parser)
    assert argv is not None, f"'bargainlab {command} --help' has no 'example: bargainlab ...' line"
    assert argv[: len(command.split())] == command.split(), f"the example of {command} runs another command"
    if any(arg in cli_fuzz.NEEDS_INPUT_FILE for arg in argv):
        pytest.skip("the example reads a user's file")
    if command.startswith(HEAVY) and command != "reproduce cramton":
        pytest.skip("a whole paper: run by tests/reproduce/test_reproduce_all.py")
    outcome = cli_fuzz.run(cli_fuzz.Invocation(command, tuple(argv), "example"))
    assert outcome.code == 0 and not outcome.violation, outcome.err


@pytest.mark.parametrize("command", COMMANDS)
def test_malformed_invocations_keep_the_contract(command):
    parser = cli_fuzz.leaf_commands()[command]
    cases = list(cli_fuzz.invocations(command, parser))
    assert len(cases) >= 3
    if command.startswith(HEAVY):  # only the variants that must fail fast
        cases = [c for c in cases if c.case != "example" and c.case != "--out='.'" and "-0.0" not in c.case]
    step = max(1, len(cases) // SAMPLE)
    violations = [o for o in map(cli_fuzz.run, cases[::step]) if o.violation]
    assert violations == [], [(o.invocation.case, o.violation, o.err.strip()[:200]) for o in violations]


@pytest.mark.slow
@pytest.mark.parametrize("command", COMMANDS)
def test_every_generated_invocation_keeps_the_contract(command):
    parser = cli_fuzz.leaf_commands()[command]
    violations = [o for o in map(cli_fuzz.run, cli_fuzz.invocations(command, parser)) if o.violation]
    assert violations == [], [(o.invocation.case, o.violation, o.err.strip()[:200]) for o in violations]


def test_the_judge_catches_each_kind_of_violation():
    assert cli_fuzz.judge(0, "", ()) == ""
    assert cli_fuzz.judge(2, "bargainlab: error: --beta must be a number in [0, 1]; got 7\n", ()) == ""
    assert cli_fuzz.judge(3, "", ()) == "exit code 3"
    assert cli_fuzz.judge(1, "Traceback (most recent call last):\n", ()) == "traceback on stderr"
    assert cli_fuzz.judge(2, "warning: x\nbargainlab: error: --beta bad\n", ()) == "2 lines on stderr"
    assert cli_fuzz.judge(2, "bargainlab: error: --out bad\n", ("x.png",)) == "bad input but wrote ['x.png']"
    assert cli_fuzz.judge(1, "bargainlab: error: internal error (KeyError: 1)\n", ()) == "internal error"
    assert (
        cli_fuzz.judge(2, "bargainlab: error: something is wrong\n", ()) == "bad input but the message names no option"
    )
