"""Finding 11 ("logged nowhere"): exports, badge prints, imports, programme edits and
account changes are recorded with who, when, from where, which file and how many people."""

import csv
import io
import json

import pytest

from seminar_reg.registration.demo import load_demo_data
from tests.auth.helpers import ELSEWHERE, events, from_address, log_in
from tests.conftest import STAFF_PASSWORD
from tests.forms import form_of, open_form

OFFICE = "192.0.2.10"


@pytest.fixture
def secretariat(app, staff_user):
    email = staff_user("secretariat", "sec@seminar.example")
    client = app.test_client()
    client.environ_base.update({"REMOTE_ADDR": OFFICE, "HTTP_ACCEPT_LANGUAGE": "en"})
    assert log_in(client, email, address=OFFICE).status_code == 302
    return client


def _only(kind):
    found = events(kind)
    assert len(found) == 1, [(e.kind, e.subject) for e in found]
    return found[0]


def test_a_delegate_export_names_the_file_the_person_and_how_many(app, seminar, secretariat):
    load_demo_data(seminar, japan=2, china=3)
    page = secretariat.get("/console/delegates?side=china").get_data(as_text=True)
    assert "/console/delegates/export.csv?side=china" in page
    response = secretariat.get("/console/delegates/export.csv?side=china")
    assert response.status_code == 200
    event = _only("export")
    assert (event.actor, event.address, event.subject, event.people) == (
        "sec@seminar.example", OFFICE, "delegates.csv", 3)
    assert event.detail == "side=china"


def test_a_roll_download_is_recorded(app, seminar, secretariat):
    load_demo_data(seminar, japan=2, china=2)
    response = secretariat.get("/console/rolls/plenary/ja.pdf")
    assert response.status_code == 200
    event = _only("export")
    assert event.subject.endswith(".pdf") and event.people == int(response.headers["X-Roll-Rows"])


def test_printing_badges_through_the_page_is_recorded(app, seminar, secretariat):
    load_demo_data(seminar, japan=2, china=1)
    form = open_form(secretariat, "/console/badges/", field="layout")
    response = form.submit(secretariat, button="make_pdf")
    assert response.status_code == 200 and response.mimetype == "application/pdf"
    event = _only("badges")
    assert (event.actor, event.people) == ("sec@seminar.example", 3)


def test_an_import_names_the_uploaded_file(app, seminar, secretariat):
    from seminar_reg.registration.demo import demo_delegates
    from tests.registration.test_import import _csv, _row

    form = open_form(secretariat, "/console/import", field="file")
    rows = [_row(d) for d in demo_delegates(japan=2, china=2)]
    form.attach("file", _csv(rows), "hamura-delegation.csv")
    preview = form.submit(secretariat)
    assert preview.status_code == 200
    commit = form_of(preview, action="/console/import/commit")
    assert commit.submit(secretariat).status_code == 302
    event = _only("import")
    assert (event.subject, event.people) == ("hamura-delegation.csv", 4)


def test_a_programme_edit_is_recorded(app, seminar, secretariat):
    form = open_form(secretariat, "/console/program/", action="/console/program/items/plenary")
    form["plenary-capacity"] = "250"
    assert form.submit(secretariat).status_code == 302
    event = _only("programme")
    assert event.subject == "edition 16: item plenary"
    assert json.loads(event.detail)["after"] == {"capacity": 250}


def test_logins_and_failures_say_from_where(app, staff_user):
    email = staff_user("checkin", "desk@seminar.example")
    log_in(app.test_client(), email, "wrong-password!", address=ELSEWHERE)
    log_in(app.test_client(), email, STAFF_PASSWORD, address=OFFICE)
    failed, login = _only("login_failed"), _only("login")
    assert (failed.actor, failed.address, failed.actor_id) == (email, ELSEWHERE, None)
    assert (login.actor, login.address) == (email, OFFICE)
    assert login.actor_id is not None


@pytest.fixture
def admin(app, staff_user):
    client = app.test_client()
    client.environ_base["HTTP_ACCEPT_LANGUAGE"] = "en"
    assert log_in(client, staff_user("admin", "admin@seminar.example")).status_code == 302
    return client


def _table_rows(page: str) -> int:
    return page.count('<tr class="audit-')


def test_admins_filter_the_trail_by_who_what_and_when(app, seminar, secretariat, admin):
    load_demo_data(seminar, japan=1, china=1)
    secretariat.get("/console/delegates/export.xlsx")
    form = open_form(admin, "/console/audit/", field="kind")
    form["actor"] = "sec@"
    form["kind"] = "export"
    page = form.submit(admin).get_data(as_text=True)
    assert _table_rows(page) == 1 and "delegates.xlsx" in page

    form = open_form(admin, "/console/audit/", field="kind")
    form["kind"] = "login"
    page = form.submit(admin).get_data(as_text=True)
    assert _table_rows(page) == 2  # the secretariat's and the admin's own

    form = open_form(admin, "/console/audit/", field="kind")
    form["since"] = "2001-01-01"
    form["until"] = "2001-12-31"
    page = form.submit(admin).get_data(as_text=True)
    assert _table_rows(page) == 0 and "No events match." in page


def test_a_bad_date_in_the_filter_is_said_next_to_the_field(app, admin):
    response = admin.get("/console/audit/?since=2017-13-45")
    assert response.status_code == 400
    assert "Not a valid date value." in response.get_data(as_text=True)


def test_the_csv_export_is_formula_guarded_and_filtered(app, staff_user, admin):
    hostile = "=HYPERLINK(\"http://evil.example\")@x.example"
    log_in(app.test_client(), hostile, "wrong-password!", address=ELSEWHERE)
    page = admin.get("/console/audit/?kind=login_failed").get_data(as_text=True)
    assert "/console/audit/export.csv?kind=login_failed" in page
    response = admin.get("/console/audit/export.csv?kind=login_failed")
    assert response.mimetype == "text/csv"
    rows = list(csv.reader(io.StringIO(response.data.decode("utf-8-sig"))))
    assert rows[0][1] == "Who" and len(rows) == 2
    assert rows[1][1].startswith("'=") and rows[1][2] == ELSEWHERE
    assert rows[1][3] == "Failed login"
    downloaded = [e for e in events("export") if e.subject == "audit.csv"]
    assert len(downloaded) == 1 and downloaded[0].actor == "admin@seminar.example"


def test_the_trail_is_for_administrators_only(app, secretariat):
    assert secretariat.get("/console/audit/").status_code == 403
    assert secretariat.get("/console/audit/export.csv").status_code == 403
    assert from_address  # (helpers shared with tests/auth)


def test_files_written_from_the_command_line_are_recorded(app, seminar, tmp_path):
    load_demo_data(seminar, japan=2, china=1)
    runner = app.test_cli_runner()
    for args in (["roll", "plenary", "--out", str(tmp_path / "plenary.xlsx")],
                 ["rooming", "--out", str(tmp_path / "rooming.xlsx")]):
        result = runner.invoke(args=args)
        assert result.exit_code == 0, result.output
    exported = events("export")
    assert [e.subject for e in exported] == ["plenary.xlsx", "rooming.xlsx"]
    assert all(e.actor.startswith("command line") for e in exported)
    assert exported[0].people == 3


def test_the_command_line_is_named_in_the_readers_language(app, seminar, admin, tmp_path):
    """Stored as "command line (user)"; a Japanese or Chinese page says it in its words."""
    result = app.test_cli_runner().invoke(args=["roll", "plenary", "--out",
                                                str(tmp_path / "plenary.xlsx")])
    assert result.exit_code == 0, result.output
    for lang, words in (("ja", "コマンドライン"), ("zh", "命令行"), ("en", "command line")):
        admin.set_cookie("lang", lang)
        page = admin.get("/console/audit/").get_data(as_text=True)
        row = page[page.index("plenary.xlsx") - 600:page.index("plenary.xlsx")]
        assert row.count(words) == 2, row  # who (with the system user) and from where
        if lang != "en":
            assert "command line" not in page
        export = admin.get("/console/audit/export.csv").data.decode("utf-8-sig")
        assert words in export and (lang == "en" or "command line" not in export)
