"""Every page of the app, found in its url_map, over one seeded event.

``seed_event`` fills the database the way the seminar looks a week before it opens
(the programme, 165 delegates in their delegations, buses and tables planned, some
check-ins, an admin, one delegate's personal link and their delegation's invitation
link) so no page is empty. ``site_pages`` lists each GET page's address from the
url_map, with sample values for its arguments: a page added by a new feature is visited
without anyone listing it here, and one whose argument has no sample fails the
accessibility test until ``seed_event`` gives one.
"""

from __future__ import annotations

import csv
import dataclasses
import io
from dataclasses import dataclass

from flask import Flask, url_for

from seminar_reg.auth.operations import create_user
from seminar_reg.checkin.operations import Scan, check_in
from seminar_reg.delegations.links import current_token
from seminar_reg.delegations.models import Invitation, MembershipRequest, ReturningMember
from seminar_reg.delegations.returning import issue_token as agreement_token
from seminar_reg.extensions import db
from seminar_reg.logistics.operations import plan_buses, plan_seating
from seminar_reg.program.models import ItemKind
from seminar_reg.program.queries import current_seminar, program_items
from seminar_reg.program.seeding import seed_program
from seminar_reg.registration.demo import demo_delegates, load_demo_data
from seminar_reg.registration.importer import COLUMNS
from seminar_reg.registration.personal_link import issue_token, token_hash
from tests.conftest import STAFF_PASSWORD

ADMIN_EMAIL = "a11y-admin@seminar.example"
JOIN_TOKEN = "a11y-join-request-token"
# Endpoints that are not pages a person reads: the language switch and the mailed links'
# redirects (opened first, to reach the delegate's and the delegation contact's pages).
NOT_PAGES = frozenset(
    {"static", "i18n.switch_language", "registration.manage_entry", "delegations.entry",
     "delegations.join_entry", "delegations.returning_agreed"}
)
# Pages reached through a mailed link (a session of their own), not by a visitor.
LINKED_PAGES = ("/my", "/delegation")


@dataclass(frozen=True)
class Event:
    links: tuple[str, ...]  # a personal link, an invitation link, a membership request's,
    # a returning member's agreement
    samples: dict[str, list[str]]  # URL argument -> the values to visit


@dataclass(frozen=True)
class Page:
    endpoint: str
    path: str

    @property
    def console(self) -> bool:
        return self.path.startswith("/console")

    @property
    def self_service(self) -> bool:
        return any(self.path == p or self.path.startswith(p + "/") for p in LINKED_PAGES)

    @property
    def name(self) -> str:
        """A file name for the page's screenshot."""
        cleaned = self.path.strip("/").replace("/", "_") or "home"
        return "".join(c if c.isalnum() or c in "_-" else "-" for c in cleaned)


def seed_event(app: Flask) -> Event:
    with app.app_context():
        seed_program()
        seminar = current_seminar()
        delegates = load_demo_data(seminar)
        items = program_items(seminar)
        plan_buses(seminar, 45)
        receptions = [item for item in items if item.kind == ItemKind.RECEPTION]
        for reception in receptions:
            plan_seating(reception, 10)
        first = items[0]
        for delegate in delegates[:12]:
            if any(a.item_id == first.id and a.status == "confirmed" for a in delegate.attendances):
                check_in(first, Scan(delegate_id=delegate.id), staff_id=None)
        create_user(ADMIN_EMAIL, STAFF_PASSWORD, "admin")
        # The first demo delegate: their own link, and their delegation's (they are in it).
        invitation = db.session.get(Invitation, delegates[0].invitation_id)
        # Someone of another delegation whom this one's contact asked to join.
        asked = next(d for d in delegates if d.invitation_id != invitation.id)
        db.session.add(MembershipRequest(
            invitation_id=invitation.id, delegate_id=asked.id,
            requested_name=asked.full_name, token_hash=token_hash(JOIN_TOKEN),
        ))
        # A returning member's agreement (delegations/returning.py), for its thanks page.
        agreement = ReturningMember(invitation=invitation, delegate=delegates[1])
        db.session.add(agreement)
        links = (
            f"/my/{issue_token(delegates[0])}",
            f"/invitation/{current_token(invitation)}",
            f"/delegation/join/{JOIN_TOKEN}",
            f"/delegation/returning/{agreement_token(agreement)}",
        )
        samples = {
            "side": ["japan", "china"],
            "code": [receptions[0].code],
            "item_code": [first.code],
            "delegate_id": [str(delegates[0].id)],
            "invitation_id": [str(invitation.id)],
        }
        db.session.commit()
    return Event(links=links, samples=samples)


def _is_file(rule_text: str) -> bool:
    """Downloads end in a file name (export.<fmt>, cards.pdf, <language>.<file_format>)."""
    return "." in rule_text.rsplit("/", 1)[-1]


def site_pages(app: Flask, samples: dict[str, list[str]]) -> tuple[list[Page], list[str]]:
    """The GET pages, and the rules whose arguments have no sample value."""
    pages: list[Page] = []
    missing: list[str] = []
    with app.test_request_context():
        for rule in sorted(app.url_map.iter_rules(), key=lambda rule: rule.rule):
            if "GET" not in rule.methods or rule.endpoint in NOT_PAGES or _is_file(rule.rule):
                continue
            combinations: list[dict[str, str]] = [{}]
            for argument in sorted(rule.arguments):
                if argument not in samples:
                    missing.append(f"{rule.rule} needs a sample {argument!r}")
                    combinations = []
                    break
                combinations = [c | {argument: v} for c in combinations for v in samples[argument]]
            pages += [Page(rule.endpoint, url_for(rule.endpoint, **c)) for c in combinations]
    return pages, missing


def import_with_errors() -> bytes:
    """A delegation's list for the import preview: two good rows and one without a name."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(COLUMNS)
    for number, data in enumerate(demo_delegates(japan=1, china=1, seed=16)):
        row = dataclasses.asdict(data) | {"items": ";".join(data.item_codes)}
        row["email"] = f"import{number}@example.org"
        writer.writerow([row.get(column, "") or "" for column in COLUMNS])
    writer.writerow(["japan", "", "花子", "", "はなこ", "", "", "鳥取県", "", "x@example.jp"])
    return buffer.getvalue().encode("utf-8-sig")
