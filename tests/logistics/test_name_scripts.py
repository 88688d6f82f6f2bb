"""The logistics pages mark each name with the language of its glyph forms, as every
other page does (`vocabulary.name_lang`): a Chinese-side name, and a Japanese-side
name written in Chinese, in Simplified Chinese forms; plain "zh" left them to the
browser's guess."""

from seminar_reg.logistics import operations, queries
from seminar_reg.vocabulary import name_lang
from tests.checkin.helpers import make_delegate


def test_names_on_a_seating_page_carry_their_scripts_lang(seminar, login_as):
    namiki = make_delegate(seminar, "namiki", ("shenyang-reception",))
    shan = make_delegate(seminar, "shan", ("shenyang-reception",))
    operations.plan_seating(queries.reception(seminar, "shenyang-reception"), 10)
    client = login_as("secretariat")
    page = client.get("/console/logistics/seating/shenyang-reception").get_data(as_text=True)

    def cells(delegate) -> str:
        return page.split(f'data-delegate="{delegate.id}"', 1)[1].split("</tr>", 1)[0]

    own, cross = (f'<span lang="{tag}">' for tag in ("ja", "zh-Hans"))
    assert f"{own}{namiki.full_name}</span>" in cells(namiki)
    assert f"{cross}{namiki.cross_family_name}{namiki.cross_given_name}</span>" in cells(namiki)
    assert f"{cross}{shan.full_name}</span>" in cells(shan)
    assert f'{own}{shan.cross_family_name}' in cells(shan)


def test_name_lang():
    assert [name_lang("japan"), name_lang("china")] == ["ja", "zh-Hans"]
    assert [name_lang("japan", cross=True), name_lang("china", cross=True)] == ["zh-Hans", "ja"]
