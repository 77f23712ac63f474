"""Start the web app: the ``streamlit run`` command for the entry script (localhost by default).

Used by ``bargainlab app`` and by the end-to-end browser test; imports nothing from Streamlit,
so the command line works (and says what to install) without the ``[app]`` extra. The address,
port, URL path and any other Streamlit option (``server.*``, ``browser.*``, ``theme.*``, ...) can be
set, so the app can be served from a remote machine, behind JupyterHub's proxy or in a container.
"""

from __future__ import annotations

import importlib.util
import ipaddress
import re
import signal
import subprocess
import sys
from collections.abc import Sequence
from pathlib import Path

from bargainlab.errors import InvalidParameterError, MissingDependencyError

__all__ = [
    "ENTRY_SCRIPT",
    "DEFAULT_PORT",
    "LOCALHOST",
    "streamlit_command",
    "check_port",
    "check_address",
    "check_base_url_path",
    "server_option",
    "require_streamlit",
]

#: The Streamlit entry script (``st.navigation`` over the discovered pages).
ENTRY_SCRIPT = Path(__file__).with_name("entry") / "streamlit_app.py"
DEFAULT_PORT = 8501
LOCALHOST = "127.0.0.1"


def check_port(port: object) -> int:
    """A TCP port number in [1, 65535], or InvalidParameterError."""
    if isinstance(port, bool) or not isinstance(port, int) or not 1 <= port <= 65535:
        raise InvalidParameterError("port", port, "an integer from 1 to 65535")
    return port


#: A host name (RFC 1123 labels).
_LABEL = r"[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?"
_HOST_NAME = re.compile(rf"^(?=.{{1,253}}$){_LABEL}(?:\.{_LABEL})*$")
#: A Streamlit configuration key: ``section.name`` (a bare ``name`` is read as ``server.name``).
_OPTION_KEY = re.compile(r"^(?:[a-z][A-Za-z]*\.)?[a-z][A-Za-z0-9]*$")
#: One segment of a URL path.
_PATH_SEGMENT = re.compile(r"^[A-Za-z0-9._~-]+$")


def check_address(address: object) -> str:
    """The address to listen on: an IP address (``0.0.0.0``: every interface) or a host name."""
    if isinstance(address, str):
        text = address.strip()
        try:
            return str(ipaddress.ip_address(text.strip("[]")))
        except ValueError:
            if _HOST_NAME.match(text):
                return text
    raise InvalidParameterError(
        "address", address, "an IP address or host name to listen on (127.0.0.1: this machine only; 0.0.0.0: all)"
    )


def check_base_url_path(path: object) -> str:
    """The URL path the app is served under (``lab`` or ``/user/me/proxy/8501``), without outer slashes."""
    if isinstance(path, str):
        segments = path.strip().strip("/").split("/")
        if all(_PATH_SEGMENT.match(segment) for segment in segments):
            return "/".join(segments)
    raise InvalidParameterError("base_url_path", path, "a URL path such as lab or user/me/proxy/8501")


def server_option(text: object) -> tuple[str, str]:
    """``KEY=VALUE`` as Streamlit's ``--KEY VALUE`` (``maxUploadSize=50`` → ``--server.maxUploadSize 50``).

    Parameters
    ----------
    text
        ``KEY=VALUE``: KEY a Streamlit configuration option (``section.name``, or ``name`` of the
        ``server`` section), VALUE its value.

    Returns
    -------
    tuple of str
        The option (``--server.maxUploadSize``) and its value.

    Examples
    --------
    >>> server_option("maxUploadSize=50"), server_option("theme.base=dark")
    (('--server.maxUploadSize', '50'), ('--theme.base', 'dark'))
    """
    if isinstance(text, str) and "=" in text:
        key, value = (part.strip() for part in text.split("=", 1))
        if _OPTION_KEY.match(key) and value:
            return ("--" + (key if "." in key else f"server.{key}"), value)
    raise InvalidParameterError(
        "server_option", text, "KEY=VALUE with KEY a Streamlit option (e.g. maxUploadSize=50, theme.base=dark)"
    )


def require_streamlit() -> None:
    """Raise a clear error when Streamlit (the ``[app]`` extra) is not installed."""
    if importlib.util.find_spec("streamlit") is None:
        raise MissingDependencyError("the web app needs Streamlit: pip install 'bargainlab[app]'")


def streamlit_command(
    port: int = DEFAULT_PORT,
    open_browser: bool = True,
    *,
    address: str = LOCALHOST,
    base_url_path: str | None = None,
    options: Sequence[tuple[str, str]] = (),
    extra: Sequence[str] = (),
) -> list[str]:
    """The command that serves the app on http://ADDRESS:PORT/BASE_URL_PATH (no usage statistics are sent).

    Streamlit's full garbage collection after every script run (``runner.postScriptGC``) is off:
    with NumPy, SciPy, plotly and pandas loaded it took about 60% of the server's CPU per redraw
    (``docs/performance.md``); Python's own generational collector still runs. ``options``
    (``--server-option runner.postScriptGC=true``) turns it back on.

    Parameters
    ----------
    port
        The TCP port, 1 to 65535.
    open_browser
        Whether Streamlit opens a browser tab (``False``: headless, for servers and containers).
    address
        The address to listen on: ``127.0.0.1`` (this machine only, the default) or ``0.0.0.0`` (every
        interface: a remote machine or a container), or a host name.
    base_url_path
        A URL path to serve under (behind a proxy such as JupyterHub's), or ``None``.
    options
        More Streamlit options as ``(option, value)`` pairs, e.g. from :func:`server_option`.
    extra
        Arguments passed through to ``streamlit run`` as given (after the others: they win).

    Returns
    -------
    list of str
        The argv of ``python -m streamlit run ENTRY_SCRIPT ...``.

    Examples
    --------
    >>> command = streamlit_command(8600, open_browser=False)
    >>> command[1:4], command[5:9]
    (['-m', 'streamlit', 'run'], ['--server.address', '127.0.0.1', '--server.port', '8600'])
    >>> command = streamlit_command(8600, address="0.0.0.0", base_url_path="/lab/", extra=["--theme.base", "dark"])
    >>> command[6], command[command.index("--server.baseUrlPath") + 1], command[-2:]
    ('0.0.0.0', 'lab', ['--theme.base', 'dark'])
    """
    command = [
        sys.executable,
        "-m",
        "streamlit",
        "run",
        str(ENTRY_SCRIPT),
        "--server.address",
        check_address(address),
        "--server.port",
        str(check_port(port)),
        "--server.headless",
        "false" if open_browser else "true",
        "--browser.gatherUsageStats",
        "false",
        "--client.toolbarMode",
        "minimal",
        "--runner.postScriptGC",
        "false",
    ]
    if base_url_path is not None:
        command += ["--server.baseUrlPath", check_base_url_path(base_url_path)]
    for option, value in options:
        command += [option, value]
    return command + list(extra)


#: Seconds the server gets to stop after SIGTERM before it is killed.
STOP_SECONDS = 10


def run_until_stopped(command: Sequence[str]) -> int:
    """Run the server ``command`` as a child process until it exits or this process is stopped.

    Ctrl+C (SIGINT) or SIGTERM to this process stops the child too (terminate, then kill after
    :data:`STOP_SECONDS`), so stopping ``bargainlab app`` never leaves a server on the port.
    Returns the child's exit code, or 130 when stopped.

    Parameters
    ----------
    command
        The argv of the server (``streamlit_command(...)``).

    Returns
    -------
    int
        The exit code.
    """

    def stop(signum: int, frame: object) -> None:
        raise KeyboardInterrupt

    previous = signal.signal(signal.SIGTERM, stop)
    child: subprocess.Popen[bytes] | None = None
    try:
        child = subprocess.Popen(list(command))
        return child.wait()
    except KeyboardInterrupt:
        return 130
    finally:
        signal.signal(signal.SIGTERM, previous)
        if child is not None and child.poll() is None:
            child.terminate()
            try:
                child.wait(timeout=STOP_SECONDS)
            except subprocess.TimeoutExpired:
                child.kill()
                child.wait()
