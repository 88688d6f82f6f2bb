"""returning members: a contact's request to fill in a member from an earlier edition

A delegation's contact may fill in a member from that person's record of an earlier
edition once the person has opened the link mailed to them (#13 item 5). One row per
invitation and earlier record: the link's token hash and nonce, when it was asked and
when the person agreed. New table only; nothing existing changes.

Revision ID: 0018_returning_member
Revises: 0017_headcounts
Create Date: 2026-12-02 07:20:00

"""
import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = '0018_returning_member'
down_revision = '0017_headcounts'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('returning_member',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('invitation_id', sa.Integer(), nullable=False),
    sa.Column('delegate_id', sa.Integer(), nullable=False),
    sa.Column('token_hash', sa.String(length=64), nullable=True),
    sa.Column('link_nonce', sa.String(length=64), nullable=True),
    sa.Column('requested_at', sa.DateTime(), nullable=False),
    sa.Column('confirmed_at', sa.DateTime(), nullable=True),
    sa.ForeignKeyConstraint(['delegate_id'], ['delegate.id'], name=op.f('fk_returning_member_delegate_id_delegate'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['invitation_id'], ['invitation.id'], name=op.f('fk_returning_member_invitation_id_invitation'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_returning_member')),
    sa.UniqueConstraint('invitation_id', 'delegate_id', name=op.f('uq_returning_member_invitation_id')),
    sa.UniqueConstraint('token_hash', name=op.f('uq_returning_member_token_hash'))
    )


def downgrade():
    op.drop_table('returning_member')
