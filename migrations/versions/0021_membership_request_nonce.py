"""membership requests: a derived link, so the request's mail is written when sent

The mail asking a registered person to join was composed in the contact's request (its
random token lived only in the mail), which made that answer slower than a new
address's, whose mail is written after the response. The link is now derived from a
nonce and the secret key, as the other mailed links are; a request made before keeps
its random token and its mail, composed then.

Revision ID: 0021_membership_request_nonce
Revises: 0020_membership_request_address
Create Date: 2026-12-02 14:15:00

"""
import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = '0021_membership_request_nonce'
down_revision = '0020_membership_request_address'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('membership_request') as batch:
        batch.add_column(sa.Column('link_nonce', sa.String(length=64), nullable=True))


def downgrade():
    with op.batch_alter_table('membership_request') as batch:
        batch.drop_column('link_nonce')
