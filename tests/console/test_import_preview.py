"""The import preview (#16): bad rows marked in the table with their messages, every good
row with the reading, Latin form and other-script rendering the import will store."""

from __future__ import annotations

import re
from dataclasses import replace

from seminar_reg.registration.demo import demo_delegates
from tests.forms import open_form
from tests.registration.test_import import _csv, _row


def _table_row(page: str, number: int) -> str:
    match = re.search(rf'<tr id="row-{number}"(.*?)</tr>', page, re.S)
    assert match, number
    return match.group(0)


def _upload(client, rows, lang="en"):
    upload = open_form(client, f"/console/import?lang={lang}", field="file")
    upload.attach("file", _csv(rows), "list.csv")
    return upload.submit(client)


def test_the_preview_marks_bad_rows_and_shows_what_each_row_derives(login_as, seminar):
    japanese, chinese = demo_delegates(japan=1, china=1)
    rows = [
        _row(replace(japanese, family_name="並木", given_name="心", family_reading="なみき",
                     given_reading="こころ", organization="鳥取県")) | {"side": "Japan"},
        _row(replace(chinese, family_name="欧阳", given_name="娜😀", email="nana@example.cn")),
        _row(replace(chinese, family_name="单", given_name="伟", email="shan@example.cn",
                     organization="沈阳市人民政府")),
    ]
    client = login_as("secretariat")
    response = _upload(client, rows)
    assert response.status_code == 400
    page = response.get_data(as_text=True)
    bad = _table_row(page, 3)
    assert 'class="row-invalid"' in bad
    assert "“😀” (U+1F600) cannot be printed" in bad  # refused at once, character named
    assert 'href="#row-3"' in page  # the summary leads to the row
    good = _table_row(page, 2)
    assert "row-invalid" not in good
    # Written out as the delegate list will show it, also when the cell says "Japan".
    assert '<td class="name" lang="ja">並木 心</td>' in good
    assert "なみき こころ" in good and "Namiki Kokoro" in good  # reading, Latin
    assert "并木心" in good and "鸟取县" in good  # the other side's script
    chinese_row = _table_row(page, 4)
    assert ">单伟<" in chinese_row  # a Chinese name without a space
    assert "shàn wěi" in chinese_row and "Shan Wei" in chinese_row and "単偉" in chinese_row
    assert "瀋陽市人民政府" in chinese_row


def test_a_rare_character_in_an_import_row_is_refused_in_the_users_language(
    login_as, seminar
):
    japanese = demo_delegates(japan=1, china=0)[0]
    rows = [_row(replace(japanese, family_name="𪚥", family_reading="てつ"))]
    page = _upload(login_as("secretariat"), rows, lang="ja").get_data(as_text=True)
    assert "「𪚥」（U+2A6A5）は名札や名簿に印刷できない文字です。" in _table_row(page, 2)


def test_the_preview_speaks_the_readers_language(login_as, seminar):
    """Its headers and each row's side were the file's English codes (side, email,
    japan) on a Japanese or Chinese page."""
    japanese, chinese = demo_delegates(japan=1, china=1)
    client = login_as("secretariat")
    page = _upload(client, [_row(japanese), _row(chinese)], lang="ja").get_data(as_text=True)
    head = page[page.index('<table class="import-preview">'):page.index("</thead>")]
    assert ">日中の別<" in head and ">メールアドレス<" in head
    assert ">side<" not in head and ">email<" not in head
    assert ">日本側<" in _table_row(page, 2) and ">中国側<" in _table_row(page, 3)
