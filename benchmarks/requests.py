"""Request benchmark: the app's pages and writes beside a bare Flask INSERT, one run each.

    .venv/bin/python benchmarks/requests.py [--database both|sqlite|postgresql]
        [--rounds 60] [--workers 4] [--time-limit 900] [--writes-only | --pages-only]

For each database: a fresh one (a new PostgreSQL database on BENCH_POSTGRES_URL, default
postgres@127.0.0.1:5432, or a temporary SQLite file), migrated, the programme loaded and
1,000 demo delegates. One gunicorn (the README's production recipe: 4 sync workers) serves
the app and, beside it on the same server, process and database engine (same pool, same
connection settings), a BARE Flask app with no extensions at /bare/:

* ``POST /bare/insert``: one INSERT of one row, committed (the baseline);
* ``GET /bare/render/<page>``: a template of the same size as the app's page (its lines
  rendered by a bare Jinja loop): the baseline for GET /register/<side> and /program;
* the registration POST's floor (benchmarks/floor.py): ``POST /bare/form/`` (Flask-WTF's
  form of the registration's 26 fields, CSRF in a Flask session, Flask-Babel, then the
  bare INSERT), ``POST /bare/statements`` (the registration's SQL alone, as Core) and
  ``POST /bare/form/statements`` (both), asked in every run that asks the registration.

A second database holds 10,000 demo delegates (the first 1,000 and 9,000 more), served
by a second gunicorn like the first, running at the same time. One client (its own
sessions: a visitor, a delegate with a personal link, an admin on each server) asks in
rotation, one request at a time, so every endpoint sees the same machine load: each
round asks every endpoint once, the console's pages at 1,000 and at 10,000 delegates in
the same round (until 2 December 2026 the 10,000 rounds followed the 1,000 ones, and the
load could change between the two). Every request takes the client's one path
(benchmarks/request_client.py: http.client, cookies kept by hand, timed from the connect
to the answer's last byte) and, untimed, the client waits until the worker has closed the
connection (after its work after the response, a registration's mail) before the next.
For each: median and p95 (ms), throughput (requests a second of that endpoint's own time,
one client) and the ratio of the median to the bare INSERT's (pages also to their bare
render); then, for each path of the first server, the client's own CPU in the timed part
and how long the worker stayed busy after its answer. ``--writes-only`` (a few minutes less):
the first server alone, asked for the bare INSERT, the registration POST and /my save.
``--pages-only`` (likewise): the first server alone, asked for the bare INSERT, the bare
renders, GET /, GET /program and GET /register/japan.
"""

from __future__ import annotations

import argparse
import contextlib
import io
import os
import statistics
import sys
import tempfile
import time
import urllib.parse
import uuid
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
# This file is named requests.py: keep its folder off the path so no library finds it.
sys.path[:] = [p for p in sys.path if Path(p or ".").resolve() != ROOT / "benchmarks"]
sys.path.insert(0, str(ROOT))

from benchmarks.checkin_scans import free_port, percentile, stop_server  # noqa: E402
from benchmarks.floor import FLOORS, floor_ratios  # noqa: E402
from benchmarks.load_registrations import fresh_postgresql, fresh_sqlite  # noqa: E402
from benchmarks.request_client import Client  # noqa: E402

ADMIN = ("bench-admin@seminar.example", "benchmark admin password 2017")
PAGES_ENV = "BENCH_PAGES_DIRECTORY"
TABLE = "bench_bare_row"
SEARCH = urllib.parse.quote("田中")  # a family name of the demo data, URL-encoded
# One signing key for the preparation and the server, as in production: personal links
# derive from it (the self-service delegate's link opens only under the same key), and a
# delegate's mail is composed when sent, with the link derived under this key (a mail
# queued under another key would issue a new link, ending the self-service session's).
SECRET_KEY = uuid.uuid4().hex * 2


# --- the server side (imported by gunicorn: benchmarks.requests:server_app()) -------------


def _bare_table():
    from sqlalchemy import Column, Integer, MetaData, String, Table

    return Table(TABLE, MetaData(), Column("id", Integer, primary_key=True), Column("v", String))


def bare_app(engine):
    """Flask and one INSERT, nothing else: no sessions, CSRF, Babel or login."""
    from flask import Flask, render_template_string
    from markupsafe import Markup

    from benchmarks.floor import RegistrationStatements

    bare, table = Flask("bare"), _bare_table()
    registration_statements = RegistrationStatements(engine)
    pages: dict[str, list] = {}
    loop = "{% for line in lines %}{{ line }}\n{% endfor %}"

    def insert_row():
        with engine.begin() as connection:
            connection.execute(table.insert().values(v=uuid.uuid4().hex))

    @bare.post("/insert")
    def insert():
        insert_row()
        return "", 204

    @bare.post("/statements")
    def statements():
        registration_statements()
        return "", 204

    @bare.get("/render/<page>")
    def render(page: str):
        if page not in pages:
            text = (Path(os.environ[PAGES_ENV]) / f"{page}.html").read_text()
            pages[page] = [Markup(line) for line in text.splitlines()]
        return render_template_string(loop, lines=pages[page])

    bare.floor_stores = (insert_row, registration_statements)  # for the form floor's app
    return bare


def server_app():
    from werkzeug.middleware.dispatcher import DispatcherMiddleware

    from seminar_reg.extensions import db
    from seminar_reg.warmup import warmed_app

    # As production serves it (`seminar-reg serve`): built and warmed once in gunicorn's
    # master (--preload), so no worker's first request of a kind pays for lazy imports
    # and template compiling; four such cold requests out of 100 reached the p95.
    app = warmed_app()
    with app.app_context():
        engine = db.engine
    from benchmarks.floor import form_app

    bare = bare_app(engine)
    floor = form_app(app.secret_key, *bare.floor_stores)
    app.wsgi_app = DispatcherMiddleware(app.wsgi_app, {"/bare": bare, "/bare/form": floor})
    return app


# --- the database ----------------------------------------------------------------------------


def _app(url: str):
    from seminar_reg import create_app

    return create_app(
        {"SQLALCHEMY_DATABASE_URI": url, "RATELIMIT_ENABLED": False, "SECRET_KEY": SECRET_KEY}
    )


def prepare_database(url: str, delegates: list) -> str:
    """Migrate, seed, store *delegates*, an admin and one self-service delegate: its token."""
    from flask_migrate import upgrade

    from benchmarks.floor import add_floor_seminar
    from seminar_reg.auth.operations import create_user
    from seminar_reg.extensions import db
    from seminar_reg.program.queries import current_seminar
    from seminar_reg.program.seeding import seed_program
    from seminar_reg.registration import operations
    from seminar_reg.registration.importer import store_rows

    app = _app(url)
    with app.app_context(), contextlib.redirect_stderr(io.StringIO()):
        upgrade()
        seed_program()
        _bare_table().metadata.create_all(db.engine)
        with db.engine.begin() as connection:
            add_floor_seminar(connection)
        store_rows(current_seminar(), delegates)
        create_user(*ADMIN, "admin")
        _delegate, token = operations.register(current_seminar(), _self_service_delegate())
        db.engine.dispose()
    return token


def _self_service_delegate():
    from seminar_reg.registration.demo import demo_delegates

    data = demo_delegates(1, 0, seed=99)[0]
    return data.__class__(**{**data.__dict__, "email": "bench-my@seminar.example"})


# --- the run -----------------------------------------------------------------------------------


def start(url: str, port: int, workers: int, pages: Path, outbox: str):
    import subprocess

    from benchmarks.checkin_scans import _wait_until_serving

    env = dict(
        os.environ,
        DATABASE_URL=url,
        SECRET_KEY=SECRET_KEY,
        RATELIMIT_ENABLED="0",
        OUTBOX_DIRECTORY=str(pages / outbox),
        **{PAGES_ENV: str(pages)},
    )
    gunicorn = os.path.join(os.path.dirname(sys.executable), "gunicorn")
    command = [
        *(gunicorn, "-w", str(workers), "-b", f"127.0.0.1:{port}", "--log-level", "warning"),
        "--preload",
    ]
    server = subprocess.Popen(
        [*command, "benchmarks.requests:server_app()"],
        cwd=ROOT,
        env=env,
        start_new_session=True,
        stdout=subprocess.DEVNULL,
    )
    try:
        _wait_until_serving(server, port, time.monotonic() + 120)
    except BaseException:
        stop_server(server)
        raise
    return server


def rounds(endpoints: dict, count: int, deadline: float) -> dict[str, list]:
    times: dict[str, list] = {name: [] for name in endpoints}
    for _ in range(count):
        for name, ask in endpoints.items():
            if time.monotonic() > deadline:
                raise SystemExit("requests: time limit reached")
            times[name].append(ask())
    return times


def floors(client: Client) -> dict:
    """The registration POST's floor (benchmarks/floor.py): the fixed stack's form, CSRF
    and session alone; the registration's SQL alone; both."""
    asks = (client.floor_form, client.floor_statements, client.floor_form_statements)
    return dict(zip(FLOORS, asks, strict=True))


def endpoints_at(client: Client, size: int) -> dict:
    lookup = f"/console/checkin/plenary/lookup?q={SEARCH}"
    return {
        f"console delegate list, {size:,}": lambda: client.get("/console/delegates"),
        f"console list page 10, {size:,}": lambda: client.get("/console/delegates?page=10"),
        f"console search, {size:,}": lambda: client.get(f"/console/delegates?query={SEARCH}"),
        f"dashboard JSON, {size:,}": lambda: client.get("/console/headcounts.json"),
        f"desk look-up, {size:,}": lambda: client.get(lookup),
    }


def bench(backend: str, args: argparse.Namespace) -> tuple[list[tuple[str, list]], dict]:
    """The timings of each endpoint, in order, and the first client's answers by path."""
    from seminar_reg.registration.demo import demo_delegates

    deadline = time.monotonic() + args.time_limit
    people = demo_delegates(5_000, 5_000)
    fresh = fresh_postgresql if backend == "postgresql" else fresh_sqlite
    with contextlib.ExitStack() as stack:
        one = args.writes_only or args.pages_only
        urls = [stack.enter_context(fresh()) for _ in range(1 if one else 2)]
        pages = Path(stack.enter_context(tempfile.TemporaryDirectory(prefix="seminar-requests-")))
        token = prepare_database(urls[0], people[:500] + people[5_000:5_500])
        if not one:
            prepare_database(urls[1], people)
        servers = []
        stack.callback(lambda: [stop_server(server) for server in servers])
        clients = []
        for url, outbox in zip(urls, ("outbox-1000", "outbox-10000"), strict=False):
            port = free_port()
            servers.append(start(url, port, args.workers, pages, outbox))
            clients.append(Client(f"http://127.0.0.1:{port}"))
        client = clients[0]
        client.open_self_service(token)
        if args.writes_only:
            writes = {
                "bare INSERT (baseline)": client.bare_insert,
                **floors(client),
                "registration POST": client.register,
                "/my save": client.save_my,
            }
            return list(rounds(writes, args.rounds, deadline).items()), client.answers
        client.save_page("/register/japan?lang=ja", pages / "register.html")
        client.save_page("/program?lang=ja", pages / "program.html")
        read_pages = {
            "bare INSERT (baseline)": client.bare_insert,
            "bare render, size of /register": lambda: client.get("/bare/render/register"),
            "bare render, size of /program": lambda: client.get("/bare/render/program"),
            "GET /": lambda: client.get("/?lang=ja"),
            "GET /program": lambda: client.get("/program?lang=ja"),
            "GET /register/japan": lambda: client.get("/register/japan?lang=ja"),
        }
        if args.pages_only:
            return list(rounds(read_pages, args.rounds, deadline).items()), client.answers
        at_10_000 = clients[1]
        client.log_in(*ADMIN)
        at_10_000.log_in(*ADMIN)
        endpoints = {
            **read_pages,
            **floors(client),
            "registration POST": client.register,
            "/my save": client.save_my,
            "trivial logged-in GET": lambda: client.get("/console/checkin/csrf-token"),
            **endpoints_at(client, 1_000),
            "bare INSERT (baseline), 10,000": at_10_000.bare_insert,
            **endpoints_at(at_10_000, 10_000),
        }
        return list(rounds(endpoints, args.rounds, deadline).items()), client.answers


def report(
    backend: str, results: list[tuple[str, list]], answers: dict, workers: int, rounds: int
) -> None:
    medians = {name: statistics.median(values) for name, values in results}
    p95 = {name: percentile(values, 0.95) for name, values in results}
    base = medians["bare INSERT (baseline)"]
    print(f"\n== {backend}: gunicorn -w {workers}, one client, {rounds} rounds ==")
    print("| request | median ms | p95 ms | req/s | x bare INSERT |")
    print("|---|---:|---:|---:|---:|")
    for name, values in results:
        throughput = len(values) / sum(values)
        print(
            f"| {name} | {medians[name] * 1000:.2f} | {p95[name] * 1000:.2f} | "
            f"{throughput:.0f} | {medians[name] / base:.2f} |"
        )
    _client_and_after(answers)
    if "GET /program" not in medians:  # --writes-only
        post = medians["registration POST"] / base
        print(f"registration POST / bare INSERT (median): {post:.2f}x (target <= 2)")
        print(floor_ratios(medians))
        return
    for page, bare in (("/register/japan", "/register"), ("/program", "/program")):
        ratio = medians[f"GET {page}"] / medians[f"bare render, size of {bare}"]
        print(f"GET {page} / bare render of its size (median): {ratio:.2f}x (target <= 3)")
    if "registration POST" not in medians:  # --pages-only
        return
    post = medians["registration POST"] / base
    print(f"registration POST / bare INSERT (median): {post:.2f}x (target <= 2)")
    print(floor_ratios(medians))
    for what in ("console delegate list", "console search", "dashboard JSON", "desk look-up"):
        ratio = p95[f"{what}, 10,000"] / p95[f"{what}, 1,000"]
        print(f"{what}: p95 at 10,000 / p95 at 1,000: {ratio:.2f}x (target <= 2)")


def _client_and_after(answers: dict) -> None:
    """Beside the timings (the first server's requests): the client's own CPU within them,
    and how long each worker stayed busy after its answer (a registration's mail); medians."""
    print("| request (first server) | client CPU in the timed part, ms | worker busy after, ms |")
    print("|---|---:|---:|")
    for path, done in answers.items():
        cpu = statistics.median(answer.cpu for answer in done)
        busy = statistics.median(answer.busy for answer in done)
        print(f"| {path} | {cpu * 1000:.2f} | {busy * 1000:.2f} |")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--database", choices=("both", "sqlite", "postgresql"), default="both")
    parser.add_argument("--rounds", type=int, default=60)
    parser.add_argument("--workers", type=int, default=4)
    parser.add_argument("--time-limit", type=float, default=900.0)
    parser.add_argument(
        "--writes-only",
        action="store_true",
        help="quick: one server, the bare INSERT, the registration POST and /my save only",
    )
    parser.add_argument(
        "--pages-only",
        action="store_true",
        help="quick: one server, the bare INSERT and renders, GET /, /program and /register",
    )
    args = parser.parse_args()
    if args.writes_only and args.pages_only:
        parser.error("--writes-only and --pages-only: choose one")
    backends = ("sqlite", "postgresql") if args.database == "both" else (args.database,)
    for backend in backends:
        report(backend, *bench(backend, args), args.workers, args.rounds)
    return 0


if __name__ == "__main__":
    sys.exit(main())
