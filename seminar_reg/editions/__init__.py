"""Editions of the series in the console and on the command line: the list with their
figures, the switcher that picks which edition the console shows, creating the next
edition and making one current. The records are program's (`program.models.Seminar`,
`program.editions` copies and switches); this package adds what needs delegates."""

from flask import Blueprint

bp = Blueprint("editions", __name__, cli_group=None)

from . import cli, routes  # noqa: E402,F401  (commands and routes attach themselves to bp)
