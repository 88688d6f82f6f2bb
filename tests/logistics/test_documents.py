"""Every logistics document as PDF (pypdf, pdftoppm) and XLSX (openpyxl)."""

import io

import pytest
from openpyxl import load_workbook

from seminar_reg.documents.fonts import MissingGlyphError
from seminar_reg.logistics import exports, queries
from seminar_reg.logistics.documents.manifests import BusManifest, PersonLine, build_bus_manifests
from seminar_reg.logistics.documents.render import Cell, Column, ListDocument, Section, render
from tests.pdf_tools import (
    DRAWS_ARTIFACTS,
    page_texts,
    rasterise,
    save_artifact,
    squeeze,
    text_runs,
)

from ..pdf_tools import assert_fonts_embedded
from .helpers import planned_event, workbook_values

# Every test uses the 165-delegate event (and most render documents from it).
pytestmark = pytest.mark.slow


@pytest.fixture
def event(seminar, built_once):
    receptions = tuple(item.code for item in queries.receptions(seminar))
    built_once(planned_event, seminar, receptions)
    return seminar


def _check_pdf(pdf: bytes, names: list[str], tmp_path, artifact: str) -> str:
    tmp_path.mkdir(parents=True, exist_ok=True)
    text = squeeze("".join(page_texts(pdf)))
    for name in names:
        assert squeeze(name) in text, name
    faces = {font.split("+", 1)[1] for font in assert_fonts_embedded(pdf)}
    assert {"NotoSansJP", "NotoSansSC"} <= {face.split("-")[0] for face in faces}
    if DRAWS_ARTIFACTS:
        (image,) = rasterise(pdf, tmp_path, first=1, last=1)
        save_artifact(image, artifact)
    return text


def _names(delegates) -> list[str]:
    names = []
    for d in delegates:
        names += [d.full_name, f"{d.cross_family_name}{d.cross_given_name}"]
    return [n for n in names if n]


@pytest.mark.parametrize("lang", ["ja", "zh"])
def test_bus_manifests_pdf_and_xlsx(event, lang, tmp_path):
    overview = queries.bus_overview(event)
    pdf = exports.bus_manifests(event, lang, "pdf")
    riders = [d for bus in overview.buses for d in bus.passengers]
    _check_pdf(pdf, _names(riders), tmp_path, f"logistics-bus-manifest-{lang}.png")
    assert len(page_texts(pdf)) == len(overview.buses)
    workbook = load_workbook(io.BytesIO(exports.bus_manifests(event, lang, "xlsx")))
    assert len(workbook.worksheets) == len(overview.buses)
    values = workbook_values(exports.bus_manifests(event, lang, "xlsx"))
    reader = {"ja": "japan", "zh": "china"}[lang]
    for d in riders:  # each organisation in the readers' script (as on the rolls)
        organization = d.organization if d.side == reader else d.cross_organization
        assert d.full_name in values and organization in values


def test_own_names_are_set_in_their_sides_face(event):
    pdf = exports.bus_manifests(event, "ja", "pdf")
    faces = {}
    for _page, text, font, _size in text_runs(pdf):
        faces.setdefault(text.strip(), set()).add(font.split("+")[-1].split("-")[0])
    rider = next(
        d for b in queries.bus_overview(event).buses for d in b.passengers if d.side == "china"
    )
    assert faces[rider.full_name] == {"NotoSansSC"}


@pytest.mark.parametrize("lang", ["ja", "zh"])
def test_table_lists_and_place_cards(event, lang, tmp_path):
    item = queries.reception(event, "clair-reception")
    guests = [d for t in queries.seating_overview(item).tables for d in t.guests]
    pdf = exports.seating(event, item, lang, "pdf")
    _check_pdf(pdf, _names(guests), tmp_path / "t", f"logistics-tables-{lang}.png")
    assert guests[0].full_name in workbook_values(exports.seating(event, item, lang, "xlsx"))
    cards = exports.place_cards(event, item, lang)
    _check_pdf(cards, _names(guests), tmp_path / "c", f"logistics-place-cards-{lang}.png")
    assert len(page_texts(cards)) == (len(guests) + 1) // 2


@pytest.mark.parametrize("lang", ["ja", "zh"])
def test_catering_pdf_and_xlsx(event, lang, tmp_path):
    item = queries.reception(event, "clair-reception")
    catering = queries.catering(item)
    pdf = exports.catering(event, lang, "pdf", [item])
    text = _check_pdf(pdf, _names(catering.notes), tmp_path, f"logistics-catering-{lang}.png")
    assert squeeze(catering.notes[0].dietary_note) in text
    values = workbook_values(exports.catering(event, lang, "xlsx", [item]))
    assert catering.total in values


@pytest.mark.parametrize("direction", ["arrivals", "departures"])
def test_pickups_pdf_and_xlsx(event, direction, tmp_path):
    data = queries.pickups(event, direction, 60, 20)
    pdf = exports.pickups(event, "zh", "pdf", direction, 60, 20)
    everyone = [data.delegates[i] for g in data.groups for i in g.people] + data.missing
    _check_pdf(pdf, _names(everyone), tmp_path, f"logistics-pickups-{direction}-zh.png")
    values = workbook_values(exports.pickups(event, "ja", "xlsx", direction, 60, 20))
    for d in data.missing:
        assert d.full_name in values


def test_rooming_pdf_and_xlsx(event, tmp_path):
    data = queries.rooming(event)
    pdf = exports.rooming(event, "ja", "pdf")
    _check_pdf(pdf, _names(data.delegates.values()), tmp_path, "logistics-rooming-ja.png")
    values = workbook_values(exports.rooming(event, "zh", "xlsx"))
    assert sum(c["all"] for c in data.plan.per_night.values()) in values


def _labels():
    from seminar_reg.logistics.exports import labels
    from seminar_reg.program.queries import current_seminar

    return labels(current_seminar(), "en")


def test_xlsx_cells_cannot_start_formulas(seminar):
    people = [PersonLine(1, "japan", '=HYPERLINK("x")', "+cmd", "@SUM(A1)", "delegate")]
    content = build_bus_manifests([BusManifest(1, 45, tuple(people))], [], _labels(), "xlsx")
    sheet = load_workbook(io.BytesIO(content)).worksheets[0]
    texts = [c.value for row in sheet.iter_rows() for c in row if isinstance(c.value, str)]
    assert '\'=HYPERLINK("x")' in texts and "'+cmd" in texts and "'@SUM(A1)" in texts
    assert all(c.data_type != "f" for row in sheet.iter_rows() for c in row)


def test_missing_glyphs_are_refused(seminar):
    document = ListDocument(
        "t", _labels(), (Section("s", (Column("c", 1),), ((Cell("\ue000", "japan"),),)),)
    )
    with pytest.raises(MissingGlyphError):
        render(document, "pdf")
