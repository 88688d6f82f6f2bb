"""seminar: who signs the invitation letters, in ja/zh/en

The secretariat signs the formal letters (招へい状 / 邀请函) under the organiser's name;
each edition says by whom. Existing editions get an empty signatory (the letters carry
the organiser's name alone, as before).

Revision ID: 0016_seminar_signatory
Revises: 0015_membership_replaces
Create Date: 2026-12-02 07:50:00

"""
import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = '0016_seminar_signatory'
down_revision = '0015_membership_replaces'
branch_labels = None
depends_on = None

LANGUAGES = ('ja', 'zh', 'en')


def upgrade():
    with op.batch_alter_table('seminar') as batch:
        for language in LANGUAGES:
            batch.add_column(sa.Column(
                f'signatory_{language}', sa.String(length=200), nullable=False, server_default='',
            ))


def downgrade():
    with op.batch_alter_table('seminar') as batch:
        for language in LANGUAGES:
            batch.drop_column(f'signatory_{language}')
