"""The server warms itself before it takes requests (seminar_reg/warmup.py): a real
gunicorn, started as the README says, whose workers report the modules they hold
(tests/hardening/worker_probe.py). What stays lazy for the command line and
``create_app`` is tests/test_startup.py's; its speed is benchmarks/first_request.py's."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import time
import uuid
from pathlib import Path
from urllib.parse import urlencode

import pytest
from sqlalchemy import create_engine, select

from seminar_reg import create_app
from seminar_reg.auth.operations import create_user
from seminar_reg.extensions import db
from seminar_reg.program.queries import current_seminar
from seminar_reg.registration.demo import demo_delegates
from seminar_reg.registration.models import Delegate
from seminar_reg.registration.operations import register
from tests.forms import form_in
from tests.ports import held_port, listening_socket
from tests.registration.helpers import CHINESE, JAPANESE, fill

from .support import ROOT, http_request
from .test_database_outage import UNAVAILABLE_ZH

pytestmark = pytest.mark.slow

# What a first registration, page or document loaded before the warm-up.
HEAVY = {"pypinyin", "opencc", "reportlab", "openpyxl", "segno", "fontTools"}
STAFF = ("warm-start@seminar.example", "Shenyang plenary hall 2017, row seven")
PROBE = "python:tests.hardening.worker_probe"
DESK = "/console/checkin/plenary"
SECRET_KEY = "warm-start-test-secret-" + "0" * 32  # the personal link's token derives from it


class ProbedServer:
    """gunicorn (by ``command``) on a socket handed over to it, its workers reporting."""

    def __init__(self, command: list[str], database_url: str, workdir: Path, workers: int):
        listener = listening_socket()
        self.port = listener.getsockname()[1]
        self.probes = workdir / "probes"
        self.probes.mkdir()
        env = dict(
            os.environ,
            PYTHONPATH=str(ROOT),
            DATABASE_URL=database_url,
            SECRET_KEY=SECRET_KEY,
            RATELIMIT_ENABLED="0",
            OUTBOX_DIRECTORY=str(workdir / "outbox"),
            WORKER_PROBE_DIRECTORY=str(self.probes),
        )
        argv = [part.replace("FD", str(listener.fileno())) for part in command]
        with listener:  # gunicorn holds its own copy
            self.process = subprocess.Popen(
                argv, cwd=ROOT, env=env, pass_fds=[listener.fileno()], stderr=subprocess.PIPE
            )
        self.ready = self._reports(lambda found: len(found) == workers, "-ready.json")

    def _reports(self, done, suffix: str) -> dict[int, dict]:
        """The workers' reports (pid -> report) once ``done(reports)``."""
        deadline = time.monotonic() + 120
        while True:
            found = {
                int(path.name.removesuffix(suffix)): json.loads(path.read_text())
                for path in self.probes.glob(f"*{suffix}")
                if path.name.removesuffix(suffix).isdigit()
            }
            if done(found):
                return found
            if self.process.poll() is not None or time.monotonic() > deadline:
                self.stop()
                raise AssertionError(self.process.stderr.read().decode(errors="replace"))
            time.sleep(0.05)

    def after(self, requests: int) -> dict[int, dict]:
        """Each worker's last report, once the workers have answered ``requests``."""
        return self._reports(
            lambda found: sum(r["answered"] for r in found.values()) >= requests, ".json"
        )

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.terminate()
            self.process.wait(timeout=30)


def _top_level(report: dict) -> set[str]:
    return {name.split(".")[0] for name in report["modules"]} | set(report["modules"])


def _registered(url: str) -> tuple[int, str]:
    """The first registered delegate's id and badge code."""
    engine = create_engine(url)
    try:
        with engine.connect() as connection:
            query = select(Delegate.id, Delegate.checkin_code).order_by(Delegate.id).limit(1)
            return tuple(connection.execute(query).one())
    finally:
        engine.dispose()


def _add_staff_and_a_delegate(url: str, secret_key: str) -> str:
    """A staff account, and a delegate registered earlier: their personal link's token."""
    app = create_app({"SQLALCHEMY_DATABASE_URI": url, "SECRET_KEY": secret_key})
    with app.app_context():
        create_user(*STAFF, "admin")
        _delegate, token = register(current_seminar(), demo_delegates(1, 0, seed=3)[0])
        db.engine.dispose()
    return token


class Visitor:
    """One browser over HTTP: its cookies, forms filled as the page renders them."""

    def __init__(self, port: int) -> None:
        self.port, self.cookies, self.requests = port, {}, 0

    def ask(self, path: str, form=None, *, scan: dict | None = None, csrf: str = ""):
        headers = {"Cookie": "; ".join(f"{k}={v}" for k, v in self.cookies.items())}
        body = None
        if form is not None:
            body = urlencode(list(form.data().items(multi=True))).encode()
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        elif scan is not None:  # what the desk's script sends
            body = json.dumps(scan).encode()
            headers.update({"Content-Type": "application/json", "X-CSRFToken": csrf})
        reply = http_request(self.port, "GET" if body is None else "POST", path, body, headers)
        self.requests += 1
        if "set-cookie" in reply.headers:
            name, value = reply.headers["set-cookie"].split(";", 1)[0].split("=", 1)
            self.cookies[name] = value
        return reply

    def form(self, path: str, **choose):
        return form_in(self.ask(path).body, path, **choose)


def test_served_workers_take_requests_warm_and_requests_load_nothing_new(fresh_database, tmp_path):
    token = _add_staff_and_a_delegate(fresh_database, SECRET_KEY)
    serve = [sys.executable, "-m", "seminar_reg", "serve", "--bind", "fd://FD"]
    server = ProbedServer([*serve, "--workers", "2", "--", "--config", PROBE],
                          fresh_database, tmp_path, workers=2)  # fmt: skip
    try:
        for report in server.ready.values():  # before any request
            assert report["preloaded"]  # built and warmed once, in the master
            assert _top_level(report) >= HEAVY, sorted(HEAVY - _top_level(report))

        visitor, staff = Visitor(server.port), Visitor(server.port)
        for side, person in (("japan", JAPANESE), ("china", CHINESE)):
            form = visitor.form(f"/register/{side}?lang=ja", field="consent")
            fill(form, {**person, "email": f"warm-{person['email']}"})
            assert visitor.ask(f"/register/{side}?lang=ja", form).status == 302
        assert visitor.ask("/program?lang=zh").status == 200
        delegate = Visitor(server.port)
        assert delegate.ask(f"/my/{token}").status == 302  # the link opens a session
        assert delegate.ask("/my").status == 200
        login = staff.form("/login?lang=en", field="password")
        fill(login, {"email": STAFF[0], "password": STAFF[1]})
        assert staff.ask("/login?lang=en", login).status == 302
        for path in ("/console/delegates", "/console/delegates?query=namiki", "/console/badges/"):
            assert staff.ask(path).status == 200, path
        delegate_id, code = _registered(fresh_database)
        desk = staff.ask(DESK).body
        csrf = re.search(r'<meta name="csrf-token" content="([^"]+)">', desk)[1]
        scan = {"code": code, "client_scan_id": str(uuid.uuid4())}
        answer = json.loads(staff.ask(f"{DESK}/scans", scan=scan, csrf=csrf).body)
        assert answer["outcome"] == "checked_in", answer
        reprint = staff.form(f"{DESK}/people/{delegate_id}", action="/badge")
        printed = staff.ask(f"{DESK}/people/{delegate_id}/badge", reprint)
        assert printed.headers["content-type"] == "application/pdf"

        after = server.after(visitor.requests + delegate.requests + staff.requests)
        for pid, report in after.items():
            loaded = set(report["modules"]) - set(server.ready[pid]["modules"])
            assert not loaded, f"worker {pid}'s requests imported {sorted(loaded)}"
    finally:
        server.stop()


def test_a_server_started_while_the_database_is_down_warms_and_answers_503(tmp_path):
    # wsgi.py, as the README's gunicorn line serves it: no check before (serve's), so
    # the warm-up itself must not need the database.
    with held_port() as closed:  # nothing listens there: connections are refused
        url = f"postgresql+psycopg://postgres@127.0.0.1:{closed.getsockname()[1]}/seminar"
        command = [str(Path(sys.executable).parent / "gunicorn"), "--preload", "-w", "1"]
        command += ["-b", "fd://FD", "--config", PROBE, "wsgi:app"]
        server = ProbedServer(command, url, tmp_path, workers=1)
        try:
            (report,) = server.ready.values()
            assert _top_level(report) >= HEAVY
            reply = http_request(server.port, "GET", "/program", headers={"Accept-Language": "zh"})
            assert reply.status == 503
            assert UNAVAILABLE_ZH in reply.body
        finally:
            server.stop()
