"""Page segmentation from the printed lines up: columns and reading order rebuilt when an
engine's own blocks cannot be trusted.

Why: on scanned newspaper pages Tesseract's blocks (hOCR ``ocr_carea``) are often
fragments — a column boxed in pieces, a printed line split between two blocks side by
side, one line read across three columns, the credit line glued to the foot of a column.
Ordering such blocks, however cleverly, reads the page piecewise: on ``bench scan`` pages
the cleaned text held the right characters (5–6 % bag-of-characters error) in the wrong
order (14–19 % CER). The lines themselves are sound: each is one printed line high and
its words have boxes. So the readers segment the page again from its lines alone, by a
recursive XY-cut over lines:

1. **rows** — a horizontal gap that no line crosses, clearly taller than the page's
   leading (:data:`ROW_GAP_EXTRA`), separates stacked rows: a running header, an article
   under another's columns, the credit line;
2. **columns** — a vertical gap of :data:`COLUMN_GAP_CHARS` that no line crosses
   separates columns, read left to right;
3. **gutters** — where lines run across a gutter (the engine missed it) or a headline
   runs over the columns, the gutter is found from the words' boxes (:func:`_gutters`)
   and the lines are cut there (:func:`_cut_line`); a line that cannot be cut (a
   headline, larger type) cuts the columns it runs over, and the pieces are read in
   Breuel's partial order (:func:`_in_reading_order`), each column piece segmented on
   its own;
4. what is left is one column's run of lines: pieces of one printed line, side by side
   at the same height, become one line again, read left to right.

Each run becomes a region with the edges of the column it was found in, so a paragraph's
indent and short last line are measured against its column. Where the engine's blocks
came through whole (:data:`BLOCKS_SOUND`), a break between two of its blocks in a column
stays a paragraph break.
"""

from __future__ import annotations

import statistics
from collections.abc import Sequence
from dataclasses import dataclass, replace

from .chars import ends_sentence
from .geometry import (INDENT_CHARS, ROW_GAP_CHARS, SHORT_CHARS, Box, PageGeometry, Region,
                       TextLine, Word, _solid, _split, _type_size, join_words)

__all__ = ["segment", "page_geometry"]

#: A vertical strip this many character heights wide that at most one line in
#: :data:`GUTTER_CROSSING` covers, with at least GUTTER_LINES lines holding words on each
#: side, is a column gutter.
GUTTER_CHARS, GUTTER_LINES = 0.9, 4
#: A group of fewer than GUTTER_LINES lines (the last lines of an article across its
#: columns) has a gutter where no word at all touches the strip and FEW_LINES lines hold
#: words on each side.
FEW_LINES = 2
#: One line in this many may run across a gutter (a headline or header over the columns).
GUTTER_CROSSING = 8
#: Each column a gutter makes is at least this many characters wide (a space that falls
#: at the same place in a few lines of one column is no gutter).
COLUMN_CHARS = 4
#: A line in type this much larger than the median runs over the columns (a headline).
SPAN_HEIGHT = 1.3
#: White this many characters wide at a gutter shows that a line stops there (see
#: :func:`_open_at`).
CUT_WHITE = 0.8
#: A vertical gap this many character heights wide, that no line crosses, is a column
#: gap. Why not any gap: pieces of one printed line that an engine boxed apart stand a
#: typeset space apart (under a character); a column gutter is a character or more.
COLUMN_GAP_CHARS = 0.9
#: A row gap is this many character heights more than the page's leading (the usual
#: white between one line of a column and the next), and at least ROW_GAP_CHARS. Why:
#: columns set on one baseline grid leave their line gaps at the same heights, and a gap
#: a little taller than usual (lines boxed a little short) would otherwise cut every
#: column in two.
ROW_GAP_EXTRA = 0.3
#: A line at least VERTICAL_CHARS characters tall and at most STRIP_CHARS wide is a
#: vertical strip (see :func:`_vertical`).
VERTICAL_CHARS, STRIP_CHARS = 3.0, 1.6
#: White (in characters) a column can have between two runs that continue it (see
#: :func:`_columns_going_on`).
GOES_ON_CHARS = 2.0
#: Lines looked at below (and above) each line to find its neighbours in its column.
LEADING_LOOKAHEAD = 40
#: Two lines of a column overlapping by this share of the lower one's height are pieces
#: of one printed line.
SAME_LINE = 0.5
#: The engine's block breaks are kept as paragraph breaks when segmentation kept at
#: least this share of its blocks whole (see :func:`_blocks_sound`). Why: an engine that
#: boxed the page well (a digitisation house's ALTO, a converter's hOCR) draws a block
#: around a subtitle, a byline, a caption — breaks no indent shows; an engine whose
#: blocks were cut up and put together again (Tesseract on a dense page) has blocks
#: that are line fragments, and their edges mean nothing.
BLOCKS_SOUND = 0.95
#: ... and when at most this share of its breaks inside a column fall mid-paragraph
#: (Tesseract's blocks, even when whole, often end mid-sentence: 70–95 % of their breaks
#: on bench-scan pages, against 0–5 % for converter hOCR).
MID_BREAKS = 0.3
#: Recursion guard: deeper than this, a group is read as it stands (no real page nests
#: columns within columns this deep).
MAX_DEPTH = 40
#: Groups cut into more pieces than this are read top to bottom, left to right (the
#: partial order is cubic in the pieces; a real page has a few dozen).
MAX_PIECES = 300
#: Pages with more lines than this are left to the engine's blocks.
MAX_LINES = 20000

Run = tuple[list[TextLine], tuple[int, int]]


def page_geometry(width: int, height: int, regions: Sequence[Region], fmt: str
                  ) -> PageGeometry:
    """A page's geometry with its regions segmented again from their lines (regions in
    reading order, each with its column); the engine's regions as they are when
    :func:`segment` declines."""
    runs = segment(regions)
    if runs is None:
        return PageGeometry(width, height, tuple(regions), fmt)
    return PageGeometry(width, height, tuple(r for r, _ in runs), fmt,
                        tuple(c for _, c in runs))


def segment(regions: Sequence[Region]) -> list[tuple[Region, tuple[int, int]]] | None:
    """The page's regions rebuilt from their lines: runs of lines in reading order, each
    with the left/right edge of its column. None when there is nothing to segment (no
    lines, or more than :data:`MAX_LINES`)."""
    lines = [replace(ln, blocks=frozenset([r.id])) for r in regions for ln in r.lines
             if ln.text.strip()]
    if not lines or len(lines) > MAX_LINES:
        return None
    char = float(statistics.median(_type_size(ln) for ln in lines))
    upright = [_vertical(ln, char) for ln in lines]
    strips = [ln for ln, v in zip(lines, upright) if v]
    lines = [ln for ln, v in zip(lines, upright) if not v] or strips
    full = Box.union([ln.box for ln in lines])
    row_gap = max(ROW_GAP_CHARS * char, _leading(lines) + ROW_GAP_EXTRA * char)
    runs: list[Run] = []
    _segment(lines, char, row_gap, (full.x0, full.x1), runs, 0)
    runs = _columns_going_on(runs, char)
    if lines is not strips:
        runs += [([ln], (ln.box.x0, ln.box.x1)) for ln in strips]
    printed = [(_printed_lines(run), bounds) for run, bounds in runs]
    trust = _blocks_sound(printed) >= BLOCKS_SOUND and _blocks_are_paragraphs(printed, char)
    out = []
    used: dict[str, int] = {}
    for run, bounds in printed:
        for part in (_by_block(run) if trust else [run]):
            rid = _region_id(part, used)
            out.append((Region(rid, Box.union([ln.box for ln in part]), tuple(part)), bounds))
    return out


def _vertical(ln: TextLine, char: float) -> bool:
    """Is the line a vertical strip (:data:`VERTICAL_CHARS` characters tall, at most
    :data:`STRIP_CHARS` wide)? An engine reading a page of horizontal text sometimes
    reads the last characters of a column's lines downwards as one line; its box then
    overlaps every line beside it, and joined to them as pieces of one printed line it
    would fuse a column's lines into one. Such a strip is set apart, after the page's
    runs: its text stays, outside the columns' flow."""
    return ln.box.height >= VERTICAL_CHARS * char and \
        ln.box.x1 - ln.box.x0 <= STRIP_CHARS * char


def _columns_going_on(runs: list[Run], char: float) -> list[Run]:
    """Runs with a column that a row gap cut in two joined again.

    Why: a long article in one column beside a short one leaves white across the page
    under the short one, and a paragraph gap there a little taller than the leading is
    then a row gap: the column's lower part became a run of its own, read after the
    short article and measured against the page's edges. A run directly under another
    (at most :data:`GOES_ON_CHARS` of white), over the same column (edges within half a
    character), with nothing between them in that column and nothing beside it (a row
    of columns under a row of columns is stacked articles), continues it."""
    if len(runs) > MAX_PIECES:
        return runs  # (a page of hundreds of runs is not two articles side by side)
    boxes = [Box.union([ln.box for ln in lines]) for lines, _ in runs]
    out: list[tuple[list[TextLine], tuple[int, int], Box]] = []
    for i, (lines, bounds) in enumerate(runs):
        box = boxes[i]
        alone = not any(j != i and _x_overlap(b, box) <= 0 and min(b.y1, box.y1) > max(b.y0, box.y0)
                        for j, b in enumerate(boxes))
        for k in range(len(out) - 1, -1, -1) if alone else ():
            prev = out[k][2]
            if abs(prev.x0 - box.x0) <= char / 2 and abs(prev.x1 - box.x1) <= char / 2 and \
                    0 <= box.y0 - prev.y1 <= GOES_ON_CHARS * char and len(out[k][0]) > 1 and \
                    not any(_x_overlap(b, prev) > 0 and prev.y1 <= b.y0 < box.y0
                            for _, _, b in out[k + 1:]):
                out[k] = (out[k][0] + lines, out[k][1], Box.union([prev, box]))
                break
        else:
            out.append((lines, bounds, box))
    return [(lines, bounds) for lines, bounds, _ in out]


def _region_id(lines: list[TextLine], used: dict[str, int]) -> str:
    """The engine's block id(s) the lines came from (``b1``, ``b1+b2``, ``b1+b2+…``), so
    a paragraph can be traced to the engine's output; made unique with ``~k``. ``used``
    holds every id given so far, with the last ``k`` tried for it: a page of thousands
    of one-block pieces stays linear."""
    blocks = sorted(frozenset().union(*(ln.blocks for ln in lines)))
    rid = "+".join(blocks[:2]) + ("+…" if len(blocks) > 2 else "")
    k, out = used.get(rid, 0), rid
    while out in used:
        k += 1
        out = f"{rid}~{k}" if k > 1 else rid
    used[rid] = k
    used.setdefault(out, 1)
    return out


def _segment(lines: list[TextLine], char: float, row_gap: float, bounds: tuple[int, int],
             out: list[Run], depth: int) -> None:
    """Append the runs of ``lines`` to ``out`` in reading order (see the module doc)."""
    if len(lines) <= 1 or depth > MAX_DEPTH:
        out.append((lines, bounds))
        return
    rows = _rows(lines, char, row_gap)
    if len(rows) > 1:
        for g in rows:
            _segment(g, char, row_gap, bounds, out, depth + 1)
        return
    cols = _split(lines, "x", COLUMN_GAP_CHARS * char, box=_ink)
    if len(cols) > 1:
        for g in cols:
            box = Box.union([ln.box for ln in g])
            _segment(g, char, row_gap, (box.x0, box.x1), out, depth + 1)
        return
    # lines in larger type (headlines) span the columns: they say nothing of the gutters
    worded = [ln for ln in lines if ln.words and _type_size(ln) <= SPAN_HEIGHT * char]
    box = Box.union([ln.box for ln in lines])
    cuts = _gutters(worded, box, char) if len(worded) >= FEW_LINES else []
    if cuts:
        for piece in _in_reading_order(_column_pieces(lines, cuts, char, bounds)):
            if piece.span:
                out.append((piece.lines, bounds))
            else:
                _segment(piece.lines, char, row_gap, piece.edges, out, depth + 1)
        return
    out.append((lines, bounds))


def _rows(lines: list[TextLine], char: float, row_gap: float) -> list[list[TextLine]]:
    """Rows of ``lines``: groups split by a gap no line crosses that is wide enough for
    the type on both sides of it.

    Why: the white between two lines of a headline grows with its type, and where the
    article beside it starts lower down, the white between the headline's lines can run
    across the page: measured in body type it is a row gap, and it cut a two-line
    headline in two rows (the second line then read after the other article's headline).
    A gap holds only if, for every line under it and the nearest line over it in the
    same column, it is at least ``row_gap`` times the smaller of their type sizes (in
    body characters, at least 1)."""
    rows = _split(lines, "y", row_gap)
    out = [rows[0]]
    for row in rows[1:]:
        if _row_gap_holds(out[-1], row, char, row_gap):
            out.append(row)
        else:
            out[-1] = out[-1] + row
    return out


def _row_gap_holds(upper: list[TextLine], lower: list[TextLine], char: float,
                   row_gap: float) -> bool:
    # the lines bordering the gap: the lowest of the rows above, the highest below
    upper = sorted(upper, key=lambda ln: -ln.box.y1)[:LEADING_LOOKAHEAD]
    for b in sorted(lower, key=lambda ln: ln.box.y0)[:LEADING_LOOKAHEAD]:
        over = [a for a in upper if _x_overlap(a.box, b.box) > 0]
        if not over:
            continue
        a = max(over, key=lambda ln: ln.box.y1)
        scale = max(1.0, min(_type_size(a), _type_size(b)) / char) if char > 0 else 1.0
        if b.box.y0 - a.box.y1 < row_gap * scale:
            return False
    return True


def _leading(lines: list[TextLine]) -> float:
    """The median white between a line and the next line below it in its column."""
    by_top = sorted(lines, key=lambda ln: ln.box.y0)
    gaps = []
    for i, ln in enumerate(by_top):
        for nxt in by_top[i + 1:i + 1 + LEADING_LOOKAHEAD]:
            if nxt.box.y0 >= ln.box.y1 and _x_overlap(ln.box, nxt.box) >= \
                    0.5 * min(ln.box.x1 - ln.box.x0, nxt.box.x1 - nxt.box.x0):
                gaps.append(nxt.box.y0 - ln.box.y1)
                break
    return float(statistics.median(gaps)) if gaps else 0.0


def _ink(ln: TextLine) -> Box:
    """The line's extent over its solid words (a mark read in a gutter does not narrow
    the gutter)."""
    solid = _solid(ln.words)
    return Box.union([b for _, b in solid]) if solid else ln.box


@dataclass(frozen=True)
class _Piece:
    """A column's run of lines between the lines that run over it, or such a line."""

    lines: list[TextLine]
    box: Box  # the extent of the lines' ink
    edges: tuple[int, int]  # the column's left and right edge
    span: bool  # a line over the columns (a headline)


def _column_pieces(lines: list[TextLine], cuts: list[tuple[int, int]], char: float,
                   bounds: tuple[int, int]) -> list[_Piece]:
    """Lines cut at the gutters, gathered per column; a column is cut into pieces where
    a line that runs over it (a headline, larger type) stands, and such lines are pieces
    of their own. A headline over only some of the columns cuts only those (an article
    set under another's continuing columns).

    A line in body type with column lines right above and below it is cut even where
    its words leave no white at a gutter: it is a printed row of the columns whose words
    the engine boxed over the gutter.
    """
    ordered = sorted(lines, key=lambda ln: (ln.box.y0, ln.box.x0))
    parts = [_cut_line(ln, cuts, char) if ln.words else None for ln in ordered]
    for i, ln in enumerate(ordered):
        if parts[i] is None and ln.words and _type_size(ln) <= SPAN_HEIGHT * char and \
                _amid_columns(ordered, parts, i, char):
            parts[i] = _cut_line(ln, cuts, char, force=True)
    columns: list[list[TextLine]] = [[] for _ in range(len(cuts) + 1)]
    spans: list[TextLine] = []
    for ln, pieces in zip(ordered, parts):
        if pieces is None and ln.words:
            spans.append(ln)
            continue
        if pieces is None:  # no word boxes: the column its box starts in
            pieces = [(sum(1 for lo, hi in cuts if ln.box.x0 > (lo + hi) / 2), ln)]
        for k, part in pieces:
            columns[k].append(ln if len(pieces) == 1 else part)
    span_ink = [_ink(ln) for ln in spans]
    out = [_Piece([ln], b, bounds, True) for ln, b in zip(spans, span_ink)]
    whole = Box.union([ln.box for ln in lines])
    lefts = [whole.x0] + [hi for _, hi in cuts]
    rights = [lo for lo, _ in cuts] + [whole.x1]
    for k, col in enumerate(columns):
        if not col:
            continue
        # between its gutters: engines box words loosely, and ink reaches into a gutter
        x0, x1 = lefts[k], rights[k]
        ink = Box.union([_ink(ln) for ln in col])
        over = [_mid_y(b) for b in span_ink if _x_overlap(b, Box(x0, b.y0, x1, b.y1)) >= 0.5 * char]
        run: list[TextLine] = []
        for ln in [*col, None]:
            if run and (ln is None or any(_mid_y(run[-1].box) < y < _mid_y(ln.box) for y in over)):
                y0, y1 = min(r.box.y0 for r in run), max(r.box.y1 for r in run)
                out.append(_Piece(run, Box(x0, y0, x1, y1), (ink.x0, ink.x1), False))
                run = []
            if ln is not None:
                run.append(ln)
    return out


def _in_reading_order(pieces: list[_Piece]) -> list[_Piece]:
    """Pieces in reading order: a topological sort of T. M. Breuel's partial order
    ("High performance document layout analysis", 2003) — ``a`` comes before ``b`` when
    they share columns and ``a`` is above, or when ``a`` is wholly left of ``b`` and no
    piece between them in height runs over both. Ties and cycles go top-left first.

    Why not rows then columns: an article set under a headline over two of four columns,
    beside another article's continuing columns, has no row gap across the page; the
    partial order still reads the continuing columns before the headline and the
    headline before the columns under it.
    """
    if len(pieces) > MAX_PIECES:
        return sorted(pieces, key=lambda p: (p.box.y0, p.box.x0))
    n = len(pieces)
    after: list[list[int]] = [[] for _ in range(n)]
    preds = [0] * n
    for i, a in enumerate(pieces):
        for j, b in enumerate(pieces):
            if i != j and _before(a, b, pieces):
                after[i].append(j)
                preds[j] += 1
    left = set(range(n))
    out = []
    while left:
        ready = [i for i in left if preds[i] == 0] or list(left)  # (a cycle: break it)
        i = min(ready, key=lambda k: (pieces[k].box.y0, pieces[k].box.x0))
        left.discard(i)
        out.append(pieces[i])
        for j in after[i]:
            preds[j] -= 1
    return out


def _before(a: _Piece, b: _Piece, pieces: list[_Piece]) -> bool:
    if _x_overlap(a.box, b.box) > 0:
        return a.box.y0 < b.box.y0
    if a.box.x1 > b.box.x0:
        return False
    upper, lower = (a, b) if a.box.y0 <= b.box.y0 else (b, a)
    return not any(c is not a and c is not b and _x_overlap(c.box, a.box) > 0 and
                   _x_overlap(c.box, b.box) > 0 and
                   upper.box.y1 <= _mid_y(c.box) <= lower.box.y0 for c in pieces)


def _x_overlap(a: Box, b: Box) -> int:
    return min(a.x1, b.x1) - max(a.x0, b.x0)


def _mid_y(box: Box) -> float:
    return (box.y0 + box.y1) / 2


def _amid_columns(ordered: list[TextLine], parts: list, i: int, char: float) -> bool:
    """Does a line that was cut at the gutters stand right above line ``i`` (less than a
    character of white between), and another right below it?"""
    ln = ordered[i]
    half = ln.box.height / 2
    near = range(max(0, i - LEADING_LOOKAHEAD), min(len(ordered), i + 1 + LEADING_LOOKAHEAD))
    above = [k for k in near if k < i and ordered[k].box.y1 <= ln.box.y0 + half]
    below = [k for k in near if k > i and ordered[k].box.y0 >= ln.box.y1 - half]
    if not above or not below:
        return False
    up = max(above, key=lambda k: ordered[k].box.y1)
    down = min(below, key=lambda k: ordered[k].box.y0)
    return parts[up] is not None and parts[down] is not None and \
        ln.box.y0 - ordered[up].box.y1 < char and ordered[down].box.y0 - ln.box.y1 < char


def _printed_lines(run: list[TextLine]) -> list[TextLine]:
    """A column's lines top to bottom, with pieces of one printed line (side by side at
    the same height) joined left to right."""
    out: list[list[TextLine]] = []
    top = bottom = 0  # the vertical extent of the printed line being gathered
    for ln in sorted(run, key=lambda ln: (ln.box.y0, ln.box.x0)):
        if out:
            overlap = min(bottom, ln.box.y1) - max(top, ln.box.y0)
            if overlap >= SAME_LINE * min(bottom - top, ln.box.height) > 0:
                out[-1].append(ln)
                top, bottom = min(top, ln.box.y0), max(bottom, ln.box.y1)
                continue
        out.append([ln])
        top, bottom = ln.box.y0, ln.box.y1
    return [_join(parts) for parts in out]


def _blocks_sound(runs: list[tuple[list[TextLine], tuple[int, int]]]) -> float:
    """The share of the engine's blocks that segmentation kept whole: all their lines in
    one run, no printed line shared with another block."""
    seen: dict[str, set[int]] = {}
    shared: set[str] = set()
    for k, (run, _) in enumerate(runs):
        for ln in run:
            for b in ln.blocks:
                seen.setdefault(b, set()).add(k)
            if len(ln.blocks) > 1:
                shared |= ln.blocks
    if not seen:
        return 1.0
    return sum(1 for b, ks in seen.items() if len(ks) == 1 and b not in shared) / len(seen)


def _blocks_are_paragraphs(runs: list[Run], char: float) -> bool:
    """Do the engine's block breaks inside columns fall where paragraphs end? A break
    after a full line with no sentence end, before a line that is not indented, is
    mid-paragraph; at most :data:`MID_BREAKS` of the breaks (or two: a subtitle over a
    byline looks like that) may be."""
    breaks = mid = 0
    for run, (left, right) in runs:
        for a, b in zip(run, run[1:]):
            if a.blocks & b.blocks:
                continue
            breaks += 1
            if right - a.box.x1 < SHORT_CHARS * char and \
                    b.box.x0 - left < INDENT_CHARS * char and not ends_sentence(a.text.strip()):
                mid += 1
    return mid <= 2 or mid <= MID_BREAKS * breaks


def _by_block(lines: list[TextLine]) -> list[list[TextLine]]:
    """A column's lines split where the engine's blocks change (no block in common with
    the line above). Why: the engine saw a break there (a subtitle over its byline, a
    caption under a photo), and a break it saw is a paragraph break."""
    out: list[list[TextLine]] = []
    for ln in lines:
        if out and ln.blocks & out[-1][-1].blocks:
            out[-1].append(ln)
        else:
            out.append([ln])
    return out


def _join(parts: list[TextLine]) -> TextLine:
    if len(parts) == 1:
        return parts[0]
    parts = sorted(parts, key=lambda ln: ln.box.x0)
    box = Box.union([p.box for p in parts])
    blocks = frozenset().union(*(p.blocks for p in parts))
    if all(p.words for p in parts):
        words = tuple(w for p in parts for w in p.words)
        return TextLine(parts[0].id, box, join_words(list(words), box.height), words, blocks)
    return TextLine(parts[0].id, box, "".join(p.text.strip() for p in parts), (), blocks)


# -- gutters and the lines across them ------------------------------------------------
def _gutters(lines: list[TextLine], box: Box, char: float) -> list[tuple[int, int]]:
    """The column gutters of a group of lines, left to right, as the x range of each open
    strip. A gutter has lines with words on each of its sides: the same lines (the
    engine read them across it) or different ones (the engine kept the columns' lines
    apart, but a headline runs over them)."""
    few = len(lines) < GUTTER_LINES
    cuts: list[tuple[int, int]] = []
    solid = [_solid(ln.words) for ln in lines]
    for lo, hi in _open_strips(lines, box, few):
        left_edge = cuts[-1][1] if cuts else box.x0
        if hi - lo < GUTTER_CHARS * char or lo <= box.x0 or hi >= box.x1 or \
                lo - left_edge < COLUMN_CHARS * char or box.x1 - hi < COLUMN_CHARS * char:
            continue
        left = [any(b.x1 <= lo for _, b in ws) for ws in solid]
        right = [any(b.x0 >= hi for _, b in ws) for ws in solid]
        if min(sum(left), sum(right)) >= (FEW_LINES if few else GUTTER_LINES):
            cuts.append((lo, hi))
    return cuts


def _open_strips(lines: list[TextLine], box: Box, few: bool) -> list[tuple[int, int]]:
    """Maximal x ranges inside ``box`` that few words cover, by a sweep over the words'
    and lines' edges (no per-pixel array: a box can be any size). Few: none in a group of
    :data:`FEW_LINES` lines; else one in :data:`GUTTER_CROSSING` of the lines that reach
    across that x (headlines may run over a gutter), at least one.

    Why the lines there, not all the group's: beside a long article a short one has a
    few lines, and one crossing in eight of all the page's lines left every white
    between its characters open."""
    words: dict[int, int] = {}
    reach: dict[int, int] = {}
    for ln in lines:
        for events, boxes in ((words, [b for _, b in _solid(ln.words)]), (reach, [ln.box])):
            for b in boxes:
                lo, hi = max(b.x0, box.x0), min(b.x1, box.x1)
                if lo < hi:
                    events[lo] = events.get(lo, 0) + 1
                    events[hi] = events.get(hi, 0) - 1
    points = sorted(set(words) | set(reach) | {box.x0, box.x1})
    out: list[tuple[int, int]] = []
    depth = across = 0
    start = None
    for a, b in zip(points, points[1:]):  # the depths hold on [a, b)
        depth += words.get(a, 0)
        across += reach.get(a, 0)
        allowed = 0 if few else max(1, across // GUTTER_CROSSING)
        if depth <= allowed and start is None:
            start = a
        elif depth > allowed and start is not None:
            out.append((start, a))
            start = None
    if start is not None:
        out.append((start, points[-1]))
    return out




def _open_at(ln: TextLine, lo: int, hi: int, char: float) -> bool:
    """Do the line's words leave white (:data:`CUT_WHITE` characters or more) at the
    gutter ``lo``–``hi``? Why white and not "no word over the gutter": an engine's word
    boxes are loose (one character boxed two wide), so a column's last word may reach
    into the gutter; a headline's characters, set solid, leave no white there at all."""
    slack = 0.3 * char
    a, b = lo - slack, hi + slack
    reach = a
    for _, box in sorted(_solid(ln.words), key=lambda w: w[1].x0):
        if box.x1 <= reach:
            continue
        if min(box.x0, b) - reach >= CUT_WHITE * char:
            return True
        reach = max(reach, box.x1)
        if reach >= b:
            return False
    return b - reach >= CUT_WHITE * char or reach <= a


def _cut_line(ln: TextLine, cuts: list[tuple[int, int]], char: float, force: bool = False
              ) -> list[tuple[int, TextLine]] | None:
    """The line's pieces between gutters as (column, line), or None when a word of it
    runs across a gutter or its type is larger than the columns' (it spans the columns:
    a headline).

    A line runs across a gutter when its words leave no white there (see
    :func:`_open_at`); with ``force``, each word goes to the column its centre is in.
    """
    if not ln.words or _type_size(ln) > SPAN_HEIGHT * char or \
            not (force or all(_open_at(ln, lo, hi, char) for lo, hi in cuts)):
        return None
    pieces: dict[int, list[Word]] = {}
    for word in ln.words:
        text, b = word[0], word[1]
        # a mark in a gutter closes the line on its left (squeezed in, or read from noise)
        solid = _solid([(text, b)])
        at = (solid[0][1].x0 + solid[0][1].x1) / 2 if solid else b.x0 - 1
        col = sum(1 for lo, hi in cuts if at > (lo + hi) / 2)
        pieces.setdefault(col, []).append(word)
    out = []
    for col, words in sorted(pieces.items()):
        text = join_words(words, ln.box.height)
        if text.strip():
            box = Box.union([w[1] for w in words])
            out.append((col, TextLine(f"{ln.id}_c{col}", box, text, tuple(words), ln.blocks)))
    return out
