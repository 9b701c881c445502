"""bench scan's typesetting (the parts that need no Tesseract): printed lines as Chinese
newspapers set them, and a page whose truth is exactly the articles typeset on it."""

import random

from ocrfix.bench.scan import NO_LINE_START, compose, set_lines


def test_a_paragraph_is_set_in_lines_of_the_column_width_with_its_first_line_indented():
    text = "近年来，我市大力推进城乡规划建设管理，城市功能不断完善，人居环境明显改善。"
    lines = set_lines(text, 12, 2)
    assert "".join(t for t, _ in lines) == text
    assert lines[0][1] == 2 and all(start == 0 for _, start in lines[1:])
    assert len(lines[0][0]) <= 10 + 1 and all(len(t) <= 12 + 1 for t, _ in lines[1:])


def test_a_closing_mark_never_starts_a_printed_line():
    text = "会议强调，各级各部门要坚持问题导向。突出工作重点，深入推进综合治理，切实提升群众的获得感。"
    for width in range(6, 16):
        for t, _ in set_lines(text, width, 2):
            assert t[0] not in NO_LINE_START


def test_half_width_digits_are_set_two_to_a_cell():
    lines = set_lines("2024年12月31日20时", 6, 0)
    # 2024 (2 cells) 年 (1) 12 (1) 月 (1) 31 (1) fill six cells; a CJK-width digit
    # setting would hold only 2024年1.
    assert lines[0][0] == "2024年12月31" and lines[1][0] == "日20时"


def test_a_scanned_pages_truth_is_its_articles_and_all_of_it_is_typeset():
    layout, truth, recipe = compose(random.Random("scan:test:0"))
    printed = "".join(run[2] for run in layout.runs)
    body = truth.replace("\n", "")
    assert body and set(body) <= set(printed)
    assert recipe["columns"] in (3, 4) and 11 <= recipe["width"] <= 16
    assert truth.count("\n\n\n") >= 1  # two or three articles, in the golden format


def test_a_modules_page_sets_its_first_two_articles_side_by_side():
    from ocrfix.bench.scan import MARGIN
    for k in range(4):
        layout, truth, recipe = compose(random.Random(f"scan:test:{k}"), "modules")
        first, second = truth.split("\n\n\n")[:2]
        start_b = next(r for r in layout.runs if r[2] and second.startswith(r[2]))
        end_a = next(r for r in reversed(layout.runs) if r[2] and first.endswith(r[2]))
        assert recipe["layout"] == "modules"
        assert start_b[0] > MARGIN + recipe["width"]  # in a column right of the first
        assert start_b[1] < end_a[1]  # and beside the first article, not under it
        assert set(truth.replace("\n", "")) <= set("".join(run[2] for run in layout.runs))


def test_a_stacked_page_sets_every_headline_at_the_left_margin():
    from ocrfix.bench.scan import MARGIN
    layout, _, recipe = compose(random.Random("scan:test:1"), "stacked")
    assert recipe["layout"] == "stacked"
    assert {r[0] for r in layout.runs if r[3] > 1} == {MARGIN}


def test_rescore_cleans_kept_pages_again_and_says_when_there_are_none(tmp_path):
    """``--rescore DIR`` scores the hOCR pages an earlier ``--keep`` run left, against their
    truth; a directory without such a pair is a usage error, not an empty table."""
    import shutil
    from pathlib import Path

    from click.testing import CliRunner

    from ocrfix.bench.scan import command, rescore
    from ocrfix.check import cer
    from ocrfix.pipeline import clean_file
    tess = Path(__file__).parent / "fixtures" / "tesseract"
    shutil.copy(tess / "page.hocr", tmp_path / "scan1_000.hocr")
    shutil.copy(tess / "page.truth.txt", tmp_path / "scan1_000.truth.txt")
    shutil.copy(tess / "page.hocr", tmp_path / "scan1_001.hocr")  # no truth: not scored
    ((name, c, bag),) = rescore(str(tmp_path))
    truth = (tess / "page.truth.txt").read_text(encoding="utf-8")
    assert name == "scan1_000"
    assert c == cer(clean_file(str(tess / "page.hocr")).text, truth)
    assert 0 <= bag <= 2 * c  # an edit changes at most two counts of the bag
    empty = tmp_path / "empty"
    empty.mkdir()
    result = CliRunner().invoke(command, ["--rescore", str(empty)])
    assert result.exit_code == 2 and "no kept page" in result.output
