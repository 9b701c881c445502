"""order.move_trailing_headline: where a stacked header run parts (the words of each line
against the pairs shared with the text after), and blocks that only look like headers.

The paragraphs are written for these tests (not taken from the seeds or golden pages).
"""

from ocrfix import clean_text
from ocrfix.config import Config
from ocrfix.doc import Doc
from ocrfix.stages.assemble import is_headerish
from ocrfix.stages.order import _cut_heads_as_body, _settle_split, assign_roles
from ocrfix.topic import Topic
from pagetext import page as _page

APPLE = ["本报讯（记者 孙丽）近日，县农业农村局邀请省农科院果树专家走进苹果园，为果农讲解冬季修剪技术，提升苹果品质。",
         "专家在苹果园里现场示范，一边修剪果树一边讲解，果农们围在四周认真学习，不时提出修剪果树的问题。",
         "县农业农村局负责人表示，今年将继续组织果树专家进村入户，帮助果农提升苹果品质，增加果园收入。"]
APPLE_KICKER = "省农科院果树专家走进苹果园指导果农修剪果树"
APPLE_DECK = "修剪果树 提升苹果品质"
FIRE_HEAD = "全县冬季消防安全工作推进会召开"
FIRE = ["本报讯（记者 何军）日前，全县冬季消防安全工作推进会召开，部署冬季火灾防控工作，推动消防工作高质量发展。",
        "会议要求，各乡镇各部门要压实消防安全责任，深入排查整治火灾隐患，确保人民群众生命财产安全。"]
#: A section name over the next header, which the furniture stage did not take out.
BANNER = "城乡视点"


def _run(blocks_text: list[str]):
    blocks = Doc(_page(blocks_text)).blocks()
    roles = assign_roles(blocks, Config())
    return blocks, roles, Topic([b.text for b in blocks])


def test_a_deck_that_reads_like_the_article_before_goes_up_with_its_kicker():
    # a split after the kicker alone (the share test's pick when the deck's pairs are
    # common ones) is moved down past the deck: its words are the orchard report's
    blocks, roles, topic = _run(APPLE + [APPLE_KICKER, APPLE_DECK, FIRE_HEAD] + FIRE)
    assert _settle_split(blocks, roles, topic, 3, 4, 6, [0, 1, 2], [6, 7]) == 5


def test_a_line_sharing_nothing_with_the_article_stays_over_the_next_header():
    # a banner between the orchard header and the fire report's header shares no pair
    # with the orchard report: a split that took it along is moved up above it
    blocks, roles, topic = _run(APPLE + [APPLE_KICKER, BANNER, FIRE_HEAD] + FIRE)
    assert _settle_split(blocks, roles, topic, 3, 5, 6, [0, 1, 2], [6, 7]) == 4
    # the fire report's own header is never taken up
    assert _settle_split(blocks, roles, topic, 3, 4, 6, [0, 1, 2], [6, 7]) == 4


ORCHARD_BYLINE = "□ 本报记者 孙丽"
ORCHARD = ["连日来，北坡村的苹果园里一片忙碌，果农们趁着晴好天气修剪苹果树，给苹果树刷白涂药。",
           "北坡村请来果树专家手把手教果农修剪苹果树，还成立了苹果合作社，统一销售苹果。",
           "合作社负责人说，今年北坡村将新建苹果冷库两座，让果农的苹果错峰上市。"]
ORCHARD_SUB = "——北坡村发展苹果产业纪实"
TOWN_BYLINE = "□ 本报记者 赵亮"
TOWN = ["我县大力发展文化旅游产业，城东古镇修缮一新，游客在青石板街上漫步，感受古镇风貌。",
        "古镇管委会介绍，我县将发展民宿产业，让游客留下来、住下来，带动古镇居民增收。"]
TOWN_HEAD = "古镇游客纷至沓来"


def test_a_subtitle_whose_words_are_the_bylined_articles_goes_there_over_common_pairs():
    # the orchard feature (bylined, no header) is followed by its subtitle and then by
    # the old-town feature's byline; the subtitle's pairs 发展, 产业 are all over the
    # old-town text, but its words (北坡村, 苹果) are the orchard's: it goes above the
    # orchard byline, and the old-town headline at the page end then goes to its article
    page = _page([FIRE_HEAD] + FIRE + [ORCHARD_BYLINE] + ORCHARD + [ORCHARD_SUB, TOWN_BYLINE]
                 + TOWN + [TOWN_HEAD])
    doc = clean_text(page)
    assert ORCHARD_SUB + "\n\n" + ORCHARD_BYLINE + "\n\n" + ORCHARD[0] in doc.text
    assert TOWN_HEAD + "\n\n" + TOWN_BYLINE + "\n\n" + TOWN[0] in doc.text


def test_a_header_line_opening_like_a_paragraph_is_a_cut_paragraph_head():
    # '会议听取了…' is shaped like a headline, but a meeting report's paragraph opens so
    # and no headline does: it is the head of the paragraph under it, cut by a column
    # break, even where the word model does not read the junction (起草|说明)
    head = "会议听取了《全县冬季消防安全工作方案》起草"
    rest = "说明，并就做好冬季火灾防控工作作出部署。"
    blocks = Doc(_page(FIRE[:1] + [head, rest, APPLE_KICKER] + APPLE)).blocks()
    roles = assign_roles(blocks, Config())
    assert roles[1] == "headline" and roles[3] == "headline"
    fixed = _cut_heads_as_body(blocks, roles, Config())
    assert fixed[1] == "body" and fixed[3] == "headline"


def test_a_line_ending_on_a_half_width_comma_is_no_header():
    # normalise makes a comma full-width only between Chinese characters: a paragraph
    # head cut after one keeps it half-width, and no headline ends on a comma
    assert not is_headerish("县果树专家走进苹果园讲解修剪技术,", Config())
    # …nor holds two, half-width or not
    assert not is_headerish("专家走进苹果园,讲解修剪技术,示范嫁接", Config())
    assert is_headerish("省农科院果树专家走进苹果园", Config())


MEETING_HEAD = "县政府召开常务会议"
MEETING = ["本报讯（记者 何军）日前，县政府召开常务会议，研究部署冬季农业生产工作。",
           "会议要求，各乡镇要补齐农田水利短板，抓好冬季农田灌溉，确保冬小麦安全越冬。",
           "会议还研究了其他事项。"]
WATER_HEAD = "补齐农田水利短板"
WATER = ["农田水利是农业发展的命脉，也是保障粮食安全的基础。近年来，各地加大投入，农田灌溉条件明显改善。",
         "加快灌区续建配套和节水改造，让农田旱能浇、涝能排。",
         "创新农田水利建管机制，引导社会资本参与建设和管护。"]
WATER_SOURCE = "据《农民日报》"


def test_a_meeting_paragraph_sharing_the_headline_does_not_start_its_article():
    # the commentary's headline follows it (closed by its source line); the meeting
    # report's 会议要求… paragraph shares the headline's pairs (补齐农田水利短板), but a
    # paragraph about the meeting its article reported cannot open an article: the
    # header goes above the commentary's first paragraph
    page = _page([MEETING_HEAD] + MEETING + WATER + [WATER_SOURCE, WATER_HEAD, FIRE_HEAD] + FIRE)
    doc = clean_text(page)
    assert MEETING[-1] + "\n\n\n" + WATER_HEAD + "\n\n" + WATER[0] in doc.text
    assert FIRE_HEAD + "\n\n" + FIRE[0] in doc.text


INTRO_HEAD = "写在前面"
INTRO = "春节将至，本报今日起推出系列报道，请您跟随记者的脚步，走进田间地头和车间工地，感受各地干部群众的奋斗身影。敬请关注。"


def test_a_header_that_shares_nothing_with_a_headless_report_and_leans_away_stays():
    # the page starts with a dateline report that has no header; a column's header and
    # its intro follow. The header shares no pair with the report and its words lean,
    # if at all, to the intro: it stays over the intro
    page = _page(MEETING + [INTRO_HEAD, INTRO, FIRE_HEAD] + FIRE)
    doc = clean_text(page)
    assert INTRO_HEAD + "\n\n" + INTRO in doc.text
    assert doc.text.startswith(MEETING[0])


ORCHARD_DEAL = ["日，县农业农村局与省农科院签订果树技术合作协议，双方将在苹果新品种选育、果园机械化等方面开展合作。",
                "县农业农村局负责人表示，将以此次合作为契机，推动全县苹果产业提质增效，让果农增收致富。"]
ORCHARD_DEAL_HEAD = "县农业农村局与省农科院签订果树技术合作协议"
TOWN_DEAL = ["本报讯（记者 孙丽）近日，县文化旅游局与省旅游协会签订古镇旅游合作协议，双方将在古镇旅游推广等方面开展合作。",
             "县文化旅游局负责人表示，将以此次合作为契机，把古镇打造成为全省知名的旅游目的地。"]
TOWN_DEAL_HEAD = "县文化旅游局与省旅游协会签订古镇旅游合作协议"


def test_every_header_after_its_article_goes_back_though_one_article_lost_its_dateline():
    # each article's header follows it. The orchard report lost its dateline (日，…), so
    # nothing in it opens an article; but the fire report's header before it moved away,
    # so it starts where an article starts, and its header's words (果树, 农科院) claim it
    # over the pairs it shares with the old-town report after (签订, 合作协议)
    page = _page(FIRE + [FIRE_HEAD] + ORCHARD_DEAL + [ORCHARD_DEAL_HEAD] + TOWN_DEAL
                 + [TOWN_DEAL_HEAD])
    doc = clean_text(page)
    assert doc.text.startswith(FIRE_HEAD + "\n\n" + FIRE[0])
    assert ORCHARD_DEAL_HEAD + "\n\n" + ORCHARD_DEAL[0] in doc.text
    assert TOWN_DEAL_HEAD + "\n\n" + TOWN_DEAL[0] in doc.text
