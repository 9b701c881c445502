"""geometry: what a block's place on the page says, on hOCR written for the tests — a
caption under a picture (rule ``caption_under_picture``: two columns of text, an empty
area where a photo was printed, a short line of small type across both columns under it,
then two more columns), and the running head in the top strip (``band_furniture``)."""

import pytest

COL = 600  # a column's width in px; a character is LH px wide and high
LH = 40
LEFT = ["近日，县林业局组织干部职工和志愿者来到北山", "开展义务植树活动，大家挥锹铲土、扶苗填坑，",
        "干劲十足。此次活动共栽种侧柏、油松等苗木两", "千余株，绿化荒山一百余亩，进一步改善了生态。"]
RIGHT = ["县林业局负责人介绍，今年全县计划完成营造林", "五万亩，将持续推进国土绿化行动，加强森林防",
         "火和林业有害生物防治，巩固造林绿化成果，让", "群众在家门口享受到更多绿色福利和生态红利。"]
BELOW = ["下一步，县林业局将加强苗木管护，落实管护责", "任，定期浇水、除草、防治病虫害，确保栽一棵",
         "活一棵。同时，广泛宣传植树造林的重要意义，", "引导更多群众参与到国土绿化行动中来。"]
CAPTION = "志愿者在北山栽种侧柏。"


def _area(n: int, x: int, y: int, lines: list[str], lh: int = LH, width: int = COL) -> str:
    spans = []
    for k, text in enumerate(lines):
        box = f"{x} {y + k * (lh + 10)} {x + width} {y + k * (lh + 10) + lh}"
        spans.append(f"<span class='ocr_line' id='l{n}_{k}' title='bbox {box}'>"
                     f"<span class='ocrx_word' id='w{n}_{k}' title='bbox {box}; x_wconf 92'>"
                     f"{text}</span></span>")
    bottom = y + len(lines) * (lh + 10)
    return (f"<div class='ocr_carea' id='b{n}' title='bbox {x} {y} {x + width} {bottom}'>"
            f"<p class='ocr_par'>{''.join(spans)}</p></div>")


def _page(under_picture: str) -> bytes:
    areas = [_area(0, 100, 100, LEFT), _area(1, 800, 100, RIGHT),
             under_picture,  # the picture fills y 310–750
             _area(3, 100, 1000, BELOW), _area(4, 800, 1000, RIGHT[:1])]
    return ("<html><body><div class='ocr_page' title='bbox 0 0 1500 1400'>"
            f"{''.join(areas)}</div></body></html>").encode()


def _clean(data: bytes):
    from ocrfix import Config
    from ocrfix.pipeline import Pipeline
    from ocrfix.readers import read_any

    return Pipeline()(read_any(data, name="p.hocr"), Config())


def test_a_wide_line_of_small_type_under_a_picture_is_its_caption():
    doc = _clean(_page(_area(2, 100, 760, [CAPTION], lh=34, width=1300)))
    assert CAPTION not in doc.text
    (edit,) = [e for e in doc.edits if e.rule == "caption_under_picture"]
    assert edit.role == "caption" and "empty area" in edit.reason
    assert "生态" in doc.text and "国土绿化行动中来" in doc.text


def test_the_captions_next_line_with_its_credit_goes_with_it():
    doc = _clean(_page(_area(2, 100, 760, [CAPTION, "记者 宁晓峰"], lh=34, width=1300)))
    assert CAPTION not in doc.text and "宁晓峰" not in doc.text
    assert len([e for e in doc.edits if e.rule == "caption_under_picture"]) >= 1


@pytest.mark.parametrize("under_picture", [
    _area(2, 100, 760, ["全县春季植树造林"], lh=60, width=1300),   # a headline: large type
    _area(2, 100, 760, [CAPTION], lh=34, width=COL),                 # a column wide
], ids=["headline", "column"])
def test_a_headline_or_a_column_under_white_space_stays(under_picture):
    doc = _clean(_page(under_picture))
    assert not [e for e in doc.edits if e.rule == "caption_under_picture"]
    assert ("全县春季植树造林" in doc.text) or (CAPTION in doc.text)


def test_a_subtitle_in_the_top_strip_is_no_running_head():
    # the engine lost the headline: the subtitle is the first text under the running
    # head, in small type, in the page's top strip; a dash opens it, which no running
    # head or folio does
    head, sub = "云岭晚报 第3版 要闻", "——全县春季植树造林活动综述"
    page = ("<html><body><div class='ocr_page' title='bbox 0 0 1500 1400'>"
            + _area(0, 100, 20, [head], lh=24) + _area(1, 100, 60, [sub], lh=30)
            + _area(2, 100, 130, LEFT) + _area(3, 800, 130, RIGHT)
            + "</div></body></html>").encode()
    doc = _clean(page)
    assert head not in doc.text and any(e.rule == "band_furniture" for e in doc.edits)
    assert "全县春季植树造林活动综述" in doc.text


@pytest.mark.parametrize("head_size", [24, 48])
def test_a_headline_under_the_running_head_in_the_top_strip_stays(head_size):
    # the running head is the page's first row (in small type, or set as large as the
    # headline); the headline under it is in the top strip too, in type larger than the
    # body's, and is no running head
    head, title = "云岭晚报 第3版 要闻", "全县春季植树造林"
    page = ("<html><body><div class='ocr_page' title='bbox 0 0 1500 3000'>"
            + _area(0, 100, 20, [head], lh=head_size) + _area(1, 100, 80, [title], lh=48)
            + _area(2, 100, 150, LEFT) + _area(3, 800, 150, RIGHT)
            + "</div></body></html>").encode()
    doc = _clean(page)
    assert head not in doc.text and any(e.rule == "band_furniture" for e in doc.edits)
    assert title in doc.text
