"""Issue #13's "done when": the 17th edition from the 16th, with a 2018 start."""

from __future__ import annotations

import io
import json

import pytest
from openpyxl import load_workbook
from sqlalchemy import select

from seminar_reg.extensions import db
from seminar_reg.program.models import ProgramDay, ProgramItem, Seminar
from seminar_reg.registration.demo import load_demo_data
from seminar_reg.registration.models import Delegate
from tests.pdf_tools import page_texts
from tests.registration.helpers import JAPANESE, register_through_form


def _invoke(runner, *args: str) -> str:
    result = runner.invoke(args=list(args))
    assert result.exit_code == 0, result.output
    return result.output


def _headcounts(runner, *args: str) -> tuple[int, int, int]:
    counts = json.loads(_invoke(runner, "headcounts", "--json", *args))
    return counts["japan"], counts["china"], counts["all"]


def _documents_of_16(runner, tmp_path, name: str) -> tuple[list[str], list]:
    badges, roll = tmp_path / f"badges-{name}.pdf", tmp_path / f"roll-{name}.xlsx"
    _invoke(runner, "badges", "--edition", "16", "--out", str(badges))
    _invoke(runner, "roll", "all", "--edition", "16", "--out", str(roll), "--lang", "en")
    book = load_workbook(io.BytesIO(roll.read_bytes()))
    rows = [list(sheet.iter_rows(values_only=True)) for sheet in book.worksheets]
    return page_texts(badges.read_bytes()), rows


@pytest.mark.slow
def test_the_17th_edition_from_the_16th(app, client, seminar, runner, tmp_path):
    load_demo_data(seminar)
    badges_before, roll_before = _documents_of_16(runner, tmp_path, "before")

    output = _invoke(
        runner,
        "new-edition",
        "17",
        "--from",
        "16",
        "--start",
        "2018-07-25",
        "--city-ja",
        "青島市",
        "--city-zh",
        "青岛市",
        "--city-en",
        "Qingdao",
    )
    assert "Created edition 17" in output
    # Made, not yet current: registration still works on the 16th until the switch.
    assert json.loads(_invoke(runner, "editions", "--json")) == [
        {
            "edition": 17,
            "current": False,
            "start_date": "2018-07-25",
            "end_date": "2018-07-27",
            "city_ja": "青島市",
            "delegates": 0,
        },
        {
            "edition": 16,
            "current": True,
            "start_date": "2017-07-26",
            "end_date": "2017-07-28",
            "city_ja": "瀋陽市",
            "delegates": 165,
        },
    ]
    _invoke(runner, "current-edition", "17")

    new = db.session.execute(select(Seminar).where(Seminar.edition == 17)).scalar_one()
    assert (new.title_ja, new.title_zh, new.title_en) == (
        "第17回日中地域間交流推進セミナー",
        "第十七届中日地方交流促进研讨会",
        "17th Japan-China Regional Exchange Promotion Seminar",
    )
    assert new.short_title_zh == "第十七届中日地方交流"
    assert new.city_en == "Qingdao" and new.province_ja == ""  # Liaoning's was Shenyang's
    assert new.registration_deadline is None and new.fiscal_year == 2018
    days = (
        db.session.execute(
            select(ProgramDay.date).where(ProgramDay.seminar_id == new.id).order_by(ProgramDay.date)
        )
        .scalars()
        .all()
    )
    assert [str(day) for day in days] == ["2018-07-25", "2018-07-26", "2018-07-27"]
    items = (
        db.session.execute(select(ProgramItem).where(ProgramItem.seminar_id == new.id))
        .scalars()
        .all()
    )
    assert len(items) == 7 and all(not item.venue_ja and not item.venue_en for item in items)
    assert {item.code: item.audience for item in items}["liaison-meeting"] == "japan_only"

    for lang, title, date, venue in (
        ("ja", "第17回", "2018年7月25日", "会場未定"),
        ("zh", "第十七届", "2018年7月25日", "地点待定"),
        ("en", "17th", "25 July 2018", "Venue to be announced"),
    ):
        page = client.get(f"/program?lang={lang}").get_data(as_text=True)
        assert title in page and "2017" not in page.replace("2017-", ""), lang
        assert date in page or "2018-07-25" in page, (lang, page[:2000])
        assert venue in page, lang  # venues cleared: to be announced, in every language

    assert _headcounts(runner) == (0, 0, 0)
    assert _headcounts(runner, "--edition", "17") == (0, 0, 0)
    assert _headcounts(runner, "--edition", "16") == (73, 92, 165)

    response = register_through_form(client, "japan", JAPANESE)
    assert response.status_code == 302, response.get_data(as_text=True)[:3000]
    delegate = db.session.execute(
        select(Delegate).where(Delegate.email_key == "namiki@example.jp")
    ).scalar_one()
    assert delegate.seminar_id == new.id
    assert _headcounts(runner) == (1, 0, 1)
    assert _headcounts(runner, "--edition", "16") == (73, 92, 165)

    assert _documents_of_16(runner, tmp_path, "after") == (badges_before, roll_before)


def test_commands_refuse_what_the_series_cannot_take(app, seminar, runner):
    for args, message in (
        # Messages are in the default language (Japanese): 第15回 / 第99回.
        (["new-edition", "17", "--from", "15", "--start", "2018-07-25"], "第15回"),
        (["new-edition", "16", "--from", "16", "--start", "2018-07-25"], "第16回はすでに"),
        (["new-edition", "17", "--from", "16", "--start", "25/07/2018"], "YYYY-MM-DD"),
        (["current-edition", "99"], "第99回はありません"),
        (["headcounts", "--edition", "99"], "第99回はありません"),
        (["roll", "all", "--edition", "99", "--out", "x.xlsx"], "第99回はありません"),
    ):
        result = runner.invoke(args=args)
        assert result.exit_code != 0 and message in result.output, (args, result.output)
    assert db.session.execute(select(Seminar.edition)).scalars().all() == [16]


def test_titles_are_numbered_in_three_languages():
    from seminar_reg.program.editions import chinese_number, english_ordinal, renumber

    assert [chinese_number(n) for n in (1, 10, 16, 17, 20, 21, 100, 105, 110)] == [
        "一",
        "十",
        "十六",
        "十七",
        "二十",
        "二十一",
        "一百",
        "一百零五",
        "一百一十",
    ]
    assert [english_ordinal(n) for n in (1, 2, 3, 4, 11, 12, 13, 21, 22, 101, 111)] == [
        "1st",
        "2nd",
        "3rd",
        "4th",
        "11th",
        "12th",
        "13th",
        "21st",
        "22nd",
        "101st",
        "111th",
    ]
    assert renumber("第9回セミナー", "ja", 10) == "第10回セミナー"
    assert renumber("第九届研讨会", "zh", 10) == "第十届研讨会"
    assert renumber("Seminar", "en", 22) == "22nd Seminar"
    assert renumber("セミナー", "ja", 3) == "第3回セミナー"


def test_the_copy_keeps_items_times_capacities_and_texts_and_clears_venues_and_deadline(
    app, seminar
):
    """Issue 13 item 2, what the seed cannot show (it has no clock times or capacities):
    each item keeps its kind, audience, times, capacity and descriptions, on the day as
    far into the new edition as it was into the old; venues and the deadline are left
    for the secretariat; the source edition is left as it was."""
    import datetime as dt

    from seminar_reg.program.editions import create_edition
    from seminar_reg.program.queries import item_by_code, seminar_by_edition

    plenary = item_by_code(seminar, "plenary")
    plenary.capacity, plenary.start_time, plenary.end_time = 120, dt.time(9, 30), dt.time(12)
    plenary.description_zh = "全体会议"
    plenary.venue_en = "Shenyang Kempinski Hotel"
    seminar.registration_deadline = dt.datetime(2017, 7, 10, 15)
    db.session.commit()
    into_old = plenary.day.date - seminar.start_date

    new = create_edition(17, source_number=16, start=dt.date(2018, 7, 25))

    copied = item_by_code(new, "plenary")
    assert (copied.capacity, copied.start_time, copied.end_time) == (
        120,
        dt.time(9, 30),
        dt.time(12),
    )
    assert (copied.kind, copied.audience, copied.position, copied.description_zh) == (
        plenary.kind,
        plenary.audience,
        plenary.position,
        "全体会议",
    )
    assert copied.day.date - new.start_date == into_old and copied.day.date.year == 2018
    assert (copied.venue_ja, copied.venue_zh, copied.venue_en) == ("", "", "")
    assert new.registration_deadline is None
    assert [s.text_en for s in new.subthemes] == [s.text_en for s in seminar.subthemes]
    assert [(o.role, o.name_ja) for o in new.organizations] == [
        (o.role, o.name_ja) for o in seminar.organizations
    ]
    db.session.expire_all()
    kept = item_by_code(seminar_by_edition(16), "plenary")
    assert (kept.venue_en, kept.capacity) == ("Shenyang Kempinski Hotel", 120)
