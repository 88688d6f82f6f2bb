"""Check-in scan benchmark: 1,000 badge scans against one programme item.

    .venv/bin/python benchmarks/checkin_scans.py [--delegates 300] [--scans 1000]
        [--workers 2] [--database-url postgresql://postgres@127.0.0.1:5432/bench]
        [--time-limit 300]

Builds a fresh database (a temporary SQLite file unless --database-url is given; that
database must be empty), loads the programme and N demo delegates (a few cancelled),
starts the app under gunicorn on a free loopback port, logs in as check-in staff and
replays a fixed mix of scans against the plenary session through the real JSON API
(CSRF token in the header, as the desk's script sends it):

* first scans of a delegate (checked in, or not registered / cancelled),
* repeats of an earlier delegate with a new client id ("already checked in"),
* replays of an earlier request with the same client_scan_id (an offline desk resending),
* unknown codes.

Every answer is compared with the expected outcome, and afterwards the database must
hold exactly one check-in per admitted delegate. BASELINE: beside each scan (alternately
after it and before it) the same client makes a trivial logged-in GET
(/console/checkin/csrf-token) on the same server,
so both see the same connection, session and worker costs; the ratio is what a scan
costs beyond a request that does nothing. The whole run is bounded by --time-limit.
"""

from __future__ import annotations

import argparse
import http.cookiejar
import json
import os
import random
import re
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.parse
import urllib.request
import uuid
from collections import Counter
from dataclasses import dataclass, field

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, ROOT)

ITEM = "plenary"
STAFF_EMAIL = "bench-desk@seminar.example"
STAFF_PASSWORD = "benchmark desk password 2017"
CANCELLED_SHARE = 0.03
NOT_REGISTERED_SHARE = 0.05


# --- the database ------------------------------------------------------------------------


def prepare_database(url: str, delegates: int) -> dict[str, str]:
    """Migrate, seed, register delegates; return each badge code's expected first answer."""
    from flask_migrate import upgrade

    from seminar_reg import create_app
    from seminar_reg.auth.operations import create_user
    from seminar_reg.extensions import db
    from seminar_reg.program.queries import current_seminar, item_by_code
    from seminar_reg.program.seeding import seed_program
    from seminar_reg.registration.demo import demo_delegates
    from seminar_reg.registration.importer import store_rows
    from seminar_reg.registration.places import set_status

    app = create_app(
        {
            "SQLALCHEMY_DATABASE_URI": url,
            "RATELIMIT_ENABLED": False,
            "SECRET_KEY": uuid.uuid4().hex * 2,
        }
    )
    with app.app_context():
        upgrade()
        seed_program()
        seminar = current_seminar()
        people = store_rows(seminar, demo_delegates(delegates // 2, delegates - delegates // 2))
        rng = random.Random(7)
        for person in rng.sample(people, max(1, int(len(people) * CANCELLED_SHARE))):
            set_status(person, "cancelled", actor="benchmark")
        create_user(STAFF_EMAIL, STAFF_PASSWORD, "checkin")
        plenary = item_by_code(seminar, ITEM)
        # Every demo delegate attends the plenary; take a few off it for "not registered".
        for person in rng.sample(people, max(1, int(len(people) * NOT_REGISTERED_SHARE))):
            person.attendances = [a for a in person.attendances if a.item_id != plenary.id]
        db.session.commit()
        expected = {person.checkin_code: _first_answer(person, plenary.id) for person in people}
        db.engine.dispose()
    return expected


def _first_answer(person, item_id: int) -> str:
    if person.status == "cancelled":
        return "cancelled"
    places = {a.item_id: a.status for a in person.attendances}
    return "checked_in" if places.get(item_id) == "confirmed" else "not_registered"


def stored_checkins(url: str) -> tuple[int, int]:
    """(check-ins at the item, distinct delegates among them)."""
    from sqlalchemy import func, select

    from seminar_reg import create_app
    from seminar_reg.checkin.models import CheckIn
    from seminar_reg.extensions import db
    from seminar_reg.program.models import ProgramItem

    app = create_app(
        {
            "SQLALCHEMY_DATABASE_URI": url,
            "RATELIMIT_ENABLED": False,
            "SECRET_KEY": uuid.uuid4().hex * 2,
        }
    )
    with app.app_context():
        query = select(func.count(CheckIn.id), func.count(CheckIn.delegate_id.distinct()))
        total, distinct = db.session.execute(
            query.join(ProgramItem).where(ProgramItem.code == ITEM)
        ).one()
        db.engine.dispose()
    return total, distinct


# --- the server ----------------------------------------------------------------------------


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def start_server(url: str, port: int, workers: int, deadline: float) -> subprocess.Popen:
    env = dict(
        os.environ,
        DATABASE_URL=url,
        SECRET_KEY=uuid.uuid4().hex * 2,
        RATELIMIT_ENABLED="0",
    )
    gunicorn = os.path.join(os.path.dirname(sys.executable), "gunicorn")
    server = subprocess.Popen(
        [
            gunicorn,
            "-w",
            str(workers),
            "-b",
            f"127.0.0.1:{port}",
            "--log-level",
            "warning",
            "--preload",
            "wsgi:app",
        ],
        cwd=ROOT,
        env=env,
        start_new_session=True,
        # Its own output, so a pipe reading ours is never held open by the workers.
        stdout=subprocess.DEVNULL,
    )
    try:
        _wait_until_serving(server, port, deadline)
    except BaseException:
        stop_server(server)
        raise
    return server


def _wait_until_serving(server: subprocess.Popen, port: int, deadline: float) -> None:
    while time.monotonic() < deadline:
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{port}/login", timeout=10).close()
            return
        except OSError:  # refused, reset or timed out while the workers boot
            if server.poll() is not None:
                raise SystemExit("checkin_scans: gunicorn exited during start-up") from None
            time.sleep(0.2)
    raise SystemExit("checkin_scans: the server did not start in time")


def stop_server(server: subprocess.Popen) -> None:
    if server.poll() is None:
        os.killpg(server.pid, signal.SIGTERM)
        try:
            server.wait(timeout=10)
        except subprocess.TimeoutExpired:
            os.killpg(server.pid, signal.SIGKILL)
            server.wait()


# --- the desk client -------------------------------------------------------------------------


class Desk:
    """What the desk's script does, over HTTP: a logged-in session with a CSRF token."""

    def __init__(self, base: str) -> None:
        self.base = base
        self.opener = urllib.request.build_opener(
            urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar())
        )
        self.token = ""

    def _open(self, path: str, data: bytes | None = None, headers: dict | None = None):
        request = urllib.request.Request(self.base + path, data=data, headers=headers or {})
        with self.opener.open(request, timeout=30) as response:
            return response.read()

    def log_in(self) -> None:
        page = self._open("/login").decode()
        token = re.search(r'name="csrf_token" type="hidden" value="([^"]+)"', page)[1]
        form = {"email": STAFF_EMAIL, "password": STAFF_PASSWORD, "csrf_token": token}
        self._open("/login", urllib.parse.urlencode(form).encode())
        desk = self._open(f"/console/checkin/{ITEM}").decode()
        self.token = re.search(r'<meta name="csrf-token" content="([^"]+)">', desk)[1]

    def scan(self, body: dict) -> tuple[float, dict]:
        headers = {
            "Content-Type": "application/json",
            "X-CSRFToken": self.token,
            "Referer": self.base + f"/console/checkin/{ITEM}",
        }
        started = time.perf_counter()
        raw = self._open(f"/console/checkin/{ITEM}/scans", json.dumps(body).encode(), headers)
        return time.perf_counter() - started, json.loads(raw)

    def trivial(self) -> float:
        started = time.perf_counter()
        self._open("/console/checkin/csrf-token")
        return time.perf_counter() - started


# --- the scan plan -----------------------------------------------------------------------------


@dataclass
class Plan:
    steps: list[tuple[str, dict, str]] = field(default_factory=list)  # kind, body, expected

    def kinds(self) -> Counter:
        return Counter(kind for kind, _body, _expected in self.steps)


def plan_scans(expected: dict[str, str], count: int, seed: int = 2017) -> Plan:
    """A fixed mix: first scans, repeats, replays of an earlier request, unknown codes."""
    rng = random.Random(seed)
    unscanned = list(expected)
    rng.shuffle(unscanned)
    scanned: list[str] = []
    sent: list[tuple[dict, str]] = []
    plan = Plan()
    for _ in range(count):
        roll = rng.random()
        if unscanned and (roll < 0.5 or not scanned):
            code = unscanned.pop()
            body, answer = {"code": code, "client_scan_id": str(uuid.uuid4())}, expected[code]
            scanned.append(code)
            step = ("first", body, answer)
        elif roll < 0.75 and scanned:
            code = rng.choice(scanned)
            answer = "already" if expected[code] == "checked_in" else expected[code]
            step = ("repeat", {"code": code, "client_scan_id": str(uuid.uuid4())}, answer)
        elif roll < 0.95 and sent:
            body, answer = rng.choice(sent)
            step = ("replay", dict(body), answer)
        else:
            step = (
                "unknown",
                {"code": uuid.uuid4().hex[:16], "client_scan_id": str(uuid.uuid4())},
                "unknown",
            )
        plan.steps.append(step)
        if step[0] in ("first", "repeat") and step[2] == "checked_in":
            sent.append((step[1], "checked_in"))
    return plan


# --- running it --------------------------------------------------------------------------------


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(share * (len(ordered) - 1))))]


def run(args: argparse.Namespace) -> int:
    deadline = time.monotonic() + args.time_limit
    with tempfile.TemporaryDirectory() as scratch:
        url = args.database_url or "sqlite:///" + os.path.join(scratch, "bench.sqlite")
        started = time.perf_counter()
        expected = prepare_database(url, args.delegates)
        print(
            f"database: {url.split('@')[-1]}  delegates: {len(expected)}  "
            f"(prepared in {time.perf_counter() - started:.1f} s)"
        )
        print("first answers expected:", dict(Counter(expected.values())))
        port = free_port()
        server = start_server(url, port, args.workers, deadline)
        try:
            desk = Desk(f"http://127.0.0.1:{port}")
            desk.log_in()
            plan = plan_scans(expected, args.scans)
            scan_times, base_times, outcomes, wrong = [], [], Counter(), []
            for number, (kind, body, want) in enumerate(plan.steps):
                if time.monotonic() > deadline:
                    raise SystemExit("checkin_scans: time limit reached")
                if number % 2:  # the baseline before the scan, or after it: no order favoured
                    base_times.append(desk.trivial())
                seconds, answer = desk.scan(body)
                scan_times.append(seconds)
                if not number % 2:
                    base_times.append(desk.trivial())
                outcomes[(kind, answer["outcome"], answer.get("replayed", False))] += 1
                if answer["outcome"] != want:
                    wrong.append((kind, want, answer["outcome"]))
        finally:
            stop_server(server)
        total, distinct = stored_checkins(url)
    admitted = {
        step[1]["code"] for step in plan.steps if step[0] == "first" and step[2] == "checked_in"
    }
    report(plan, outcomes, wrong, scan_times, base_times, total, distinct, len(admitted), args)
    return 0 if not wrong and total == distinct == len(admitted) else 1


def report(plan, outcomes, wrong, scan_times, base_times, total, distinct, admitted, args):
    print(f"server: gunicorn, {args.workers} sync workers, loopback; one desk, sequential")
    print("scan mix:", dict(plan.kinds()))
    for (kind, outcome, replayed), n in sorted(outcomes.items()):
        print(f"  {kind:8} -> {outcome}{' (replayed)' if replayed else ''}: {n}")
    print(f"unexpected answers: {len(wrong)}{'  e.g. ' + str(wrong[:3]) if wrong else ''}")
    verdict = "OK" if total == distinct == admitted else "WRONG"
    print(
        f"check-ins stored: {total} (distinct delegates {distinct}, expected {admitted}) {verdict}"
    )
    scan_median, scan_p95 = statistics.median(scan_times), percentile(scan_times, 0.95)
    base_median, base_p95 = statistics.median(base_times), percentile(base_times, 0.95)
    print(f"{'':28}{'median':>10}{'p95':>10}")
    print(f"{'scan POST (ms)':28}{scan_median * 1000:>10.2f}{scan_p95 * 1000:>10.2f}")
    print(f"{'baseline GET (ms)':28}{base_median * 1000:>10.2f}{base_p95 * 1000:>10.2f}")
    print(
        f"{'ratio scan / baseline':28}{scan_median / base_median:>10.2f}"
        f"{scan_p95 / base_p95:>10.2f}"
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--delegates", type=int, default=300)
    parser.add_argument("--scans", type=int, default=1000)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--database-url", default="")
    parser.add_argument("--time-limit", type=float, default=300.0)
    return run(parser.parse_args())


if __name__ == "__main__":
    sys.exit(main())
