import csv
import io
import re

import pytest
from openpyxl import load_workbook
from sqlalchemy import select

from seminar_reg.extensions import db
from seminar_reg.registration import operations
from seminar_reg.registration.demo import demo_delegates
from seminar_reg.registration.models import Delegate, DelegateChange
from tests.forms import FormError, form_of, open_form

NAMES = [
    ("japan", "並木", "心", "なみき", "こころ", "東京都羽村市"),
    ("japan", "髙橋", "一郎", "たかはし", "いちろう", "北海道"),
    ("japan", "𠮷田", "花子", "よしだ", "はなこ", "=cmd|' /C calc'!A0"),
    ("china", "单", "伟", "", "", "沈阳市人民政府"),
    ("china", "欧阳", "娜娜", "", "", "+中国国际旅行社"),
    ("china", "陈", "㛃", "", "", "@辽宁省"),
    ("china", "", "买买提·吐尔逊", "", "", "-新疆"),
]
SEARCH_NAMES = [("周", "洋"), ("陈", "华强"), ("华", "明")]


def register_people(seminar) -> list[Delegate]:
    from dataclasses import replace

    template = demo_delegates(japan=1, china=1)
    created = []
    for number, (side, family, given, fr, gr, org) in enumerate(NAMES):
        base = template[0] if side == "japan" else template[1]
        data = replace(base, family_name=family, given_name=given, family_reading=fr,
                       given_reading=gr, organization=org, email=f"p{number}@example.org",
                       item_codes=("plenary",))
        created.append(operations.register(seminar, data)[0])
    return created


@pytest.fixture
def people(seminar, built_once):
    return built_once(register_people, seminar)


def _names_on_page(page: str) -> list[str]:
    return re.findall(r'lang="(?:ja|zh-Hans)">([^<]+)</a>', page)


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("shan", "单伟"),
        ("单", "单伟"),
        ("單", "单伟"),
        ("なみき", "並木 心"),
        ("namiki", "並木 心"),
        ("ナミキ", "並木 心"),
        ("并木", "並木 心"),
        ("ouyang", "欧阳娜娜"),
        ("歐陽", "欧阳娜娜"),
        ("吉田", "𠮷田 花子"),
        ("maimaiti", "买买提·吐尔逊"),
        ("p3@example.org", "单伟"),
    ],
)
def test_search_finds_delegates_in_any_script(login_as, people, query, expected):
    client = login_as("secretariat")
    page = client.get("/console/delegates", query_string={"query": query}).get_data(as_text=True)
    assert expected in _names_on_page(page)


def _found(client, query: str) -> list[str]:
    page = client.get("/console/delegates", query_string={"query": query})
    return _names_on_page(page.get_data(as_text=True))


def register_more_people(seminar) -> None:
    from dataclasses import replace

    base = demo_delegates(japan=0, china=1)[0]
    for number, (family, given) in enumerate(SEARCH_NAMES):
        data = replace(base, family_name=family, given_name=given, email=f"s{number}@example.org",
                       item_codes=("plenary",))
        operations.register(seminar, data)


@pytest.fixture
def more_people(people, seminar, built_once):
    built_once(register_more_people, seminar)


@pytest.mark.parametrize("query", ["ouyang", "歐陽", "欧陽"])
def test_ouyang_finds_ouyang_and_never_zhou_yang(login_as, more_people, query):
    assert _found(login_as("secretariat"), query) == ["欧阳娜娜"]


def test_exact_matches_are_listed_first(login_as, more_people):
    client = login_as("secretariat")
    # 陈华强 sorts before 华明 by pinyin, but only 华明 has a name part that is "hua".
    assert _found(client, "hua") == ["华明", "陈华强"]
    assert _found(client, "yang") == ["周洋"]


def test_list_is_sorted_in_each_sides_order_with_counts(login_as, people):
    page = login_as("secretariat").get("/console/delegates").get_data(as_text=True)
    names = _names_on_page(page)
    assert names[:3] == ["髙橋 一郎", "並木 心", "𠮷田 花子"]  # た < な < よ
    assert names[3:] == ["陈㛃", "买买提·吐尔逊", "欧阳娜娜", "单伟"]  # chen < mai < ou < shan
    assert 'data-count="japan">3<' in page and 'data-count="china">4<' in page


def test_filters_narrow_the_list_and_the_counts(login_as, people):
    client = login_as("secretariat")
    page = client.get("/console/delegates", query_string={"side": "china"}).get_data(as_text=True)
    assert len(_names_on_page(page)) == 4 and 'data-count="japan">0<' in page
    page = client.get("/console/delegates", query_string={"organization": "北海道"}).get_data(
        as_text=True
    )
    assert _names_on_page(page) == ["髙橋 一郎"]


def test_csv_export_opens_as_utf8_sig_with_every_name_unchanged(login_as, people):
    response = login_as("secretariat").get("/console/delegates/export.csv")
    assert response.data.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(response.data.decode("utf-8-sig"))))
    header, body = rows[0], rows[1:]
    assert "姓 / 姓" not in header and header[2] == "姓"
    assert "所属 / 单位" in header
    names = {(row[2], row[3]) for row in body}
    assert {(family, given) for _s, family, given, *_ in NAMES} == names


def test_exports_neutralise_formulas(login_as, people):
    client = login_as("secretariat")
    text = client.get("/console/delegates/export.csv").data.decode("utf-8-sig")
    assert "'=cmd|" in text and "'+中国国际旅行社" in text and "'@辽宁省" in text
    assert "\n=cmd" not in text and ",=cmd" not in text
    workbook = load_workbook(io.BytesIO(client.get("/console/delegates/export.xlsx").data))
    risky = [cell for row in workbook.active.iter_rows() for cell in row
             if isinstance(cell.value, str) and cell.value.startswith(("=", "+", "-", "@"))]
    assert {cell.value for cell in risky} >= {"=cmd|' /C calc'!A0", "+中国国际旅行社", "@辽宁省"}
    assert all(cell.data_type == "s" and cell.quotePrefix for cell in risky)


def test_xlsx_export_gives_back_every_name(login_as, people):
    data = login_as("secretariat").get("/console/delegates/export.xlsx").data
    sheet = load_workbook(io.BytesIO(data)).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][2] == "姓"
    names = {(row[2] or "", row[3]) for row in rows[1:]}
    assert {(family, given) for _s, family, given, *_ in NAMES} == names


def test_edit_keeps_an_audit_log_and_a_manual_cross_name(login_as, people):
    client = login_as("secretariat")
    namiki = people[0]
    role_before = namiki.role
    form = open_form(client, f"/console/delegates/{namiki.id}", field="cross_given_name")
    assert form["cross_family_name"] == "并木"
    assert "vip" in form.options("role")  # staff may give roles the public form does not
    form["role"] = "press"
    form["cross_given_name"] = "心（市长）"
    assert form.submit(client).status_code == 302
    db.session.expire_all()
    delegate = db.session.get(Delegate, namiki.id)
    assert delegate.role == "press" and delegate.cross_given_name == "心（市长）"
    changes = db.session.execute(
        select(DelegateChange).where(DelegateChange.delegate_id == namiki.id)
    ).scalars().all()
    fields = {change.field: change for change in changes}
    assert (fields["role"].before, fields["role"].after) == (role_before, "press")
    assert fields["cross_given_name"].actor == "secretariat@seminar.example"
    client.set_cookie("lang", "en")
    detail = client.get(f"/console/delegates/{namiki.id}").get_data(as_text=True)
    history = detail[detail.index("Change history"):]
    assert "secretariat@seminar.example" in history
    assert "Given name in the other side&#39;s script" in history
    assert "cross_given_name" not in history


def test_cancel_and_confirm_from_the_console(login_as, people):
    client = login_as("secretariat")
    target = people[3]
    page = f"/console/delegates/{target.id}"
    assert open_form(client, page, action="/cancel").submit(client).status_code == 302
    db.session.expire_all()
    assert db.session.get(Delegate, target.id).status == "cancelled"
    open_form(client, page, action="/confirm").submit(client)
    db.session.expire_all()
    assert db.session.get(Delegate, target.id).status == "confirmed"


def test_web_import_previews_then_commits_all_or_nothing(login_as, seminar):
    from tests.registration.test_import import _csv, _row

    client = login_as("secretariat")
    rows = [_row(d) for d in demo_delegates(japan=3, china=3)]
    bad = [dict(row) for row in rows]
    bad[4]["email"] = "broken"
    upload = open_form(client, "/console/import", field="file")
    upload.attach("file", _csv(bad), "bad.csv")
    response = upload.submit(client)
    page = response.get_data(as_text=True)
    assert response.status_code == 400 and "email" in page
    with pytest.raises(FormError):  # a file with errors offers nothing to commit
        form_of(response, action="/console/import/commit")
    # Hostile: a commit posted anyway stores nothing.
    assert client.post("/console/import/commit").status_code == 302
    assert db.session.execute(select(Delegate)).first() is None
    upload = open_form(client, "/console/import", field="file")
    upload.attach("file", _csv(rows), "good.csv")
    response = upload.submit(client)
    assert response.status_code == 200
    commit = form_of(response, action="/console/import/commit")
    assert commit.submit(client).status_code == 302
    assert len(db.session.execute(select(Delegate)).scalars().all()) == 6


def test_import_template_has_every_column_with_bilingual_notes(login_as, seminar):
    from seminar_reg.registration.importer import COLUMNS

    data = login_as("secretariat").get("/console/import/template.xlsx").data
    workbook = load_workbook(io.BytesIO(data))
    header = [cell.value for cell in workbook["delegates"][1]]
    assert header[: len(COLUMNS)] == list(COLUMNS)
    notes = {row[0]: row for row in workbook["notes"].iter_rows(values_only=True)}
    assert notes["family_reading"][1] and notes["family_reading"][2]
    assert notes["family_reading"][1] != notes["family_reading"][2]


@pytest.mark.parametrize("risky", ["=1+1", " =1+1", "＝1+1", "＋81", "－1", "＠x", "\t=1", "\n=1"])
def test_csv_neutralises_what_the_xlsx_writers_neutralise(risky):
    from seminar_reg.documents.sheets import to_csv

    (row,) = list(csv.reader(io.StringIO(to_csv(["a"], [[risky]]).decode("utf-8-sig"))))[1:]
    assert row == ["'" + risky]
    safe = ["山田", "1-2-3", "a=b", "中国-日本"]
    (row,) = list(csv.reader(io.StringIO(to_csv(["a"] * 4, [safe]).decode("utf-8-sig"))))[1:]
    assert row == safe


def test_a_long_list_pages_and_a_short_one_does_not(login_as, seminar):
    operations.register_many(seminar, demo_delegates(japan=30, china=25), source="test")
    client = login_as("secretariat")
    first = client.get("/console/delegates?side=china&query=").get_data(as_text=True)
    assert 'rel="prev"' not in first and 'rel="next"' not in first  # 25 fit one page
    everyone = client.get("/console/delegates").get_data(as_text=True)
    assert 'rel="next"' in everyone and 'rel="prev"' not in everyone
    second = client.get("/console/delegates?page=2").get_data(as_text=True)
    assert 'rel="prev"' in second and 'rel="next"' not in second
