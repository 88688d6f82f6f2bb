"""What the editions tests share."""

from __future__ import annotations

from tests.forms import open_form


def view_edition(staff, number: int) -> None:
    """The staff member switches the console to edition ``number`` through the
    editions page's form, as they would."""
    show = open_form(staff, "/console/editions/", action="/view")
    show["edition"] = str(number)
    assert show.submit(staff).status_code == 302
