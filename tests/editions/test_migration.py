"""An existing 2017 database, migrated forward: its delegates belong to edition 16,
which is current, and the figures are the report's.

The 2017 database is built with the migrations as they were before editions (and
delegations), filled with the seed and the demo delegates: today's code fills a
database at the newest schema, and every row is copied into the old schema, column by
column where the old table has the column."""

from __future__ import annotations

import pytest
from flask_migrate import upgrade
from sqlalchemy import MetaData, create_engine, insert, select

from seminar_reg.extensions import db
from tests.conftest import make_test_app
from tests.databases import unique_name

OLD_HEAD = "0007_retention"  # main's head before delegations and editions


@pytest.fixture
def databases(test_databases, tmp_path):
    urls = [test_databases.new(unique_name(f"seminar_reg_{n}"), tmp_path) for n in ("new", "old")]
    yield urls
    for url in urls:
        test_databases.drop(url)


def _copy_rows(source_url: str, target_url: str) -> None:
    source, target = create_engine(source_url), create_engine(target_url)
    old, new = MetaData(), MetaData()
    old.reflect(target)
    new.reflect(source)
    with source.connect() as reading, target.begin() as writing:
        for table in old.sorted_tables:
            if table.name == "alembic_version" or table.name not in new.tables:
                continue
            columns = [c for c in new.tables[table.name].columns if c.name in table.columns]
            rows = [row._asdict() for row in reading.execute(select(*columns))]
            if rows:
                writing.execute(insert(table), rows)
    source.dispose()
    target.dispose()


@pytest.mark.slow
@pytest.mark.db
def test_a_2017_database_is_carried_forward(databases, tmp_path):
    from seminar_reg.program.queries import current_seminar, seminar_by_edition
    from seminar_reg.program.seeding import seed_program
    from seminar_reg.registration.demo import load_demo_data
    from seminar_reg.registration.queries import headcounts

    new_url, old_url = databases
    with make_test_app(new_url, tmp_path / "new").app_context():
        seed_program()
        load_demo_data(current_seminar())
        db.session.remove()
        db.engine.dispose()
    old_app = make_test_app(old_url, tmp_path / "old")
    with old_app.app_context():
        from flask_migrate import downgrade

        downgrade(revision=OLD_HEAD)  # the template is migrated; take it back while empty
        db.engine.dispose()
    _copy_rows(new_url, old_url)

    with old_app.app_context():
        upgrade()
        seminar = current_seminar()
        assert seminar is not None and seminar.edition == 16 and seminar.is_current
        counts = headcounts(seminar_by_edition(16))
        assert (counts["japan"], counts["china"], counts["all"]) == (73, 92, 165)
        assert counts["items"]["site-visit"]["all"] == 119
        db.session.remove()
        db.engine.dispose()
