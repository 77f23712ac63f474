"""The served app for the app benchmarks (``app_redraw_browser.py``, ``app_redraw_protocol.py``):
the page link, the server on a free port, CPU seconds, load and percentiles."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # tests.app.browser: the e2e test's port helper

from tests.app.browser import free_port  # noqa: E402

from bargainlab.app.serve import LOCALHOST  # noqa: E402

LINK = "values1=0.1,0.6&prior1=0.1&values2=0.5,1&prior2=0.9&beta=0.5&delta=1&view=Gap+map&resolution={resolution}"
BETA_LABEL = "β: player 1's bargaining power"


def load() -> str:
    """The 1-, 5- and 15-minute load averages."""
    return " ".join(Path("/proc/loadavg").read_text().split()[:3])


def served_command(port: int, options: list[tuple[str, str]], env: dict[str, str] | None) -> list[str]:
    """The command of ``bargainlab app`` as the served copy builds it (its own entry script and
    default options: a ``--compare-src`` checkout is served as it would serve itself)."""
    code = (
        "import json, sys; from bargainlab.app.serve import streamlit_command; "
        "print(json.dumps(streamlit_command(int(sys.argv[1]), open_browser=False, options=json.loads(sys.argv[2]))))"
    )
    out = subprocess.run(
        [sys.executable, "-c", code, str(port), json.dumps(options)],
        env=env,
        check=True,
        capture_output=True,
        text=True,
    )
    return list(json.loads(out.stdout))


@contextmanager
def app_server(options: list[tuple[str, str]], src: str | None = None) -> Iterator[tuple[str, Any]]:
    """Serve the app on a free port (bargainlab from ``src`` if given); yield (base URL, psutil
    process of the server); stop it after."""
    import psutil

    port = free_port()
    base = f"http://{LOCALHOST}:{port}"
    env = dict(os.environ, PYTHONPATH=src) if src else None
    command = served_command(port, options, env)
    process = subprocess.Popen(
        command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True, env=env
    )
    try:
        deadline = time.monotonic() + 120
        while True:
            if process.poll() is not None or time.monotonic() > deadline:
                raise SystemExit(f"the app did not start on {base}")
            try:
                with urllib.request.urlopen(f"{base}/_stcore/health", timeout=2):
                    break
            except (urllib.error.URLError, ConnectionError, TimeoutError):
                time.sleep(0.25)
        yield base, psutil.Process(process.pid)
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def cpu_seconds(process: Any) -> float:
    """User + system CPU seconds of the server process (all its threads)."""
    times = process.cpu_times()
    return float(times.user + times.system)


def percentile(values: list[float], q: float) -> float:
    """The q-quantile (linear interpolation between order statistics)."""
    ordered = sorted(values)
    position = q * (len(ordered) - 1)
    low = int(position)
    high = min(low + 1, len(ordered) - 1)
    return ordered[low] + (ordered[high] - ordered[low]) * (position - low)
