"""The print-job form: which badges, in which layout."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import (
    BooleanField,
    IntegerField,
    RadioField,
    SelectField,
    SubmitField,
)
from wtforms.fields.choices import SelectChoice
from wtforms.validators import Optional

from ..fields import text_field
from ..ids import id_range
from ..vocabulary.labels import ROLE_LABELS, SIDE_LABELS
from .queries import Selection

LAYOUT_LABELS = {
    "sheet": _l("A4 sheets of 10 badges with crop marks (office printer)"),
    "single": _l("One 90 × 55 mm badge per page (card printer at the desk)"),
}
# The renderer's layouts (badges.layout.LAYOUTS, a test keeps them equal), known here
# without importing reportlab, so `badges --help` and the console start fast.
LAYOUTS = tuple(LAYOUT_LABELS)


def _with_all(labels: dict) -> list[SelectChoice]:
    return [SelectChoice("", _l("All"))] + [
        SelectChoice(str(value), label) for value, label in labels.items()
    ]


class BadgeJobForm(FlaskForm):
    side = SelectField(_l("Side"), choices=_with_all(SIDE_LABELS), default="")
    role = SelectField(_l("Role"), choices=_with_all(ROLE_LABELS), default="")
    item = SelectField(_l("Confirmed attendees of a program item"), default="")
    # Names as the delegate list shows them: its search, or one person chosen there
    # ("Badge" on a delegate's page opens this page with ?delegate=<id>, kept hidden).
    query = text_field(_l("Search by name in any script, or email"), 200)
    delegate = IntegerField(validators=[Optional(), id_range()])  # rendered hidden
    unprinted = BooleanField(_l("Only badges not printed since the delegate's last change"))
    layout = RadioField(
        _l("Layout"),
        choices=[SelectChoice(code, label) for code, label in LAYOUT_LABELS.items()],
        default="sheet",
    )
    count = SubmitField(_l("Count badges"))
    make_pdf = SubmitField(_l("Print badges (PDF)"))
    # Shown only after a job found badges no font can draw: print the others anyway.
    make_pdf_anyway = SubmitField(_l("Print the other badges"))

    def __init__(self, *args, item_choices: dict[str, str], **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.item.choices = _with_all(item_choices)

    def selection_is_valid(self) -> bool:
        """The field checks without the CSRF token, for a GET that only counts."""
        self.validate()
        if "csrf_token" in self:  # absent when CSRF is switched off (tests)
            self.csrf_token.errors = []
        return not any(field.errors for field in self)

    def selection(self) -> Selection:
        return Selection(
            side=self.side.data or None,
            role=self.role.data or None,
            item_code=self.item.data or None,
            delegate_id=self.delegate.data,
            query=(self.query.data or "").strip() or None,
            unprinted=bool(self.unprinted.data),
        )

    def wants_pdf(self) -> bool:
        return bool(self.make_pdf.data or self.make_pdf_anyway.data)
