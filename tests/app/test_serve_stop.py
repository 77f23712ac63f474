"""Stopping ``bargainlab app`` stops its server: no child is left serving the port (issue 11)."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
import time

import pytest

#: A parent that runs a long-lived child through ``run_until_stopped`` and prints the child's pid.
PARENT = textwrap.dedent(
    """
    import subprocess, sys
    from bargainlab.app import serve
    real_popen = subprocess.Popen
    def popen(command, *args, **kwargs):
        child = real_popen(command, *args, **kwargs)
        print(child.pid, flush=True)
        return child
    subprocess.Popen = popen
    sys.exit(serve.run_until_stopped([sys.executable, "-c", "import time; time.sleep(120)"]))
    """
)


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    try:  # a zombie waiting for its parent counts as gone
        with open(f"/proc/{pid}/stat", encoding="ascii") as stat:
            return stat.read().split()[2] != "Z"
    except OSError:
        return False


@pytest.mark.parametrize("stop_signal", [signal.SIGTERM, signal.SIGINT])
def test_stopping_the_parent_stops_the_server(stop_signal):
    # As from a terminal: a job started in the background by a non-interactive shell (CI runners
    # do this) inherits SIGINT ignored, and Python keeps it ignored, so Ctrl+C is restored here.
    parent = subprocess.Popen(
        [sys.executable, "-c", PARENT],
        stdout=subprocess.PIPE,
        text=True,
        preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL),
    )
    child_pid = int(parent.stdout.readline())
    assert _alive(child_pid)
    time.sleep(1.0)  # let the parent reach child.wait() (the pid is printed from inside Popen)
    parent.send_signal(stop_signal)
    assert parent.wait(timeout=30) == 130
    deadline = time.monotonic() + 15
    while _alive(child_pid) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert not _alive(child_pid), "the server child outlived bargainlab app"


def test_the_child_exit_code_is_returned():
    from bargainlab.app import serve

    assert serve.run_until_stopped([sys.executable, "-c", "raise SystemExit(3)"]) == 3
