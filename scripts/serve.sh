#!/usr/bin/env bash
# Install everything and serve the app on the embedded SQLite at http://127.0.0.1:5000.
# DEMO=0 skips the 165 demonstration delegates that an empty database otherwise gets.
source "$(dirname "$0")/bootstrap.sh"
.venv/bin/flask --app seminar_reg db upgrade
.venv/bin/flask --app seminar_reg seed-program
if [ "${DEMO:-1}" = "1" ] && .venv/bin/flask --app seminar_reg --help | grep -q demo-data; then
    .venv/bin/flask --app seminar_reg demo-data --if-empty
fi
exec .venv/bin/flask --app seminar_reg run --host 127.0.0.1 --port "${PORT:-5000}"
