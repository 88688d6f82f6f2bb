"""The `roll` command and the console pages: files, errors, permissions."""

import io

import pytest
from openpyxl import load_workbook

from tests.pdf_tools import page_texts, squeeze

from .helpers import add_chinese, add_japanese


@pytest.fixture
def cast(seminar):
    add_japanese(seminar, "加藤", "かとう")
    add_chinese(seminar, "单")
    return seminar


def test_cli_writes_a_pdf(runner, cast, tmp_path):
    out = tmp_path / "plenary.pdf"
    result = runner.invoke(args=["roll", "plenary", "--out", str(out), "--lang", "zh"])
    assert result.exit_code == 0, result.output
    assert "1 Japanese side, 1 Chinese side" in result.output
    text = squeeze("".join(page_texts(out.read_bytes())))
    assert "加藤太郎" in text and "单伟" in text


def test_cli_writes_an_xlsx_of_the_whole_seminar(runner, cast, tmp_path):
    out = tmp_path / "all.XLSX"
    result = runner.invoke(args=["roll", "all", "--out", str(out), "--lang", "en"])
    assert result.exit_code == 0, result.output
    book = load_workbook(io.BytesIO(out.read_bytes()))
    assert book.sheetnames == ["Japanese side", "Chinese side"]


def test_cli_refuses_an_unknown_item_and_writes_nothing(runner, cast, tmp_path):
    out = tmp_path / "x.pdf"
    result = runner.invoke(args=["roll", "plenery", "--out", str(out)])
    assert result.exit_code != 0
    assert "unknown program item 'plenery'" in result.output and "plenary" in result.output
    assert not out.exists()


def test_cli_refuses_an_unknown_extension(runner, cast, tmp_path):
    result = runner.invoke(args=["roll", "plenary", "--out", str(tmp_path / "x.csv")])
    assert result.exit_code != 0 and ".pdf or .xlsx" in result.output


def test_secretariat_downloads_a_pdf(login_as, cast):
    response = login_as("secretariat").get("/console/rolls/plenary/ja.pdf")
    assert response.status_code == 200
    assert response.mimetype == "application/pdf" and response.data.startswith(b"%PDF")
    assert "roll-16-plenary-ja.pdf" in response.headers["Content-Disposition"]
    assert response.headers["Cache-Control"] == "no-store"
    assert response.headers["X-Roll-Rows"] == "2"


def test_secretariat_downloads_an_xlsx(login_as, cast):
    response = login_as("secretariat").get("/console/rolls/all/en.xlsx")
    assert response.status_code == 200
    assert load_workbook(io.BytesIO(response.data)).sheetnames == ["Japanese side", "Chinese side"]


def test_unknown_roll_language_or_format_is_not_found(login_as, cast):
    client = login_as("secretariat")
    assert client.get("/console/rolls/plenery/ja.pdf").status_code == 404
    assert client.get("/console/rolls/plenary/fr.pdf").status_code == 404
    assert client.get("/console/rolls/plenary/ja.csv").status_code == 404


def test_viewer_may_not_see_rolls(login_as, cast):
    client = login_as("viewer")
    assert client.get("/console/rolls/plenary/ja.pdf").status_code == 403
    assert client.get("/console/rolls/").status_code == 403


def test_anonymous_visitors_are_sent_to_login(client, cast):
    for url in ("/console/rolls/plenary/ja.pdf", "/console/rolls/"):
        response = client.get(url)
        assert response.status_code == 302
        assert response.headers["Location"].startswith("/login")


def test_index_lists_every_roll_with_counts_and_links(login_as, cast):
    html = login_as("secretariat").get("/console/rolls/?lang=en").get_data(as_text=True)
    for code in ("all", "plenary", "site-visit", "liaison-meeting"):
        assert f'data-roll="{code}"' in html
        for language in ("ja", "zh", "en"):
            for file_format in ("pdf", "xlsx"):
                assert f"/console/rolls/{code}/{language}.{file_format}" in html
    plenary = html.split('data-roll="plenary"')[1].split("</tr>")[0]
    assert '<td data-count="japan">1</td>' in plenary
    assert '<td data-count="all">2</td>' in plenary
