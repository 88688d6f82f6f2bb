import datetime as dt

import pytest
from sqlalchemy import func, select

from seminar_reg.extensions import db
from seminar_reg.registration.models import Delegate

from ..mailbox import body, latest_link, sent_mails
from .helpers import CHINESE, JAPANESE, payload, register_through_form

# Tests fill in the rendered form (tests/forms.py); a hand-built post (client.post) is
# kept only where a person could not send it: a code the form does not offer, a
# control character, a form no longer shown. (No field has a maxlength: a long paste
# reaches the server, which says how long the text may be.)


def _delegates() -> list[Delegate]:
    return db.session.execute(select(Delegate).order_by(Delegate.id)).scalars().all()


def _count() -> int:
    return db.session.execute(select(func.count(Delegate.id))).scalar_one()


def _register(client, side: str, lang: str | None = None, **changes):
    base = JAPANESE if side == "japan" else CHINESE
    return register_through_form(client, side, payload(base, **changes), lang)


def test_japanese_delegate_registers_with_kana(client, seminar):
    response = _register(client, "japan", "ja")
    assert response.status_code == 302 and response.headers["Location"].endswith(
        "/register/complete"
    )
    delegate = _delegates()[0]
    assert (delegate.family_name, delegate.given_name) == ("並木", "心")
    assert (delegate.family_reading, delegate.given_reading) == ("なみき", "こころ")
    assert (delegate.family_latin, delegate.given_latin) == ("Namiki", "Kokoro")
    assert delegate.cross_family_name + delegate.cross_given_name == "并木心"
    assert delegate.cross_organization == "东京都羽村市"
    assert delegate.status == "confirmed" and delegate.language == "ja"
    assert sorted(delegate.item_codes) == ["clair-reception", "plenary"]
    assert delegate.consent_at is not None


def test_chinese_delegate_gets_surname_reading_right(client, seminar):
    _register(client, "china", "zh")
    delegate = _delegates()[0]
    assert (delegate.family_reading, delegate.given_reading) == ("shàn", "wěi")
    assert delegate.latin_name == "SHAN Wei"
    assert delegate.cross_family_name + delegate.cross_given_name == "単偉"


def test_confirmation_page_and_mail_in_the_delegates_language(client, seminar, app):
    _register(client, "china", "zh")
    page = client.get("/register/complete?lang=zh").get_data(as_text=True)
    assert "请查收邮件" in page  # the details are in the mail, not on an open page
    mails = sent_mails(app)
    assert len(mails) == 1
    assert mails[0]["To"] == "shanwei@example.cn"
    assert "第十六届" in mails[0]["Subject"]
    text = body(mails[0])
    assert "http://127.0.0.1:5000/my/" in text
    assert "单伟" in text


@pytest.mark.parametrize(
    ("name", "family", "given", "side"),
    [
        ("takahashi", "髙橋", "一郎", "japan"),
        ("yamazaki", "山\ufa11", "花子", "japan"),
        ("yoshida", "\U00020bb7田", "花子", "japan"),
        ("watanabe", "渡邉", "健", "japan"),
        ("tokunaga", "德永", "誠", "japan"),
        ("liao", "廖", "力强", "china"),
        ("ouyang", "欧阳", "娜娜", "china"),
        ("chen", "陈", "\u36c3", "china"),
        ("maimaiti", "", "买买提·吐尔逊", "china"),
    ],
)
def test_every_hard_name_comes_back_byte_for_byte(client, seminar, name, family, given, side):
    base = JAPANESE if side == "japan" else CHINESE
    extra = {"family_reading": "たかはし", "given_reading": "はなこ"} if side == "japan" else {}
    response = register_through_form(
        client,
        side,
        payload(base, family_name=family, given_name=given, email=f"{name}@example.org", **extra),
    )
    assert response.status_code == 302, response.get_data(as_text=True)
    db.session.expire_all()
    delegate = _delegates()[0]
    assert delegate.family_name.encode("utf-8") == family.encode("utf-8")
    assert delegate.given_name.encode("utf-8") == given.encode("utf-8")


@pytest.mark.parametrize(
    ("language", "message"),
    [
        ("ja", "ふりがな"),
        ("zh", "假名"),
        ("en", "kana"),
    ],
)
def test_japanese_side_needs_kana_in_the_visitors_language(client, seminar, language, message):
    response = _register(client, "japan", language, given_reading="")
    assert response.status_code == 400
    assert message in response.get_data(as_text=True)
    assert _count() == 0


def test_reading_must_be_kana(client, seminar):
    response = _register(client, "japan", family_reading="並木")
    assert response.status_code == 400 and _count() == 0


@pytest.mark.parametrize("email", ["", "not-an-email", "a@"])
def test_bad_email_is_refused_next_to_the_field_in_english(client, seminar, email):
    response = _register(client, "china", "en", email=email)
    assert response.status_code == 400 and _count() == 0
    page = response.get_data(as_text=True)
    errors = page[page.index('id="email-errors"'):]
    assert errors.index("<li>") < errors.index("</ul>")  # a message under the field


def test_an_email_longer_than_the_field_allows_is_refused(client, seminar):
    # No maxlength cuts a paste in the browser: the server says what is wrong.
    response = _register(client, "china", "en", email="x" * 250 + "@example.jp")
    assert response.status_code == 400 and _count() == 0
    assert "at most 254 characters, and 261 were sent." in response.get_data(as_text=True)


def test_email_is_unique_case_insensitively(client, seminar):
    _register(client, "china")
    response = _register(client, "china", "en", email="ShanWei@Example.CN")
    # Answered like a new registration (see test_lost_link), stored as nothing new.
    assert response.status_code == 302
    assert _count() == 1


@pytest.mark.parametrize("value", ["单\x00伟", "单\x1b伟", "单\u202e伟", "单\x85伟"])
def test_control_characters_are_refused(client, seminar, value):
    response = client.post("/register/china", data=payload(CHINESE, given_name=value))
    assert response.status_code == 400 and _count() == 0


def test_over_long_fields_are_refused(client, seminar):
    response = client.post("/register/china", data=payload(CHINESE, organization="局" * 201))
    assert response.status_code == 400 and _count() == 0


def test_text_is_stored_nfc_and_trimmed(client, seminar):
    decomposed = "\u30cf\u309a"  # ハ + combining semi-voiced mark: NFC makes パ
    _register(
        client, "japan", given_name="  心 ", organization=f"{decomposed}市", email="n2@example.jp"
    )
    delegate = _delegates()[0]
    assert delegate.given_name == "心"
    assert delegate.organization == "\u30d1市"


def test_unknown_item_code_is_refused(client, seminar):
    response = client.post(
        "/register/china?lang=en", data=payload(CHINESE, item_codes=["plenary", "karaoke"])
    )
    assert response.status_code == 400
    assert "karaoke" in response.get_data(as_text=True)
    assert _count() == 0


def test_liaison_meeting_is_for_the_japanese_side_only(client, seminar):
    response = client.post(
        "/register/china?lang=zh", data=payload(CHINESE, item_codes=["liaison-meeting"])
    )
    assert response.status_code == 400
    # The reason, not the code: the item by its title and whom it is for.
    errors = response.get_data(as_text=True).split('id="item_codes-errors"')[1].split("</ul>")[0]
    assert "仅限日方参加" in errors and "liaison-meeting" not in errors
    assert _count() == 0
    form = client.get("/register/china").get_data(as_text=True)
    assert 'value="liaison-meeting"' not in form
    assert 'value="liaison-meeting"' in client.get("/register/japan").get_data(as_text=True)


def test_pr_session_needs_a_travel_agency_on_the_chinese_side(client, seminar):
    refused = _register(client, "china", "zh", item_codes=["pr-session"])
    assert refused.status_code == 400
    page = refused.get_data(as_text=True)
    errors = page.split('id="item_codes-errors"')[1].split("</ul>")[0]
    assert "面向日方地方政府和中方旅行社" in errors and "pr-session" not in errors
    accepted = _register(
        client, "china", item_codes=["pr-session"], organization_type="travel_agency"
    )
    assert accepted.status_code == 302


def test_full_item_puts_later_delegates_on_the_waiting_list(client, seminar):
    from seminar_reg.program.queries import item_by_code

    item_by_code(seminar, "site-visit").capacity = 1
    db.session.commit()
    _register(client, "china")
    _register(client, "japan", item_codes=["site-visit"])
    first, second = _delegates()
    assert first.status == "confirmed"
    assert second.status == "waitlisted"
    assert [a.status for a in second.attendances] == ["waitlisted"]


def test_form_is_closed_after_the_deadline(client, seminar):
    seminar.registration_deadline = dt.datetime(2017, 7, 1)
    db.session.commit()
    page = client.get("/register/japan?lang=ja").get_data(as_text=True)
    assert "締め切りました" in page
    # Hostile: the form is gone. The answer is the closed page (the POST's read of the
    # edition loads only its id and deadline: the page reads the rest when it needs it).
    answer = client.post("/register/japan?lang=ja", data=payload(JAPANESE))
    assert answer.status_code == 200 and "締め切りました" in answer.get_data(as_text=True)
    assert _count() == 0


def test_form_offers_kana_fields_to_japan_and_optional_pinyin_to_china(client, seminar):
    japan = client.get("/register/japan?lang=ja").get_data(as_text=True)
    china = client.get("/register/china?lang=zh").get_data(as_text=True)
    assert "ふりがな" in japan and 'autocomplete="family-name"' in japan
    assert "拼音" in china and "选填" in china


def test_the_readings_of_a_name_without_family_name_show_without_a_leading_space(
    client, seminar, app
):
    _register(client, "china", family_name="", given_name="买买提·吐尔逊")
    client.get(latest_link(app))
    page = client.get("/my").get_data(as_text=True)
    assert "<dd>mǎimǎití" in page and "<dd> mǎimǎití" not in page


def test_a_date_it_cannot_read_is_said_in_each_visitors_language(client, seminar):
    # WTForms' own message, from its catalog for the visitor's language: the worker keeps
    # one catalog per language (seminar_reg/i18n.py), so each language in turn, in one
    # process, reads its own.
    said = {
        "ja": "無効な日付型です。",
        "en": "Not a valid date value.",
        "zh": "不是有效的日期值。",
    }
    for lang in ("ja", "en", "zh", "ja"):
        response = _register(client, "japan", lang, arrival_date="2017-13-45")
        assert response.status_code == 400
        page = response.get_data(as_text=True)
        assert said[lang] in page
        assert [text for text in said.values() if text in page] == [said[lang]]
    assert _count() == 0
