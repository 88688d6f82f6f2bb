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
.venv/bin/python -m pip install --quiet --disable-pip-version-check --upgrade pip
.venv/bin/python -m pip install --quiet --disable-pip-version-check -e ".${EXTRAS:-}"
# The app refuses to start with missing or stale catalogs, so compile them every time.
step "compiling the message catalogs (translations/*/LC_MESSAGES/messages.po)"
.venv/bin/pybabel -q compile -d translations
export FLASK_APP=seminar_reg
