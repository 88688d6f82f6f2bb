"""membership requests: the member a joining person replaces

A contact who changes a member's address to one registered already is answered as for
any address; the person at it is asked to join in that member's place.

Revision ID: 0015_membership_replaces
Revises: 0014_mail_composed_when_sent
Create Date: 2026-12-02 07:40:00

"""
import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = '0015_membership_replaces'
down_revision = '0014_mail_composed_when_sent'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('membership_request') as batch:
        batch.add_column(sa.Column('replaces_delegate_id', sa.Integer(), nullable=True))
        # The models' naming convention (extensions.NAMING_CONVENTION), as 0008 does.
        batch.create_foreign_key(
            batch.f('fk_membership_request_replaces_delegate_id_delegate'),
            'delegate', ['replaces_delegate_id'], ['id'], ondelete='SET NULL',
        )


def downgrade():
    with op.batch_alter_table('membership_request') as batch:
        batch.drop_constraint(
            batch.f('fk_membership_request_replaces_delegate_id_delegate'), type_='foreignkey'
        )
        batch.drop_column('replaces_delegate_id')
