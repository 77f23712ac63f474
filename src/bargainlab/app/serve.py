"""Start the web app: the ``streamlit run`` command for the entry script, bound to localhost.

Used by ``bargainlab app`` and by the end-to-end browser test; imports nothing from Streamlit,
so the command line works (and says what to install) without the ``[app]`` extra.
"""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

from bargainlab.errors import InvalidParameterError, MissingDependencyError

__all__ = ["ENTRY_SCRIPT", "DEFAULT_PORT", "LOCALHOST", "streamlit_command", "check_port", "require_streamlit"]

#: The Streamlit entry script (``st.navigation`` over the discovered pages).
ENTRY_SCRIPT = Path(__file__).with_name("entry") / "streamlit_app.py"
DEFAULT_PORT = 8501
LOCALHOST = "127.0.0.1"


def check_port(port: object) -> int:
    """A TCP port number in [1, 65535], or InvalidParameterError."""
    if isinstance(port, bool) or not isinstance(port, int) or not 1 <= port <= 65535:
        raise InvalidParameterError("port", port, "an integer from 1 to 65535")
    return port


def require_streamlit() -> None:
    """Raise a clear error when Streamlit (the ``[app]`` extra) is not installed."""
    if importlib.util.find_spec("streamlit") is None:
        raise MissingDependencyError("the web app needs Streamlit: pip install 'bargainlab[app]'")


def streamlit_command(port: int = DEFAULT_PORT, open_browser: bool = True) -> list[str]:
    """The command that serves the app on http://127.0.0.1:PORT (no usage statistics are sent).

    Examples
    --------
    >>> command = streamlit_command(8600, open_browser=False)
    >>> command[1:4], command[5:9]
    (['-m', 'streamlit', 'run'], ['--server.address', '127.0.0.1', '--server.port', '8600'])
    """
    return [
        sys.executable,
        "-m",
        "streamlit",
        "run",
        str(ENTRY_SCRIPT),
        "--server.address",
        LOCALHOST,
        "--server.port",
        str(check_port(port)),
        "--server.headless",
        "false" if open_browser else "true",
        "--browser.gatherUsageStats",
        "false",
        "--client.toolbarMode",
        "minimal",
    ]
