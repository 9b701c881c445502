"""order: a header printed after its article (``move_trailing_headline``) — subtitles
and the article's opening. The paragraphs below are written for these tests."""

from ocrfix import clean_text
from pagetext import moves as _moves, page as _page

ORCHARD_HEAD = "北山村苹果园里春管忙"
ORCHARD_SUB = "——北山村发展苹果产业纪实"
ORCHARD_BYLINE = "□ 本报记者 孙丽"
ORCHARD = ["连日来，北山村的苹果园里一片忙碌，果农们趁着晴好天气修剪苹果树枝条，给苹果树刷白涂药。",
           "北山村果农老刘告诉记者，苹果树修剪得好，来年坐果多、果形正，他家二十亩苹果园去年卖了十多万元。",
           "北山村请来果树专家手把手教果农修剪苹果树，还成立了苹果合作社，统一采购农资、统一销售苹果。",
           "合作社负责人说，今年北山村将新建苹果冷库两座，让果农的苹果错峰上市，卖出好价钱。"]
#: A lead that only sets the scene: it shares no character pairs with the orchard header.
SCENE = "春寒料峭，山风拂面。天刚蒙蒙亮，村民们就扛着工具出了门，田埂上人来人往，一派热闹景象。"
BRIDGE_HEAD = "城东大桥主体工程顺利完工"
BRIDGE_SUB = "——城东大桥钢箱梁吊装施工纪实"
BRIDGE_BYLINE = "□ 本报记者 赵亮"
BRIDGE = ["城东大桥主体工程日前完工，大桥全长八百米，双向六车道，钢箱梁重达三千吨。",
          "施工单位介绍，城东大桥钢箱梁已全部吊装到位，下一步将进行大桥桥面铺装和护栏安装。",
          "城东大桥通车后，城东新区到老城区的车程将由半小时缩短到十分钟。"]
CLINIC_HEAD = "县医院送医下乡义诊"
CLINIC = ["本报讯（记者 钱红）近日，县医院组织医生深入乡村开展义诊，为群众免费测量血压血糖。",
          "义诊现场，医生们耐心解答群众的健康问题，发放健康知识手册三百余份。"]


def _articles(doc) -> list[str]:
    return doc.text.strip().split("\n\n\n")


def test_subtitle_alone_after_its_article_goes_to_its_start():
    # a feature whose main headline was lost keeps only its subtitle; printed after the
    # feature, the subtitle's words (北山村, 苹果) say whose it is
    page = _page([CLINIC_HEAD] + CLINIC + [ORCHARD_BYLINE] + ORCHARD + [ORCHARD_SUB]
                 + BRIDGE)
    doc = clean_text(page)
    assert _moves(doc, "move_trailing_headline")
    assert "\n\n".join([ORCHARD_SUB, ORCHARD_BYLINE, ORCHARD[0]]) in doc.text


def test_subtitle_of_the_next_article_stays_under_a_moved_headline():
    # the orchard headline closes the page's first article; the subtitle under it is the
    # bridge feature's (its words are the bridge's): the headline goes back, the
    # subtitle stays above the bridge byline
    page = _page(ORCHARD + [ORCHARD_HEAD, BRIDGE_SUB, BRIDGE_BYLINE] + BRIDGE)
    doc = clean_text(page)
    assert doc.text.startswith(ORCHARD_HEAD + "\n\n" + ORCHARD[0])
    assert "\n\n".join([BRIDGE_SUB, BRIDGE_BYLINE, BRIDGE[0]]) in doc.text


def test_subtitle_of_its_own_headline_moves_with_it():
    # the same stacked shape, but the subtitle is the orchard feature's own and the
    # bridge header follows it: headline and subtitle go back together
    page = _page(ORCHARD + [ORCHARD_HEAD, ORCHARD_SUB, BRIDGE_HEAD] + BRIDGE)
    doc = clean_text(page)
    assert doc.text.startswith("\n\n".join([ORCHARD_HEAD, ORCHARD_SUB, ORCHARD[0]]))


def test_header_goes_above_the_byline_not_below_a_scene_setting_lead():
    # the orchard feature opens with its byline and a lead that shares no words with
    # its headline; shared pairs alone would start the article at its second paragraph.
    # The bridge report after the header lost its own header.
    page = _page([CLINIC_HEAD] + CLINIC + [ORCHARD_BYLINE, SCENE] + ORCHARD
                 + [ORCHARD_HEAD] + BRIDGE)
    doc = clean_text(page)
    assert _moves(doc, "move_trailing_headline")
    assert "\n\n".join([ORCHARD_HEAD, ORCHARD_BYLINE, SCENE]) in doc.text


def test_abstract_headline_over_its_subtitle_stays_after_a_headerless_brief():
    # a brief opened by 本报讯 is printed without a header; the feature after it has an
    # abstract headline (its words lean nowhere) over a subtitle that reads like the
    # feature: the subtitle's lean fits a header in its place, so nothing moves
    head = "奋进正当时"
    page = _page(CLINIC + [head, BRIDGE_SUB, BRIDGE_BYLINE] + BRIDGE)
    doc = clean_text(page)
    assert not _moves(doc, "move_trailing_headline")
    assert "\n\n".join([head, BRIDGE_SUB, BRIDGE_BYLINE, BRIDGE[0]]) in doc.text


def test_a_deck_of_two_spaced_phrases_is_no_cut_off_paragraph_head(model):
    # the deck's last words read on into the paragraph under it (项目建设|项目建设是…),
    # but a space between two phrases is a header's shape, not a cut paragraph's
    from ocrfix.config import Config
    from ocrfix.doc import Doc
    from ocrfix.stages.order import _cut_heads_as_body, assign_roles
    deck = "强化项目建设 助力高质量发展"
    para = "项目建设是发展的关键，全县上下要抓紧抓实，确保重点项目早开工、早投产。"
    assert model.gain(deck, para) >= 1.0  # the junction alone would call it a cut head
    blocks = Doc(_page([CLINIC_HEAD, deck, para])).blocks()
    roles = assign_roles(blocks, Config())
    assert roles[1] == "headline"
    assert _cut_heads_as_body(blocks, roles, Config())[1] == "headline"


def test_a_source_line_does_not_dilute_where_the_article_starts():
    # the orchard article ends with its source line: a line with no words of the
    # headline's, it is not one of the article's paragraphs
    source, head = "据《北山农业报》", "果农春管忙"
    page = _page([CLINIC_HEAD] + CLINIC + ORCHARD[:2] + [source, head, BRIDGE_HEAD]
                 + BRIDGE)
    doc = clean_text(page)
    assert "\n\n".join([head, ORCHARD[0]]) in doc.text
    assert doc.text.index(source) > doc.text.index(ORCHARD[1])

