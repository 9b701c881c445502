"""Page geometry from hOCR/ALTO: boxes, reading order, paragraphs, and the text they make.

Why here and not in each reader: hOCR and ALTO differ only in syntax. Both readers build
the same :class:`PageGeometry` (regions = hOCR ``ocr_carea`` / ALTO ``TextBlock``, each
with its lines and boxes); this module decides, from positions alone,

* **reading order** — a recursive XY-cut: split the page at full-width horizontal gaps
  first (stacked articles, a headline over its columns), then at full-height vertical
  gaps (columns, left to right), recursively;
* **paragraphs** — a line starts a paragraph when it is indented by about a character,
  or when the line before it stops short of the column's right edge (Chinese text is
  justified: only a paragraph's last line, or a list item, ends early);
* **bands** — a small-type region wholly in the top or bottom strip of the page is page
  furniture (running header/footer, folio), whatever its words;
* **columns** — the readers segment the page again from its lines
  (:mod:`ocrfix.segment`): columns an engine read as one, lines it boxed in pieces, and
  the reading order of the runs; the XY-cut over the engine's regions below is the
  fallback;
* **doubtful marks** — quote marks the engine read with low confidence on their own
  (:func:`doubtful_marks`), listed per paragraph for the ``geometry`` stage;

and serialises the page as text: regions in reading order, paragraphs separated by a
blank line, the printed lines of a paragraph joined (nothing between Chinese characters,
a space between Latin words) — the geometry already says where paragraphs end, so the
page reads like markdown-ish OCR, one paragraph per line. Every paragraph's source span,
box, region id, column edges, line boxes (with their offsets) and edge facts go to
``doc.meta["geometry"]`` for the ``geometry`` stage, which makes the decisions that
change text (band furniture, joins across column breaks) as logged edits.
"""

from __future__ import annotations

import re
import statistics
from dataclasses import dataclass
from typing import Any, Callable

from .doc import Doc

__all__ = ["Box", "TextLine", "Region", "PageGeometry", "reading_order", "paragraphs",
           "build_doc", "paragraph_at", "starts_piece", "join_words",
           "TOP_BAND", "BOTTOM_BAND"]

#: Fractions of the page height that hold running headers (top) and footers (bottom).
TOP_BAND, BOTTOM_BAND = 0.07, 0.94
#: …and within this many character heights of the page's first (last) line of text: on a
#: tall page 7 % reaches down into the headlines (a page of 9,800 px: 690 px, where the
#: running header took 130 and the headlines began at 180).
BAND_CHARS = 3.5
#: …and in type smaller than this fraction of the body text's lines (the median line of
#: the regions of three lines or more). On 152 kept Tesseract pages running heads and
#: footers stood at 0.74 of the body's lines or less, headlines the engine set apart at
#: the page top at 1.00 or more; the page's median line (the old measure) is itself a
#: body line on most pages, but a headline's size on a page of large body type.
SMALL_TYPE = 0.85
#: Indent (in character widths) that starts a paragraph; right-edge slack that ends one.
INDENT_CHARS, SHORT_CHARS = 0.8, 1.5
#: A region of this many lines or more has its line edges measured (:func:`line_edges`).
EDGE_LINES = 4
#: A line ending on one of these marks never ends a paragraph, however short it stops or
#: however far the next line starts in: the engine dropped characters at its end (``…的好
#: 报告，`` for ``…的好报告，确``) or at the next line's start. On 6 bench-scan directories
#: (88 pages) 45 short lines before an unindented line ended so, and 40 full lines before
#: an indented one; none was a paragraph's end.
OPEN_ENDS = "，、（《“"
#: A horizontal gap this many character heights high separates rows (stacked articles).
ROW_GAP_CHARS = 0.8
#: A gap this many character heights wide between two CJK words is a typeset space.
WORD_GAP_CHARS = 0.8
#: A word made only of these, read with a confidence below DOUBT_CONFIDENCE (0–1), is
#: a mark the engine doubted (see :func:`doubtful_marks`).
QUOTE_MARKS = frozenset("“”‘’\"'")
DOUBT_CONFIDENCE = 0.6
#: A quote mark inside a longer word read below this is a suspect (see doubtful_marks).
DOUBT_IN_WORD = 0.7
#: A short paragraph the engine read with a confidence below NOISE_CONFIDENCE (0–1,
#: :func:`confidence`) is what it read into a picture (``池巩渴进兰``, ``沿导世宙曼沁``):
#: on 152 Tesseract pages (``bench scan`` seeds 1–6, 8, 10, 11, 12) each of the 36
#: paragraphs of 2 to 20 characters below 0.3 was such noise; the lowest real text was
#: 0.34 (``优势。``).
NOISE_CONFIDENCE = 0.3
#: … of at least NOISE_MIN and at most NOISE_MAX characters: one character alone is as
#: often a real one split off its line (``到``), and a long paragraph read that badly is
#: text to keep and correct, not a picture.
NOISE_MIN, NOISE_MAX = 2, 20
#: A caption under a picture (:func:`picture_captions`): at most CAPTION_LINES lines of
#: type no larger than the page's median line, at least CAPTION_WIDE times as wide as
#: the page's body paragraphs (a photo across two columns or more), under an empty area
#: at least PICTURE_GAP lines high. On 124 kept Tesseract pages (``bench scan`` seeds 1,
#: 2, 3, 4, 11, 12) the 25 such paragraphs were captions and credit lines, none article
#: text; without the width bar, column tops under white space pass as well (34 of them).
CAPTION_LINES, CAPTION_WIDE, PICTURE_GAP = 3, 1.3, 5.0
@dataclass(frozen=True)
class Box:
    x0: int
    y0: int
    x1: int
    y1: int

    @property
    def height(self) -> int:
        return self.y1 - self.y0

    def as_list(self) -> list[int]:
        return [self.x0, self.y0, self.x1, self.y1]

    @staticmethod
    def union(boxes: list["Box"]) -> "Box":
        return Box(min(b.x0 for b in boxes), min(b.y0 for b in boxes),
                   max(b.x1 for b in boxes), max(b.y1 for b in boxes))


#: A word as a reader gives it: (text, box) or (text, box, confidence 0–1).
Word = tuple


@dataclass(frozen=True)
class TextLine:
    id: str
    box: Box
    text: str
    #: the line's words: (text, box) or (text, box, confidence 0–1), where the format
    #: gives them (for gutters and doubtful marks)
    words: tuple[tuple, ...] = ()
    #: the ids of the engine's blocks the line came from (set by :mod:`ocrfix.segment`)
    blocks: frozenset[str] = frozenset()


@dataclass(frozen=True)
class Region:
    id: str
    box: Box
    lines: tuple[TextLine, ...]


@dataclass(frozen=True)
class PageGeometry:
    width: int
    height: int
    regions: tuple[Region, ...]
    format: str  # "hocr" or "alto"
    #: when given, ``regions`` are already in reading order and these are the left/right
    #: edges of the column each sits in (see :mod:`ocrfix.segment`)
    columns: tuple[tuple[int, int], ...] = ()


def join_words(words: list[Word], line_height: int) -> str:
    """A line's words as text: Latin/digit words get a space; CJK words touch unless a gap
    of most of a character (a typeset space) separates them (``记者 王洋`` keeps its space).

    >>> join_words([("本报讯", Box(0, 0, 60, 20)), ("记者", Box(62, 0, 102, 20)),
    ...             ("王洋", Box(120, 0, 160, 20)), ("CPU", Box(162, 0, 190, 20)),
    ...             ("2", Box(192, 0, 200, 20))], 20)
    '本报讯记者 王洋CPU 2'
    """
    return join_words_spans(words, line_height)[0]


def join_words_spans(words: list[Word], line_height: int
                     ) -> tuple[str, list[tuple[int, int] | None]]:
    """:func:`join_words`, and where each word landed in the text (None: an empty word)."""
    out = ""
    spans: list[tuple[int, int] | None] = []
    prev: Box | None = None
    for text, box, *_ in words:
        text = text.strip()
        if not text:
            spans.append(None)
            continue
        if out and prev is not None:
            latin = out[-1].isascii() and out[-1].isalnum() and text[0].isascii() \
                and text[0].isalnum()
            if latin or box.x0 - prev.x1 >= WORD_GAP_CHARS * line_height:
                out += " "
        spans.append((len(out), len(out) + len(text)))
        out += text
        prev = box
    return out, spans


def _spans_in(text: str, words: list[Word]) -> list[tuple[int, int] | None] | None:
    """Where each word stands in ``text``, found in order (``None`` for an empty word),
    or ``None`` when a word is not there: for a line whose text was joined with spaces
    other than :func:`join_words_spans` would put.

    >>> _spans_in("”转型协同 ，尤其", [("”转型", None), ("协同", None), ("，", None), ("尤其", None)])
    [(0, 3), (3, 5), (6, 7), (7, 9)]
    """
    spans: list[tuple[int, int] | None] = []
    at = 0
    for word in words:
        w = word[0].strip()
        if not w:
            spans.append(None)
            continue
        k = text.find(w, at)
        if k < 0 or text[at:k].strip():
            return None
        spans.append((k, k + len(w)))
        at = k + len(w)
    return spans


def doubtful_marks(line: "TextLine", *, in_words: bool = False) -> list[tuple[int, int]]:
    """Spans in ``line.text`` of quote marks the engine itself doubted.

    Why: an engine reads the white of a typeset space or a gutter as a quote mark
    (``记者”李雅萍``, ``林砚平”摄``) and says so in its confidence: on Tesseract pages set
    for ``bench scan`` such marks had 0–50 (of 100) where real quotes had 77–93. Only a
    word made of quote marks alone, below :data:`DOUBT_CONFIDENCE`, is reported.

    ``in_words=True`` reports instead each quote mark inside a longer word read below
    :data:`DOUBT_IN_WORD` (``推进相”关工作``): the confidence is the whole word's, so such
    a mark is only a suspect, which the ``geometry`` stage drops when its paragraph
    shows no partner for it (see :func:`ocrfix.stages.geometry.drop_doubtful_marks`).
    """
    if not line.words:
        return []
    text, spans = join_words_spans(list(line.words), line.box.height)
    if text != line.text:  # joined with another line height (a piece of a cut line)
        spans = _spans_in(line.text, list(line.words))
        if spans is None:
            return []
    out = []
    for word, span in zip(line.words, spans):
        conf = word[2] if len(word) > 2 else None
        if span is None or conf is None:
            continue
        w = word[0].strip()
        lone = all(ch in QUOTE_MARKS for ch in w)
        if not in_words and lone and conf < DOUBT_CONFIDENCE:
            out.append(span)
        elif in_words and not lone and conf < DOUBT_IN_WORD:
            out.extend((span[0] + i, span[0] + i + 1) for i, ch in enumerate(w)
                       if ch in QUOTE_MARKS)
    return out


def _type_size(ln: TextLine) -> float:
    """The height of a line's type: its box's height or the lower quartile of its words'
    heights, whichever is less. Why: an engine boxes many words loosely (a character of
    30 px in a box of 50, reaching into the leading), sometimes every word of a line but
    one, and a line in body type must not pass for a headline; a box is rarely tighter
    than the type."""
    heights = sorted(b.height for _, b in _solid(ln.words)) or [ln.box.height]
    return float(min(ln.box.height, heights[len(heights) // 4]))


def _solid(words) -> list[tuple[str, Box]]:
    """Words with a letter or digit in them. Why: engines read the white of a gutter as
    quote marks and commas (``，”`` between two columns), and a mark squeezed in at a
    line's end can reach into it; marks alone say nothing about where columns are."""
    out = []
    for t, b, *_ in words:
        if not any(ch.isalnum() for ch in t):
            continue
        lead = len(t) - len(t.lstrip(_MARKS))
        trail = len(t) - len(t.rstrip(_MARKS))
        step = (b.x1 - b.x0) / max(1, len(t))  # a word's marks share its box evenly
        out.append((t, Box(round(b.x0 + lead * step), b.y0, round(b.x1 - trail * step), b.y1)))
    return out


_MARKS = "，。、；：？！,.;:?!“”‘’\"'（）()《》〈〉…—-·"


# -- reading order ----------------------------------------------------------------------
def reading_order(regions: list[Region], char: float = 0.0) -> list[Region]:
    """Regions in reading order by recursive XY-cut (rows first, then columns).

    A row cut needs a gap of at least :data:`ROW_GAP_CHARS` character heights: paragraphs
    that are separate regions in neighbouring columns often leave line-sized gaps at the
    same height by chance, and cutting there would read the columns piecewise.

    >>> r = lambda i, x0, y0, x1, y1: Region(i, Box(x0, y0, x1, y1), ())
    >>> [g.id for g in reading_order([r("c2", 110, 80, 200, 300), r("head", 0, 0, 200, 40),
    ...                               r("c1", 0, 80, 100, 300)], 20)]
    ['head', 'c1', 'c2']
    """
    return [r for r, _ in ordered_with_columns(regions, char)]


def ordered_with_columns(regions: list[Region], char: float = 0.0
                         ) -> list[tuple[Region, tuple[int, int]]]:
    """Reading order, each region with the left/right edge of the column it sits in.

    The column is the narrowest group a vertical cut isolated it in, so a one-line
    headline or the short last line of a paragraph is measured against the column, not
    against its own box.
    """
    if not regions:
        return []
    full = Box.union([r.box for r in regions])
    return _order(list(regions), char, (full.x0, full.x1))


def _order(regions: list[Region], char: float, bounds: tuple[int, int]
           ) -> list[tuple[Region, tuple[int, int]]]:
    if len(regions) <= 1:
        return [(r, bounds) for r in regions]
    for axis, gap in (("y", ROW_GAP_CHARS * char), ("x", 0.0), ("y", 0.0)):
        groups = _split(regions, axis, gap)
        if len(groups) > 1:
            out = []
            for g in groups:
                if axis == "x":
                    box = Box.union([r.box for r in g])
                    sub = (box.x0, box.x1)
                else:
                    sub = bounds
                out += _order(g, char, sub)
            return out
    return [(r, bounds) for r in sorted(regions, key=lambda r: (r.box.y0, r.box.x0))]


def _split(items: list, axis: str, min_gap: float,
           box: Callable[[Any], Box] = lambda it: it.box) -> list[list]:
    """Groups of ``items`` (regions, or lines with ``box`` their ink) separated along
    ``axis`` by a gap of at least ``min_gap`` that no item crosses."""
    lo = (lambda it: box(it).y0) if axis == "y" else (lambda it: box(it).x0)
    hi = (lambda it: box(it).y1) if axis == "y" else (lambda it: box(it).x1)
    groups: list[list] = []
    reach = None
    for it in sorted(items, key=lambda it: (lo(it), hi(it))):
        if reach is None or lo(it) - reach >= max(min_gap, 1e-9) or \
                (min_gap == 0 and lo(it) >= reach):
            groups.append([it])
        else:
            groups[-1].append(it)
        reach = hi(it) if reach is None else max(reach, hi(it))
    return groups


# -- paragraphs -------------------------------------------------------------------------
def line_edges(region: Region, column: tuple[int, int]) -> tuple[int, int]:
    """Where the region's lines start and end: the column's edges, drawn in to where most
    lines reach (the lower quartile of their left ends, the upper quartile of their right
    ends) when the region has :data:`EDGE_LINES` lines or more.

    Why not the column's edges alone: one line the engine read a character too far into
    the gutter (``…努力形成`` with the next column's ``成``) widens the column, and every
    full line then looks short by that character and ends a paragraph.
    """
    left, right = column
    lines = [ln for ln in region.lines if ln.text.strip()]
    if len(lines) < EDGE_LINES:
        return left, right
    x0 = sorted(ln.box.x0 for ln in lines)
    x1 = sorted(ln.box.x1 for ln in lines)
    return max(left, x0[len(x0) // 4]), min(right, x1[(3 * len(x1)) // 4])


def paragraphs(region: Region, char: float, column: tuple[int, int] | None = None,
               edges: tuple[int, int] | None = None) -> list[list[TextLine]]:
    """Split a region's lines into paragraphs by indent and short last lines, measured
    against the column's edges (default: the region's own) drawn in by :func:`line_edges`,
    or against ``edges`` a caller measured already. A line that ends mid-sentence
    (:data:`OPEN_ENDS`) goes on into the next line, whatever their edges say."""
    left, right = edges or line_edges(region, column or (region.box.x0, region.box.x1))
    lines = sorted((ln for ln in region.lines if ln.text.strip()),
                   key=lambda ln: (ln.box.y0, ln.box.x0))
    out: list[list[TextLine]] = []
    for ln in lines:
        if out:
            prev = out[-1][-1]
            indented = ln.box.x0 - left >= INDENT_CHARS * char
            short = right - prev.box.x1 >= SHORT_CHARS * char
            if not (indented or short) or prev.text.rstrip().endswith(tuple(OPEN_ENDS)):
                out[-1].append(ln)
                continue
        out.append([ln])
    return out


def _char_size(geom: PageGeometry) -> float:
    heights = [ln.box.height for r in geom.regions for ln in r.lines if ln.box.height > 0]
    return float(statistics.median(heights)) if heights else 1.0


def _band(region: Region, geom: PageGeometry, char: float,
          body: tuple[int, int] | None, body_type: float) -> str | None:
    """``top``/``bottom`` for a region of one or two lines in a page edge strip *and*
    wholly above (below) every body region (three lines or more), in small type
    (:data:`SMALL_TYPE`) or in the page's first (last) row of text; else ``None``.

    Why both: a one-line paragraph piece at the foot of a column is text, not a footer;
    a headline under the running head sits in the top strip too, in type as large as the
    body's or larger; and a running head set in large type is still the first row.
    """
    heights = [ln.box.height for ln in region.lines] or [0]
    if body is None or len(region.lines) > 2:
        return None
    small = statistics.median(heights) <= SMALL_TYPE * body_type
    text = Box.union([r.box for r in geom.regions])
    if region.box.y1 <= min(TOP_BAND * geom.height, text.y0 + BAND_CHARS * char) and \
            region.box.y1 <= body[0] and (small or region.box.y0 <= text.y0 + char / 2):
        return "top"
    if region.box.y0 >= max(BOTTOM_BAND * geom.height, text.y1 - BAND_CHARS * char) and \
            region.box.y0 >= body[1] and (small or region.box.y1 >= text.y1 - char / 2):
        return "bottom"
    return None


def _body_type(geom: PageGeometry) -> float:
    """The median height of the lines of the regions of three lines or more: the size of
    the page's body text."""
    heights = [ln.box.height for r in geom.regions if len(r.lines) >= 3 for ln in r.lines
               if ln.box.height > 0]
    return float(statistics.median(heights)) if heights else _char_size(geom)


def _body_extent(geom: PageGeometry) -> tuple[int, int] | None:
    body = [r.box for r in geom.regions if len(r.lines) >= 3]
    return (min(b.y0 for b in body), max(b.y1 for b in body)) if body else None


def build_doc(geom: PageGeometry, name: str) -> Doc:
    """The :class:`Doc` of a page: text in reading order, geometry in ``meta``.

    >>> ln = lambda i, y, x0, t: TextLine(i, Box(x0, y, 100, y + 10), t)
    >>> g = PageGeometry(100, 200, (Region("b1", Box(0, 20, 100, 60),
    ...     (ln("l1", 20, 10, "第一段开头文字"), ln("l2", 32, 0, "接着写完。"),
    ...      ln("l3", 44, 10, "第二段。"))),), "hocr")
    >>> build_doc(g, "p").source
    '第一段开头文字接着写完。\\n\\n第二段。'
    """
    char = _char_size(geom)
    body, body_type = _body_extent(geom), _body_type(geom)
    pieces: list[str] = []
    paras: list[dict] = []
    regions: list[dict] = []
    pos = 0
    order = list(zip(geom.regions, geom.columns)) if geom.columns else \
        ordered_with_columns(list(geom.regions), char)
    for col, (region, (left, right)) in enumerate(order):
        edge_left, edge_right = line_edges(region, (left, right))
        paras_here = paragraphs(region, char, edges=(edge_left, edge_right))
        if not paras_here:
            continue
        band = _band(region, geom, char, body, body_type)
        regions.append({"id": region.id, "bbox": region.box.as_list(), "band": band,
                        "order": col, "column": [left, right]})
        for k, lines in enumerate(paras_here):
            if pieces:
                pieces.append("\n\n")
                pos += 2
            text, offsets = join_lines([ln.text.strip() for ln in lines])
            last, first = lines[-1], lines[0]
            heights = sorted(ln.box.height for ln in lines)
            doubt = [[pos + off + a, pos + off + b] for ln, off in zip(lines, offsets)
                     for a, b in doubtful_marks(ln)]
            suspect = [[pos + off + a, pos + off + b] for ln, off in zip(lines, offsets)
                       for a, b in doubtful_marks(ln, in_words=True)]
            paras.append({
                "src": [pos, pos + len(text)], "region": region.id, "band": band,
                "doubtful": doubt, "suspect_marks": suspect,
                "bbox": Box.union([ln.box for ln in lines]).as_list(),
                "column": [left, right], "line_height": heights[len(heights) // 2],
                "lines": [{"id": ln.id, "bbox": ln.box.as_list(), "offset": pos + off}
                          for ln, off in zip(lines, offsets)],
                "confidence": confidence(lines),
                "starts_region": k == 0, "ends_region": k == len(paras_here) - 1,
                "first_indented": first.box.x0 - edge_left >= INDENT_CHARS * char,
                "last_full": edge_right - last.box.x1 < SHORT_CHARS * char,
            })
            pieces.append(text)
            pos += len(text)
    source = "".join(pieces)
    meta = {"layout": "paragraphs", "format": geom.format,
            "geometry": {"page": [geom.width, geom.height], "char": char,
                         "regions": regions, "paragraphs": paras}}
    return Doc(source, name=name, meta=meta)


def confidence(lines: list[TextLine]) -> float | None:
    """The engine's confidence in a paragraph, 0–1: its words' confidences weighted by
    their characters, or ``None`` when the format gives none.

    Why weighted: a paragraph the engine read well can hold a one-character word it
    doubted (a mark, a digit); what the engine read into a picture is doubted all over.

    >>> w = lambda t, c: (t, Box(0, 0, 10, 10), c)
    >>> confidence([TextLine("l", Box(0, 0, 40, 10), "", (w("池巩渴", 0.0), w("进", 0.3)))])
    0.075
    """
    weighted = [(len(w[0]), w[2]) for ln in lines for w in ln.words
                if len(w) > 2 and w[2] is not None and w[0].strip()]
    total = sum(n for n, _ in weighted)
    return round(sum(n * c for n, c in weighted) / total, 3) if total else None


def join_lines(lines: list[str]) -> tuple[str, list[int]]:
    """A paragraph's printed lines as one line, and where each printed line starts.

    >>> join_lines(["支持MES、ERP、W", "MS等系统"])[0]
    '支持MES、ERP、WMS等系统'

    >>> join_lines(["习近平指出，中国同中亚五国建", "交30多年来", "see the", "web"])
    ('习近平指出，中国同中亚五国建交30多年来see the web', [0, 14, 20, 28])
    """
    text, offsets = "", []
    for ln in lines:
        a, b = text[-1:], ln[:1]
        if a.isascii() and a.isalpha() and b.isascii() and b.isalpha() \
                and not (a.isupper() and b.isupper()):
            text += " "  # between Latin words; an acronym (W|MS) cut by the line stays whole
        offsets.append(len(text))
        text += ln
    return text, offsets


def paragraph_at(doc: Doc, src_pos: int) -> dict | None:
    """The reader's paragraph record whose source span holds ``src_pos``, if any."""
    for p in (doc.meta.get("geometry") or {}).get("paragraphs", []):
        if p["src"][0] <= src_pos < p["src"][1]:
            return p
    return None


def picture_captions(paragraphs: list[dict], char: float) -> dict[int, str]:
    """The reader's paragraphs (indices into ``paragraphs``) that caption a picture, each
    with its evidence: a short paragraph in body type or smaller, wider than a column,
    right under an empty area the height of a photo (:data:`PICTURE_GAP`; lines read with
    picture noise's confidence count as empty), and the paragraphs of its region that
    follow it directly in the same type (the caption's further lines: ``…记者 卢琳涵``).

    Why all three: a headline under a photo is in large type, a column of text under
    white space is a column wide, and a wide paragraph of small type under the text
    above it (a subtitle) has no gap.
    """
    body = [p for p in paragraphs if len(p.get("lines", ())) >= 3]
    if not body:  # no lines recorded (or too few to tell a column's width)
        return {}
    column = statistics.median(p["bbox"][2] - p["bbox"][0] for p in body)
    inked = [(ln["bbox"], k) for k, p in enumerate(paragraphs) for ln in p["lines"]
             if p.get("confidence") is None or p["confidence"] >= NOISE_CONFIDENCE]
    found: dict[int, str] = {}
    for k, p in enumerate(paragraphs):
        x0, y0, x1, _ = p["bbox"]
        if len(p["lines"]) > CAPTION_LINES or p["line_height"] > char or \
                x1 - x0 < CAPTION_WIDE * column:
            continue
        above = [b[3] for b, j in inked if j != k and b[3] <= y0 + 2
                 and min(b[2], x1) - max(b[0], x0) > 0.3 * (x1 - x0)]
        if not above or y0 - max(above) < PICTURE_GAP * char:
            continue
        gap, width = (y0 - max(above)) / char, (x1 - x0) / column
        found[k] = (f"{len(p['lines'])} line(s) in type {p['line_height'] / char:.2f} of the "
                    f"page's, {width:.1f} columns wide, under an empty area {gap:.1f} lines "
                    "high: a picture's caption")
        lines, last = len(p["lines"]), p
        for j in range(k + 1, len(paragraphs)):
            q = paragraphs[j]
            lines += len(q["lines"])
            if q["region"] != p["region"] or q["line_height"] > char or \
                    lines > CAPTION_LINES or q["bbox"][1] - last["bbox"][3] > char:
                break
            found[j] = f"the next line of the caption above it ({found[k]})"
            last = q
    return found


def starts_piece(doc: Doc, src_pos: int) -> bool:
    """Does source offset ``src_pos`` start a piece of the page: the first paragraph of a
    region of the geometry (a column, a block the engine set apart)? Always true on a page
    of text, and where the geometry has no record of the offset.

    Why the stages that move text ask: within a piece the geometry reads the lines top to
    bottom, so only whole pieces can be out of order on a page read with boxes.
    """
    if not doc.meta.get("geometry"):
        return True
    p = paragraph_at(doc, src_pos)
    return p is None or (bool(p.get("starts_region")) and src_pos == p["src"][0])


BBOX = re.compile(r"bbox\s+(-?\d+)\s+(-?\d+)\s+(-?\d+)\s+(-?\d+)")
