from sqlalchemy import select

from seminar_reg.extensions import db
from seminar_reg.registration.models import Delegate, DelegateChange
from tests.forms import open_form

from ..mailbox import latest_link
from .helpers import CHINESE, JAPANESE, payload, register_through_form


def _link_from_outbox(app) -> str:
    return latest_link(app)


def test_personal_link_opens_the_registration(app, seminar):
    register_through_form(app.test_client(), "japan", JAPANESE)
    link = _link_from_outbox(app)
    visitor = app.test_client()
    response = visitor.get(link)
    assert response.status_code == 302 and response.headers["Location"].endswith("/my")
    page = visitor.get("/my?lang=ja").get_data(as_text=True)
    assert "並木 心" in page


def test_wrong_or_missing_token_is_a_404(client, seminar):
    assert client.get("/my/not-a-real-token").status_code == 404
    assert client.get("/my").status_code == 404


def test_change_keeps_a_history(app, seminar):
    register_through_form(app.test_client(), "china", CHINESE)
    visitor = app.test_client()
    visitor.get(_link_from_outbox(app))
    form = open_form(visitor, "/my", field="title")
    form["title"] = "副司长"
    form["item_codes"] = ["plenary"]
    assert form.submit(visitor).status_code == 302
    db.session.expire_all()
    delegate = db.session.execute(select(Delegate)).scalar_one()
    assert delegate.title == "副司长"
    assert delegate.item_codes == ["plenary"]
    changes = {
        c.field: (c.before, c.after) for c in db.session.execute(select(DelegateChange)).scalars()
    }
    assert changes["title"] == ("处长", "副司长")
    assert changes["item_codes"] == ("plenary;site-visit", "plenary")
    assert all(c.actor == "self" for c in delegate.changes)


def test_cancel_frees_the_seat_for_the_waiting_list(app, seminar):
    from seminar_reg.program.queries import item_by_code

    item_by_code(seminar, "plenary").capacity = 1
    db.session.commit()
    register_through_form(app.test_client(), "china", CHINESE)
    link = _link_from_outbox(app)
    register_through_form(app.test_client(), "japan", payload(JAPANESE, item_codes=["plenary"]))
    visitor = app.test_client()
    visitor.get(link)
    assert open_form(visitor, "/my/cancel", action="/my/cancel").submit(visitor).status_code == 302
    db.session.expire_all()
    chinese, japanese = db.session.execute(select(Delegate).order_by(Delegate.id)).scalars()
    assert chinese.status == "cancelled"
    assert japanese.status == "confirmed"
    assert japanese.attendances[0].status == "confirmed"


def test_changing_an_unrelated_field_keeps_a_corrected_cross_name(app, seminar):
    from seminar_reg.registration import operations

    register_through_form(app.test_client(), "japan", JAPANESE)
    delegate = db.session.execute(select(Delegate)).scalar_one()
    delegate.cross_family_name = "并木（校）"
    db.session.commit()
    data = operations.data_from_delegate(delegate)
    from dataclasses import replace

    operations.update(delegate, replace(data, phone="+81-42-555-0000"), actor="self")
    assert delegate.cross_family_name == "并木（校）"
    assert delegate.phone == "+81-42-555-0000"
