"""check-in counts per item read an index (every scan answers with the item's count)

Revision ID: 0010_checkin_item_index
Revises: 0009_editions
Create Date: 2026-12-02 05:15:00

"""
from alembic import op


# revision identifiers, used by Alembic.
revision = '0010_checkin_item_index'
down_revision = '0009_editions'
branch_labels = None
depends_on = None


def upgrade():
    # A plain CREATE INDEX, also on SQLite (a batch would copy the table).
    op.create_index('ix_check_in_item_id', 'check_in', ['item_id'], unique=False)


def downgrade():
    op.drop_index('ix_check_in_item_id', table_name='check_in')
