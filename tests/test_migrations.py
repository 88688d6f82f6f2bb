"""Every migration can be taken back: a database downgraded to the first revision keeps
nothing of the later ones, and upgraded again it is the schema the models declare
(tests/test_app.py compares the models with the template, which was only ever upgraded).
Run on SQLite and on PostgreSQL: a downgrade's batch rebuild, a named constraint or a
trigger behaves differently on each."""

from __future__ import annotations

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from flask_migrate import downgrade, upgrade
from sqlalchemy import CheckConstraint, inspect

from seminar_reg.extensions import db
from tests.conftest import make_test_app
from tests.databases import trigger_names, unique_name

FIRST = "0001_programme"
FIRST_TABLES = {
    "edition", "seminar", "program_day", "seminar_organization", "sub_theme", "program_item",
}


def _tables() -> set[str]:
    return set(inspect(db.engine).get_table_names()) - {"alembic_version"}


def _differences() -> list:
    with db.engine.connect() as connection:
        context = MigrationContext.configure(connection, opts={"compare_type": True})
        return compare_metadata(context, db.metadata)


@pytest.mark.slow
@pytest.mark.db
def test_every_migration_goes_down_and_up_again(test_databases, tmp_path):
    url = test_databases.new(unique_name("seminar_reg_roundtrip"), tmp_path)
    try:
        with make_test_app(url, tmp_path).app_context():
            at_head = _tables(), trigger_names()
            downgrade(revision=FIRST)
            db.session.remove()
            assert _tables() == FIRST_TABLES
            assert trigger_names() == set()
            upgrade()
            db.session.remove()
            assert (_tables(), trigger_names()) == at_head
            assert _differences() == []
            db.engine.dispose()
    finally:
        test_databases.drop(url)


def _named_constraints(tables) -> dict[str, set[str]]:
    found = {}
    checked = inspect(db.engine)
    for table in tables:
        names = {checked.get_pk_constraint(table.name)["name"]}
        names |= {key["name"] for key in checked.get_foreign_keys(table.name)}
        names |= {unique["name"] for unique in checked.get_unique_constraints(table.name)}
        names |= {index["name"] for index in checked.get_indexes(table.name)}
        found[table.name] = names
    return found


def test_constraints_have_the_names_the_models_give_them(app):
    """compare_metadata matches keys by their columns, not their names; a migration that
    names a constraint otherwise than the models' convention leaves the next migration
    (generated from the models) dropping a name the database does not have."""
    declared = {
        table.name: {
            constraint.name
            for constraint in [*table.constraints, *table.indexes]
            if not isinstance(constraint, CheckConstraint)
        }
        for table in db.metadata.sorted_tables
    }
    assert _named_constraints(db.metadata.sorted_tables) == declared
