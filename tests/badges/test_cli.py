"""`flask badges`: the PDF holds exactly the selected badges, in each side's order."""

import dataclasses

import pytest
import zxingcpp
from sqlalchemy import select

from seminar_reg.extensions import db
from seminar_reg.registration.models import Attendance, AttendanceStatus, DelegateChange
from seminar_reg.registration.operations import data_from_delegate, update
from seminar_reg.registration.places import set_status
from tests.pdf_tools import page_texts, rasterise, squeeze

from .helpers import (
    add_cast,
    add_chinese,
    add_japanese,
    expected_order,
    reload,
    set_columns,
)


@pytest.fixture
def cast(seminar, built_once):
    return built_once(add_cast, seminar)


def run(runner, tmp_path, *options):
    out = tmp_path / "badges.pdf"
    out.unlink(missing_ok=True)
    result = runner.invoke(args=["badges", "--out", str(out), *options])
    return result, (out.read_bytes() if out.exists() else None)


def names_in(pdf: bytes) -> str:
    return squeeze("".join(page_texts(pdf)))


def printed(pdf: bytes, names) -> set[str]:
    text = names_in(pdf)
    return {name for name in names if squeeze(name) in text}


def test_everyone_prints_japanese_side_first_each_side_in_its_order(runner, cast, tmp_path):
    result, pdf = run(runner, tmp_path, "--layout", "single")
    assert result.exit_code == 0, result.output
    pages = [squeeze(text) for text in page_texts(pdf)]
    # One badge per page: page i must carry the i-th name.
    names = [squeeze(name) for name in expected_order()]
    assert [name in page for name, page in zip(names, pages, strict=True)] == [True] * 15
    assert "15" in result.stdout


def test_sheet_layout_keeps_the_order_and_fills_sheets_of_ten(runner, cast, tmp_path):
    result, pdf = run(runner, tmp_path)
    assert result.exit_code == 0, result.output
    text = names_in(pdf)
    positions = [text.index(squeeze(name)) for name in expected_order()]
    assert positions == sorted(positions)
    assert len(page_texts(pdf)) == 2


@pytest.mark.parametrize(
    ("options", "side"),
    [(["--side", "japan"], "japan"), (["--side", "china"], "china")],
)
def test_side_filter(runner, cast, tmp_path, options, side):
    result, pdf = run(runner, tmp_path, *options)
    assert result.exit_code == 0, result.output
    japanese, chinese = expected_order()[:7], expected_order()[7:]
    wanted, unwanted = (japanese, chinese) if side == "japan" else (chinese, japanese)
    assert printed(pdf, wanted) == set(wanted)
    assert printed(pdf, unwanted) == set()


def test_role_filter(runner, seminar, tmp_path):
    add_japanese(seminar, "加藤", "かとう")
    add_japanese(seminar, "鈴木", "すずき", role="press")
    add_chinese(seminar, "王", role="press")
    result, pdf = run(runner, tmp_path, "--role", "press")
    assert result.exit_code == 0, result.output
    assert printed(pdf, ["鈴木 太郎", "王伟", "加藤 太郎"]) == {"鈴木 太郎", "王伟"}


def test_item_filter_takes_confirmed_attendees_only(runner, seminar, tmp_path):
    visitor = add_japanese(seminar, "加藤", "かとう", items=("plenary", "site-visit"))
    waiting = add_chinese(seminar, "王", items=("site-visit",))
    add_chinese(seminar, "张", items=("plenary",))
    attendance = db.session.execute(
        select(Attendance).where(Attendance.delegate_id == waiting.id)
    ).scalar_one()
    attendance.status = AttendanceStatus.WAITLISTED
    db.session.commit()
    result, pdf = run(runner, tmp_path, "--item", "site-visit")
    assert result.exit_code == 0, result.output
    assert printed(pdf, ["加藤 太郎", "王伟", "张伟"]) == {"加藤 太郎"}
    assert visitor.id


def test_unknown_item_is_refused_with_the_known_codes(runner, cast, tmp_path):
    result, pdf = run(runner, tmp_path, "--item", "banquet")
    assert result.exit_code != 0 and pdf is None
    assert "banquet" in result.output and "plenary" in result.output


def test_delegate_filter(runner, cast, tmp_path):
    one = next(d for d in cast if d.family_name == "曾")
    result, pdf = run(runner, tmp_path, "--delegate", str(one.id), "--layout", "single")
    assert result.exit_code == 0, result.output
    assert printed(pdf, expected_order()) == {"曾伟"}
    assert len(page_texts(pdf)) == 1


def test_filters_combine(runner, cast, seminar, tmp_path):
    add_chinese(seminar, "王", given="芳", role="vip")
    add_japanese(seminar, "森", "もり", role="vip")
    result, pdf = run(runner, tmp_path, "--side", "china", "--role", "vip")
    assert result.exit_code == 0, result.output
    assert printed(pdf, ["王芳", "森 太郎", "王伟"]) == {"王芳"}


def test_unprinted_reprints_only_what_changed_since(runner, cast, tmp_path):
    first, _ = run(runner, tmp_path)
    assert first.exit_code == 0, first.output
    changed = next(d for d in cast if d.family_name == "鈴木")
    update(changed, dataclasses.replace(data_from_delegate(changed), title="課長"), actor="t")
    result, pdf = run(runner, tmp_path, "--unprinted")
    assert result.exit_code == 0, result.output
    assert printed(pdf, expected_order()) == {"鈴木 太郎"}
    again, pdf = run(runner, tmp_path, "--unprinted")
    assert again.exit_code != 0 and pdf is None
    assert "No badges match this selection" in again.output


def test_unprinted_includes_new_registrations(runner, cast, seminar, tmp_path):
    assert run(runner, tmp_path)[0].exit_code == 0
    add_chinese(seminar, "曹", given="操")
    result, pdf = run(runner, tmp_path, "--unprinted")
    assert printed(pdf, [*expected_order(), "曹操"]) == {"曹操"}


def test_cancelled_delegates_never_print(runner, cast, tmp_path):
    gone = next(d for d in cast if d.family_name == "单")
    set_status(gone, "cancelled", actor="test")
    result, pdf = run(runner, tmp_path)
    assert "单伟" not in names_in(pdf)
    result, pdf = run(runner, tmp_path, "--delegate", str(gone.id))
    assert result.exit_code != 0 and pdf is None
    assert reload(gone.id).badge_printed_at is None


def test_printing_marks_and_logs_the_printed_badges_only(runner, cast, tmp_path):
    japanese = [d for d in cast if d.side == "japan"]
    before = {d.id: reload(d.id).updated_at for d in japanese}
    result, _ = run(runner, tmp_path, "--side", "japan")
    assert result.exit_code == 0, result.output
    for delegate in japanese:
        stored = reload(delegate.id)
        assert stored.badge_printed_at is not None
        assert stored.updated_at == before[delegate.id]  # printing is not a change
    assert all(reload(d.id).badge_printed_at is None for d in cast if d.side == "china")
    log = db.session.execute(
        select(DelegateChange.delegate_id).where(DelegateChange.field == "badge_printed")
    ).scalars()
    assert sorted(log) == sorted(d.id for d in japanese)


def test_empty_selection_fails_clearly_and_writes_nothing(runner, seminar, tmp_path):
    result, pdf = run(runner, tmp_path)
    assert result.exit_code != 0 and pdf is None
    assert "No badges match this selection" in result.output


def test_unprintable_name_is_skipped_and_reported_while_others_print(runner, cast, tmp_path):
    broken = next(d for d in cast if d.family_name == "王")
    set_columns(broken.id, given_name="伟\ue000")
    result, pdf = run(runner, tmp_path)
    assert result.exit_code == 0, result.output
    assert "U+E000" in result.stderr and f"delegate {broken.id}" in result.stderr
    others = [name for name in expected_order() if name != "王伟"]
    assert printed(pdf, others) == set(others)
    assert "王伟" not in names_in(pdf)
    assert reload(broken.id).badge_printed_at is None
    assert "1 skipped" in result.stdout


def test_nothing_printable_fails_with_the_reasons(runner, seminar, tmp_path):
    broken = add_chinese(seminar, "王")
    set_columns(broken.id, given_name="伟\ue000")
    result, pdf = run(runner, tmp_path)
    assert result.exit_code != 0 and pdf is None
    assert "U+E000" in result.stderr


@pytest.mark.slow
def test_each_qr_code_decodes_to_the_delegates_checkin_code(runner, cast, tmp_path):
    result, pdf = run(runner, tmp_path)
    assert result.exit_code == 0, result.output
    by_name = {d.full_name: reload(d.id).checkin_code for d in cast}
    codes = [by_name[name] for name in expected_order()]
    decoded = [{r.text for r in zxingcpp.read_barcodes(page)} for page in rasterise(pdf, tmp_path)]
    assert decoded == [set(codes[:10]), set(codes[10:])]
