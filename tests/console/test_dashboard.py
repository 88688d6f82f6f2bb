"""The headcount dashboard: figures per item and side, the bar chart, meals per reception."""

from __future__ import annotations

import re

from seminar_reg.checkin.operations import Scan, check_in
from seminar_reg.program.queries import item_by_code
from seminar_reg.registration.operations import data_from_delegate, update
from tests.checkin.helpers import make_delegate

RECEPTIONS = ("shenyang-reception", "clair-reception")


def _with_dietary(delegate, dietary: str, note: str = ""):
    data = data_from_delegate(delegate)
    update(
        delegate,
        data.__class__(**{**data.__dict__, "dietary": dietary, "dietary_note": note}),
        actor="test",
    )
    return delegate


def _cast(seminar):
    namiki = _with_dietary(make_delegate(seminar, "namiki", ("plenary", *RECEPTIONS)), "halal")
    takahashi = make_delegate(seminar, "takahashi", ("plenary", "clair-reception"))
    shan = _with_dietary(make_delegate(seminar, "shan", ("plenary", *RECEPTIONS)), "vegetarian")
    wang = make_delegate(seminar, "wang", ("site-visit",))
    make_delegate(seminar, "wang", ("plenary",), cancelled=True, email="gone@example.org")
    plenary = item_by_code(seminar, "plenary")
    for person in (namiki, shan, takahashi):
        check_in(plenary, Scan(code=person.checkin_code), staff_id=None)
    reception = item_by_code(seminar, "clair-reception")
    check_in(reception, Scan(code=namiki.checkin_code), staff_id=None)
    return namiki, takahashi, shan, wang


def test_figures_per_item_and_side(login_as, seminar):
    _cast(seminar)
    figures = login_as("viewer").get("/console/headcounts.json").get_json()
    rows = {row["code"]: row for row in figures["items"]}
    assert rows["plenary"]["confirmed"] == {"japan": 2, "china": 1, "all": 3}
    assert rows["plenary"]["checked_in"] == {"japan": 2, "china": 1, "all": 3}
    assert rows["site-visit"]["confirmed"] == {"japan": 0, "china": 1, "all": 1}
    assert rows["site-visit"]["checked_in"]["all"] == 0
    assert figures["totals"]["confirmed"] == {"japan": 2, "china": 2, "all": 4}
    assert figures["totals"]["cancelled"] == {"japan": 0, "china": 1, "all": 1}
    # three people came to the plenary; namiki's second item would not count twice
    assert figures["totals"]["checked_in"] == {"japan": 2, "china": 1, "all": 3}


def test_meals_are_counted_per_reception_in_program_order(login_as, seminar):
    _cast(seminar)
    client = login_as("viewer")
    figures = client.get("/console/headcounts.json").get_json()
    assert figures["dietary"] == {
        "shenyang-reception": {"halal": 1, "vegetarian": 1},
        "clair-reception": {"none": 1, "halal": 1, "vegetarian": 1},
    }
    page = client.get("/console/", headers={"Accept-Language": "en"}).get_data(as_text=True)
    meals = page.split('id="dietary-heading"', 1)[1]
    # 26 July before 27 July; needs in the form's order, not the alphabet's
    assert meals.index("Reception hosted by Shenyang") < meals.index("Reception hosted by CLAIR")
    clair = meals.split("Reception hosted by CLAIR", 1)[1]
    assert re.findall(r"<li>([^:<]+):", clair) == ["No special requirements", "Vegetarian", "Halal"]


def test_bar_shows_each_sides_arrivals(login_as, seminar):
    _cast(seminar)
    page = login_as("viewer").get("/console/", headers={"Accept-Language": "en"})
    page = page.get_data(as_text=True)
    card = r'<article class="item-card" data-item="plenary".*?</article>'
    plenary = re.search(card, page, re.S)[0]
    japan = re.search(r'width="([\d.]+)"[^>]*data-bar="checked_in.japan"', plenary)
    china = re.search(
        r'x="([\d.]+)" y="2" width="([\d.]+)"[^>]*data-bar="checked_in.china"', plenary
    )
    # 2 + 1 of 3 confirmed, on a 120-unit bar: the Chinese part starts where the Japanese ends
    assert float(japan[1]) == 80.0
    assert (float(china[1]), float(china[2])) == (80.0, 40.0)
    assert 'aria-label="3 of 3 checked in"' in plenary
    # each measure's row, a column per side and the total, as headcounts.json names them
    counts = dict(re.findall(r'data-count="([a-z_]+\.[a-z]+)">(\d+)<', plenary))
    assert counts == {
        f"{measure}.{side}": str(number)
        for measure, by_side in (
            ("confirmed", {"japan": 2, "china": 1, "all": 3}),
            ("waitlisted", {"japan": 0, "china": 0, "all": 0}),
            ("checked_in", {"japan": 2, "china": 1, "all": 3}),
        )
        for side, number in by_side.items()
    }
    assert '<tr class="measure-waitlisted"><th scope="row">Waiting list</th>' in plenary
