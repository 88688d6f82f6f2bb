"""delegates anonymised by purge keep their row, marked when

Revision ID: 0007_retention
Revises: 0006_outgoing_mail
Create Date: 2026-12-02 02:25:00

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0007_retention'
down_revision = '0006_outgoing_mail'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('delegate', schema=None) as batch_op:
        batch_op.add_column(sa.Column('anonymised_at', sa.DateTime(), nullable=True))


def downgrade():
    with op.batch_alter_table('delegate', schema=None) as batch_op:
        batch_op.drop_column('anonymised_at')
