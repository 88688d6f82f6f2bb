"""The rendered-form helper (tests/forms.py) sends what a browser would, and no more."""

from __future__ import annotations

import pytest
from flask import Flask, jsonify, request
from sqlalchemy import select

from tests.conftest import make_test_app
from tests.forms import FormError, form_in, forms_in, open_form

pytestmark = pytest.mark.same_on_every_database

PAGE = """
<form method="post" action="/echo?step=2" id="main">
  <input type="hidden" name="csrf_token" value="tok&amp;en">
  <label for="name">Your name</label><input id="name" name="name" value="並木" maxlength="8">
  <label><input type="checkbox" name="consent" value="y"> I agree</label>
  <input type="checkbox" name="items" value="a" id="items-a" checked><label for="items-a">A</label>
  <input type="checkbox" name="items" value="b">
  <input type="checkbox" name="items" value="c" disabled>
  <input type="radio" name="side" value="japan" checked>
  <input type="radio" name="side" value="china">
  <select name="diet"><option value="none">None</option><option selected>halal</option>
    <option value="vegan" disabled>Vegan</option></select>
  <select name="first"><option value="x">X</option><option value="y">Y</option></select>
  <textarea name="note">
line one
&lt;b&gt;</textarea>
  <input name="locked" value="L" readonly>
  <input name="off" value="O" disabled>
  <input type="text" name="email" required>
  <button type="button">Preview</button>
  <button type="submit" name="action" value="save">Save</button>
  <button type="submit" name="action" value="delete" formnovalidate>Delete</button>
</form>
<form method="get" action="/search"><input name="q" value=""><button>Go</button></form>
"""


def main_form():
    return form_in(PAGE, "/page", action="/echo")


def test_reads_every_kind_of_control_as_rendered():
    form = main_form()
    assert form.url == "/echo?step=2"
    assert form["csrf_token"] == "tok&en"
    assert form["name"] == "並木" and form.label("name") == "Your name"
    assert form.label("consent") == "I agree"
    assert form["consent"] is None
    assert form.getlist("items") == ["a"]
    assert form.options("items") == ["a", "b"]
    assert form.option_label("items", "a") == "A" and form.option_label("diet", "none") == "None"
    assert form["side"] == "japan"
    assert form["diet"] == "halal" and form.options("diet") == ["none", "halal"]
    assert form["first"] == "x"  # no option selected: the browser sends the first
    assert form["note"] == "line one\n<b>"
    assert "off" in form.names and form.getlist("off") == []
    assert [b.value for b in form.buttons] == ["save", "delete"]


def test_data_is_what_the_browser_sends_with_the_clicked_button():
    form = main_form()
    form["email"] = "a@example.org"
    assert list(form.data().items(multi=True)) == [
        ("csrf_token", "tok&en"), ("name", "並木"), ("items", "a"), ("side", "japan"),
        ("diet", "halal"), ("first", "x"), ("note", "line one\n<b>"), ("locked", "L"),
        ("email", "a@example.org"), ("action", "save"),
    ]
    assert form.data("Delete")["action"] == "delete"


def test_changes_as_a_person_would():
    form = main_form()
    form["name"] = "单伟"
    form.check("consent")
    form["items"] = ["b"]
    form.check("items", "a")
    form["side"] = "china"
    form["diet"] = "none"
    form["note"] = "x"
    data = form.data()
    assert data["consent"] == "y" and data.getlist("items") == ["a", "b"]
    assert data["side"] == "china" and data["diet"] == "none" and data["name"] == "单伟"
    form.uncheck("items", "a")
    form["consent"] = False
    assert form.getlist("items") == ["b"] and form["consent"] is None


@pytest.mark.parametrize(
    ("name", "value", "why"),
    [
        ("nickname", "x", "renders no field"),
        ("csrf_token", "forged", "hidden"),
        ("locked", "x", "read-only"),
        ("off", "x", "disabled"),
        ("diet", "vegan", "offers"),
        ("diet", "kosher", "offers"),
        ("items", ["c"], "offers"),
        ("side", "korea", "offers"),
        ("name", "123456789", "at most 8"),
    ],
)
def test_refuses_what_a_person_could_not_do(name, value, why):
    form = main_form()
    with pytest.raises(FormError, match=why):
        form[name] = value


def test_refuses_to_send_empty_required_fields_unless_the_button_skips_validation():
    form = main_form()
    with pytest.raises(FormError, match="email"):
        form.submit(None)
    assert form.missing_required() == ["email"]
    with pytest.raises(FormError, match="no button"):
        form.data("Preview")  # type=button never submits


def test_choosing_a_form_on_a_page_with_several():
    assert len(forms_in(PAGE)) == 2
    assert form_in(PAGE, button="Go").method == "get"
    assert form_in(PAGE, field="q").url == "/search"
    with pytest.raises(FormError, match="2 forms match"):
        form_in(PAGE)


@pytest.fixture
def echo_client():
    echo = Flask("echo")

    @echo.route("/page")
    def page():
        return PAGE + '<form method="post" enctype="multipart/form-data" action="/echo">' \
            '<input type="file" name="upload"><button>Upload</button></form>'

    @echo.route("/echo", methods=["GET", "POST"])
    @echo.route("/search")
    def echoed():
        files = {k: [f.filename, f.read().decode()] for k, f in request.files.items()}
        return jsonify(path=request.path, args=request.args.to_dict(flat=False),
                       form=request.form.to_dict(flat=False), files=files)

    return echo.test_client()


def test_submit_posts_exactly_the_data_to_the_action(echo_client):
    form = open_form(echo_client, "/page", action="/echo", field="name")
    form["email"] = "a@example.org"
    answer = form.submit(echo_client, "Delete").get_json()
    assert answer["args"] == {"step": ["2"]}
    assert answer["form"]["action"] == ["delete"] and answer["form"]["items"] == ["a"]
    assert "off" not in answer["form"] and "consent" not in answer["form"]


def test_get_forms_and_file_uploads(echo_client):
    search = open_form(echo_client, "/page", button="Go")
    search["q"] = "並木"
    assert search.submit(echo_client).get_json()["args"] == {"q": ["並木"]}
    upload = open_form(echo_client, "/page", button="Upload")
    upload.attach("upload", b"a,b\n", "delegation.csv")
    assert upload.submit(echo_client).get_json()["files"] == {
        "upload": ["delegation.csv", "a,b\n"]
    }


def test_registers_through_the_real_page_with_its_csrf_token(
    app, seminar, database_url, tmp_path
):
    from seminar_reg.extensions import db
    from seminar_reg.registration.models import Delegate

    guarded = make_test_app(database_url, tmp_path, WTF_CSRF_ENABLED=True)
    client = guarded.test_client()
    form = open_form(client, "/register/japan?lang=ja", button="参加登録")
    assert form["csrf_token"]
    assert form.label("family_name").startswith("姓（漢字）")
    for name, value in {"family_name": "並木", "given_name": "心", "family_reading": "なみき",
                        "given_reading": "こころ", "organization": "東京都羽村市",
                        "title": "市長", "email": "namiki@example.jp"}.items():
        form[name] = value
    form["item_codes"] = ["plenary"]
    form.check("consent")
    response = form.submit(client)
    assert response.status_code == 302, response.get_data(as_text=True)
    assert db.session.execute(select(Delegate)).scalar_one().item_codes == ["plenary"]
    with guarded.app_context():
        db.engine.dispose()
