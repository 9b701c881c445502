"""Layout stages (fragments, dedupe): behaviour on small pages written for the tests,
and the promise that clean text stays clean.

The example sentences are written here, not taken from the seeds, so the rules are
checked on text they were not tuned on.
"""

from pathlib import Path

import pytest

from ocrfix import clean_text
from ocrfix.stages.orphans import continuation
from pagetext import boxed, moves, page as _page

LAYOUT_STAGES = {"fragments", "dedupe", "order"}

INTERLEAVED = (
    "会议强调，各级各部门要坚持问题导向，突出工作 重点，深入推进 生态环境综合治 "
    "理，切实提升群众的获得感和幸福感。\n\n"
    "会后，市长王明与省交通厅厅长李华 城乡规划建设管 一行举行工作会谈，"
    "就交通项目建设进行深入交流。双方表示，将进一步 加强沟通协作，推动项目早日落地。\n\n"
    "近年来，我市大力推进 理，城市功能不断完善，人居环境 明显改善。\n")


def _edits(doc, stage):
    return [e for e in doc.edits if e.stage == stage]


def test_interleaved_line_goes_back_to_the_paragraph_it_mends():
    doc = clean_text(INTERLEAVED)
    assert "厅长李华一行举行工作会谈" in doc.text
    assert "大力推进城乡规划建设管理，" in doc.text
    (move,) = _edits(doc, "fragments")
    assert move.rule == "move_interleaved" and move.kind == "move"
    assert "管|理" in move.reason  # the evidence is in the log


def test_line_per_line_layout_is_not_reordered_line_by_line():
    """Every printed line is a candidate there and dictionary evidence cannot single out
    a stray one (measured on simulated pages: all such moves were wrong), so none move."""
    page = ("近年来，汾阳市坚持以人民\n为中心的发展思想，将普惠\n性、基础性、兜底性民生建\n"
            "设作为重中之重，积极探索\n在发展中保障和改善民生的\n新路径。\n")
    doc = clean_text(page)
    assert not _edits(doc, "fragments")
    assert "坚持以人民为中心的发展思想，将普惠性、基础性、兜底性民生建设" in doc.text


def test_a_line_that_reads_on_from_its_neighbours_stays():
    page = ("近年来，我市大力推进 城乡道路、桥梁等基础 设施建设，城市功能不断完善。\n\n"
            "会后，双方举行工作会谈，就项目 建设进行深入交流。\n")
    doc = clean_text(page)
    assert not _edits(doc, "fragments")


def test_orphan_fragment_closes_the_bracket_its_head_left_open():
    page = ("意见稿）》。\n\n会议指出，要把握工作重点，稳步推进各项任务，确保取得实效。\n\n"
            "会议还审议了《关于进一步加强安全生产工作的意见（征求\n\n"
            "会议强调，各级各部门要压实责任，确保各项工作落到实处。\n")
    doc = clean_text(page)
    assert "工作的意见（征求意见稿）》。" in doc.text
    assert not doc.text.startswith("意见稿")
    assert any(e.rule == "attach_orphan" and e.kind == "move" for e in doc.edits)


def test_short_complete_paragraph_is_not_taken_for_an_orphan():
    page = ("会议听取了有关情况汇报。\n\n会议指出，要把握工作重点，稳步推进各项任务\n\n"
            "确保取得实效，为全年目标任务打下坚实基础。\n")
    doc = clean_text(page)
    assert not any(e.rule == "attach_orphan" for e in doc.edits)


def test_continuation_prefers_the_fragment_that_closes_a_bracket():
    assert continuation("审议《政府工作报告（讨", "论稿）》。") > \
        continuation("审议《政府工作报告（讨", "会议强调，要压实责任。")
    assert continuation("会议召开。", "论稿）》。") < 0


DUP = "市委经济工作会议提出，做好今年经济工作，要突出抓好九项重大任务，推动高质量发展。"


def test_repeated_paragraph_is_dropped_and_logged():
    page = f"全市经济工作会议召开\n\n{DUP}\n\n会议要求，各级各部门要狠抓落实。\n\n{DUP}\n"
    doc = clean_text(page)
    assert doc.text.count("九项重大任务") == 1
    (drop,) = [e for e in doc.edits if e.rule == "drop_duplicate"]
    assert drop.role == "duplicate" and "similarity" in drop.reason


def test_duplicate_keeps_the_better_read_copy():
    misread = DUP.replace("经济工作会议", "经济工作会仪").replace("高质量", "高质星")
    page = f"全市经济工作会议召开\n\n{misread}\n\n会议要求，各级各部门要狠抓落实。\n\n{DUP}\n"
    doc = clean_text(page)
    assert DUP in doc.text and misread not in doc.text


def test_a_copy_joined_into_running_text_is_dropped_by_its_sentences():
    # the misread copy is no block of its own: it was joined to the paragraphs around it
    misread = DUP.replace("经济工作会议", "经济工作会仪")
    page = (f"全市经济工作会议召开\n\n{DUP}\n\n会议要求，各级各部门要狠抓落实。{misread}"
            "会议还研究了其他事项。\n")
    doc = clean_text(page)
    assert doc.text.count("九项重大任务") == 1 and DUP in doc.text
    assert "狠抓落实。会议还研究了其他事项。" in doc.text
    (drop,) = [e for e in doc.edits if e.rule == "drop_repeated_sentences"]
    assert drop.before == misread and drop.role == "duplicate"


def test_a_copy_glued_to_a_cut_head_is_dropped_without_the_head():
    head = "截至目前，全市已有"
    page = f"全市经济工作会议召开\n\n{DUP}\n\n{head}{DUP}\n"
    doc = clean_text(page)
    assert doc.text.count("九项重大任务") == 1 and head in doc.text


def test_a_short_sentence_repeated_in_two_paragraphs_is_kept():
    line = "会议强调，要压实责任。"
    page = f"{line}全市上下要狠抓落实。\n\n{line}各级各部门要加强协调。\n"
    doc = clean_text(page)
    assert doc.text.count(line) == 2


def test_a_headline_that_repeats_the_lead_sentence_is_no_copy_of_it():
    head = "习近平向中国中亚五国产业与投资合作论坛致贺信"
    page = f"{head}\n\n新华社北京2月16日电\n\n{head}。\n\n习近平指出，中国同中亚五国建交30多年来，合作成果丰硕。\n"
    doc = clean_text(page)
    assert doc.text.count(head) == 2
    assert not [e for e in doc.edits if e.stage == "dedupe"]


def test_similar_but_different_paragraphs_are_both_kept():
    other = DUP.replace("九项重大任务", "五个方面工作").replace("推动高质量发展", "确保开好局起好步")
    page = f"{DUP}\n\n{other}\n"
    doc = clean_text(page)
    assert DUP in doc.text and other in doc.text


@pytest.mark.parametrize("name", sorted(p.name for p in Path(__file__).parent.parent
                                        .joinpath("golden").glob("*.txt")))
def test_layout_stages_leave_golden_pages_alone(root, name):
    """Clean text stays clean: on a golden page the layout stages change nothing."""
    doc = clean_text((root / "golden" / name).read_text(encoding="utf-8"))
    assert [e for e in doc.edits if e.stage in LAYOUT_STAGES] == []


# -- order: whole blocks back in reading order ----------------------------------------
EDU_HEAD = "我市推进义务教育优质均衡发展"
EDU = ["本报讯（记者 李明）近日，市教育局召开全市义务教育优质均衡发展推进会，部署学校建设、教师队伍和课后服务等重点工作。",
       "会议指出，要加快补齐农村学校办学条件短板，推进城乡学校共同体建设，让每个孩子都能在家门口上好学校。",
       "会议要求，各县区要加强教师队伍建设，完善教师交流轮岗机制，提升课堂教学质量和课后服务水平。"]
WHEAT_HEAD = "小麦春管正当时"
WHEAT_BYLINE = "□ 本报记者 王芳"
WHEAT = ["眼下正值小麦春季田间管理的关键时期，各地农技人员深入麦田，指导农户开展浇水施肥和病虫害防治。",
         "在城郊的麦田里，种植大户张强正带领工人给返青的小麦追施化肥，他说今年小麦长势比往年更好。",
         "农技站站长介绍，今年全县小麦种植面积达到十二万亩，技术人员已经把麦田划片包干，分户指导小麦春管。",
         "下一步，农业部门将继续加强小麦病虫害监测预警，组织植保无人机统防统治，全力保障夏粮丰收。"]


def _articles(text):
    return [a.strip() for a in text.split("\n\n\n")]


def test_headline_printed_after_its_article_goes_back_on_top():
    page = _page(WHEAT + [WHEAT_HEAD, EDU_HEAD] + EDU)
    doc = clean_text(page)
    first, second = _articles(doc.text)
    assert first.startswith(WHEAT_HEAD + "\n\n" + WHEAT[0])
    assert second.startswith(EDU_HEAD)
    assert any(e.rule == "move_trailing_headline" and e.kind == "move" for e in doc.edits)


def test_headline_above_its_own_article_stays():
    doc = clean_text(_page([WHEAT_HEAD, WHEAT_BYLINE] + WHEAT + [EDU_HEAD] + EDU))
    assert not [e for e in doc.edits if e.stage == "order"]


def test_tail_printed_after_a_closed_article_goes_to_the_end_of_its_own():
    # the education article is closed by its source line; the wheat article is cut short
    page = _page([EDU_HEAD] + EDU + ["据《教育导报》"] + WHEAT[3:] + [WHEAT_HEAD, WHEAT_BYLINE]
                 + WHEAT[:2] + [WHEAT[2][:30]])
    doc = clean_text(page)
    wheat = _articles(doc.text)[1]
    assert wheat.endswith(WHEAT[3])
    assert any(e.rule == "move_tail" for e in doc.edits)


def test_tail_printed_before_its_header_goes_back_by_its_words():
    # no structural hint: the education article ends on a full sentence and the wheat
    # article's last paragraph before the move ends one too; only the words tell
    page = _page([EDU_HEAD] + EDU + WHEAT[2:] + [WHEAT_HEAD, WHEAT_BYLINE] + WHEAT[:2])
    doc = clean_text(page)
    edu, wheat = _articles(doc.text)
    assert edu.endswith(EDU[-1])
    assert wheat.endswith(WHEAT[2] + "\n\n" + WHEAT[3])
    moves = [e for e in doc.edits if e.rule == "move_tail" and e.kind == "move"]
    assert moves and "nats a word" in moves[0].reason


def test_rest_of_an_article_printed_after_another_goes_back_by_its_words():
    page = _page([WHEAT_HEAD, WHEAT_BYLINE] + WHEAT[:2] + [EDU_HEAD] + EDU + WHEAT[2:])
    doc = clean_text(page)
    wheat, edu = _articles(doc.text)
    assert wheat.endswith(WHEAT[3]) and edu.endswith(EDU[-1])
    assert any(e.rule == "merge_interleaved_articles" for e in doc.edits)


def test_paragraphs_that_share_only_common_words_stay_in_their_article():
    # the last education paragraph mentions 农村 and 发展 but is about schools
    page = _page([EDU_HEAD] + EDU + [WHEAT_HEAD, WHEAT_BYLINE] + WHEAT)
    doc = clean_text(page)
    assert not [e for e in doc.edits if e.stage == "order"]


# -- headers printed after an article that has none -------------------------------------
# Headers written so that they share almost no character pairs with their paragraphs:
# only the structure (byline, 本报讯 opener, page end) and the words' topic can place them.
RIVER_HEAD = "一泓清水润万家"
RIVER_BYLINE = "□ 本报记者 赵敏"
RIVER = ["清晨，河道管护员老孙沿着堤岸巡查，捡拾漂浮的垃圾，记录水位和水质的变化情况。",
         "几年前，这条河还是沿岸居民避之不及的臭水沟，如今河水清澈见底，白鹭又回到了河滩。",
         "区水务局负责人介绍，全区已完成河道清淤四十公里，新建污水管网一百二十公里。"]
LIBRARY_HEAD = "书香浸润老城区"
LIBRARY = ["本报讯（记者 周林）近日，城区第十二家社区图书馆正式开馆，居民在家门口就能借阅图书。",
           "图书馆面积三百平方米，藏书两万册，设有少儿阅览区和电子阅览区，每天开放十个小时。",
           "馆长说，开馆一周已办理借书证八百多张，周末来看书的孩子尤其多。"]


def test_header_at_the_page_end_goes_to_the_bylined_article_without_one():
    page = _page([RIVER_BYLINE] + RIVER + [LIBRARY_HEAD])
    doc = clean_text(page)
    assert doc.text.startswith(LIBRARY_HEAD + "\n\n" + RIVER_BYLINE)
    moves = [e for e in doc.edits if e.rule == "move_trailing_headline" and e.kind == "move"]
    assert moves and "nothing follows it on the page" in moves[0].reason


def test_header_goes_to_the_dateline_article_printed_inside_the_body_run():
    # the library report opens with 本报讯 under the wheat article, without a header; its
    # header comes after it, directly above the river article's own header
    page = _page([WHEAT_HEAD] + WHEAT + LIBRARY + [LIBRARY_HEAD, RIVER_HEAD, RIVER_BYLINE]
                 + RIVER)
    doc = clean_text(page)
    text = doc.text
    assert text.index(WHEAT[-1]) < text.index(LIBRARY_HEAD) < text.index(LIBRARY[0])
    assert text.index(RIVER_HEAD) < text.index(RIVER_BYLINE)
    moves = [e for e in doc.edits if e.rule == "move_trailing_headline" and e.kind == "move"]
    assert len(moves) == 1 and "opens an article" in moves[0].reason


def test_header_reading_like_the_article_below_stays_above_it():
    # a headerless brief (本报讯…) ends the run, but the header after it is about the
    # library report under it, so it stays there
    brief = "本报讯（记者 吴刚）日前，市气象台发布寒潮预警，提醒市民注意防寒保暖，出行注意安全。"
    page = _page([WHEAT_HEAD] + WHEAT + [brief, "社区图书馆开馆迎读者"] + LIBRARY)
    doc = clean_text(page)
    assert not [e for e in doc.edits if e.rule == "move_trailing_headline"]


def test_subtitle_opening_a_header_run_goes_with_the_article_above():
    # a subtitle never starts a header: “——…” before a new headline closes the header
    # of the bylined article above it
    page = _page([RIVER_BYLINE] + RIVER + ["——全区河道治理见闻", LIBRARY_HEAD] + LIBRARY)
    doc = clean_text(page)
    assert doc.text.startswith("——全区河道治理见闻\n\n" + RIVER_BYLINE)
    assert doc.text.index(LIBRARY_HEAD) < doc.text.index(LIBRARY[0])


def test_a_short_line_at_the_page_end_that_shares_no_words_with_the_article_stays():
    # debris or a stray line after the last paragraph is not the article's header
    doc = clean_text(_page(WHEAT + ["效走有由状元"]))
    assert not [e for e in doc.edits if e.rule == "move_trailing_headline"]


def test_a_header_at_the_page_end_that_shares_the_articles_words_goes_on_top():
    doc = clean_text(_page(WHEAT + [WHEAT_HEAD]))
    assert doc.text.startswith(WHEAT_HEAD + "\n\n" + WHEAT[0])


def test_a_subtitle_that_reads_like_the_article_below_stays_with_it():
    # the library report's header follows it; the subtitle under that header opens the
    # river feature, whose main headline is lost: only the headline moves up
    sub = "——全区河道清淤和污水管网建设见闻"
    page = _page(LIBRARY + [LIBRARY_HEAD, sub, RIVER_BYLINE] + RIVER)
    doc = clean_text(page)
    assert doc.text.startswith(LIBRARY_HEAD + "\n\n" + LIBRARY[0])
    assert sub + "\n\n" + RIVER_BYLINE in doc.text


def test_a_stacked_header_run_is_split_where_its_lines_words_say():
    # the wheat article's headline and deck, then the education article's headline: the
    # deck shares few character pairs with the wheat text (its words are in another
    # order) but its words are the wheat article's, so it goes up with the headline
    deck = "病虫害监测预警 农技人员包干"
    page = _page([RIVER_HEAD, RIVER_BYLINE] + RIVER + WHEAT + [WHEAT_HEAD, deck, EDU_HEAD]
                 + EDU)
    doc = clean_text(page)
    assert WHEAT_HEAD + "\n\n" + deck + "\n\n" + WHEAT[0] in doc.text
    assert EDU_HEAD + "\n\n" + EDU[0] in doc.text


def test_a_header_goes_to_the_article_its_dateline_opens_even_as_the_last_paragraph():
    # an unwrapped page printed the library report as one block: it is still an article
    # of its own (本报讯…), so its header goes right above it, not into the river feature
    head = "社区图书馆正式开馆"
    one = "".join(LIBRARY)
    page = _page([RIVER_HEAD, RIVER_BYLINE] + RIVER + [one, head, EDU_HEAD] + EDU)
    doc = clean_text(page)
    assert RIVER[-1] + "\n\n\n" + head + "\n\n" + one in doc.text
    assert EDU_HEAD + "\n\n" + EDU[0] in doc.text


def test_a_paragraph_head_cut_off_by_a_column_break_is_no_header(model):
    # '今年全县小麦春管工作进展顺' is shaped like a headline, but it reads on into the
    # paragraph under it (顺|利): it is that paragraph's head, and no header run starts
    # there; a real headline over its article's first paragraph stays a header
    from ocrfix.config import Config
    from ocrfix.doc import Doc
    from ocrfix.stages.order import _cut_heads_as_body, assign_roles
    frag = "今年全县小麦春管工作进展顺"
    cont = "利，各乡镇已完成返青水浇灌任务，农户普遍反映今年小麦长势喜人。"
    blocks = Doc(_page(WHEAT[:1] + [frag, cont, RIVER_HEAD] + RIVER)).blocks()
    roles = assign_roles(blocks, Config())
    assert roles[1] == "headline" and roles[3] == "headline"
    fixed = _cut_heads_as_body(blocks, roles, Config())
    assert fixed[1] == "body" and fixed[3] == "headline"


def test_the_line_over_a_byline_stays_with_the_bylined_article():
    # the education report's headline follows it, stacked over the river feature's own
    # headline; that headline shares common pairs (推进, 城乡, 建设) with the education
    # text, but it sits right above a byline and its words do not clearly read like the
    # education report: it stays where a feature's headline belongs
    river_head = "推进城乡建设 共建美好生活"
    page = _page(EDU + [EDU_HEAD, river_head, RIVER_BYLINE] + RIVER)
    doc = clean_text(page)
    assert doc.text.startswith(EDU_HEAD + "\n\n" + EDU[0])
    assert river_head + "\n\n" + RIVER_BYLINE in doc.text


def test_an_articles_lead_that_shares_fewer_headline_pairs_stays_in_it():
    # the split between two articles in one body run: the lead of the article under
    # the headline shares fewer of its pairs than the paragraphs after it, but far more
    # than the other article's paragraphs, so the article starts at the lead
    from ocrfix.stages.order import best_split
    split, _ = best_split("补好智能制造短板弱项", ["民警出警。"] * 8 + [
        "制造业智能化。", "发展智能制造。", "智能制造是关键。"], min_after=2)
    assert split == 8


def test_tail_moves_on_moderate_word_evidence():
    # the education article has only two paragraphs, so the wheat tail's words lean to the
    # wheat article by less than 2 nats a word; that is enough when nothing else claims it
    page = _page([EDU_HEAD] + EDU[:2] + WHEAT[2:] + [WHEAT_HEAD, WHEAT_BYLINE] + WHEAT[:2])
    edu, wheat = _articles(clean_text(page).text)
    assert edu.endswith(EDU[1])
    assert wheat.endswith(WHEAT[1] + "\n\n" + WHEAT[2] + "\n\n" + WHEAT[3])


def test_rest_of_an_article_after_a_short_one_goes_back_on_moderate_word_evidence():
    page = _page([WHEAT_HEAD, WHEAT_BYLINE] + WHEAT[:2] + [EDU_HEAD] + EDU[:2] + WHEAT[2:])
    doc = clean_text(page)
    wheat, edu = _articles(doc.text)
    assert wheat.endswith(WHEAT[1] + "\n\n" + WHEAT[2] + "\n\n" + WHEAT[3])
    assert edu.endswith(EDU[1])
    assert any(e.rule == "merge_interleaved_articles" for e in doc.edits)


def test_tail_split_by_a_removed_photo_credit_still_moves():
    # the credit line between the tail's paragraphs is taken out first: the run is no
    # longer one stretch of the source, and moves all the same
    page = _page([EDU_HEAD] + EDU + [WHEAT[2], "记者 王芳 摄", WHEAT[3]]
                 + [WHEAT_HEAD, WHEAT_BYLINE] + WHEAT[:2])
    doc = clean_text(page)
    edu, wheat = _articles(doc.text)
    assert edu.endswith(EDU[-1])
    assert wheat.endswith(WHEAT[1] + "\n\n" + WHEAT[2] + "\n\n" + WHEAT[3])
    assert "王芳 摄" not in doc.text


def test_a_run_moved_block_by_block_keeps_its_order_and_blank_lines():
    from ocrfix.doc import Doc
    from ocrfix.stages.order import _move_run

    doc = Doc(_page(["甲一。", "乙一。", "乙二。", "乙标题", "乙三。", "丙标题"]))
    blocks = doc.blocks()
    with doc.batch("order") as batch:
        _move_run(batch, blocks, [1, 2], 4, "move_tail", 0.9, "test", whole=False)
    assert doc.text == _page(["甲一。", "乙标题", "乙三。", "乙一。", "乙二。", "丙标题"])


# -- move_interleaved gates (fragments) -------------------------------------------------------
def test_a_line_of_another_width_is_no_printed_line_of_a_wrapped_column():
    """A pasted line is a full printed line of its home column: as long as that column's
    lines give or take two characters; a column too short to show its width takes any."""
    from types import SimpleNamespace

    from ocrfix.stages.fragments import Column, _fits_column

    text = "近年来我市大力\n推进城乡规划建设管理\n城市功能不断完善人居\n环境明显改善群众获得\n感不断增强，幸福\n指数持续提升。"
    col = Column(SimpleNamespace(text=text), "", [], [], True, {})
    assert _fits_column(10, col) and _fits_column(12, col) and _fits_column(8, col)
    assert not _fits_column(13, col) and not _fits_column(6, col)
    short = Column(SimpleNamespace(text="近年来我市大力\n推进城乡规划建设管理\n城市功能"), "", [], [], True, {})
    assert _fits_column(20, short)
    joined = Column(SimpleNamespace(text=text.replace("\n", "")), "", [], [], False, {})
    assert _fits_column(20, joined)


def test_a_line_move_resting_on_one_junction_needs_it_strong():
    """A junction at punctuation or a digit says nothing; a wrong line often joins by
    chance on one side, so a one-sided move needs that side strong or a large total."""
    from ocrfix.stages.fragments import LINE_ONE_SIDE, LINE_STRONG, LineMove, _two_sided

    def move(j_in, j_out, total):
        return LineMove(0, 0, 10, 1, 5, total, total - j_in - j_out, 0.0, j_in, j_out)

    assert _two_sided(move(3.0, 6.0, 19.0))
    assert not _two_sided(move(0.0, LINE_ONE_SIDE - 1, LINE_STRONG - 4))
    assert not _two_sided(move(-1.1, LINE_ONE_SIDE - 1, LINE_STRONG - 4))
    assert _two_sided(move(0.0, LINE_ONE_SIDE + 1, LINE_STRONG - 4))
    assert _two_sided(move(LINE_ONE_SIDE - 5, 0.0, LINE_STRONG + 1))


def test_a_dictionary_move_needs_the_word_model_to_read_it_on_both_sides(model):
    """Dictionary cohesion judges one character pair; the word model must agree that the
    piece reads on at both sides of its new place (a common edge character such as 的
    makes some word with almost anything)."""
    from ocrfix.fluency import fluency
    from ocrfix.stages.fragments import Cut, Piece, _reads_on_there

    fl = fluency("auto")
    text = "近年来，我市大力推进理，城市功能不断完善。会后，李华 城乡规划建设管 一行举行会谈。"
    piece_at = text.index("城乡")
    piece = Piece(piece_at - 1, piece_at, piece_at + len("城乡规划建设管"), piece_at + 8)
    dest = text.index("理，城市")
    assert _reads_on_there(piece, Cut(dest, dest), text, fl)
    wrong = text.index("功能")
    assert not _reads_on_there(piece, Cut(wrong, wrong), text, fl)


@pytest.mark.parametrize("byline", ["本报记者张娟娟", "本报记者”王晶", "本报记者 王晶",
                                    "本报记者冯凯治 通讯员 马超"])
def test_a_byline_whose_space_the_engine_lost_or_misread_is_a_byline(byline):
    from ocrfix.config import Config
    from ocrfix.doc import Doc
    from ocrfix.stages.assemble import assign_roles
    blocks = Doc(_page(["推进城乡建设 共建美好生活", byline] + RIVER)).blocks()
    assert assign_roles(blocks, Config())[1] == "byline"


@pytest.mark.parametrize("text", ["记者手记", "本报记者从会上获悉，全市将加快建设。"])
def test_a_label_or_sentence_starting_like_a_byline_is_not_one(text):
    from ocrfix.config import Config
    from ocrfix.doc import Doc
    from ocrfix.stages.assemble import assign_roles
    blocks = Doc(_page(["推进城乡建设 共建美好生活", text] + RIVER)).blocks()
    assert assign_roles(blocks, Config())[1] != "byline"


@pytest.mark.parametrize("byline", ["记者 ”卢琳涵", "通讯员 徐梅丹”摄", "本报记者“王晶"])
def test_a_byline_with_engine_marks_opens_an_article(byline):
    from ocrfix.rules import load_rules
    assert load_rules().opens_article(byline)


def test_a_byline_row_added_to_the_rules_makes_such_blocks_bylines(tmp_path):
    """What a byline is lives in one place, rules/openers.tsv: a row a user adds there is
    read by the roles (assemble) and by the article openers alike."""
    import shutil
    from ocrfix.config import Config
    from ocrfix.doc import Doc
    from ocrfix.rules import default_rules_dir
    from ocrfix.stages.assemble import assign_roles
    rules = tmp_path / "rules"  # a copy of its own: rules are cached per directory
    shutil.copytree(default_rules_dir(), rules)
    byline = "实习生 李明"
    blocks = Doc(_page(["推进城乡建设 共建美好生活", byline] + RIVER)).blocks()
    assert assign_roles(blocks, Config())[1] != "byline"
    with open(rules / "openers.tsv", "a", encoding="utf-8") as f:
        f.write("intern\tbyline\t实习生[ \\u3000]+\\S\t实习生 王洋\tan intern's byline\n")
    config = Config(rules_dir=str(rules))
    assert assign_roles(blocks, config)[1] == "byline"
    assert config.rules.opens_article(byline + " 日前，全市召开会议。")



@pytest.mark.parametrize("tail_starts_a_piece, head_starts_a_piece, moved",
                         [(True, True, True), (False, True, False), (True, False, False)])
def test_on_a_page_read_with_boxes_only_a_whole_piece_moves_as_a_tail(
        tail_starts_a_piece, head_starts_a_piece, moved):
    """Within a piece of a page read with boxes the geometry reads the lines in order: a
    tail moves back to its article only when it starts a piece of its own, and only to a
    header that starts one (a header line inside a piece is a sub-head or a cut line)."""
    from ocrfix.config import Config
    from ocrfix.pipeline import Pipeline
    blocks = [EDU_HEAD] + EDU + WHEAT[2:] + [WHEAT_HEAD, WHEAT_BYLINE] + WHEAT[:2]
    tail = len(EDU) + 1
    head = tail + 2
    starts = [0] + [tail] * tail_starts_a_piece + [head] * head_starts_a_piece
    pieces = [sum(s <= k for s in starts) for k in range(len(blocks))]
    doc = Pipeline()(boxed(blocks, pieces), Config())
    assert doc.text.rstrip().endswith(WHEAT[3]) == moved
    assert bool(moves(doc, "move_tail")) == moved


@pytest.mark.parametrize("opening, starts", [
    ("新华社北京3月5日电 全国春季农业生产工作会议召开，部署春耕备耕工作。", True),
    ("据新华社报道，今年全国小麦春管面积超过三亿亩，各地加强田间管理。", False),
])
def test_only_an_agency_dateline_up_to_its_dian_starts_a_new_article(opening, starts):
    """``新华社北京3月5日电`` opens an agency story printed without a header; ``据新华社报道，``
    inside an article names a source and the article goes on."""
    doc = clean_text(_page([WHEAT_HEAD, WHEAT_BYLINE] + WHEAT[:2] + [opening] + WHEAT[2:]))
    assert (opening in _articles(doc.text)[-1].split("\n\n")[0]) == starts


def test_a_copy_holding_text_its_twin_lacks_loses_only_its_repeated_sentences(monkeypatch):
    # an earlier stage joined a cut head to one copy (and that copy has a misreading):
    # dropping that block would lose the head, which is printed nowhere else
    from ocrfix.config import Config
    from ocrfix.doc import Doc
    from ocrfix.stages import dedupe
    para = ("县农业农村局组织技术人员深入田间地头，指导农户做好春耕备耕工作。全县共发放良种两千余斤，"
            "推广新型农机具三十多台，帮助合作社拓宽销售渠道。下一步，该局将继续加大服务力度，"
            "组织专家开展巡回指导，让农民的钱袋子鼓起来。")
    head = "今年以来，全县上下齐心协力。"
    misread = para.replace('田间地头', '田间地买').replace('销售渠道', '销售渠逍')
    page = f"{para}\n\n{head}{misread}\n"
    doc = dedupe.run(Doc(page), Config())
    assert head in doc.text and doc.text.count("良种两千余斤") == 1
    assert para in doc.text
    monkeypatch.setattr(dedupe, "HOLDS_MORE", 10_000)  # the rule switched off: head lost
    doc = dedupe.run(Doc(page), Config())
    assert head not in doc.text



def test_a_copy_a_fragment_completed_is_kept_whole_even_when_read_worse(monkeypatch):
    # orphans attached the sentence end to one copy (which has a misreading); the other
    # copy stops before it: the completed copy holds everything the other does, and more
    from ocrfix.config import Config
    from ocrfix.doc import Doc
    from ocrfix.stages import dedupe
    cut = ("县里坚持“资金跟着项目走、服务围着项目转”的原则，加强用地、资金等要素保障，"
           "加快项目开复工。下一步，全县将牢固树立“项目为王”理念，扎实开展“项目建设年”")
    completed = cut.replace("要素保障", "要素保瘴") + "活动，全力打好攻坚战。"
    page = f"{cut}\n\n{completed}\n"
    doc = dedupe.run(Doc(page), Config())
    assert doc.text.strip() == completed
    (drop,) = [e for e in doc.edits if e.stage == "dedupe"]
    assert "goes on where its twin stops" in drop.reason
    monkeypatch.setattr(dedupe, "HOLDS_MORE", 10_000)  # the rule switched off
    assert "全力打好攻坚战" not in dedupe.run(Doc(page), Config()).text
