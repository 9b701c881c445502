"""Regressions found by the property tests and the fuzz soak (``ocrfix bench fuzz``):
each input here once crashed the pipeline or broke a property."""

from ocrfix import clean_text
from ocrfix.testing.properties import conservation


def test_a_block_that_is_only_a_dash_is_not_a_crash():
    # assemble.is_headerish read text[-1] of the empty text left after stripping the dash
    for page in ("——", "标题\n\n——\n\n正文内容。"):
        doc = clean_text(page)
        assert "——" in doc.text and conservation(doc) is None


def test_a_lone_surrogate_is_removed_as_logged_debris():
    # OpenCC encodes the block as UTF-8 and raised UnicodeEncodeError on a lone surrogate
    doc = clean_text("國會經濟發展\ud857開門時間。\n\n正文\udc00内容。")
    assert "\ud857" not in doc.text and "\udc00" not in doc.text
    assert doc.text.encode("utf-8")
    assert {e.before for e in doc.edits if e.rule == "remove_garbage"} >= {"\ud857", "\udc00"}
    assert conservation(doc) is None


def test_emit_keeps_an_inserted_final_newline_when_a_later_stage_dropped_the_end():
    # normalise inserts the final newline after the last block; when dedupe then drops
    # that block, emit asked to delete the inserted newline: EditConflict
    from ocrfix.config import Config
    from ocrfix.doc import Doc
    from ocrfix.stages import emit

    doc = Doc("正文第一段。\n\n重复的段落")
    with doc.batch("normalise") as b:
        b.insert(len(b.text), "\n", "trim_page", 1.0, "the page ends with one newline")
    with doc.batch("dedupe") as b:
        b.delete(len("正文第一段。\n\n"), len(b.text) - 1, "drop_duplicate", 1.0, "copy",
                 role="duplicate")
    assert doc.text == "正文第一段。\n\n\n"
    doc = emit.run(doc, Config())
    assert doc.text == "正文第一段。\n" and conservation(doc) is None


# -- known violations that need a redesign, kept visible (ftfy's known failures) ----------
import pytest  # noqa: E402



# Fixed: furniture's block patterns no longer match sentence-punctuated paragraphs (was a
# strict xfail found by bench fuzz: a second pass deleted a paragraph holding 邮发代号).
def test_a_second_pass_does_not_delete_a_paragraph_holding_masthead_text():
    page = ("星期日\n会议强调，要加强协会日常管理，依法依规履行好各项权利和义务。"
            "邮发代号:21-28\n\n新的一段正文内容。\n")
    first = clean_text(page)
    assert "依法依规履行好各项权利和义务" in first.text
    assert clean_text(first.text).text == first.text


# Fixed by the retouch stage (spacing decided again on the assembled paragraph); was a
# strict xfail found by bench fuzz.
def test_a_second_pass_keeps_the_space_of_a_byline_joined_into_a_paragraph():
    page = ("本报讯（记者 王洋）会议召开，市长出席会议？\n□ 本报记者 张娟\n\n"
            "要加强协会日常管理，依法依规履行好各项权利和义务，确保数据准确有效。\n")
    first = clean_text(page)
    assert clean_text(first.text).text == first.text


def test_a_cut_off_repeat_at_the_page_end_is_not_an_edit_conflict():
    # normalise inserted the final newline of a page without one; it sticks to the last
    # character, so moving the last block (order, fragments) carried it along, and a move
    # to the page end landed after it: EditConflict (0.9% of soak pages). The newline is
    # now added by emit, after every move.
    p = "全域、全员、全险种参保扩面行动，养老、失业、工伤参保率达到百分之百，医保覆盖全体居民。"
    q = "汾阳市群众的社会保障向优渥升级，城乡居民收入稳步增长，就业形势总体稳定。"
    doc = clean_text(p + "\n\n" + q + "\n\n" + p[:30])
    assert conservation(doc) is None


def test_heal_without_normalise_survives_a_line_of_only_a_carriage_return():
    # with normalise skipped, a CRLF page keeps "\r" lines; heal read prev[-1] of the
    # stripped, empty line: IndexError (found by the stage-selection property)
    from ocrfix import Config

    page = "第一行文字内容\r\n第二行文字内容\r\n\r\n第三段正文内容。\r\n"
    doc = clean_text(page, Config(skip=frozenset({"normalise"})))
    assert conservation(doc) is None and "第三段正文内容" in doc.text
