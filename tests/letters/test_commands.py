"""The `letters` command: one letter per delegation, names in the reader's script,
one organisation's letter, and refusals that name the person and the character."""

import pytest
from sqlalchemy import update

from seminar_reg.extensions import db
from seminar_reg.registration.models import Delegate
from tests.pdf_tools import assert_fonts_embedded, page_texts, squeeze

from .helpers import hamura_and_shenyang, without_members


@pytest.fixture
def delegations(seminar, built_once):
    return built_once(hamura_and_shenyang, seminar)


def letters(runner, tmp_path, *args):
    out = tmp_path / "letters.pdf"
    result = runner.invoke(args=["letters", "--out", str(out), *args])
    return result, out


def test_japanese_letters_name_every_member_in_japanese_script(runner, delegations, tmp_path):
    result, out = letters(runner, tmp_path, "--lang", "ja", "--date", "2017-06-01")
    assert result.exit_code == 0, result.output
    # Messages are in the letters' language
    assert "招へい状 2 通" in result.output and "団員 4 名" in result.output
    pdf = out.read_bytes()
    text = squeeze("".join(page_texts(pdf)))
    for _invitation, members in delegations:
        for member in members:
            if member.side == "japan":
                name = member.family_name + member.given_name
            else:  # the Chinese members in Japanese forms: 廖力強, 欧陽娜娜
                name = member.cross_family_name + member.cross_given_name
            assert name in text, name
    assert "廖力強" in text and "廖力强" not in text
    spaced = "".join(page_texts(pdf))  # a Chinese name is never spaced, also in Japanese
    assert "廖力強" in spaced and "欧陽娜娜" in spaced and "廖 力強" not in spaced
    assert "東京都羽村市長様" in text and "瀋陽市人民政府外事弁公室" in text
    assert "主任張偉様" in text  # the head's name in Japanese forms
    assert "自治体国際化協会" in text and "中国外交部外事管理司及び瀋陽市人民政府" in text
    assert "在中国自治体事務所連絡会議" in text  # the Japanese side's own item
    assert "文書番号：JC16-" in text and "2017年6月1日" in text
    assert_fonts_embedded(pdf)


def test_chinese_letters_write_japanese_names_in_chinese_forms(runner, delegations, tmp_path):
    result, out = letters(runner, tmp_path, "--lang", "zh")
    assert result.exit_code == 0, result.output
    pages = [squeeze(text) for text in page_texts(out.read_bytes())]
    text = "".join(pages)
    assert "并木心" in text and "高桥太郎" in text and "廖力强" in text and "欧阳娜娜" in text
    assert "髙橋" not in text
    assert "邀请函" in text and "尊敬的东京都羽村市市长：" in text
    assert "沈阳市人民政府外事办公室主任张伟：" in text
    assert "市长" in text and "秘书广报课长" in text  # the titles in Chinese forms


def test_the_programme_holds_the_items_the_organisation_may_attend(runner, delegations, tmp_path):
    japanese_only, travel = "日本地方政府驻华办事处联络会议", "日本地方政府与中国旅行社推介交流会"
    result, out = letters(runner, tmp_path, "--lang", "zh", "--organization", "东京都羽村市")
    text = squeeze("".join(page_texts(out.read_bytes())))
    assert japanese_only in text and travel in text and "全体会议" in text
    result, out = letters(
        runner, tmp_path, "--lang", "zh", "--organization", "沈阳市人民政府外事办公室"
    )
    text = squeeze("".join(page_texts(out.read_bytes())))
    assert japanese_only not in text and travel not in text and "全体会议" in text


def test_an_edition_by_its_number(runner, delegations, tmp_path):
    result, out = letters(runner, tmp_path, "--lang", "ja", "--edition", "16")
    assert result.exit_code == 0, result.output
    assert "第16回日中地域間交流推進セミナー" in squeeze("".join(page_texts(out.read_bytes())))


def test_one_organisation_by_its_name_in_either_language(runner, delegations, tmp_path):
    for name in ("沈阳市人民政府外事办公室", "瀋陽市人民政府外事弁公室"):
        result, out = letters(runner, tmp_path, "--lang", "zh", "--organization", name)
        assert result.exit_code == 0, result.output
        assert "邀请函 1 份" in result.output
        text = squeeze("".join(page_texts(out.read_bytes())))
        assert "廖力强" in text and "并木心" not in text


def test_an_unknown_organisation_writes_nothing(runner, delegations, tmp_path):
    result, out = letters(runner, tmp_path, "--lang", "ja", "--organization", "大阪府")
    assert result.exit_code != 0 and "大阪府" in result.output
    assert not out.exists()


def test_delegations_without_members_get_no_letter(runner, seminar, tmp_path):
    without_members(seminar, "japan", "大阪府")
    result, out = letters(runner, tmp_path, "--lang", "ja")
    assert result.exit_code != 0 and not out.exists()


@pytest.mark.parametrize("character", ["😀", "𪚥"])
def test_an_undrawable_name_is_refused_naming_person_and_character(
    runner, delegations, tmp_path, character
):
    (_inv, _members), (_inv2, (liao, _ouyang)) = delegations
    db.session.execute(
        update(Delegate).where(Delegate.id == liao.id).values(given_name=f"力{character}")
    )
    db.session.commit()
    result, out = letters(runner, tmp_path, "--lang", "zh")
    assert result.exit_code != 0 and not out.exists()
    assert f"廖力{character}" in result.output and f"U+{ord(character):04X}" in result.output
    assert str(liao.id) in result.output


def test_unknown_language_or_date_is_refused(runner, delegations, tmp_path):
    for wrong in (
        ["--lang", "en"],
        ["--lang", "ja", "--date", "2017-06-31"],
        ["--lang", "ja", "--edition", "99"],
    ):
        result, out = letters(runner, tmp_path, *wrong)
        assert result.exit_code != 0 and not out.exists()


@pytest.mark.slow
@pytest.mark.parametrize("language", ["ja", "zh"])
def test_render_the_seeded_seminars_letters_for_people_to_look_at(
    runner, delegations, tmp_path, language
):
    from tests.pdf_tools import DRAWS_ARTIFACTS, rasterise, save_artifact

    result, out = letters(runner, tmp_path, "--lang", language)
    assert result.exit_code == 0, result.output
    pages = rasterise(out.read_bytes(), tmp_path) if DRAWS_ARTIFACTS else []
    for number, page in enumerate(pages, start=1):
        save_artifact(page, f"letters-seeded-{language}-{number}.png")


@pytest.mark.slow
def test_the_demonstration_datas_letters_name_all_165_delegates(runner, seminar, tmp_path):
    from seminar_reg.registration.demo import load_demo_data

    delegates = load_demo_data(seminar)
    result, out = letters(runner, tmp_path, "--lang", "zh")
    assert result.exit_code == 0, result.output
    assert "成员 165 人" in result.output
    text = squeeze("".join(page_texts(out.read_bytes())))
    for delegate in delegates:
        own = delegate.family_name + delegate.given_name
        cross = delegate.cross_family_name + delegate.cross_given_name
        assert (own if delegate.side == "china" else cross or own) in text
