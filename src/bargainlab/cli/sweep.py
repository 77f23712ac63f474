"""``bargainlab sweep two-sided``: E, Gap and more over a parameter grid, to Parquet or CSV."""

from __future__ import annotations

import argparse
import json
import re
import sys
from pathlib import Path
from typing import Any

from bargainlab.cli.common import CommandGroups, finite_number, number_list, prior_value, whole_number
from bargainlab.cli.output import add_json_option, emit
from bargainlab.core.choices import AXIS_GRAMMAR, DEFAULT_SWEEP_QUANTITIES, SWEEP_QUANTITIES
from bargainlab.core.limits import MAX_SWEEP_WORKERS
from bargainlab.errors import InvalidParameterError

__all__ = ["register", "grid_option", "read_spec", "scheduler_address"]

EXAMPLE = (
    "example: bargainlab sweep two-sided --values1 0,0.5 --values2 0.5,1 --beta 0.5 "
    "--grid prior1=0:1:101 --grid prior2=0:1:101 --out gap.parquet"
)

#: Keys of a --spec file besides the parameters.
SPEC_KEYS = ("grid", "quantities", "method", "chunk_size")

#: A Dask scheduler address: [PROTOCOL://]HOST:PORT (HOST a name, an IPv4 address or [IPv6]).
SCHEDULER_ADDRESS = re.compile(r"^(?:(?:tcp|tls|ws|wss|ucx)://)?(?:\[[0-9A-Fa-f:.]+\]|[A-Za-z0-9_.-]+):(\d{1,5})$")


def scheduler_address(address: str) -> str:
    """A Dask scheduler address ``[tcp://]HOST:PORT`` checked before connecting.

    >>> scheduler_address("tcp://127.0.0.1:8786")
    'tcp://127.0.0.1:8786'
    >>> scheduler_address("localhost")  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    bargainlab.errors.InvalidParameterError: scheduler must be an address [tcp://]HOST:PORT, ...; got 'localhost'
    """
    text = address.strip()
    match = SCHEDULER_ADDRESS.match(text)
    if match is None or not 1 <= int(match.group(1)) <= 65535:
        raise InvalidParameterError("scheduler", address, "an address [tcp://]HOST:PORT, e.g. tcp://127.0.0.1:8786")
    return text


def grid_option(text: str) -> tuple[str, str]:
    """An argparse ``type`` for ``--grid NAME=SPEC``."""
    name, sep, spec = text.partition("=")
    if not sep or not name.strip() or not spec.strip():
        raise argparse.ArgumentTypeError(
            str(
                InvalidParameterError("grid", text, f"NAME=SPEC with SPEC one of {AXIS_GRAMMAR}", "e.g. prior1=0:1:101")
            )
        )
    return name.strip(), spec.strip()


def read_spec(path: str | Path) -> dict[str, Any]:
    """A sweep specification from a JSON or YAML file (YAML needs PyYAML).

    Keys: the parameters by their Python names (``values1``, ``values2``, ``prior1``, ``prior2``,
    ``bargaining_power``, ``discount``),
    ``grid`` (axis name -> ``"START:STOP:NUM"``, ``"V;V"``, ``"simplex:D"`` or a list of values),
    ``quantities``, ``method`` and ``chunk_size``.
    """
    from bargainlab.models.two_sided.sweep import PARAMETERS

    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as error:
        raise InvalidParameterError("spec", str(path), "a readable JSON or YAML file", error.strerror or "") from None
    except UnicodeDecodeError:
        raise InvalidParameterError(
            "spec", str(path), "a JSON or YAML file (UTF-8 text)", "it is not UTF-8 text"
        ) from None
    if path.suffix.lower() in (".yaml", ".yml"):
        try:
            import yaml
        except ImportError:
            raise InvalidParameterError("spec", str(path), "a JSON file (YAML needs: pip install pyyaml)") from None
        try:
            data = yaml.safe_load(text)
        except yaml.YAMLError as error:
            raise InvalidParameterError("spec", str(path), "valid YAML", str(error).splitlines()[0]) from None
    else:
        try:
            data = json.loads(text)
        except json.JSONDecodeError as error:
            raise InvalidParameterError("spec", str(path), "valid JSON", str(error)) from None
    if not isinstance(data, dict):
        raise InvalidParameterError("spec", str(path), "a mapping of parameters, grid, quantities")
    unknown = sorted(set(data) - set(PARAMETERS) - set(SPEC_KEYS))
    if unknown:
        raise InvalidParameterError("spec", str(path), f"keys from {', '.join(PARAMETERS + SPEC_KEYS)}", unknown[0])
    if "grid" in data and not isinstance(data["grid"], dict):
        raise InvalidParameterError("spec grid", data["grid"], "a mapping of axis name to values")
    return data


def register(groups: CommandGroups) -> None:
    """Register ``sweep two-sided``."""
    parser = groups.group("sweep").add_parser(
        "two-sided",
        help="E, Gap and floors of two-sided bargaining (Pęski 2024) over a parameter grid",
        description=(
            "Compute E(p, β), Gap(p, β) (eqs. 4.1-4.2), the gap player and the method at every point of a grid "
            "over any of the parameters (values, priors for any number of types, β, δ) and write one row per "
            "point to Parquet or CSV. Parameters not on the grid are fixed by the options below. An LP sweep "
            "keeps finished chunks in OUT.parts/ until the end: interrupted, it resumes when run again. A "
            "closed-form sweep writes each chunk straight into the table (--parts keeps parts for it too)."
        ),
        epilog=EXAMPLE,
    )
    parser.add_argument(
        "--grid",
        action="append",
        default=[],
        type=grid_option,
        metavar="NAME=SPEC",
        help=(
            "a grid axis (repeat for more; the first varies slowest). NAME, the parameter's Python name: values1, "
            "values2, values1[k], values2[k], prior1, prior2 (for binary players a number is P(high type)), "
            "bargaining_power (β), discount (δ). SPEC: " + AXIS_GRAMMAR
        ),
    )
    parser.add_argument("--spec", metavar="FILE", help="JSON/YAML file with parameters, grid, quantities; options win")
    parser.add_argument("--values1", type=number_list("values1"), metavar="V,V,...", help="player 1's values")
    parser.add_argument("--values2", type=number_list("values2"), metavar="V,V,...", help="player 2's values")
    parser.add_argument("--prior1", type=prior_value("prior1"), metavar="P", help="player 1's prior (P or P,P,...)")
    parser.add_argument("--prior2", type=prior_value("prior2"), metavar="P", help="player 2's prior")
    parser.add_argument(
        "--beta",
        dest="bargaining_power",
        type=finite_number("bargaining_power"),
        metavar="B",
        help="bargaining power β of player 1, in [0, 1] (axis: bargaining_power)",
    )
    parser.add_argument(
        "--delta",
        dest="discount",
        type=finite_number("discount"),
        metavar="D",
        help="discount factor δ in (0, 1]; 1 (default) means the limit δ → 1 (axis: discount)",
    )
    parser.add_argument(
        "--quantities",
        metavar="Q,Q,...",
        help=f"columns to compute, from {', '.join(SWEEP_QUANTITIES)} (default {','.join(DEFAULT_SWEEP_QUANTITIES)})",
    )
    parser.add_argument("--method", choices=("auto", "lp", "closed_form"), help="default auto: closed form if binary")
    parser.add_argument("--out", required=True, metavar="PATH", help="output table: .parquet or .csv")
    where = parser.add_mutually_exclusive_group()
    where.add_argument(
        "--workers",
        type=whole_number("workers"),
        metavar="N",
        help=f"local worker processes, 1 to {MAX_SWEEP_WORKERS} (default: in-process)",
    )
    where.add_argument("--scheduler", metavar="ADDRESS", help="run on a Dask cluster (e.g. tcp://127.0.0.1:8786)")
    parser.add_argument(
        "--chunk-size",
        dest="chunk_size",
        type=whole_number("chunk_size"),
        metavar="N",
        help="points per task (default 2000 LP, 65536 closed form)",
    )
    parser.add_argument("--no-progress", action="store_true", help="no progress bar on stderr")
    parser.add_argument("--restart", action="store_true", help="ignore finished chunks of an earlier run")
    parser.add_argument("--keep-parts", action="store_true", help="keep OUT.parts/ after writing the table")
    parser.add_argument(
        "--parts",
        action=argparse.BooleanOptionalAction,
        default=None,
        help=(
            "keep finished chunks in OUT.parts/ until the table is written, to resume after an interruption "
            "(--no-parts: write each chunk straight into the table; default: parts for LP sweeps, none for "
            "closed-form ones, which compute faster than parts are written)"
        ),
    )
    add_json_option(parser)
    parser.set_defaults(run=run)


def _settings(args: argparse.Namespace) -> dict[str, Any]:
    """Parameters, grid, quantities and method from the spec file and the options (options win)."""
    from bargainlab.models.two_sided.sweep import PARAMETERS, parameter_name

    spec = read_spec(args.spec) if args.spec else {}
    grid = {parameter_name(str(name)): values for name, values in spec.get("grid", {}).items()}
    settings: dict[str, Any] = {name: spec.get(name) for name in PARAMETERS}
    seen: set[str] = set()
    for name, values in args.grid:
        parameter = parameter_name(name)
        if parameter in seen:
            raise InvalidParameterError("grid", name, "each parameter on at most one axis", "given twice")
        seen.add(parameter)
        grid[parameter] = values
        settings.pop(parameter, None)  # --grid puts on the grid a parameter that the spec file fixed
    for name in PARAMETERS:
        value = getattr(args, name)
        if value is not None:
            if name in seen:
                raise InvalidParameterError(name, value, "either fixed or a grid axis, not both")
            settings[name] = value
            grid.pop(name, None)  # an option fixes a parameter that the spec file put on the grid
    settings = {name: value for name, value in settings.items() if value is not None}
    settings["grid"] = grid
    settings["quantities"] = args.quantities or spec.get("quantities", DEFAULT_SWEEP_QUANTITIES)
    settings["method"] = args.method or spec.get("method", "auto")
    settings["chunk_size"] = args.chunk_size if args.chunk_size is not None else spec.get("chunk_size")
    return settings


def run(args: argparse.Namespace) -> int:
    """Run the sweep and print a summary."""
    from bargainlab.core.sweep import SweepInterrupted, dask_executor
    from bargainlab.models.two_sided.sweep import sweep, sweep_grid

    settings = _settings(args)
    executor = None
    if args.scheduler:
        address = scheduler_address(args.scheduler)
        sweep_grid(**{name: value for name, value in settings.items() if name != "chunk_size"})  # before connecting
        executor = dask_executor(address)
    try:
        result = sweep(
            settings.pop("grid"),
            **settings,
            out=args.out,
            executor=executor,
            workers=args.workers,
            progress=not args.no_progress,
            resume=not args.restart,
            keep_parts=args.keep_parts,
            parts=args.parts,
        )
    except SweepInterrupted as interruption:
        print(f"bargainlab: {interruption}", file=sys.stderr)
        return 130
    return emit(result, args)
