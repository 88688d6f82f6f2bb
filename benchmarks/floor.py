"""The floor under a registration POST, for benchmarks/requests.py: what the product's fixed
stack costs by itself, served beside the bare INSERT (same server, process and engine).

* ``POST /bare/form/``: Flask-WTF's FlaskForm with the registration form's 26 fields, as
  plain declarations (StringFields with DataRequired/Length, an EmailField with Email(),
  SelectFields, a SelectMultipleField of the programme's items, optional date and time
  fields, BooleanFields, the CSRF token), CSRF on (CSRFProtect and the form's own check,
  the token in a Flask session cookie set by a GET, as the registration's), Flask-Babel
  with a locale selector (``?lang=``, the cookie, Accept-Language), validated, then the
  bare INSERT; answered with a redirect. No application code.
* ``POST /bare/statements``: the registration's SQL alone, as Core, in one transaction on
  the app's engine: the current seminar read with its items (the app's columns and joins),
  the items' lock (SQLite: the no-op UPDATE ... RETURNING; PostgreSQL: SELECT ... FOR NO
  KEY UPDATE), INSERT delegate RETURNING id (a row of a registration's sizes, into the
  app's table: its headcount and search-token triggers run), INSERT attendance, INSERT
  outgoing_mail RETURNING id, COMMIT. The rows go to a second, non-current seminar (a
  copy of the current one and its items, made when the database is prepared), so the
  app's lists and counts are not changed; its mail rows are stored as sent (no worker
  sends them).
* ``POST /bare/form/statements``: both, the form then the statements instead of the bare
  INSERT: the whole floor, measured rather than added up.
"""

from __future__ import annotations

import secrets
import uuid
from datetime import UTC, datetime
from pathlib import Path

from flask import Flask, redirect, render_template_string, request
from flask_babel import Babel
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from flask_wtf.csrf import CSRFProtect
from sqlalchemy import Engine, bindparam, insert, select, update
from wtforms import (
    BooleanField,
    DateField,
    EmailField,
    SelectField,
    SelectMultipleField,
    StringField,
    TimeField,
)
from wtforms.validators import DataRequired, Email, InputRequired, Length, Optional

from seminar_reg.program.seeding import load_seed_data
from seminar_reg.vocabulary import LANGUAGES, Dietary, OrganizationType
from seminar_reg.vocabulary.labels import PUBLIC_ROLES

ROOT = Path(__file__).resolve().parent.parent
FLOOR_EDITION = 1_000_016  # the non-current copy of the current seminar the SQL floor writes to
# The values the registration form offers, from the vocabulary (plain data, no app code),
# so the client sends the same.
ORGANIZATION_TYPES = [kind.value for kind in OrganizationType]
ROLES = [role.value for role in PUBLIC_ROLES]  # the roles a registrant may choose
DIETARY = [diet.value for diet in Dietary]


def _text(label: str, length: int, required: bool = False) -> StringField:
    validators = [DataRequired()] if required else [Optional()]
    return StringField(_l(label), validators=[*validators, Length(max=length)])


class FloorForm(FlaskForm):
    """The registration form's fields, kinds and limits; nothing of the app's."""

    family_name = _text("Family name", 100)
    given_name = _text("Given name", 100, required=True)
    family_reading = _text("Family name reading", 100)
    given_reading = _text("Given name reading", 100)
    family_latin = _text("Family name in Latin letters", 100)
    given_latin = _text("Given name in Latin letters", 100)
    organization = _text("Organization", 200, required=True)
    organization_type = SelectField(_l("Type of organization"), choices=ORGANIZATION_TYPES)
    title = _text("Title or position", 200)
    email = EmailField(
        _l("Email"), validators=[DataRequired(), Length(max=254), Email(check_deliverability=False)]
    )
    phone = _text("Phone", 40)
    role = SelectField(_l("Role"), choices=ROLES)
    dietary = SelectField(_l("Dietary requirement"), choices=DIETARY)
    dietary_note = _text("Dietary requirement details", 200)
    item_codes = SelectMultipleField(_l("Program items you will attend"), choices=[])
    arrival_date = DateField(_l("Arrival date"), validators=[Optional()])
    arrival_time = TimeField(_l("Arrival time"), validators=[Optional()])
    arrival_transport = _text("Arrival flight or train number", 40)
    arrival_place = _text("Arrival airport or station", 100)
    departure_date = DateField(_l("Departure date"), validators=[Optional()])
    departure_time = TimeField(_l("Departure time"), validators=[Optional()])
    departure_transport = _text("Departure flight or train number", 40)
    departure_place = _text("Departure airport or station", 100)
    needs_hotel = BooleanField(_l("I need a hotel room"))
    consent = BooleanField(_l("I agree"), validators=[InputRequired()])


FLOORS = (
    "floor: form, CSRF, session + bare INSERT",
    "floor: the registration's SQL",
    "floor: form, CSRF, session + the SQL",
)


def floor_ratios(medians: dict) -> str:
    """The fixed stack's floor beside the registration (medians by name): measured whole, and
    its two parts added (each part also pays the request and a commit: one bare INSERT less)."""
    base, post = medians["bare INSERT (baseline)"], medians["registration POST"]
    form, sql, whole = (medians[name] for name in FLOORS)
    added = form + sql - base
    return (
        f"floor: form {form / base:.2f}x, SQL {sql / base:.2f}x, added {added / base:.2f}x, "
        f"measured whole {whole / base:.2f}x; registration POST / floor: {post / whole:.2f}x "
        f"(+{(post - whole) * 1000:.2f} ms)"
    )


PAGE = '<form method="post">{% for field in form %}{{ field() }}{% endfor %}</form>'


def _now() -> datetime:
    return datetime.now(UTC).replace(tzinfo=None)  # the app stores naive UTC


class RegistrationStatements:
    """The registration's statements on ``engine``, in one transaction, a new address each."""

    def __init__(self, engine: Engine, *, lock: bool = True, mail: bool = True) -> None:
        """``lock``, ``mail``: False leaves that statement out (benchmarks/sql_floor_parts.py
        measures what each of the product's rules adds)."""
        from seminar_reg.extensions import db  # the app's tables (schema only)

        tables = db.metadata.tables
        self.engine, self.with_lock, self.with_mail = engine, lock, mail
        self.seminar, self.item, self.day = (
            tables["seminar"],
            tables["program_item"],
            tables["program_day"],
        )
        self.delegate, self.attendance = tables["delegate"], tables["attendance"]
        self.mail = tables["outgoing_mail"]
        seminar, item = self.seminar, self.item
        current = (
            select(seminar.c.id)
            .where(seminar.c.is_current.is_(True))
            .order_by(seminar.c.edition.desc())
            .limit(1)
            .scalar_subquery()
        )
        self.read = (
            select(seminar, *[c.label(f"item_{c.key}") for c in item.c])
            .outerjoin(item, item.c.seminar_id == seminar.c.id)
            .outerjoin(self.day, self.day.c.id == item.c.day_id)
            .where(seminar.c.id == current)
            .order_by(self.day.c.date, item.c.position)
        )
        ids = bindparam("ids", expanding=True)
        self.lock = {
            "sqlite": update(item)
            .where(item.c.id.in_(ids))
            .values(id=item.c.id)
            .returning(item.c.id, item.c.capacity),
            "postgresql": select(item.c.id, item.c.capacity)
            .where(item.c.id.in_(ids))
            .order_by(item.c.id)
            .with_for_update(key_share=True),
        }[engine.dialect.name]
        self.insert_delegate = insert(self.delegate).returning(self.delegate.c.id)
        self.insert_place = insert(self.attendance)
        self.insert_mail = insert(self.mail).returning(self.mail.c.id)
        self._floor: tuple[int, int] | None = None

    def _floor_ids(self, connection) -> tuple[int, int]:
        """(seminar id, plenary item id) of the floor's own seminar, read once."""
        if self._floor is None:
            row = connection.execute(
                select(self.seminar.c.id, self.item.c.id)
                .join(self.item, self.item.c.seminar_id == self.seminar.c.id)
                .where(self.seminar.c.edition == FLOOR_EDITION, self.item.c.code == "plenary")
            ).one()
            self._floor = (row[0], row[1])
        return self._floor

    def __call__(self) -> None:
        address = f"floor-{uuid.uuid4().hex}@seminar.example"
        with self.engine.begin() as connection:
            seminar_id, item_id = self._floor_ids(connection)
            connection.execute(self.read).all()
            if self.with_lock:
                connection.execute(self.lock, {"ids": [item_id]}).all()
            now = _now()
            delegate_id = connection.execute(
                self.insert_delegate, _delegate_row(seminar_id, address, now)
            ).scalar_one()
            connection.execute(
                self.insert_place,
                {
                    "delegate_id": delegate_id,
                    "item_id": item_id,
                    "status": "confirmed",
                    "registered_at": now,
                },
            )
            if self.with_mail:
                mail = _mail_row(delegate_id, address, now)
                connection.execute(self.insert_mail, mail).scalar_one()


def _delegate_row(seminar_id: int, address: str, now: datetime) -> dict:
    """A registration's row, of the sizes the benchmark's client sends and derives."""
    return {
        "seminar_id": seminar_id,
        "side": "japan",
        "family_name": "田中",
        "given_name": "一郎",
        "family_reading": "たなか",
        "given_reading": "いちろう",
        "family_latin": "Tanaka",
        "given_latin": "Ichiro",
        "cross_family_name": "田中",
        "cross_given_name": "一郎",
        "sort_key": "j1621060" + "0" * 40 + "111" + "0" * 15 + "2174303" + "0" * 46 + "1111",
        "search_text": "田中 一郎 田中一郎 たなか タナカ いちろう イチロウ たなかいちろう "
        "タナカイチロウ tanaka ichiro tanakaichiro ichirotanaka",
        "organization": "北九州市役所",
        "cross_organization": "北九州市役所",
        "organization_type": "local_government",
        "title": "課長",
        "email": address,
        "email_key": address,
        "phone": "",
        "role": "delegate",
        "dietary": "none",
        "dietary_note": "",
        "language": "ja",
        "arrival_date": None,
        "arrival_time": None,
        "arrival_transport": "",
        "arrival_place": "",
        "departure_date": None,
        "departure_time": None,
        "departure_transport": "",
        "departure_place": "",
        "needs_hotel": False,
        "consent_at": now,
        "status": "confirmed",
        "source": "form",
        "manage_token_hash": secrets.token_hex(32),
        "link_nonce": secrets.token_urlsafe(24),
        "checkin_code": secrets.token_urlsafe(12),
        "created_at": now,
        "updated_at": now,
    }


def _mail_row(delegate_id: int, address: str, now: datetime) -> dict:
    return {
        "kind": "confirmation",
        "recipient": address,
        "message": None,
        "about_id": delegate_id,
        "language": "ja",
        "status": "sent",
        "attempts": 0,
        "next_attempt_at": now,
        "last_error": "",
        "created_at": now,
    }


def form_app(secret_key: str, store_insert, store_statements) -> Flask:
    """Flask, Flask-WTF (CSRF in the session) and Flask-Babel, with the floor form."""
    app = Flask("bare_form")
    app.config.update(
        SECRET_KEY=secret_key,
        BABEL_DEFAULT_LOCALE="ja",
        BABEL_TRANSLATION_DIRECTORIES=str(ROOT / "translations"),
    )
    Babel(app, locale_selector=_locale)
    CSRFProtect(app)

    def _form() -> FloorForm:
        form = FloorForm()
        form.item_codes.choices = ITEM_CODES
        return form

    @app.get("/")
    def page():
        return render_template_string(PAGE, form=_form())

    def _answer(store):
        form = _form()
        if not form.validate_on_submit():
            return {"errors": form.errors}, 400
        store()
        return redirect("/bare/form/done")

    app.post("/")(lambda: _answer(store_insert))
    app.post("/statements", endpoint="statements")(lambda: _answer(store_statements))
    return app


# The programme's item codes (the registration form offers those of its side), from the
# programme the benchmark's database is seeded with: read once, not in a request.
ITEM_CODES = [
    (item["code"], item["code"]) for day in load_seed_data()["days"] for item in day["items"]
]


def _locale() -> str:
    for explicit in (request.args.get("lang"), request.cookies.get("lang")):
        if explicit in LANGUAGES:
            return explicit
    return request.accept_languages.best_match(LANGUAGES) or "ja"


def add_floor_seminar(connection) -> None:
    """A non-current copy of the current seminar and its items, for the SQL floor's rows."""
    from seminar_reg.extensions import db

    seminar, item = db.metadata.tables["seminar"], db.metadata.tables["program_item"]
    current = connection.execute(select(seminar).where(seminar.c.is_current.is_(True))).one()
    row = {**current._mapping, "edition": FLOOR_EDITION, "is_current": False}
    row.pop("id")
    floor_id = connection.execute(insert(seminar).returning(seminar.c.id), row).scalar_one()
    for one in connection.execute(select(item).where(item.c.seminar_id == current.id)):
        copy = {**one._mapping, "seminar_id": floor_id}
        copy.pop("id")
        connection.execute(insert(item), copy)
