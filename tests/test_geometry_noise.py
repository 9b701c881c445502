"""geometry: what the engine read into a picture (rule ``picture_noise``), on hOCR
written for the tests: a paragraph of text, then a block the engine read with little
confidence, as Tesseract reads the grey of a photo."""

import pytest

BODY = [("本报讯（记者 王洋）12月3日，全市冬季农田水利建设现场会在城关镇召开。", 91),
        ("会议要求，各地要抓住冬闲时节，加快推进水利工程建设。", 92)]


def _hocr(blocks: list[list[tuple[str, int]]]) -> bytes:
    """An hOCR page of one column: each block one paragraph, each (text, confidence
    0–100) one line of one word, 40 px a character, blocks 200 px apart."""
    areas, y = [], 100
    for b, lines in enumerate(blocks):
        spans = []
        for k, (text, conf) in enumerate(lines):
            box = f"100 {y} {100 + 40 * len(text)} {y + 40}"
            spans.append(f"<span class='ocr_line' id='l{b}_{k}' title='bbox {box}'>"
                         f"<span class='ocrx_word' id='w{b}_{k}' title='bbox {box}; "
                         f"x_wconf {conf}'>{text}</span></span>")
            y += 50
        areas.append(f"<div class='ocr_carea' id='b{b}' title='bbox 100 {y - 50 * len(lines)} "
                     f"3000 {y}'><p class='ocr_par'>{''.join(spans)}</p></div>")
        y += 200
    return ("<html><body><div class='ocr_page' title='bbox 0 0 3200 3000'>"
            f"{''.join(areas)}</div></body></html>").encode()


def _clean(blocks):
    from ocrfix import Config
    from ocrfix.pipeline import Pipeline
    from ocrfix.readers import read_any

    return Pipeline()(read_any(_hocr(blocks), name="p.hocr"), Config())


def test_a_short_block_the_engine_read_with_no_confidence_is_removed_as_noise():
    doc = _clean([BODY[:1], [("池巩渴进兰", 0)], BODY[1:]])
    assert "池巩渴进兰" not in doc.text
    assert "城关镇召开" in doc.text and "水利工程建设" in doc.text
    (edit,) = [e for e in doc.edits if e.rule == "picture_noise"]
    assert edit.stage == "geometry" and edit.role == "garbage" and "0.00" in edit.reason


@pytest.mark.parametrize("block", [
    [("优势。", 40)],                            # doubted, but above the bar
    [("到", 0)],                                 # one character: as often a real one
    [("冬闲时节各地要组织群众开展农田水利建设，确保工程质量", 10)],  # long: text to keep
])
def test_a_block_that_is_not_clearly_picture_noise_stays(block):
    doc = _clean([BODY[:1], block, BODY[1:]])
    assert block[0][0] in doc.text.replace("\n", "")
    assert not [e for e in doc.edits if e.rule == "picture_noise"]


def test_picture_noise_can_be_switched_off():
    from ocrfix import Config
    from ocrfix.pipeline import Pipeline
    from ocrfix.readers import read_any

    doc = Pipeline()(read_any(_hocr([BODY[:1], [("池巩渴进兰", 0)], BODY[1:]]), name="p.hocr"),
                     Config(disabled_rules=frozenset({"picture_noise"})))
    assert "池巩渴进兰" in doc.text
