"""membership requests: a contact's member whose address is registered already

The contact is answered as for a new address; the person at the address is mailed a
link to join the delegation or refuse. One row per delegation and delegate.

Revision ID: 0013_membership_requests
Revises: 0012_search_words
Create Date: 2026-12-02 07:50:00

"""
import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = '0013_membership_requests'
down_revision = '0012_search_words'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        'membership_request',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('invitation_id', sa.Integer(), nullable=False),
        sa.Column('delegate_id', sa.Integer(), nullable=False),
        sa.Column('requested_name', sa.String(length=200), nullable=False),
        sa.Column('token_hash', sa.String(length=64), nullable=False),
        sa.Column('created_at', sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(['delegate_id'], ['delegate.id'], ondelete='CASCADE'),
        sa.ForeignKeyConstraint(['invitation_id'], ['invitation.id'], ondelete='CASCADE'),
        sa.PrimaryKeyConstraint('id'),
        sa.UniqueConstraint('invitation_id', 'delegate_id'),
        sa.UniqueConstraint('token_hash'),
    )


def downgrade():
    op.drop_table('membership_request')
