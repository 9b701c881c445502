"""Doc batches map current-text positions to source spans, and roles survive edits."""

import pytest

from ocrfix.doc import Doc
from ocrfix.edits import apply_edits
from ocrfix.errors import EditConflict


def test_batch_positions_are_mapped_to_source_and_replay_matches():
    doc = Doc("## 标题\n\n\n\n正文,一段。\n")
    with doc.batch("s") as b:
        b.delete(0, 3, "md", 1.0, "marker")
        b.replace(5, 9, "\n\n", "gap", 1.0, "gap")
    with doc.batch("s") as b:
        i = doc.text.index(",")
        b.replace(i, i + 1, "，", "comma", 1.0, "comma")
    assert doc.text == "标题\n\n正文，一段。\n"
    assert apply_edits(doc.source, doc.edits) == doc.text
    assert doc.edits[-1].start == doc.source.index(",")


def test_edit_over_an_earlier_edit_records_the_current_text_as_before():
    doc = Doc("政务动态,\n\n正文。")
    with doc.batch("a") as b:
        b.replace(4, 5, "，", "comma", 1.0, "x")
    with doc.batch("b") as b:
        b.delete(0, 7, "banner", 1.0, "x", role="banner")
    assert doc.text == "正文。"
    assert doc.edits[-1].before == "政务动态，\n\n"
    assert doc.removed()[0].role == "banner"


def test_overlapping_changes_in_one_batch_are_refused():
    doc = Doc("abcdef")
    with pytest.raises(EditConflict):
        with doc.batch("s") as b:
            b.replace(0, 3, "x", "r", 1.0, "x")
            b.replace(2, 4, "y", "r", 1.0, "x")


def test_role_is_kept_by_source_offset_across_later_edits():
    doc = Doc("标题\n\n正文,一段。")
    doc.set_role(doc.blocks()[0], "headline")
    with doc.batch("s") as b:
        b.insert(0, "", "noop", 1.0, "x")
        i = doc.text.index(",")
        b.replace(i, i + 1, "，", "comma", 1.0, "x")
    assert [x.role for x in doc.blocks()] == ["headline", "body"]


def test_blocks_lines_and_articles_are_read_off_the_text():
    doc = Doc("标题\n\n第一行\n第二行\n\n\n新标题\n\n正文。")
    blocks = doc.blocks()
    assert [b.text for b in blocks] == ["标题", "第一行\n第二行", "新标题", "正文。"]
    assert [b.article for b in blocks] == [0, 0, 1, 1]
    assert [ln.text for ln in blocks[1].lines] == ["第一行", "第二行"]
    assert blocks[1].lines[1].src_start == doc.source.index("第二行")


def test_a_stretch_with_a_removed_space_inside_can_still_be_moved():
    """A space normalise removed inside a line leaves the line one stretch of the source;
    text gathered from two places (a move) does not."""
    doc = Doc("甲乙丙 丁戊己\n庚辛壬癸\n")
    with doc.batch("normalise") as b:
        b.delete(3, 4, "cjk_spaces", 1.0, "space")
    assert doc.movable(0, 6)
    with doc.batch("fragments") as b:
        b.move(7, 11, 0, "move", 1.0, "line")
    assert doc.text == "庚辛壬癸甲乙丙丁戊己\n\n"
    assert apply_edits(doc.source, doc.edits) == doc.text
    assert not doc.movable(2, 6)  # 壬癸 came from elsewhere, 甲乙 from here
