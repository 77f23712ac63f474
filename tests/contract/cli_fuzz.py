"""Argument fuzzing generated from the argparse tree: every command is covered without a test of its own.

For every leaf command (``solve two-sided``, ``plot nash``, ...) the harness reads the example in
its help (``example: bargainlab ...``), which must run, and then breaks it one option at a time:
each option's value replaced by malformed text, each required option dropped, an unknown option
added. Every invocation must keep **the contract** (``../shared/DESIGN.md``, "One dialect, one
contract"):

- exit 0, 1 (run-time failure) or 2 (usage, bad input), never anything else;
- on failure, exactly one line on stderr, ``bargainlab: error: ...``, with no traceback, no
  "internal error" and no warning;
- on a bad-input failure, nothing written to the output folder;
- done within :data:`INVOCATION_SECONDS` (sizes that would hang are bounded with an error).

Run ``python -m tests.contract.cli_fuzz`` for the full campaign with a table of violations.
"""

from __future__ import annotations

import argparse
import contextlib
import io
import itertools
import random
import shlex
import signal
import sys
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from bargainlab.cli.main import build_parser, main

#: Seconds one invocation may take before it counts as a hang.
INVOCATION_SECONDS = 30

#: Commands that legitimately compute for longer (whole papers), and their limit in seconds.
SLOW_COMMANDS = {"reproduce": 300}


def seconds_for(command: str) -> int:
    """The time limit of one invocation of ``command``."""
    return max([INVOCATION_SECONDS, *(s for prefix, s in SLOW_COMMANDS.items() if command.startswith(prefix))])


#: Malformed values tried for an option that takes one (text as a user could type it).
MALFORMED = (
    "",
    " ",
    "nan",
    "inf",
    "-inf",
    "-1",
    "0",
    "1e309",
    "99999999999",
    "abc",
    ",",
    "0,,1",
    "1,0",
    "0.5,0.5,0.5,0.5,2",
    "1/0",
    "x" * 300,
    "-0.0",
    "1e-300",
    "0:1:99999999999",
    "é",
)

#: Options whose examples name input files the harness cannot invent; their commands run only
#: with the file replaced by each malformed value (the baseline is skipped).
NEEDS_INPUT_FILE = {"--network"}


@dataclass(frozen=True)
class Invocation:
    """One command line and why it was made."""

    command: str
    argv: tuple[str, ...]
    case: str


@dataclass(frozen=True)
class Outcome:
    invocation: Invocation
    code: int | None
    out: str
    err: str
    wrote: tuple[str, ...]
    violation: str


def leaf_commands(parser: argparse.ArgumentParser | None = None) -> dict[str, argparse.ArgumentParser]:
    """Every leaf command's parser, by its name (``"solve two-sided"``)."""
    parser = parser or build_parser()
    found: dict[str, argparse.ArgumentParser] = {}

    def walk(current: argparse.ArgumentParser, path: tuple[str, ...]) -> None:
        chooser = next((a for a in current._actions if isinstance(a, argparse._SubParsersAction)), None)
        if chooser is None:
            found[" ".join(path)] = current
            return
        for name, sub in chooser.choices.items():
            walk(sub, (*path, name))

    walk(parser, ())
    return found


def example_argv(command: str, parser: argparse.ArgumentParser) -> list[str] | None:
    """The example of the command's help as argv (without ``bargainlab``), or None if it has none."""
    text = (parser.epilog or "").replace("\n", " ")
    marker = "example: bargainlab "
    if marker not in text:
        return None
    line = text.split(marker, 1)[1]
    line = line.split(" example: ")[0]
    return shlex.split(line)


def with_outputs(argv: list[str], folder: Path) -> list[str]:
    """The argv with every ``--out`` value moved into ``folder``."""
    out = list(argv)
    for position, arg in enumerate(out[:-1]):
        if arg == "--out":
            out[position + 1] = str(folder / Path(out[position + 1]).name)
    return out


def _option_values(argv: list[str]) -> list[tuple[int, str]]:
    """(position, option) of every option in argv that is followed by a value."""
    return [
        (position, arg)
        for position, arg in enumerate(argv[:-1])
        if arg.startswith("--") and not argv[position + 1].startswith("--")
    ]


def invocations(
    command: str, parser: argparse.ArgumentParser, values: tuple[str, ...] = MALFORMED
) -> Iterator[Invocation]:
    """The baseline example and its malformed variants for one command."""
    argv = example_argv(command, parser)
    if argv is None:
        return
    if not any(arg in NEEDS_INPUT_FILE for arg in argv):
        yield Invocation(command, tuple(argv), "example")
    for position, option in _option_values(argv):
        if option == "--out":
            for bad in ("", "missing-folder/x.png", "/dev/full", "x" * 300 + ".png", "."):
                yield Invocation(
                    command, tuple(argv[: position + 1] + [bad] + argv[position + 2 :]), f"{option}={bad!r}"
                )
            continue
        for bad in values:
            yield Invocation(
                command, tuple(argv[: position + 1] + [bad] + argv[position + 2 :]), f"{option}={bad[:20]!r}"
            )
        yield Invocation(command, tuple(argv[:position] + argv[position + 2 :]), f"without {option}")
    present = set(argv)
    for action in parser._actions:
        if not action.option_strings or action.nargs == 0 or action.dest in ("help", "out"):
            continue
        option = action.option_strings[0]
        if option in present:
            continue
        for bad in values:
            yield Invocation(command, tuple(argv + [option, bad]), f"{option}={bad[:20]!r} added")
    if len(argv) > 2 and not argv[2].startswith("--"):
        yield Invocation(command, tuple(argv[:2] + ["no-such-kind"] + argv[3:]), "unknown kind")
    yield Invocation(command, tuple(argv + ["--no-such-option", "1"]), "unknown option")


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


def run(invocation: Invocation, seconds: int | None = None) -> Outcome:
    """Run one invocation in this process, with outputs in a fresh folder, and judge it."""
    seconds = seconds or seconds_for(invocation.command)
    with tempfile.TemporaryDirectory() as name:
        folder = Path(name)
        argv = [arg.replace("/dev/full", "/dev/full") for arg in with_outputs(list(invocation.argv), folder)]
        out, err = io.StringIO(), io.StringIO()
        code: int | None = None
        violation = ""
        try:
            with contextlib.chdir(folder), contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
                with _deadline(seconds):
                    code = main(argv)
        except _Timeout:
            violation = f"no answer within {seconds} s"
        except SystemExit as exit_:  # e.g. --help
            code = exit_.code if isinstance(exit_.code, int) else 0
        except BaseException as error:  # noqa: BLE001 - anything escaping main is a violation
            violation = f"raised {type(error).__name__}: {str(error)[:120]}"
        wrote = tuple(sorted(p.name for p in folder.iterdir()))
    return Outcome(
        invocation, code, out.getvalue(), err.getvalue(), wrote, violation or judge(code, err.getvalue(), wrote)
    )


def judge(code: int | None, err: str, wrote: tuple[str, ...]) -> str:
    """'' if the contract holds, else what broke."""
    if code not in (0, 1, 2):
        return f"exit code {code}"
    if "Traceback" in err:
        return "traceback on stderr"
    if code == 0:
        return ""
    lines = err.rstrip("\n").splitlines()
    if len(lines) != 1:
        return f"{len(lines)} lines on stderr"
    if not lines[0].startswith("bargainlab: error: "):
        return "stderr is not 'bargainlab: error: ...'"
    if "internal error" in lines[0]:
        return "internal error"
    if code == 2 and wrote:
        return f"bad input but wrote {list(wrote)}"
    if code == 2 and "--" not in lines[0] and "argument" not in lines[0] and "invalid choice" not in lines[0]:
        return "bad input but the message names no option"
    return ""


def campaign(sample: int | None = None, seed: int = 0) -> list[Outcome]:
    """Every invocation of every command (or a random ``sample`` per command)."""
    rng = random.Random(seed)
    outcomes = []
    for command, parser in sorted(leaf_commands().items()):
        cases = list(invocations(command, parser))
        if sample is not None and len(cases) > sample:
            cases = cases[:1] + rng.sample(cases[1:], sample - 1)
        outcomes.extend(run(case) for case in cases)
    return outcomes


def _main() -> int:  # pragma: no cover - the full campaign, by hand
    outcomes = campaign()
    bad = [o for o in outcomes if o.violation]
    for command, group in itertools.groupby(
        sorted(outcomes, key=lambda o: o.invocation.command), key=lambda o: o.invocation.command
    ):
        group = list(group)
        print(f"{command:32s} {len(group):5d} invocations, {sum(1 for o in group if o.violation):4d} violations")
    for outcome in bad:
        where = f"{outcome.invocation.command} [{outcome.invocation.case}]"
        print(f"VIOLATION {where}: {outcome.violation} | {outcome.err.strip()[:160]}")
    print(f"{len(outcomes)} invocations, {len(bad)} violations")
    return 1 if bad else 0


if __name__ == "__main__":  # pragma: no cover
    sys.exit(_main())
