"""The layout stages' fluency model (ocrfix.fluency) and what it changes in attach_orphan.

Tests that need Debian's libime model and the kenlm module skip when either is missing,
unless OCRFIX_REQUIRE_FLUENCY is set (CI sets it, so there a missing model fails instead of
passing silently). The example sentences are written here, not taken from the seeds.
"""

from dataclasses import replace

import pytest

from ocrfix import clean_text
from ocrfix.config import Config
from ocrfix.errors import OcrfixError
from ocrfix.fluency import Fluency, fluency


class _Toy:
    """A stand-in model: every known word scores 0, every other character -5."""

    name = "toy"
    words = ("取得", "明显", "成效")

    def score(self, text: str) -> float:
        total, i = 0.0, 0
        while i < len(text):
            w = next((w for w in self.words if text.startswith(w, i)), None)
            total, i = (total, i + 2) if w else (total - 5.0, i + 1)
        return total


def test_gain_is_the_score_won_by_reading_the_two_pieces_together():
    fl = Fluency(_Toy(), "toy")
    assert fl.gain("取得明", "显成效") == pytest.approx(10.0)  # 明|显 makes a word
    assert fl.gain("取得明显", "成效") == 0.0  # a word boundary: nothing won or lost


def test_gain_is_zero_when_punctuation_or_latin_touch_the_cut():
    fl = Fluency(_Toy(), "toy")
    assert fl.gain("取得明显。", "成效") == 0.0
    assert fl.gain("取得明", "GDP显") == 0.0


def test_none_setting_means_dictionary_cohesion_only():
    assert fluency("none") is None


def test_an_explicit_model_path_that_cannot_load_is_a_clear_error(tmp_path):
    bad = tmp_path / "not-a-model.lm"
    bad.write_text("hello")
    with pytest.raises(OcrfixError) as err:
        fluency(str(bad))
    assert str(bad) in str(err.value)


def test_word_model_prefers_a_true_cross_word_junction(model):
    # no dictionary word spans 明显|成效, but the two words belong together
    assert model.gain("各项工作取得明显", "成效。") > 1.0
    assert model.gain("各项工作取得明显", "突破新优势") < model.gain("各项工作取得明显", "成效。")


ORPHAN_PAGE = (
    "成效。\n\n"
    "今年以来，全县上下紧盯目标任务，加大投入力度，各项工作取得明显\n\n"
    "记者从会上获悉，全县将继续加强基础设施建设，推动城乡融合发展。\n")


def test_orphan_completing_a_cross_word_sentence_is_attached_with_the_word_model(model):
    doc = clean_text(ORPHAN_PAGE, Config())
    assert "各项工作取得明显成效。" in doc.text
    (move,) = [e for e in doc.edits if e.rule == "attach_orphan" and e.kind == "move"]
    assert model.name in move.reason  # the log says which model decided


def test_without_the_word_model_the_same_orphan_is_left_where_it_stands():
    """Dictionary cohesion sees no word across 明显|成效, so it does not act: the fallback
    is safe, not clever."""
    doc = clean_text(ORPHAN_PAGE, replace(Config(), fluency_lm="none"))
    assert not [e for e in doc.edits if e.rule == "attach_orphan"]
    assert "成效。" in doc.text  # nothing lost either way


INTERLEAVED_UNMARKED = (
    "会议强调，各级各部门要坚持问题导向，突出工作重点，切实提升群众的获得感和幸福感。\n\n"
    "会后，市长王明与省交通厅厅长李华 城乡规划建设管 一行举行工作会谈，"
    "就交通项目建设进行深入交流。双方表示，将进一步加强沟通协作，推动项目早日落地。\n\n"
    "近年来，我市大力推进理，城市功能不断完善，人居环境明显改善。\n")


def test_interleaved_piece_finds_an_unmarked_place_with_the_word_model(model):
    """The column it came from shows no cut (推进理 is joined): only fluency finds it."""
    doc = clean_text(INTERLEAVED_UNMARKED, Config())
    assert "厅长李华一行举行工作会谈" in doc.text
    assert "大力推进城乡规划建设管理，" in doc.text
    (move,) = [e for e in doc.edits if e.rule == "move_interleaved"]
    assert model.name in move.reason and "管|理" in move.reason


def test_without_the_word_model_an_unmarked_destination_is_not_guessed():
    doc = clean_text(INTERLEAVED_UNMARKED, replace(Config(), fluency_lm="none"))
    assert not [e for e in doc.edits if e.rule == "move_interleaved"]
    assert "城乡规划建设管" in doc.text  # left in place, not lost


def test_a_line_pasted_with_a_space_on_one_side_only_goes_back_whole(model):
    """One mark: the piece's other end is found by trying every length; the reading that
    mends both paragraphs wins, and the host reads on again."""
    page = ("会后，市长王明与省交通厅厅长李华 城乡规划建设管一行举行工作会谈，"
            "就交通项目建设进行深入交流。双方表示，将进一步加强沟通协作，推动项目早日落地。\n\n"
            "近年来，我市大力推进理，城市功能不断完善，人居环境明显改善，群众获得感不断增强。\n")
    doc = clean_text(page, Config())
    assert "厅长李华一行举行工作会谈" in doc.text
    assert "大力推进城乡规划建设管理，" in doc.text


def test_on_a_page_read_with_boxes_a_word_gap_is_not_taken_for_a_pasted_line(model):
    """The text of the test above as hOCR, the space an engine's gap between two words of
    one line: there it marks no printed line (segmentation has put each line in its
    column), so nothing is guessed from it."""
    from ocrfix.pipeline import Pipeline
    from ocrfix.readers import read_any

    first = ("会后，市长王明与省交通厅厅长李华", "城乡规划建设管一行举行工作会谈。")
    second = "近年来，我市大力推进理，城市功能不断完善，人居环境明显改善。"
    lines, y = [], 100
    for words in (first, (second,)):
        spans, x = [], 100 if words is first else 180  # the second paragraph is indented
        for k, w in enumerate(words):
            spans.append(f"<span class='ocrx_word' id='w{y}_{k}' title='bbox {x} {y} "
                         f"{x + 40 * len(w)} {y + 40}; x_wconf 92'>{w}</span>")
            x += 40 * len(w) + 60  # a gap of 1.5 characters between the words
        lines.append(f"<div class='ocr_carea' title='bbox 100 {y} 1900 {y + 40}'><p "
                     f"class='ocr_par'><span class='ocr_line' title='bbox 100 {y} {x} "
                     f"{y + 40}'>{''.join(spans)}</span></p></div>")
        y += 300  # the paragraphs stand apart, each an engine block of its own
    hocr = ("<html><body><div class='ocr_page' title='bbox 0 0 2000 1000'>"
            f"{''.join(lines)}</div></body></html>").encode()
    doc = Pipeline()(read_any(hocr, name="p.hocr"), Config())
    assert "李华城乡规划建设管一行" in doc.text.replace(" ", "")
    assert not [e for e in doc.edits if e.rule == "move_interleaved"]


def test_a_stray_space_in_prose_moves_nothing(model):
    page = ("会后，市长王明与省交通厅厅长李华一行举行 工作会谈，就交通项目建设进行深入交流。"
            "双方表示，将进一步加强沟通协作，推动项目早日落地。\n\n"
            "近年来，我市大力推进城乡规划建设管理，城市功能不断完善，人居环境明显改善。\n\n"
            "会议强调，各级各部门要坚持问题导向，突出工作重点，切实提升群众的获得感和幸福感。\n")
    doc = clean_text(page, Config())
    assert not [e for e in doc.edits if e.rule == "move_interleaved"]
    assert "一行举行工作会谈" in doc.text


HEALED_OVER_ORPHAN = (
    "会议强调，要持续优化营商环境，推动经济高质量发展。\n\n与希冀。\n\n□ 本报记者 王明\n\n"
    "春节假期刚过，开发区的产业园中一派繁忙热闹，处处呈现出热火朝天的景象，处处充满无限活力\n\n"
    "集聚产业，高效链接，深度融合，高质量发展。今年以来，全区上下紧盯目标任务。\n")


def test_orphan_goes_into_a_join_heal_made_and_the_paragraph_break_comes_back(model):
    """heal joined 活力|集聚 (the sentence was cut); the orphan reads on from 活力 far better,
    so it goes there and 集聚产业… is a paragraph again."""
    doc = clean_text(HEALED_OVER_ORPHAN, Config())
    assert "处处充满无限活力与希冀。\n\n集聚产业，" in doc.text
    (move,) = [e for e in doc.edits if e.stage == "orphans" and e.kind == "move"]
    assert "活力|与希冀" in move.reason and model.name in move.reason


def test_without_the_word_model_a_heal_join_is_not_overruled():
    doc = clean_text(HEALED_OVER_ORPHAN, replace(Config(), fluency_lm="none"))
    assert not [e for e in doc.edits if e.stage == "orphans"]
    assert doc.text.count("与希冀。") == 1  # left where it stood, not lost


def _matched(page: str):
    """Run only attach_orphans_matched on a page read as it stands (no heal joins)."""
    from ocrfix.readers import read_text
    from ocrfix.stages.orphans import attach_orphans_matched

    doc = read_text(page, name="t")
    attach_orphans_matched(doc, Config().effective(), stage="orphans")
    return doc


def test_two_orphans_each_go_to_the_head_they_complete(model):
    """One to one: each fragment is paired with the cut head it reads on from, and neither
    head takes both."""
    page = ("成效。\n\n"
            "论稿）》。\n\n"
            "今年以来，全县上下紧盯目标任务，加大投入力度，各项工作取得明显\n\n"
            "会议听取了县政府关于审议《政府工作报告（讨\n\n"
            "记者从会上获悉，全县将继续加强基础设施建设，推动城乡融合发展。\n")
    doc = _matched(page)
    assert "各项工作取得明显成效。" in doc.text
    assert "审议《政府工作报告（讨论稿）》。" in doc.text
    moves = [e for e in doc.edits if e.rule == "attach_orphan" and e.kind == "move"]
    assert len(moves) == 2 and all("margin" in m.reason and model.name in m.reason
                                   for m in moves)


def test_a_fragment_with_two_equally_good_heads_stays_where_it_is(model):
    """Two paragraphs cut at the same words: the fragment fits both, so no margin, no move."""
    page = ("成效。\n\n"
            "今年以来，全县上下紧盯目标任务，加大投入力度，各项工作取得明显\n\n"
            "去年以来，全市上下紧盯目标任务，加大投入力度，各项工作取得明显\n\n"
            "记者从会上获悉，全县将继续加强基础设施建设，推动城乡融合发展。\n")
    doc = _matched(page)
    assert not [e for e in doc.edits if e.rule == "attach_orphan"]
    assert doc.text == page


def test_a_short_paragraph_that_opens_like_one_is_not_an_orphan(model):
    """``近年来，…。`` opens a paragraph (rules/openers.tsv): it is never glued to a cut head."""
    page = ("近年来，工作取得明显成效。\n\n"
            "今年以来，全县上下紧盯目标任务，加大投入力度，各项工作取得明显\n\n"
            "记者从会上获悉，全县将继续加强基础设施建设，推动城乡融合发展。\n")
    doc = _matched(page)
    assert not [e for e in doc.edits if e.rule == "attach_orphan"]


def test_orphan_goes_into_a_short_printed_line_that_unwrap_joined_on(model):
    """Flush layout: the paragraph's last printed line stops short mid-sentence
    (``作取得明显``) and unwrap_lines joined it to the next paragraph's first line. The short
    line is a candidate head; the orphan goes there and the paragraph break comes back."""
    page = ("成效。\n\n今年以来，全县上下紧盯目标\n任务，加大投入力度，各项工\n作取得明显\n"
            "记者从会上获悉，全县将继续\n加强基础设施建设，推动城乡\n融合发展。会议要求，各地要\n"
            "抓好落实。\n")
    doc = clean_text(page, Config())
    assert "各项工作取得明显成效。\n\n记者从会上获悉" in doc.text
    assert doc.text.count("成效。") == 1


@pytest.mark.parametrize("seed", [17, 46])
def test_a_pasted_printed_line_of_line_per_line_text_goes_back(seed, model):
    """Simulated line-per-line pages with one neighbouring column's line pasted between
    two lines of a paragraph: the word model shows the host reading on without it and a
    broken line join nearby that it mends on both sides; the scorer checks the output
    against the simulator's truth (piece in place, host closed again)."""
    from ocrfix.bench.layout import score_doc
    from ocrfix.simulate import SimConfig, simulate_page

    page = simulate_page(seed, SimConfig.only("interleave"))
    assert page.layout == "wrapped"
    doc = clean_text(page.text)
    score = score_doc(page, doc)
    assert score.instances["interleave"] == score.fixed["interleave"] == 1
    assert score.claims["interleave"] == score.tp["interleave"] >= 1
    (move,) = [e for e in doc.edits if e.rule == "move_interleaved"]
    assert move.before.startswith("\n") and "printed line" in move.reason
    assert model.name in move.reason


def test_a_pasted_line_with_a_stray_space_inside_goes_back_whole(model):
    """Line-per-line text: a space the engine read inside the pasted line
    (``议召开， 总结过去一年…``) is noise, not a printed-line start. Taken for one, it cut
    the line into two pieces that fit nowhere, and the space normalise removed made the
    line unmovable; the scorer checks the line is back in place (simulated page 247)."""
    from ocrfix.bench.layout import score_doc
    from ocrfix.simulate import SimConfig, simulate_page

    page = simulate_page(247, SimConfig.only("interleave"))
    (defect,) = [d for d in page.defects if d.cls == "interleave"]
    assert page.layout == "wrapped" and " " in page.text[defect.start:defect.end].strip()
    doc = clean_text(page.text)
    score = score_doc(page, doc)
    assert score.fixed["interleave"] == score.claims["interleave"] == score.tp["interleave"] == 1


def test_line_per_line_pages_without_pasted_lines_move_no_line(model):
    from ocrfix.simulate import SimConfig, simulate_page

    for seed in range(6):
        doc = clean_text(simulate_page(seed, SimConfig.only("wrap")).text)
        assert not [e for e in doc.edits if e.rule == "move_interleaved"]
