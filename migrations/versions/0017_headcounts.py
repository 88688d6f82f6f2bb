"""headcounts: the dashboard's figures kept as counters by the database, backfilled

The dashboard counted every place and check-in of the edition on each request (about
48,000 places at 10,000 delegates). Two small tables now hold the figures, and triggers
on delegate, attendance and check_in keep them in the same transaction as every change,
whichever path makes it (a form, an import's bulk insert, a promotion from the waiting
list, a cancellation, a desk scan, a cascade). The rules are console/headcounts.py's
(its docstring); tests/console/test_headcounts.py recounts after random changes,
also racing, on SQLite and PostgreSQL.

The trigger bodies are the same SQL on both databases (NEW/OLD and INSERT ... ON
CONFLICT DO UPDATE read alike); PostgreSQL wraps them in plpgsql functions and first
locks the delegate row, so that two transactions changing one person's places or
check-ins count one after the other (the "first check-in of the seminar" question
must see the other's row). SQLite runs one writer at a time and needs no lock.

A later SQLite migration that rebuilds one of these three tables (batch_alter_table)
drops its triggers with it: it must create them again (``create_triggers``).
tests/console/test_headcounts.py fails when a trigger is missing at head.

Revision ID: 0017_headcounts
Revises: 0016_seminar_signatory
Create Date: 2026-12-02 07:40:00

"""
import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = '0017_headcounts'
down_revision = '0016_seminar_signatory'
branch_labels = None
depends_on = None

REGISTERED = "<> 'cancelled'"  # places.registered(): not cancelled

ITEM_UPSERT = (
    "INSERT INTO item_headcount (item_id, side, figure, dietary, people) {select} "
    "ON CONFLICT (item_id, side, figure, dietary) "
    "DO UPDATE SET people = item_headcount.people + excluded.people"
)
SEMINAR_UPSERT = (
    "INSERT INTO seminar_headcount (seminar_id, side, figure, people) {select} "
    "ON CONFLICT (seminar_id, side, figure) "
    "DO UPDATE SET people = seminar_headcount.people + excluded.people"
)


def _place(row: str, sign: str) -> str:
    """A place (attendance ``row``) of a registered delegate: its item, status, the
    delegate's side and dietary need. Nothing when the delegate or the item is gone
    (a cascade: the delegate's own trigger has counted it out)."""
    return ITEM_UPSERT.format(select=(
        f"SELECT {row}.item_id, d.side, {row}.status, d.dietary, {sign}1 FROM delegate d "
        f"WHERE d.id = {row}.delegate_id AND d.status {REGISTERED} "
        f"AND EXISTS (SELECT 1 FROM program_item i WHERE i.id = {row}.item_id)"
    ))


def _arrival(row: str, sign: str, remaining: int) -> list[str]:
    """A check-in (``row``) of a registered delegate at its item and, when it is the
    delegate's first (``remaining`` check-ins then 1) or last (0), at the seminar."""
    registered = f"d.id = {row}.delegate_id AND d.status {REGISTERED}"
    return [
        ITEM_UPSERT.format(select=(
            f"SELECT {row}.item_id, d.side, 'checked_in', '', {sign}1 FROM delegate d "
            f"WHERE {registered} "
            f"AND EXISTS (SELECT 1 FROM program_item i WHERE i.id = {row}.item_id)"
        )),
        SEMINAR_UPSERT.format(select=(
            f"SELECT d.seminar_id, d.side, 'present', {sign}1 FROM delegate d "
            f"WHERE {registered} AND (SELECT count(*) FROM check_in c "
            f"WHERE c.delegate_id = {row}.delegate_id) = {remaining}"
        )),
    ]


def _delegate(row: str, sign: str) -> list[str]:
    """Everything delegate ``row`` counts for: its status, and while registered its
    places, check-ins and presence."""
    registered = f"{row}.status {REGISTERED}"
    return [
        SEMINAR_UPSERT.format(select=(
            f"SELECT {row}.seminar_id, {row}.side, {row}.status, {sign}1 WHERE 1 = 1"
        )),
        ITEM_UPSERT.format(select=(
            f"SELECT a.item_id, {row}.side, a.status, {row}.dietary, {sign}count(*) "
            f"FROM attendance a WHERE a.delegate_id = {row}.id AND {registered} "
            "GROUP BY a.item_id, a.status"
        )),
        ITEM_UPSERT.format(select=(
            f"SELECT c.item_id, {row}.side, 'checked_in', '', {sign}count(*) "
            f"FROM check_in c WHERE c.delegate_id = {row}.id AND {registered} "
            "GROUP BY c.item_id"
        )),
        SEMINAR_UPSERT.format(select=(
            f"SELECT {row}.seminar_id, {row}.side, 'present', {sign}1 WHERE {registered} "
            f"AND EXISTS (SELECT 1 FROM check_in c WHERE c.delegate_id = {row}.id)"
        )),
    ]


COUNTED = "OLD.status <> NEW.status OR OLD.side <> NEW.side OR OLD.dietary <> NEW.dietary " \
    "OR OLD.seminar_id <> NEW.seminar_id"
MOVED = "OLD.status <> NEW.status OR OLD.item_id <> NEW.item_id " \
    "OR OLD.delegate_id <> NEW.delegate_id"

# name: (timing and event, table, WHEN condition or None, delegate row to lock or None,
#        statements)
TRIGGERS = {
    "headcount_delegate_insert": ("AFTER INSERT", "delegate", None, None, _delegate("NEW", "+")),
    "headcount_delegate_update": (
        "AFTER UPDATE OF status, side, dietary, seminar_id", "delegate", COUNTED, None,
        _delegate("OLD", "-") + _delegate("NEW", "+"),
    ),
    # Before: the delegate's places and check-ins are still there to be counted out.
    "headcount_delegate_delete": ("BEFORE DELETE", "delegate", None, None, _delegate("OLD", "-")),
    "headcount_attendance_insert": (
        "AFTER INSERT", "attendance", None, "NEW", [_place("NEW", "+")],
    ),
    "headcount_attendance_update": (
        "AFTER UPDATE OF status, item_id, delegate_id", "attendance", MOVED, "NEW",
        [_place("OLD", "-"), _place("NEW", "+")],
    ),
    "headcount_attendance_delete": (
        "AFTER DELETE", "attendance", None, "OLD", [_place("OLD", "-")],
    ),
    "headcount_check_in_insert": ("AFTER INSERT", "check_in", None, "NEW", _arrival("NEW", "+", 1)),
    "headcount_check_in_delete": ("AFTER DELETE", "check_in", None, "OLD", _arrival("OLD", "-", 0)),
}


def _sqlite(name, event, table, when, _lock, statements) -> list[str]:
    condition = f" WHEN {when}" if when else ""
    body = "".join(f"{statement};\n" for statement in statements)
    return [f"CREATE TRIGGER {name} {event} ON {table} FOR EACH ROW{condition}\nBEGIN\n{body}END"]


def _postgresql(name, event, table, when, lock, statements) -> list[str]:
    # A delegate's places and check-ins are counted one transaction at a time: the lock
    # waits for another transaction holding the row, and the statements after it see
    # what that one committed. NO KEY UPDATE: a foreign-key check's KEY SHARE does not
    # wait for it.
    locking = (
        f"PERFORM 1 FROM delegate WHERE id = {lock}.delegate_id FOR NO KEY UPDATE;\n"
        if lock else ""
    )
    body = "".join(f"{statement};\n" for statement in statements)
    result = "OLD" if event.startswith("BEFORE DELETE") else "NULL"
    condition = f" WHEN ({when})" if when else ""
    return [
        f"CREATE FUNCTION {name}() RETURNS trigger LANGUAGE plpgsql AS $$\nBEGIN\n"
        f"{locking}{body}RETURN {result};\nEND\n$$",
        f"CREATE TRIGGER {name} {event} ON {table} FOR EACH ROW{condition} "
        f"EXECUTE FUNCTION {name}()",
    ]


def create_triggers() -> None:
    dialect = op.get_bind().dialect.name
    make = _postgresql if dialect == "postgresql" else _sqlite
    for name, definition in TRIGGERS.items():
        for statement in make(name, *definition):
            op.execute(statement)


def drop_triggers() -> None:
    postgresql = op.get_bind().dialect.name == "postgresql"
    for name, (_event, table, *_rest) in TRIGGERS.items():
        op.execute(f"DROP TRIGGER IF EXISTS {name}" + (f" ON {table}" if postgresql else ""))
        if postgresql:
            op.execute(f"DROP FUNCTION IF EXISTS {name}()")


BACKFILL = [
    ITEM_UPSERT.format(select=(
        "SELECT a.item_id, d.side, a.status, d.dietary, count(*) FROM attendance a "
        f"JOIN delegate d ON d.id = a.delegate_id WHERE d.status {REGISTERED} "
        "GROUP BY a.item_id, d.side, a.status, d.dietary"
    )),
    ITEM_UPSERT.format(select=(
        "SELECT c.item_id, d.side, 'checked_in', '', count(*) FROM check_in c "
        f"JOIN delegate d ON d.id = c.delegate_id WHERE d.status {REGISTERED} "
        "GROUP BY c.item_id, d.side"
    )),
    SEMINAR_UPSERT.format(select=(
        "SELECT d.seminar_id, d.side, d.status, count(*) FROM delegate d WHERE 1 = 1 "
        "GROUP BY d.seminar_id, d.side, d.status"
    )),
    SEMINAR_UPSERT.format(select=(
        "SELECT d.seminar_id, d.side, 'present', count(*) FROM delegate d "
        f"WHERE d.status {REGISTERED} "
        "AND EXISTS (SELECT 1 FROM check_in c WHERE c.delegate_id = d.id) "
        "GROUP BY d.seminar_id, d.side"
    )),
]


def upgrade():
    op.create_table(
        'item_headcount',
        sa.Column('item_id', sa.Integer(), nullable=False),
        sa.Column('side', sa.String(length=10), nullable=False),
        sa.Column('figure', sa.String(length=20), nullable=False),
        sa.Column('dietary', sa.String(length=20), nullable=False),
        sa.Column('people', sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(['item_id'], ['program_item.id'], ondelete='CASCADE'),
        sa.PrimaryKeyConstraint('item_id', 'side', 'figure', 'dietary'),
    )
    op.create_table(
        'seminar_headcount',
        sa.Column('seminar_id', sa.Integer(), nullable=False),
        sa.Column('side', sa.String(length=10), nullable=False),
        sa.Column('figure', sa.String(length=20), nullable=False),
        sa.Column('people', sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(['seminar_id'], ['seminar.id'], ondelete='CASCADE'),
        sa.PrimaryKeyConstraint('seminar_id', 'side', 'figure'),
    )
    for statement in BACKFILL:
        op.execute(statement)
    create_triggers()


def downgrade():
    drop_triggers()
    op.drop_table('seminar_headcount')
    op.drop_table('item_headcount')
