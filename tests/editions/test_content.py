"""Everything an edition says, edited in ja/zh/en on the programme settings page through
the rendered forms; each change lands in the audit trail with before and after."""

from __future__ import annotations

import json

from sqlalchemy import select

from seminar_reg.audit.models import AuditEvent
from seminar_reg.extensions import db
from seminar_reg.program.models import ProgramDay, Seminar, SeminarOrganization, SubTheme
from seminar_reg.program.queries import item_by_code
from tests.forms import open_form

URL = "/console/program/"


def _events() -> list[AuditEvent]:
    return list(
        db.session.execute(
            select(AuditEvent).where(AuditEvent.kind == "programme").order_by(AuditEvent.id)
        ).scalars()
    )


def _fresh(seminar) -> Seminar:
    db.session.expire_all()
    return db.session.get(Seminar, seminar.id)


def test_the_edition_texts_change_in_three_languages_with_an_audit_record(login_as, seminar):
    staff = login_as("secretariat")
    form = open_form(staff, URL, action="/texts")
    assert form["texts-title_ja"] == "第16回日中地域間交流推進セミナー"  # as stored
    form["texts-city_zh"] = "青岛市"
    form["texts-theme_en"] = "Cities that work together"
    assert form.submit(staff).status_code == 302

    edited = _fresh(seminar)
    assert (edited.city_zh, edited.theme_en, edited.city_ja) == (
        "青岛市",
        "Cities that work together",
        "瀋陽市",
    )
    event = _events()[-1]
    assert event.actor == "secretariat@seminar.example" and event.subject == "edition 16: texts"
    assert json.loads(event.detail) == {
        "before": {
            "city_zh": "沈阳市",
            "theme_en": 'Creating a "Happy City" through collaboration',
        },
        "after": {"city_zh": "青岛市", "theme_en": "Cities that work together"},
    }
    public = staff.get("/?lang=zh").get_data(as_text=True)
    assert "青岛市" in public


def test_an_empty_language_is_refused_next_to_the_field_in_the_readers_language(login_as, seminar):
    staff = login_as("secretariat")
    for lang, words in (("ja", "すべての言語"), ("zh", "每种语言"), ("en", "every language")):
        staff.set_cookie("lang", lang)
        form = open_form(staff, URL, action="/texts")
        form["texts-city_zh"] = ""
        response = form.submit(staff)
        assert response.status_code == 400
        page = response.get_data(as_text=True)
        errors = page.split('id="texts-city_zh-errors"', 1)[1].split("</ul>", 1)[0]
        assert words in errors, (lang, errors)
    assert _fresh(seminar).city_zh == "沈阳市" and _events() == []


def test_item_content_kind_and_audience(login_as, seminar):
    staff = login_as("secretariat")
    form = open_form(staff, URL, action="/items/jet-exchange/content")
    form["jet-exchange-content-title_en"] = "Meeting of former JET participants"
    form["jet-exchange-content-audience"] = "japan_only"
    form["jet-exchange-content-kind"] = "reception"
    assert form.submit(staff).status_code == 302
    db.session.expire_all()
    item = item_by_code(seminar, "jet-exchange")
    assert (item.title_en, item.audience, item.kind) == (
        "Meeting of former JET participants",
        "japan_only",
        "reception",
    )
    assert _events()[-1].subject == "edition 16: item jet-exchange"

    # A description in one language only is a hole in the other two: refused.
    form = open_form(staff, URL, action="/items/jet-exchange/content")
    form["jet-exchange-content-description_ja"] = "元JET参加者の意見交換"
    assert form.submit(staff).status_code == 400
    db.session.expire_all()
    assert item_by_code(seminar, "jet-exchange").description_ja == ""


def test_subthemes_organisations_and_days(login_as, seminar):
    staff = login_as("secretariat")
    form = open_form(staff, URL, action="/subthemes/new")
    for lang, text in (("ja", "観光交流"), ("zh", "旅游交流"), ("en", "Tourism exchange")):
        form[f"subtheme-new-text_{lang}"] = text
    assert form.submit(staff).status_code == 302
    texts = (
        db.session.execute(
            select(SubTheme.text_en)
            .where(SubTheme.seminar_id == seminar.id)
            .order_by(SubTheme.position)
        )
        .scalars()
        .all()
    )
    assert texts[-1] == "Tourism exchange" and len(texts) == 3

    first = db.session.execute(
        select(SeminarOrganization).where(SeminarOrganization.position == 1)
    ).scalar_one()
    form = open_form(staff, URL, action=f"/organizations/{first.id}")
    form[f"organization-{first.id}-name_en"] = "CLAIR"
    form[f"organization-{first.id}-role"] = "co_organizer"
    assert form.submit(staff).status_code == 302
    db.session.expire_all()
    first = db.session.get(SeminarOrganization, first.id)
    assert (first.name_en, first.role) == ("CLAIR", "co_organizer")

    last_day = db.session.execute(
        select(ProgramDay).order_by(ProgramDay.date.desc()).limit(1)
    ).scalar_one()
    form = open_form(staff, URL, action=f"/days/{last_day.id}")
    form[f"day-{last_day.id}-date"] = "2017-07-26"  # the first day's date: refused
    assert form.submit(staff).status_code == 400
    form = open_form(staff, URL, action=f"/days/{last_day.id}")
    form[f"day-{last_day.id}-date"] = "2017-07-29"
    assert form.submit(staff).status_code == 302
    assert str(_fresh(seminar).end_date) == "2017-07-29"

    form = open_form(staff, URL, action=f"/organizations/{first.id}")
    form.check(f"organization-{first.id}-remove")
    assert form.submit(staff).status_code == 302
    gone = first.id
    db.session.expunge_all()
    assert db.session.get(SeminarOrganization, gone) is None
    assert _events()[-1].subject == "edition 16: organisation 1 removed"


def test_viewers_may_not_edit_content(login_as, seminar):
    viewer = login_as("viewer")
    assert viewer.post(f"{URL}texts", data={"texts-city_zh": "x"}).status_code == 403
