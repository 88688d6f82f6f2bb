from sqlalchemy import select

from ..extensions import db
from .models import StaffUser


def staff_accounts() -> list[StaffUser]:
    return list(db.session.execute(select(StaffUser).order_by(StaffUser.email)).scalars())
