"""Pairing sentence-end fragments with the heads they complete (stage ``orphans``).

The word model is silent across a comma and between names, so a short fragment is paired
on structure when the model cannot tell; a sentence inside a line-per-line paragraph is a
candidate fragment too; a stray space inside a fragment does not pin it. The sentences are
written here, not taken from the seeds. Tests that need the libime model skip without it
(CI sets OCRFIX_REQUIRE_FLUENCY, so there they fail instead; the ``model`` fixture is in
conftest.py).
"""

import pytest

from ocrfix import clean_text
from ocrfix.config import Config
from ocrfix.stages import orphans
from ocrfix.stages.orphans import (MATCH_SHORT_MARGIN, Frag, Head, _pair_verdict,
                                     page_span)


CUT_AFTER_COMMA = ("让群众吃上放心菜。\n\n"
                   "今年以来，全县上下紧盯目标任务，加大投入力度，新建冷链仓储设施三处，\n\n"
                   "记者从会上获悉，全县将继续加强基础设施建设，推动城乡融合发展。\n")


def _moves(doc):
    return [e for e in doc.edits if e.rule == "attach_orphan" and e.kind == "move"]


def test_fragment_after_a_comma_goes_to_the_only_head_cut_there(model):
    """``三处，|让群众…``: across a comma the model has nothing to say (every opening
    after ``，`` scores alike), but a paragraph never ends with one, and the fragment is
    this head's only partner on the page."""
    doc = clean_text(CUT_AFTER_COMMA, Config())
    assert "新建冷链仓储设施三处，让群众吃上放心菜。\n\n记者从会上获悉" in doc.text
    (move,) = _moves(doc)
    assert "cannot tell" in move.reason and "ends no paragraph" in move.reason


def test_a_stray_space_inside_the_fragment_does_not_pin_it(model):
    """normalise took the space out of ``吃上 放心菜``; the fragment still moves whole and
    the space does not come back."""
    doc = clean_text(CUT_AFTER_COMMA.replace("吃上放心菜", "吃上 放心菜"), Config())
    assert "三处，让群众吃上放心菜。\n\n" in doc.text
    assert doc.text.count("放心菜") == 1 and len(_moves(doc)) == 1


def test_first_sentence_of_a_line_per_line_paragraph_goes_back_to_its_head(model):
    """The fragment filled its printed line, so unwrap_lines joined it to the next
    paragraph; it is that block's first sentence, and it reads on from the cut head."""
    page = ("公平竞争的社会环境。\n记者从会上获悉，全县将\n继续加强基础设施建设，\n"
            "推动城乡融合发展。\n\n今年以来，全县上下紧盯目\n标任务，加大投入力度，为\n"
            "制造业发展创造\n\n会议强调，要抓好各项落实。\n")
    doc = clean_text(page, Config())
    assert doc.text.startswith("记者从会上获悉，")
    assert "为制造业发展创造公平竞争的社会环境。\n\n会议强调，" in doc.text
    (move,) = _moves(doc)
    assert "first sentence of block" in move.reason


def _head(text: str, head: str) -> Head:
    end = text.index(head) + len(head)
    return Head(1, text.index(head), end, False, "记者从会上获悉，全县将继续加强建设。")


PAGE = "加大投入力度。\n\n今年以来，全县上下紧盯目标任务\n\n记者从会上获悉，全县将继续加强建设。\n"


def test_a_model_tie_without_structure_is_not_enough():
    frag = Frag(0, 0, 7, "加大投入力度。", "block")
    head = "今年以来，全县上下紧盯目标任务"
    assert _pair_verdict(frag, head, _head(PAGE, head), 0.0, 5.0, PAGE) is None


def test_a_model_tie_with_a_head_cut_after_a_comma_is_enough_when_unrivalled():
    page = PAGE.replace("目标任务", "目标任务，")
    frag = Frag(0, 0, 7, "加大投入力度。", "block")
    head = "今年以来，全县上下紧盯目标任务，"
    assert _pair_verdict(frag, head, _head(page, head), 0.0, 5.0, page)
    assert _pair_verdict(frag, head, _head(page, head), 0.0, MATCH_SHORT_MARGIN - 0.1,
                         page) is None  # a rival pair nearly as good: no move


def test_a_sentence_inside_a_paragraph_needs_the_models_clear_evidence():
    frag = Frag(0, 0, 7, "加大投入力度。", "lead")
    head = "今年以来，全县上下紧盯目标任务"
    assert _pair_verdict(frag, head, _head(PAGE, head), 0.5, 5.0, PAGE) is None
    assert _pair_verdict(frag, head, _head(PAGE, head), 3.0, 5.0, PAGE)


def test_a_term_spanning_the_junction_counts_only_when_printed_elsewhere():
    assert page_span("推进专业镇发展。", "成立了专业", "镇领导小组") == "专业镇"
    assert page_span("推进专业镇发展。", "推进专业", "镇发展", skip=4) == ""  # the join itself


def test_the_pages_best_pairing_settles_a_fragment_a_rival_head_reads_on_from_too():
    # 起底一|批项目 7.3 and 完善三|个报告 5.5 against 起底一|个报告 6.2 (and 完善三|批项目 4.1):
    # one at a time, 个报告's true head loses to the rival; as a pairing the true one wins
    from ocrfix.stages.orphans import Frag, Head, _assignment_regret

    pi, ge = Frag(0, 10, 20, "批项目，谋划一批项目。", "block"), Frag(1, 30, 40, "个报告提出意见建议。", "block")
    yi, san = Head(2, 50, 60, False, ""), Head(3, 70, 80, False, "")
    pairs = [(7.3, 7.3, 0, pi, yi), (6.2, 6.2, 0, ge, yi), (5.5, 5.5, 0, ge, san),
             (4.1, 4.1, 0, pi, san)]
    regret = _assignment_regret(pairs)
    assert regret[(ge.start, (san.block, san.end))] == pytest.approx(12.8 - 10.3)
    assert regret[(pi.start, (yi.block, yi.end))] == pytest.approx(12.8 - 10.3)
    assert (ge.start, (yi.block, yi.end)) not in regret  # not in the best pairing


# -- forced pairs: the page's pairing decides where the model cannot --------------------------
HEAD = "参加会议的有市委副书记张明华，市委常委、秘书长李国栋，市领导"
LEADERS = "郝建国、薛志强等出席。"
FILLER = "会议要求，各级各部门要认真落实各项工作部署，确保取得实效。"


def test_a_model_tie_is_taken_when_every_pairing_of_the_page_holds_it(model):
    """Names are unknown to the word model: ``市领导|郝建国`` and ``市领导|据介绍`` back off to
    the same estimate. But the list of leaders is the page's only fragment, printed before
    the page's only cut head, so every pairing of the two holds it."""
    page = f"{LEADERS}\n\n{FILLER}\n\n{HEAD}\n\n据介绍，全市今年将新建冷链仓储设施三处。\n"
    doc = clean_text(page, Config())
    assert f"{HEAD}{LEADERS}\n\n据介绍，" in doc.text
    (move,) = _moves(doc)
    assert "every one-to-one pairing" in move.reason


def test_a_model_tie_with_a_join_heal_made_is_settled_by_the_pages_pairing(model):
    """``heal`` joined the cut head to the next paragraph (``市领导|随后…``); the model reads
    that join no better than the fragment, so the join is no evidence against it, and the
    page's only fragment and only cut head are paired; the paragraph break comes back."""
    page = f"{LEADERS}\n\n{FILLER}\n\n{HEAD}\n\n随后，与会人员参观了展览。\n"
    doc = clean_text(page, Config())
    assert f"{HEAD}{LEADERS}\n\n随后，" in doc.text
    (move,) = _moves(doc)
    assert "every one-to-one pairing" in move.reason


def test_a_join_the_model_reads_on_is_not_undone_for_a_tie(model):
    """``加大投|入力度`` reads on: the fragment scores far below that join, no tie."""
    page = (f"{LEADERS}\n\n{FILLER}\n\n今年以来，全县上下紧盯目标任务，加大投\n\n"
            "入力度，新建冷链仓储设施三处。\n")
    doc = clean_text(page, Config())
    assert not _moves(doc)
    assert "加大投入力度" in doc.text and doc.text.startswith(LEADERS)


def test_an_opening_the_model_cannot_read_is_no_evidence_against_the_fragment(model):
    """``市领导|“要抓好…`` has no junction for the model to score: it speaks neither for the
    present reading nor against the fragment, so the pair is a tie the pairing settles."""
    page = f"{LEADERS}\n\n{FILLER}\n\n{HEAD}\n\n“要抓好各项落实。”会议强调。\n"
    doc = clean_text(page, Config())
    assert f"{HEAD}{LEADERS}\n\n“要抓好" in doc.text


def test_a_fragment_is_not_forced_onto_a_head_printed_before_it(model):
    """A fragment strays before its head; one printed after the only cut head is left
    alone when the model cannot tell."""
    page = f"{FILLER}\n\n{HEAD}\n\n随后，与会人员参观了展览。\n\n{LEADERS}\n"
    doc = clean_text(page, Config())
    assert not _moves(doc)
    assert doc.text.endswith(f"\n\n{LEADERS}\n")


def _tie(frag, head, sc=0.0):
    return (sc, 0.0, 0.0, frag, head)


def test_two_fragments_tied_to_one_head_force_neither():
    from ocrfix.stages.orphans import _forced_pairs

    page = "".join(chr(0x4e00 + 37 * i) for i in range(80))  # no clause mark, no repeat
    f, g = Frag(0, 0, 4, "报告。", "block"), Frag(1, 5, 9, "建议。", "block")
    h = Head(3, 20, 40, False, "")
    assert _forced_pairs([_tie(f, h), _tie(g, h)], page) == set()
    assert _forced_pairs([_tie(f, h)], page) == {(0, (3, 40))}


def test_a_rival_the_model_does_not_rule_out_keeps_a_tie_from_being_forced():
    from ocrfix.stages.orphans import FORCE_RIVAL, _forced_pairs

    page = "".join(chr(0x4e00 + 37 * i) for i in range(80))
    f = Frag(4, 0, 4, "报告。", "block")
    h, rival = Head(6, 20, 40, False, ""), Head(2, 50, 70, True, "")  # rival printed before
    assert _forced_pairs([_tie(f, h), _tie(f, rival, FORCE_RIVAL + 1.0)], page) == set()
    assert _forced_pairs([_tie(f, h), _tie(f, rival, FORCE_RIVAL - 1.0)], page) == {(0, (6, 40))}


# -- session 8: heads printed twice, long fragments, short heads -----------------------------
COPIED = "今年以来，全县上下紧盯目标任务，加大投入力度，新建冷链仓储设施三处，为全县经济发"
COPIED_PAGE = ("展注入新的活力。\n\n记者从会上获悉，全县将继续加强基础设施建设，推动城乡融合发展。\n\n"
               + COPIED.replace("目标", "日标") + "\n\n" + COPIED + "\n\n会议强调，要抓好各项工作落实。\n")


def test_a_head_printed_twice_takes_its_fragment_on_the_better_read_copy(model):
    """The cut paragraph is printed twice (once misread ``日标``): each copy would be the
    other's rival, so neither got the fragment. It goes to the better-read copy, and
    dedupe keeps that completed copy and drops the cut one."""
    doc = clean_text(COPIED_PAGE, Config())
    assert doc.text.count("为全县经济发展注入新的活力。") == 1
    assert "日标" not in doc.text and doc.text.count("今年以来") == 1
    (drop,) = [e for e in doc.edits if e.rule == "drop_duplicate"]
    assert "completed by its sentence end" in drop.reason


def test_copies_of_a_head_are_rivals_without_the_copy_rule(model, monkeypatch):
    monkeypatch.setattr(orphans, "COPY_SIMILAR", 101.0)  # no two heads are copies
    doc = clean_text(COPIED_PAGE, Config())
    assert doc.text.startswith("展注入新的活力。")


def test_the_completed_copy_is_kept_even_when_read_worse():
    """dedupe: the copy that ends with the sentence end holds text the other lacks."""
    from ocrfix.doc import Doc
    from ocrfix.stages.dedupe import drop_duplicates
    done = COPIED.replace("目标", "日标") + "展注入新的活力。"
    doc = Doc(COPIED + "\n\n" + done + "\n")
    drop_duplicates(doc, Config())
    assert doc.text.strip() == done


def test_a_long_sentence_must_read_on_by_itself():
    """A fragment longer than a clause that the model reads on from the head at a gain
    near zero is a paragraph of its own: no pair, and no rival for other fragments."""
    long_ = Frag(0, 0, 27, "针对群众反映的突出问题，全县各部门共提出整改措施二十条。", "block")
    short = Frag(0, 0, 9, "让群众吃上放心菜。", "block")
    assert orphans._long_unread(long_, 0.2)
    assert not orphans._long_unread(long_, 2.5)
    assert not orphans._long_unread(short, 0.2)
    h = Head(2, 30, 60, False, "")
    page = "".join(chr(0x4e00 + 37 * i) for i in range(60))
    assert not orphans._admissible((1.2, 0.2, -1.4, long_, h), page)
    assert orphans._admissible((2.2, 2.2, -1.4, long_, h), page)


SHORT_HEAD_PAGE = ("劲十足，发展势头良好。\n\n记者从会上获悉，全县将继续加强基础设施建设，推动城乡融合发展。"
                   "\n\n迈入新的一\n\n年，全县上下干\n\n会议强调，要抓好各项工作落实。\n")


def test_a_head_shorter_than_a_paragraph_usually_is_takes_no_fragment(model):
    """``迈入新的一年，全县上下干`` (12 characters, healed from a column break) is shorter
    than MATCH_HEAD_MIN: no head, even where ``干|劲十足`` reads on. (Session 8 took such
    heads when they held a clause mark, ``_short_prose``; on fresh simulated seeds 25 /
    27 / 29 / 31 that was one right move and one wrong one, so it went.)"""
    doc = clean_text(SHORT_HEAD_PAGE, Config())
    assert doc.text.startswith("劲十足，") and not _moves(doc)


def test_a_sentence_that_reads_on_from_the_block_before_it_stays_for_heal(model):
    """``项目建设带|动产业…`` reads on (a column break): the early pass does not move the
    sentence to another head it reads on from even better (``持续推|动产业…``)."""
    page = ("今年以来，全县坚持以项目建设带\n\n动产业蓬勃发展，引领全县工业经济实现强基增效和转型升级。"
            "\n\n记者从会上获悉，全县上下紧盯目标任务，持续推\n\n会议强调，要抓好各项工作落实。\n")
    doc = clean_text(page, Config())
    assert "项目建设带动产业蓬勃发展，" in doc.text and not _moves(doc)


OPENS_PAGE = ("会议还研究了其他事项。\n\n记者从会上获悉，全县将继续加强基础设施建设，推动城乡融合发展。"
              "\n\n全县上下紧盯目标任务，认真组织召开专题\n\n据介绍，全市今年将新建冷链仓储设施三处。\n")


def test_the_early_pass_leaves_a_block_that_opens_like_a_paragraph(model):
    """``会议还…`` opens a paragraph (rules/openers.tsv); ``召开专题|会议还…`` reads on, but
    the block is a short paragraph of its own, in the early pass as in the pairing."""
    doc = clean_text(OPENS_PAGE, Config())
    assert not _moves(doc) and doc.text.startswith("会议还研究了其他事项。")


def test_without_the_opener_check_the_early_pass_would_move_it(model, monkeypatch):
    monkeypatch.setattr(orphans, "_opens_sentence", lambda text, config: False)
    doc = clean_text(OPENS_PAGE, Config())
    assert "召开专题会议还研究了其他事项。" in doc.text


# -- session 9: copies inside a join ------------------------------------------------------
def _block(text):
    from types import SimpleNamespace
    return SimpleNamespace(text=text)


def test_of_two_copies_of_a_head_the_one_inside_a_join_is_kept():
    """A paragraph printed twice: heal joined one copy to the paragraph after it (a
    join over the cut), the other ends its block. dedupe keeps the longer block, which
    holds the other copy, so the fragment must go to the joined copy even when that
    block reads worse; with both copies at block ends the better-read one is kept."""
    from ocrfix.stages.orphans import _copies
    head = "今年以来，全县上下紧盯目标任务，加大投入力度，新建冷链仓储设施三处，为全县"
    after = "记者从会上获悉，全具将继续加强基础设旋建设。"  # misread: reads worse
    text = head + after + "\n\n" + head
    joined = Head(0, 0, len(head), True, after)
    alone = Head(1, len(head + after) + 2, len(text), False, "")
    blocks = [_block(head + after), _block(head)]
    assert _copies([joined, alone], blocks, text) == {alone}
    at_end = Head(0, 0, len(head), False, "")
    assert _copies([at_end, alone], [_block(head + after), _block(head)], text) == {at_end}


UNIT_PAGE = ("件，罚款三十余万元。\n\n会议要求，各级各部门要认真落实各项工作部署，全力推进\n\n"
             "今年以来，县生态环境局坚持严格执法，依法查处各类环境违法行为12\n\n"
             "据介绍，全县空气质量优良天数比例稳步提升。\n")


def test_a_figure_reads_on_into_its_unit(model):
    """``违法行为12|件``: the word model has no junction to score next to a digit, so the
    pair tied with ``12|据介绍`` and with the other cut head ``全力推进|件``; a figure
    followed by a measure word reads on."""
    doc = clean_text(UNIT_PAGE, Config())
    assert "违法行为12件，罚款三十余万元。\n\n据介绍" in doc.text
    (move,) = _moves(doc)
    assert "12|件" in move.reason


def test_without_the_unit_evidence_the_figure_is_a_tie(model, monkeypatch):
    monkeypatch.setattr(orphans, "UNIT_SCORE", 0.0)
    doc = clean_text(UNIT_PAGE, Config())
    assert "违法行为12件" not in doc.text


# -- session 10: heads printed before a fragment, weak pairs far away -----------------------
BEFORE_PAGE = ("今年以来，全县上下紧盯目标任务，统筹推进城乡建设\n\n"
               "会议要求，各级各部门要认真落实各项工作部署，确保取得实效。\n\n"
               "让群众吃上放心菜。\n\n"
               "记者从会上获悉，全县将继续加强基础设施建设，推动城乡融合发展。\n\n"
               "据介绍，全县加大投入力度，新建冷链仓储设施三处，\n\n"
               "随后，与会人员参观了全县新建的冷链仓储设施和城乡融合发展示范项目。\n")


def test_a_cut_head_printed_before_the_fragment_is_no_rival(model):
    """A fragment is printed before the paragraph it ends. ``统筹推进城乡建设|让群众…``
    ties for the model as ``三处，|让群众…`` does, but that head stands two blocks before
    the fragment: it is no partner, so it does not keep the fragment from the head after
    it (which ends with a comma and is the fragment's only partner)."""
    doc = clean_text(BEFORE_PAGE, Config())
    assert "新建冷链仓储设施三处，让群众吃上放心菜。\n\n随后，" in doc.text
    assert doc.text.startswith("今年以来，全县上下紧盯目标任务，统筹推进城乡建设\n\n会议要求")
    (move,) = _moves(doc)
    assert "which ends no paragraph" in move.reason


FILLERS = ("会议要求，各级各部门要认真落实各项工作部署，确保各项任务取得实效。",
           "会议指出，过去一年全市经济运行总体平稳，重点项目建设进展顺利，民生持续改善。",
           "会议强调，要坚持稳中求进工作总基调，统筹发展和安全，扎实推动高质量发展。",
           "会议听取了全市重点工作推进情况的汇报，研究部署了下一阶段的主要任务。",
           "会议审议通过了有关文件，并对做好岁末年初安全生产工作提出了明确要求。")


def _far_page(n: int) -> str:
    """The list of leaders, ``n`` paragraphs, then the head it ends (n + 1 blocks on)."""
    return (f"{LEADERS}\n\n" + "\n\n".join(FILLERS[:n]) +
            f"\n\n{HEAD}\n\n据介绍，全市今年将新建冷链仓储设施三处。\n")


def test_a_model_tie_is_taken_only_near_its_head(model):
    """The page's pairing holds ``市领导|郝建国…`` however far apart the two stand, but a
    tie is weak evidence: five blocks on it is taken, six blocks on (WEAK_AFTER) not."""
    near = clean_text(_far_page(4), Config())
    assert f"{HEAD}{LEADERS}\n\n据介绍" in near.text
    far = clean_text(_far_page(5), Config())
    assert not _moves(far) and far.text.startswith(LEADERS)


def test_without_the_distance_limit_the_far_tie_would_be_taken(model, monkeypatch):
    monkeypatch.setattr(orphans, "WEAK_AFTER", orphans.MATCH_AFTER)
    doc = clean_text(_far_page(5), Config())
    assert f"{HEAD}{LEADERS}\n\n据介绍" in doc.text


@pytest.mark.parametrize("fragment_starts_a_piece", [True, False])
def test_on_a_page_read_with_boxes_a_fragment_inside_a_piece_stays(model, fragment_starts_a_piece):
    """Inside a piece of a page read with boxes (a column, a block the engine set apart)
    the geometry reads the lines in order: the fragment moves to its head only when it
    starts a piece of its own, not when it follows a paragraph in its piece."""
    from ocrfix.pipeline import Pipeline
    from pagetext import boxed
    blocks = ["全县今年新建改建农村公路一百二十公里，群众出行更加方便。"] + \
        CUT_AFTER_COMMA.strip().split("\n\n")
    pieces = [0, 1, 2, 3] if fragment_starts_a_piece else [0, 0, 2, 3]
    doc = Pipeline()(boxed(blocks, pieces), Config())
    assert bool(_moves(doc)) == fragment_starts_a_piece


# -- session 11: a figure split by a join, long sentences -----------
SPLIT_YEAR_PAGE = ("让各项措施落地见效。\n\n"
                   "会议听取了全县重点工作推进情况的汇报，研究部署了下一阶段任务。会议强调，20\n\n"
                   "23年是全面落实各项部署的关键之年，各级各部门要勇于担当、主动作为。\n")


def test_a_figure_heal_joined_across_a_line_is_not_a_place_for_a_fragment(model):
    """``会议强调，20|23年…``: heal joined a year split over two printed lines. The word
    model scores no junction next to a digit, so the fragment tied with the join and the
    page's pairing (its only head) forced it into the year; a digit reads on into the
    next digit as a figure reads on into its unit."""
    doc = clean_text(SPLIT_YEAR_PAGE, Config())
    assert "会议强调，2023年是全面落实" in doc.text
    assert doc.text.startswith("让各项措施落地见效。\n\n")
    assert not _moves(doc)


def test_without_the_digit_evidence_the_fragment_goes_into_the_year(model, monkeypatch):
    monkeypatch.setattr(orphans, "_figure_reads_on",
                        lambda left, right: left[-1].isdigit() and right[0] in orphans.NUMBER_UNITS)
    doc = clean_text(SPLIT_YEAR_PAGE, Config())
    assert "会议强调，20让各项措施落地见效。" in doc.text


def test_a_long_sentence_reading_on_only_a_little_is_a_paragraph_of_its_own():
    """Session 11: at a gain of 1.2–1.3 a 29-character sentence of its own had moved onto a
    cut head (``…推动专业|针对发展现状…``); a long fragment must read on by 2 nats."""
    long_ = Frag(0, 0, 27, "针对群众反映的突出问题，全县各部门共提出整改措施二十条。", "block")
    assert orphans._long_unread(long_, 1.3)
    assert not orphans._long_unread(long_, 2.5)
