# Shared by serve.sh and test.sh: a virtual environment with the project installed
# and the message catalogs compiled. Sourced, not run. Each step says what it does.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
script_name="$(basename "$0")"
step() { echo "$script_name: $*"; }
PYTHON="${PYTHON:-python3.11}"
command -v "$PYTHON" >/dev/null || PYTHON=python3
if [ ! -x .venv/bin/python ]; then
    step "creating the virtual environment .venv with $PYTHON"
    "$PYTHON" -m venv .venv
fi
step "installing seminar_reg${EXTRAS:-} and its dependencies into .venv (a few minutes the first time)"
# pip installs uv from PyPI, and uv installs the project and its dependencies: ~2 s of CPU
# where pip took ~16 s (DEVELOPING.md, "Where the time goes"). pip stays, up to date, for
# building wheels and for `.venv/bin/pip install ...` by hand. uv reads no pip.conf: behind
# a mirror, set UV_INDEX_URL (or UV_DEFAULT_INDEX) too.
.venv/bin/python -m pip install --quiet --disable-pip-version-check --upgrade pip uv
.venv/bin/python -m uv pip install --quiet --python .venv/bin/python -e ".${EXTRAS:-}"
# The app refuses to start with missing or stale catalogs, so compile them every time.
step "compiling the message catalogs (translations/*/LC_MESSAGES/messages.po)"
.venv/bin/pybabel -q compile -d translations
export FLASK_APP=seminar_reg
