"""Planning algorithms on plain data: no database, no Flask, deterministic.

Every function takes `Person`/`Traveller` records and returns plans made of delegate ids.
Ties are always broken by side (Japanese first), sort key and id, so the same input
gives the same plan. `seats.py` plans buses and tables, `lists.py` catering, pickups and
rooms.
"""

from .common import HEAD_TABLE_ROLES, INTERPRETER, Person, side_first
from .lists import (
    Diner,
    Guest,
    PickupGroup,
    Rooming,
    Traveller,
    catering_counts,
    catering_notes,
    plan_pickups,
    plan_rooming,
)
from .seats import TablePlan, best_bus_for, plan_buses, plan_seating

__all__ = [
    "HEAD_TABLE_ROLES",
    "INTERPRETER",
    "Diner",
    "Guest",
    "Person",
    "PickupGroup",
    "Rooming",
    "TablePlan",
    "Traveller",
    "best_bus_for",
    "catering_counts",
    "catering_notes",
    "plan_buses",
    "plan_pickups",
    "plan_rooming",
    "plan_seating",
    "side_first",
]
