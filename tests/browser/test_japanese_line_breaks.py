"""Japanese line-breaking rules in the browser: a kana reading squeezed into a narrow
cell of the delegate list breaks before a full kana, never before a small kana or ー
(CSS ``line-break: strict`` on every ``lang="ja"`` text, the rule the PDFs' engine keeps
too, ``tests/documents/test_textfit.py``)."""

from __future__ import annotations

import pytest

from tests.factories import add_japanese

pytestmark = pytest.mark.browser

READING = ("ちゃっきゅう", "しょっちゅうきょーりゅー")
SMALL_KANA = "ぁぃぅぇぉっゃゅょゎゕゖァィゥェォッャュョヮヵヶー"

# Each character's line in the cell (its top), after narrowing the cell to a few kana.
LINES = """(cell) => {
  cell.style.display = "block";  // out of the table's column widths
  cell.style.width = "2.6em";
  cell.style.padding = "0";
  const text = cell.firstChild, range = document.createRange(), lines = [];
  let top = null;
  for (let i = 0; i < text.length; i++) {
    range.setStart(text, i); range.setEnd(text, i + 1);
    const rect = range.getClientRects()[0];
    if (!rect) continue;
    if (top === null || rect.top > top + 1) { lines.push(""); top = rect.top; }
    lines[lines.length - 1] += text.data[i];
  }
  return {lines, lineBreak: getComputedStyle(cell).lineBreak, lang: cell.lang};
}"""


def test_a_reading_never_breaks_before_a_small_kana(staff_page, seminar):
    add_japanese(seminar, "茶木", READING[0], "昇太", READING[1])
    page = staff_page("secretariat")
    page.goto("/console/delegates")
    cell = page.locator("td.reading", has_text=READING[0])
    found = cell.evaluate(LINES)
    assert (found["lang"], found["lineBreak"]) == ("ja", "strict")
    lines = [line.strip() for line in found["lines"] if line.strip()]
    assert "".join(lines) == "".join(READING) and len(lines) >= 4, lines
    assert not [line for line in lines if line[0] in SMALL_KANA], lines
