"""Helpers for the hardening tests: real servers (gunicorn, a private PostgreSQL) and
hostile HTTP bodies. Everything listens on 127.0.0.1 only and is torn down by its owner.
"""

from __future__ import annotations

import contextlib
import glob
import http.client
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote_from_bytes

from hypothesis import HealthCheck, settings
from sqlalchemy import func, select

from seminar_reg.extensions import db
from seminar_reg.registration.models import Attendance, Delegate
from tests.ports import held_port, listening_socket

ROOT = Path(__file__).resolve().parents[2]
CSRF_FIELD = re.compile(r'name="csrf_token"[^>]*value="([^"]+)"')

# How many examples, and whether derandomized, comes from the Hypothesis profile
# (tests/conftest.py: a few while developing, the full, reproducible set on CI);
# HARDENING_EXAMPLES overrides the number.
_EXAMPLES = {"max_examples": int(os.environ["HARDENING_EXAMPLES"])} if os.environ.get(
    "HARDENING_EXAMPLES"
) else {}
HOSTILE = settings(
    **_EXAMPLES,
    deadline=None,
    suppress_health_check=[
        HealthCheck.function_scoped_fixture,
        HealthCheck.too_slow,
        HealthCheck.data_too_large,
    ],
)


def stored_counts() -> tuple[int, int]:
    """(delegates, attendances): a half-stored registration changes one without the other."""
    db.session.expire_all()
    return (
        db.session.execute(select(func.count(Delegate.id))).scalar_one(),
        db.session.execute(select(func.count(Attendance.id))).scalar_one(),
    )


def form_body(fields: dict[str, str | bytes | list]) -> bytes:
    """An urlencoded body that may carry what a browser never sends.

    Strings are encoded with surrogatepass, so an unpaired surrogate arrives as the
    bytes ED A0 80 (invalid UTF-8); bytes are sent as they are.
    """
    pairs = []
    for name, value in fields.items():
        for item in value if isinstance(value, list) else [value]:
            raw = item if isinstance(item, bytes) else item.encode("utf-8", "surrogatepass")
            pairs.append(f"{name}={quote_from_bytes(raw)}")
    return "&".join(pairs).encode("ascii")


def csrf_token(html: str) -> str:
    match = CSRF_FIELD.search(html)
    assert match, "no CSRF token in the page"
    return match.group(1)


# --- HTTP against a real server -------------------------------------------------------


@dataclass
class Reply:
    status: int
    body: str
    headers: dict[str, str]


def http_request(
    port: int, method: str, path: str, body: bytes | None = None, headers: dict | None = None
) -> Reply:
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    try:
        connection.request(method, path, body=body, headers=headers or {})
        response = connection.getresponse()
        return Reply(
            response.status,
            response.read().decode("utf-8", "replace"),
            {k.lower(): v for k, v in response.getheaders()},
        )
    finally:
        connection.close()


def register_over_http(port: int, side: str, fields: dict) -> Reply:
    """What a browser does: fetch the form (cookie + CSRF token), then post it."""
    form = http_request(port, "GET", f"/register/{side}")
    cookie = form.headers["set-cookie"].split(";", 1)[0]
    body = form_body(fields | {"csrf_token": csrf_token(form.body)})
    headers = {"Content-Type": "application/x-www-form-urlencoded", "Cookie": cookie}
    return http_request(port, "POST", f"/register/{side}", body, headers)


# --- gunicorn -------------------------------------------------------------------------


class Gunicorn:
    """``gunicorn wsgi:app`` on a free loopback port, with its access log in a file."""

    def __init__(self, database_url: str, workdir: Path, workers: int = 3) -> None:
        listener = listening_socket()
        self.port = listener.getsockname()[1]
        self.access_log = workdir / "access.log"
        self.error_log = workdir / "error.log"
        env = dict(
            os.environ,
            DATABASE_URL=database_url,
            SECRET_KEY="hardening-test-secret-" + "0" * 32,
            RATELIMIT_ENABLED="0",
            OUTBOX_DIRECTORY=str(workdir / "outbox"),
        )
        command = [str(Path(sys.executable).parent / "gunicorn"), "-w", str(workers)]
        command += ["-b", f"fd://{listener.fileno()}", "--timeout", "60", "--preload"]
        command += ["--access-logfile", str(self.access_log)]
        command += ["--error-logfile", str(self.error_log), "wsgi:app"]
        with listener:  # gunicorn holds its own copy
            self.process = subprocess.Popen(
                command, cwd=ROOT, env=env, pass_fds=[listener.fileno()]
            )
        self._wait_until_up()

    def _wait_until_up(self) -> None:
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            assert self.process.poll() is None, self.error_log.read_text(errors="replace")
            try:
                if http_request(self.port, "GET", "/program").status == 200:
                    return
            except OSError:
                time.sleep(0.2)
        raise AssertionError("gunicorn did not start")

    def worker_pids(self) -> list[int]:
        children = Path(f"/proc/{self.process.pid}/task/{self.process.pid}/children")
        return [int(pid) for pid in children.read_text().split()]

    def wait_for_workers(self, count: int) -> None:
        """Until the master has ``count`` workers again (it replaces killed ones)."""
        deadline = time.monotonic() + 30
        while len(self.worker_pids()) != count:
            assert time.monotonic() < deadline, f"gunicorn has {self.worker_pids()} workers"
            time.sleep(0.05)

    def access_log_once(self, ready) -> str:
        """The access log once ``ready(text)``: a worker writes a request's line after it
        has sent the answer, so the client can hold the answer before the line is there."""
        deadline = time.monotonic() + 30
        while not ready(text := self.access_log.read_text()):
            assert time.monotonic() < deadline, f"not in gunicorn's access log:\n{text}"
            time.sleep(0.05)
        return text

    def stop(self) -> None:
        self.process.send_signal(signal.SIGTERM)
        try:
            self.process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()


# --- a private PostgreSQL that a test may stop and start -----------------------------


def postgres_bin_dir() -> Path | None:
    candidates = sorted(glob.glob("/usr/lib/postgresql/*/bin/pg_ctl"), reverse=True)
    return Path(candidates[0]).parent if candidates else None


def _as_postgres(*command: str) -> list[str]:
    # initdb and the server refuse to run as root; outside root we already are someone.
    if os.geteuid() == 0:
        return ["runuser", "-u", "postgres", "--", *command]
    return list(command)


class PrivatePostgres:
    """A throw-away cluster in a temporary directory, never the machine's main one."""

    def __init__(self) -> None:
        bin_dir = postgres_bin_dir()
        assert bin_dir is not None, "no PostgreSQL binaries"
        self.pg_ctl = str(bin_dir / "pg_ctl")
        # Held all along (tests/ports.py), also while a test has the server stopped:
        # PostgreSQL binds it with SO_REUSEADDR, and nothing else can take it meanwhile.
        self.holder = held_port()
        self.port = self.holder.getsockname()[1]
        self.directory = Path(tempfile.mkdtemp(prefix="seminar-pg-"))
        self.data = self.directory / "data"
        if os.geteuid() == 0:
            shutil.chown(self.directory, "postgres", "postgres")
        self._run(str(bin_dir / "initdb"), "-D", str(self.data), "-U", "postgres",
                  "-A", "trust", "-E", "UTF8", "--no-sync")  # fmt: skip
        self.start()

    @property
    def url(self) -> str:
        return f"postgresql+psycopg://postgres@127.0.0.1:{self.port}/postgres"

    def _run(self, *command: str) -> None:
        subprocess.run(_as_postgres(*command), check=True, capture_output=True, timeout=120)

    def start(self) -> None:
        options = (
            f"-p {self.port} -c listen_addresses=127.0.0.1 "
            f"-c unix_socket_directories={self.directory} -c fsync=off"
        )
        self._run(self.pg_ctl, "-D", str(self.data), "-o", options,
                  "-l", str(self.directory / "server.log"), "-w", "start")  # fmt: skip

    def stop(self) -> None:
        self._run(self.pg_ctl, "-D", str(self.data), "-m", "fast", "-w", "stop")

    def destroy(self) -> None:
        with contextlib.suppress(subprocess.CalledProcessError):  # already stopped
            self.stop()
        self.holder.close()
        shutil.rmtree(self.directory, ignore_errors=True)
