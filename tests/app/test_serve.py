"""The command that serves the app (``bargainlab.app.serve.streamlit_command``)."""

from __future__ import annotations

from bargainlab.app.serve import server_option, streamlit_command


def test_the_server_skips_the_full_collection_after_each_run_unless_asked():
    command = streamlit_command(8600, open_browser=False)
    at = command.index("--runner.postScriptGC")
    assert command[at + 1] == "false"
    # a user's --server-option comes later on the command line, and the last occurrence wins
    again = streamlit_command(8600, open_browser=False, options=[server_option("runner.postScriptGC=true")])
    assert again.index("--runner.postScriptGC") == at and again[-2:] == ["--runner.postScriptGC", "true"]
