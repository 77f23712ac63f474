"""Shared helper of the command-line tests."""

from __future__ import annotations

from bargainlab.cli.main import main


def run(argv, capsys):
    """Run ``bargainlab argv``; return (exit code, stdout, stderr)."""
    code = main(argv)
    captured = capsys.readouterr()
    return code, captured.out, captured.err
