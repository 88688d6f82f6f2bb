#!/usr/bin/env bash
# Install everything and serve the app on the embedded SQLite at http://127.0.0.1:5000
# (PORT=8080 to change the port). DEMO=0 skips the 165 demonstration delegates that an
# empty database otherwise gets.
source "$(dirname "$0")/bootstrap.sh"
# The key that signs sessions: made once, kept in the instance folder for this user only.
# The app reads it from there itself (unless SECRET_KEY is set), as every command does.
instance_dir="${SEMINAR_REG_INSTANCE:-instance}"
mkdir -p "$instance_dir"
key_file="$instance_dir/secret_key"
if [ ! -s "$key_file" ]; then
    step "making a secret key in $key_file"
    (umask 077 && .venv/bin/python -c 'import secrets; print(secrets.token_hex(32))' > "$key_file")
fi
chmod 600 "$key_file"
step "migrating the database (seminar-reg db upgrade)"
.venv/bin/seminar-reg db upgrade
step "loading the 2017 programme (seminar-reg seed-program)"
.venv/bin/seminar-reg seed-program
if [ "${DEMO:-1}" = "1" ]; then
    step "adding 165 demonstration delegates to an empty database (DEMO=0 skips this)"
    .venv/bin/seminar-reg demo-data --if-empty
fi
# A console account for trying the app; its password is kept in the instance folder.
credentials=instance/demo-admin.txt
if [ "${DEMO:-1}" = "1" ] && [ ! -f "$credentials" ]; then
    step "creating the console account admin@seminar.example"
    password=$(.venv/bin/python -c 'import secrets; print(secrets.token_urlsafe(12))')
    if echo "$password" | .venv/bin/seminar-reg create-user admin@seminar.example --role admin; then
        echo "admin@seminar.example $password" > "$credentials"
        chmod 600 "$credentials"
    fi
fi
[ -f "$credentials" ] && step "console: http://127.0.0.1:${PORT:-5000}/login as $(cat "$credentials")"
step "serving http://127.0.0.1:${PORT:-5000} (development server; Ctrl-C stops it)"
exec .venv/bin/seminar-reg run --host 127.0.0.1 --port "${PORT:-5000}"
