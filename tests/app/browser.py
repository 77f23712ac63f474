"""Drive the running app in a headless Chromium: end-to-end tests and documentation screenshots.

Uses the system's Chromium (Debian's ``chromium`` package) through Playwright's
``executable_path``; nothing downloads a browser. :func:`running_app` starts
``bargainlab app`` on a free localhost port and stops it (by its own process group) on exit;
:func:`chromium_page` opens a page in a fresh, throw-away browser profile.
"""

from __future__ import annotations

import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any

from bargainlab.app.serve import LOCALHOST
from bargainlab.errors import BargainlabError

if TYPE_CHECKING:
    from playwright.sync_api import ViewportSize

__all__ = ["CHROMIUM_FLAGS", "find_chromium", "free_port", "running_app", "chromium_page", "APP_START_TIMEOUT"]

#: Flags for a headless Chromium on a machine without a display or outside network.
CHROMIUM_FLAGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
)
#: Where Chromium is looked for (``BARGAINLAB_CHROMIUM`` overrides).
CHROMIUM_NAMES = ("chromium", "chromium-browser", "google-chrome")
#: Seconds to wait for the app's health endpoint.
APP_START_TIMEOUT = 60.0
VIEWPORT: ViewportSize = {"width": 1440, "height": 1000}


def find_chromium() -> str | None:
    """Path of a Chromium executable, or None."""
    override = os.environ.get("BARGAINLAB_CHROMIUM")
    if override:
        return override if os.path.exists(override) else None
    for name in CHROMIUM_NAMES:
        found = shutil.which(name)
        if found:
            return found
    return None


def free_port() -> int:
    """A TCP port that is free on localhost now."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind((LOCALHOST, 0))
        return int(probe.getsockname()[1])


def _wait_healthy(base: str, process: subprocess.Popen, timeout: float) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise BargainlabError(f"the app stopped with exit code {process.returncode} before it was ready")
        try:
            with urllib.request.urlopen(f"{base}/_stcore/health", timeout=2) as response:
                if response.status == 200:
                    return
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            pass
        time.sleep(0.25)
    raise BargainlabError(f"the app did not answer on {base} within {timeout:g} s")


@contextmanager
def running_app(port: int | None = None, timeout: float = APP_START_TIMEOUT) -> Iterator[str]:
    """Run ``bargainlab app`` on localhost; yield its base URL; stop it afterwards.

    The server runs in its own process group, which is ended (and only it) on exit.
    """
    port = free_port() if port is None else port
    base = f"http://{LOCALHOST}:{port}"
    command = [sys.executable, "-m", "bargainlab", "app", "--port", str(port), "--no-browser"]
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, start_new_session=True)
    try:
        _wait_healthy(base, process, timeout)
        yield base
    finally:
        if process.poll() is None:
            os.killpg(process.pid, signal.SIGTERM)
            try:
                process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                os.killpg(process.pid, signal.SIGKILL)
                process.wait()
        if process.stderr is not None:
            process.stderr.close()


@contextmanager
def chromium_page(executable: str | None = None) -> Iterator[Any]:
    """A Playwright page in headless system Chromium with a fresh profile (removed afterwards)."""
    from playwright.sync_api import sync_playwright

    path = executable or find_chromium()
    if path is None:
        raise BargainlabError("no Chromium found: install Debian's 'chromium' package or set BARGAINLAB_CHROMIUM")
    with tempfile.TemporaryDirectory(prefix="bargainlab-chromium-") as profile, sync_playwright() as playwright:
        context = playwright.chromium.launch_persistent_context(
            profile, executable_path=path, headless=True, args=list(CHROMIUM_FLAGS), viewport=VIEWPORT
        )
        try:
            yield context.pages[0] if context.pages else context.new_page()
        finally:
            context.close()
