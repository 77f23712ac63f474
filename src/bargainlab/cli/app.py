"""``bargainlab app``: serve the web app on localhost (Streamlit, extra ``[app]``)."""

from __future__ import annotations

import argparse
import subprocess

from bargainlab.app.serve import DEFAULT_PORT, LOCALHOST, check_port, require_streamlit, streamlit_command
from bargainlab.cli.common import CommandGroups

__all__ = ["register"]


def register(groups: CommandGroups) -> None:
    """Register the top-level ``app`` command."""
    parser = groups.top.add_parser(
        "app",
        help="start the web app on localhost",
        description="Start the bargainlab web app (Streamlit) on http://127.0.0.1:PORT; stop it with Ctrl+C.",
    )
    parser.add_argument("--port", type=int, default=DEFAULT_PORT, metavar="P", help=f"port (default {DEFAULT_PORT})")
    parser.add_argument("--no-browser", action="store_true", help="do not open a browser window")
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    """Run ``streamlit run`` on the entry script until it stops; return its exit code."""
    port = check_port(args.port)
    require_streamlit()
    print(f"bargainlab app on http://{LOCALHOST}:{port} (Ctrl+C stops it)", flush=True)
    return subprocess.call(streamlit_command(port, open_browser=not args.no_browser))
