from sqlalchemy import func, select

from seminar_reg.extensions import db
from seminar_reg.program.models import Edition, ProgramDay, ProgramItem, Seminar
from seminar_reg.program.queries import current_seminar, program_days
from seminar_reg.program.seeding import seed_program

EXPECTED_CODES_BY_DAY = {
    "2017-07-26": ["liaison-meeting", "shenyang-reception"],
    "2017-07-27": ["plenary", "jet-exchange", "pr-session", "clair-reception"],
    "2017-07-28": ["site-visit"],
}


def _count(model) -> int:
    return db.session.execute(select(func.count()).select_from(model)).scalar_one()


def test_seed_creates_the_2017_programme(app):
    seed_program()
    seminar = current_seminar()
    assert seminar.edition == 16
    assert seminar.city_ja == "瀋陽市" and seminar.city_zh == "沈阳市"
    days = {
        day.date.isoformat(): [item.code for item in day.items] for day in program_days(seminar)
    }
    assert days == EXPECTED_CODES_BY_DAY


def test_report_figures_are_kept_as_reported(app):
    seed_program()
    seminar = current_seminar()
    assert (
        seminar.reported_participants_total,
        seminar.reported_participants_japan,
        seminar.reported_participants_china,
    ) == (165, 73, 92)


def test_times_are_empty_because_the_report_gives_none(app):
    seed_program()
    items = db.session.execute(select(ProgramItem)).scalars().all()
    assert items and all(item.start_time is None and item.end_time is None for item in items)


def test_seeding_twice_changes_nothing(app):
    first = seed_program()
    counts = [_count(model) for model in (Seminar, ProgramDay, ProgramItem, Edition)]
    second = seed_program()
    assert first > 0
    assert second == 0
    assert [_count(model) for model in (Seminar, ProgramDay, ProgramItem, Edition)] == counts


def test_reseeding_keeps_times_set_by_the_secretariat(app):
    import datetime as dt

    seed_program()
    plenary = db.session.execute(
        select(ProgramItem).where(ProgramItem.code == "plenary")
    ).scalar_one()
    plenary.start_time = dt.time(9, 30)
    plenary.capacity = 200
    db.session.commit()
    seed_program()
    db.session.refresh(plenary)
    assert plenary.start_time == dt.time(9, 30) and plenary.capacity == 200


def test_history_has_all_sixteen_editions(app):
    seed_program()
    numbers = db.session.execute(select(Edition.number).order_by(Edition.number)).scalars().all()
    assert numbers == list(range(1, 17))
    shenyang = db.session.execute(select(Edition).where(Edition.number == 16)).scalar_one()
    assert shenyang.fiscal_year == 2017 and shenyang.theme_ja == "協働による『幸福都市』の創造"
