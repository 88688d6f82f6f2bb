"""Where a registration POST's time goes, in one process, beside the bare INSERT.

    .venv/bin/python benchmarks/profile_registration.py [--database sqlite|postgresql]
        [--count 200] [--profile 30] [--wall] [--dump FILE]

The database is prepared as benchmarks/requests.py prepares its first one (programme,
1,000 demo delegates), and the app is the one its gunicorn serves, the bare Flask app
mounted at /bare/ on the same engine. Both are called as gunicorn's sync worker calls
them (``app(environ, start_response)``, then the answer's chunks), with the environ a
urllib or http.client request makes and the cookies the page set, alternating; the
registration is the form the page renders, filled in as that benchmark's client fills
it, a new address each time. Between them, the registration's floor (benchmarks/floor.py):
the fixed stack's form, CSRF and session with the bare INSERT, the registration's SQL
alone, and both. Timed: until the answer's last byte. The mail a registration
queues is sent after that (``call_on_close``: gunicorn runs it before the worker takes
its next request), timed apart. Until 2 December 2026 the calls went through Werkzeug's
test client, whose own work (its cookie jar, its response object) counted too.

Printed: median CPU (process) and wall time of each, and their ratio, and the CPU of the
registration's work after its answer; the median wall time of each statement of a
registration and of its commit; the median CPU of each part of a registration (functions
timed where they are: a part whose function moved is reported "not found" or "not
called", not left out silently); with ``--profile N``, cProfile (by CPU time, or
``--wall``) of the registrations alone, the N functions with the most cumulative and
the N with the most own time.
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
import urllib.parse
from pathlib import Path

from werkzeug.test import EnvironBuilder

ROOT = Path(__file__).resolve().parent.parent
sys.path[:] = [p for p in sys.path if Path(p or ".").resolve() != ROOT / "benchmarks"]
sys.path.insert(0, str(ROOT))

from benchmarks import registration_parts as phases  # noqa: E402
from benchmarks import requests as bench  # noqa: E402
from benchmarks.load_registrations import fresh_postgresql, fresh_sqlite  # noqa: E402
from benchmarks.request_client import (  # noqa: E402
    FILLED,
    FORM,
    USER_AGENT,
    Browser,
    _replace,
    form_fields,
)

BASE = "http://127.0.0.1:8000"


def _served_app(url: str, outbox: Path):
    os.environ.update(
        DATABASE_URL=url,
        SECRET_KEY=bench.SECRET_KEY,
        RATELIMIT_ENABLED="0",
        OUTBOX_DIRECTORY=str(outbox),
    )
    return bench.server_app()


class _FileWrapper:  # gunicorn's wsgi.file_wrapper, which mail/__init__ looks for
    pass


class _Answered:
    """An answer whose last byte has been handed over; ``close`` does what the worker does
    next: asks for the remaining chunks and closes the iterable (the mail's work)."""

    def __init__(self, status: int, body: bytes, rest, iterable) -> None:
        self.status, self.body, self._rest, self._iterable = status, body, rest, iterable

    def close(self) -> None:
        for _chunk in self._rest:
            pass
        if hasattr(self._iterable, "close"):
            self._iterable.close()


class WorkerCalls:
    """Requests as gunicorn's sync worker makes them of the app: the environ built before
    the clock (as the server's parser does it, not timed here either), cookies kept by hand
    as benchmarks/request_client.Browser keeps them."""

    def __init__(self, app) -> None:
        self.app, self.browser = app, Browser()

    def __call__(self, method: str, path: str, data: list | None = None) -> _Answered:
        headers = {"User-Agent": USER_AGENT, "Connection": "close", **self.browser.header()}
        body = urllib.parse.urlencode(data).encode() if data is not None else None
        if body is not None:
            headers.update({"Content-Type": FORM, "Referer": BASE + path})
        environ = EnvironBuilder(
            path=path, method=method, data=body, headers=headers, base_url=BASE
        ).get_environ()
        environ["wsgi.file_wrapper"] = _FileWrapper
        return self.call(environ)

    def call(self, environ) -> _Answered:
        started: dict = {}

        def start_response(status, headers, exc_info=None):
            started.update(status=int(status.split()[0]), headers=headers)

        iterable = self.app(environ, start_response)
        chunks = iter(iterable)
        length = dict(started["headers"]).get("Content-Length")
        body = b""
        while length is None or len(body) < int(length):  # the answer's bytes, no more
            chunk = next(chunks, None)
            if chunk is None:
                break
            body += chunk
        self.browser.keep([v for k, v in started["headers"] if k.lower() == "set-cookie"])
        return _Answered(started["status"], body, chunks, iterable)


def _timed(call) -> tuple[float, float, float]:
    """CPU and wall seconds until the answer's last byte, then the CPU of the work after."""
    cpu, wall = time.process_time(), time.perf_counter()
    answered = call()
    cpu, wall = time.process_time() - cpu, time.perf_counter() - wall
    after = time.process_time()
    answered.close()  # the mail sent after the response, timed apart
    return cpu, wall, time.process_time() - after


def measure(url: str, count: int, profile: int, outbox: Path, wall: bool, dump: str) -> None:
    from seminar_reg.registration.demo import demo_delegates

    people = demo_delegates(500, 500)
    bench.prepare_database(url, people)
    app = _served_app(url, outbox)
    calls = WorkerCalls(app)
    page = calls("GET", "/register/japan?lang=ja")
    page.close()
    fields = _replace(form_fields(page.body.decode()), **FILLED)
    numbers = iter(range(1, 10**9))

    def register():
        data = _replace(fields, email=f"profile-{next(numbers)}@seminar.example")
        answered = calls("POST", "/register/japan?lang=ja", data)
        assert answered.status == 302, answered.body.decode()[:500]
        return answered

    def insert():
        answered = calls("POST", "/bare/insert", [])
        assert answered.status == 204
        return answered

    asks = {"bare INSERT": insert, **_floors(app, numbers), "registration POST": register}
    for _ in range(10):  # warm up: caches, pool, the first import of anything lazy
        for ask in asks.values():
            _timed(ask)
    times: dict[str, list[tuple[float, float, float]]] = {name: [] for name in asks}
    for _ in range(count):
        for name, ask in asks.items():
            times[name].append(_timed(ask))
    base_cpu = statistics.median(cpu for cpu, _wall, _after in times["bare INSERT"])
    base_wall = statistics.median(wall for _cpu, wall, _after in times["bare INSERT"])
    for name, values in times.items():
        cpu = statistics.median(c for c, _w, _a in values)
        wall = statistics.median(w for _c, w, _a in values)
        after = statistics.median(a for _c, _w, a in values)
        print(
            f"{name:<22} median CPU {cpu * 1000:6.2f} ms ({cpu / base_cpu:4.2f}x)   "
            f"wall {wall * 1000:6.2f} ms ({wall / base_wall:4.2f}x)   "
            f"after the answer: CPU {after * 1000:6.2f} ms"
        )
    _statement_times(app, register, count)
    phases.phase_times(register, count)
    if profile:
        # CPU time by default: on a shared machine, wall time also counts other processes'
        # turns (and, on PostgreSQL, the waits for each statement's answer).
        profiler = cProfile.Profile(time.perf_counter if wall else time.process_time)
        for _ in range(count):
            answered = profiler.runcall(register)
            answered.close()
        stats = pstats.Stats(profiler)
        if dump:
            stats.dump_stats(dump)
        stats.sort_stats("cumulative").print_stats(profile)
        stats.sort_stats("tottime").print_stats(profile)


def _floors(app, numbers) -> dict:
    """The registration's floor (benchmarks/floor.py), asked with its own session: the
    form, CSRF and session with the bare INSERT; the registration's SQL alone; both."""
    calls = WorkerCalls(app)
    page = calls("GET", "/bare/form/?lang=ja")
    page.close()
    fields = _replace(form_fields(page.body.decode()), **FILLED)

    def ask(path: str, want: int, filled: bool = True):
        def call():
            data = _replace(fields, email=f"floor-{next(numbers)}@seminar.example")
            answered = calls("POST", path, data if filled else [])
            assert answered.status == want, answered.body.decode()[:500]
            return answered

        return call

    return {
        "floor: form + INSERT": ask("/bare/form/?lang=ja", 302),
        "floor: the SQL": ask("/bare/statements", 204, filled=False),
        "floor: form + SQL": ask("/bare/form/statements?lang=ja", 302),
    }


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
        del engine.dialect.do_commit  # the class's again (the parts time it there)
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
