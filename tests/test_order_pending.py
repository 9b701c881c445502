"""order: a tail that cannot leave in this round keeps others from landing after it
(``_move_misplaced_runs``). The paragraphs below are written for these tests."""

from ocrfix import clean_text
from pagetext import moves as _moves, page as _page

MILL_HEAD = "面粉厂技改投产"
MILL = ["本报讯（记者 周宁）5日，城北面粉厂技改项目投产，面粉厂新上两条面粉生产线，日加工小麦六百吨。",
        "面粉厂厂长介绍，技改后面粉厂的面粉出粉率提高两个百分点，面粉厂每年可多收购本地小麦三万吨。",
        "面粉厂还与周边二十个村签订小麦订单，面粉厂按高于市场价收购订单小麦，带动麦农增收。"]
BUS_HEAD = "城乡公交开通新线路"
BUS = ["本报讯（记者 吴越）1日，县城至东山乡的城乡公交新线路开通，公交线路全长三十公里，沿途设站十二个。",
       "新线路开通后，东山乡群众乘公交进城只需四十分钟，公交票价两元，老年人乘公交免费。",
       "县公交公司表示，下一步将在城乡公交线路上投放新能源公交车，城乡公交车辆全部安装定位系统。"]
GYM_HEAD = "全民健身中心开放"
GYM = ["本报讯（记者 郑敏）全民健身中心近日开放，健身中心设有游泳馆、羽毛球馆和健身房。",
       "健身中心开放首周，游泳馆每天接待市民上千人次，羽毛球馆场地需要提前预约。",
       "健身中心负责人说，游泳馆和羽毛球馆将在暑期推出青少年游泳、羽毛球培训班，健身中心培训班免费。"]
RIVER_HEAD = "城西河道治理工程开工"
RIVER = ["本报讯（记者 冯涛）3日，城西河道治理工程开工，河道治理长度八公里，将新建河道堤防和河道绿道。",
         "河道治理工程完工后，城西河道防洪标准将由二十年一遇提高到五十年一遇，河道两岸建成滨河公园。",
         "施工单位表示，河道治理工程汛期前完成河道清淤和堤防加固，确保河道安全度汛。"]


def _tail_chain(articles: list[tuple[str, list[str]]]) -> str:
    """A page of articles each printed with the next one's last paragraph at its end,
    before that article's header (the first article's tail is its own)."""
    blocks = [articles[0][0]] + articles[0][1][:2]
    for head, paras in articles[1:]:
        blocks += paras[2:] + [head] + paras[:2]
    return _page(blocks)


def test_tail_waits_until_the_tail_in_front_of_it_has_left():
    # every article's last paragraph is printed before its header, at the end of the
    # article above: the bus tail would land after the gym tail, which cannot leave in
    # the same round (its place is taken by the river tail arriving), and buried under
    # the bus tail it would never leave; the bus tail waits a round instead
    doc = clean_text(_tail_chain([(MILL_HEAD, MILL), (BUS_HEAD, BUS), (GYM_HEAD, GYM),
                                  (RIVER_HEAD, RIVER)]))
    assert len(_moves(doc, "move_tail")) == 3
    at = [doc.text.index(p) for p in MILL[:2] + BUS + GYM + RIVER]
    assert at == sorted(at)


TEA_HEAD = "南山茶园迎来采茶季"
TEA = ["本报讯（记者 孟丽）清明前后，南山茶园迎来采茶季，茶农们忙着采摘明前茶，茶园里一派繁忙。",
       "南山茶园今年新栽茶苗三百亩，茶园引进了采茶机，茶叶加工厂日加工鲜茶叶五吨。",
       "茶叶合作社负责人说，今年南山茶叶通过电商销往全国，茶农每亩茶园增收两千元。"]


def test_tail_lands_where_the_tail_before_it_left_in_the_same_round():
    # four articles each end with the next one's tail: the tail arriving at a region whose
    # own last paragraph leaves in this round lands after what stays, so all four go home
    # in one round (waiting a round each, the last would still be waiting when the rounds
    # run out)
    doc = clean_text(_tail_chain([(MILL_HEAD, MILL), (BUS_HEAD, BUS), (GYM_HEAD, GYM),
                                  (RIVER_HEAD, RIVER), (TEA_HEAD, TEA)]))
    assert len(_moves(doc, "move_tail")) == 4
    at = [doc.text.index(p) for p in MILL[:2] + BUS + GYM + RIVER + TEA]
    assert at == sorted(at)
