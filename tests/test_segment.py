"""segment: the page segmented again from its lines — columns an engine read as one,
columns it kept apart under a headline, lines it boxed in pieces, its block breaks.

Lines are built here word by word with their boxes (40 px characters, two columns of
ten characters with a two-character gutter), as Tesseract writes them; the text is
written for the tests."""

from ocrfix.geometry import Box, PageGeometry, Region, TextLine, build_doc
from ocrfix.segment import page_geometry, segment

C = 40  # pixels per character
LEFT, RIGHT = 0, 12 * C  # the two columns start here; the gutter is 10C..12C
PITCH = 60  # line pitch: 20 px of leading

LEFT_COL = ["近年来我市大力推进", "城乡规划建设管理，", "城市功能不断完善，", "人居环境明显改善。",
            "会议要求各地抓好落", "实，确保取得实效。"]
RIGHT_COL = ["会后双方举行工作会", "谈，就交通项目建设", "进行深入交流。双方", "表示将进一步加强沟",
             "通协作，推动项目早", "日落地见效。"]


def _words(text: str, x: int, y: int, size: int = C) -> list[tuple[str, Box]]:
    return [(ch, Box(x + k * size, y, x + (k + 1) * size, y + size)) for k, ch in enumerate(text)]


def _text_line(ident: str, words) -> TextLine:
    return TextLine(ident, Box.union([b for _, b in words]), "".join(t for t, _ in words),
                    tuple(words))


def _line(n: int, left: str, right: str, extra=()) -> TextLine:
    """Printed line ``n`` of both columns, read by the engine as one line."""
    y = n * PITCH
    return _text_line(f"l{n}", _words(left, LEFT, y) + list(extra) + _words(right, RIGHT, y))


def _region(lines, rid: str = "r") -> Region:
    return Region(rid, Box.union([ln.box for ln in lines]), tuple(lines))


def _runs(regions) -> list[list[str]]:
    return [[ln.text for ln in r.lines] for r, _ in segment(regions)]


def _source(regions) -> str:
    box = Box.union([r.box for r in regions])
    return build_doc(page_geometry(box.x1, box.y1, regions, "hocr"), "p").source


def test_lines_read_across_a_gutter_are_cut_into_their_columns():
    region = _region([_line(n, a, b) for n, (a, b) in enumerate(zip(LEFT_COL, RIGHT_COL))])
    assert _runs([region]) == [LEFT_COL, RIGHT_COL]
    source = _source([region])
    assert source.index("实，确保取得实效。") < source.index("会后双方举行工作会")


def test_marks_an_engine_reads_in_the_gutter_do_not_hide_it():
    noise = [("，”", Box(10 * C + 10, n * PITCH, 11 * C, n * PITCH + C)) for n in range(6)]
    region = _region([_line(n, a, b, [noise[n]]) for n, (a, b) in
                      enumerate(zip(LEFT_COL, RIGHT_COL))])
    runs = _runs([region])
    assert len(runs) == 2 and runs[1][0] == RIGHT_COL[0]
    assert runs[0][0].startswith(LEFT_COL[0])  # the mark closes the left line


def _headline(y: int, text: str = "全市召开项目建设推进会") -> TextLine:
    return _text_line("h", _words(text, 0, y, 2 * C))


def test_a_headline_across_the_columns_stays_whole_between_the_bands():
    upper = [_line(n, a, b) for n, (a, b) in enumerate(zip(LEFT_COL[:3], RIGHT_COL[:3]))]
    lower = [_line(n + 5, a, b) for n, (a, b) in enumerate(zip(LEFT_COL[3:], RIGHT_COL[3:]))]
    runs = _runs([_region(upper + [_headline(3 * PITCH + 10)] + lower)])
    assert [run[0] for run in runs] == [LEFT_COL[0], RIGHT_COL[0], "全市召开项目建设推进会",
                                        LEFT_COL[3], RIGHT_COL[3]]


def test_columns_kept_apart_under_a_headline_across_them_are_read_one_after_the_other():
    """The engine boxed each column's lines apart, but a headline over both columns
    leaves no clean vertical gap: the gutter is still found, and the columns are read
    whole, left then right."""
    head = _headline(0)
    left = [_text_line(f"a{n}", _words(t, LEFT, 2 * C + 20 + n * PITCH))
            for n, t in enumerate(LEFT_COL)]
    right = [_text_line(f"b{n}", _words(t, RIGHT, 2 * C + 20 + n * PITCH))
             for n, t in enumerate(RIGHT_COL)]
    runs = _runs([_region([head] + left + right)])
    assert runs == [["全市召开项目建设推进会"], LEFT_COL, RIGHT_COL]


def test_a_body_line_whose_words_are_boxed_loosely_is_no_headline():
    """Tesseract often boxes a character of 40 px in a box reaching into the leading; the
    line's own box says the type is body type, so the line is cut at the gutter."""
    lines = [_line(n, a, b) for n, (a, b) in enumerate(zip(LEFT_COL, RIGHT_COL))]
    y = 2 * PITCH
    loose = [(t, Box(b.x0, y - 12, b.x1, y + C + 12)) for t, b in lines[2].words[1:]]
    lines[2] = TextLine("l2", Box(0, y, lines[2].box.x1, y + C), lines[2].text,
                        (lines[2].words[0], *loose))
    assert _runs([_region(lines)]) == [LEFT_COL, RIGHT_COL]


def test_one_column_with_a_space_at_the_same_place_in_some_lines_is_not_cut():
    """A typeset space (记者 王洋) that happens to fall at one place in a few lines leaves
    a column too narrow to be one: no gutter."""
    lines = [_text_line(f"l{n}", _words("报", 0, n * PITCH) +
                        _words("记者王洋报道会议召开情况", 2 * C, n * PITCH)) for n in range(6)]
    assert len(segment([_region(lines)])) == 1


def test_a_gap_a_little_taller_than_the_leading_does_not_cut_the_columns_in_rows():
    """Lines 70 px apart (30 px of leading); both columns' lines 2 and 3 stand 36 px
    apart (boxed a little short): that is no row gap, so each column is still read
    whole."""
    lines = []
    for n, (a, b) in enumerate(zip(LEFT_COL, RIGHT_COL)):
        y = n * 70 + (6 if n >= 3 else 0)
        lines += [_text_line(f"a{n}", _words(a, LEFT, y)), _text_line(f"b{n}", _words(b, RIGHT, y))]
    assert _runs([_region(lines)]) == [LEFT_COL, RIGHT_COL]


def test_a_row_gap_of_a_line_or_more_separates_stacked_articles():
    """Two rows of two columns, a line's height apart: the upper row's columns are read
    before the lower row's."""
    upper = [_line(n, a, b) for n, (a, b) in enumerate(zip(LEFT_COL[:4], RIGHT_COL[:4]))]
    lower = [_line(n + 5, a, b) for n, (a, b) in enumerate(zip(LEFT_COL[2:], RIGHT_COL[2:]))]
    assert _runs([_region(upper + lower)]) == [LEFT_COL[:4], RIGHT_COL[:4], LEFT_COL[2:],
                                              RIGHT_COL[2:]]


def test_pieces_of_the_same_lines_listed_as_regions_are_read_as_whole_lines():
    """An engine boxed two lines of a column in two pieces each (split at a typeset
    space) and listed each side as a region: the left pieces of both lines must not be
    read before the right ones."""
    left = [_text_line(f"a{n}", _words(t, 0, n * PITCH)) for n, t in enumerate(("本报讯", "刘晋萍强"))]
    right = [_text_line(f"b{n}", _words(t, 4 * C, n * PITCH))
             for n, t in enumerate(("记者王洋报道", "调，要抓好落实"))]
    # a one-character gap is a typeset space (本报讯 记者); touching pieces join directly
    assert _runs([_region(right, "r2"), _region(left, "r1")]) == \
        [["本报讯 记者王洋报道", "刘晋萍强调，要抓好落实"]]


def test_two_columns_a_gutter_apart_are_not_pieces_of_one_line():
    left = [_line(n, a, "") for n, a in enumerate(LEFT_COL[:3])]
    right = [_line(n, "", b) for n, b in enumerate(RIGHT_COL[:3])]
    assert _runs([_region(left, "r1"), _region(right, "r2")]) == [LEFT_COL[:3], RIGHT_COL[:3]]


def _column_blocks() -> list[Region]:
    """One column as an engine that boxed it well writes it: a subtitle block over a
    byline block (neither indented, both full lines), then a paragraph block."""
    sub = _text_line("s", _words("——记市政协围绕制造业", 0, 0))
    by = _text_line("y", _words("本报记者王洋李雅萍报", 0, PITCH))
    body = [_text_line(f"p{n}", _words(t, 0, (n + 2) * PITCH)) for n, t in enumerate(LEFT_COL)]
    return [_region([sub], "sub"), _region([by], "by"), _region(body, "body")]


def test_the_breaks_between_sound_blocks_of_an_engine_stay_paragraph_breaks():
    runs = segment(_column_blocks())
    assert [r.id for r, _ in runs] == ["sub", "by", "body"]
    assert _source(_column_blocks()).startswith("——记市政协围绕制造业\n\n本报记者王洋李雅萍报\n\n")


def test_blocks_cut_into_line_fragments_say_nothing_of_paragraphs():
    """Each printed line of a paragraph boxed as a block of its own, and each block cut at
    a gutter: the engine's blocks are fragments, and the column is read as one run."""
    blocks = [_region([_line(n, a, b)], f"k{n}") for n, (a, b) in
              enumerate(zip(LEFT_COL, RIGHT_COL))]
    runs = segment(blocks)
    assert [[ln.text for ln in r.lines] for r, _ in runs] == [LEFT_COL, RIGHT_COL]
    assert runs[0][0].id == "k0+k1+…"


def test_a_page_of_too_many_lines_is_left_to_the_engine_regions(monkeypatch):
    import ocrfix.segment

    monkeypatch.setattr(ocrfix.segment, "MAX_LINES", 5)
    region = _region([_line(n, a, b) for n, (a, b) in enumerate(zip(LEFT_COL, RIGHT_COL))])
    assert segment([region]) is None and segment([]) is None
    assert page_geometry(900, 400, [region], "hocr") == \
        PageGeometry(900, 400, (region,), "hocr")


def test_the_last_lines_of_an_article_across_its_columns_are_cut_too():
    """Three printed lines across two columns are too few for the usual gutter evidence;
    a strip no word touches, with words on both sides in every line, still is a gutter."""
    lines = [_line(n, a, b) for n, (a, b) in enumerate(zip(LEFT_COL[:3], RIGHT_COL[:3]))]
    assert _runs([_region(lines)]) == [LEFT_COL[:3], RIGHT_COL[:3]]


def test_a_printed_row_with_a_word_boxed_over_the_gutter_is_still_cut():
    """The engine boxed the last character of one column's line wide, over the gutter:
    with column lines right above and below, the line is a row of the columns, not a
    headline, and the columns are read whole."""
    lines = [_line(n, a, b) for n, (a, b) in enumerate(zip(LEFT_COL, RIGHT_COL))]
    y = 3 * PITCH
    words = list(lines[3].words)
    ch, box = words[8]  # 。 at the end of the left column's line: boxed to the right column
    words[8] = ("改", Box(box.x0, y, RIGHT + 10, y + C))
    lines[3] = _text_line("l3", words)
    runs = _runs([_region(lines)])
    assert [run[0] for run in runs] == [LEFT_COL[0], RIGHT_COL[0]] and len(runs[0]) == 6


def test_whole_blocks_that_end_mid_sentence_say_nothing_of_paragraphs():
    """Tesseract's blocks may come through whole yet end mid-sentence (a full line, no
    stop, the next block's line not indented): such breaks are not paragraph breaks."""
    text = ["近年来我市大力推进城", "乡规划建设管理，城市", "功能不断完善，人居环", "境明显改善，会议要求",
            "各地抓好落实，确保取", "得实效，会后双方举行", "工作会谈，就交通项目", "建设进行深入交流。"]
    lines = [_text_line(f"l{n}", _words(t, 0, n * PITCH)) for n, t in enumerate(text)]
    blocks = [_region(lines[k:k + 2], f"k{k}") for k in range(0, 8, 2)]
    runs = segment(blocks)
    assert len(runs) == 1 and [ln.text for ln in runs[0][0].lines] == text


def test_an_article_under_a_headline_over_two_of_four_columns_is_read_after_its_neighbour():
    """Article 甲 runs over four columns, then on in the two left ones; article 乙 sits
    under its headline over the two right ones. No row gap crosses the page, so rows
    first would cut 甲's left columns in two at 乙's headline: 甲's columns must be read
    whole, then 乙's headline, then 乙's columns."""
    cols, rows = "一二三四", "子丑寅卯辰巳午未申酉"

    def text(article: str, col: int, row: int) -> str:
        return f"{article}{cols[col]}{rows[row]}" + "文" * 7

    lines = []
    for row in range(10):
        y = row * PITCH
        if row < 4:  # 甲 across the four columns, each printed row read as one line
            words = [w for c in range(4) for w in _words(text("甲", c, row), c * 12 * C, y)]
            lines.append(_text_line(f"a{row}", words))
            continue
        words = [w for c in range(2) for w in _words(text("甲", c, row), c * 12 * C, y)]
        lines.append(_text_line(f"a{row}", words))
        if row >= 6:
            words = [w for c in (2, 3) for w in _words(text("乙", c, row), c * 12 * C, y)]
            lines.append(_text_line(f"b{row}", words))
    lines.append(_text_line("h", _words("乙报头条新闻标题", 24 * C, 4 * PITCH, 2 * C)))
    runs = _runs([_region(lines)])
    expected = [[text("甲", c, r) for r in range(10 if c < 2 else 4)] for c in range(4)]
    expected += [["乙报头条新闻标题"]] + [[text("乙", c, r) for r in range(6, 10)] for c in (2, 3)]
    assert runs == expected


def test_a_two_line_headline_beside_another_article_is_not_cut_between_its_lines():
    """Two articles side by side: 甲's headline in two lines of large type, 乙's in one,
    乙's text starting under it while 甲's second headline line is still printing. The
    white between 甲's headline lines runs across the page and is a row gap in body
    type, but not in the headline's own type: 甲's lines stay together, before 乙."""
    big = 2 * C
    lines = [_text_line("h1", _words("甲报头条", LEFT, 0, big)),
             _text_line("h2", _words("新闻标题", LEFT, big + 32, big)),
             _text_line("k", _words("乙报要闻", RIGHT, 0, big))]
    left = ["甲文" + "字" * 7 + str(n) for n in range(4)]
    right = ["乙文" + "字" * 7 + str(n) for n in range(6)]
    lines += [_text_line(f"a{n}", _words(t, LEFT, 2 * big + 80 + n * PITCH))
              for n, t in enumerate(left)]
    lines += [_text_line(f"b{n}", _words(t, RIGHT, big + 40 + n * PITCH))
              for n, t in enumerate(right)]
    order = [t for run in _runs([_region(lines)]) for t in run]
    assert order == ["甲报头条", "新闻标题"] + left + ["乙报要闻"] + right


def test_a_vertical_strip_read_down_a_columns_edge_does_not_fuse_its_lines():
    """The engine read the last character of five lines downwards as one tall line: it
    overlaps every line beside it, but the lines stay lines, and the strip is set apart
    after them."""
    col = [t[:8] for t in LEFT_COL[:5]]
    lines = [_text_line(f"a{n}", _words(t, LEFT, n * PITCH)) for n, t in enumerate(col)]
    strip = [(t[8], Box(8 * C, n * PITCH, 9 * C, n * PITCH + C)) for n, t in enumerate(LEFT_COL[:5])]
    lines.append(_text_line("v", strip))
    assert _runs([_region(lines)]) == [col, ["".join(t for t, _ in strip)]]


def test_on_a_tall_page_only_the_running_head_is_in_the_top_band():
    """A page 10,000 px tall: 7 % of it reaches 700 px, down into the headline and the
    subtitle under it. Only the running head, within a few lines of the first text, is
    furniture by position; the subtitle in body type 200 px lower stays."""
    from ocrfix import Config
    from ocrfix.pipeline import Pipeline

    head = _text_line("r", _words("晋中日报二版要闻", 0, 40, 30))
    title = _text_line("t", _words("全市召开项目建设推进会", 0, 120, 2 * C))
    sub = _text_line("s", _words("部署今年重点工作任务", 0, 240, C))
    body = [_text_line(f"b{n}", _words(t, 0, 340 + n * PITCH)) for n, t in enumerate(LEFT_COL)]
    regions = [_region([ln], ln.id) for ln in (head, title, sub)] + [_region(body, "b")]
    doc = Pipeline()(build_doc(page_geometry(20 * C, 10000, regions, "hocr"), "p"), Config())
    band = [e.before.strip() for e in doc.edits if e.rule == "band_furniture"]
    assert band == ["晋中日报二版要闻"]
    assert "部署今年重点工作任务" in doc.text


def test_a_long_column_beside_a_short_article_is_read_whole_before_it():
    """Article 甲 in one long column, article 乙 beside it in a short one. Under 乙 the
    white runs across the page, and a paragraph gap in 甲 a little taller than its
    leading cuts a row there: 甲's lower part must still follow its upper part, before
    乙, and stay one column."""
    a = [_text_line(f"a{n}", _words(f"甲{n:02d}" + "字" * 6, LEFT, n * PITCH)) for n in range(8)]
    a += [_text_line(f"a{n}", _words(f"甲{n:02d}" + "字" * 6, LEFT, n * PITCH + 40))
          for n in range(8, 14)]  # 40 px more before the paragraph that starts here
    b = [_text_line(f"b{n}", _words(f"乙{n:02d}" + "字" * 6, RIGHT, n * PITCH)) for n in range(3)]
    runs = _runs([_region(a + b)])
    order = [t for run in runs for t in run]
    assert order == [ln.text for ln in a] + [ln.text for ln in b]
    assert runs[0] == [ln.text for ln in a]


def test_beside_a_long_article_a_short_ones_white_between_words_is_no_gutter():
    """甲 in two columns of 16 lines, 乙 beside it in two columns of 5. Three lines of
    乙 have a space at the same place: one crossing in eight of all 16 printed rows
    would leave that strip open, a gutter inside 乙's column. Counted over the lines that
    reach there, it is closed; 乙's real gutter is found."""
    from ocrfix.segment import _gutters

    def row(n, x, text, gap_at=None):
        words = [w for k, w in enumerate(_words(text, x, n * PITCH)) if k != gap_at]
        return _text_line(f"{x}-{n}", words)

    lines = [row(n, x, "甲" * 10) for n in range(16) for x in (0, 12 * C)]
    lines += [row(n, x, "乙" * 10, 4 if n < 3 and x == 24 * C else None)
              for n in range(5) for x in (24 * C, 36 * C)]
    lines = [_text_line(f"l{n}", [w for ln in lines if ln.box.y0 == n * PITCH for w in ln.words])
             for n in range(16)]  # the engine read each printed row across the page
    cuts = _gutters(lines, Box.union([ln.box for ln in lines]), C)
    assert cuts == [(10 * C, 12 * C), (22 * C, 24 * C), (34 * C, 36 * C)]
