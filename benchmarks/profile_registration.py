"""Where a registration POST's time goes, in one process, beside the bare INSERT.

    .venv/bin/python benchmarks/profile_registration.py [--database sqlite|postgresql]
        [--count 200] [--profile 30] [--wall] [--dump FILE]

The database is prepared as benchmarks/requests.py prepares its first one (programme,
1,000 demo delegates), and the app is the one its gunicorn serves, the bare Flask app
mounted at /bare/ on the same engine. Both requests go through Werkzeug's test client
(the same overhead for each), alternating; the registration is the form the page
renders, filled in as that benchmark's client fills it, a new address each time. The
mail a registration queues is sent after the response (``call_on_close``), outside the
timed part, as gunicorn does. Printed: median CPU (process) and wall time of each, and
their ratio, then the median wall time of each statement of a registration and of its
commit; with ``--profile N``, cProfile (by CPU time, or ``--wall``) of the registrations
alone, the N functions with the most cumulative and the N with the most own time.
"""

from __future__ import annotations

import argparse
import contextlib
import cProfile
import os
import pstats
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:] = [p for p in sys.path if Path(p or ".").resolve() != ROOT / "benchmarks"]
sys.path.insert(0, str(ROOT))

from benchmarks import requests as bench  # noqa: E402
from benchmarks.load_registrations import fresh_postgresql, fresh_sqlite  # noqa: E402
from benchmarks.request_client import _replace, form_fields  # noqa: E402

FILLED = {
    "family_name": "田中",
    "given_name": "一郎",
    "family_reading": "たなか",
    "given_reading": "いちろう",
    "organization": "北九州市役所",
    "organization_type": "local_government",
    "title": "課長",
    "role": "delegate",
    "dietary": "none",
    "item_codes": "plenary",
    "consent": "y",
}


def _served_app(url: str, outbox: Path):
    os.environ.update(
        DATABASE_URL=url,
        SECRET_KEY=bench.SECRET_KEY,
        RATELIMIT_ENABLED="0",
        OUTBOX_DIRECTORY=str(outbox),
    )
    return bench.server_app()


def _timed(call) -> tuple[float, float]:
    cpu, wall = time.process_time(), time.perf_counter()
    response = call()
    cpu, wall = time.process_time() - cpu, time.perf_counter() - wall
    response.close()  # the mail sent after the response, untimed
    return cpu, wall


def measure(url: str, count: int, profile: int, outbox: Path, wall: bool, dump: str) -> None:
    from werkzeug.datastructures import MultiDict

    from seminar_reg.registration.demo import demo_delegates

    people = demo_delegates(500, 500)
    bench.prepare_database(url, people)
    app = _served_app(url, outbox)
    client = app.test_client()
    page = client.get("/register/japan?lang=ja").get_data(as_text=True)
    fields = _replace(form_fields(page), **FILLED)
    numbers = iter(range(1, 10**9))

    def register():
        data = MultiDict(_replace(fields, email=f"profile-{next(numbers)}@seminar.example"))
        response = client.post("/register/japan?lang=ja", data=data, buffered=False)
        assert response.status_code == 302, response.get_data(as_text=True)[:500]
        return response

    def insert():
        response = client.post("/bare/insert", buffered=False)
        assert response.status_code == 204
        return response

    for _ in range(10):  # warm up: caches, pool, the first import of anything lazy
        _timed(register), _timed(insert)
    times: dict[str, list[tuple[float, float]]] = {"bare INSERT": [], "registration POST": []}
    for _ in range(count):
        times["bare INSERT"].append(_timed(insert))
        times["registration POST"].append(_timed(register))
    base_cpu = statistics.median(cpu for cpu, _wall in times["bare INSERT"])
    base_wall = statistics.median(wall for _cpu, wall in times["bare INSERT"])
    for name, values in times.items():
        cpu = statistics.median(c for c, _w in values)
        wall = statistics.median(w for _c, w in values)
        print(
            f"{name:<18} median CPU {cpu * 1000:6.2f} ms ({cpu / base_cpu:4.2f}x)   "
            f"wall {wall * 1000:6.2f} ms ({wall / base_wall:4.2f}x)"
        )
    _statement_times(app, register, count)
    _phase_times(app, register, count)
    if profile:
        # CPU time by default: on a shared machine, wall time also counts other processes'
        # turns (and, on PostgreSQL, the waits for each statement's answer).
        profiler = cProfile.Profile(time.perf_counter if wall else time.process_time)
        for _ in range(count):
            response = profiler.runcall(register)
            response.close()
        stats = pstats.Stats(profiler)
        if dump:
            stats.dump_stats(dump)
        stats.sort_stats("cumulative").print_stats(profile)
        stats.sort_stats("tottime").print_stats(profile)


def _phases(engine) -> dict[str, tuple[object, str]]:
    """What a registration does, by part: (owner, attribute) of the function timed. Those
    named with a leading space are inside the part above them."""
    import flask.ctx
    import flask_wtf.csrf
    from sqlalchemy.orm import Session

    from seminar_reg.registration import forms, operations, places, routes

    return {
        "request context, session cookie read": (flask.ctx.RequestContext, "push"),
        "CSRF check": (flask_wtf.csrf.CSRFProtect, "protect"),
        "seminar and items read (1 statement)": (routes, "current_programme_or_404"),
        "form built (26 fields, choices)": (routes, "_form"),
        "form validated": (forms.DelegateForm, "validate"),
        "rules checked (items, audience)": (operations, "check"),
        "items' lock (1 statement)": (places, "lock_items"),
        "delegate made (names derived, token)": (operations, "_new_delegate"),
        "stored and committed": (Session, "commit"),
        "  ORM flush: delegate, place (2 statements)": (Session, "flush"),
        "  the database's COMMIT": (engine.dialect, "do_commit"),
    }


def _phase_times(app, register, count: int) -> None:
    """Median CPU of each part of a registration, and of what the parts leave."""
    from seminar_reg.extensions import db

    with app.app_context():
        phases = _phases(db.engine)
    spent: dict[str, float] = {}
    originals = []

    def timed(name, function):
        def wrapper(*args, **kwargs):
            begun = time.process_time()
            try:
                return function(*args, **kwargs)
            finally:
                spent[name] = spent.get(name, 0.0) + time.process_time() - begun

        return wrapper

    for name, (owner, attribute) in phases.items():
        # A class's own function (not a bound one), to put back as it was.
        original = vars(owner)[attribute] if isinstance(owner, type) else getattr(owner, attribute)
        originals.append((owner, attribute, original))
        setattr(owner, attribute, timed(name, original))
    per_phase: dict[str, list[float]] = {name: [] for name in [*phases, "whole", "rest"]}
    try:
        for _ in range(count):
            spent.clear()
            begun = time.process_time()
            response = register()
            whole = time.process_time() - begun
            response.close()
            for name in phases:
                per_phase[name].append(spent.get(name, 0.0))
            parts = sum(spent.get(name, 0.0) for name in phases if not name.startswith(" "))
            per_phase["whole"].append(whole)
            per_phase["rest"].append(whole - parts)
    finally:
        for owner, attribute, original in originals:
            setattr(owner, attribute, original)
    medians = {name: statistics.median(values) for name, values in per_phase.items()}
    whole = medians.pop("whole")
    rest = medians.pop("rest")
    print(f"registration's parts (median CPU ms of each; the whole's median {whole * 1000:.2f}):")
    for name, value in medians.items():
        print(f"  {value * 1000:6.2f}  {name}")
    print(f"  {rest * 1000:6.2f}  the rest (Flask, Werkzeug and its test client, hooks)")


def _statement_times(app, register, count: int) -> None:
    """Median wall time of each statement of a registration, and of its commit."""
    from sqlalchemy import event

    from seminar_reg.extensions import db

    with app.app_context():
        engine = db.engine
    times: dict[str, list[float]] = {}
    started: list[float] = []
    timing = [False]  # only the request's statements, not those of the mail sent after it

    def before(*_args):
        started.append(time.perf_counter())

    def after(_conn, _cursor, statement, *_args):
        if timing[0]:
            key = " ".join(statement.split())[:70]
            times.setdefault(key, []).append(time.perf_counter() - started[-1])
        started.pop()

    listeners = [("before_cursor_execute", before), ("after_cursor_execute", after)]
    for name, listener in listeners:
        event.listen(engine, name, listener)
    original = engine.dialect.do_commit

    def do_commit(dbapi_connection):  # the DBAPI commit itself (the engine has no event after it)
        begun = time.perf_counter()
        original(dbapi_connection)
        if timing[0]:
            times.setdefault("COMMIT", []).append(time.perf_counter() - begun)

    engine.dialect.do_commit = do_commit
    try:
        for _ in range(count):
            timing[0] = True
            response = register()
            timing[0] = False
            response.close()
    finally:
        engine.dialect.do_commit = original
        for name, listener in listeners:
            event.remove(engine, name, listener)
    print("statement (per registration, median wall ms):")
    for key, values in times.items():
        print(f"  {statistics.median(values) * 1000:7.2f}  x{len(values) / count:.1f}  {key}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--database", choices=("sqlite", "postgresql"), default="sqlite")
    parser.add_argument("--count", type=int, default=200)
    parser.add_argument("--profile", type=int, default=0)
    parser.add_argument("--wall", action="store_true", help="profile by wall time, not CPU")
    parser.add_argument("--dump", default="", help="also write the profile to this file")
    args = parser.parse_args()
    fresh = fresh_postgresql if args.database == "postgresql" else fresh_sqlite
    with fresh() as url, contextlib.ExitStack() as stack:
        import tempfile

        outbox = Path(stack.enter_context(tempfile.TemporaryDirectory(prefix="profile-")))
        print(f"== {args.database}: {args.count} of each, alternating, in one process ==")
        measure(url, args.count, args.profile, outbox, args.wall, args.dump)
    return 0


if __name__ == "__main__":
    sys.exit(main())
