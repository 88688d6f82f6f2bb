"""The client of benchmarks/requests.py: sessions over HTTP, forms filled as rendered.

Each method makes one timed request and returns its seconds; forms are fetched (untimed)
and filled from what the page renders, as a browser would submit them.

Every request, whatever it asks and however it is answered (200, 204, 302), takes the same
path: ``http.client`` on a new connection (gunicorn's sync workers close each one), the
body encoded and the cookies put in a header before the clock starts, the clock stopped
when the answer's last byte is read, its Set-Cookie kept after that. Until 2 December
2026 urllib with a cookie jar was timed instead: an answer of 302 (a registration) went
through urllib's error path (an HTTPError built, its headers parsed again, the jar's
cookie processing), an answer of 204 (the bare INSERT) did not, so the client spent more
of its own time on the one than on the other. After each answer the client also waits
(untimed) until the server closes the connection: a sync worker closes it only when its
work after the response (a registration's mail) is done, so the next request is asked of
an idle server, not beside the last one's leftovers, and ``busy`` holds how long after
the answer that took.
"""

from __future__ import annotations

import http.client
import http.cookies
import itertools
import socket
import sys
import time
import urllib.parse
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path

# The headers urllib sent, so that the server is asked exactly what it was asked before.
USER_AGENT = f"Python-urllib/{sys.version_info.major}.{sys.version_info.minor}"
FORM = "application/x-www-form-urlencoded"


class FormFields(HTMLParser):
    """Name -> value of the first <form method=post>: what a browser would send as is."""

    def __init__(self) -> None:
        super().__init__()
        self.fields: list[tuple[str, str]] = []
        self._select: str | None = None
        self._chosen: str | None = None
        self._first: str | None = None
        self._textarea: str | None = None
        self._forms = 0

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "form":
            self._forms += 1
        if self._forms != 1 or "disabled" in a:
            return
        name = a.get("name")
        if tag == "input" and name:
            kind = a.get("type", "text")
            if kind in ("checkbox", "radio") and "checked" not in a:
                return
            if kind not in ("submit", "button", "file"):
                self.fields.append((name, a.get("value", "")))
        elif tag == "select" and name:
            self._select, self._chosen, self._first = name, None, None
        elif tag == "option" and self._select:
            value = a.get("value", "")
            if self._first is None:
                self._first = value
            if "selected" in a:
                self._chosen = value
        elif tag == "textarea" and name:
            self._textarea = name
            self.fields.append((name, ""))

    def handle_endtag(self, tag):
        if tag == "select" and self._select:
            self.fields.append((self._select, self._chosen or self._first or ""))
            self._select = None
        elif tag == "textarea":
            self._textarea = None

    def handle_data(self, data):
        if self._textarea and self.fields and self.fields[-1][0] == self._textarea:
            self.fields[-1] = (self._textarea, self.fields[-1][1] + data)


# The registration as the benchmarks fill it in (the rest as the page renders it).
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


def form_fields(page: str) -> list[tuple[str, str]]:
    parser = FormFields()
    parser.feed(page)
    return parser.fields


def _replace(fields: list[tuple[str, str]], **values: str) -> list[tuple[str, str]]:
    kept = [(name, value) for name, value in fields if name not in values]
    return kept + list(values.items())


class Browser:
    """One browser's cookies, kept by hand: name -> value as the server set it, sent with
    every request. The app sets only host-wide cookies (path /, no domain): a cookie for
    another path is refused rather than sent where a browser would not send it."""

    def __init__(self) -> None:
        self.cookies: dict[str, str] = {}

    def header(self) -> dict[str, str]:
        if not self.cookies:
            return {}
        return {"Cookie": "; ".join(f"{name}={value}" for name, value in self.cookies.items())}

    def keep(self, set_cookies: list[str]) -> None:
        for line in set_cookies:
            parsed = http.cookies.SimpleCookie()
            parsed.load(line)
            for name, morsel in parsed.items():
                if morsel["path"] not in ("", "/") or morsel["domain"]:
                    raise SystemExit(f"requests: a cookie this client does not model: {line}")
                if morsel["max-age"] == "0" or morsel["expires"].endswith("1970 00:00:00 GMT"):
                    self.cookies.pop(name, None)  # deleted (Werkzeug's delete_cookie)
                else:
                    self.cookies[name] = morsel.coded_value


@dataclass(frozen=True)
class Answer:
    """One exchange: its status and body; seconds until the answer's last byte (the timed
    part), the client's own CPU seconds in that part, and seconds the server kept the
    connection open after it (its work after the response)."""

    status: int
    body: bytes
    seconds: float
    cpu: float
    busy: float


class Client:
    """One visitor, one delegate (self-service session) and one admin, each with cookies."""

    def __init__(self, base: str) -> None:
        parsed = urllib.parse.urlsplit(base)
        self.base, self.host, self.port = base, parsed.hostname, parsed.port
        self._numbers = itertools.count(1)
        self.visitor, self.delegate, self.staff = Browser(), Browser(), Browser()
        self.floor = Browser()  # the floor form's own session (benchmarks/floor.py)
        self._register_fields: list[tuple[str, str]] = []
        self._floor_fields: list[tuple[str, str]] = []
        self._my_fields: list[tuple[str, str]] = []
        # Each timed answer, by method and path (no query): the client's CPU and the
        # server's work after the answer, printed beside the timings.
        self.answers: dict[str, list[Answer]] = {}

    def _open(self, browser: Browser, path: str, data: list | None = None) -> Answer:
        headers = {"User-Agent": USER_AGENT, "Connection": "close", **browser.header()}
        body = None
        if data is not None:  # a form's POST, as urllib sent it (its data even if empty)
            body = urllib.parse.urlencode(data).encode()
            headers.update({"Content-Type": FORM, "Referer": self.base + path})
        connection = http.client.HTTPConnection(self.host, self.port, timeout=60)
        cpu, started = time.process_time(), time.perf_counter()
        connection.connect()
        watch = connection.sock.dup()  # open after http.client closes its own, below
        try:
            connection.request("POST" if body is not None else "GET", path, body, headers)
            response = connection.getresponse()
            payload = response.read()
            answered, cpu = time.perf_counter(), time.process_time() - cpu
            busy = _until_closed(watch) - answered
        finally:
            watch.close()
            connection.close()
        browser.keep(response.headers.get_all("Set-Cookie") or [])
        if response.status >= 400:
            raise SystemExit(f"requests: {path} answered {response.status}: {payload[:300]!r}")
        return Answer(response.status, payload, answered - started, cpu, busy)

    def _timed(self, browser: Browser, path: str, data: list | None = None, want: int = 200):
        answer = self._open(browser, path, data)
        if answer.status != want:
            raise SystemExit(f"requests: {path} answered {answer.status}, expected {want}")
        method = "GET" if data is None else "POST"
        self.answers.setdefault(f"{method} {path.split('?')[0]}", []).append(answer)
        return answer.seconds

    def get(self, path: str) -> float:
        browser = self.staff if path.startswith("/console") else self.visitor
        return self._timed(browser, path)

    def save_page(self, path: str, target: Path) -> None:
        target.write_bytes(self._open(self.visitor, path).body)

    def bare_insert(self) -> float:
        return self._timed(self.visitor, "/bare/insert", [], want=204)

    def log_in(self, email: str, password: str) -> None:
        fields = form_fields(self._open(self.staff, "/login").body.decode())
        self._open(self.staff, "/login", _replace(fields, email=email, password=password))
        self._timed(self.staff, "/console/checkin/csrf-token")  # logged in, or this fails

    def register(self) -> float:
        if not self._register_fields:
            page = self._open(self.visitor, "/register/japan?lang=ja").body.decode()
            self._register_fields = _replace(form_fields(page), **FILLED)
        number = next(self._numbers)
        data = _replace(self._register_fields, email=f"bench-{number}@seminar.example")
        return self._timed(self.visitor, "/register/japan?lang=ja", data, want=302)

    def _floor_post(self, path: str) -> float:
        """The floor form (benchmarks/floor.py), filled as the registration is."""
        if not self._floor_fields:
            page = self._open(self.floor, "/bare/form/?lang=ja").body.decode()
            self._floor_fields = _replace(form_fields(page), **FILLED)
        number = next(self._numbers)
        data = _replace(self._floor_fields, email=f"floor-{number}@seminar.example")
        return self._timed(self.floor, path, data, want=302)

    def floor_form(self) -> float:
        return self._floor_post("/bare/form/?lang=ja")

    def floor_form_statements(self) -> float:
        return self._floor_post("/bare/form/statements?lang=ja")

    def floor_statements(self) -> float:
        return self._timed(self.visitor, "/bare/statements", [], want=204)

    def open_self_service(self, token: str) -> None:
        self._open(self.delegate, f"/my/{token}")
        self._my_fields = form_fields(self._open(self.delegate, "/my").body.decode())

    def save_my(self) -> float:
        data = _replace(self._my_fields, title=f"課長 {next(self._numbers) % 7}")
        return self._timed(self.delegate, "/my", data, want=302)


def _until_closed(sock: socket.socket) -> float:
    """perf_counter when the server closed the connection (it sends nothing more)."""
    try:
        while sock.recv(4096):
            pass
    except TimeoutError:
        message = "requests: a worker kept its connection open 60 s after answering"
        raise SystemExit(message) from None
    return time.perf_counter()
