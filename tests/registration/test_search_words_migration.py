"""Migration 0012 rebuilds stored search text so the words of a name are tokens."""

from __future__ import annotations

import importlib.util
from pathlib import Path

from alembic.migration import MigrationContext
from alembic.operations import Operations
from sqlalchemy import select, update

from seminar_reg.extensions import db
from seminar_reg.names import match_rank
from seminar_reg.registration.models import Delegate
from tests.factories import add_chinese

MIGRATION = Path(__file__).resolve().parents[2] / "migrations/versions/0012_search_words.py"


def _upgrade() -> None:
    spec = importlib.util.spec_from_file_location("search_words", MIGRATION)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    connection = db.engine.connect()
    with connection.begin(), Operations.context(MigrationContext.configure(connection)):
        module.upgrade()
    connection.close()


def test_rows_stored_before_the_word_tokens_are_found_by_a_later_word(app, seminar):
    delegate = add_chinese(seminar, "", "买买提·吐尔逊", email="m@example.cn")
    old = "买买提吐尔逊 買買提吐爾遜 maimaitituerxun"  # as stored before: no word tokens
    db.session.execute(update(Delegate).where(Delegate.id == delegate.id).values(search_text=old))
    db.session.commit()
    assert match_rank(old, "吐尔逊") is None
    _upgrade()
    db.session.expire_all()
    stored = db.session.execute(select(Delegate.search_text)).scalar_one()
    assert match_rank(stored, "吐尔逊") == 0 and match_rank(stored, "tuerxun") == 0
