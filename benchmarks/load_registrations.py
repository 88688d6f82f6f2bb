"""Registration under load: gunicorn with 4 workers, 500 concurrent registrations.

    .venv/bin/python benchmarks/load_registrations.py [--database both|postgresql|sqlite]
        [--registrations 500] [--capacity 100] [--concurrency 500] [--workers 4]

For each database the script makes a fresh one (a new PostgreSQL database on
BENCH_POSTGRES_URL, default postgres@127.0.0.1:5432, or a new SQLite file), migrates
it, loads the programme, sets the capacity of the ``site-visit`` item and starts
``gunicorn --preload -w 4 wsgi:app`` on a free loopback port with rate limiting off
(RATELIMIT_ENABLED=0) and CSRF on. Then:

1. BASELINE: GET /program, as many requests and as concurrent as the registrations,
   on the same server: what the server costs without the database writing.
2. Every client fetches the Chinese-side form (its own session cookie and CSRF token).
3. All registrations for ``site-visit`` are POSTed at once from ``--concurrency``
   threads; throughput, median and p95 latency of the POSTs are measured.

The outcome must be exactly ``capacity`` confirmed and the rest waitlisted, no 5xx,
every submitted email in the database exactly once, and no "database is locked" in
the server log. The exit status is 1 when any of that fails. Everything stays on
127.0.0.1 and is bounded: a fixed number of requests, each with a timeout, and an
overall deadline per database.
"""

from __future__ import annotations

import argparse
import contextlib
import http.client
import io
import os
import re
import secrets
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import uuid
from collections import Counter
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlencode

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

REQUEST_TIMEOUT = 60.0
STARTUP_TIMEOUT = 30.0
DEADLINE_SECONDS = 300.0
ITEM_CODE = "site-visit"
CSRF_FIELD = re.compile(r'name="csrf_token"[^>]*value="([^"]+)"')
CHINESE_DELEGATE = {
    "family_name": "单",
    "given_name": "伟",
    "organization": "沈阳市人民政府外事办公室",
    "organization_type": "local_government",
    "title": "处长",
    "role": "delegate",
    "dietary": "none",
    "item_codes": ITEM_CODE,
    "consent": "y",
}


# --- databases ----------------------------------------------------------------------


@contextmanager
def fresh_postgresql() -> Iterator[str]:
    from sqlalchemy import create_engine, text
    from sqlalchemy.engine import make_url

    admin_url = os.environ.get(
        "BENCH_POSTGRES_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/postgres"
    )
    name = f"seminar_reg_load_{uuid.uuid4().hex[:10]}"
    admin = create_engine(admin_url, isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.execute(text(f"CREATE DATABASE \"{name}\" ENCODING 'UTF8' TEMPLATE template0"))
    try:
        yield make_url(admin_url).set(database=name).render_as_string(hide_password=False)
    finally:
        with admin.connect() as connection:
            connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


@contextmanager
def fresh_sqlite() -> Iterator[str]:
    with tempfile.TemporaryDirectory(prefix="seminar-load-") as directory:
        yield "sqlite:///" + str(Path(directory) / "load.sqlite")


def prepare_database(url: str, capacity: int) -> None:
    """Migrate, load the programme, and give the item its capacity."""
    from flask_migrate import upgrade

    from seminar_reg import create_app
    from seminar_reg.extensions import db
    from seminar_reg.program.queries import current_seminar, item_by_code
    from seminar_reg.program.seeding import seed_program

    app = create_app({"SQLALCHEMY_DATABASE_URI": url, "SECRET_KEY": secrets.token_hex(32)})
    with app.app_context(), contextlib.redirect_stderr(io.StringIO()):  # Alembic's chatter
        upgrade()
        seed_program()
        item_by_code(current_seminar(), ITEM_CODE).capacity = capacity
        db.session.commit()
        db.engine.dispose()


def stored_outcome(url: str) -> tuple[Counter, Counter]:
    """Attendance statuses on the item, and how often each email is stored."""
    from sqlalchemy import func, select

    from seminar_reg import create_app
    from seminar_reg.extensions import db
    from seminar_reg.program.models import ProgramItem
    from seminar_reg.registration.models import Attendance, Delegate

    app = create_app({"SQLALCHEMY_DATABASE_URI": url, "SECRET_KEY": secrets.token_hex(32)})
    with app.app_context():
        statuses = Counter(
            dict(
                db.session.execute(
                    select(Attendance.status, func.count())
                    .join(ProgramItem)
                    .where(ProgramItem.code == ITEM_CODE)
                    .group_by(Attendance.status)
                ).all()
            )
        )
        emails = Counter(db.session.execute(select(Delegate.email_key)).scalars())
        db.engine.dispose()
    return statuses, emails


# --- server -------------------------------------------------------------------------


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@dataclass
class Server:
    port: int
    process: subprocess.Popen
    log_path: Path

    def log(self) -> str:
        return self.log_path.read_text(errors="replace")


def wait_until_up(port: int, process: subprocess.Popen) -> None:
    deadline = time.monotonic() + STARTUP_TIMEOUT
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError("gunicorn exited during start-up")
        try:
            if request(port, "GET", "/program").status == 200:
                return
        except OSError:
            time.sleep(0.2)
    raise RuntimeError("gunicorn did not answer within the start-up timeout")


@contextmanager
def gunicorn(url: str, workers: int, log_dir: Path) -> Iterator[Server]:
    port = free_port()
    env = dict(
        os.environ,
        DATABASE_URL=url,
        SECRET_KEY=secrets.token_hex(32),
        RATELIMIT_ENABLED="0",  # 500 registrations from one address are the point here
        OUTBOX_DIRECTORY=str(log_dir / "outbox"),  # confirmation mails go with the run
    )
    log_path = log_dir / "gunicorn.log"
    with open(log_path, "wb") as log:
        process = subprocess.Popen(
            [str(Path(sys.executable).parent / "gunicorn"), "-w", str(workers)]
            + ["-b", f"127.0.0.1:{port}", "--timeout", "120", "--preload", "wsgi:app"],
            cwd=ROOT,
            env=env,
            stdout=log,
            stderr=subprocess.STDOUT,
        )
    try:
        wait_until_up(port, process)
        yield Server(port, process, log_path)
    finally:
        process.send_signal(signal.SIGTERM)
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


# --- HTTP ---------------------------------------------------------------------------


@dataclass
class Reply:
    status: int
    body: str
    headers: dict[str, str] = field(default_factory=dict)
    seconds: float = 0.0


def request(
    port: int, method: str, path: str, body: str | None = None, headers: dict | None = None
) -> Reply:
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=REQUEST_TIMEOUT)
    started = time.perf_counter()
    try:
        connection.request(method, path, body=body, headers=headers or {})
        response = connection.getresponse()
        text = response.read().decode("utf-8", "replace")
        return Reply(
            response.status,
            text,
            {k.lower(): v for k, v in response.getheaders()},
            time.perf_counter() - started,
        )
    finally:
        connection.close()


@dataclass
class Visitor:
    """One delegate's browser: a session cookie and the CSRF token of its form."""

    email: str
    cookie: str = ""
    token: str = ""


def fetch_form(port: int, visitor: Visitor) -> None:
    reply = request(port, "GET", "/register/china")
    visitor.cookie = reply.headers["set-cookie"].split(";", 1)[0]
    visitor.token = CSRF_FIELD.search(reply.body).group(1)


def submit(port: int, visitor: Visitor) -> Reply:
    body = urlencode(CHINESE_DELEGATE | {"email": visitor.email, "csrf_token": visitor.token})
    headers = {"Content-Type": "application/x-www-form-urlencoded", "Cookie": visitor.cookie}
    try:
        return request(port, "POST", "/register/china", body, headers)
    except OSError:
        return Reply(0, "")  # no answer at all: counted as lost if the row is missing


# --- measurement --------------------------------------------------------------------


@dataclass
class Timing:
    label: str
    seconds: list[float]
    wall: float

    def line(self) -> str:
        p95 = statistics.quantiles(self.seconds, n=20)[18]
        return (
            f"{self.label:<22} {len(self.seconds)} requests, "
            f"{len(self.seconds) / self.wall:7.1f} req/s, "
            f"median {statistics.median(self.seconds) * 1000:7.1f} ms, p95 {p95 * 1000:7.1f} ms"
        )


def run_all(jobs: list, work: Callable, concurrency: int) -> tuple[list, float]:
    started = time.perf_counter()
    with ThreadPoolExecutor(max_workers=concurrency) as pool:
        results = list(pool.map(work, jobs))
    return results, time.perf_counter() - started


def measure(server: Server, args: argparse.Namespace) -> tuple[Timing, Timing, list, list]:
    count = args.registrations
    baseline, wall = run_all(
        list(range(count)), lambda _n: request(server.port, "GET", "/program"), args.concurrency
    )
    baseline_timing = Timing("baseline GET /program", [r.seconds for r in baseline], wall)
    run = uuid.uuid4().hex[:6]
    visitors = [Visitor(f"load{run}-{n}@example.cn") for n in range(count)]
    run_all(visitors, lambda v: fetch_form(server.port, v), args.concurrency)
    replies, wall = run_all(visitors, lambda v: submit(server.port, v), args.concurrency)
    posted = [r.seconds for r in replies if r.status]
    return baseline_timing, Timing("registration POST", posted, wall), visitors, replies


def verdict(url: str, visitors: list[Visitor], replies: list[Reply], log: str, capacity: int):
    statuses, stored = stored_outcome(url)
    by_status = Counter(reply.status for reply in replies)
    emails = [visitor.email.casefold() for visitor in visitors]
    lost = sum(1 for email in emails if stored[email] == 0)
    duplicated = sum(1 for email in emails if stored[email] > 1)
    server_errors = sum(n for status, n in by_status.items() if status >= 500)
    locked = log.count("database is locked")
    expected = {"confirmed": capacity, "waitlisted": len(visitors) - capacity}
    passed = (
        dict(statuses) == expected
        and by_status == Counter({302: len(visitors)})
        and not (lost or duplicated or server_errors or locked)
    )
    return (
        f"outcome: {statuses['confirmed']} confirmed, {statuses['waitlisted']} waitlisted, "
        f"HTTP {dict(sorted(by_status.items()))}, {server_errors} 5xx, {lost} lost, "
        f"{duplicated} duplicated, 'database is locked' in log: {locked} "
        f"-> {'PASS' if passed else 'FAIL'}",
        passed,
    )


def bench(backend: str, args: argparse.Namespace) -> bool:
    fresh = fresh_postgresql if backend == "postgresql" else fresh_sqlite
    with fresh() as url, tempfile.TemporaryDirectory(prefix="seminar-load-log-") as logs:
        prepare_database(url, args.capacity)
        with gunicorn(url, args.workers, Path(logs)) as server:
            timer = threading.Timer(DEADLINE_SECONDS, server.process.kill)
            timer.start()  # a hung run ends instead of blocking the machine
            try:
                baseline, posts, visitors, replies = measure(server, args)
            finally:
                timer.cancel()
            log = server.log()
        outcome, passed = verdict(url, visitors, replies, log, args.capacity)
    ratio = statistics.median(posts.seconds) / statistics.median(baseline.seconds)
    print(
        f"== {backend}: gunicorn -w {args.workers}, {args.registrations} registrations "
        f"from {args.concurrency} concurrent clients, '{ITEM_CODE}' capacity {args.capacity} =="
    )
    print(baseline.line())
    print(posts.line())
    print(f"{'ratio':<22} median registration / median baseline = {ratio:.1f}x")
    print(outcome)
    return passed


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--database", choices=("both", "postgresql", "sqlite"), default="both")
    parser.add_argument("--registrations", type=int, default=500)
    parser.add_argument("--capacity", type=int, default=100)
    parser.add_argument("--concurrency", type=int, default=500)
    parser.add_argument("--workers", type=int, default=4)
    args = parser.parse_args()
    if not 0 < args.registrations <= 5000 or not 0 < args.concurrency <= 1000:
        parser.error("keep --registrations within 1..5000 and --concurrency within 1..1000")
    backends = ("postgresql", "sqlite") if args.database == "both" else (args.database,)
    results = [bench(backend, args) for backend in backends]
    return 0 if all(results) else 1


if __name__ == "__main__":
    sys.exit(main())
