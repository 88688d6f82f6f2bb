"""search tokens: each token of a delegate's search text a row of its own, indexed

The console's search and the desk's look-up matched "a token starts with the term"
(names/search.py) with LIKE over every delegate's search_text: linear in the number of
delegates (the look-up's p95 at 10,000 was 2.06x that at 1,000). The tokens are now rows
of ``delegate_search_token`` with the token first in the primary key, so the match is a
range on that index (``token_range``), read in code-point order on both databases (the
column collates "C" on PostgreSQL; SQLite compares bytes).

Triggers on delegate keep them from search_text in the transaction of every change,
whichever path writes it (a form, an import's bulk insert, an edit, an edition copy, the
retention purge that blanks it); deleting a delegate cascades. A later SQLite migration
that rebuilds ``delegate`` (batch_alter_table) drops these triggers with it, as those of
0017: it must create them again (``create_triggers``). tests/registration/
test_search_tokens.py compares the rows with search_text after each path, on both.

Revision ID: 0019_search_tokens
Revises: 0018_returning_member
Create Date: 2026-12-02 10:40:00

"""
import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = '0019_search_tokens'
down_revision = '0018_returning_member'
branch_labels = None
depends_on = None

INSERT = "INSERT INTO delegate_search_token (token, delegate_id) "

# The tokens of one delegate row (``{row}``: NEW, or a table alias in the backfill):
# search_text split at its single spaces, empty parts (a blank text) left out.
POSTGRESQL_TOKENS = (
    "SELECT DISTINCT t.token, {row}.id FROM unnest(string_to_array({row}.search_text, ' ')) "
    "AS t(token) WHERE t.token <> ''"
)
# SQLite has no split function: a recursive common table expression takes one token
# off the front at a time.
SQLITE_TOKENS = (
    "SELECT DISTINCT token, {row}.id FROM ("
    "WITH RECURSIVE split(token, rest) AS ("
    "SELECT '', {row}.search_text || ' ' "
    "UNION ALL SELECT substr(rest, 1, instr(rest, ' ') - 1), substr(rest, instr(rest, ' ') + 1) "
    "FROM split WHERE rest <> '') "
    "SELECT token FROM split WHERE token <> '')"
)
# Every stored delegate's tokens, the same split over the whole table.
BACKFILL = {
    "postgresql": INSERT + (
        "SELECT DISTINCT t.token, d.id FROM delegate d, "
        "unnest(string_to_array(d.search_text, ' ')) AS t(token) WHERE t.token <> ''"
    ),
    "sqlite": INSERT + (
        "SELECT DISTINCT token, id FROM ("
        "WITH RECURSIVE split(id, token, rest) AS ("
        "SELECT id, '', search_text || ' ' FROM delegate WHERE search_text IS NOT NULL "
        "UNION ALL SELECT id, substr(rest, 1, instr(rest, ' ') - 1), "
        "substr(rest, instr(rest, ' ') + 1) FROM split WHERE rest <> '') "
        "SELECT id, token FROM split WHERE token <> '')"
    ),
}
CLEAR = "DELETE FROM delegate_search_token WHERE delegate_id = NEW.id"


def _tokens(dialect: str, row: str) -> str:
    return (POSTGRESQL_TOKENS if dialect == "postgresql" else SQLITE_TOKENS).format(row=row)


def _triggers(dialect: str) -> dict[str, tuple[str, str | None, list[str]]]:
    """name: (timing and event, WHEN condition or None, statements)."""
    changed = (
        "OLD.search_text IS DISTINCT FROM NEW.search_text"
        if dialect == "postgresql"
        else "OLD.search_text IS NOT NEW.search_text"
    )
    return {
        "search_token_delegate_insert": ("AFTER INSERT", None, [INSERT + _tokens(dialect, "NEW")]),
        "search_token_delegate_update": (
            "AFTER UPDATE OF search_text", changed, [CLEAR, INSERT + _tokens(dialect, "NEW")],
        ),
    }


def create_triggers() -> None:
    dialect = op.get_bind().dialect.name
    for name, (event, when, statements) in _triggers(dialect).items():
        body = "".join(f"{statement};\n" for statement in statements)
        if dialect == "postgresql":
            condition = f" WHEN ({when})" if when else ""
            op.execute(
                f"CREATE FUNCTION {name}() RETURNS trigger LANGUAGE plpgsql AS $$\nBEGIN\n"
                f"{body}RETURN NULL;\nEND\n$$"
            )
            op.execute(
                f"CREATE TRIGGER {name} {event} ON delegate FOR EACH ROW{condition} "
                f"EXECUTE FUNCTION {name}()"
            )
        else:
            condition = f" WHEN {when}" if when else ""
            op.execute(
                f"CREATE TRIGGER {name} {event} ON delegate FOR EACH ROW{condition}\n"
                f"BEGIN\n{body}END"
            )


def drop_triggers() -> None:
    dialect = op.get_bind().dialect.name
    for name in _triggers(dialect):
        if dialect == "postgresql":
            op.execute(f"DROP TRIGGER IF EXISTS {name} ON delegate")
            op.execute(f"DROP FUNCTION IF EXISTS {name}()")
        else:
            op.execute(f"DROP TRIGGER IF EXISTS {name}")


def upgrade():
    op.create_table(
        'delegate_search_token',
        sa.Column(
            'token', sa.Text().with_variant(sa.Text(collation='C'), 'postgresql'), nullable=False
        ),
        sa.Column('delegate_id', sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ['delegate_id'], ['delegate.id'],
            name=op.f('fk_delegate_search_token_delegate_id_delegate'), ondelete='CASCADE',
        ),
        sa.PrimaryKeyConstraint('token', 'delegate_id', name=op.f('pk_delegate_search_token')),
    )
    op.create_index(
        op.f('ix_delegate_search_token_delegate_id'), 'delegate_search_token', ['delegate_id'],
    )
    op.execute(BACKFILL[op.get_bind().dialect.name])
    create_triggers()


def downgrade():
    drop_triggers()
    op.drop_index(op.f('ix_delegate_search_token_delegate_id'), table_name='delegate_search_token')
    op.drop_table('delegate_search_token')
