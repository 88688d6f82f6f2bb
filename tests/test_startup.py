"""Fast start: the heavy libraries load when a document, a reading or a workbook is made.

Each check runs in a fresh interpreter, because this test process has long imported
everything; the child reports which heavy modules it holds.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

pytestmark = pytest.mark.same_on_every_database

ROOT = Path(__file__).resolve().parent.parent
HEAVY = ("pypinyin", "opencc", "reportlab", "openpyxl", "segno", "pretix_fontpackfree", "PIL")
# Lighter, but needed only by what uses them: the mail's calendar, the password check.
LAZY = (*HEAVY, "icalendar", "zxcvbn")

REPORT_HEAVY = f"""
import json, sys
print(json.dumps(sorted({{m.split('.')[0] for m in sys.modules}} & set({HEAVY!r}))))
"""


def _child(code: str) -> list[str]:
    return _child_reports(code + REPORT_HEAVY)[-1]


def _child_reports(code: str) -> list[list[str]]:
    """Runs ``code`` in a fresh interpreter; each line it prints is a JSON report."""
    environment = dict(os.environ, PYTHONPATH=str(ROOT))
    completed = subprocess.run(
        [sys.executable, "-c", code],
        env=environment,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert completed.returncode == 0, completed.stderr
    return [json.loads(line) for line in completed.stdout.strip().splitlines()]


@pytest.mark.slow
def test_create_app_and_the_first_pages_on_a_fresh_worker_import_no_heavy_library(
    seminar, database_url
):
    # One fresh interpreter, three stages (each child costs about a second of CPU): the
    # app built; the home page and the programme; the registration form, whose glyph
    # check (documents.fonts) is imported when a non-ASCII text is validated, not when
    # the form is shown. The mail's calendar and the password check load when used.
    code = (
        "import json, sys\n"
        "def report():\n"
        "    loaded = {m.split('.')[0] for m in sys.modules}\n"
        f"    print(json.dumps(sorted(loaded & set({LAZY!r}))))\n"
        "from seminar_reg import create_app\n"
        f"app = create_app({{'TESTING': True, 'SQLALCHEMY_DATABASE_URI': {database_url!r}}})\n"
        "report()\n"
        "for path in ('/', '/program'):\n"
        "    response = app.test_client().get(path, headers={'Accept-Language': 'ja'})\n"
        "    assert response.status_code == 200, (path, response.status_code)\n"
        "report()\n"
        "response = app.test_client().get('/register/japan', headers={'Accept-Language': 'ja'})\n"
        "assert response.status_code == 200, response.status_code\n"
        "report()\n"
    )
    built, first_pages, form = _child_reports(code)
    assert built == []
    assert first_pages == []
    assert form == []


def test_heavy_libraries_still_load_when_used(tmp_path):
    code = (
        "from seminar_reg.names import pinyin_syllables, to_chinese_script\n"
        "assert pinyin_syllables('子轩') == ['zi3', 'xuan1']\n"
        "assert to_chinese_script('沢') == '泽'\n"
    )
    assert {"pypinyin", "opencc"} <= set(_child(code))


def test_light_copy_of_badge_layouts_matches_the_renderer():
    # badges/forms.py knows them without importing the renderer (reportlab).
    from seminar_reg.badges import layout
    from seminar_reg.badges.forms import LAYOUTS

    assert LAYOUTS == layout.LAYOUTS


@pytest.mark.slow
def test_form_pages_import_no_heavy_library_and_requests_import_nothing_new(seminar, database_url):
    # A worker pays for a library, a name table or a translation catalog once; no request
    # after that imports a module or reads a table or catalog again (a per-request import
    # or dictionary load shows here).
    code = (
        "import sys\n"
        "from seminar_reg import create_app\n"
        "from seminar_reg.names._data import load_table\n"
        "from tests.forms import open_form\n"
        "from tests.registration.helpers import CHINESE, JAPANESE, fill\n"
        f"app = create_app({{'TESTING': True, 'WTF_CSRF_ENABLED': False, "
        f"'RATELIMIT_ENABLED': False, 'SQLALCHEMY_DATABASE_URI': {database_url!r}}})\n"
        "client = app.test_client()\n"
        "for path in ('/register/japan?lang=ja', '/register/china?lang=zh'):\n"
        "    assert client.get(path).status_code == 200, path\n"
        f"assert not {{m.split('.')[0] for m in sys.modules}} & set({HEAVY!r})\n"
        "def register(n):\n"
        "    for side, person in (('japan', JAPANESE), ('china', CHINESE)):\n"
        "        form = open_form(client, f'/register/{side}', field='consent')\n"
        "        fill(form, {**person, 'email': f'{n}-{person[\"email\"]}', 'consent': True})\n"
        "        assert form.submit(client).status_code == 302\n"
        "def pages():\n"
        "    for path in ('/program?lang=zh', '/register/japan?lang=en', '/program?lang=ja'):\n"
        "        assert client.get(path).status_code == 200, path\n"
        "register(1)\n"
        "pages()\n"
        "modules, tables = set(sys.modules), load_table.cache_info().misses\n"
        "catalogs = []\n"
        "def opened(event, args):\n"
        "    if event == 'open' and str(args[0]).endswith('.mo'):\n"
        "        catalogs.append(str(args[0]))\n"
        "sys.addaudithook(opened)\n"
        "register(2)\n"
        "pages()\n"
        "assert set(sys.modules) == modules, sorted(set(sys.modules) - modules)\n"
        "assert load_table.cache_info().misses == tables\n"
        "assert not catalogs, catalogs  # a translation catalog read again (WTForms')\n"
    )
    # Name derivation needs these two (readings, the other script); documents need none.
    assert set(_child(code)) <= {"pypinyin", "opencc"}


@pytest.mark.slow
def test_a_badge_job_imports_no_database_layer():
    # benchmarks/badges.py: SQLAlchemy, Alembic and the models were ~55 MB of a
    # 10,000-badge job's peak when the badges package imported its routes and commands.
    code = (
        "import sys\n"
        "from seminar_reg.badges.layout import build_badges\n"
        "loaded = {m.split('.')[0] for m in sys.modules}\n"
        "assert not loaded & {'sqlalchemy', 'alembic', 'flask_sqlalchemy'}, loaded\n"
    )
    assert "reportlab" in _child(code)
