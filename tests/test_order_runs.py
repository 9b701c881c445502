"""order: which runs of paragraphs may move and where they land (``_article_regions``,
``MAX_REST``). The paragraphs below are written for these tests."""

from ocrfix import clean_text
from ocrfix.stages import order
from pagetext import moves as _moves, page as _page

TUNNEL_HEAD = "青龙山隧道顺利贯通"
TUNNEL = [
    "本报讯（记者 韩冰）11月8日，青龙山隧道顺利贯通，青龙山隧道全长四千二百米，是青龙山公路的控制性工程。",
    "青龙山隧道穿越青龙山断层带，围岩破碎，施工单位采用超前地质预报，青龙山隧道掘进日均六米。",
    "为保障青龙山隧道施工安全，项目部在青龙山隧道洞内布设了监测点，隧道拱顶沉降实时上传。",
    "青龙山隧道施工高峰期，隧道掘进工人分三班作业，项目部为隧道工人建了保暖宿舍和食堂。",
    "青龙山隧道出口段遇到涌水，项目部连夜调来抽水泵，隧道涌水三天后得到控制，青龙山隧道恢复掘进。",
    "青龙山隧道贯通后，隧道二衬和路面施工随即展开，青龙山隧道机电安装计划明年三月完成。",
    "项目负责人介绍，青龙山隧道通车后，青龙山南北两侧的车程将由两小时缩短为二十分钟。",
    "青龙山沿线群众说，盼了多年的青龙山隧道终于贯通，青龙山的山货以后出山就方便了。",
    "下一步，青龙山公路项目部将加快青龙山隧道附属工程建设，确保青龙山公路年底具备通车条件。",
]
LIBRARY_HEAD = "社区图书馆开馆"
LIBRARY = ["本报讯（记者 钱红）10日，城南社区图书馆开馆，图书馆藏书两万册，设有儿童阅览室。",
           "开馆当天，不少居民带着孩子来到社区图书馆借书，图书馆还为居民办理了借阅证。"]


def test_long_rest_of_an_article_after_the_one_printed_inside_it_goes_back():
    # the tunnel report is cut after its first paragraph; the library report is printed
    # inside it and eight tunnel paragraphs follow: more than a tail's MAX_RUN
    page = _page([TUNNEL_HEAD] + TUNNEL[:1] + [LIBRARY_HEAD] + LIBRARY + TUNNEL[1:])
    assert len(TUNNEL) - 1 > order.MAX_RUN
    doc = clean_text(page)
    assert _moves(doc, "merge_interleaved_articles")
    at = [doc.text.index(p) for p in TUNNEL + LIBRARY]
    assert at == sorted(at)


FAIR_HEAD = "县城举办农产品展销会"
FAIR = ["本报讯（记者 林涛）国庆期间，县城广场举办农产品展销会，小米、红枣、核桃等特色农产品受到市民青睐。",
        "展销会上，红枣合作社的摊位前挤满了市民，红枣合作社负责人说，三天卖出红枣两千多斤。"]
FAIR_TAIL = ["展销会期间，核桃、小米和红枣的线上直播带货同步进行，展销会线上线下销售额突破三百万元。"]
CLINIC = ["本报讯（记者 钱红）近日，县医院组织医生深入乡村开展义诊，为群众免费测量血压血糖。",
          "义诊现场，医生们耐心解答群众的健康问题，发放健康知识手册三百余份。"]


def test_rest_of_an_article_goes_back_from_before_a_headerless_brief():
    # the library report is printed inside the fair report; the fair's rest follows it,
    # and under that a clinic brief opens with 本报讯 without a header of its own: the
    # fair's rest is at the end of the library article, not at the end of its region
    page = _page([FAIR_HEAD] + FAIR + [LIBRARY_HEAD] + LIBRARY + FAIR_TAIL + CLINIC)
    doc = clean_text(page)
    assert _moves(doc, "merge_interleaved_articles")
    at = [doc.text.index(p) for p in FAIR + FAIR_TAIL + LIBRARY + CLINIC]
    assert at == sorted(at)


def test_a_dateline_inside_a_region_starts_an_article_region():
    page = _page([FAIR_HEAD] + FAIR + CLINIC)
    from ocrfix.config import Config
    from ocrfix.doc import Doc
    blocks = Doc(page).blocks()
    regs = order._article_regions(blocks, Config())
    assert [(r.header, r.body) for r in regs] == [((0,), (1, 2)), ((), (3, 4))]


def test_rest_holding_a_clause_moved_earlier_goes_back_by_moving_the_article_between():
    # the fair's rest ends with a clause an earlier stage moved back to it (an orphan):
    # the log cannot move moved text again, so the library report between moves instead
    from ocrfix.config import Config
    from ocrfix.doc import Doc
    rest, clause = FAIR_TAIL[0][:-8], FAIR_TAIL[0][-8:]
    text = _page([FAIR_HEAD] + FAIR + [clause, LIBRARY_HEAD] + LIBRARY + [rest])
    doc = Doc(text)
    with doc.batch("orphans") as b:  # what the orphans stage does: clause to its paragraph
        blocks = doc.blocks()
        c, end = blocks[3], blocks[-1]
        b.move(c.start, c.end, end.end, "attach_orphan", 0.9, "clause to its paragraph")
        b.delete(blocks[2].end, c.start, "attach_orphan", 0.9, "blank line left")
    assert FAIR_TAIL[0] in doc.text
    order.merge_interleaved_articles(doc, Config())
    assert _moves(doc, "merge_interleaved_articles")
    at = [doc.text.index(p) for p in FAIR + FAIR_TAIL + [LIBRARY_HEAD] + LIBRARY]
    assert at == sorted(at)


def test_a_region_of_headers_only_offers_no_run():
    # a header run with no body under it (a banner before the next header) has nothing
    # to move, whichever side the other region is on
    from ocrfix.config import Config
    from ocrfix.doc import Doc
    blocks = Doc(_page([FAIR_HEAD] + FAIR)).blocks()
    home, other = order.Region((0,), ()), order.Region((), (1, 2))
    assert list(order._candidate_runs(home, other, blocks, Config())) == []


LIBRARY_TAIL = "图书馆负责人介绍，社区图书馆每周开放六天，图书馆还将定期举办亲子阅读活动和读书分享会。"


def test_a_stray_clause_over_the_dateline_lead_does_not_cut_the_article():
    # under the library header a short stray clause stands before the 本报讯 lead: the
    # lead is the library article's own, not a second article under it
    from ocrfix.config import Config
    from ocrfix.doc import Doc
    blocks = Doc(_page([LIBRARY_HEAD, "为居民提供了读书新去处。"] + LIBRARY)).blocks()
    assert [(r.header, r.body) for r in order._article_regions(blocks, Config())] == \
        [((0,), (1, 2, 3))]
