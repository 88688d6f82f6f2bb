"""Self-service tokens never reach a log line; database errors log no personal data."""

from __future__ import annotations

import logging
import re
import threading
import urllib.request
from urllib.error import HTTPError
from urllib.parse import unquote

import pytest
from werkzeug.serving import make_server

from seminar_reg.registration.operations import new_token
from seminar_reg.security import REDACTED, RedactTokens, redact

TOKEN = new_token()


def _record(logger: str, message: str, args) -> logging.LogRecord:
    return logging.LogRecord(logger, logging.INFO, __file__, 1, message, args, None)


def test_werkzeug_request_line_is_redacted():
    record = _record(
        "werkzeug", '%s - - [%s] "%s" %s %s', ("127.0.0.1", "now", f"GET /my/{TOKEN} HTTP/1.1",
                                               "302", "-"),
    )  # fmt: skip
    RedactTokens().filter(record)
    assert TOKEN not in record.getMessage()
    assert f"GET /my/{REDACTED} HTTP/1.1" in record.getMessage()


def test_gunicorn_access_line_is_redacted():
    atoms = {"r": f"GET /my/{TOKEN}?lang=zh HTTP/1.1", "s": "302", "f": f"http://x/my/{TOKEN}"}
    record = _record("gunicorn.access", '"%(r)s" %(s)s "%(f)s"', atoms)
    RedactTokens().filter(record)
    assert TOKEN not in record.getMessage()
    assert record.getMessage().count(REDACTED) == 2


def test_encoded_tokens_and_other_paths():
    assert TOKEN not in redact(f"/language/en?next=%2Fmy%2F{TOKEN}")
    assert redact("POST /my/cancel HTTP/1.1") == "POST /my/cancel HTTP/1.1"
    assert redact("GET /my HTTP/1.1") == "GET /my HTTP/1.1"
    assert redact("GET /program HTTP/1.1") == "GET /program HTTP/1.1"


def _percent_encoded(text: str, every: int = 5) -> str:
    """Every fifth character as %XX: the server decodes it to the same token."""
    return "".join(
        f"%{ord(char):02X}" if index % every == 2 else char for index, char in enumerate(text)
    )


@pytest.mark.parametrize(
    "line",
    [
        f"GET /my/{_percent_encoded(TOKEN)} HTTP/1.1",
        f"GET /my/{TOKEN[:5]}%{ord(TOKEN[5]):02x}{TOKEN[6:]} HTTP/1.1",
        f"GET //my//{TOKEN} HTTP/1.1",
        f"GET ///my///{_percent_encoded(TOKEN)}?lang=ja HTTP/1.1",
        f"GET /language/en?next=%252Fmy%252F{TOKEN} HTTP/1.1",
        f"GET /language/en?next=%2F%2Fmy%2F{_percent_encoded(TOKEN)} HTTP/1.1",
        f"GET /MY/{TOKEN} HTTP/1.1",
    ],
    # Fixed ids: the token is random, and parallel workers must collect the same tests.
    ids=["percent-encoded", "one-lowercase-escape", "doubled-slashes", "tripled-slashes",
         "double-encoded-next", "encoded-next", "upper-case-path"],
)
def test_every_spelling_of_a_token_path_is_redacted(line):
    cleaned = redact(line)
    assert REDACTED in cleaned
    # No run of the token's characters long enough to help a guesser survives.
    survivors = re.findall(r"[A-Za-z0-9_\-]{6,}", unquote(unquote(cleaned)))
    assert not any(part in TOKEN for part in survivors), cleaned


def test_filter_is_installed_once_on_the_request_loggers(app):
    for name in ("werkzeug", "gunicorn.access", "gunicorn.error", app.logger.name):
        filters = [f for f in logging.getLogger(name).filters if isinstance(f, RedactTokens)]
        assert len(filters) == 1, name


def test_a_real_werkzeug_server_logs_no_token(app, caplog, monkeypatch):
    """The development server's own request log, end to end."""
    # Alembic's fileConfig (run in-process by the session's migration) disables the
    # loggers that existed before it; a served app never runs migrations in-process.
    monkeypatch.setattr(logging.getLogger("werkzeug"), "disabled", False)
    server = make_server("127.0.0.1", 0, app)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    # The server logs after sending the response: capture until it has stopped.
    with caplog.at_level(logging.INFO, logger="werkzeug"):
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{server.port}/my/{TOKEN}", timeout=10)
        except HTTPError as error:
            assert error.code == 404  # no delegate has this token
        finally:
            server.shutdown()
            thread.join(timeout=10)
    lines = [r.getMessage() for r in caplog.records if r.name == "werkzeug"]
    assert any(f"/my/{REDACTED}" in line for line in lines), lines
    assert not any(TOKEN in line for line in lines)


def test_database_errors_hide_the_statement_values(app):
    """SQLAlchemy puts parameters (names, emails) into error texts unless told not to."""
    from seminar_reg.extensions import db

    assert db.engine.hide_parameters is True


def test_unexpected_errors_show_a_plain_page_without_details(custom_app):
    app = custom_app(PROPAGATE_EXCEPTIONS=False)

    def failing_view():
        raise RuntimeError("secret-delegate@example.jp 张伟")

    app.add_url_rule("/hardening-failure", view_func=failing_view)
    response = app.test_client().get("/hardening-failure?lang=en")
    assert response.status_code == 500
    page = response.get_data(as_text=True)
    assert "Something went wrong" in page
    assert "secret-delegate" not in page and "张伟" not in page and "Traceback" not in page


def test_searched_names_and_emails_are_redacted():
    lines = [
        "GET /console/delegates?query=%E5%8D%95%E4%BC%9F&side=china HTTP/1.1",
        "GET /console/checkin/plenary/lookup?q=namiki HTTP/1.1",
        "GET /console/delegates/export.csv?side=japan&organization=羽村市 HTTP/1.1",
        "GET /login?next=%2Fconsole%2Fdelegates%3Fquery%3Dshan%26side%3Dchina HTTP/1.1",
        'GET /console/delegates?email=a@b.jp" 200',
    ]
    cleaned = [redact(line) for line in lines]
    for secret in ("%E5%8D%95", "namiki", "羽村市", "shan", "a@b.jp"):
        assert not any(secret in line for line in cleaned), secret
    # the rest of each line stays, so the log still says what was asked for
    assert cleaned[0] == f"GET /console/delegates?query={REDACTED}&side=china HTTP/1.1"
    assert cleaned[3].endswith(f"%3Fquery%3D{REDACTED}%26side%3Dchina HTTP/1.1")
    assert redact("GET /console/delegates?side=china HTTP/1.1").endswith("side=china HTTP/1.1")
