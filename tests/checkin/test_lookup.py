"""Finding someone who forgot their badge by any script of their name."""

from __future__ import annotations

import pytest

from tests.forms import open_form

from .helpers import make_delegate


@pytest.fixture
def people(seminar):
    return {
        "namiki": make_delegate(seminar, "namiki", ("plenary",)),
        "shan": make_delegate(seminar, "shan", ("plenary",)),
        "takahashi": make_delegate(seminar, "takahashi", ("site-visit",)),
        "wang": make_delegate(seminar, "wang", ("plenary",), cancelled=True),
    }


def _names(desk, query: str) -> list[str]:
    response = desk.client.get("/console/checkin/plenary/lookup", query_string={"q": query})
    assert response.status_code == 200
    return [row["name"] for row in response.get_json()["results"]]


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("並木", "並木 心"),  # kanji as written
        ("なみき", "並木 心"),  # hiragana reading
        ("ナミキ", "並木 心"),  # katakana reading
        ("ﾅﾐｷ", "並木 心"),  # half-width kana from a phone keyboard
        ("Namiki", "並木 心"),  # Latin (passport)
        ("并木", "並木 心"),  # simplified Chinese form
        ("单伟", "单伟"),  # simplified
        ("單", "单伟"),  # traditional, from a Hong Kong keyboard
        ("shan wei", "单伟"),  # pinyin with a space
        ("Shàn", "单伟"),  # pinyin with a tone mark
        ("高橋", "髙橋 健一"),  # common form of 髙
    ],
)
def test_lookup_in_any_script(desk, people, query, expected):
    assert expected in _names(desk, query)


def test_lookup_matches_the_start_of_a_name_part_only(desk, people):
    # names/search.py's rule: "ami" is inside namiki, never the start of one of its parts.
    assert _names(desk, "nami") == ["並木 心"] and _names(desk, "ami") == []


def test_lookup_leaves_out_cancelled_delegates(desk, people):
    assert _names(desk, "王芳") == []


def test_lookup_says_who_is_registered_and_who_is_checked_in(desk, people):
    desk({"code": people["namiki"].checkin_code})
    response = desk.client.get("/console/checkin/plenary/lookup?q=namiki")
    rows = {row["name"]: row for row in response.get_json()["results"]}
    assert rows["並木 心"]["checked_in"] is True
    assert rows["並木 心"]["status"].startswith("Already checked in at ")
    hits = desk.client.get("/console/checkin/plenary/lookup?q=takahashi").get_json()["results"]
    assert hits[0]["registered"] is False
    assert hits[0]["status"] == "Not registered for this item"


def test_like_wildcards_in_the_query_are_literal(desk, people):
    assert _names(desk, "%") == [] and _names(desk, "_") == []


def test_blank_query_finds_nobody(desk, people):
    assert _names(desk, "   ") == []


def test_the_desk_pages_look_up_form_finds_a_person(desk, people):
    form = open_form(desk.client, "/console/checkin/plenary", button="Search")
    form["q"] = "なみき"
    response = form.submit(desk.client)
    assert [row["name"] for row in response.get_json()["results"]] == ["並木 心"]
