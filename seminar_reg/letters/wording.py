"""The words of an invitation letter in Japanese (招へい状) and Chinese (邀请函).

The letter's own text is the document, not the user interface: it is written here once
per language, in the forms officials on each side expect. A Japanese letter opens with
the number, the date, the addressee (…市長 様) and the sender at the top, 拝啓 … 敬具,
then 記 with the particulars and 以上. A Chinese letter opens with the number, 邀请函 and
the salutation (…负责同志：), sets out the particulars as 一、二、三、, closes with
特此邀请。 and ends with the sender and the date.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from .content import LetterData, LetterJob, ProgrammeEntry, SeminarFacts

# What the letter is called in each letter language: its title, and the console's name for it.
DOCUMENT_NAMES: Mapping[str, str] = {"ja": "招へい状", "zh": "邀请函"}

_JA_WEEKDAYS = "月火水木金土日"
_ZH_WEEKDAYS = ("星期一", "星期二", "星期三", "星期四", "星期五", "星期六", "星期日")
_JA_NUMBERS = "１２３４５６７８９"
_ZH_NUMBERS = "一二三四五六七八九"
# Japanese local governments by the last character of their name: the head's title
_JA_HEADS = {"市": "長", "町": "長", "村": "長", "区": "長", "都": "知事", "道": "知事",
             "府": "知事", "県": "知事"}  # fmt: skip
_ZH_HEADS = {"市": "市长", "町": "町长", "村": "村长", "区": "区长", "都": "知事", "道": "知事",
             "府": "知事", "县": "知事"}  # fmt: skip


@dataclass(frozen=True)
class Particular:
    label: str  # "１　会期" / "二、会议时间："
    value: str


@dataclass(frozen=True)
class Wording:
    """Every sentence and label of one letter, in its language."""

    title: str  # 招へい状 / 邀请函
    subject: str  # the Japanese letter's subject line; empty in Chinese
    reference: str
    issued: str
    addressee: tuple[str, ...]
    sender: tuple[str, ...]
    sender_at_end: bool  # Chinese letters sign off at the bottom with the date
    paragraphs: tuple[str, ...]
    complimentary_close: str  # 敬具 (right), empty in Chinese
    record_mark: str  # 記 (centred), empty in Chinese
    particulars: tuple[Particular, ...]
    programme_label: str
    members_label: str
    columns: tuple[str, str, str, str]  # number, name, title, Latin name
    closing: str  # 以上 (right) / 特此邀请。 (a paragraph)
    continued: str
    indented_headings: bool = False  # Chinese sets 一、二、 in by two characters

    def page_label(self, page: int, pages: int) -> str:
        return f"{self.reference_number}  {page} / {pages}"

    @property
    def reference_number(self) -> str:
        return self.reference.split("：", 1)[-1]


def wording(job: LetterJob, letter: LetterData) -> Wording:
    return _japanese(job, letter) if job.language == "ja" else _chinese(job, letter)


def all_strings(job: LetterJob, letter: LetterData) -> list[str]:
    """Every string the letter draws apart from its members (checked before drawing)."""
    words = wording(job, letter)
    strings = [words.title, words.subject, words.reference, words.issued, *words.addressee]
    strings += [*words.sender, *words.paragraphs, words.complimentary_close, words.record_mark]
    strings += [text for particular in words.particulars for text in vars(particular).values()]
    strings += [words.programme_label, words.members_label, *words.columns, words.closing]
    strings += [words.continued, words.page_label(1, 1)]
    for day in letter.programme:
        strings.append(day_label(day.date, job.language))
        for entry in day.entries:
            strings += [time_label(entry, job.language), entry_label(entry, job.language)]
    return strings


# --- dates, times, programme -----------------------------------------------------------------


def _ja_day(date: dt.date, year: bool = True, month: bool = True) -> str:
    text = f"{date.day}日({_JA_WEEKDAYS[date.weekday()]})"
    if month:
        text = f"{date.month}月{text}"
    return f"{date.year}年{text}" if year else text


def _long_date(date: dt.date) -> str:
    return f"{date.year}年{date.month}月{date.day}日"


def period(start: dt.date, end: dt.date, language: str) -> str:
    """2017年7月26日(水)～28日(金) / 2017年7月26日至28日."""
    same_year, same_month = (
        start.year == end.year,
        (start.year, start.month) == (end.year, end.month),
    )
    if language == "ja":
        if start == end:
            return _ja_day(start)
        return f"{_ja_day(start)}～{_ja_day(end, not same_year, not same_month)}"
    if start == end:
        return _long_date(start)
    tail = f"{end.day}日" if same_month else f"{end.month}月{end.day}日"
    return f"{_long_date(start)}至{tail if same_year else _long_date(end)}"


def day_label(date: dt.date, language: str) -> str:
    if language == "ja":
        return _ja_day(date, year=False)
    return f"{date.month}月{date.day}日（{_ZH_WEEKDAYS[date.weekday()]}）"


def time_label(entry: ProgrammeEntry, language: str) -> str:
    if entry.start is None:
        return "時間未定" if language == "ja" else "时间待定"
    text = entry.start.strftime("%H:%M")
    if entry.end is not None:
        text += ("～" if language == "ja" else "—") + entry.end.strftime("%H:%M")
    return text


def entry_label(entry: ProgrammeEntry, language: str) -> str:
    if not entry.venue:
        return entry.title
    return f"{entry.title}（{'会場' if language == 'ja' else '地点'}：{entry.venue}）"


def _ja_join(names: Sequence[str]) -> str:
    """A、B及びC."""
    names = list(names)
    return names[0] if len(names) == 1 else "、".join(names[:-1]) + "及び" + names[-1]


def _zh_join(names: Sequence[str]) -> str:
    """A、B和C."""
    names = list(names)
    return names[0] if len(names) == 1 else "、".join(names[:-1]) + "和" + names[-1]


# --- the particulars (記 / 一、二、) -------------------------------------------------------------


@dataclass(frozen=True)
class _Style:
    """How a language numbers and labels the particulars."""

    pattern: str  # "{number}　{label}" / "{number}、{label}："
    under: str  # a label under the one above, without a number: "　　{label}"
    labels: tuple[str, str, str, str]  # name, dates, place, theme
    hosts: tuple[str, str, str]  # organisers, co-organisers, supporters

    def numbered(self, number: str, label: str) -> str:
        return self.pattern.format(number=number, label=label)


_JA_STYLE = _Style(
    "{number}　{label}",
    "　　{label}",
    ("名称", "会期", "開催地", "テーマ"),
    ("主催", "共催", "後援"),
)
_ZH_STYLE = _Style(
    "{number}、{label}：",
    "　　{label}：",
    ("会议名称", "会议时间", "会议地点", "会议主题"),
    ("主办单位", "协办单位", "支持单位"),
)


def _particulars(seminar, style: _Style, dates: str, place: str, numbers) -> list[Particular]:
    """Name, dates, place, theme (if any), then the hosts under one number."""
    values = (seminar.title, dates, place, seminar.theme)
    particulars = [
        Particular(style.numbered(next(numbers), label), value)
        for label, value in zip(style.labels, values, strict=True)
        if value
    ]
    number, pattern = next(numbers), style.pattern
    groups = (seminar.organizers, seminar.co_organizers, seminar.supporters)
    for label, names in zip(style.hosts, groups, strict=True):
        if names:
            particulars.append(
                Particular(pattern.format(number=number, label=label), "、".join(names))
            )
            pattern = style.under  # the next host's label goes under this one's
    return particulars


def _sender(seminar: SeminarFacts) -> tuple[str, ...]:
    """The organisers, then who signs for them (the edition's signatory), one a line."""
    return (*seminar.organizers, *((seminar.signatory,) if seminar.signatory else ()))


# --- Japanese ----------------------------------------------------------------------------------


def _ja_addressee(letter: LetterData) -> tuple[str, ...]:
    if letter.head_title:
        head = "　".join(part for part in (letter.head_title, letter.head_name) if part)
        return (letter.organization, f"{head}　様")
    suffix = _JA_HEADS.get(letter.organization[-1:]) if letter.side == "japan" else None
    if suffix:
        return (f"{letter.organization}{suffix}　様",)
    return (letter.organization, "代表者　様")


def _japanese(job: LetterJob, letter: LetterData) -> Wording:
    seminar = job.seminar
    organizers = _ja_join(seminar.organizers) if seminar.organizers else "主催者"
    hosting = f"{_ja_join(seminar.co_organizers)}との共催により、" if seminar.co_organizers else ""
    place = f"{seminar.province}{seminar.city}"
    theme = f"「{seminar.theme}」をテーマに、" if seminar.theme else ""
    numbers = iter(_JA_NUMBERS)
    dates = period(seminar.start_date, seminar.end_date, "ja")
    particulars = _particulars(seminar, _JA_STYLE, dates, place, numbers)
    return Wording(
        title=DOCUMENT_NAMES["ja"],
        subject=f"「{seminar.title}」へのご招へいについて",
        reference=f"文書番号：{letter.reference}",
        issued=_long_date(job.issued),
        addressee=_ja_addressee(letter),
        sender=_sender(seminar),
        sender_at_end=False,
        paragraphs=(
            "拝啓　時下ますますご清栄のこととお慶び申し上げます。"
            "平素より格別のご高配を賜り、厚く御礼申し上げます。",
            f"　さて、{organizers}は、{hosting}下記のとおり「{seminar.title}」を"
            f"{place}において開催いたします。本セミナーは、{theme}日中両国の地方政府"
            "関係者等が一堂に会して意見交換を行い、地域間交流の一層の推進を図るものです。",
            "　つきましては、ご多用中誠に恐縮ではございますが、貴団体より下記の方々を"
            "ご招へいいたしたく、ご派遣につき特段のご高配を賜りますようお願い申し上げます。",
        ),
        complimentary_close="敬具",
        record_mark="記",
        particulars=tuple(particulars),
        programme_label=_JA_STYLE.numbered(next(numbers), "日程"),
        members_label=_JA_STYLE.numbered(next(numbers), f"招へい者（{len(letter.members)}名）"),
        columns=("番号", "氏名", "役職", "ローマ字表記"),
        closing="以上",
        continued="（続き）",
    )


# --- Chinese -----------------------------------------------------------------------------------


def _zh_addressee(letter: LetterData) -> tuple[str, ...]:
    if letter.head_title:
        return (f"尊敬的{letter.organization}{letter.head_title}{letter.head_name}：",)
    suffix = _ZH_HEADS.get(letter.organization[-1:]) if letter.side == "japan" else None
    if suffix:
        return (f"尊敬的{letter.organization}{suffix}：",)
    return (f"{letter.organization}负责同志：",)


def _chinese(job: LetterJob, letter: LetterData) -> Wording:
    seminar = job.seminar
    place = f"{seminar.province}{seminar.city}"
    dates = period(seminar.start_date, seminar.end_date, "zh")
    hosts = f"由{_zh_join(seminar.organizers)}主办" if seminar.organizers else ""
    if seminar.co_organizers:
        hosts += f"、{_zh_join(seminar.co_organizers)}协办的"
    elif hosts:
        hosts += "的"
    theme = f"本届研讨会以“{seminar.theme}”为主题，" if seminar.theme else "届时，"
    numbers = iter(_ZH_NUMBERS)
    particulars = _particulars(seminar, _ZH_STYLE, dates, place, numbers)
    return Wording(
        title=DOCUMENT_NAMES["zh"],
        subject="",
        reference=f"编号：{letter.reference}",
        issued=_long_date(job.issued),
        addressee=_zh_addressee(letter),
        sender=_sender(seminar),
        sender_at_end=True,
        paragraphs=(
            f"　　为进一步推动中日两国地方间的交流与合作，{hosts}“{seminar.title}”定于"
            f"{dates}在{place}举行。{theme}中日双方地方政府及相关机构代表将齐聚一堂，"
            "交流经验，共商合作。",
            "　　我们谨此诚挚邀请贵单位下列人员出席本届研讨会，恳请贵单位予以支持，"
            "并为其参会提供便利。现将有关事项函告如下：",
        ),
        complimentary_close="",
        record_mark="",
        particulars=tuple(particulars),
        programme_label=_ZH_STYLE.numbered(next(numbers), "日程安排"),
        members_label=_ZH_STYLE.numbered(
            next(numbers), f"受邀人员名单（共{len(letter.members)}人）"
        ),
        columns=("序号", "姓名", "职务", "英文姓名"),
        closing="　　特此邀请。",
        continued="（续）",
        indented_headings=True,
    )
