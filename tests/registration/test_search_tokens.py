"""The search tokens (delegate_search_token, migration 0019) are the tokens of every
delegate's search_text, whichever path wrote it: kept by the database's triggers, read by
the console's search and the desk's look-up through their index."""

from __future__ import annotations

import dataclasses
import importlib.util
import re
from pathlib import Path

import pytest
from sqlalchemy import delete, event, func, select, text, update

from seminar_reg.checkin.queries import find_delegates
from seminar_reg.console.delegate_queries import DelegateFilters, all_matching
from seminar_reg.database import BULK_ROWS
from seminar_reg.extensions import db
from seminar_reg.program.queries import item_by_code
from seminar_reg.registration import operations
from seminar_reg.registration.demo import demo_delegates
from seminar_reg.registration.importer import store_rows
from seminar_reg.registration.models import Delegate, DelegateSearchToken
from tests.factories import add_chinese, add_japanese

MIGRATION = Path(__file__).resolve().parents[2] / "migrations/versions/0019_search_tokens.py"


def _stored() -> dict[int, set[str]]:
    tokens: dict[int, set[str]] = {}
    for token, delegate_id in db.session.execute(
        select(DelegateSearchToken.token, DelegateSearchToken.delegate_id)
    ):
        tokens.setdefault(delegate_id, set()).add(token)
    return tokens


def _expected() -> dict[int, set[str]]:
    rows = db.session.execute(select(Delegate.id, Delegate.search_text)).all()
    return {id_: set(blob.split()) for id_, blob in rows if blob and blob.split()}


def _assert_tokens_follow_search_text() -> None:
    db.session.expire_all()
    assert _stored() == _expected()


def test_tokens_follow_registration_import_edit_purge_and_delete(app, seminar):
    namiki = add_japanese(seminar, "並木", "なみき", given="心", given_reading="こころ")
    add_chinese(seminar, "", "买买提·吐尔逊", email="m@example.cn")
    store_rows(seminar, demo_delegates(10, 10))
    _assert_tokens_follow_search_text()
    assert {"並木", "なみき", "namiki", "吐尔逊"} <= set().union(*_stored().values())

    data = operations.data_from_delegate(namiki)
    renamed = dataclasses.replace(data, family_name="林", family_reading="はやし")
    operations.update(namiki, renamed, actor="test")
    _assert_tokens_follow_search_text()
    assert "はやし" in _stored()[namiki.id] and "なみき" not in _stored()[namiki.id]

    # The retention purge blanks the text with a bulk UPDATE: the tokens go with it.
    db.session.execute(update(Delegate).where(Delegate.id == namiki.id).values(search_text=""))
    db.session.commit()
    _assert_tokens_follow_search_text()
    assert namiki.id not in _stored()

    db.session.execute(delete(Delegate).where(Delegate.id != namiki.id))
    db.session.commit()
    assert _stored() == {}


def test_a_look_up_finds_people_through_their_tokens_in_any_script(app, seminar):
    add_japanese(seminar, "東海林", "しょうじ", given="心", given_reading="こころ")
    store_rows(seminar, demo_delegates(20, 20))
    item = item_by_code(seminar, "plenary")
    for query in ("東海林", "东海林", "ショウジ", "しょうじこ", "ｼｮｳｼﾞ"):
        found = [row.delegate.family_name for row in find_delegates(item, query)]
        assert found == ["東海林"], query
    assert find_delegates(item, "海林") == []  # inside a token: never a match


def _migration():
    spec = importlib.util.spec_from_file_location("search_tokens", MIGRATION)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_the_migration_fills_the_tokens_of_delegates_stored_before_it(app, seminar):
    store_rows(seminar, demo_delegates(15, 15))
    add_chinese(seminar, "", "买买提·吐尔逊", email="m@example.cn")
    expected = _expected()
    db.session.execute(delete(DelegateSearchToken))
    db.session.commit()
    backfill = _migration().BACKFILL[db.engine.dialect.name]
    with db.engine.begin() as connection:
        connection.exec_driver_sql(backfill)
    assert _stored() == expected


def _plan(run) -> list[str]:
    """SQLite's plan of the first statement *run* sends (then its places are loaded)."""
    sent = []

    def keep(_conn, _cursor, statement, parameters, *_args):
        sent.append((statement, parameters))

    event.listen(db.engine, "before_cursor_execute", keep)
    try:
        run()
    finally:
        event.remove(db.engine, "before_cursor_execute", keep)
    statement, parameters = sent[0]
    with db.engine.connect() as connection:
        rows = connection.exec_driver_sql(f"EXPLAIN QUERY PLAN {statement}", parameters)
        return [row[3] for row in rows]


def test_look_up_and_search_read_the_indexes_not_every_delegate(app, seminar):
    """The plans, on SQLite (which keeps no table statistics unless asked): the matching
    tokens (and for the console, addresses) are read first, through their indexes, and
    only their delegates after them."""
    if db.engine.dialect.name != "sqlite":
        pytest.skip("PostgreSQL plans by its statistics; the statement count holds there")
    store_rows(seminar, demo_delegates(30, 30))
    item = item_by_code(seminar, "plenary")
    desk = _plan(lambda: find_delegates(item, "taka"))
    console = _plan(lambda: all_matching(seminar, DelegateFilters(query="taka")))
    for plan in (desk, console):
        assert any("delegate_search_token USING COVERING INDEX" in step and "token>" in step
                   for step in plan), plan
        # Each delegate read by its id, as its tokens name it: never all of the seminar's.
        reads = [step for step in plan if re.match(r"(SCAN|SEARCH) delegate ", step)]
        assert "SEARCH delegate USING INTEGER PRIMARY KEY (rowid=?)" in reads, plan
        assert all("PRIMARY KEY" in step or "email_key>" in step for step in reads), plan
    assert any("email_key>" in step for step in console), console


def test_a_large_import_refreshes_postgresqls_statistics_at_once(app, seminar):
    """Until autovacuum comes by, PostgreSQL would plan a search for the tables as they
    were before the import (database.analyze_after_bulk_load)."""
    if db.engine.dialect.name != "postgresql":
        pytest.skip("SQLite keeps no statistics; the searches do not need them")
    statistics = (
        "SELECT reltuples FROM pg_class WHERE relname = 'delegate_search_token'"
    )
    store_rows(seminar, demo_delegates(BULK_ROWS // 2, BULK_ROWS // 2))
    tokens = db.session.execute(select(func.count()).select_from(DelegateSearchToken)).scalar()
    assert db.session.execute(text(statistics)).scalar() == tokens
