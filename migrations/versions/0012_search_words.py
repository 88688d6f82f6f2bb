"""search text: the words of a name written in words are tokens of their own

The search rule became "a token starts with the term" (names/search.py), so 吐尔逊 in
买买提·吐尔逊 is found through its own token, which rows stored before lack. Rebuilds
every stored delegate's search_text from its stored name fields; no schema change.

Revision ID: 0012_search_words
Revises: 0011_console_order_index
Create Date: 2026-12-02 05:50:00

"""
import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = '0012_search_words'
down_revision = '0011_console_order_index'
branch_labels = None
depends_on = None

NAME_COLUMNS = (
    'family_name', 'given_name', 'family_reading', 'given_reading', 'family_latin',
    'given_latin', 'cross_family_name', 'cross_given_name',
)


def upgrade():
    from seminar_reg.names.search import search_terms

    delegate = sa.table(
        'delegate',
        sa.column('id', sa.Integer),
        sa.column('search_text', sa.Text),
        sa.column('anonymised_at', sa.DateTime),
        *(sa.column(name, sa.String) for name in NAME_COLUMNS),
    )
    connection = op.get_bind()
    rows = connection.execute(
        sa.select(delegate.c.id, *(delegate.c[name] for name in NAME_COLUMNS)).where(
            delegate.c.anonymised_at.is_(None)
        )
    ).all()
    for row in rows:
        values = [value or '' for value in row[1:]]
        text = search_terms(
            family=values[0], given=values[1], reading_family=values[2],
            reading_given=values[3], latin_family=values[4], latin_given=values[5],
            cross_family=values[6], cross_given=values[7],
        )
        connection.execute(
            delegate.update().where(delegate.c.id == row[0]).values(search_text=text)
        )


def downgrade():
    pass  # the extra tokens do no harm to the previous rule
