"""A generated 165-delegate event and document helpers for the logistics tests."""

import io

from openpyxl import load_workbook

from seminar_reg.extensions import db
from seminar_reg.registration.demo import load_demo_data
from seminar_reg.registration.models import Delegate


def load_event(seminar) -> list[Delegate]:
    delegates = load_demo_data(seminar)
    db.session.expire_all()
    return delegates


def planned_event(seminar, receptions: tuple[str, ...] = ()) -> None:
    """The event with its buses (45 seats) and the given receptions' tables (10 seats)
    planned, the way the console tests and the documents start."""
    from seminar_reg.logistics import operations, queries

    load_event(seminar)
    operations.plan_buses(seminar, 45)
    for code in receptions:
        operations.plan_seating(queries.reception(seminar, code), 10)


def cancel(delegate: Delegate) -> None:
    from seminar_reg.registration.places import set_status

    set_status(delegate, "cancelled", actor="test")


def workbook_values(content: bytes) -> list:
    workbook = load_workbook(io.BytesIO(content))
    return [
        cell.value
        for sheet in workbook.worksheets
        for row in sheet.iter_rows()
        for cell in row
        if cell.value is not None
    ]
