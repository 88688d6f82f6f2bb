import pytest

from seminar_reg.names import cross_script_for_side, to_chinese_script, to_japanese_script
from seminar_reg.names._data import load_table


@pytest.mark.parametrize(
    "japanese, chinese",
    [
        ("並木心", "并木心"),
        ("瀋陽市", "沈阳市"),
        ("髙橋", "高桥"),
        ("山﨑", "山崎"),
        ("渡邉", "渡边"),
        ("渡辺", "渡边"),
        ("渡邊", "渡边"),
        ("𠮷田", "吉田"),
        ("弁公室", "办公室"),
        ("遼寧省", "辽宁省"),
        ("自治体国際化協会", "自治体国际化协会"),
        ("国務院弁公庁", "国务院办公厅"),
        ("厚生労働省", "厚生劳动省"),
        ("佐々木", "佐佐木"),
        ("霞ヶ関", "霞关"),
        ("関ケ原", "关原"),
        ("鹿児島県", "鹿儿岛县"),
        ("広島市", "广岛市"),
        ("沖縄県", "冲绳县"),
        ("斎藤", "斋藤"),
        ("斉藤", "齐藤"),
        ("福嶋", "福岛"),
        ("冨田", "富田"),
        ("渕上", "渊上"),
        ("萌", "萌"),
        ("慎太郎", "慎太郎"),
        ("弁護士", "辩护士"),
        ("弁慶", "弁庆"),
        ("横浜市", "横滨市"),
        ("千葉県", "千叶县"),
        ("さくら", "さくら"),  # kana are left alone
        ("一郎", "一郎"),
        ("渋谷区", "涩谷区"),
        ("防衛省", "防卫省"),
        ("伊予市", "伊予市"),
        ("晃", "晃"),
        ("研究所", "研究所"),
        ("挙", "举"),
        ("郷", "乡"),
    ],
)
def test_to_chinese_script(japanese, chinese):
    assert to_chinese_script(japanese) == chinese


@pytest.mark.parametrize(
    "chinese, japanese",
    [
        ("廖力强", "廖力強"),
        ("沈阳市", "瀋陽市"),
        ("欧阳娜娜", "欧陽娜娜"),
        ("辽宁省", "遼寧省"),
        ("外交部", "外交部"),
        ("单伟", "単偉"),
        ("买买提·吐尔逊", "買買提·吐爾遜"),
        ("办公室", "弁公室"),
        ("外事办公室", "外事弁公室"),
        ("国务院办公厅", "国務院弁公庁"),
        ("黑龙江省", "黒竜江省"),
        ("广东省", "広東省"),
        ("中国人民对外友好协会", "中国人民対外友好協会"),
        ("曾国藩", "曾国藩"),
        ("胡锦涛", "胡錦濤"),
        ("李连杰", "李連杰"),
        ("成龙", "成龍"),
        ("冰冰", "冰冰"),
        ("厦门市", "厦門市"),
        ("艳", "艶"),
        ("朴", "朴"),
        ("于", "于"),
        ("万里", "万里"),
        ("單偉", "単偉"),  # traditional input works too
    ],
)
def test_to_japanese_script(chinese, japanese):
    assert to_japanese_script(chinese) == japanese


@pytest.mark.parametrize(
    "surname, japanese", [("沈", "沈"), ("范", "范"), ("后", "后"), ("干", "干"), ("涂", "涂")]
)
def test_surname_mode_keeps_surname_characters(surname, japanese):
    assert to_japanese_script(surname, surname=True) == japanese


def test_surname_mode_matters_only_for_surnames():
    assert to_japanese_script("范") == "範"  # 模范 sense
    assert to_japanese_script("沈阳") == "瀋陽"  # the city
    assert to_japanese_script("欧阳", surname=True) == "欧陽"


def test_cross_script_for_side():
    assert cross_script_for_side("japan", "自治体国際化協会") == "自治体国际化协会"
    assert cross_script_for_side("china", "辽宁省人民政府") == "遼寧省人民政府"
    with pytest.raises(ValueError):
        cross_script_for_side("korea", "x")


@pytest.mark.parametrize(
    "filename",
    [
        "ja_to_zh_phrases.tsv",
        "ja_to_zh_chars.tsv",
        "zh_to_ja_phrases.tsv",
        "zh_to_ja_chars.tsv",
        "zh_to_ja_surnames.tsv",
        "zh_surnames.tsv",
    ],
)
def test_data_tables_load_and_are_non_trivial(filename):
    table = load_table(filename)
    assert len(table) >= 5
    assert all(source and target for source, target in table.items())


@pytest.mark.parametrize("filename", ["ja_to_zh_chars.tsv", "zh_to_ja_chars.tsv"])
def test_character_fixups_are_single_characters(filename):
    assert all(
        len(source) == 1 and len(target) == 1 for source, target in load_table(filename).items()
    )


ARCHAIC_FORMS = set("竝倂敍擧晄槪澁甁硏緖飜衞襃郞鄕鑛鬭餠萠愼")


def test_no_japanese_character_becomes_an_archaic_variant_in_chinese():
    """jp2t maps some shinjitai to old forms that t2s then leaves alone (郎 -> 郞)."""
    leaked = {
        chr(cp): to_chinese_script(chr(cp))
        for cp in range(0x4E00, 0xA000)
        if to_chinese_script(chr(cp)) in ARCHAIC_FORMS and chr(cp) not in ARCHAIC_FORMS
    }
    assert leaked == {}
