"""The `seminar-reg` command: the same commands as `flask --app seminar_reg`, fast help,
and one line (no traceback) for every database problem a user can cause.

Commands run in a child process, as a user runs them, against real databases: a SQLite
file, and the PostgreSQL server of the test run (a database that does not exist, a port
where nothing listens, a role that does not exist).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import uuid
from importlib.metadata import entry_points
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

from seminar_reg import create_app
from seminar_reg.cli import COMMANDS, SHORT_HELP_LIMIT, cli, load_command

from .conftest import POSTGRES_URL, require
from .ports import held_port
from .test_startup import HEAVY

ROOT = Path(__file__).resolve().parent.parent
FLASK_DEFAULTS = {"routes", "run", "shell"}


def run_cli(*args: str, database_url: str, tool: str = "") -> subprocess.CompletedProcess:
    env = dict(os.environ, PYTHONPATH=str(ROOT), DATABASE_URL=database_url, SECRET_KEY="k" * 64)
    prefix = [sys.executable, "-m", "seminar_reg"]
    if tool == "flask":
        prefix = [sys.executable, "-m", "flask", "--app", "seminar_reg"]
    return subprocess.run(
        [*prefix, *args], env=env, cwd=ROOT, capture_output=True, text=True, timeout=120
    )


def assert_one_line(completed: subprocess.CompletedProcess, *expected: str) -> str:
    assert completed.returncode == 1, (completed.stdout, completed.stderr)
    assert "Traceback" not in completed.stderr
    lines = completed.stderr.strip().splitlines()
    assert len(lines) == 1, completed.stderr
    assert lines[0].startswith("seminar_reg: database error: ")
    for part in expected:
        assert part in lines[0]
    return lines[0]


def test_the_table_lists_exactly_the_apps_commands_with_their_help(tmp_path):
    app = create_app({"TESTING": True, "SQLALCHEMY_DATABASE_URI": f"sqlite:///{tmp_path}/x"})
    assert set(COMMANDS) == set(app.cli.commands) | {"db"}
    for name, (_module, short_help) in COMMANDS.items():
        assert load_command(name).get_short_help_str(SHORT_HELP_LIMIT) == short_help, name
    # flask --app seminar_reg lists the app's commands, its own and other packages' plugins
    plugins = {point.name for point in entry_points(group="flask.commands")}
    flask_lists = set(app.cli.commands) | FLASK_DEFAULTS | plugins
    assert set(cli.list_commands(None)) == flask_lists | {"serve"}


@pytest.mark.slow
def test_help_loads_neither_the_app_nor_heavy_libraries():
    code = (
        "import json, sys\n"
        "from seminar_reg.cli import COMMANDS, cli\n"
        "for args in [['--help'], *([name, '--help'] for name in COMMANDS)]:\n"
        "    try:\n"
        "        cli.main(args, prog_name='seminar-reg')\n"
        "    except SystemExit as exit:\n"
        "        assert exit.code == 0, args\n"
        "loaded = {name.split('.')[0] for name in sys.modules}\n"
        f"print(json.dumps(sorted(loaded & set({HEAVY!r}))))\n"
    )
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    env.pop("SECRET_KEY", None)  # help needs no settings at all
    completed = subprocess.run(
        [sys.executable, "-c", code], env=env, capture_output=True, text=True, timeout=120
    )
    assert completed.returncode == 0, completed.stderr
    assert "Write name badges as one PDF" in completed.stdout
    assert json.loads(completed.stdout.strip().splitlines()[-1]) == []


@pytest.mark.slow
def test_sqlite_not_migrated_names_the_upgrade(tmp_path):
    url = f"sqlite:///{tmp_path / 'new.sqlite'}"
    assert_one_line(run_cli("headcounts", database_url=url), "run: seminar-reg db upgrade")
    line = assert_one_line(run_cli("seed-program", database_url=url, tool="flask"))
    assert line.endswith("run: flask --app seminar_reg db upgrade")


@pytest.mark.slow
def test_serve_refuses_a_database_behind_the_code(tmp_path):
    url = f"sqlite:///{tmp_path / 'new.sqlite'}"
    assert_one_line(run_cli("serve", database_url=url), "no tables yet", "db upgrade")


@pytest.mark.slow
def test_sqlite_file_that_cannot_be_opened(tmp_path):
    url = f"sqlite:///{tmp_path / 'no-such-folder' / 'x.sqlite'}"
    assert_one_line(run_cli("db", "upgrade", database_url=url), "cannot open the SQLite database")


@pytest.fixture(scope="module")
def postgres_server() -> str:
    try:
        with create_engine(POSTGRES_URL).connect() as connection:
            connection.execute(text("select 1"))
        refused = ""
    except Exception as error:  # noqa: BLE001  (any failure means: no server here)
        refused = str(error).splitlines()[0]
    require(not refused, f"PostgreSQL at {POSTGRES_URL} ({refused})")
    return POSTGRES_URL


@pytest.mark.slow
def test_postgres_missing_database_names_createdb(postgres_server):
    name = f"seminar_missing_{uuid.uuid4().hex[:8]}"
    url = make_url(postgres_server).set(database=name)
    for args in (("db", "upgrade"), ("headcounts",)):
        line = assert_one_line(
            run_cli(*args, database_url=url.render_as_string(hide_password=False))
        )
        createdb = f"createdb -h {url.host} -p {url.port or 5432} -U {url.username} {name}"
        assert line.endswith(createdb)


@pytest.mark.slow
def test_postgres_closed_port(postgres_server):
    with held_port() as holder:  # bound, never listening: connections are refused
        port = holder.getsockname()[1]
        url = make_url(postgres_server).set(host="127.0.0.1", port=port)
        line = assert_one_line(
            run_cli("seed-program", database_url=url.render_as_string(hide_password=False)),
            f"cannot reach the PostgreSQL server at 127.0.0.1:{port}",
        )
    assert "Connection refused" in line


@pytest.mark.slow
def test_postgres_unknown_user(postgres_server):
    url = make_url(postgres_server).set(username=f"nobody_{uuid.uuid4().hex[:6]}")
    assert_one_line(
        run_cli("db", "upgrade", database_url=url.render_as_string(hide_password=False)),
        f'refused user "{url.username}"',
        "check the user and password in DATABASE_URL",
    )
