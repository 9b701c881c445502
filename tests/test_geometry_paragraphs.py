"""geometry.paragraphs: where a paragraph ends in a column read with boxes.

Lines are built with their boxes (40 px characters, a column ten characters wide); the
text is written for the tests."""

from ocrfix.geometry import Box, Region, TextLine, line_edges, paragraphs

C = 40
PITCH = 60


def _line(n: int, text: str, indent: int = 0, right_extra: int = 0) -> TextLine:
    """Printed line ``n``: ``indent`` characters in; ``right_extra`` pixels read too far."""
    x0 = indent * C
    return TextLine(f"l{n}", Box(x0, n * PITCH, x0 + len(text) * C + right_extra,
                                 n * PITCH + C), text)


def _texts(lines: list[TextLine]) -> list[str]:
    region = Region("r", Box.union([ln.box for ln in lines]), tuple(lines))
    return ["".join(ln.text for ln in para)
            for para in paragraphs(region, C, (0, 10 * C))]


def test_a_short_line_ending_on_a_comma_goes_on_into_the_next():
    """The engine dropped the last character of a line (…的好报告，[确]): a comma never
    ends a paragraph, however short the line stops."""
    lines = [_line(0, "努力形成更加契合", 2), _line(1, "中央精神，顺应人民意"),
             _line(2, "好报告，"), _line(3, "保党中央决策部署落地"), _line(4, "生根。")]
    assert _texts(lines) == ["努力形成更加契合中央精神，顺应人民意好报告，保党中央决策部署落地生根。"]


def test_a_short_line_ending_a_sentence_still_ends_its_paragraph():
    lines = [_line(0, "会议指出，要加快", 2), _line(1, "农村学校短板。"),
             _line(2, "下一步要加强教师队伍"), _line(3, "建设。")]
    assert _texts(lines) == ["会议指出，要加快农村学校短板。", "下一步要加强教师队伍建设。"]


def test_a_line_after_an_enumeration_comma_is_no_paragraph_start_however_far_in():
    """The engine dropped the first character of a line (…重要指示精神、[全]面贯彻…)."""
    lines = [_line(0, "深入学习重要讲话", 2), _line(1, "指示精神、"),
             _line(2, "面贯彻落实党的精神", 1), _line(3, "结合起来。")]
    assert _texts(lines) == ["深入学习重要讲话指示精神、面贯彻落实党的精神结合起来。"]


def test_one_line_read_into_the_gutter_does_not_make_the_full_lines_short():
    """A line the engine read two characters too far (…努力形成 with the next column's
    成 and a mark) widens the column; the lines' own edges still say which line is full."""
    lines = [_line(0, "市委市政府高度重", 2), _line(1, "视专业镇培育工作要求"),
             _line(2, "全市上下统一思想努力", 0, 2 * C), _line(3, "形成合力推动专业镇建"),
             _line(4, "设取得实效。")]
    region = Region("r", Box.union([ln.box for ln in lines]), tuple(lines))
    assert line_edges(region, (0, 12 * C)) == (0, 10 * C)
    texts = ["".join(ln.text for ln in para) for para in paragraphs(region, C, (0, 12 * C))]
    assert texts == ["市委市政府高度重视专业镇培育工作要求全市上下统一思想努力形成合力推动专业镇建设取得实效。"]
