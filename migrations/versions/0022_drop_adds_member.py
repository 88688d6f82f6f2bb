"""membership requests: drop adds_member, which nothing reads

Since a person declining a request cancels the member shown with the address whether
the request added that member or gave them the address by a change (joining.refuse),
whether it added them decides nothing: the column was only written.

Revision ID: 0022_drop_adds_member
Revises: 0021_membership_request_nonce
Create Date: 2026-12-02 15:15:00

"""
import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = '0022_drop_adds_member'
down_revision = '0021_membership_request_nonce'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('membership_request') as batch:
        batch.drop_column('adds_member')


def downgrade():
    # Requests made since are given False: which of them added their member is not known.
    with op.batch_alter_table('membership_request') as batch:
        batch.add_column(
            sa.Column('adds_member', sa.Boolean(), server_default=sa.false(), nullable=False)
        )
