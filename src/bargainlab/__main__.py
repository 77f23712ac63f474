"""``python -m bargainlab`` runs the command line."""

from bargainlab.cli.main import entry

entry()
