"""Benchmark: how long a β change takes to show the new gap map in a real browser (headless Chromium).

Starts the app (``python -m streamlit run`` of the entry script, as ``bargainlab app`` does) on a
free localhost port and opens the two-sided page's Gap map tab (values (0.1, 0.6) vs (0.5, 1),
priors 0.1 and 0.9, 101×101 map) in the system's Chromium through Playwright (never downloads a
browser). Then:

* **one session**: β is typed into the sidebar box and Enter pressed, ``--changes`` times with
  values not seen before (the map is computed) and ``--cached`` times with values seen before
  (the map comes from the cache). A redraw is the time from the Enter key (in the page's clock)
  to the moment the page's DOM holds the new map: the heat map's title shows the new β *and*
  its image differs from the previous one (a MutationObserver in the page; no sleeps). It is
  split into the server's part (Enter → the last websocket message before the map appears) and
  the browser's part (that message → the map in the DOM), with the bytes received per change;
* **N sessions** (``--sessions``, default 8): N browser contexts (N separate Streamlit sessions)
  on the same page, all changing β at the same moment, ``--rounds`` times; p50/p90 over all
  redraws. The browsers run on the same machine as the server: on two cores this measures the
  server and N renderers competing for them.

It prints the load average (``/proc/loadavg``) before and after, and the CPU seconds per redraw
of the server process and of the Chromium processes. Server-side pieces (map data, chart JSON, AppTest reruns) are in
``benchmarks/app_redraw.py``.

Run:  python benchmarks/app_redraw_browser.py [--changes 12] [--cached 6] [--sessions 8] [--rounds 5]
      [--mode both|single|sessions|none] [--protocol-sessions 8] [--resolution 101]
      [--compare-src ../main/src] [--server-option KEY=VALUE ...]

``--protocol-sessions N`` then measures the same server without browsers: 1 and N sessions that
speak Streamlit's websocket protocol (``benchmarks/app_redraw_protocol.py``), the server's side
of the goal "8 sessions, p90 ≤ 2 s on two cores" (the users' browsers run on their own machines).

``--compare-src`` serves a second copy of bargainlab (another checkout's ``src``) after the first
and measures it the same way, so two versions are compared in one run.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))  # tests.app.browser: the Chromium flags and port helper the e2e test uses
sys.path.insert(0, str(ROOT / "benchmarks"))

from app_server import BETA_LABEL, LINK, app_server, cpu_seconds, load, percentile  # noqa: E402
from tests.app.browser import CHROMIUM_FLAGS, VIEWPORT, find_chromium  # noqa: E402

from bargainlab.app.serve import server_option  # noqa: E402

WAIT_MS = 120_000

#: Installed before any page script: counts websocket bytes and remembers when the last message
#: arrived, and records the moment Enter is pressed (the page's own clock, ``performance.now``).
INIT_SCRIPT = """
(() => {
  window.__bl = {bytes: 0, lastMessage: 0, enter: 0};
  const Native = window.WebSocket;
  window.WebSocket = function (...args) {
    const socket = new Native(...args);
    socket.addEventListener('message', (event) => {
      const data = event.data;
      window.__bl.bytes += data.byteLength ?? data.size ?? data.length ?? 0;
      window.__bl.lastMessage = performance.now();
    });
    return socket;
  };
  window.WebSocket.prototype = Native.prototype;
  Object.assign(window.WebSocket, {CONNECTING: 0, OPEN: 1, CLOSING: 2, CLOSED: 3});
  document.addEventListener('keydown', (event) => {
    if (event.key === 'Enter') window.__bl.enter = performance.now();
  }, true);
})();
"""

#: Arms a watcher for the map of ``beta``: resolves ``window.__bl.done`` with the page's clock when
#: the heat map's title shows ``β = beta)`` and its image is not the one shown when armed.
ARM_SCRIPT = """
(beta) => {
  const bl = window.__bl;
  const image = () => {
    const node = document.querySelector('.js-plotly-plot .hm image');
    return node ? node.getAttribute('href') || node.getAttribute('xlink:href') : null;
  };
  const before = image();
  bl.done = null; bl.bytesAtArm = bl.bytes; bl.enter = 0;
  const check = () => {
    if (bl.done !== null) return;
    const titles = [...document.querySelectorAll('.js-plotly-plot .gtitle')].map((t) => t.textContent);
    const now = image();
    if (titles.some((t) => t.includes(`β = ${beta})`)) && now !== null && now !== before) {
      bl.done = {at: performance.now(), enter: bl.enter, lastMessage: bl.lastMessage,
                 bytes: bl.bytes - bl.bytesAtArm};
      observer.disconnect();
    }
  };
  const observer = new MutationObserver(check);
  observer.observe(document.body, {subtree: true, childList: true, attributes: true, characterData: true});
}
"""


def browser_cpu_seconds(server: Any) -> float:
    """CPU seconds of this script's Chromium processes (every renderer, GPU and browser process)."""
    import psutil

    total = 0.0
    for child in psutil.Process(os.getpid()).children(recursive=True):
        try:
            if child.pid != server.pid and "chrom" in child.name():
                times = child.cpu_times()
                total += times.user + times.system
        except psutil.Error:
            pass
    return total


def open_session(browser: Any, base: str, resolution: int = 101) -> Any:
    """A fresh browser context (a new Streamlit session) showing the map at β = 0.5."""
    context = browser.new_context(viewport=VIEWPORT)
    context.add_init_script(INIT_SCRIPT)
    page = context.new_page()
    page.goto(f"{base}/two_sided?{LINK.format(resolution=resolution)}")
    page.locator(".js-plotly-plot .gtitle").filter(has_text="β = 0.5)").wait_for(timeout=WAIT_MS)
    return page


def start_change(page: Any, beta: str) -> None:
    """Arm the watcher, then type β and press Enter (returns at once)."""
    page.evaluate(ARM_SCRIPT, beta)
    box = page.get_by_role("spinbutton", name=BETA_LABEL)
    box.fill(beta)
    box.press("Enter")


def finish_change(page: Any) -> dict[str, float]:
    """Wait for the armed map; seconds of the redraw, its server and browser parts, bytes received."""
    page.wait_for_function("window.__bl.done !== null", timeout=WAIT_MS, polling=20)
    done = page.evaluate("window.__bl.done")
    total = (done["at"] - done["enter"]) / 1000
    server = (done["lastMessage"] - done["enter"]) / 1000
    exceptions = page.get_by_test_id("stException").count()
    if exceptions:
        raise SystemExit("the page shows a traceback")
    return {"total": total, "server": server, "browser": total - server, "bytes": done["bytes"]}


def summary(name: str, runs: list[dict[str, float]]) -> str:
    """One line: median and p90 of the redraw, median server and browser parts, bytes."""
    totals = [r["total"] for r in runs]
    return (
        f"{name:<44} n={len(runs):<3} median {statistics.median(totals):6.3f} s  p90 {percentile(totals, 0.9):6.3f} s"
        f"  (server {statistics.median(r['server'] for r in runs):6.3f} s, browser "
        f"{statistics.median(r['browser'] for r in runs):6.3f} s; "
        f"{statistics.median(r['bytes'] for r in runs) / 1e3:7.1f} kB)"
    )


def one_session(browser: Any, base: str, server: Any, changes: int, cached: int, resolution: int) -> None:
    """Median redraw of one session: new β values, then β values seen before."""
    page = open_session(browser, base, resolution)
    new_betas = [f"{0.30 + 0.01 * k:.2f}".rstrip("0") for k in range(changes)]  # as the title writes it (:g)
    runs: dict[str, list[dict[str, float]]] = {"new": [], "cached": []}
    cpu, browser_cpu = cpu_seconds(server), browser_cpu_seconds(server)
    for beta in new_betas:
        start_change(page, beta)
        runs["new"].append(finish_change(page))
    cpu_new = (cpu_seconds(server) - cpu) / changes
    browser_new = (browser_cpu_seconds(server) - browser_cpu) / changes
    cpu = cpu_seconds(server)
    for k in range(cached):
        start_change(page, new_betas[k % len(new_betas)])
        runs["cached"].append(finish_change(page))
    cpu_cached = (cpu_seconds(server) - cpu) / max(cached, 1)
    page.context.close()
    print(
        summary("one session, new β (map computed)", runs["new"])
        + f"  CPU s/redraw: server {cpu_new:.3f}, Chromium {browser_new:.3f}"
    )
    if cached:
        print(
            summary("one session, β seen before (map cached)", runs["cached"])
            + f"  CPU s/redraw: server {cpu_cached:.3f}"
        )


def many_sessions(browser: Any, base: str, server: Any, sessions: int, rounds: int, resolution: int) -> None:
    """N sessions changing β at the same moment, ``rounds`` times: p50/p90 of all redraws."""
    pages = [open_session(browser, base, resolution) for _ in range(sessions)]
    runs: list[dict[str, float]] = []
    cpu, browser_cpu = cpu_seconds(server), browser_cpu_seconds(server)
    started = time.perf_counter()
    for r in range(rounds):
        for s, page in enumerate(pages):  # each session its own β: every map is new
            start_change(page, f"{0.20 + 0.05 * r + 0.002 * (s + 1):.3f}".rstrip("0"))
        runs += [finish_change(page) for page in pages]
    wall = time.perf_counter() - started
    cpu_used = cpu_seconds(server) - cpu
    browser_used = browser_cpu_seconds(server) - browser_cpu
    for page in pages:
        page.context.close()
    print(
        summary(f"{sessions} sessions changing β at once", runs)
        + f"  CPU s/redraw: server {cpu_used / len(runs):.3f}, Chromium {browser_used / len(runs):.3f}"
        + f" ({(cpu_used + browser_used) / wall:.2f} of {os.cpu_count()} cores busy)"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--changes", type=int, default=12, help="new β values in one session (default 12)")
    parser.add_argument("--cached", type=int, default=6, help="β values seen before, one session (default 6)")
    parser.add_argument("--sessions", type=int, default=8, help="concurrent sessions (default 8)")
    parser.add_argument("--rounds", type=int, default=5, help="simultaneous β changes per session (default 5)")
    parser.add_argument("--resolution", type=int, default=101, help="points per axis of the map (default 101)")
    parser.add_argument(
        "--mode", choices=("both", "single", "sessions", "none"), default="both", help="the Chromium runs (none: skip)"
    )
    parser.add_argument(
        "--protocol-sessions",
        type=int,
        default=0,
        metavar="N",
        help="also time 1 and N websocket-protocol sessions (no browser) on the same server (default: off)",
    )
    parser.add_argument(
        "--compare-src",
        metavar="PATH",
        help="also serve bargainlab from PATH (e.g. another checkout's src) and measure it in the same run",
    )
    parser.add_argument(
        "--server-option",
        action="append",
        default=[],
        type=server_option,
        metavar="KEY=VALUE",
        help="a Streamlit option for the server, as for `bargainlab app` (repeatable)",
    )
    args = parser.parse_args()
    chromium = find_chromium()
    if chromium is None and args.mode != "none":
        raise SystemExit("no Chromium found: install Debian's 'chromium' package or set BARGAINLAB_CHROMIUM")
    from playwright.sync_api import sync_playwright

    os.environ.setdefault("PYTHONWARNINGS", "ignore")
    print(f"load average at start: {load()} ({os.cpu_count()} cores)")
    print(
        f"Gap map {args.resolution}x{args.resolution}, values (0.1, 0.6) vs (0.5, 1), "
        "β typed + Enter until the new map is in the DOM"
    )
    sources = [("this checkout", None)] + ([(args.compare_src, args.compare_src)] if args.compare_src else [])
    for name, src in sources:
        import bargainlab

        print(f"-- bargainlab from {name} ({src or Path(bargainlab.__file__).parents[1]}); load {load()}")
        with app_server(args.server_option, src) as (base, server):
            if args.mode != "none":
                with sync_playwright() as playwright:
                    browser = playwright.chromium.launch(
                        executable_path=chromium, headless=True, args=list(CHROMIUM_FLAGS)
                    )
                    try:
                        warm = open_session(browser, base, args.resolution)  # imports, first map: not measured
                        warm.context.close()
                        if args.mode in ("both", "single"):
                            one_session(browser, base, server, args.changes, args.cached, args.resolution)
                        if args.mode in ("both", "sessions"):
                            many_sessions(browser, base, server, args.sessions, args.rounds, args.resolution)
                    finally:
                        browser.close()
            if args.protocol_sessions:  # after Playwright's loop has ended (the client runs its own)
                sys.path.insert(0, str(ROOT / "benchmarks"))
                from app_redraw_protocol import run_protocol, warm_up

                warm_up(base, args.resolution)
                run_protocol(base, server, args.protocol_sessions, args.rounds, args.changes, args.resolution)
    print(f"load average at end: {load()}")


if __name__ == "__main__":
    main()
