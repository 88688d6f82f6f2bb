"""Invitation letters as PDF: A4 portrait, each letter on its own pages (see letters.content).

A letter flows as strips (a line of text, a table row) onto pages through the engine's
paginator: the programme and the members' table repeat their heading, marked continued,
on a page they run on to, and the closing lines (以上 / 特此邀请。 with the signature) stay
together. Every page's foot carries the letter's number and its page count. Text is set
in the reader's face (Noto Sans JP for Japanese, SC for Chinese; the other as fallback),
embedded as subsets; running text breaks lines with kinsoku (documents.textfit.wrap).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from functools import partial
from io import BytesIO

from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas

from ..documents.fonts import check_characters, font_chain, missing_characters, pdf_font
from ..documents.paginate import Strip, TableSection, paginate
from ..documents.pdf import binary_streams
from ..documents.textfit import StyledText, fit, style, wrap
from ..vocabulary import reader_side
from .content import LetterData, LetterJob, LetterResult, check_job
from .wording import Wording, all_strings, day_label, entry_label, time_label, wording

PAGE_WIDTH, PAGE_HEIGHT = A4
LEFT, RIGHT, TOP, BOTTOM = 25 * mm, 22 * mm, 22 * mm, 22 * mm
WIDTH = PAGE_WIDTH - LEFT - RIGHT
BODY = 10.5  # points
SPACING = 1.65  # leading as a multiple of the size
LEADING = BODY * SPACING
LABEL_WIDTH = 30 * mm  # particulars: label column
INDENT = 2 * BODY  # the programme and the table sit under the labels' text
TIME_WIDTH = 30 * mm
ROW = 7.5 * mm
COLUMNS = (12 * mm, 52 * mm, 50 * mm)  # number, name, title; the Latin name takes the rest
INK = (0.08, 0.08, 0.08)
RULE = (0.55, 0.57, 0.6)
HEAD_FILL = (0.93, 0.93, 0.94)
GREY = (0.4, 0.4, 0.4)
GAP = BODY * 0.6  # between the sections of a letter


@dataclass(frozen=True)
class Block:
    height: float
    draw: Callable[[Canvas, float], None]  # (canvas, top of the strip)
    letter: int = -1  # index of the letter it belongs to; -1 for a gap


def build_letters(job: LetterJob) -> LetterResult:
    """Render every letter of `job`. Raises UndrawableLetterError naming each person and
    character no font can draw, MissingGlyphError for a shared text (the seminar's
    names, the programme), NoLettersError for an empty job."""
    chain = font_chain(reader_side(job.language)) if job.language in ("ja", "zh") else []
    check_job(job, lambda text: missing_characters(text, chain))
    for letter in job.letters:
        for text in all_strings(job, letter):
            check_characters(text, chain)
    sections: list[TableSection[Block]] = []
    letters = [(index, letter, wording(job, letter)) for index, letter in enumerate(job.letters)]
    for index, letter, words in letters:
        sections += _LetterStrips(index, job, letter, words).sections()
    gap = Strip(Block(GAP, _nothing), GAP)
    pages = paginate(sections, PAGE_HEIGHT - TOP - BOTTOM, gap)
    buffer = BytesIO()
    with binary_streams():
        _render(buffer, pages, job, [words for _index, _letter, words in letters])
    members = sum(len(letter.members) for letter in job.letters)
    return LetterResult(buffer.getvalue(), len(job.letters), len(pages), members)


def _nothing(canvas: Canvas, top: float) -> None:
    pass


def _render(buffer: BytesIO, pages: list[list[Block]], job: LetterJob, words: list[Wording]):
    chain = font_chain(reader_side(job.language))
    # A TrueType initial font keeps reportlab from adding a non-embedded Helvetica
    canvas = Canvas(buffer, pagesize=A4, pageCompression=1, initialFontName=pdf_font(chain[0]))
    canvas.setTitle(f"{words[0].title} {job.seminar.title}")
    canvas.setAuthor("、".join(job.seminar.organizers))
    canvas.setCreator("seminar_reg")
    owners = [next((b.letter for b in page if b.letter >= 0), 0) for page in pages]
    for number, (page, owner) in enumerate(zip(pages, owners, strict=True)):
        canvas.setFillColorRGB(*INK)
        top = PAGE_HEIGHT - TOP
        for block in page:
            block.draw(canvas, top)
            top -= block.height
        page_in_letter = owners[: number + 1].count(owner)
        label = words[owner].page_label(page_in_letter, owners.count(owner))
        canvas.setFillColorRGB(*GREY)
        styled = style([(label, chain)])
        _draw_styled(canvas, styled, 0, len(styled.text), LEFT, WIDTH, "centre", 8, BOTTOM / 2)
        canvas.showPage()
    canvas.save()


def _draw_styled(canvas, styled: StyledText, start, end, x, width, align, size, baseline):
    line_width = styled.width(size, start, end)
    if align == "right":
        x += width - line_width
    elif align == "centre":
        x += (width - line_width) / 2
    text = canvas.beginText(x, baseline)
    for font, run in styled.runs(start, end):
        text.setFont(pdf_font(font, run), size)
        text.textOut(run)
    canvas.drawText(text)


def _baseline(top: float, height: float, size: float) -> float:
    """A line's baseline with its CJK glyphs centred in a strip of `height`."""
    return top - height / 2 - 0.36 * size


class _LetterStrips:
    """The strips of one letter, grouped into the paginator's sections."""

    def __init__(self, index: int, job: LetterJob, letter: LetterData, words: Wording) -> None:
        self.index, self.job, self.letter, self.words = index, job, letter, words
        self.language = job.language
        self.chain = font_chain(reader_side(job.language))
        self.bold = font_chain(reader_side(job.language), bold=True)
        self.left = LEFT + (INDENT if words.indented_headings else 0)  # 一、 / １

    # --- strips ---

    def strip(self, height: float, draw: Callable[[Canvas, float], None]) -> Strip[Block]:
        return Strip(Block(height, draw, self.index), height, reopen=False)

    def space(self, lines: float = 1.0) -> Strip[Block]:
        return self.strip(LEADING * lines, _nothing)

    def lines(
        self, text: str, *, size=BODY, bold=False, align="left", x=LEFT, width=WIDTH,
        spacing=SPACING,
    ) -> list[Strip[Block]]:  # fmt: skip
        styled = style([(text, self.bold if bold else self.chain)])
        height = size * spacing
        return [
            self.strip(height, partial(self._line, styled, line, x, width, align, size, height))
            for line in wrap(styled, width, size).lines
        ]

    def _line(self, styled, line, x, width, align, size, height, canvas, top) -> None:
        _draw_styled(canvas, styled, *line, x, width, align, size, _baseline(top, height, size))

    def group(self, strips: Sequence[Strip[Block]]) -> Strip[Block]:
        """Strips kept together on one page."""

        def draw(canvas: Canvas, top: float) -> None:
            for strip in strips:
                strip.block.draw(canvas, top)
                top -= strip.height

        return self.strip(sum(strip.height for strip in strips), draw)

    def labelled(self, label: str, value: str, x: float = LEFT, label_width=LABEL_WIDTH):
        """A label with its value wrapped beside it (the particulars, programme entries)."""
        label_strip = self.lines(label, x=x, width=label_width)[0]
        value_x = x + label_width
        value_strips = self.lines(value or "—", x=value_x, width=LEFT + WIDTH - value_x)
        first = value_strips[0]

        def draw(canvas: Canvas, top: float) -> None:
            label_strip.block.draw(canvas, top)
            first.block.draw(canvas, top)

        return [self.strip(LEADING, draw), *value_strips[1:]]

    # --- sections ---

    def sections(self) -> list[TableSection[Block]]:
        closing = self.closing()
        rows = [self.member_row(number) for number in range(len(self.letter.members))]
        if rows:  # the last member keeps the closing lines company (no lone 以上 page)
            rows[-1] = replace(rows[-1], needs=ROW + GAP + closing[0].height)
        head = TableSection(heading=lambda _c: [], body=self.opening(), opening=0, new_page=True)
        programme = TableSection(
            heading=lambda continued: self.heading(self.words.programme_label, continued),
            body=self.programme(),
            opening=LEADING * 3,
        )
        members = TableSection(
            heading=lambda continued: [
                *self.heading(self.words.members_label, continued),
                self.table_row(self.words.columns, head=True),
            ],
            body=rows,
            opening=LEADING + ROW * 3,
        )
        return [head, programme, members, TableSection(lambda _c: [], closing, closing[0].height)]

    def heading(self, label: str, continued: bool) -> list[Strip[Block]]:
        return self.lines(label + (self.words.continued if continued else ""), x=self.left)

    def opening(self) -> list[Strip[Block]]:
        words, small = self.words, BODY - 0.5
        strips = self.lines(words.reference, size=small, align="right")
        if words.sender_at_end:  # Chinese: number, title, salutation
            strips += [self.space(0.6), *self.lines(words.title, size=22, bold=True,
                                                    align="centre", spacing=1.6)]  # fmt: skip
            strips.append(self.space(0.5))
            for line in words.addressee:
                strips += self.lines(line, size=11.5, bold=True)
        else:  # Japanese: number, date, addressee, sender, title, subject
            strips += self.lines(words.issued, size=small, align="right")
            strips.append(self.space(0.5))
            for line in words.addressee:
                strips += self.lines(line, size=12)
            strips.append(self.space(0.5))
            for line in words.sender:
                strips += self.lines(line, size=11, align="right")
            strips.append(self.space(0.8))
            strips += self.lines(words.title, size=20, bold=True, align="centre", spacing=1.6)
            strips += self.lines(words.subject, size=11.5, bold=True, align="centre")
            strips.append(self.space(0.5))
        for paragraph in words.paragraphs:
            strips += self.lines(paragraph)
        if words.complimentary_close:
            strips += self.lines(words.complimentary_close, align="right")
        if words.record_mark:
            strips += self.lines(words.record_mark, align="centre")
        for particular in words.particulars:
            strips += self.labelled(particular.label, particular.value, x=self.left)
        return strips

    def programme(self) -> list[Strip[Block]]:
        strips = []
        for day in self.letter.programme:
            strips += self.lines(day_label(day.date, self.language), x=self.left + INDENT)
            for entry in day.entries:
                time = time_label(entry, self.language)
                text = entry_label(entry, self.language)
                strips += self.labelled(
                    time, text, x=self.left + 2 * INDENT, label_width=TIME_WIDTH
                )
        # A page break inside the programme repeats its heading, marked continued
        return [replace(strip, reopen=True) for strip in strips]

    def table_row(self, cells: Sequence[str], head: bool = False) -> Strip[Block]:
        table_left = self.left + INDENT
        lefts, x = [], table_left
        widths = [*COLUMNS, LEFT + WIDTH - table_left - sum(COLUMNS)]
        for width in widths:
            lefts.append(x)
            x += width
        fitted = [
            fit(style([(cell, self.bold if head else self.chain)]), width - 2 * mm, BODY, 6.5)
            for cell, width in zip(cells, widths, strict=True)
        ]

        def draw(canvas: Canvas, top: float) -> None:
            if head:
                canvas.setFillColorRGB(*HEAD_FILL)
                canvas.rect(table_left, top - ROW, LEFT + WIDTH - table_left, ROW, stroke=0, fill=1)
                canvas.setFillColorRGB(*INK)
            canvas.setStrokeColorRGB(*RULE)
            canvas.setLineWidth(0.5)
            canvas.line(table_left, top - ROW, LEFT + WIDTH, top - ROW)
            if head:
                canvas.line(table_left, top, LEFT + WIDTH, top)
            for item, left in zip(fitted, lefts, strict=True):
                baseline = _baseline(top, ROW, item.size)
                _draw_styled(canvas, item.styled, 0, len(item.styled.text), left + mm, 0,
                             "left", item.size, baseline)  # fmt: skip

        return Strip(Block(ROW, draw, self.index), ROW, needs=None)

    def member_row(self, position: int) -> Strip[Block]:
        member = self.letter.members[position]
        cells = (str(position + 1), member.name_for(self.language),
                 member.title_for(self.language), member.latin_name)  # fmt: skip
        return self.table_row(cells)

    def closing(self) -> list[Strip[Block]]:
        words = self.words
        if not words.sender_at_end:
            return [self.group(self.lines(words.closing, align="right"))]
        strips = [*self.lines(words.closing), self.space(1.2)]
        for line in words.sender:
            strips += self.lines(line, size=11, align="right")
        strips += self.lines(words.issued, size=11, align="right")
        return [self.group(strips)]
