"""Names short enough to type but whose derived forms would not fit a column."""

from __future__ import annotations

from sqlalchemy import func, select

from seminar_reg.extensions import db
from seminar_reg.registration.models import Delegate

from .helpers import CHINESE, JAPANESE, payload, register_through_form


def _count() -> int:
    return db.session.execute(select(func.count(Delegate.id))).scalar_one()


def test_a_long_chinese_given_name_is_refused_on_its_field_not_by_the_database(client, seminar):
    # 100 characters pass the form; their pinyin (4 or more with its tone mark) would not fit.
    response = register_through_form(client, "china", payload(CHINESE, given_name="张" * 100), "en")
    assert response.status_code == 400
    page = response.get_data(as_text=True)
    assert "its reading or other-script form would pass 200 characters" in page
    assert _count() == 0


def test_a_long_kana_reading_is_refused_in_japanese(client, seminar):
    response = register_through_form(
        client, "japan", payload(JAPANESE, given_name="し" * 100, given_reading="し" * 100)
    )
    assert response.status_code == 400
    assert "文字" in response.get_data(as_text=True)
    assert _count() == 0


def test_the_longest_realistic_names_still_register(client, seminar):
    name = "买买提·吐尔逊·阿卜杜拉·艾合买提江"
    response = register_through_form(
        client, "china", payload(CHINESE, family_name="", given_name=name)
    )
    assert response.status_code == 302
    assert _count() == 1
