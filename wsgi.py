"""WSGI entry point: ``gunicorn --preload -w 4 -b 127.0.0.1:8000 wsgi:app``.

The app is warmed before it serves (seminar_reg/warmup.py); with ``--preload`` the master
does it once and the workers share it, without it each worker does it as it starts."""

from seminar_reg.warmup import warmed_app

app = warmed_app()
