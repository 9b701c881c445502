"""Furniture stage: what it takes out, what it must leave, and the context it reads.

The pages here are written for the tests (invented names, numbers, newspapers), not taken
from the seeds or the simulator's vocabulary, so the rules are checked on text they were
not tuned on.
"""

from pathlib import Path

import pytest

from ocrfix import clean_text
from ocrfix.rules import load_rules
from ocrfix.stages.furniture import find_furniture

ROOT = Path(__file__).resolve().parent.parent
GOLDEN = sorted(p.name for p in (ROOT / "golden").glob("*.txt"))
#: removals that count as furniture (normalise's markdown and debris rules included)
FURNITURE_RULES = {("normalise", "strip_markdown"), ("normalise", "remove_garbage")}

BODY = "本报讯（记者 宁晓峰）4月8日，全县春季植树造林现场推进会在东山林场召开，各乡镇负责人参加。"
HEAD = "全县春季植树造林现场推进会召开"


def _removed(doc) -> list[str]:
    return [e.before.strip() for e in doc.edits
            if e.stage == "furniture" or (e.stage, e.rule) in FURNITURE_RULES]


def _ids(texts: list[str]) -> dict[int, str]:
    return {i: r.id for i, r in find_furniture(texts, load_rules()).items()}


@pytest.mark.parametrize("name", GOLDEN)
def test_furniture_removes_nothing_from_a_golden_page(name):
    """Clean text stays clean: no headline, byline, sub-head or paragraph of a golden
    page is taken for furniture."""
    doc = clean_text((ROOT / "golden" / name).read_text(encoding="utf-8"))
    assert _removed(doc) == []


@pytest.mark.parametrize("furniture", [
    "第3版", "第十二版", "B7", "- 5 -", "2024年3月1日 星期五 第5版", "云岭晚报 第2版",
    "第4521期 本期8版", "南屏日报社出版", "总编室邮箱：nanping@example.com",
    "图/宁晓峰", "（本报记者 宁晓峰 摄）", "新华社记者 宁晓峰 摄", "云岭晚报记者 宁晓峰 摄影",
    "新华社（记者 宁晓峰 摄）", "图片由县林业局提供", "▲图为志愿者在山坡上栽种侧柏。",
    "志愿者在山坡上栽种侧柏（宁晓峰 摄）", "志愿者在山坡上栽种侧柏 宁晓峰 摄",
    "（紧接第1版）", "（转第6版）", "●", "AD 12",
    # a credit cut in pieces by the engine: a mark in the space, 摄 alone, a credit's tail
    "宁晓峰，摄", "摄", "摄）", "晓峰 摄）", "志愿者在山坡上栽种侧柏。摄",
    # shapes an engine misread: a split or misread mail address, a running head with a
    # misread date or page, a picture source line that lost its 图片
    "总编室邮箱：nan ping@example，com", "总编室邮箱:nanping bo example，cn",
    "云岭晚报 2024年3明 星期五 第5]版要闻部", "片由县林业局提供", "网生 县林业局 提供",
    "总编室主办 本版组版；",
])
def test_page_furniture_shape_leaves_the_text(furniture):
    doc = clean_text(f"{HEAD}\n\n{furniture}\n\n{BODY}\n")
    assert furniture not in doc.text
    assert doc.text == f"{HEAD}\n\n{BODY}\n"


@pytest.mark.parametrize("sentence", [
    "这部县志由县史志办编纂，山河出版社出版，共收录图片三百余幅。",
    "责任编辑：在这次会议上，他介绍了报纸版面改版的具体设想。",
    "他翻开报纸第3版，看到了自己栽种的那片侧柏林，照片由宁晓峰摄。",
    "图书馆新增藏书2000册，其中儿童读物占一半。",
    "市民可拨打服务热线12345反映问题，也可通过邮箱：help@example.com留言。",
    "摄影爱好者宁晓峰说，今年春天山上的侧柏长得特别好。",
    "这些照片都是他拍摄的。",
    "该数据由县统计局提供。",
    "县文化馆主办的书画展本周开幕，组版、装裱由馆员完成。",
    "本报将于星期五在第5版刊登读者来信。",
])
def test_body_sentence_that_mentions_furniture_words_stays(sentence):
    doc = clean_text(f"{HEAD}\n\n{BODY}\n\n{sentence}\n")
    assert sentence in doc.text
    assert _removed(doc) == []


def test_bare_number_is_a_page_number_only_at_the_head_or_foot_of_the_page():
    page = ["7", "第4521期 本期8版", HEAD, BODY, "12", "全县新增造林面积", BODY, "8"]
    assert _ids(page) == {0: "page_number_bare", 1: "masthead_issue", 7: "page_number_bare"}


def test_section_name_above_a_headline_is_a_banner_above_body_text_a_subhead():
    assert _ids(["城乡视窗", HEAD, BODY]) == {0: "section_banner_before_head"}
    assert _ids([HEAD, BODY, "城乡视窗", BODY]) == {}


def test_section_name_above_its_own_pinyin_is_a_banner():
    ids = _ids(["林海纵览", "LIN HAI ZONG LAN", HEAD, BODY])
    assert ids == {0: "section_banner_with_pinyin", 1: "pinyin_banner"}
    assert _ids(["林海纵览", "LIN HAI", HEAD, BODY]) == {1: "pinyin_banner"}


def test_section_name_dropped_into_a_cut_sentence_is_removed():
    page = ["全县各乡镇要把植树造林作为春季重点工作，切实抓好苗木调", "社会民生",
            "运和栽植管护，确保成活率。"]
    assert _ids(page) == {1: "section_banner_mid_sentence"}


def test_subhead_after_a_paragraph_that_lost_its_end_stays():
    """The printed page lost text: the paragraph before stops mid-sentence, but the next
    one opens a new sentence, so the short line between them is a sub-head."""
    page = [HEAD, BODY, "全县各乡镇要把植树造林作为春季重点工作，切实", "社会民生",
            "“绿水青山就是金山银山。”林场负责人说。"]
    assert _ids(page) == {}


def test_continuation_marker_without_brackets_at_a_paragraph_end_is_removed():
    doc = clean_text(f"{HEAD}\n\n{BODY[:-1]}，下转第3版\n")
    assert "下转" not in doc.text and doc.text.endswith("各乡镇负责人参加，\n")
    assert [e.rule for e in doc.edits if e.stage == "furniture"] == [
        "continuation_marker_bare_end"]


def test_markdown_image_reference_is_removed():
    doc = clean_text(f"{HEAD}\n\n![](p3_fig1.jpg)\n\n{BODY}\n")
    assert doc.text == f"{HEAD}\n\n{BODY}\n"
    assert ("normalise", "strip_markdown") in {(e.stage, e.rule) for e in doc.edits}


def test_headline_naming_a_books_publisher_stays():
    headline = "山河出版社出版《林场四十年》"
    doc = clean_text(f"{headline}\n\n{BODY}\n")
    assert headline in doc.text


def test_caption_and_credit_printed_over_two_lines_leave_the_text():
    """One printed line per text line (Tesseract): furniture is wrapped like body text."""
    page = (f"{HEAD}\n\n图为志愿者在东山林场\n的山坡上栽种侧柏。\n\n新华社（记者\n宁晓峰 摄）\n\n"
            f"{BODY}\n")
    doc = clean_text(page)
    assert "侧柏" not in doc.text and "宁晓峰 摄" not in doc.text
    assert BODY in doc.text


def test_short_headline_above_its_byline_is_not_taken_for_a_section_banner():
    """``…民生`` ends like a section name, but a byline under it makes it a headline."""
    assert _ids(["走基层看民生", "□ 本报记者 宁晓峰", BODY]) == {}
    assert _ids(["走基层看民生", "本报记者 宁晓峰", BODY]) == {}


def test_section_name_between_two_words_of_a_cut_sentence_is_removed():
    """A column break cuts between words as often as inside one: no dictionary word spans
    ``等|传统``, but the block after it is the rest of the sentence."""
    page = [HEAD, "全市统筹好生态保护和高质量发展，推动煤焦冶电等", "城市建设",
            "传统产业向下游延伸、向高端迈进，不断强化产业链。"]
    assert _ids(page) == {2: "section_banner_mid_sentence"}


def test_section_name_between_a_cut_and_a_new_paragraph_stays():
    """Between words, the next block must read on: a paragraph opener (``近年来，``) says
    the text before lost its end and the short line is a sub-head."""
    page = [HEAD, "全市统筹好生态保护和高质量发展，推动煤焦冶电等", "城市建设",
            "近年来，全市坚持以人民为中心的发展思想。"]
    assert _ids(page) == {}


def test_continuation_marker_at_a_cut_does_not_hide_the_cut():
    page = [HEAD, "要作为最高政治原则，坚决维护党中央权威和集中统（上接第12版）", "乡村振兴",
            "一领导。要切实将思想和行动统一到中央经济工作会议精神上来。"]
    assert _ids(page)[2] == "section_banner_mid_sentence"


def test_section_name_above_a_headline_past_another_banner_is_a_banner():
    """Furniture between a banner and its headline (a slogan, a credit) is no text; only
    a section's own pinyin must stand right under it."""
    assert _ids(["城乡视窗", "新时代 新征程 新伟业", HEAD, BODY]) == \
        {0: "section_banner_before_head", 1: "slogan_banner"}
    assert _ids(["城乡视窗", "记者 刘亮亮 摄", HEAD, BODY]) == \
        {0: "section_banner_before_head", 1: "photo_credit_alone"}


def test_campaign_slogan_above_a_headline_is_a_banner():
    page = [BODY, "喜迎二十大 奋进新征程", HEAD, BODY]
    assert _ids(page) == {1: "campaign_slogan_before_head"}
    assert _ids(["学习贯彻党的二十大精神", HEAD, BODY]) == {0: "campaign_slogan_before_head"}


def test_campaign_slogan_dropped_into_a_cut_sentence_is_removed():
    page = [HEAD, "23时许，孝义市公安局新义派出所指挥室接到", "聚焦高质量发展 朔州在行动",
            "警情指令后，值班指挥长立即使用对讲机通知民警。"]
    assert _ids(page) == {2: "campaign_slogan_mid_sentence"}


def test_slogan_shaped_deck_right_under_a_headline_stays():
    """A short line right after a headline belongs to its header run (a deck), even when
    it names the campaign; so does a slogan-like headline over body text."""
    assert _ids(["常书铭与陈辉一行举行工作会谈", "奋进新征程 建功新时代", "柳林县", BODY]) == {}
    assert _ids([BODY, "奋进新征程 建功新时代", BODY]) == {}


def test_section_name_inside_the_page_head_run_is_a_banner():
    """At the top of the page with a credit line or masthead under it, a section name is
    page furniture, whatever follows the run; at the top over body text it may be the
    sub-head of an article continued from another page, and stays."""
    page = ["县区传真", "责任编辑:雷秀静 美编:黄兰 校对:石晶斌", BODY]
    assert _ids(page) == {0: "section_banner_before_head", 1: "credit_line"}
    assert _ids(["社会民生", BODY]) == {}


def test_campaign_slogan_after_a_source_line_is_a_banner():
    """``据《经济日报》`` ends an article: the line after it opens no deck."""
    page = [BODY, "据《经济日报》", "喜迎二十大 奋进新征程", HEAD, BODY]
    assert _ids(page) == {2: "campaign_slogan_before_head"}


def test_bare_continuation_marker_at_the_end_of_a_printed_line_is_removed():
    # a page printed one line per text line: the marker ends the paragraph's last
    # printed line, and the next report starts on the next line of the same block
    lines = ["全县春季植树造林现场推进会在东山", "林场召开，各乡镇负责人参加。下转第3版",
             "本报讯（记者 宁晓峰）4月9日，全县"]
    doc = clean_text("\n".join(lines) + "\n")
    assert "下转" not in doc.text and "第3版" not in doc.text
    assert [e.rule for e in doc.edits if e.before.strip() == "下转第3版"] == [
        "continuation_marker_bare_end"]


def test_section_name_over_its_pinyin_with_a_caption_between_is_a_banner():
    # the engine read a photo caption between the section name and its pinyin
    page = ["田园风光", "图为果农在北山村果园里修剪果树。", "TIAN YUAN FENG GUANG",
            "苹果园里春管忙", BODY]
    found = find_furniture(page, load_rules())
    assert found[0].id == "section_banner_with_pinyin"
    assert 3 not in found and 4 not in found


def test_a_bracketed_marker_cut_by_a_line_break_is_removed_once():
    """``（下转八版`` ends a printed line and ``）`` starts the next: the bracketed rule and
    the bare end-of-line rule both match it; the first in rules/ takes it (two
    overlapping deletions in one batch failed the page)."""
    from ocrfix import clean_text

    page = ("习近平向论坛致贺信\n\n习近平指出，中国同中亚五国建交以来，合作论坛致贺信。（下转八版\n"
            "）\n\n会议强调，要认真贯彻落实。\n")
    doc = clean_text(page)
    marks = [e for e in doc.edits if e.rule.startswith("continuation_marker")]
    assert [e.rule for e in marks] == ["continuation_marker"]
    assert "下转" not in doc.text and "合作论坛致贺信。" in doc.text
