import pytest

from seminar_reg.names import hepburn, latin_name_chinese, latin_name_japanese


@pytest.mark.parametrize(
    "kana, latin",
    [
        ("なみき", "Namiki"), ("こころ", "Kokoro"), ("おおた", "Ota"), ("おおの", "Ono"),
        ("しんいち", "Shinichi"), ("ほんま", "Homma"), ("なんば", "Namba"),
        ("しんぺい", "Shimpei"), ("かんの", "Kanno"), ("きょうこ", "Kyoko"),
        ("じゅんいち", "Junichi"), ("ゆうこ", "Yuko"), ("さいとう", "Saito"),
        ("こうの", "Kono"), ("しょうへい", "Shohei"), ("ちひろ", "Chihiro"),
        ("つよし", "Tsuyoshi"), ("ふじた", "Fujita"), ("はっとり", "Hattori"),
        ("きっかわ", "Kikkawa"), ("はっちょう", "Hatcho"), ("いのうえ", "Inoue"),
        ("おおうち", "Ouchi"), ("とおる", "Toru"), ("けいこ", "Keiko"),
        ("にいがた", "Niigata"), ("ゆうき", "Yuki"), ("りゅうじ", "Ryuji"),
        ("ちゅうじょう", "Chujo"), ("すーざん", "Suzan"), ("ジョン・スミス", "Jon Sumisu"),
        ("しゅう", "Shu"), ("づつみ", "Zutsumi"), ("ぢ", "Ji"), ("を", "O"),
        ("ナミキ", "Namiki"), ("ﾅﾐｷ", "Namiki"), ("いちろー", "Ichiro"),
        ("ティナ", "Tina"), ("ふぁん", "Fan"), ("", ""),
    ],
)  # fmt: skip
def test_hepburn_passport_style(kana, latin):
    assert hepburn(kana) == latin


def test_latin_name_japanese():
    assert latin_name_japanese("なみき", "こころ") == ("Namiki", "Kokoro")
    assert latin_name_japanese("サイトウ", "ショウヘイ") == ("Saito", "Shohei")


@pytest.mark.parametrize(
    "family, given, latin",
    [
        ("单", "伟", ("Shan", "Wei")),
        ("單", "偉", ("Shan", "Wei")),
        ("欧阳", "娜娜", ("Ouyang", "Nana")),
        ("尉迟", "恭", ("Yuchi", "Gong")),
        ("公孙", "策", ("Gongsun", "Ce")),
        ("王", "晓明", ("Wang", "Xiaoming")),
        ("曾", "国藩", ("Zeng", "Guofan")),
        ("吕", "欣", ("Lyu", "Xin")),
        ("徐", "女", ("Xu", "Nyu")),
        ("", "买买提·吐尔逊", ("", "Maimaiti Tuerxun")),
        ("李", "嘉恩", ("Li", "Jiaen")),
    ],
)
def test_latin_name_chinese(family, given, latin):
    assert latin_name_chinese(family, given) == latin
