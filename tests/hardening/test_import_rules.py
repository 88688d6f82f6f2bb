"""Finding 8: the import's commit never fails on what its preview should have reported
(a derived Latin or reading too long for its column made the commit a 500 and lost the
kept file), and preview and commit cost a constant number of queries however many rows
(two queries per row made a 5,000-row preview outlast gunicorn's 30 s timeout)."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from seminar_reg.console import uploads
from seminar_reg.extensions import db
from seminar_reg.registration.demo import demo_delegates
from seminar_reg.registration.models import Delegate
from tests.forms import form_of, open_form
from tests.registration.test_import import _csv, _row
from tests.statements import counted_statements

LONG_GIVEN_NAME = "伟" * 60  # 60 characters fit; their pinyin (180 letters) does not


@pytest.fixture
def secretariat(login_as, seminar):
    client = login_as("secretariat")
    client.set_cookie("lang", "en")  # as the language switch leaves it
    return client


def _preview(client, content: bytes, filename: str = "delegates.csv"):
    form = open_form(client, "/console/import", action="/console/import")
    form.attach("file", content, filename)
    return form.submit(client)


def _commit(client, preview):
    return form_of(preview, action="/console/import/commit").submit(client)


def _stored() -> int:
    return db.session.execute(select(func.count(Delegate.id))).scalar_one()


def test_a_row_whose_latin_would_not_fit_is_reported_by_the_preview(secretariat):
    rows = [_row(d) for d in demo_delegates(japan=2, china=2)]
    rows[3]["given_name"] = LONG_GIVEN_NAME
    response = _preview(secretariat, _csv(rows))
    page = response.get_data(as_text=True)
    assert response.status_code == 400
    assert "Row 5, column given_name:" in page
    assert "Import all rows" not in page  # nothing to commit
    assert _stored() == 0


def test_a_commit_refused_meanwhile_answers_like_a_preview_and_keeps_the_file(
    secretariat, seminar
):
    from seminar_reg.registration import operations

    delegates = demo_delegates(japan=2, china=2)
    preview = _preview(secretariat, _csv([_row(d) for d in delegates]))
    assert preview.status_code == 200
    operations.register(seminar, delegates[1])  # the same person registers online first
    with secretariat.session_transaction() as session:
        kept = session["import_upload"]

    response = _commit(secretariat, preview)
    assert response.status_code == 400
    assert "Row 3, column email:" in response.get_data(as_text=True)
    assert _stored() == 1  # only the online registration
    with secretariat.session_transaction() as session:
        assert session["import_upload"] == kept
    with secretariat.application.test_request_context():
        assert uploads.read(kept) is not None


@pytest.mark.parametrize("step", ["preview", "commit"])
def test_preview_and_commit_cost_the_same_queries_for_10_or_80_rows(secretariat, step):
    counts = []
    for size in (10, 80):
        db.session.execute(Delegate.__table__.delete())
        db.session.commit()
        rows = [_row(d) for d in demo_delegates(japan=size // 2, china=size // 2, seed=size)]
        with counted_statements() as statements:
            preview = _preview(secretariat, _csv(rows))
            if step == "commit":
                statements.clear()
                assert _commit(secretariat, preview).status_code == 302
        assert preview.status_code == 200
        counts.append(len(statements))
    assert counts[0] == counts[1], counts
