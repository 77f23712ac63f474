"""``bargainlab app``: serve the web app (Streamlit, extra ``[app]``), on localhost unless told otherwise."""

from __future__ import annotations

import argparse

from bargainlab.app.serve import (
    DEFAULT_PORT,
    LOCALHOST,
    check_address,
    check_base_url_path,
    check_port,
    require_streamlit,
    run_until_stopped,
    server_option,
    streamlit_command,
)
from bargainlab.cli.common import CommandGroups

__all__ = ["register"]

EPILOG = """\
Serve from a remote machine or a container with --address 0.0.0.0 --headless (then open
http://HOST:PORT); behind a proxy (JupyterHub's jupyter-server-proxy) add --base-url-path.
Any other Streamlit option: --server-option KEY=VALUE (KEY of the server section, or
section.name), or everything after -- is passed to 'streamlit run' as written.

example: bargainlab app --port 8501 --headless
example: bargainlab app --address 0.0.0.0 --headless --server-option maxUploadSize=50 -- --logger.level info"""


def register(groups: CommandGroups) -> None:
    """Register the top-level ``app`` command."""
    parser = groups.top.add_parser(
        "app",
        help="start the web app (localhost by default)",
        description=f"Start the bargainlab web app (Streamlit) on http://{LOCALHOST}:PORT; stop it with Ctrl+C.",
        epilog=EPILOG,
    )
    parser.add_argument("--port", type=int, default=DEFAULT_PORT, metavar="P", help="port to listen on")
    parser.add_argument(
        "--address",
        default=LOCALHOST,
        metavar="HOST",
        help="address to listen on: 127.0.0.1 (this machine only) or 0.0.0.0 (every interface: remote, container)",
    )
    parser.add_argument(
        "--base-url-path",
        dest="base_url_path",
        metavar="PATH",
        help="serve under this URL path (behind a proxy, e.g. user/me/proxy/8501)",
    )
    parser.add_argument(
        "--headless",
        "--no-browser",
        dest="headless",
        action="store_true",
        help="do not open a browser window (for servers and containers)",
    )
    parser.add_argument(
        "--server-option",
        dest="server_option",
        action="append",
        default=[],
        metavar="KEY=VALUE",
        help="any other Streamlit option (maxUploadSize=50, theme.base=dark); repeatable",
    )
    parser.add_argument(
        "streamlit_args",
        nargs=argparse.REMAINDER,
        metavar="-- STREAMLIT_ARGS",
        help="arguments after -- are passed to 'streamlit run' as written",
    )
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    """Run ``streamlit run`` on the entry script until it stops; return its exit code."""
    port = check_port(args.port)
    address = check_address(args.address)
    base = check_base_url_path(args.base_url_path) if args.base_url_path is not None else None
    options = [server_option(text) for text in args.server_option]
    extra = [arg for arg in args.streamlit_args if arg != "--"] if args.streamlit_args else []
    require_streamlit()
    print(f"bargainlab app on http://{address}:{port}/{base or ''} (Ctrl+C stops it)", flush=True)
    command = streamlit_command(
        port, open_browser=not args.headless, address=address, base_url_path=base, options=options, extra=extra
    )
    return run_until_stopped(command)
