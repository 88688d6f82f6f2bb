"""outgoing mail: a delegate's mail stores what it is about, and is composed when sent

A registration stored its confirmation composed (MIME with a calendar file) in its own
transaction: a third of its cost. The personal link is derived (nonce and SECRET_KEY),
so the row now keeps the mail's intent (kind, recipient, the delegate's id, language)
and the sender composes it (mail.outbox). Rows stored before keep their message and
are sent as they are. Before a downgrade, send what waits (`mail send`): the old
code cannot compose a row that holds no message.

Revision ID: 0014_mail_composed_when_sent
Revises: 0013_membership_requests
Create Date: 2026-12-02 07:30:00

"""
import sqlalchemy as sa
from alembic import op


# revision identifiers, used by Alembic.
revision = '0014_mail_composed_when_sent'
down_revision = '0013_membership_requests'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('outgoing_mail', schema=None) as batch_op:
        batch_op.add_column(sa.Column('about_id', sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column('language', sa.String(length=5), nullable=True))


def downgrade():
    with op.batch_alter_table('outgoing_mail', schema=None) as batch_op:
        batch_op.drop_column('language')
        batch_op.drop_column('about_id')
