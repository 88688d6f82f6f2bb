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


def test_create_app_imports_no_heavy_library(tmp_path):
    code = (
        "from seminar_reg import create_app\n"
        f"create_app({{'TESTING': True, 'SQLALCHEMY_DATABASE_URI': "
        f"'sqlite:///{tmp_path / 'x.sqlite'}'}})\n"
    )
    assert _child(code) == []


def test_home_page_on_a_fresh_worker_imports_no_heavy_library(seminar, database_url):
    code = (
        "from seminar_reg import create_app\n"
        f"app = create_app({{'TESTING': True, 'SQLALCHEMY_DATABASE_URI': {database_url!r}}})\n"
        "for path in ('/', '/program'):\n"
        "    response = app.test_client().get(path, headers={'Accept-Language': 'ja'})\n"
        "    assert response.status_code == 200, (path, response.status_code)\n"
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
