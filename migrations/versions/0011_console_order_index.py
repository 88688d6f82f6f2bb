"""the console's delegate list reads its order (Japanese side first, then sort key) from an index

Revision ID: 0011_console_order_index
Revises: 0010_checkin_item_index
Create Date: 2026-12-02 05:35:00

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0011_console_order_index'
down_revision = '0010_checkin_item_index'
branch_labels = None
depends_on = None


def upgrade():
    # A plain CREATE INDEX, also on SQLite (a batch would copy the table).
    op.create_index(
        'ix_delegate_console_order',
        'delegate',
        ['seminar_id', sa.text('side DESC'), 'sort_key', 'id'],
        unique=False,
    )


def downgrade():
    op.drop_index('ix_delegate_console_order', table_name='delegate')
