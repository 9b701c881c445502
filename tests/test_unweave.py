"""unweave: a printed line read into the neighbouring column, found on the column grid.

The two paragraphs are written for this test (not from any page). A line of ``width``
characters is cut from the home paragraph at a multiple of ``width`` and pasted into the
host at a multiple of ``width``, as a converter that reads across two columns of the same
article does; the stage must put it back, or leave the text alone.
"""

import pytest

from ocrfix.config import Config
from ocrfix.pipeline import clean_text
from ocrfix.readers import read_text
from ocrfix.stages import unweave

HOME = ("全市上下要深入学习贯彻党的二十大精神，全面落实省委、省政府决策部署，坚定不移推动高质量"
        "发展，奋力谱写中国式现代化建设新篇章，以实际行动和优异成绩迎接新中国成立七十五周年。")
HOST = ("今年以来，该县坚持把农村人居环境整治作为乡村振兴的重要抓手，统筹推进厕所革命、垃圾治理"
        "和污水治理，持续开展村庄清洁行动，群众的获得感、幸福感和安全感不断增强。")
TRUTH = HOST + "\n\n" + HOME + "\n"


def pasted(width: int, line: int, at: int) -> str:
    """The page with HOME's line number ``line`` pasted into HOST at offset ``at``."""
    a = line * width
    piece = HOME[a:a + width]
    return HOST[:at] + piece + HOST[at:] + "\n\n" + HOME[:a] + HOME[a + width:] + "\n"


def unweave_only(page: str):
    return unweave.run(read_text(page), Config())


@pytest.mark.parametrize("width,line,at", [(14, 2, 28), (14, 3, 14), (10, 1, 30), (12, 2, 36)])
def test_line_pasted_on_the_grid_goes_back_to_its_home(model, width, line, at):
    doc = unweave_only(pasted(width, line, at))
    assert doc.text == TRUTH
    (edit,) = doc.edits
    assert (edit.stage, edit.rule) == ("unweave", "move_grid_line")
    assert f"a multiple of {width}" in edit.reason


def test_line_pasted_off_the_grid_is_left_alone(model):
    page = pasted(14, 2, 31)  # 31 is no multiple of the line's width
    assert unweave_only(page).text == page


def test_next_line_of_the_home_is_not_moved_after_the_pasted_line(model):
    # HOME's gap 全|策部署 is mended by the pasted line's tail too (省政府决|策部署): moving
    # HOME's next line to the end of the pasted line is the mirror of the true move
    page = pasted(10, 2, 10)
    doc = unweave_only(page)
    assert doc.text in (page, TRUTH)


def test_clean_paragraphs_are_left_alone(model):
    assert unweave_only(TRUTH).text == TRUTH


def test_golden_pages_get_no_grid_moves(model, root):
    for path in sorted((root / "golden").glob("*.txt")):
        doc = clean_text(path.read_text(encoding="utf-8"))
        assert not [e for e in doc.edits if e.stage == "unweave"], path.name


def test_rule_can_be_disabled(model):
    page = pasted(14, 2, 28)
    doc = unweave.run(read_text(page), Config(disabled_rules=frozenset({"move_grid_line"})))
    assert doc.text == page
