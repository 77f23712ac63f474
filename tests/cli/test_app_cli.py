"""``bargainlab app`` passes the address, port, URL path, headless mode and any Streamlit option through."""

from __future__ import annotations

import pytest

from bargainlab.app import serve
from bargainlab.cli import app as app_command
from tests.cli.helpers import run


@pytest.fixture
def calls(monkeypatch):
    made: list[list[str]] = []
    monkeypatch.setattr(app_command, "run_until_stopped", lambda command: made.append(command) or 0)
    return made


def value(command: list[str], option: str) -> str:
    return command[command.index(option) + 1]


def test_a_remote_container_setup_reaches_streamlit(calls, capsys):
    code, out, err = run(
        [
            "app",
            "--address",
            "0.0.0.0",
            "--port",
            "8080",
            "--base-url-path",
            "/user/me/proxy/8080/",
            "--headless",
            "--server-option",
            "maxUploadSize=50",
            "--server-option",
            "theme.base=dark",
            "--",
            "--server.enableCORS",
            "false",
        ],
        capsys,
    )
    assert code == 0 and err == "" and "http://0.0.0.0:8080/user/me/proxy/8080" in out
    (command,) = calls
    assert command[1:5] == ["-m", "streamlit", "run", str(serve.ENTRY_SCRIPT)]
    assert value(command, "--server.address") == "0.0.0.0" and value(command, "--server.port") == "8080"
    assert value(command, "--server.baseUrlPath") == "user/me/proxy/8080"
    assert value(command, "--server.headless") == "true"
    assert value(command, "--server.maxUploadSize") == "50" and value(command, "--theme.base") == "dark"
    assert command[-2:] == ["--server.enableCORS", "false"]  # passed through last: they win


def test_the_defaults_stay_on_this_machine_and_open_a_browser(calls, capsys):
    code, out, _ = run(["app"], capsys)
    (command,) = calls
    assert code == 0 and "http://127.0.0.1:8501/" in out
    assert value(command, "--server.address") == "127.0.0.1" and value(command, "--server.headless") == "false"
    assert "--server.baseUrlPath" not in command


def test_no_browser_is_kept_as_an_alias_of_headless(calls, capsys):
    code, _, _ = run(["app", "--no-browser"], capsys)
    assert code == 0 and value(calls[0], "--server.headless") == "true"


@pytest.mark.parametrize(
    "argv, option",
    [
        (["--address", "not an address!"], "--address"),
        (["--address", ""], "--address"),
        (["--base-url-path", "a b"], "--base-url-path"),
        (["--server-option", "maxUploadSize"], "--server-option"),
        (["--server-option", "=5"], "--server-option"),
        (["--server-option", "bad key=5"], "--server-option"),
        (["--port", "0"], "--port"),
    ],
)
def test_bad_server_settings_are_one_line_naming_the_option(argv, option, calls, capsys):
    code, out, err = run(["app", *argv], capsys)
    assert code == 2 and not calls
    assert len(err.strip().splitlines()) == 1 and option in err


def test_addresses_accepted():
    assert serve.check_address("0.0.0.0") == "0.0.0.0"
    assert serve.check_address("::") == "::" and serve.check_address("[::1]") == "::1"
    assert serve.check_address("my-host.example.org") == "my-host.example.org"
