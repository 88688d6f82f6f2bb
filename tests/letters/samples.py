"""Plain letter data for the renderer's tests: the 2017 seminar and two delegations."""

import datetime as dt

from seminar_reg.letters.content import (
    LetterData,
    LetterJob,
    LetterMember,
    ProgrammeDay,
    ProgrammeEntry,
    SeminarFacts,
)

FACTS = {
    "ja": SeminarFacts(
        "第16回日中地域間交流推進セミナー",
        "協働による『幸福都市』の創造",
        dt.date(2017, 7, 26),
        dt.date(2017, 7, 28),
        "瀋陽市",
        "遼寧省",
        ("自治体国際化協会",),
        ("中国外交部外事管理司", "瀋陽市人民政府"),
        ("在瀋陽日本国総領事館", "中国日本友好協会", "遼寧省外事(僑務)弁公室"),
    ),
    "zh": SeminarFacts(
        "第十六届中日地方交流促进研讨会",
        "共同参与，共谋共建幸福城",
        dt.date(2017, 7, 26),
        dt.date(2017, 7, 28),
        "沈阳市",
        "辽宁省",
        ("日本国自治体国际化协会",),
        ("中华人民共和国外交部外事管理司", "沈阳市人民政府"),
        ("日本国驻沈阳总领事馆", "中国日本友好协会", "辽宁省外事（侨务）办公室"),
    ),
}


def programme(language: str) -> tuple[ProgrammeDay, ...]:
    ja = language == "ja"
    return (
        ProgrammeDay(
            dt.date(2017, 7, 26),
            (
                ProgrammeEntry(
                    "瀋陽市主催レセプション" if ja else "沈阳市主办欢迎招待会",
                    dt.time(18),
                    dt.time(20),
                ),
            ),  # fmt: skip
        ),
        ProgrammeDay(
            dt.date(2017, 7, 27),
            (
                ProgrammeEntry("本会議" if ja else "全体会议", dt.time(9, 30), dt.time(12)),
                ProgrammeEntry("JET経験者意見交換会" if ja else "JET项目经历者交流会"),
            ),
        ),
        ProgrammeDay(
            dt.date(2017, 7, 28),
            (
                ProgrammeEntry(
                    "行政視察" if ja else "行政考察",
                    venue="瀋陽市都市計画展示館" if ja else "沈阳市城市规划展示馆",
                ),
            ),  # fmt: skip
        ),
    )


# Names each side writes differently: 髙/高, 𠮷 (Japanese face only), 强/強, 买/買.
HAMURA = (
    LetterMember(1, "japan", "並木", "心", "并木", "心", "市長", "市长", "NAMIKI Kokoro"),
    LetterMember(
        2,
        "japan",
        "髙橋",
        "一郎",
        "高桥",
        "一郎",
        "秘書広報課長",
        "秘书广报课长",
        "TAKAHASHI Ichiro",
    ),  # fmt: skip
    LetterMember(3, "japan", "𠮷田", "花子", "吉田", "花子", "通訳", "翻译", "YOSHIDA Hanako"),
)
SHENYANG = (
    LetterMember(4, "china", "廖", "力强", "廖", "力強", "主任", "主任", "LIAO Liqiang"),
    LetterMember(
        5, "china", "", "买买提·吐尔逊", "", "買買提·吐爾遜", "翻译", "翻訳", "MAIMAITI Tuerxun"
    ),  # fmt: skip
    LetterMember(6, "china", "欧阳", "娜娜", "欧陽", "娜娜", "处长", "処長", "OUYANG Nana"),
)


def letters(language: str) -> tuple[LetterData, ...]:
    ja = language == "ja"
    return (
        LetterData(
            "JC16-0001",
            "japan",
            "東京都羽村市" if ja else "东京都羽村市",
            HAMURA,
            programme(language),
        ),  # fmt: skip
        LetterData(
            "JC16-0002",
            "china",
            "瀋陽市人民政府外事弁公室" if ja else "沈阳市人民政府外事办公室",
            SHENYANG,
            programme(language),
            head_title="主任",
            head_name="張偉" if ja else "张伟",
        ),
    )


def job(language: str, letters_=None) -> LetterJob:
    return LetterJob(language, dt.date(2017, 6, 1), FACTS[language], letters_ or letters(language))
