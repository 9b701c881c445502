"""geometry.split_columns: columns an OCR engine read as one region, line across line.

Lines are built here word by word with their boxes (40 px characters, two columns of
ten characters with a two-character gutter), as Tesseract writes them when it misses a
narrow gutter; the text is written for the tests."""

from ocrfix.geometry import Box, PageGeometry, Region, TextLine, build_doc, split_columns

C = 40  # pixels per character
LEFT, RIGHT = 0, 12 * C  # the two columns start here; the gutter is 10C..12C


def _words(text: str, x: int, y: int) -> list[tuple[str, Box]]:
    return [(ch, Box(x + k * C, y, x + (k + 1) * C, y + C)) for k, ch in enumerate(text)]


def _line(n: int, left: str, right: str, extra=()) -> TextLine:
    y = n * 60
    words = _words(left, LEFT, y) + list(extra) + _words(right, RIGHT, y)
    return TextLine(f"l{n}", Box.union([b for _, b in words]), left + right, tuple(words))


LEFT_COL = ["近年来我市大力推进", "城乡规划建设管理，", "城市功能不断完善，", "人居环境明显改善。",
            "会议要求各地抓好落", "实，确保取得实效。"]
RIGHT_COL = ["会后双方举行工作会", "谈，就交通项目建设", "进行深入交流。双方", "表示将进一步加强沟",
             "通协作，推动项目早", "日落地见效。"]


def _region(lines) -> Region:
    return Region("r", Box.union([ln.box for ln in lines]), tuple(lines))


def test_lines_read_across_a_gutter_are_cut_into_their_columns():
    region = _region([_line(n, a, b) for n, (a, b) in enumerate(zip(LEFT_COL, RIGHT_COL))])
    cols = split_columns(region)
    assert [[ln.text for ln in r.lines] for r in cols] == [LEFT_COL, RIGHT_COL]
    doc = build_doc(PageGeometry(RIGHT + 10 * C, 400, tuple(cols), "hocr"), "p")
    assert doc.source.index("实，确保取得实效。") < doc.source.index("会后双方举行工作会")


def test_marks_an_engine_reads_in_the_gutter_do_not_hide_it():
    noise = [("，”", Box(10 * C + 10, n * 60, 11 * C, n * 60 + C)) for n in range(6)]
    region = _region([_line(n, a, b, [noise[n]]) for n, (a, b) in
                      enumerate(zip(LEFT_COL, RIGHT_COL))])
    cols = split_columns(region)
    assert len(cols) == 2 and cols[1].lines[0].text == RIGHT_COL[0]
    assert cols[0].lines[0].text.startswith(LEFT_COL[0])  # the mark closes the left line


def test_a_headline_across_the_columns_stays_whole_between_the_bands():
    lines = [_line(n, a, b) for n, (a, b) in enumerate(zip(LEFT_COL[:3], RIGHT_COL[:3]))]
    head_words = [(ch, Box(k * 2 * C, 200, (k + 1) * 2 * C, 200 + 2 * C))
                  for k, ch in enumerate("全市召开项目建设推进会")]
    head = TextLine("h", Box.union([b for _, b in head_words]), "全市召开项目建设推进会",
                    tuple(head_words))
    lower = [_line(n + 5, a, b) for n, (a, b) in enumerate(zip(LEFT_COL[3:], RIGHT_COL[3:]))]
    cols = split_columns(_region(lines + [head] + lower))
    assert [r.lines[0].text for r in cols] == [LEFT_COL[0], RIGHT_COL[0], "全市召开项目建设推进会",
                                               LEFT_COL[3], RIGHT_COL[3]]


def test_one_column_with_a_space_at_the_same_place_in_some_lines_is_not_cut():
    """A typeset space (记者 王洋) that happens to fall at one place in a few lines leaves
    a column too narrow to be one: no gutter."""
    lines = []
    for n in range(6):
        words = _words("报", 0, n * 60) + _words("记者王洋报道会议召开情况", 2 * C, n * 60)
        lines.append(TextLine(f"l{n}", Box.union([b for _, b in words]), "", tuple(words)))
    assert split_columns(_region(lines)) == [_region(lines)]


def test_a_single_column_region_is_left_as_it_is():
    lines = [_line(n, a, "") for n, a in enumerate(LEFT_COL)]
    region = _region(lines)
    assert split_columns(region) == [region]


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


# -- printed lines boxed in pieces (join_line_pieces) ----------------------------------------
def test_pieces_of_the_same_lines_listed_as_regions_are_read_as_whole_lines():
    """An engine boxed two lines of a column in two pieces each (split at a typeset
    space) and listed each side as a region: the left pieces of both lines must not be
    read before the right ones."""
    from ocrfix.geometry import join_line_pieces

    left = [TextLine(f"a{n}", Box.union([b for _, b in _words(t, 0, n * 60)]), t,
                     tuple(_words(t, 0, n * 60))) for n, t in enumerate(("本报讯", "刘晋萍强"))]
    right = [TextLine(f"b{n}", Box.union([b for _, b in _words(t, 4 * C, n * 60)]), t,
                      tuple(_words(t, 4 * C, n * 60)))
             for n, t in enumerate(("记者王洋报道", "调，要抓好落实"))]
    regions = join_line_pieces([_region(right), _region(left)])
    assert len(regions) == 1
    # a one-character gap is a typeset space (本报讯 记者); touching pieces join directly
    assert [ln.text for ln in regions[0].lines] == ["本报讯 记者王洋报道", "刘晋萍强调，要抓好落实"]


def test_two_columns_a_gutter_apart_are_not_pieces_of_one_line():
    from ocrfix.geometry import join_line_pieces

    left = [_line(n, a, "") for n, a in enumerate(LEFT_COL[:3])]
    right = [_line(n, "", b) for n, b in enumerate(RIGHT_COL[:3])]
    assert len(join_line_pieces([_region(left), _region(right)])) == 2
