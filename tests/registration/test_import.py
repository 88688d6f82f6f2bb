import csv
import io
import json

import pytest
from openpyxl import Workbook
from sqlalchemy import func, select

from seminar_reg.extensions import db
from seminar_reg.registration.demo import demo_delegates
from seminar_reg.registration.importer import COLUMNS
from seminar_reg.registration.models import Delegate
from seminar_reg.registration.queries import headcounts


def _row(data) -> dict[str, str]:
    dietary = data.dietary if data.dietary != "other" else f"other:{data.dietary_note}"
    return {
        "side": data.side,
        "family_name": data.family_name,
        "given_name": data.given_name,
        "family_reading": data.family_reading,
        "given_reading": data.given_reading,
        "family_latin": "",
        "given_latin": "",
        "organization": data.organization,
        "title": data.title,
        "email": data.email,
        "phone": data.phone,
        "role": data.role,
        "dietary": dietary,
        "items": ";".join(data.item_codes),
        "organization_type": data.organization_type,
    }


def _csv(rows: list[dict], *, bom: bool = True) -> bytes:
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=[*COLUMNS, "organization_type"])
    writer.writeheader()
    writer.writerows(rows)
    return buffer.getvalue().encode("utf-8-sig" if bom else "utf-8")


def _count() -> int:
    return db.session.execute(select(func.count(Delegate.id))).scalar_one()


def test_import_of_165_delegates_then_headcounts(runner, seminar, tmp_path):
    path = tmp_path / "delegates.csv"
    path.write_bytes(_csv([_row(d) for d in demo_delegates()]))
    result = runner.invoke(args=["import-delegates", str(path)])
    assert result.exit_code == 0, result.output
    assert "Imported 165" in result.output
    counts = json.loads(runner.invoke(args=["headcounts", "--json"]).output)
    assert (counts["japan"], counts["china"], counts["all"]) == (73, 92, 165)
    assert set(counts["items"]) == {
        "liaison-meeting",
        "shenyang-reception",
        "plenary",
        "jet-exchange",
        "pr-session",
        "clair-reception",
        "site-visit",
    }
    assert counts["items"]["liaison-meeting"]["china"] == 0
    assert counts["items"]["plenary"]["all"] == 165


def test_one_bad_row_imports_nothing_and_names_the_row(runner, seminar, tmp_path):
    rows = [_row(d) for d in demo_delegates(japan=5, china=5)]
    rows[6]["email"] = "not-an-email"
    rows[3]["given_reading"] = ""
    path = tmp_path / "bad.csv"
    path.write_bytes(_csv(rows, bom=False))
    result = runner.invoke(args=["import-delegates", str(path)])
    assert result.exit_code != 0
    assert "row 8, email" in result.output
    assert "row 5, given_reading" in result.output
    assert "nothing was imported" in result.output
    assert _count() == 0


def test_import_reads_xlsx(runner, seminar, tmp_path):
    workbook = Workbook()
    sheet = workbook.active
    header = [*COLUMNS, "organization_type"]
    sheet.append(header)
    for data in demo_delegates(japan=2, china=2):
        row = _row(data)
        sheet.append([row[column] for column in header])
    path = tmp_path / "delegates.xlsx"
    workbook.save(path)
    result = runner.invoke(args=["import-delegates", str(path)])
    assert result.exit_code == 0, result.output
    assert _count() == 4


def test_a_spreadsheet_with_the_earlier_header_names_still_imports(runner, seminar, tmp_path):
    """Templates before December 2026 said family_name_reading, given_name_latin...; the
    form, the data and the import now share one name per field, and the old headers
    are read as aliases so spreadsheets already filled in keep working."""
    old = {
        "family_reading": "family_name_reading",
        "given_reading": "given_name_reading",
        "family_latin": "family_name_latin",
        "given_latin": "given_name_latin",
    }
    rows = [_row(d) for d in demo_delegates(japan=2, china=1)]
    rows[0]["family_latin"] = "Namikki"
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow([old.get(column, column) for column in [*COLUMNS, "organization_type"]])
    writer.writerows([row[column] for column in [*COLUMNS, "organization_type"]] for row in rows)
    path = tmp_path / "old-template.csv"
    path.write_bytes(buffer.getvalue().encode("utf-8-sig"))
    result = runner.invoke(args=["import-delegates", str(path)])
    assert result.exit_code == 0, result.output
    delegates = db.session.execute(select(Delegate).order_by(Delegate.id)).scalars().all()
    assert [d.family_reading for d in delegates[:2]] == [r["family_reading"] for r in rows[:2]]
    assert delegates[0].family_latin == "Namikki"


def test_wrong_header_is_refused(runner, seminar, tmp_path):
    path = tmp_path / "bad.csv"
    path.write_text("side,name,email\njapan,x,y@example.jp\n", encoding="utf-8")
    result = runner.invoke(args=["import-delegates", str(path), "--lang", "ja"])
    assert result.exit_code != 0
    assert "見出し行" in result.output and "family_name" in result.output
    assert _count() == 0


def test_wrong_encoding_is_refused(runner, seminar, tmp_path):
    path = tmp_path / "sjis.csv"
    content = _csv([_row(d) for d in demo_delegates(japan=2, china=0)], bom=False)
    path.write_bytes(content.decode("utf-8").encode("cp932", errors="replace"))
    result = runner.invoke(args=["import-delegates", str(path), "--lang", "zh"])
    assert result.exit_code != 0
    assert "UTF-8" in result.output
    assert _count() == 0


def test_duplicate_emails_in_one_file_are_reported(runner, seminar, tmp_path):
    rows = [_row(d) for d in demo_delegates(japan=3, china=0)]
    rows[2]["email"] = rows[0]["email"].upper()
    path = tmp_path / "dup.csv"
    path.write_bytes(_csv(rows))
    result = runner.invoke(args=["import-delegates", str(path)])
    assert result.exit_code != 0
    assert "row 4, email" in result.output
    assert _count() == 0


def test_imported_delegates_are_confirmed_and_derived(runner, seminar, tmp_path):
    rows = [_row(d) for d in demo_delegates(japan=1, china=2)]
    path = tmp_path / "few.csv"
    path.write_bytes(_csv(rows))
    assert runner.invoke(args=["import-delegates", str(path)]).exit_code == 0
    delegates = db.session.execute(select(Delegate).order_by(Delegate.id)).scalars().all()
    assert {d.status for d in delegates} == {"confirmed"}
    assert all(d.source == "import" for d in delegates)
    assert delegates[0].family_latin and delegates[1].cross_given_name


def test_demo_data_fills_an_empty_database_once(runner, seminar):
    result = runner.invoke(args=["demo-data"])
    assert result.exit_code == 0, result.output
    counts = json.loads(runner.invoke(args=["headcounts", "--json"]).output)
    assert (counts["japan"], counts["china"]) == (73, 92)
    again = runner.invoke(args=["demo-data"])
    assert again.exit_code != 0
    assert runner.invoke(args=["demo-data", "--if-empty"]).exit_code == 0
    assert _count() == 165


def test_import_respects_capacity_in_file_order(runner, seminar, tmp_path):
    from seminar_reg.program.queries import item_by_code

    item_by_code(seminar, "site-visit").capacity = 3
    db.session.commit()
    rows = [_row(d) for d in demo_delegates(japan=0, china=5)]
    for row in rows:
        row["items"] = "plenary;site-visit"
    path = tmp_path / "full.csv"
    path.write_bytes(_csv(rows))
    assert runner.invoke(args=["import-delegates", str(path)]).exit_code == 0
    delegates = db.session.execute(select(Delegate).order_by(Delegate.id)).scalars().all()
    places = [
        {a.item.code: a.status for a in delegate.attendances}["site-visit"]
        for delegate in delegates
    ]
    assert places == ["confirmed"] * 3 + ["waitlisted"] * 2
    # The last two hold a plenary seat: confirmed delegates, waiting only for the visit.
    assert [d.status for d in delegates] == ["confirmed"] * 5
    counts = headcounts(seminar)["items"]
    assert counts["plenary"]["all"] == 5 and counts["site-visit"]["all"] == 3


@pytest.mark.slow
def test_the_issues_exact_header_imports_the_whole_2017_seminar(runner, seminar, tmp_path):
    """No organization_type column: travel agencies are known by their names, so the
    Chinese agencies' PR-session places are accepted."""
    rows = [_row(d) for d in demo_delegates(japan=73, china=92)]
    for row in rows:
        row.pop("organization_type", None)
    assert any("旅行社" in row["organization"] and "pr-session" in row["items"] for row in rows)
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=list(COLUMNS))
    writer.writeheader()
    writer.writerows(rows)
    path = tmp_path / "delegation.csv"
    path.write_bytes(buffer.getvalue().encode("utf-8-sig"))
    result = runner.invoke(args=["import-delegates", str(path)])
    assert result.exit_code == 0, result.output
    counts = json.loads(runner.invoke(args=["headcounts", "--json"]).output)
    assert (counts["japan"], counts["china"], counts["all"]) == (73, 92, 165)
    agencies = db.session.execute(
        select(Delegate.organization_type).where(Delegate.organization.contains("旅行社"))
    ).scalars()
    assert set(agencies) == {"travel_agency"}


@pytest.mark.parametrize(
    ("lang", "choice", "date"),
    [
        ("ja", "選択肢が正しくありません。", "無効な日付型です。"),
        ("zh", "不是有效的选择。", "不是有效的日期值。"),
        ("en", "Not a valid choice.", "Not a valid date value."),
    ],
)
def test_command_line_errors_are_in_the_chosen_language(
    runner, seminar, tmp_path, lang, choice, date
):
    """WTForms' own messages too (an unknown role, a date that is none), though the
    command line has no request for Flask-WTF to read the language from."""
    rows = [_row(d) for d in demo_delegates(japan=1, china=0)]
    rows[0]["role"] = "pilot"
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=[*COLUMNS, "arrival_date"], extrasaction="ignore")
    writer.writeheader()
    writer.writerow({**rows[0], "arrival_date": "2017-07-32"})
    path = tmp_path / "wrong.csv"
    path.write_bytes(buffer.getvalue().encode("utf-8-sig"))
    result = runner.invoke(args=["import-delegates", str(path), "--lang", lang])
    assert result.exit_code != 0
    assert f"row 2, role: {choice}" in result.output
    assert f"row 2, arrival_date: {date}" in result.output
    assert _count() == 0
