"""First request of each kind in a fresh gunicorn worker: cold (before) and warmed (after).

    .venv/bin/python benchmarks/first_request.py [--repeats 5] [--memory-workers 4]

One SQLite database: migrated, the programme, 165 demo delegates, an admin and a
self-service delegate (benchmarks/requests.py prepares it). Two servers run side by side
on it, one worker each:

* before: ``gunicorn seminar_reg:create_app()``, what ``seminar-reg serve`` ran until
  2 December 2026: the app loads its libraries, tables, fonts and templates when a
  request first needs them;
* after: what it runs now (``cli.gunicorn_argv``): ``gunicorn --preload
  seminar_reg.warmup:warmed_app()``, the master warms the app before it forks.

The client logs in, opens the self-service link, fetches the form and the desk once
(sessions and CSRF tokens are signed cookies, good in any worker of the server). Then,
``--repeats`` times, for each kind of request and each server in turn: the worker is
stopped, the master starts a fresh one, and once that one is ready
(benchmarks/worker_ready.py) the request is asked twice: the first is the fresh worker's
first request, the second the same request in a warm worker, the baseline of the same
run. Each timing runs from the connect to the answer's last byte. Medians.

Memory: each server again with ``--memory-workers`` workers, idle once all are ready,
then after every kind of request has been asked 10 times: RSS and PSS from each
process's /proc/<pid>/smaps_rollup (PSS counts a page shared by n processes 1/n in each).
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import signal
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:] = [p for p in sys.path if Path(p or ".").resolve() != ROOT / "benchmarks"]
sys.path.insert(0, str(ROOT))

from benchmarks.checkin_scans import free_port, stop_server  # noqa: E402
from benchmarks.load_registrations import fresh_sqlite  # noqa: E402
from benchmarks.request_client import Browser, form_fields  # noqa: E402
from benchmarks.requests import ADMIN, SECRET_KEY, prepare_database  # noqa: E402

SERVERS = ("before", "after")
DESK = "/console/checkin/plenary"


class Server:
    """One gunicorn with its workers' ready files, and one client's three sessions."""

    def __init__(self, name: str, url: str, workers: int, scratch: Path) -> None:
        from seminar_reg.cli import gunicorn_argv

        self.name, self.port = name, free_port()
        self.ready = scratch / f"{name}-{workers}-ready"
        self.ready.mkdir()
        options = ["--config", "python:benchmarks.worker_ready", "--log-level", "warning"]
        argv = gunicorn_argv(f"127.0.0.1:{self.port}", workers, options)
        if name == "before":
            cold = [part for part in argv[:-1] if part != "--preload"]
            argv = [*cold, "seminar_reg:create_app()"]
        env = dict(
            os.environ,
            DATABASE_URL=url,
            SECRET_KEY=SECRET_KEY,
            RATELIMIT_ENABLED="0",
            OUTBOX_DIRECTORY=str(scratch / f"outbox-{name}"),
            WORKER_READY_DIRECTORY=str(self.ready),
            PYTHONPATH=str(ROOT),
        )
        started = time.perf_counter()
        self.process = subprocess.Popen(
            argv, cwd=ROOT, env=env, start_new_session=True, stdout=subprocess.DEVNULL
        )
        self.workers = self._wait_for_workers(workers, set())
        self.start_seconds = time.perf_counter() - started
        self.visitor, self.delegate, self.staff = Browser(), Browser(), Browser()

    def _wait_for_workers(self, count: int, old: set[int]) -> list[int]:
        deadline = time.monotonic() + 180
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise SystemExit(f"first_request: the {self.name} server exited")
            pids = [int(path.name) for path in self.ready.iterdir()]
            fresh = [pid for pid in pids if pid not in old and _alive(pid)]
            if len(fresh) >= count:
                return fresh
            time.sleep(0.02)
        raise SystemExit(f"first_request: the {self.name} server's workers did not start")

    def fresh_worker(self) -> None:
        """Stop the worker; return when the master's new one is ready for requests."""
        old = set(self.workers)
        for pid in old:
            os.kill(pid, signal.SIGTERM)
        self.workers = self._wait_for_workers(len(old), old)

    def ask(self, browser: Browser, path: str, data=None, *, json_body=None, headers=None):
        """(status, body, seconds) of one request on a new connection, cookies kept."""
        sent = {"Connection": "close", **browser.header(), **(headers or {})}
        body = None
        if data is not None:
            body = "&".join(f"{k}={_quote(v)}" for k, v in data).encode()
            sent["Content-Type"] = "application/x-www-form-urlencoded"
        elif json_body is not None:
            body, sent["Content-Type"] = json.dumps(json_body).encode(), "application/json"
        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=120)
        started = time.perf_counter()
        connection.request("GET" if body is None else "POST", path, body, sent)
        response = connection.getresponse()
        payload = response.read()
        seconds = time.perf_counter() - started
        connection.close()
        browser.keep(response.headers.get_all("Set-Cookie") or [])
        return response.status, payload, seconds

    def stop(self) -> None:
        stop_server(self.process)


def _quote(value: str) -> str:
    from urllib.parse import quote_plus

    return quote_plus(value)


def _alive(pid: int) -> bool:
    try:
        return "zombie" not in Path(f"/proc/{pid}/status").read_text().lower()
    except FileNotFoundError:
        return False


class Journeys:
    """The requests, each a callable returning (status, seconds) on its server."""

    def __init__(self, server: Server, token: str, people: list[tuple[int, str]]) -> None:
        self.server, self.people, self.numbers = server, people, iter(range(1, 10**6))
        ask = server.ask
        ask(server.delegate, f"/my/{token}")
        login = form_fields(ask(server.staff, "/login")[1].decode())
        ask(server.staff, "/login", _set(login, email=ADMIN[0], password=ADMIN[1]))
        desk = ask(server.staff, DESK)[1].decode()
        self.csrf = desk.split('name="csrf-token" content="', 1)[1].split('"', 1)[0]
        form = form_fields(ask(server.visitor, "/register/japan?lang=ja")[1].decode())
        self.form = _set(
            form, family_name="田中", given_name="一郎", family_reading="たなか",
            given_reading="いちろう", organization="北九州市役所",
            organization_type="local_government", title="課長", role="delegate",
            dietary="none", item_codes="plenary", consent="y",
        )  # fmt: skip

    def kinds(self) -> dict:
        server, staff, person = self.server, self.server.staff, self.people[0][0]
        return {
            "GET /register/japan": lambda: server.ask(server.visitor, "/register/japan?lang=ja"),
            "registration POST": self.register,
            "GET /my (personal link)": lambda: server.ask(server.delegate, "/my"),
            "console delegate list": lambda: server.ask(staff, "/console/delegates"),
            "desk scan": self.scan,
            "badge preview": lambda: server.ask(staff, f"/console/badges/?delegate={person}"),
            "desk badge reprint (PDF)": lambda: server.ask(
                staff, f"{DESK}/people/{person}/badge", [("csrf_token", self.csrf)]
            ),
        }

    def register(self):
        email = f"first-{self.server.name}-{next(self.numbers)}@seminar.example"
        return self.server.ask(self.server.visitor, "/register/japan?lang=ja",
                               _set(self.form, email=email))  # fmt: skip

    def scan(self):
        _id, code = self.people[next(self.numbers) % len(self.people)]
        body = {"code": code, "client_scan_id": str(uuid.uuid4())}
        headers = {
            "X-CSRFToken": self.csrf,
            "Referer": f"http://127.0.0.1:{self.server.port}{DESK}",
        }
        return self.server.ask(self.server.staff, f"{DESK}/scans", json_body=body, headers=headers)


def _set(fields: list[tuple[str, str]], **values: str) -> list[tuple[str, str]]:
    return [(k, v) for k, v in fields if k not in values] + list(values.items())


def _checked(name: str, answer) -> float:
    status, body, seconds = answer
    if status not in (200, 302):
        raise SystemExit(f"first_request: {name} answered {status}: {body[:300]!r}")
    return seconds


def confirmed_people(url: str) -> list[tuple[int, str]]:
    from sqlalchemy import create_engine, text

    engine = create_engine(url)
    with engine.connect() as connection:
        rows = connection.execute(
            text(
                "SELECT id, checkin_code FROM delegate WHERE status = 'confirmed' "
                "AND side = 'japan' ORDER BY id LIMIT 60"
            )  # fmt: skip
        ).all()
    engine.dispose()
    return [(row[0], row[1]) for row in rows]


def first_requests(url: str, token: str, repeats: int, scratch: Path) -> dict:
    people = confirmed_people(url)
    servers = {name: Server(name, url, 1, scratch) for name in SERVERS}
    try:
        journeys = {name: Journeys(server, token, people) for name, server in servers.items()}
        kinds = {name: journey.kinds() for name, journey in journeys.items()}
        times: dict = {}
        for _ in range(repeats):
            for kind in kinds["before"]:
                for name in SERVERS:
                    servers[name].fresh_worker()
                    first = _checked(kind, kinds[name][kind]())
                    again = _checked(kind, kinds[name][kind]())
                    times.setdefault(kind, {}).setdefault(name, []).append((first, again))
        return times
    finally:
        for server in servers.values():
            server.stop()


def memory(url: str, token: str, workers: int, scratch: Path) -> dict:
    people, result = confirmed_people(url), {}
    for name in SERVERS:
        server = Server(name, url, workers, scratch)
        try:
            idle = [_rollup(pid) for pid in [server.process.pid, *server.workers]]
            kinds = Journeys(server, token, people).kinds()
            for _ in range(10):
                for kind, ask in kinds.items():
                    _checked(kind, ask())
            busy = [_rollup(pid) for pid in [server.process.pid, *server.workers]]
            result[name] = (server.start_seconds, idle, busy)
        finally:
            server.stop()
    return result


def _rollup(pid: int) -> dict[str, float]:
    fields = {}
    for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines()[1:]:
        key, value = line.split(":", 1)
        fields[key] = int(value.split()[0]) / 1024
    return {"rss": fields["Rss"], "pss": fields["Pss"]}


def report(times: dict, mem: dict, repeats: int, workers: int) -> None:
    print(f"\n== first request of each kind in a fresh worker: {repeats} fresh workers each, "
          f"medians; load average {os.getloadavg()[0]:.1f} ==")  # fmt: skip
    print(
        "| request | before: first ms | before: again ms | after: first ms | after: again ms"
        " | before first / again | after first / again | after first / before first |"
    )
    print("|---|---:|---:|---:|---:|---:|---:|---:|")
    for kind, by_server in times.items():
        row = {}
        for name in SERVERS:
            firsts = [first for first, _again in by_server[name]]
            agains = [again for _first, again in by_server[name]]
            row[name] = (statistics.median(firsts), statistics.median(agains))
        (bf, ba), (af, aa) = row["before"], row["after"]
        print(f"| {kind} | {bf * 1000:.0f} | {ba * 1000:.0f} | {af * 1000:.0f} | {aa * 1000:.0f}"
              f" | {bf / ba:.2f}x | {af / aa:.2f}x | {af / bf:.2f}x |")  # fmt: skip
    print(f"\n== memory, {workers} workers: MB; master + workers ==")
    print(
        "| server | start s (all workers ready) | when | master RSS | worker RSS (median) "
        "| worker PSS (median) | PSS total |"
    )
    print("|---|---:|---|---:|---:|---:|---:|")
    for name, (start, idle, busy) in mem.items():
        for when, rollups in (("idle", idle), ("after 10 of each kind", busy)):
            master, workers_ = rollups[0], rollups[1:]
            rss = statistics.median(r["rss"] for r in workers_)
            pss = statistics.median(r["pss"] for r in workers_)
            total = sum(r["pss"] for r in rollups)
            print(f"| {name} | {start:.1f} | {when} | {master['rss']:.0f} | {rss:.0f} | "
                  f"{pss:.0f} | {total:.0f} |")  # fmt: skip


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--repeats", type=int, default=5)
    parser.add_argument("--memory-workers", type=int, default=4)
    args = parser.parse_args()
    from seminar_reg.registration.demo import demo_delegates

    with fresh_sqlite() as url, tempfile.TemporaryDirectory(prefix="first-request-") as scratch:
        token = prepare_database(url, demo_delegates(73, 92))
        times = first_requests(url, token, args.repeats, Path(scratch))
        mem = memory(url, token, args.memory_workers, Path(scratch))
    report(times, mem, args.repeats, args.memory_workers)
    return 0


if __name__ == "__main__":
    sys.exit(main())
