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
