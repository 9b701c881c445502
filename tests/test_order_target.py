"""order: where a run of paragraphs may go (``_fits_target``, ``_destination``).

A run at the end of one region moves to the end of a neighbouring region only when that
end is the end of the run's article. The paragraphs below are written for these tests.
"""

from ocrfix import clean_text
from ocrfix.config import Config
from ocrfix.doc import Doc
from ocrfix.stages.order import _fits_target, regions
from ocrfix.topic import Topic
from pagetext import moves as _moves, page as _page

ORCHARD_HEAD = "苹果园里春管忙"
ORCHARD_BYLINE = "□ 本报记者 孙丽"
ORCHARD = ["连日来，北山村的苹果园里一片忙碌，果农们趁着晴好天气修剪苹果树枝条，给苹果树刷白涂药。",
           "北山村果农老刘告诉记者，苹果树修剪得好，来年坐果多、果形正，他家二十亩苹果园去年卖了十多万元。",
           "北山村请来果树专家手把手教果农修剪苹果树，还成立了苹果合作社，统一采购农资、统一销售苹果。",
           "合作社负责人说，今年北山村将新建苹果冷库两座，让果农的苹果错峰上市，卖出好价钱。"]
BRIDGE_HEAD = "城东大桥主体完工"
BRIDGE = ["本报讯（记者 赵亮）日前，城东大桥主体工程完工，大桥全长八百米，双向六车道。",
          "施工单位介绍，大桥钢箱梁已全部吊装到位，下一步将进行桥面铺装和护栏安装。"]
CLINIC = ["本报讯（记者 钱红）近日，县医院组织医生深入乡村开展义诊，为群众免费测量血压血糖。",
          "义诊现场，医生们耐心解答群众的健康问题，发放健康知识手册三百余份。"]


def test_tail_goes_to_its_articles_end_before_a_headerless_brief_under_it():
    # the orchard tail is printed before its header, and under the orchard paragraphs
    # a clinic report opens with 本报讯 and has no header: the orchard article ends
    # before that dateline, so the tail goes there, not to the region's end
    page = _page([BRIDGE_HEAD] + BRIDGE + ORCHARD[2:] + [ORCHARD_HEAD, ORCHARD_BYLINE]
                 + ORCHARD[:2] + CLINIC)
    doc = clean_text(page)
    assert _moves(doc, "move_tail")
    at = [doc.text.index(p) for p in ORCHARD + CLINIC]
    assert at == sorted(at)


def test_sub_head_left_at_the_end_of_the_first_part_goes_before_the_rest():
    # the orchard article is cut at its sub-head and the bridge report printed inside:
    # the sub-head heads the rest, so the rest goes back after it, not above it
    sub = "苹果园 新技术"
    page = _page([ORCHARD_HEAD, ORCHARD_BYLINE] + ORCHARD[:2] + [sub, BRIDGE_HEAD] + BRIDGE
                 + ORCHARD[2:])
    doc = clean_text(page)
    moves = _moves(doc, "merge_interleaved_articles")
    assert moves and "sub-head" in moves[0].reason
    orchard = doc.text.split("\n\n\n")[0]
    assert orchard.endswith("\n\n".join([ORCHARD[1], sub, ORCHARD[2], ORCHARD[3]]))
    assert doc.text.rstrip().endswith(BRIDGE[1])


def test_run_is_not_taken_for_a_region_whose_end_is_its_own_articles():
    # the bridge region ends with an orchard paragraph: the orchard paragraph above the
    # bridge header is where it belongs, and the bridge region's end is no article's end
    doc = Doc(_page([ORCHARD_HEAD] + ORCHARD[:2] + [BRIDGE_HEAD] + BRIDGE[:1] + ORCHARD[2:3]))
    blocks = doc.blocks()
    regs = regions(blocks, Config())
    topic = Topic([b.text for b in blocks])
    home, other = regs
    assert _fits_target([home.body[-1]], home, other, blocks, topic, Config()) is None


def test_run_reading_like_the_target_header_and_lead_fits():
    doc = Doc(_page([BRIDGE_HEAD] + BRIDGE + ORCHARD[2:] + [ORCHARD_HEAD, ORCHARD_BYLINE]
                    + ORCHARD[:2]))
    blocks = doc.blocks()
    regs = regions(blocks, Config())
    topic = Topic([b.text for b in blocks])
    home, other = regs
    run = [k for k in home.body if blocks[k].text in ORCHARD]
    assert "header and lead" in _fits_target(run, home, other, blocks, topic, Config())


def test_tail_that_stops_mid_sentence_needs_strict_word_evidence():
    # the orchard tail, but its last paragraph is cut mid-sentence: it may be the first
    # part of a paragraph split by a column break; its words lean to the orchard article
    # by less than the strict bar, so it stays where it is
    page = _page([BRIDGE_HEAD] + BRIDGE + [ORCHARD[2], ORCHARD[3][:30]]
                 + [ORCHARD_HEAD, ORCHARD_BYLINE] + ORCHARD[:2])
    doc = clean_text(page)
    assert not _moves(doc, "move_tail")


def test_whole_tail_before_its_header_still_moves():
    page = _page([BRIDGE_HEAD] + BRIDGE + ORCHARD[2:] + [ORCHARD_HEAD, ORCHARD_BYLINE]
                 + ORCHARD[:2])
    doc = clean_text(page)
    moves = _moves(doc, "move_tail")
    assert moves and "header and lead" in moves[0].reason
    assert doc.text.rstrip().endswith("\n\n".join(ORCHARD[1:]))


def test_tail_closed_by_its_source_line_moves_with_it():
    # a reprinted article's tail ends with its source line: the line closes the tail's
    # own article and goes with it
    source = "据《农民日报》"
    page = _page([BRIDGE_HEAD] + BRIDGE + ORCHARD[2:] + [source, ORCHARD_HEAD, ORCHARD_BYLINE]
                 + ORCHARD[:2])
    doc = clean_text(page)
    assert _moves(doc, "move_tail")
    assert doc.text.rstrip().endswith("\n\n".join(ORCHARD[1:] + [source]))
    assert doc.text.index(BRIDGE[1]) < doc.text.index(ORCHARD_HEAD)


# -- a run that opens with a speaker of the other article -----------------------------------
SAFETY_HEAD = "王明主持召开全市安全生产工作会议"
SAFETY = ["本报讯（记者 周敏）6月5日，市委书记王明主持召开全市安全生产工作会议，安排部署近期重点工作。",
          "王明指出，各级各部门要充分认识当前形势的复杂性，坚决克服麻痹思想，把各项工作做在前面。",
          "王明强调，要加强统筹协调，压实工作责任，确保各项措施落到实处，全力保障人民群众生命财产安全。"]
MARKET_HEAD = "全市召开消费市场运行分析会"
MARKET = ["本报讯（记者 刘洋）6月6日，全市消费市场运行分析会召开，通报了前五个月全市社会消费品零售总额完成情况。",
          "会议要求，各级各部门要加大工作力度，培育新型消费业态，推动消费市场持续回暖，确保完成全年目标任务。"]


def test_speaker_named_only_in_the_other_articles_lead_takes_the_run_there():
    # the speaker paragraphs share only general words with either article; their speaker
    # is named in the safety article's header and lead and nowhere else
    page = _page([MARKET_HEAD] + MARKET + SAFETY[1:] + [SAFETY_HEAD] + SAFETY[:1])
    doc = clean_text(page)
    moves = _moves(doc, "move_tail")
    assert moves and "王明 speaking" in moves[0].reason
    market, safety = doc.text.split("\n\n\n")
    assert market.strip().endswith(MARKET[1])
    assert safety.strip().endswith("\n\n".join(SAFETY))


def test_rest_of_an_article_opening_with_its_speaker_goes_back():
    page = _page([SAFETY_HEAD] + SAFETY[:1] + [MARKET_HEAD] + MARKET + SAFETY[1:])
    doc = clean_text(page)
    assert _moves(doc, "merge_interleaved_articles")
    safety, market = doc.text.split("\n\n\n")
    assert safety.strip().endswith("\n\n".join(SAFETY))
    assert market.strip().endswith(MARKET[1])


def test_speaker_named_in_both_articles_moves_nothing():
    lead = MARKET[0].replace("全市消费市场运行分析会召开", "王明出席全市消费市场运行分析会")
    page = _page([MARKET_HEAD, lead] + MARKET[1:] + SAFETY[1:] + [SAFETY_HEAD] + SAFETY[:1])
    assert not [e for e in clean_text(page).edits if e.stage == "order"]


def test_a_meeting_is_no_speaker():
    from ocrfix.stages.order import _rare
    name = Config().rules.opener("speech").match(MARKET[1]).group("name")
    assert name == "会议" and not _rare(name) and _rare("王明")


ORCHARD_CLOSE = "今后，村里还将为果农提供更多服务，帮助大家把果园管护好，让苹果卖出好价钱。"


def test_headerless_tail_at_the_page_start_moves_on_words_that_lean_only_a_little():
    # the page starts with the orchard's closing paragraph and nothing of its own above
    # it: against the language at large its general words (服务, 更多, 帮助) lean only a
    # little to the orchard article (below TOPIC_MOVE, above HEADLESS_BG), but more than
    # to the bridge report; it goes to the orchard article's end
    doc = clean_text(_page([ORCHARD_CLOSE, ORCHARD_HEAD] + ORCHARD[:3] + [BRIDGE_HEAD] + BRIDGE))
    assert _moves(doc, "move_tail")
    assert doc.text.index(ORCHARD[2]) < doc.text.index(ORCHARD_CLOSE) < doc.text.index(BRIDGE[0])


def test_headerless_run_on_a_page_of_two_articles_needs_the_full_word_lean():
    # the same paragraph with no other article to compare against: its lean against the
    # language at large is all the evidence there is, and it must reach TOPIC_MOVE (the
    # lower HEADLESS_BG bar holds only where other articles were compared); it stays
    doc = clean_text(_page([ORCHARD_CLOSE, ORCHARD_HEAD] + ORCHARD[:3]))
    assert not _moves(doc, "move_tail")
    assert doc.text.startswith(ORCHARD_CLOSE)
