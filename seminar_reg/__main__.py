"""``python -m seminar_reg``: the ``seminar-reg`` command."""

from .cli import main

main()
