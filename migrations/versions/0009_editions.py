"""editions: one seminar is current, chosen explicitly instead of "the newest"

An existing database has one seminar (the 16th, 2017) with its delegates attached: it
becomes the current edition, so everything keeps working on it.

Revision ID: 0009_editions
Revises: 0008_delegations
Create Date: 2026-12-02 04:40:00

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0009_editions'
down_revision = '0008_delegations'
branch_labels = None
depends_on = None


def upgrade():
    # A plain ALTER TABLE ... ADD COLUMN, also on SQLite: a batch would copy the table,
    # and dropping the old copy would delete every delegate through ON DELETE CASCADE.
    op.add_column(
        'seminar',
        sa.Column('is_current', sa.Boolean(), server_default=sa.false(), nullable=False),
    )
    seminar = sa.table('seminar', sa.column('edition', sa.Integer), sa.column('is_current', sa.Boolean))
    newest = sa.select(sa.func.max(seminar.c.edition)).scalar_subquery()
    op.execute(seminar.update().where(seminar.c.edition == newest).values(is_current=True))


def downgrade():
    # SQLite copies the table to drop a column; with foreign keys on, dropping the old
    # copy would delete every delegate, programme day and plan through ON DELETE CASCADE.
    sqlite = op.get_bind().dialect.name == 'sqlite'
    if sqlite:
        op.execute('PRAGMA foreign_keys=OFF')
    with op.batch_alter_table('seminar', schema=None) as batch_op:
        batch_op.drop_column('is_current')
    if sqlite:
        op.execute('PRAGMA foreign_keys=ON')
