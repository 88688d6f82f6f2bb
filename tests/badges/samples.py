"""Realistic badge data shared by the document tests."""

from seminar_reg.badges.layout import BadgeData, BadgeTexts

TEXTS = BadgeTexts(
    seminar_title="第16回日中地域間交流推進セミナー / 第十六届中日地方交流促进研讨会",
    dates="2017年7月26日〜28日 瀋陽 / 2017年7月26日—28日 沈阳",
    side_labels={"japan": "日本側 / 日方", "china": "中国側 / 中方"},
    role_labels={
        "delegate": "代表 / 代表",
        "vip": "VIP",
        "speaker": "講演者 / 演讲嘉宾",
        "press": "報道 / 媒体",
        "interpreter": "通訳 / 翻译",
        "staff": "スタッフ / 工作人员",
    },
)


def badge(delegate_id, side, family, given, cross, latin, org, title, role="delegate", kana=""):
    """`kana`: a Japanese-side name's reading, 'family given' ('' for none)."""
    family_reading, _, given_reading = kana.partition(" ")
    return BadgeData(
        delegate_id=delegate_id,
        side=side,
        family=family,
        given=given,
        cross_name=cross,
        latin_name=latin,
        organization=org,
        title=title,
        role=role,
        token=f"SY17-{delegate_id:04d}-k3Jx9QwPzT",
        family_reading=family_reading,
        given_reading=given_reading,
    )


JAPANESE = [
    badge(
        1,
        "japan",
        "髙橋",
        "健一",
        "高桥健一",
        "TAKAHASHI Kenichi",
        "一般財団法人自治体国際化協会",
        "理事長",
        "vip",
        "たかはし けんいち",
    ),
    badge(
        2,
        "japan",
        "山﨑",
        "さくら",
        "山崎樱",
        "YAMAZAKI Sakura",
        "新潟県知事政策局国際課",
        "主任",
        "speaker",
        "やまざき さくら",
    ),
    badge(
        3,
        "japan",
        "𠮷田",
        "直樹",
        "吉田直树",
        "YOSHIDA Naoki",
        "北九州市国際交流協会",
        "課長補佐",
        kana="よしだ なおき",
    ),
    badge(
        4,
        "japan",
        "渡邉",
        "恵美",
        "渡边惠美",
        "WATANABE Emi",
        "日本経済新聞社 瀋陽支局",
        "記者",
        "press",
        "わたなべ えみ",
    ),
    badge(
        5,
        "japan",
        "德永",
        "大輔",
        "德永大辅",
        "TOKUNAGA Daisuke",
        "富山県観光・地域振興局",
        "係長",
        kana="とくなが だいすけ",
    ),
]
CHINESE = [
    badge(
        6,
        "china",
        "廖",
        "力强",
        "廖力強",
        "LIAO Liqiang",
        "辽宁省人民政府外事办公室",
        "副主任",
        "vip",
    ),
    badge(
        7,
        "china",
        "欧阳",
        "娜娜",
        "欧陽娜娜",
        "OUYANG Nana",
        "沈阳市对外友好协会",
        "翻译",
        "interpreter",
    ),
    badge(
        8, "china", "陈", "㛃", "陳㛃", "CHEN Jie", "大连市人民政府国际交流中心", "科长", "staff"
    ),
    badge(
        9,
        "china",
        "",
        "买买提·吐尔逊",
        "ママティ・トゥルスン",
        "Mamat Tursun",
        "新疆维吾尔自治区外事办公室",
        "处长",
    ),
]
ALL = JAPANESE + CHINESE
