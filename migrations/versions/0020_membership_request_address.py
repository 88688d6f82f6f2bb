"""membership requests: the address as typed, and whether the request added the member

A contact who adds a member at an address registered already sees what a new address
gives: the member as typed, registered and holding places, shown with the typed address.
The request keeps that address (the member's own row does not: it is the person's
record's) and whether it registered the member (the person declining cancels them).

Revision ID: 0020_membership_request_address
Revises: 0019_search_tokens
Create Date: 2026-12-02 13:50:00

"""
import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = '0020_membership_request_address'
down_revision = '0019_search_tokens'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('membership_request') as batch:
        batch.add_column(
            sa.Column('requested_email', sa.String(length=254), server_default='', nullable=False)
        )
        batch.add_column(
            sa.Column('adds_member', sa.Boolean(), server_default=sa.false(), nullable=False)
        )


def downgrade():
    with op.batch_alter_table('membership_request') as batch:
        batch.drop_column('adds_member')
        batch.drop_column('requested_email')
