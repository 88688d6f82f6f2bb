"""165 plausible delegates (73 Japanese side, 92 Chinese side, the report's figures).

A new user sees a living system. The people are invented; the organisations are of
the kinds that took part (Japanese local governments and their offices in China,
Chinese foreign-affairs offices and travel agencies). Emails use example domains.
"""

from __future__ import annotations

import datetime as dt
import random

from blinker import Namespace

from ..program.models import Seminar
from ..vocabulary import OWN_LANGUAGE
from .data import DelegateData
from .importer import store_rows
from .models import Delegate, OrganizationType, Role, Side

JAPANESE_FAMILY = [
    ("並木", "なみき"),
    ("髙橋", "たかはし"),
    ("山﨑", "やまざき"),
    ("𠮷田", "よしだ"),
    ("渡邉", "わたなべ"),
    ("德永", "とくなが"),
    ("佐藤", "さとう"),
    ("鈴木", "すずき"),
    ("伊藤", "いとう"),
    ("加藤", "かとう"),
    ("後藤", "ごとう"),
    ("斎藤", "さいとう"),
    ("大野", "おおの"),
    ("太田", "おおた"),
    ("河野", "こうの"),
    ("長谷川", "はせがわ"),
    ("馬場", "ばば"),
    ("本間", "ほんま"),
    ("服部", "はっとり"),
    ("松本", "まつもと"),
    ("安倍", "あべ"),
    ("安藤", "あんどう"),
    ("上田", "うえだ"),
    ("平野", "ひらの"),
    ("結城", "ゆうき"),
    ("岡本", "おかもと"),
    ("中村", "なかむら"),
    ("小林", "こばやし"),
]
JAPANESE_GIVEN = [
    ("心", "こころ"),
    ("太郎", "たろう"),
    ("花子", "はなこ"),
    ("健一", "けんいち"),
    ("由美", "ゆみ"),
    ("翔平", "しょうへい"),
    ("恭子", "きょうこ"),
    ("純一", "じゅんいち"),
    ("千尋", "ちひろ"),
    ("剛", "つよし"),
    ("優子", "ゆうこ"),
    ("真一", "しんいち"),
    ("美穂", "みほ"),
    ("大輔", "だいすけ"),
    ("陽菜", "ひな"),
    ("誠", "まこと"),
]
JAPANESE_ORGANIZATIONS = [
    ("東京都羽村市", OrganizationType.LOCAL_GOVERNMENT),
    ("北海道北京事務所", OrganizationType.LOCAL_GOVERNMENT),
    ("富山県大連事務所", OrganizationType.LOCAL_GOVERNMENT),
    ("兵庫県上海事務所", OrganizationType.LOCAL_GOVERNMENT),
    ("鳥取県大連経済交流事務所", OrganizationType.LOCAL_GOVERNMENT),
    ("新潟県大連経済事務所", OrganizationType.LOCAL_GOVERNMENT),
    ("大阪府", OrganizationType.LOCAL_GOVERNMENT),
    ("札幌市", OrganizationType.LOCAL_GOVERNMENT),
    ("川崎市", OrganizationType.LOCAL_GOVERNMENT),
    ("自治体国際化協会北京事務所", OrganizationType.OTHER),
    ("在瀋陽日本国総領事館", OrganizationType.NATIONAL_GOVERNMENT),
]
JAPANESE_TITLES = ["市長", "所長", "副所長", "課長", "主査", "国際交流員", "主任", ""]

CHINESE_FAMILY = [
    "单",
    "曾",
    "解",
    "欧阳",
    "司马",
    "廖",
    "陈",
    "王",
    "李",
    "张",
    "刘",
    "杨",
    "赵",
    "黄",
    "周",
    "吴",
    "徐",
    "孙",
    "朱",
    "马",
    "胡",
    "郭",
    "林",
    "何",
    "高",
    "罗",
    "郑",
    "梁",
    "谢",
    "宋",
    "唐",
    "许",
    "韩",
    "冯",
    "邓",
    "沈",
]
CHINESE_GIVEN = [
    "伟",
    "娜娜",
    "力强",
    "㛃",
    "芳",
    "敏",
    "静",
    "丽",
    "强",
    "磊",
    "军",
    "洋",
    "勇",
    "艳",
    "杰",
    "娟",
    "涛",
    "明",
    "超",
    "秀英",
    "霞",
    "平",
    "刚",
    "桂英",
    "晓明",
    "建国",
    "海燕",
    "志强",
    "文博",
    "思远",
]
CHINESE_ORGANIZATIONS = [
    ("外交部外事管理司", OrganizationType.NATIONAL_GOVERNMENT),
    ("沈阳市人民政府外事办公室", OrganizationType.LOCAL_GOVERNMENT),
    ("辽宁省外事（侨务）办公室", OrganizationType.LOCAL_GOVERNMENT),
    ("大连市人民政府外事办公室", OrganizationType.LOCAL_GOVERNMENT),
    ("吉林省外事办公室", OrganizationType.LOCAL_GOVERNMENT),
    ("中国日本友好协会", OrganizationType.OTHER),
    ("中国国际旅行社总社", OrganizationType.TRAVEL_AGENCY),
    ("辽宁中国旅行社", OrganizationType.TRAVEL_AGENCY),
    ("沈阳春秋国际旅行社", OrganizationType.TRAVEL_AGENCY),
    ("大连海外旅游公司", OrganizationType.TRAVEL_AGENCY),
]
CHINESE_TITLES = ["司长", "处长", "副处长", "主任", "科长", "经理", "总经理", "翻译", ""]
ARRIVALS = [
    ("沈阳桃仙国际机场", ["NH925", "JL827", "CA952", "MU5616", "CZ628", "HU7615"]),
    ("沈阳北站", ["G1202", "G8001", "D28"]),
]


def _roles(rng: random.Random, count: int) -> list[str]:
    roles = [Role.VIP] * 4 + [Role.SPEAKER] * 3 + [Role.INTERPRETER] * 4 + [Role.PRESS] * 2
    roles += [Role.STAFF] * 2
    roles += [Role.DELEGATE] * (count - len(roles))
    rng.shuffle(roles)
    return roles


def _items(rng: random.Random, side: str, org_type: str) -> tuple[str, ...]:
    codes = ["shenyang-reception", "plenary", "clair-reception"]
    if rng.random() < 0.35:
        codes.append("jet-exchange")
    pr_ok = (side, org_type) in {
        (Side.JAPAN, OrganizationType.LOCAL_GOVERNMENT),
        (Side.CHINA, OrganizationType.TRAVEL_AGENCY),
    }
    if pr_ok and rng.random() < 0.8:
        codes.append("pr-session")
    if rng.random() < 0.75:
        codes.append("site-visit")
    return tuple(codes)


def _travel(rng: random.Random) -> dict:
    if rng.random() < 0.08:
        return {}  # no arrival details yet: the secretariat will chase them
    place, numbers = rng.choice(ARRIVALS)
    day = dt.date(2017, 7, rng.choice([25, 26, 26, 26]))
    return {
        "arrival_date": day,
        "arrival_time": dt.time(rng.randint(8, 20), rng.choice([0, 15, 30, 45])),
        "arrival_transport": rng.choice(numbers),
        "arrival_place": place,
        "departure_date": dt.date(2017, 7, rng.choice([28, 28, 29])),
        "departure_time": dt.time(rng.randint(9, 19), rng.choice([0, 30])),
        "departure_transport": rng.choice(numbers),
        "departure_place": place,
        "needs_hotel": rng.random() < 0.85,
    }


def _dietary(rng: random.Random, family: str) -> tuple[str, str]:
    if family == "买买提":
        return "halal", ""
    roll = rng.random()
    if roll < 0.05:
        return "vegetarian", ""
    if roll < 0.07:
        return "halal", ""
    if roll < 0.08:
        return "vegan", ""
    if roll < 0.10:
        return "other", "甲殻類アレルギー / 对甲壳类过敏"
    return "none", ""


def _japanese(rng: random.Random, index: int, role: str) -> DelegateData:
    family, family_kana = JAPANESE_FAMILY[index % len(JAPANESE_FAMILY)]
    given, given_kana = JAPANESE_GIVEN[(index * 7 + index // 3) % len(JAPANESE_GIVEN)]
    organization, org_type = JAPANESE_ORGANIZATIONS[index % len(JAPANESE_ORGANIZATIONS)]
    dietary, note = _dietary(rng, family)
    items = list(_items(rng, Side.JAPAN, org_type))
    if organization.endswith("事務所") and "liaison-meeting" not in items:
        items.insert(0, "liaison-meeting")
    return _data(
        Side.JAPAN,
        family,
        given,
        family_kana,
        given_kana,
        organization,
        org_type,
        rng.choice(JAPANESE_TITLES),
        f"jp{index:03d}@demo.example.jp",
        role,
        dietary,
        note,
        tuple(items),
        _travel(rng),
    )


def _chinese(rng: random.Random, index: int, role: str) -> DelegateData:
    family = CHINESE_FAMILY[index % len(CHINESE_FAMILY)]
    given = CHINESE_GIVEN[(index * 5 + index // len(CHINESE_FAMILY)) % len(CHINESE_GIVEN)]
    if index == 1:
        family, given = "", "买买提·吐尔逊"
    organization, org_type = CHINESE_ORGANIZATIONS[index % len(CHINESE_ORGANIZATIONS)]
    dietary, note = _dietary(rng, given.split("·")[0])
    return _data(
        Side.CHINA,
        family,
        given,
        "",
        "",
        organization,
        org_type,
        rng.choice(CHINESE_TITLES),
        f"cn{index:03d}@demo.example.cn",
        role,
        dietary,
        note,
        _items(rng, Side.CHINA, org_type),
        _travel(rng),
    )


def _data(
    side,
    family,
    given,
    family_reading,
    given_reading,
    organization,
    org_type,
    title,
    email,
    role,
    dietary,
    note,
    items,
    travel,
) -> DelegateData:
    return DelegateData(
        side=side,
        family_name=family,
        given_name=given,
        family_reading=family_reading,
        given_reading=given_reading,
        family_latin="",
        given_latin="",
        organization=organization,
        organization_type=org_type,
        title=title,
        email=email,
        phone="",
        role=role,
        dietary=dietary,
        dietary_note=note,
        language=OWN_LANGUAGE[side],
        item_codes=items,
        **travel,
    )


def demo_delegates(japan: int = 73, china: int = 92, seed: int = 2017) -> list[DelegateData]:
    rng = random.Random(seed)
    japan_roles, china_roles = _roles(rng, japan), _roles(rng, china)
    people = [_japanese(rng, i, japan_roles[i]) for i in range(japan)]
    people += [_chinese(rng, i, china_roles[i]) for i in range(china)]
    return people


# Sent with the seminar and the stored delegates, so that delegations/ groups them into
# their organisations' delegations (registration does not import delegations).
demo_data_loaded = Namespace().signal("demo-data-loaded")


def load_demo_data(seminar: Seminar, japan: int = 73, china: int = 92) -> list[Delegate]:
    delegates = store_rows(seminar, demo_delegates(japan, china))
    demo_data_loaded.send(seminar, delegates=delegates)
    return delegates
