"""hOCR and ALTO: same article text as the plain-text page or better, geometry used and
logged, hostile XML refused, any encoding read."""

from pathlib import Path

import pytest
from click.testing import CliRunner
from rapidfuzz.distance import Levenshtein

from ocrfix import Config, apply_edits, clean_file
from ocrfix.cli import main
from ocrfix.errors import InputError
from ocrfix.geometry import paragraph_at
from ocrfix.pipeline import Pipeline
from ocrfix.readers import read_any

from pagegen import blocks_of, layout, to_alto, to_hocr

ROOT = Path(__file__).resolve().parent.parent
TESS = ROOT / "tests" / "fixtures" / "tesseract"
HEADER = "吕梁日报 2023年10月20日 星期五 第3版 政教专刊"


def cer(text: str, ref: str) -> float:
    return Levenshtein.distance(text, ref) / len(ref)


def clean_bytes(data: bytes, name: str):
    return Pipeline()(read_any(data, name=name), Config())


@pytest.fixture(scope="module")
def seed_pages(seed_paths):
    """Each seed as (stem, plain-text CER, hOCR bytes, ALTO bytes)."""
    out = []
    for p in seed_paths:
        regions = layout(blocks_of(p.read_text("utf-8")), header=HEADER, folio="3")
        golden = (ROOT / "golden" / f"{p.stem}.txt").read_text("utf-8")
        out.append((p.stem, golden, cer(clean_file(str(p)).text, golden),
                    to_hocr(regions).encode(), to_alto(regions).encode()))
    return out


def test_hocr_and_alto_of_each_seed_clean_as_well_as_its_plain_text(seed_pages):
    # The pages are typeset in four columns, written in row-major order (a reader that
    # ignored geometry would interleave the columns), with a header and a folio that the
    # plain text does not have: they must be removed by position.
    # The generator indents every seed block, also the second half of a paragraph the OCR
    # split; geometry then reads a new paragraph there (as it should on a real page) and
    # keeps a split the plain text heals (003: one ⏎⏎, 0.0004). Allow that much.
    for stem, golden, plain_cer, hocr, alto in seed_pages:
        for fmt, data in (("hocr", hocr), ("alto", alto)):
            doc = clean_bytes(data, f"{stem}.{fmt}")
            assert cer(doc.text, golden) <= plain_cer + 0.0005, (stem, fmt)


def test_tesseract_hocr_and_alto_clean_better_than_tesseract_text():
    # A two-column page rendered with Noto CJK and read by Tesseract (chi_sim): its own
    # text output runs the header into the page; geometry removes it and joins the
    # paragraph cut by the column break.
    truth = (TESS / "page.truth.txt").read_text("utf-8")
    plain = cer(clean_file(str(TESS / "page.txt")).text, truth)
    for name in ("page.hocr", "page.xml"):
        doc = clean_file(str(TESS / name))
        assert cer(doc.text, truth) < plain, name
        assert "吕梁日报" not in doc.text
        assert any(e.rule == "band_furniture" for e in doc.edits)


def test_reader_keeps_block_and_line_boxes_with_their_ids(seed_pages):
    _, _, _, hocr, _ = seed_pages[4]
    doc = read_any(hocr, name="p.hocr")
    geo = doc.meta["geometry"]
    first = geo["paragraphs"][0]
    assert first["region"].startswith("block_") and len(first["bbox"]) == 4
    assert first["lines"][0]["id"].startswith("line_")
    # every paragraph's source span holds exactly its text
    for p in geo["paragraphs"]:
        assert paragraph_at(doc, p["src"][0]) is p


def test_band_furniture_and_column_joins_are_logged_edits(seed_pages):
    _, _, _, _, alto = seed_pages[1]
    doc = clean_bytes(alto, "p.xml")
    band = [e for e in doc.edits if e.rule == "band_furniture"]
    assert {e.before.strip() for e in band} == {HEADER, "3"}
    assert all(e.role == "furniture" and e.stage == "geometry" for e in band)
    joins = [e for e in doc.edits if e.rule == "join_column_break"]
    assert joins and all("column break" in e.reason for e in joins)
    assert apply_edits(doc.source, doc.edits) == doc.text


def _two_columns(second_indent: int, first_text: str) -> bytes:
    lines = [
        ("l1", 100, 100, 500, 120, first_text),
        ("l2", 600, 100, 1000, 120, "第二栏的第一行文字，内容继续往下写成一句"),
        ("l3", 600, 130, 1000, 150, "话，直到结束。"),
    ]
    body = []
    for i, (lid, x0, y0, x1, y1, t) in enumerate(lines):
        if lid == "l2":
            x0 += second_indent
        body.append(f"<div class='ocr_carea' id='b{i}' title='bbox {x0} {y0} {x1} {y1 + 30}'>"
                    f"<span class='ocr_line' id='{lid}' title='bbox {x0} {y0} {x1} {y1}'>"
                    f"<span class='ocrx_word' title='bbox {x0} {y0} {x1} {y1}'>{t}</span>"
                    "</span></div>")
    return ("<html xmlns='http://www.w3.org/1999/xhtml'><body>"
            "<div class='ocr_page' title='bbox 0 0 1100 1500'>" + "".join(body) +
            "</div></body></html>").encode()


def test_paragraph_cut_by_a_column_break_is_joined():
    doc = clean_bytes(_two_columns(0, "第一栏最后一行文字写满整个栏宽没有句号而"), "p.hocr")
    assert "没有句号而第二栏的第一行" in doc.text


def test_indented_next_column_or_sentence_end_is_not_joined():
    indented = clean_bytes(_two_columns(40, "第一栏最后一行文字写满整个栏宽没有句号而"), "p.hocr")
    assert "没有句号而\n\n" in indented.text
    ended = clean_bytes(_two_columns(0, "第一栏最后一行文字写满整个栏宽，已经结束。"), "p.hocr")
    assert "已经结束。\n\n第二栏" in ended.text


# -- hostile XML ----------------------------------------------------------------------
XXE = (b'<?xml version="1.0"?><!DOCTYPE html [<!ENTITY x SYSTEM "file:///etc/passwd">]>'
       b"<html><body><div class='ocr_page' title='bbox 0 0 9 9'>"
       b"<span class='ocr_line' title='bbox 0 0 9 9'>&x;</span></div></body></html>")
BOMB = (b'<?xml version="1.0"?><!DOCTYPE alto [<!ENTITY a "aaaaaaaaaa">'
        + b"".join(b'<!ENTITY %s "%s">' % (f"b{i}".encode(), (f"&b{i - 1};" if i else "&a;").encode() * 10)
                   for i in range(9))
        + b"]><alto><Layout><Page><TextBlock><TextLine><String CONTENT='&b8;'/>"
          b"</TextLine></TextBlock></Page></Layout></alto>")
DEEP = b"<alto>" + b"<x>" * 5000 + b"</x>" * 5000 + b"</alto>"


@pytest.mark.parametrize("data,ext", [(XXE, "hocr"), (BOMB, "xml"), (DEEP, "xml")],
                         ids=["external-entity", "entity-expansion-bomb", "deep-nesting"])
def test_hostile_xml_is_refused_with_a_clear_error(tmp_path, data, ext):
    f = tmp_path / f"bad.{ext}"
    f.write_bytes(data)
    with pytest.raises(InputError, match="bad"):
        read_any(data, name=str(f))
    res = CliRunner().invoke(main, ["clean", str(f), "-o", str(tmp_path / "out")])
    assert res.exit_code == 2
    assert "Traceback" not in res.output and "bad." in res.output
    assert not list((tmp_path / "out").glob("bad.*"))


def test_tesseract_doctype_without_internal_subset_is_accepted():
    assert (TESS / "page.hocr").read_bytes().find(b"<!DOCTYPE html PUBLIC") > 0
    assert read_any((TESS / "page.hocr").read_bytes(), name="page.hocr").source


# -- encodings ------------------------------------------------------------------------
def test_alto_declared_gb18030_reads_like_utf8(seed_pages):
    _, _, _, _, alto = seed_pages[0]
    gb = alto.decode("utf-8").replace('encoding="UTF-8"', 'encoding="GB18030"')
    doc = read_any(gb.encode("gb18030"), name="p.xml")
    assert doc.source == read_any(alto, name="p.xml").source


def test_hocr_in_utf16_with_bom_reads_like_utf8(seed_pages):
    _, _, _, hocr, _ = seed_pages[0]
    data = hocr.decode("utf-8").replace('encoding="UTF-8"', 'encoding="UTF-16"')
    doc = read_any(data.encode("utf-16"), name="p.hocr")
    assert doc.source == read_any(hocr, name="p.hocr").source


def test_xml_that_lies_about_its_encoding_names_the_file():
    data = '<?xml version="1.0" encoding="GB18030"?><alto>'.encode() + b"\xff\xff</alto>"
    with pytest.raises(InputError, match=r"p\.xml: not valid gb18030"):
        read_any(data, name="p.xml")


def test_xml_that_is_neither_hocr_nor_alto_is_refused():
    with pytest.raises(InputError, match="neither hOCR nor ALTO"):
        read_any(b"<?xml version='1.0'?><mets/>", name="m.xml")


def test_plain_text_pages_still_read_as_before(seed_paths):
    doc = read_any(seed_paths[0].read_bytes(), name=seed_paths[0].name)
    assert "geometry" not in doc.meta and doc.source == seed_paths[0].read_text("utf-8")


# -- robustness -----------------------------------------------------------------------
from hypothesis import HealthCheck, given, settings, strategies as st  # noqa: E402

WORDS = st.text(alphabet=st.sampled_from(list("中文报讯记者，。（）《》abc 12\u3000")),
                max_size=12)
COORD = st.integers(min_value=-50, max_value=3000)


@st.composite
def hocr_pages(draw) -> bytes:
    areas = []
    for a in range(draw(st.integers(0, 6))):
        lines = []
        for n in range(draw(st.integers(0, 5))):
            x0, y0, x1, y1 = (draw(COORD) for _ in range(4))
            words = "".join(
                f"<span class='ocrx_word' title='bbox {draw(COORD)} {y0} {draw(COORD)} {y1}'>"
                f"{draw(WORDS).replace('<', '').replace('&', '')}</span>"
                for _ in range(draw(st.integers(0, 4))))
            lines.append(f"<span class='ocr_line' id='l{a}_{n}' "
                         f"title='bbox {x0} {y0} {x1} {y1}'>{words}</span>")
        box = " ".join(str(draw(COORD)) for _ in range(4))
        title = f" title='bbox {box}'" if draw(st.booleans()) else ""
        areas.append(f"<div class='ocr_carea' id='a{a}'{title}>{''.join(lines)}</div>")
    page = "<div class='ocr_page' title='bbox 0 0 2000 3000'>" + "".join(areas) + "</div>"
    return f"<html xmlns='http://www.w3.org/1999/xhtml'><body>{page}</body></html>".encode()


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(hocr_pages())
def test_any_hocr_geometry_cleans_or_is_refused_cleanly(data):
    try:
        doc = clean_bytes(data, "fuzz.hocr")
    except InputError:
        return
    assert apply_edits(doc.source, doc.edits) == doc.text
