#!/usr/bin/env bash
# Install what the tests need and run the whole suite: lint, then every test on
# SQLite, then the database tests again on PostgreSQL when a server answers.
EXTRAS="[test]"
source "$(dirname "$0")/bootstrap.sh"

# System packages for PDF rasterising and the browser tests (Debian's chromium).
missing=()
command -v pdftoppm >/dev/null || missing+=(poppler-utils)
command -v chromium >/dev/null || missing+=(chromium)
# CJK fonts for the browser, so screenshots kept for people show names, not boxes.
fc-list :lang=ja 2>/dev/null | grep -q . || missing+=(fonts-noto-cjk)
if [ ${#missing[@]} -gt 0 ]; then
    if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null; then
        step "installing Debian packages ${missing[*]} with apt-get (as root)"
        apt-get update -qq
        DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
    else
        echo "test.sh: please install ${missing[*]} (Debian packages)" >&2
        exit 1
    fi
fi

step "linting with ruff"
.venv/bin/ruff check .

# Keep compiled modules (and pytest's rewritten test modules) in __pycache__, ignored by
# git, even where the environment says otherwise: every xdist worker and the PostgreSQL
# pass would compile them all again (~4 s of CPU per process).
unset PYTHONDONTWRITEBYTECODE

run_pytest() {
    local status=0
    .venv/bin/python -m pytest "$@" || status=$?
    if [ "$status" = "5" ]; then
        echo "test.sh: pytest collected no tests" >&2
        exit 1
    fi
    return "$status"
}

# Tests run in parallel (pytest-xdist), each worker on a database of its own;
# TEST_WORKERS=0 runs them in this process. A file's tests stay on one worker, so its
# module fixtures (a private PostgreSQL, a rasterised sheet) are built once.
workers=(-n "${TEST_WORKERS:-auto}" --dist loadfile)

step "running every test on a SQLite file (see README.md for how long this takes)"
run_pytest -p no:cacheprovider "${workers[@]}" "$@"

pg_url="${TEST_POSTGRES_URL:-postgresql+psycopg://postgres@127.0.0.1:5432/test}"
if .venv/bin/python - "$pg_url" <<'PY' 2>/dev/null
import sys
from sqlalchemy import create_engine, text
with create_engine(sys.argv[1]).connect() as connection:
    connection.execute(text("select 1"))
PY
then
    step "running the database tests again on PostgreSQL at $pg_url"
    SEMINAR_TEST_DATABASE=postgresql TEST_POSTGRES_URL="$pg_url" \
        run_pytest -p no:cacheprovider "${workers[@]}" -m db "$@"
else
    echo "test.sh: no PostgreSQL at $pg_url; database tests ran on SQLite only" >&2
    if [ "${CI:-}" = "true" ]; then exit 1; fi
fi
