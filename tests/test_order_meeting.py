"""order: a run that opens with the meeting as its subject (``会议强调，…``) goes to the
only neighbouring article that reports a meeting (``_meeting_suffix``). The paragraphs
below are written for these tests."""

from ocrfix import clean_text
from pagetext import moves as _moves, page as _page

GRAIN_HEAD = "全县秋粮收购工作会议召开"
GRAIN = ["本报讯（记者 马丽）9月20日，全县秋粮收购工作会议召开，副县长李强出席并讲话。",
         "会议强调，各级各部门要切实提高思想认识，加强协调配合，把各项工作抓细抓实，确保群众满意。",
         "会议要求，要加强督促检查，及时发现和解决问题，推动各项任务落地见效，为全年目标打牢基础。"]
ORCHARD_HEAD = "山村果园迎来丰收季"
ORCHARD = ["本报讯（记者 孙涛）金秋时节，北山村的苹果园里果香四溢，果农们忙着采摘、分拣、装箱。",
           "北山村果农老刘告诉记者，今年苹果个大味甜，客商上门收购，二十亩苹果园能卖十多万元。"]


def test_meeting_paragraphs_after_another_article_go_back_to_the_meeting_report():
    page = _page([GRAIN_HEAD] + GRAIN[:1] + [ORCHARD_HEAD] + ORCHARD + GRAIN[1:])
    doc = clean_text(page)
    moves = _moves(doc, "merge_interleaved_articles")
    assert moves and "meeting as its subject" in moves[0].reason
    grain, orchard = doc.text.split("\n\n\n")
    assert grain.strip().endswith("\n\n".join(GRAIN))
    assert orchard.strip().endswith(ORCHARD[1])


def test_meeting_paragraphs_between_two_meeting_reports_stay():
    lead = ORCHARD[0].replace("金秋时节，北山村的苹果园里", "北山村召开果农大会，会场外苹果园里")
    page = _page([GRAIN_HEAD] + GRAIN[:1] + [ORCHARD_HEAD, lead] + ORCHARD[1:] + GRAIN[1:])
    assert not _moves(clean_text(page), "merge_interleaved_articles")


def test_meeting_paragraphs_under_a_second_article_that_reports_a_meeting_stay():
    # under the orchard article a headerless report of another meeting opens with 本报讯:
    # the meeting paragraphs after it are that report's
    other = "本报讯（记者 何平）9月21日，全县农机安全生产会议召开，部署秋收农机安全工作。"
    page = _page([GRAIN_HEAD] + GRAIN[:1] + [ORCHARD_HEAD] + ORCHARD + [other] + GRAIN[1:])
    assert not _moves(clean_text(page), "merge_interleaved_articles")


# -- an article printed without a header at the page start -------------------------------------
def test_rest_of_a_headerless_brief_at_the_page_start_goes_back_to_it():
    # the grain report has no header (a brief that opens with 本报讯); its meeting
    # paragraphs were printed after the orchard article
    page = _page(GRAIN[:1] + [ORCHARD_HEAD] + ORCHARD + GRAIN[1:])
    doc = clean_text(page)
    assert _moves(doc, "merge_interleaved_articles")
    assert doc.text.index(GRAIN[2]) < doc.text.index(ORCHARD_HEAD)


def test_page_start_without_an_opening_keeps_what_follows_the_next_article():
    # the page starts mid-article (no 本报讯, no byline): it may be continued from another
    # page, and nothing is moved up to it
    page = _page([GRAIN[1][5:]] + [ORCHARD_HEAD] + ORCHARD + GRAIN[2:])
    assert not _moves(clean_text(page), "merge_interleaved_articles")


# -- a line cut from a paragraph's head, taken for a header ------------------------------------
ORCHARD_TAIL = ["下一步，北山村将为苹果注册品牌，建设苹果冷库，让北山村果农的苹果错峰上市、卖上好价钱。"]
ORCHARD_CUT = ["北山村果农老刘告诉记者", "苹果树修剪得好，来年苹果坐果多，北山村苹果合作社统一收购果农的苹果。"]


def test_tail_does_not_land_above_the_rest_of_its_article():
    # the orchard article goes on under a cut line taken for a header: the end of the
    # orchard region is not the article's end, so its tail is not moved there
    page = _page(GRAIN + ORCHARD_TAIL + [ORCHARD_HEAD, ORCHARD[0]] + ORCHARD_CUT
                 + ["城东大桥主体完工", "本报讯（记者 郑军）城东大桥主体工程完工，大桥全长八百米，双向六车道。"])
    doc = clean_text(page)
    moves = _moves(doc, "move_tail")
    assert not moves or doc.text.index(ORCHARD_TAIL[0]) > doc.text.index(ORCHARD_CUT[1])


# -- two tails on one page: the one leaving a region goes first -------------------------------
APPLE_HEAD = "北山村苹果喜获丰收"
APPLE = ["本报讯（记者 孙涛）金秋时节，北山村的苹果园里果香四溢，果农们忙着采摘苹果、分拣苹果、装箱。",
         "北山村果农老刘告诉记者，今年苹果个大味甜，客商到苹果园上门收购，二十亩苹果园能卖十多万元。",
         "北山村苹果合作社统一收购果农的苹果，统一销售，让北山村苹果卖上好价钱。"]
APPLE_TAIL = "下一步，北山村苹果合作社将为苹果注册品牌，建设苹果冷库，让北山村果农的苹果错峰上市。"
BRIDGE_HEAD = "城东大桥主体完工"
BRIDGE = ["本报讯（记者 郑军）城东大桥主体工程完工，大桥全长八百米，双向六车道，大桥钢箱梁全部吊装到位。",
          "施工单位介绍，大桥下一步将进行桥面铺装和护栏安装，城东大桥预计年底建成通车。"]
BRIDGE_TAIL = "城东大桥通车后，城东新区到老城区的车程将缩短二十分钟，大桥两岸的交通压力将明显缓解。"
FIELD = ["县一中新建操场投入使用",
         "本报讯（记者 冯雪）县一中新建塑胶操场投入使用，操场设有标准跑道和篮球场，学生在操场上体育锻炼。"]


def test_tail_leaving_a_region_moves_before_another_tail_arrives_there():
    # the apple tail tops the page; the bridge tail ends the apple region: the bridge
    # tail leaves first, so the apple tail lands after the apple article's own end
    page = _page([APPLE_TAIL, APPLE_HEAD] + APPLE + [BRIDGE_TAIL, BRIDGE_HEAD] + BRIDGE + FIELD)
    doc = clean_text(page)
    apple, bridge, _ = doc.text.split("\n\n\n")
    assert apple.strip().endswith("\n\n".join(APPLE[1:] + [APPLE_TAIL]))
    assert bridge.strip().endswith("\n\n".join(BRIDGE + [BRIDGE_TAIL]))


# -- a speaker's remarks at the page top ---------------------------------------------------------
def test_page_top_speaker_run_reading_like_another_article_stays():
    # the remarks open with 张建华, named in the next article's header, but their words
    # read more like the two reports below it than like that article: at the page top
    # the run is compared with every other article, not with the language at large
    remarks = "张建华强调，各级各部门要切实提高思想认识，压实工作责任，加强协调配合，确保各项工作落到实处、取得实效。"
    page = _page([remarks, "张建华主持召开全县秋粮收购工作会议",
                  "本报讯（记者 马丽）9月20日，县长张建华主持召开全县秋粮收购工作会议，安排部署秋粮收购工作。",
                  "城东大桥主体完工",
                  "本报讯（记者 郑军）城东大桥主体工程完工，有关部门要求各级各部门切实提高认识，压实工作责任，确保大桥按期通车。",
                  "县一中新建操场投入使用",
                  "本报讯（记者 冯雪）县一中新建操场投入使用，教育部门要求各级各部门加强协调配合，确保各项工作落到实处。"])
    assert not _moves(clean_text(page), "move_tail")
