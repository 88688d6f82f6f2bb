"""Rate limits on registration, login and the self-service link, answered with a 429 page
in the visitor's language; request size and upload type limits."""

from __future__ import annotations

import importlib.util
import io
import json
import os
import socket
import subprocess
import sys
import uuid

import pytest
from werkzeug.datastructures import FileStorage

from seminar_reg.security import UploadRefused, read_upload, upload_error_message
from tests.conftest import require
from tests.registration.helpers import CHINESE, payload

from .support import ROOT, stored_counts

pytestmark = pytest.mark.same_on_every_database

LIMITED = {
    "RATELIMIT_ENABLED": True,
    "RATELIMIT_REGISTRATION": "2 per minute",
    "RATELIMIT_LOGIN": "2 per minute",
    "RATELIMIT_SELF_SERVICE": "3 per minute",
}


def _too_many(response, text: str) -> None:
    assert response.status_code == 429
    assert text in response.get_data(as_text=True)
    assert int(response.headers["Retry-After"]) > 0


def test_registration_posts_are_limited_per_address(custom_app):
    client = custom_app(**LIMITED).test_client()
    invalid = payload(CHINESE, email="not-an-email")
    for _ in range(2):
        assert client.post("/register/china", data=invalid).status_code == 400
    before = stored_counts()
    refused = client.post(
        "/register/china", data=payload(CHINESE), headers={"Accept-Language": "zh-CN"}
    )
    _too_many(refused, "请求过于频繁")
    assert stored_counts() == before  # the refused registration stored nothing
    # Reading the form is not counted: a visitor can still see it.
    assert client.get("/register/china").status_code == 200


def test_login_posts_are_limited(custom_app):
    client = custom_app(**LIMITED).test_client()
    wrong = {"email": "nobody@example.jp", "password": "wrong password"}
    for _ in range(2):
        assert client.post("/login", data=wrong).status_code == 401
    _too_many(client.post("/login?lang=ja", data=wrong), "リクエストが多すぎます")


def test_self_service_link_is_limited(custom_app):
    client = custom_app(**LIMITED).test_client()
    for _ in range(3):
        assert client.get(f"/my/{uuid.uuid4().hex}").status_code == 404
    _too_many(client.get(f"/my/{uuid.uuid4().hex}?lang=en"), "Too many requests")
    _too_many(client.get("/my?lang=en"), "Too many requests")  # one budget for all of /my


def test_limits_are_off_when_disabled(custom_app):
    client = custom_app(RATELIMIT_ENABLED=False, RATELIMIT_REGISTRATION="1 per minute")
    statuses = {
        client.test_client().post("/register/china", data={}).status_code for _ in range(5)
    }
    assert statuses == {400}


def _redis_answers() -> bool:
    try:
        with socket.create_connection(("127.0.0.1", 6379), timeout=0.5):
            return True
    except OSError:
        return False


# App instances in a process of their own, as a gunicorn worker's is: one app for each
# limit storage in turn posts wrong logins; it prints the status codes each app got.
WORKER = """
import json, sys
from seminar_reg import create_app
wrong = {"email": "nobody@example.jp", "password": "wrong password"}
answers = []
for storage in json.loads(sys.argv[2]):
    client = create_app(dict(json.loads(sys.argv[1]), RATELIMIT_STORAGE_URI=storage)).test_client()
    answers.append([client.post("/login", data=wrong).status_code for _ in range(int(sys.argv[3]))])
print(json.dumps(answers))
"""


def _worker(database_url: str, storages: list[str], prefix: str, posts: int) -> list[list[int]]:
    config = {
        "SQLALCHEMY_DATABASE_URI": database_url,
        "TESTING": True,
        "WTF_CSRF_ENABLED": False,
        "RATELIMIT_ENABLED": True,
        # An hour, not a minute: on a loaded machine the second process can start more
        # than a minute after the first one posted, and a minute's window forgets its posts.
        "RATELIMIT_LOGIN": "3 per hour",
        # A fixed window could end between the two processes and reset the count.
        "RATELIMIT_STRATEGY": "moving-window",
        "RATELIMIT_KEY_PREFIX": prefix,
    }
    result = subprocess.run(
        [sys.executable, "-c", WORKER, json.dumps(config), json.dumps(storages), str(posts)],
        env={**os.environ, "PYTHONPATH": str(ROOT)},
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr[-2000:]
    return json.loads(result.stdout.strip().splitlines()[-1])


@pytest.mark.slow
def test_limits_in_redis_are_shared_by_two_app_instances(app):
    """Finding 11: with memory:// each gunicorn worker counts alone (x4 with four);
    with the production recipe's Redis two separate processes share one budget."""
    # The app fixture empties the tables afterwards (the processes log failed logins).
    database_url = app.config["SQLALCHEMY_DATABASE_URI"]
    require(_redis_answers(), "Redis at 127.0.0.1:6379")
    require(importlib.util.find_spec("redis"), "the redis package")
    # A prefix of its own, so runs (and other users of this Redis) never share counters.
    prefix = f"seminar-test-{uuid.uuid4().hex}"
    redis_url = "redis://127.0.0.1:6379/0"
    # Each process posts with Redis, then (a control, in the same two processes, to save
    # starting two more) with memory://, where each process has its own budget.
    storages = [redis_url, "memory://"]
    assert _worker(database_url, storages, prefix, 2) == [[401, 401], [401, 401]]
    # The second process: the first one's budget in Redis, a budget of its own in memory.
    assert _worker(database_url, storages, prefix, 2) == [[401, 429], [401, 401]]
    import redis

    client = redis.Redis.from_url(redis_url)
    client.delete(*client.keys(f"{prefix}*") or ["-"])


def test_request_body_size_is_limited(custom_app):
    client = custom_app(MAX_CONTENT_LENGTH=1024 * 1024).test_client()
    before = stored_counts()
    response = client.post(
        "/register/china?lang=zh",
        data=payload(CHINESE, title="x" * (2 * 1024 * 1024)),
    )
    assert response.status_code == 413
    assert "文件过大" in response.get_data(as_text=True)
    assert stored_counts() == before


def test_default_request_size_limit(app):
    assert app.config["MAX_CONTENT_LENGTH"] == 16 * 1024 * 1024


def _upload(name: str, content: bytes) -> FileStorage:
    return FileStorage(stream=io.BytesIO(content), filename=name)


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("delegates.exe", b"MZ\x90\x00"),
        ("delegates.csv.exe", b"side,email\n"),
        ("delegates", b"side,email\n"),
        ("delegates.xlsx", b"side,email\n"),  # a CSV renamed: no zip signature
        ("delegates.csv", b"PK\x03\x04\x00\x00binary"),  # binary renamed to .csv
        ("delegates.pdf", b"%PDF-1.7"),
    ],
)
def test_uploads_of_other_types_are_refused(app, name, content):
    with pytest.raises(UploadRefused) as refused, app.test_request_context("/?lang=en"):
        read_upload(_upload(name, content))
    with app.test_request_context("/?lang=en"):
        assert upload_error_message(refused.value) == "Please upload a .csv or .xlsx file."


def test_uploads_over_the_size_limit_are_refused(app):
    with app.test_request_context("/?lang=en"):
        with pytest.raises(UploadRefused) as refused:
            read_upload(_upload("big.csv", b"a" * 2049), max_bytes=2048)
        app.config["IMPORT_MAX_BYTES"] = 5 * 1024 * 1024
        assert upload_error_message(refused.value) == "The file is larger than 5 MB."


def test_csv_and_xlsx_within_limits_are_read(app):
    with app.test_request_context():
        assert read_upload(_upload("a.CSV", b"side,email\n")) == b"side,email\n"
        assert read_upload(_upload("a.xlsx", b"PK\x03\x04rest")).startswith(b"PK")


def test_lost_link_requests_are_limited(custom_app):
    client = custom_app(RATELIMIT_ENABLED=True, RATELIMIT_LOST_LINK="2 per minute").test_client()
    for _ in range(2):
        assert client.post("/lost-link", data={"email": "nobody@example.jp"}).status_code == 302
    _too_many(client.post("/lost-link?lang=en", data={"email": "x@example.jp"}), "Too many")
    assert client.get("/lost-link").status_code == 200  # the form itself stays readable
