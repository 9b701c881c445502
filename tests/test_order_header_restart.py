"""order.move_trailing_headline: where a stacked header run parts when the evidence is
mild — a report's deck whose words are everyone's, and two headers stacked over the
text at the page start. The paragraphs are written for these tests (not taken from the
seeds or golden pages)."""

from ocrfix import clean_text
from ocrfix.config import Config
from ocrfix.doc import Doc
from ocrfix.stages.order import _cut_heads_as_body, _settle_split, _words_claim, assign_roles
from ocrfix.topic import Topic
from pagetext import moves as _moves, page as _page

TALKS = ["本报讯（记者 周敏）3月8日，市长王立与新材料科技公司董事长李强一行举行工作会谈，双方就深化合作、"
         "推进项目落地进行交流。",
         "王立对李强一行表示欢迎。他说，我市产业基础好，发展潜力大，希望双方在科技创新、产业发展上发挥优势，"
         "推动合作项目早日落地见效。",
         "李强介绍了公司发展情况，表示将加大在我市的投资力度，助力地方经济发展。"]
TALKS_KICKER = "王立与新材料科技公司董事长李强一行举行工作会谈"
#: a deck in the words every report uses: 科技创新 and 发展 are in the farm report too
TALKS_DECK = "依靠科技创新 推动产业发展"
LABEL = "东河县"
FARM_HEAD = "科技助力春耕生产"
FARM = ["本报讯（记者 郑平）连日来，东河县组织农技人员深入田间地头，指导农户科学施肥、适时播种，推进春耕生产。",
        "东河县农业农村局负责人说，今年全县将推广良种良法，依靠科技创新种植模式，发展高效农业，带动农户增收。"]


def test_a_deck_leaning_mildly_to_the_article_before_goes_up_with_its_headline():
    blocks = Doc(_page(TALKS + [TALKS_KICKER, TALKS_DECK, LABEL, FARM_HEAD] + FARM)).blocks()
    roles = assign_roles(blocks, Config())
    topic = Topic([b.text for b in blocks])
    own, follow = [0, 1, 2], [7, 8]
    # the deck's words lean to the talks less than a moved run's must (not a claim)…
    assert not _words_claim(topic, blocks, [4], own, follow)
    # …but words and pairs agree, and the label under it starts the farm report's header
    assert _settle_split(blocks, roles, topic, 3, 4, 7, own, follow) == 5


def test_a_moved_report_header_keeps_its_deck_and_the_next_header_stays():
    doc = clean_text(_page(TALKS + [TALKS_KICKER, TALKS_DECK, LABEL, FARM_HEAD] + FARM))
    assert doc.text.startswith(TALKS_KICKER + "\n\n" + TALKS_DECK + "\n\n" + TALKS[0])
    assert LABEL + "\n\n" + FARM_HEAD + "\n\n" + FARM[0] in doc.text


def test_a_line_over_a_dash_subtitle_stays_as_that_subtitles_headline():
    # the same deck over a dash subtitle is the farm feature's headline, whatever its
    # words lean: a dash subtitle goes with the line over it
    sub = "——东河县春耕生产见闻"
    blocks = Doc(_page(TALKS + [TALKS_KICKER, TALKS_DECK, sub] + FARM)).blocks()
    roles = assign_roles(blocks, Config())
    topic = Topic([b.text for b in blocks])
    assert _settle_split(blocks, roles, topic, 3, 4, 6, [0, 1, 2], [6, 7]) == 4


#: A report at the page start with no dateline (it could be a tail printed before its
#: header), its header printed after it, stacked over a feature's header and byline.
WATER = ["城南水厂扩建工程日前完成设备调试，新建的两条供水管网全线贯通，日供水能力提高到十万吨。",
         "水厂负责人介绍，扩建后的城南水厂采用深度处理工艺，出厂水质优于国家标准，可满足城南新区用水需求。",
         "下一步，城南水厂将改造老旧供水管网，补齐城区供水短板，让居民喝上放心水。"]
WATER_HEAD = "城南水厂扩建补齐供水短板"
ROAD_HEAD = "乡村公路铺就致富路"
ROAD_SUB = "——我县推进农村公路建设纪实"
ROAD_BYLINE = "□ 本报记者 陈刚"
#: the road feature shares the water headline's pairs 补齐, 短板, 扩建, 供水
ROAD = ["一条条乡村公路通到村口，补齐了交通短板，山里的核桃、花椒坐上货车运出大山。",
        "县交通运输局负责人介绍，近三年全县新建改建农村公路三百公里，乡村公路通到了每个行政村。",
        "乡村公路扩建后，送水车也能开进山村，解决了供水难题，村民们办起了农家乐，日子越过越红火。"]


def test_two_stacked_headers_over_the_page_start_part_where_their_words_do():
    # the water headline's words are the page-start report's and the lines under it
    # are the road feature's: the run holds two headers, so the first goes up although
    # the road feature shares its pairs; the report is not carried off as a tail
    doc = clean_text(_page(WATER + [WATER_HEAD, ROAD_HEAD, ROAD_SUB, ROAD_BYLINE] + ROAD))
    assert doc.text.startswith(WATER_HEAD + "\n\n" + WATER[0][:8])
    assert WATER[2] + "\n\n\n" + ROAD_HEAD + "\n\n" + ROAD_SUB + "\n\n" + ROAD_BYLINE in doc.text
    assert not _moves(doc, "move_tail")


def test_a_header_over_a_page_start_tail_of_its_own_article_stays():
    # the page starts with the last paragraph of the water report, then its header and
    # its dateline: the header's lines all read like the text after, so nothing moves
    tail = WATER[2]
    head = [WATER_HEAD, "——城南新区用水有保障"]
    body = ["本报讯（记者 吴东）" + WATER[0], WATER[1]]
    doc = clean_text(_page([tail] + head + body))
    assert not _moves(doc, "move_trailing_headline")


#: A feature that names its town 特色镇 often; a column break cut one paragraph after
#: its first words, leaving a header-shaped line (``“东山核桃”特色``) over ``镇位于…``.
TOWN = ["东山县把核桃产业作为富民产业来抓，全力建设核桃特色镇，特色镇建设带动农户增收。",
        "县里出台扶持政策，从资金、用地、人才等方面支持特色镇发展，吸引核桃加工企业落户。",
        "如今，特色镇里核桃加工企业达到二十家，核桃产品远销各地。"]
TOWN_CUT = ["“东山核桃”特色", "镇位于县城东部，是全省最大的核桃产地，核桃种植面积达到十万亩。"]
CLINIC_HEAD = "县医院送医下乡义诊"
CLINIC = ["本报讯（记者 钱红）近日，县医院组织医生深入乡村开展义诊，为群众免费测量血压血糖。",
          "义诊现场，医生们耐心解答群众的健康问题，发放健康知识手册三百余份。"]


def test_a_line_cut_inside_a_word_the_page_uses_is_a_paragraph_head_not_a_header():
    blocks = Doc(_page(["东山核桃特色镇见闻"] + TOWN + TOWN_CUT + [CLINIC_HEAD] + CLINIC)).blocks()
    roles = assign_roles(blocks, Config())
    assert roles[4] in ("kicker", "headline")  # shaped like a header…
    assert _cut_heads_as_body(blocks, roles, Config())[4] == "body"  # …but 特色镇 reads on
    assert _cut_heads_as_body(blocks, roles, Config())[6] == roles[6]  # the clinic header stays



FIRE_HEAD = "全县冬季消防安全工作推进会召开"
FIRE = ["本报讯（记者 何军）日前，全县冬季消防安全工作推进会召开，部署冬季火灾防控工作，推动消防工作高质量发展。",
        "会议要求，各乡镇各部门要压实消防安全责任，深入排查整治火灾隐患，确保人民群众生命财产安全。"]
ORCHARD_BYLINE = "□ 本报记者 孙丽"
ORCHARD = ["连日来，北坡村的果园里一片忙碌，村民们趁着晴好天气修剪果树，发展特色产业的劲头很足。",
           "北坡村请来专家手把手教村民修剪果树，还成立了合作社，特色产业越做越大。",
           "合作社负责人说，今年北坡村将新建冷库两座，让特色产业带动更多村民增收。"]
#: its words lean to the orchard feature by about one nat a word (特色产业), not two
ORCHARD_SUB = "——我县发展特色产业纪实"
OLDTOWN_BYLINE = "□ 本报记者 赵亮"
OLDTOWN = ["我县大力发展文化旅游产业，城东古镇修缮一新，游客在青石板街上漫步，感受古镇风貌。",
           "古镇管委会介绍，我县将发展民宿产业，让游客留下来、住下来，带动古镇居民增收。"]
OLDTOWN_HEAD = "古镇游客纷至沓来"


def test_a_dash_subtitle_alone_over_a_byline_goes_to_the_headerless_feature_it_reads_like():
    # the orchard feature (bylined, no header) is followed by a dash subtitle alone and
    # the old-town feature's byline; the subtitle's words lean to the orchard (about 1
    # nat a word) and it shares more of its pairs with it: it goes up, and the old-town
    # headline at the page end then goes to its byline
    doc = clean_text(_page([FIRE_HEAD] + FIRE + [ORCHARD_BYLINE] + ORCHARD + [ORCHARD_SUB]
                           + [OLDTOWN_BYLINE] + OLDTOWN + [OLDTOWN_HEAD]))
    assert ORCHARD_SUB + "\n\n" + ORCHARD_BYLINE + "\n\n" + ORCHARD[0] in doc.text
    assert OLDTOWN_HEAD + "\n\n" + OLDTOWN_BYLINE + "\n\n" + OLDTOWN[0] in doc.text


def test_a_dash_subtitle_alone_that_reads_like_the_byline_under_it_stays_there():
    sub = "——城东古镇发展文化旅游纪实"
    doc = clean_text(_page([FIRE_HEAD] + FIRE + [ORCHARD_BYLINE] + ORCHARD + [sub]
                           + [OLDTOWN_BYLINE] + OLDTOWN))
    assert sub + "\n\n" + OLDTOWN_BYLINE + "\n\n" + OLDTOWN[0] in doc.text
