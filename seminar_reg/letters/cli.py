"""`flask --app seminar_reg letters --out FILE.pdf --lang ja|zh [--organization NAME]`."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import click
from flask_babel import force_locale, ngettext
from flask_babel import gettext as _

from ..audit.trail import Kind, record
from ..program.queries import EDITION_OPTION, seminar_for_command
from . import bp
from .export import LETTER_LANGUAGES, NoMembersError, make_letters, problem_reason
from .queries import UnknownOrganizationError


@bp.cli.command(
    "letters",
    help="Write the formal invitation letters, one per delegation, as one PDF in Japanese "
    "or Chinese. Letters are addressed to the head of each organisation and list its "
    "registered members in the reader's script.",
)
@click.option("--out", required=True, type=click.Path(dir_okay=False, path_type=Path))
@click.option("--lang", "language", required=True, type=click.Choice(LETTER_LANGUAGES))
@click.option("--organization", help="Only this organisation's letter (its name in any language).")
@click.option(
    "--date",
    "issued",
    type=click.DateTime(formats=["%Y-%m-%d"]),
    help="The letters' date (YYYY-MM-DD); today at the venue if left out.",
)
@EDITION_OPTION
def letters_command(
    out: Path,
    language: str,
    organization: str | None,
    issued: dt.datetime | None,
    edition: int | None,
) -> None:
    from ..documents.fonts import MissingGlyphError, describe_character
    from .content import UndrawableLetterError

    with force_locale(language):
        seminar = seminar_for_command(edition)
        try:
            letters = make_letters(
                seminar, language, organization, issued.date() if issued else None
            )
        except UnknownOrganizationError as error:
            raise click.ClickException(
                _("No delegation of an organisation named %(name)s.", name=error.name)
            ) from None
        except NoMembersError:
            raise click.ClickException(
                _("No delegation has registered members, so no letter was written.")
            ) from None
        except UndrawableLetterError as error:
            for problem in error.problems:
                click.echo(problem_reason(problem), err=True)
            raise click.ClickException(
                _("No letter was written: correct these names and try again.")
            ) from None
        except MissingGlyphError as error:  # the seminar's own texts
            raise click.ClickException(
                _(
                    "No letter was written: %(text)s contains %(character)s, which no font "
                    "can draw.",
                    text=error.text,
                    character=describe_character(error.character),
                )
            ) from None
        out.write_bytes(letters.data)
        record(Kind.EXPORT, subject=out.name, people=letters.result.members)
        click.echo(
            ngettext(
                "Wrote %(path)s: %(num)s letter, %(pages)s page(s), %(members)s member(s).",
                "Wrote %(path)s: %(num)s letters, %(pages)s page(s), %(members)s member(s).",
                letters.result.letters,
                path=str(out),
                pages=letters.result.pages,
                members=letters.result.members,
            )
        )
