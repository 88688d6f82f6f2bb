"""Hostile text in the login form, the console's search and filters, the exports and the
desk's look-up: any Unicode (NUL and other controls, unpaired surrogates, RTL and
zero-width characters), huge page numbers. PostgreSQL refuses NUL in text, so such
text must be refused or cleaned before it reaches SQL; the answer is never a 500, and
a hostile login never creates a session."""

from __future__ import annotations

import csv
import io
import re

import pytest
from hypothesis import event, given
from hypothesis import strategies as st

from seminar_reg.checkin.forms import parse_query
from seminar_reg.console.delegate_queries import PAGE_SIZE, DelegateFilters
from seminar_reg.registration.personal_link import presented_token_hash, token_hash
from tests.conftest import STAFF_PASSWORD
from tests.factories import add_chinese, add_japanese

from .support import HOSTILE, form_body

FORM = {"Content-Type": "application/x-www-form-urlencoded"}
NASTY = [
    "\x00", "\x01", "\x1b", "\x1f", "\x7f", "\x85", "\x9f", "\t", "\r\n", "\ud800", "\udfff",
    "\u202e", "\u200f", "\u200b", "\u200d", "\u2066", "\ufeff", "\u2028", "\uffff", "\ufdd0",
    "\U0010ffff", "\u0301", "𠮷", "髙", "ｶ", "%", "_", "\\", "'\"--;", "%00", " ", "",
    "@", "並木", "shan", "japan", "plenary",
]  # fmt: skip
# Any code point, surrogates and controls included (st.text() leaves surrogates out).
any_text = st.text(st.characters(exclude_categories=()), max_size=8)
nasty_text = st.lists(st.one_of(st.sampled_from(NASTY), any_text), max_size=30).map("".join)
FILTERS = ("query", "side", "status", "role", "item", "organization")
NUL_CASES = ["\x00", "%00", "a\x00", "\x00並木", "並\x00木", "\x00" * 300, "\x00\ud800\x1b"]
CONSOLE_PATHS = (
    "/console/delegates",
    "/console/delegates/export.csv",
    "/console/delegates/export.xlsx",
)
PAGES = [
    "999999999999999999999", "9223372036854775807", "9223372036854775808", "-1",
    "-999999999999999999999", "0", "1", "2", "3", "1e9", "abc", "", "\x00", "１",
]  # fmt: skip


def query_string(fields: dict[str, str | list[str]]) -> str:
    """``?a=..&b=..`` with what a browser never sends (unpaired surrogates as ED A0 80)."""
    return "?" + form_body(fields).decode("ascii") if fields else ""


@pytest.fixture
def people(seminar):
    return [add_japanese(seminar, "並木", "なみき"), add_chinese(seminar, "单")]


@pytest.fixture
def secretariat(login_as, people):
    client = login_as("secretariat")
    client.set_cookie("lang", "en")
    return client


@pytest.fixture
def desk(login_as, people):
    client = login_as("checkin")
    client.set_cookie("lang", "en")
    return client


# --- the login form -------------------------------------------------------------------


def _assert_not_logged_in(client, response) -> None:
    assert response.status_code in (200, 400, 401), response.status_code
    assert 'name="password"' in response.get_data(as_text=True)  # the login page again
    with client.session_transaction() as session:
        assert "_user_id" not in session


@pytest.fixture
def account(staff_user) -> str:
    return staff_user("secretariat")


hostile_email = st.one_of(
    nasty_text,
    nasty_text.map(lambda t: f"{t}@example.jp"),
    nasty_text.map(lambda t: f"secretariat{t}@seminar.example"),
    st.builds(lambda a, b: f"{a}secretariat@seminar.example{b}", nasty_text, nasty_text),
)


@HOSTILE
@given(email=hostile_email, password=st.one_of(nasty_text, st.just("wrong password")))
def test_login_survives_hostile_email(client, account, email, password):
    response = client.post("/login", data=form_body({"email": email, "password": password}),
                           headers=FORM)  # fmt: skip
    event(f"HTTP {response.status_code}")
    _assert_not_logged_in(client, response)


@pytest.mark.parametrize(
    "email",
    ["a\x00@x.jp", "secretariat@seminar.example\x00", "\x00secretariat@seminar.example",
     "secret\x00ariat@seminar.example", "secretariat@seminar.example\x1f",
     "secretariat@seminar.example\x85", "\x00"],
)  # fmt: skip
def test_login_with_a_control_character_is_refused_even_with_the_right_password(
    client, staff_user, email
):
    staff_user("secretariat")
    response = client.post("/login?lang=en", data={"email": email, "password": STAFF_PASSWORD})
    _assert_not_logged_in(client, response)
    assert "This field contains characters that are not allowed." in response.get_data(as_text=True)
    # Nothing was counted against the real account: the right address still logs in.
    response = client.post(
        "/login", data={"email": "secretariat@seminar.example", "password": STAFF_PASSWORD}
    )
    assert response.status_code == 302


def test_authenticate_refuses_control_characters(app, staff_user):
    from seminar_reg.auth.operations import authenticate

    email = staff_user("secretariat")
    for bad in (f"{email}\x00", f"\x00{email}", f"{email}\ud800", f"{email}\x1f", f"\x85{email}"):
        assert authenticate(bad, STAFF_PASSWORD, "127.0.0.1").user is None
    assert authenticate(email, STAFF_PASSWORD, "127.0.0.1").user is not None


# --- the console's search, filters and exports ----------------------------------------


hostile_filters = st.dictionaries(
    st.sampled_from((*FILTERS, "page")),
    st.one_of(nasty_text, st.lists(nasty_text, min_size=2, max_size=3)),
    max_size=4,
)


@pytest.mark.slow
@HOSTILE
@given(fields=hostile_filters, path=st.sampled_from(CONSOLE_PATHS))
def test_console_search_survives_hostile_filters(secretariat, fields, path):
    response = secretariat.get(path + query_string(fields))
    event(f"HTTP {response.status_code}")
    assert response.status_code == 200, response.status_code


@pytest.mark.slow
@pytest.mark.parametrize("path", CONSOLE_PATHS)
def test_console_search_with_nul(secretariat, path):
    # Every filter with every NUL case, on one login and one cast: as 42 tests per page,
    # setting them up cost three times the requests themselves. All failures are listed.
    answers = {
        (name, value): secretariat.get(path + query_string({name: value})).status_code
        for name in FILTERS
        for value in NUL_CASES
    }
    assert {case: status for case, status in answers.items() if status != 200} == {}


def test_console_search_ignores_control_characters(secretariat):
    for query in ("並\x00木", "\x00なみき\x1b", "nam\x7fiki"):
        page = secretariat.get("/console/delegates" + query_string({"query": query}))
        assert page.status_code == 200
        assert "並木" in page.get_data(as_text=True), query
        export = secretariat.get("/console/delegates/export.csv" + query_string({"query": query}))
        rows = list(csv.reader(io.StringIO(export.get_data(as_text=True))))
        assert export.status_code == 200, query
        assert [row[2] for row in rows[1:]] == ["並木"], query  # the header, then 並木 only


def test_filters_drop_control_characters_and_surrogates():
    filters = DelegateFilters.from_args({"query": "\x00並\ud800木\x1b ", "organization": "\x00",
                                         "side": "japan\x00", "item": "\udfffplenary"})  # fmt: skip
    assert filters == DelegateFilters(query="並木", side="japan", item="plenary")


# --- page numbers ---------------------------------------------------------------------


def test_any_page_number_is_a_page(secretariat):
    answers = {
        page: secretariat.get("/console/delegates" + query_string({"page": page}))
        for page in PAGES
    }
    assert {page: r.status_code for page, r in answers.items() if r.status_code != 200} == {}
    # one page only: the first is the last
    assert [page for page, r in answers.items() if "並木" not in r.get_data(as_text=True)] == []


@HOSTILE
@given(page=st.one_of(st.integers(), st.integers(min_value=2**62).map(lambda n: -n)))
def test_huge_and_negative_pages_are_clamped(secretariat, page):
    response = secretariat.get("/console/delegates" + query_string({"page": str(page)}))
    assert response.status_code == 200, response.status_code


def _page(client, page: str) -> tuple[list[str], str]:
    """(the delegates listed, "Page n of m") of one page of the list."""
    html = client.get(f"/console/delegates?page={page}").get_data(as_text=True)
    where = re.search(r"Page \d+ of \d+", html)
    return re.findall(r'href="/console/delegates/(\d+)"', html), where and where.group()


def test_page_past_the_end_shows_the_last_page(secretariat, seminar):
    for number in range(PAGE_SIZE):  # 52 people: two pages
        add_japanese(seminar, "田中", "たなか", email=f"page{number}@example.jp")
    first, last = _page(secretariat, "1"), _page(secretariat, "2")
    assert first[1] == "Page 1 of 2" and len(first[0]) == PAGE_SIZE
    assert last[1] == "Page 2 of 2" and len(last[0]) == 2
    for page in ("3", "9223372036854775808", "999999999999999999999"):
        assert _page(secretariat, page) == last, page
    for page in ("0", "-1", "-999999999999999999999", "x"):
        assert _page(secretariat, page) == first, page


# --- the check-in desk's look-up ------------------------------------------------------


@HOSTILE
@given(q=st.one_of(nasty_text, st.lists(nasty_text, min_size=2, max_size=3)))
def test_desk_lookup_survives_hostile_text(desk, q):
    response = desk.get("/console/checkin/plenary/lookup" + query_string({"q": q}))
    event(f"HTTP {response.status_code}")
    assert response.status_code == 200, response.status_code
    assert isinstance(response.get_json()["results"], list)


def test_desk_lookup_with_nul(desk):
    answers = {
        q: desk.get("/console/checkin/plenary/lookup" + query_string({"q": q})).status_code
        for q in NUL_CASES
    }
    assert {q: status for q, status in answers.items() if status != 200} == {}


def test_desk_lookup_ignores_control_characters(desk):
    for q in ("並\x00木", "\x00なみき", "nami\x1bki"):
        response = desk.get("/console/checkin/plenary/lookup" + query_string({"q": q}))
        assert [row["name"] for row in response.get_json()["results"]] == ["並木 太郎"], q


def test_parse_query_drops_control_characters_and_surrogates():
    assert parse_query("\x00並\ud800木\x1b\udfff ") == "並木"
    # Controls are dropped within a cut of four times the query length, made before any
    # per-character work (a megabyte of NULs costs nothing and leaves nothing).
    assert parse_query("\x00" * 300 + "a" * 200) == "a" * 100
    assert parse_query("\x00" * 1_000_000 + "a" * 200) == ""
    assert parse_query(None) == ""


@pytest.mark.parametrize(
    "path",
    [
        "/program/%00",
        "/program/plenary%00",
        "/console/checkin/%00",
        "/console/checkin/%01plenary/lookup?q=a",
        "/console/rolls/%00/ja.pdf",
        "/console/logistics/seating/%00",
        "/my/%00abcdefgh",
    ],
)
def test_a_control_character_in_the_path_is_a_404_not_a_database_error(
    login_as, seminar, path
):
    response = login_as("admin").get(path, headers={"Accept-Language": "zh-CN"})
    assert response.status_code == 404
    assert "<html" in response.get_data(as_text=True).lower()


@pytest.mark.parametrize(
    "prefix", ["/my/", "/invitation/", "/delegation/join/", "/delegation/returning/"]
)
@pytest.mark.parametrize("token", ["a" * 101, "a" * 100_000])
def test_a_token_longer_than_any_link_is_a_404(client, seminar, prefix, token):
    response = client.get(prefix + token, headers={"Accept-Language": "ja"})
    assert response.status_code == 404
    assert presented_token_hash(token) == ""
    assert presented_token_hash(token[:100]) == token_hash(token[:100])
