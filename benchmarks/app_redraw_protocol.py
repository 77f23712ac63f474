"""Benchmark: N concurrent app sessions that speak Streamlit's websocket protocol (no browser).

The server's side of a β change, measured as the issue's goal states it ("8 concurrent sessions,
p90 ≤ 2 s on two cores": the two cores are the *server's*; the users' browsers run on their own
machines). Each session is a websocket to ``/_stcore/stream`` that does what the frontend does:
it sends a ``BackMsg.rerun_script`` whose ``ClientState`` carries the page (``page_name``), the
link (``query_string``) and the widget states, and reads ``ForwardMsg`` protobufs until
``script_finished``. The first run opens the two-sided page's Gap map (the link of
``benchmarks/app_redraw_browser.py``); the β box's widget id is read from its ``number_input``
delta. A redraw is the time from sending a new β (``double_value``) to ``script_finished``; the
client checks that the map's title shows that β and that no exception element was sent.

``--sessions`` sessions change β at the same moment, ``--rounds`` times (every β new, so every
map is computed); p50/p90 over all redraws, with 1 session and with N in the same run, plus the
server's CPU seconds per redraw (``psutil``), the element messages and bytes per redraw, and the
load average. This client's own CPU is reported too (it shares the machine).

Run:  python benchmarks/app_redraw_protocol.py [--sessions 8] [--rounds 5] [--single 12]
      [--resolution 101] [--compare-src ../main/src] [--server-option KEY=VALUE ...]
(``benchmarks/app_redraw_browser.py --protocol-sessions 8`` runs the same in its own run.)
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import statistics
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "benchmarks"))

from app_server import BETA_LABEL, LINK, app_server, cpu_seconds, load, percentile  # noqa: E402

from bargainlab.app.serve import server_option  # noqa: E402

PAGE = "two_sided"
TIMEOUT = 120.0


@dataclass
class Run:
    """What one script run sent: seconds, element messages (deltas), bytes, titles of its charts."""

    seconds: float = 0.0
    deltas: int = 0
    messages: int = 0
    bytes: int = 0
    exceptions: int = 0
    chart_specs: list[str] = field(default_factory=list)


class Session:
    """One Streamlit session over a websocket (what a browser tab would be)."""

    def __init__(self, base: str, resolution: int) -> None:
        self.url = base.replace("http://", "ws://") + "/_stcore/stream"
        self.query = LINK.format(resolution=resolution)
        self.widgets: dict[str, Any] = {}  # widget id -> WidgetState (what the frontend would send)
        self.beta_id: str | None = None
        self.socket: Any = None

    async def open(self) -> Run:
        """Connect and run the page once (its link); learn the β box's widget id."""
        import websockets

        self.socket = await websockets.connect(
            self.url, subprotocols=["streamlit"], max_size=None, compression=None, open_timeout=TIMEOUT
        )
        run = await self.rerun()
        if self.beta_id is None:
            raise SystemExit("no β input in the page's messages")
        return run

    async def rerun(self, beta: float | None = None) -> Run:
        """Send a rerun (with β set to ``beta`` if given) and read until ``script_finished``."""
        from streamlit.proto.BackMsg_pb2 import BackMsg
        from streamlit.proto.WidgetStates_pb2 import WidgetState

        if beta is not None:
            assert self.beta_id is not None
            state = WidgetState(id=self.beta_id, double_value=beta)
            self.widgets[self.beta_id] = state
        message = BackMsg()
        client = message.rerun_script
        client.query_string = self.query
        client.page_name = PAGE
        client.widget_states.widgets.extend(self.widgets.values())
        started = time.perf_counter()
        await self.socket.send(message.SerializeToString())
        run = await self._read_until_finished()
        run.seconds = time.perf_counter() - started
        return run

    async def _read_until_finished(self) -> Run:
        from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

        run = Run()
        while True:
            data = await asyncio.wait_for(self.socket.recv(), TIMEOUT)
            run.messages += 1
            run.bytes += len(data)
            msg = ForwardMsg.FromString(data)
            kind = msg.WhichOneof("type")
            if kind == "delta":
                run.deltas += 1
                self._element(msg.delta, run)
            elif kind == "page_info_changed":
                self.query = msg.page_info_changed.query_string  # the page rewrote its link
            elif kind == "script_finished":
                return run

    def _element(self, delta: Any, run: Run) -> None:
        if delta.WhichOneof("type") != "new_element":
            return
        element = delta.new_element
        kind = element.WhichOneof("type")
        if kind == "exception":
            run.exceptions += 1
        elif kind == "plotly_chart":
            run.chart_specs.append(element.plotly_chart.spec)
        elif kind == "number_input" and element.number_input.label == BETA_LABEL:
            self.beta_id = element.number_input.id

    async def close(self) -> None:
        if self.socket is not None:
            await self.socket.close()


def beta_text(beta: float) -> str:
    """β as the map's title writes it (``:g``), as escaped in the chart's JSON."""
    return json.dumps(f"β = {beta:g})")[1:-1]


def check(run: Run, beta: float) -> None:
    """The run drew the map of ``beta`` and no traceback."""
    if run.exceptions:
        raise SystemExit(f"the page sent an exception at β = {beta}")
    if not any(beta_text(beta) in spec for spec in run.chart_specs):
        raise SystemExit(f"no map titled {beta_text(beta)!r} after the change to β = {beta}")


async def concurrent(base: str, server: Any, sessions: int, rounds: int, resolution: int) -> dict[str, Any]:
    """``sessions`` sessions change β at the same moment, ``rounds`` times; all redraws' numbers."""
    opened = [Session(base, resolution) for _ in range(sessions)]
    for session in opened:  # one after the other: opening is not measured
        await session.open()
    runs: list[Run] = []
    cpu, client_cpu = cpu_seconds(server), time.process_time()
    started = time.perf_counter()
    for r in range(rounds):
        betas = [round(0.20 + 0.05 * r + 0.002 * (s + 1) + 0.0001 * sessions, 4) for s in range(sessions)]
        done = await asyncio.gather(*(session.rerun(beta) for session, beta in zip(opened, betas)))
        for run, beta in zip(done, betas):
            check(run, beta)
        runs += done
    wall = time.perf_counter() - started
    used, client_used = cpu_seconds(server) - cpu, time.process_time() - client_cpu
    for session in opened:
        await session.close()
    return {"runs": runs, "server_cpu": used / len(runs), "client_cpu": client_used / len(runs), "wall": wall}


def report(name: str, result: dict[str, Any]) -> str:
    """One line: p50/p90 of the redraws, element messages and bytes, CPU seconds per redraw."""
    seconds = [run.seconds for run in result["runs"]]
    runs = result["runs"]
    return (
        f"{name:<36} n={len(seconds):<3} p50 {statistics.median(seconds):6.3f} s  p90 {percentile(seconds, 0.9):6.3f} s"
        f"  ({statistics.median(run.deltas for run in runs):.0f} deltas, "
        f"{statistics.median(run.bytes for run in runs) / 1e3:6.1f} kB per redraw; "
        f"CPU s/redraw: server {result['server_cpu']:.3f}, this client {result['client_cpu']:.3f})"
    )


async def measure(base: str, server: Any, sessions: int, rounds: int, single: int, resolution: int) -> None:
    """One session (``single`` changes), then ``sessions`` at once (``rounds`` rounds)."""
    print(report("1 session (protocol)", await concurrent(base, server, 1, single, resolution)), flush=True)
    print(
        report(f"{sessions} sessions at once (protocol)", await concurrent(base, server, sessions, rounds, resolution))
    )


def warm_up(base: str, resolution: int) -> None:
    """Open one session and close it (imports, first map: not measured)."""

    async def once() -> None:
        session = Session(base, resolution)
        await session.open()
        await session.close()

    asyncio.run(once())


def run_protocol(base: str, server: Any, sessions: int, rounds: int, single: int, resolution: int) -> None:
    """Synchronous entry point (used by ``app_redraw_browser.py --protocol-sessions``)."""
    asyncio.run(measure(base, server, sessions, rounds, single, resolution))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sessions", type=int, default=8, help="concurrent sessions (default 8)")
    parser.add_argument("--rounds", type=int, default=5, help="simultaneous β changes per session (default 5)")
    parser.add_argument("--single", type=int, default=12, help="β changes of the one-session run (default 12)")
    parser.add_argument("--resolution", type=int, default=101, help="points per axis of the map (default 101)")
    parser.add_argument("--compare-src", metavar="PATH", help="also serve bargainlab from PATH, in the same run")
    parser.add_argument(
        "--server-option", action="append", default=[], type=server_option, metavar="KEY=VALUE", help="Streamlit option"
    )
    args = parser.parse_args()
    os.environ.setdefault("PYTHONWARNINGS", "ignore")
    print(f"load average at start: {load()} ({os.cpu_count()} cores)")
    print(f"Gap map {args.resolution}x{args.resolution}; a redraw: rerun_script with a new β → script_finished")
    sources = [("this checkout", None)] + ([(args.compare_src, args.compare_src)] if args.compare_src else [])
    for name, src in sources:
        print(f"-- bargainlab from {name}; load {load()}", flush=True)
        with app_server(args.server_option, src) as (base, server):
            warm_up(base, args.resolution)
            run_protocol(base, server, args.sessions, args.rounds, args.single, args.resolution)
    print(f"load average at end: {load()}")


if __name__ == "__main__":
    main()
