"""The console at any size: the statements a page sends do not grow with the delegates.

Counted on the real database at 100 and at 1,000 delegates (benchmarks/requests.py
times the same pages at 1,000 and 10,000): a page that loaded each delegate's places or
counted per row would send more statements at 1,000 and fail here.
"""

from __future__ import annotations

from urllib.parse import quote

import pytest

from seminar_reg.registration.demo import demo_delegates
from seminar_reg.registration.importer import store_rows
from tests.statements import counted_statements

PAGES = (
    "/console/delegates",
    "/console/delegates?page=2",
    f"/console/delegates?query={quote('田中')}",
    "/console/delegates?side=china&item=plenary",
    "/console/",
    "/console/headcounts.json",
    f"/console/checkin/plenary/lookup?q={quote('田中')}",
    "/console/checkin/plenary/lookup?q=taka",  # a name part of many: found through its tokens
)


def _statements_per_page(client) -> dict[str, int]:
    counts = {}
    for page in PAGES:
        client.get(page)  # the session's user and the seminar are loaded alike each time
        with counted_statements() as statements:
            response = client.get(page)
        assert response.status_code == 200, (page, response.status_code)
        counts[page] = len(statements)
    return counts


@pytest.mark.slow
def test_console_pages_send_as_many_statements_at_1000_delegates_as_at_100(seminar, login_as):
    people = demo_delegates(500, 500)
    store_rows(seminar, people[:50] + people[500:550])
    client = login_as("admin")
    at_100 = _statements_per_page(client)
    store_rows(seminar, people[50:500] + people[550:])
    at_1000 = _statements_per_page(client)
    assert at_1000 == at_100, (at_100, at_1000)
    assert max(at_1000.values()) <= 12, at_1000  # no statement per row of a page
    # and a page of the list is a page: 50 rows, not all of them
    page = client.get("/console/delegates").get_data(as_text=True)
    assert 50 <= page.count('href="/console/delegates/') <= 60
