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

REPORT_HEAVY = f"""
import json, sys
print(json.dumps(sorted({{m.split('.')[0] for m in sys.modules}} & set({HEAVY!r}))))
"""


def _child(code: str, **env: str) -> list[str]:
    environment = dict(os.environ, PYTHONPATH=str(ROOT), **env)
    completed = subprocess.run(
        [sys.executable, "-c", code + REPORT_HEAVY],
        env=environment,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert completed.returncode == 0, completed.stderr
    return json.loads(completed.stdout.strip().splitlines()[-1])


@pytest.mark.slow
def test_create_app_imports_no_heavy_library(tmp_path):
    code = (
        "from seminar_reg import create_app\n"
        f"create_app({{'TESTING': True, 'SQLALCHEMY_DATABASE_URI': "
        f"'sqlite:///{tmp_path / 'x.sqlite'}'}})\n"
    )
    assert _child(code) == []


@pytest.mark.slow
def test_home_page_on_a_fresh_worker_imports_no_heavy_library(seminar, database_url):
    code = (
        "from seminar_reg import create_app\n"
        f"app = create_app({{'TESTING': True, 'SQLALCHEMY_DATABASE_URI': {database_url!r}}})\n"
        "for path in ('/', '/program'):\n"
        "    response = app.test_client().get(path, headers={'Accept-Language': 'ja'})\n"
        "    assert response.status_code == 200, (path, response.status_code)\n"
    )
    assert _child(code) == []


@pytest.mark.slow
def test_the_registration_form_loads_no_font_until_a_name_is_checked(seminar, database_url):
    # The glyph check (documents.fonts) is imported when a non-ASCII text is validated,
    # not when the form is shown.
    code = (
        "from seminar_reg import create_app\n"
        f"app = create_app({{'TESTING': True, 'SQLALCHEMY_DATABASE_URI': {database_url!r}}})\n"
        "response = app.test_client().get('/register/japan', headers={'Accept-Language': 'ja'})\n"
        "assert response.status_code == 200, response.status_code\n"
    )
    assert _child(code) == []


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
    # A worker pays for a library or a name table once; no request after that imports a
    # module or reads a table again (a per-request import or dictionary load shows here).
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
        "register(2)\n"
        "pages()\n"
        "assert set(sys.modules) == modules, sorted(set(sys.modules) - modules)\n"
        "assert load_table.cache_info().misses == tables\n"
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
