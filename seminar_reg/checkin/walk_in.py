"""Someone at the door who never registered: registered on the spot, then admitted.

Registering goes through ``registration.operations.register`` (its rules, the derived
name fields, ``places`` for the seat; no address, so no mail); admitting through
``check_in``, so a walk-in is on the item's roll and counts on the dashboard like
anyone else. The secretariat adds an address later if there is one.

No address is asked here, on purpose, so the desk never says whether an address is
registered. Who is registered is no secret to desk staff: their look-up finds every
registered person by name, and must, so nobody is registered twice at the door. Addresses
are: the desk's list carries no contact data (``roster``), and an address typed here and
refused as "already registered" would let anyone at a desk test addresses the way the
public form must not allow (``registration.routes.register`` answers a registered
address as a new one). The secretariat, who see addresses anyway, add them in the
delegate list.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..audit.trail import Kind, record
from ..program.models import ProgramItem, Seminar
from ..registration.data import DelegateData
from ..registration.models import Delegate
from ..registration.operations import register
from ..registration.rules import likely_organization_type
from ..vocabulary import OWN_LANGUAGE, Dietary, Role
from .operations import Method, Scan, ScanResult, check_in

WALK_IN_SOURCE = "walk-in"  # Delegate.source


@dataclass(frozen=True)
class WalkIn:
    side: str
    family_name: str
    given_name: str
    family_reading: str
    given_reading: str
    organization: str


def walk_in_data(person: WalkIn, item: ProgramItem) -> DelegateData:
    return DelegateData(
        side=person.side,
        family_name=person.family_name,
        given_name=person.given_name,
        family_reading=person.family_reading,
        given_reading=person.given_reading,
        family_latin="",
        given_latin="",
        organization=person.organization,
        organization_type=likely_organization_type(person.side, person.organization),
        title="",
        email="",
        phone="",
        role=Role.DELEGATE,
        dietary=Dietary.NONE,
        dietary_note="",
        language=OWN_LANGUAGE[person.side],
        item_codes=(item.code,),
    )


def admit_walk_in(
    seminar: Seminar, item: ProgramItem, person: WalkIn, *, staff_id: int | None
) -> tuple[Delegate, ScanResult]:
    """Register ``person`` for ``item`` and check them in when they got a seat; a full
    item puts them on its waiting list, and the desk may then admit them with a note.
    Raises RegistrationError (the item is not for their side, a name too long...)."""
    delegate, _token = register(seminar, walk_in_data(person, item), source=WALK_IN_SOURCE)
    record(Kind.WALK_IN, subject=f"{item.code}: delegate {delegate.id}", people=1)
    result = check_in(item, Scan(delegate_id=delegate.id, method=Method.WALK_IN), staff_id=staff_id)
    return delegate, result
