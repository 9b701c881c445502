"""geometry: quote marks an engine doubted (rule ``doubtful_mark``), on hOCR written for
the tests. Column segmentation is tested in ``test_segment.py``."""


# -- doubtful marks (geometry stage, rule doubtful_mark) ------------------------------------
def _hocr(words: list[tuple[str, int]]) -> bytes:
    """One paragraph line of an hOCR page: (word, confidence 0–100), 40 px a character."""
    spans, x = [], 100
    for k, (text, conf) in enumerate(words):
        w = 40 * len(text)
        spans.append(f"<span class='ocrx_word' id='w{k}' title='bbox {x} 100 {x + w} 140; "
                     f"x_wconf {conf}'>{text}</span>")
        x += w
    return ("<html><body><div class='ocr_page' title='bbox 0 0 2000 1000'>"
            "<div class='ocr_carea' title='bbox 100 100 1900 140'><p class='ocr_par'>"
            f"<span class='ocr_line' title='bbox 100 100 {x} 140'>{''.join(spans)}</span>"
            "</p></div></div></body></html>").encode()


def _clean_hocr(data: bytes):
    from ocrfix import Config
    from ocrfix.pipeline import Pipeline
    from ocrfix.readers import read_any

    return Pipeline()(read_any(data, name="p.hocr"), Config())


def test_a_quote_mark_the_engine_doubted_is_read_as_the_space_it_stands_in():
    doc = _clean_hocr(_hocr([("本报讯（记者", 90), ("”", 12), ("李雅萍）12月3日，全市会议召开。", 91)]))
    assert "”" not in doc.text and "李雅萍" in doc.text
    (edit,) = [e for e in doc.edits if e.rule == "doubtful_mark"]
    assert edit.stage == "geometry" and edit.before == "”" and "confidence" in edit.reason


def test_a_quote_mark_read_with_confidence_stays():
    doc = _clean_hocr(_hocr([("会议强调，要坚持", 90), ("“", 92), ("两个确立", 93), ("”", 90),
                             ("，推动工作落实。", 91)]))
    assert "“两个确立”" in doc.text
    assert not [e for e in doc.edits if e.rule == "doubtful_mark"]


def test_a_doubted_word_with_letters_in_it_is_not_a_mark():
    doc = _clean_hocr(_hocr([("会议强调，要坚持", 90), ("”两", 20), ("个确立，推动工作落实。", 91)]))
    assert "两个确立" in doc.text and not [e for e in doc.edits if e.rule == "doubtful_mark"]


# -- suspect marks: a quote mark inside a doubted word (rule suspect_mark) ------------------
def test_a_quote_mark_in_a_doubted_word_with_no_partner_is_dropped():
    doc = _clean_hocr(_hocr([("会议要求，推进相", 91), ("”关工作", 45), ("落实落细。", 92)]))
    assert "推进相关工作落实落细" in doc.text and "”" not in doc.text
    (edit,) = [e for e in doc.edits if e.rule == "suspect_mark"]
    assert edit.stage == "geometry" and edit.before == "”" and "partner" in edit.reason


def test_a_quote_mark_in_a_doubted_word_keeps_its_partner():
    doc = _clean_hocr(_hocr([("会议强调，要坚持“两个", 91), ("确立”", 45), ("，推动工作落实。", 92)]))
    assert "“两个确立”" in doc.text
    assert not [e for e in doc.edits if e.rule == "suspect_mark"]


def test_an_opening_mark_with_no_closing_one_after_it_is_dropped():
    doc = _clean_hocr(_hocr([("全面开展", 91), ("“购买", 40), ("服务，加强监管。", 92)]))
    assert "全面开展购买服务" in doc.text


def test_an_unpartnered_mark_in_a_confident_word_stays():
    doc = _clean_hocr(_hocr([("全市上下", 91), ("开心。”说起", 90), ("日间照料中心。", 92)]))
    assert "开心。”说起" in doc.text
    assert not [e for e in doc.edits if e.rule == "suspect_mark"]


def _hocr_lines(lines: list[list[tuple[str, int]]]) -> bytes:
    """One paragraph of several printed lines (each a list of (word, confidence 0–100)),
    40 px a character, every line full to the column's right edge at x = 1300."""
    spans = []
    for n, words in enumerate(lines):
        y, x, parts = 100 + 50 * n, 100, []
        for k, (text, conf) in enumerate(words):
            w = 40 * len(text) if k + 1 < len(words) else 1300 - x
            parts.append(f"<span class='ocrx_word' id='w{n}_{k}' title='bbox {x} {y} {x + w} "
                         f"{y + 40}; x_wconf {conf}'>{text}</span>")
            x += w
        spans.append(f"<span class='ocr_line' id='l{n}' title='bbox 100 {y} 1300 {y + 40}'>"
                     f"{''.join(parts)}</span>")
    return ("<html><body><div class='ocr_page' title='bbox 0 0 2000 1000'>"
            "<div class='ocr_carea' title='bbox 100 100 1300 400'><p class='ocr_par'>"
            f"{''.join(spans)}</p></div></div></body></html>").encode()


def test_a_doubted_closing_mark_opening_a_printed_line_is_dropped_even_with_a_partner():
    # a closing quote never opens a line in Chinese type; the “ before it has its own ”
    doc = _clean_hocr(_hocr_lines([[("他说：“今年全市重点推进", 92)],
                                   [("”十大", 60), ("工程”，确保如期完成。", 92)]]))
    assert "“今年全市重点推进十大工程”" in doc.text
    (edit,) = [e for e in doc.edits if e.rule == "suspect_mark"]
    assert "opening a printed line" in edit.reason


def test_a_confident_closing_mark_opening_a_line_stays():
    doc = _clean_hocr(_hocr_lines([[("他说：“今年全市重点推进十大工程", 92)],
                                   [("”，确保如期完成。", 92)]]))
    assert "十大工程”，确保" in doc.text
    assert not [e for e in doc.edits if e.rule == "suspect_mark"]
