"""The client of benchmarks/requests.py: sessions over HTTP, forms filled as rendered.

Each method makes one timed request and returns its seconds; forms are fetched (untimed)
and filled from what the page renders, as a browser would submit them.
"""

from __future__ import annotations

import http.cookiejar
import itertools
import time
import urllib.error
import urllib.parse
import urllib.request
from html.parser import HTMLParser
from pathlib import Path


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


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


def form_fields(page: str) -> list[tuple[str, str]]:
    parser = FormFields()
    parser.feed(page)
    return parser.fields


def _replace(fields: list[tuple[str, str]], **values: str) -> list[tuple[str, str]]:
    kept = [(name, value) for name, value in fields if name not in values]
    return kept + list(values.items())


class Client:
    """One visitor, one delegate (self-service session) and one admin, each with cookies."""

    def __init__(self, base: str) -> None:
        self.base = base
        self._numbers = itertools.count(1)
        self.visitor, self.delegate, self.staff = (self._opener() for _ in range(3))
        self._register_fields: list[tuple[str, str]] = []
        self._my_fields: list[tuple[str, str]] = []

    @staticmethod
    def _opener():
        jar = http.cookiejar.CookieJar()
        return urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar), _NoRedirect())

    def _open(self, opener, path: str, data: list | None = None) -> tuple[int, bytes]:
        body = urllib.parse.urlencode(data).encode() if data is not None else None
        request = urllib.request.Request(self.base + path, data=body)
        if body is not None:
            request.add_header("Referer", self.base + path)
        try:
            with opener.open(request, timeout=60) as response:
                return response.status, response.read()
        except urllib.error.HTTPError as error:  # 302 (not followed), 4xx, 5xx
            payload = error.read()
            if error.code != 302:
                message = f"requests: {path} answered {error.code}: {payload[:300]!r}"
                raise SystemExit(message) from None
            return error.code, payload

    def _timed(self, opener, path: str, data: list | None = None, want: int = 200) -> float:
        started = time.perf_counter()
        status, _body = self._open(opener, path, data)
        seconds = time.perf_counter() - started
        if status != want:
            raise SystemExit(f"requests: {path} answered {status}, expected {want}")
        return seconds

    def get(self, path: str) -> float:
        opener = self.staff if path.startswith("/console") else self.visitor
        return self._timed(opener, path)

    def save_page(self, path: str, target: Path) -> None:
        target.write_bytes(self._open(self.visitor, path)[1])

    def bare_insert(self) -> float:
        started = time.perf_counter()
        status, _body = self._open(self.visitor, "/bare/insert", [])
        if status != 204:
            raise SystemExit(f"requests: bare insert answered {status}")
        return time.perf_counter() - started

    def log_in(self, email: str, password: str) -> None:
        fields = form_fields(self._open(self.staff, "/login")[1].decode())
        self._open(self.staff, "/login", _replace(fields, email=email, password=password))
        self._timed(self.staff, "/console/checkin/csrf-token")  # logged in, or this fails

    def register(self) -> float:
        if not self._register_fields:
            page = self._open(self.visitor, "/register/japan?lang=ja")[1].decode()
            self._register_fields = _replace(
                form_fields(page),
                family_name="田中",
                given_name="一郎",
                family_reading="たなか",
                given_reading="いちろう",
                organization="北九州市役所",
                organization_type="local_government",
                title="課長",
                role="delegate",
                dietary="none",
                item_codes="plenary",
                consent="y",
            )
        number = next(self._numbers)
        data = _replace(self._register_fields, email=f"bench-{number}@seminar.example")
        return self._timed(self.visitor, "/register/japan?lang=ja", data, want=302)

    def open_self_service(self, token: str) -> None:
        self._open(self.delegate, f"/my/{token}")
        self._my_fields = form_fields(self._open(self.delegate, "/my")[1].decode())

    def save_my(self) -> float:
        data = _replace(self._my_fields, title=f"課長 {next(self._numbers) % 7}")
        return self._timed(self.delegate, "/my", data, want=302)
