"""Forms for the organiser's content of an edition, in ja/zh/en: the edition's texts,
sub-themes, organisers, days and each item's titles, description, kind and audience.

Required texts need all three languages; optional ones (province, description, venue)
are all three or none, so no page shows a hole in one language."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import BooleanField, DateField, SelectField, StringField, TextAreaField
from wtforms.validators import InputRequired, Optional

from ..fields import MaxLength, choices_from, cleaned_within, no_control_characters, printable
from ..vocabulary import LANGUAGES
from .models import Audience, ItemKind, OrganizationRole

NEEDED = _l("Fill this in: every language is needed.")
ALL_OR_NONE = _l("Give this in every language, or leave all three empty.")
IN_LANGUAGE = {"ja": _l("in Japanese"), "zh": _l("in Chinese"), "en": _l("in English")}


def _text(
    label, lang: str, max_length: int, *, required: bool, area: bool = False,
    printed: bool = False,
):
    field = TextAreaField if area else StringField
    return field(
        _l("%(what)s %(language)s", what=label, language=IN_LANGUAGE[lang]),
        validators=[
            InputRequired(message=NEEDED) if required else Optional(),
            MaxLength(max_length),
            no_control_characters,
            *([printable] if printed else []),
        ],
        filters=[cleaned_within(max_length)],
    )


def trilingual(namespace: dict, name: str, label, max_length: int, **options) -> None:
    for lang in LANGUAGES:
        namespace[f"{name}_{lang}"] = _text(label, lang, max_length, **options)


class CompleteForm(FlaskForm):
    """A form whose optional trilingual texts are all given or all left empty."""

    TOGETHER: tuple[str, ...] = ()

    def validate(self, extra_validators=None) -> bool:
        valid = super().validate(extra_validators)
        for name in self.TOGETHER:
            fields = [self[f"{name}_{lang}"] for lang in LANGUAGES]
            if any(field.data for field in fields):
                for field in fields:
                    if not field.data and not field.errors:
                        field.errors = [*field.errors, ALL_OR_NONE]
                        valid = False
        return valid

    def texts(self, *names: str) -> dict[str, str]:
        return {f"{n}_{lang}": self[f"{n}_{lang}"].data or "" for n in names for lang in LANGUAGES}


class SeminarTextsForm(CompleteForm):
    TOGETHER = ("province", "signatory")
    NAMES = ("title", "short_title", "theme", "city", "province", "signatory")
    trilingual(locals(), "title", _l("Title"), 200, required=True)
    trilingual(locals(), "short_title", _l("Short title"), 100, required=True)
    trilingual(locals(), "theme", _l("Theme"), 2000, required=True, area=True)
    trilingual(locals(), "city", _l("City"), 100, required=True)
    trilingual(locals(), "province", _l("Province"), 100, required=False)
    trilingual(locals(), "signatory", _l("Invitation letters signed by (title and name)"), 200,
               required=False, printed=True)


class SubThemeForm(CompleteForm):
    NAMES = ("text",)
    trilingual(locals(), "text", _l("Sub-theme"), 2000, required=True, area=True)
    remove = BooleanField(_l("Remove this sub-theme"))


ROLE_LABELS = {
    OrganizationRole.ORGANIZER: _l("Organiser"),
    OrganizationRole.CO_ORGANIZER: _l("Co-organiser"),
    OrganizationRole.SUPPORTER: _l("Supporter"),
}
KIND_LABELS = {
    ItemKind.MEETING: _l("Meeting"),
    ItemKind.RECEPTION: _l("Reception"),
    ItemKind.VISIT: _l("Visit"),
}
AUDIENCE_LABELS = {
    Audience.ALL: _l("Everyone"),
    Audience.JAPAN_ONLY: _l("Japanese side only"),
    Audience.PR_EXCHANGE: _l("Japanese local governments and Chinese travel agencies"),
}


class OrganizationForm(CompleteForm):
    NAMES = ("name",)
    role = SelectField(_l("Role"), choices=choices_from(ROLE_LABELS))
    trilingual(locals(), "name", _l("Name"), 200, required=True)
    remove = BooleanField(_l("Remove this organisation"))


class DayForm(FlaskForm):
    date = DateField(_l("Date"), validators=[InputRequired(message=NEEDED)])


class ItemContentForm(CompleteForm):
    """What an item says and who may attend; the ItemForm beside it keeps times,
    venues and capacity."""

    TOGETHER = ("description",)
    NAMES = ("title", "description")
    kind = SelectField(_l("Kind"), choices=choices_from(KIND_LABELS))
    audience = SelectField(_l("Who may attend"), choices=choices_from(AUDIENCE_LABELS))
    trilingual(locals(), "title", _l("Item title"), 200, required=True)
    trilingual(locals(), "description", _l("Description"), 4000, required=False, area=True)


def validate_venues_together(form) -> bool:
    """The ItemForm's venues: all three languages or none (to be announced)."""
    fields = [form[f"venue_{lang}"] for lang in LANGUAGES]
    if not any(field.data for field in fields):
        return True
    missing = [field for field in fields if not field.data]
    for field in missing:
        field.errors = [*field.errors, ALL_OR_NONE]
    return not missing
