"""fragments: put stray pieces of text back where they were cut from.

Two rules, run before ``heal`` joins lines and paragraphs (the cut points are still
visible then):

* ``move_interleaved`` — a printed line of a neighbouring column landed inside a
  paragraph (``…董事长孙继辉 铁高速、国省道路、新区建 一行举行…``). A candidate piece is the
  text between two spaces the converter left inside Chinese text; it is moved to the place
  where it fits when the junctions tell a clear story: at its host both junctions are
  broken (``辉|铁``, ``建|一``), at its destination the junction is broken (``高|设``) and
  the piece mends it on both sides (``高|铁``, ``建|设``). In line-per-line text every
  inner line is a candidate and every line break nearby a destination; dictionary
  evidence cannot pick the one stray line among hundreds, so only the word model decides
  there, with the mirror reading as a rival (:func:`_line_moves`).
* ``attach_orphan`` — a short fragment that completes a sentence (``论稿）》。``,
  ``提出意见建议。``) stands as its own block before the paragraph it ends. It is attached
  to the block whose cut end it completes best (closing an open bracket, mending a word),
  when that is clearly better than any other reading. The rule's code is in
  :mod:`ocrfix.stages.orphans`, which runs it again after ``heal``.

Printed-line boundaries are newlines inside a block (line-per-line OCR output) and the
spaces between Chinese characters that ``normalise`` removed (a converter that joins a
column's lines with spaces). Evidence is the word cohesion of the junctions
(:mod:`ocrfix.cohesion`) and bracket balance; every move is logged with its scores.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..chars import is_cjk
from ..cohesion import cohesion
from ..config import Config
from ..doc import Block, Doc
from ..fluency import WINDOW, Fluency, fluency, head_run, tail_run
from .orphans import attach_orphans

NAME = "fragments"
REQUIRES = ("text", "furniture")
ASSIGNS = ("reading_order",)

#: A junction at or below this cohesion is "broken" (no dictionary word spans it).
BROKEN = -2.0
#: A junction at or above this cohesion is "mended" (the two characters make a word).
MENDED = 1.0
#: Minimum summed gain (host + destination) to move an interleaved piece.
MOVE_GAIN = 12.0
#: The best destination must beat the second best by this much.
MOVE_MARGIN = 3.0
PIECE_MIN, PIECE_MAX = 4, 24
#: With a word model (:mod:`ocrfix.fluency`), a piece between the only two cuts of a
#: paragraph may go to any broken junction of a paragraph at most NEAR_PARAGRAPHS away:
#: the host must read on without it (LM_HOST_GAIN), the destination junction must be
#: broken (≤ LM_BROKEN) and the move must win LM_MOVE_GAIN with LM_MOVE_MARGIN to spare.
#: (Simulated seeds 3, 5, 11, 13 with realistic line lengths: the three wrong moves had
#: gains 15.0–18.3, the two right ones 42.7 and 49.0, so 14 became 20. Fresh seeds 21 and
#: 23 then showed two wrong ones at 20.5 and 24.7, as much as the hand-written right
#: cases in tests/test_fluency.py (24.8), but they won by 11.2 where every right one won
#: by ≥ 22.8 and the wrong ones by ≤ 11.2: the margin is now 15, was 8.)
LM_HOST_GAIN, LM_BROKEN, LM_MOVE_GAIN, LM_MOVE_MARGIN = -2.0, 0.0, 20.0, 15.0
NEAR_PARAGRAPHS = 4
#: Both new junctions at the destination must read on at least this well. A converter
#: that leaves spaces at some line joins marks ordinary lines too, and one of them often
#: continues a word at some broken junction on one side only (simulated seeds 3 and 11:
#: the seven such moves, all wrong, had −0.5…3.7 on their weaker side; the five right
#: ones ≥ 9.5 on both; the hand-written case in tests/test_fluency.py has 4.7).
LM_SIDE = 4.0
#: A paragraph with more marks than this was joined line by line with spaces: every line
#: would be a candidate, so only marked destinations are tried there.
LM_MAX_CUTS = 4
#: The shortest piece tried at a one-sided mark (shorter ones read on anywhere).
LM_PIECE_MIN = 6


def run(doc: Doc, config: Config) -> Doc:
    for rule, fn in (("move_interleaved", move_interleaved), ("attach_orphan", attach_orphans)):
        if rule not in config.disabled_rules:
            fn(doc, config)
    return doc


def junction(left: str, right: str) -> float:
    """Cohesion across ``left|right``; 0 when either side is not a Chinese character."""
    return cohesion().junction(left, right)


# -- printed-line boundaries --------------------------------------------------------------
@dataclass(frozen=True)
class Cut:
    """A printed-line boundary: the line before ends at ``left``, the next starts at
    ``right`` (``text[left:right]`` is the newline, or empty where a space was removed)."""

    left: int
    right: int


def line_cuts(doc: Doc, block: Block, space_ends: set[int] | None = None) -> list[Cut]:
    """The printed-line boundaries inside ``block``, in order."""
    text, origins = doc.rendered
    cuts = {Cut(ln.start - 1, ln.start) for ln in block.lines[1:]}
    removed_space_ends = space_ends if space_ends is not None else _removed_space_ends(doc)
    for i in range(block.start + 1, block.end):
        o = origins[i]
        if o[1] == o[0] + 1 and o[0] in removed_space_ends:
            cuts.add(Cut(i, i))
    return sorted(cuts, key=lambda c: c.right)


def _removed_space_ends(doc: Doc) -> set[int]:
    """Source offsets just after a space that normalise removed between Chinese text."""
    return {e.end for e in doc.edits
            if e.stage == "normalise" and e.rule == "cjk_spaces" and not e.after
            and e.before and e.before.isspace()}


# -- move_interleaved -----------------------------------------------------------------------
@dataclass(frozen=True)
class Piece:
    """Text between two printed-line boundaries of one block: ``text[start:end]`` is the
    piece; ``text[cut_start:end]`` is what moves (with the line break before it)."""

    cut_start: int
    start: int
    end: int
    after: int  # position of the character after the piece (after its boundary)


def move_interleaved(doc: Doc, config: Config) -> None:
    """Move pieces of a neighbouring column back to where they were cut from."""
    text = doc.text
    fl = fluency(config.fluency_lm)
    blocks = [b for b in doc.blocks() if "\n" in b.text or len(b.text) > PIECE_MAX]
    space_ends = _removed_space_ends(doc)
    cuts = {b.index: line_cuts(doc, b, space_ends) for b in blocks}
    dests = [c for b in blocks for c in cuts[b.index]]
    used: set[int] = set()
    cache: dict[int, Junctions] = {}
    with doc.batch(NAME, optional=True) as batch:
        if fl is not None:
            _line_moves(doc, [b for b in blocks if "\n" in b.text], fl, batch, used)
        # On a page read with boxes a space inside a line is the engine's word gap, not a
        # printed-line mark, and segmentation has already put each line in its column:
        # the word model's guess from one-sided marks has nothing to go on there.
        guess = not doc.meta.get("geometry")
        for b in blocks:
            for piece, found, need in _block_moves(doc, b, cuts[b.index], dests, fl, cache,
                                                   guess):
                if any(p in used for p in range(piece.cut_start - 1, piece.after + 1)) or \
                        not doc.movable(piece.cut_start, piece.end):
                    continue
                dest, gain, margin, why = found
                if dest.left in used or dest.right in used or dest.left - 1 in used:
                    continue
                used.update(range(piece.cut_start - 1, piece.after + 1))
                used.update((dest.left - 1, dest.left, dest.right))
                batch.move(piece.cut_start, piece.end, dest.left, "move_interleaved",
                           round(min(0.99, 0.5 + gain / 40), 2),
                           f"line-sized piece breaks its paragraph and mends another: {why}; "
                           f"gain {gain:.1f}, margin {margin:.1f} (needed: {need})")


# -- move_interleaved: whole printed lines, judged by the word model ------------------------
#: Line-per-line text (Tesseract-like): a printed line is taken for a neighbouring
#: column's line that landed between two lines of its host when, judged by the word model
#: (nats):
#:
#: * at its host, neither of its junctions reads on well (≤ LINE_EDGE) and the host reads
#:   on without it no worse than LINE_HOST_GAIN (the join of the lines around it minus its
#:   own two junctions: often small, since half the true junctions gain < 1 nat);
#: * it goes to a line boundary at most LINE_NEAR blocks away whose junction does not read
#:   on (≤ LINE_DEST_BROKEN); neither new junction is worse than LINE_SIDE, and together
#:   they beat the old one by LINE_DEST_GAIN;
#: * host plus destination gain reach LINE_MOVE_GAIN and beat every rival move by
#:   LINE_MARGIN: the same line elsewhere, another line into the same place, and the
#:   mirror reading (moving the line next to this one's destination instead: the source
#:   line before a pasted line also "reads on" into it).
#:
#: A move whose line has one new junction that does not read on (≤ 0: punctuation or a
#: digit there, or words that do not join) rests on the other junction alone: that one
#: must read on by LINE_ONE_SIDE, or the move must gain LINE_STRONG in all.
#:
#: Tuned on simulated seeds 3, 5, 11 and 13 (200 pages each, default mix, realistic line
#: lengths): 36 right moves and 4 wrong ones at margin 3 with no one-side test; the two
#: wrong ones at margin 3.7 and the two resting on one junction of 9.9 and 10.4 (totals
#: 21–22) go, no right one does (the weakest right margin is 4.5; right one-sided moves
#: have 11.8–24.9 on their good side, or totals ≥ 26).
LINE_EDGE, LINE_HOST_GAIN, LINE_DEST_BROKEN, LINE_SIDE = 3.0, -1.0, 2.0, -3.0
LINE_DEST_GAIN, LINE_MOVE_GAIN, LINE_MARGIN = 8.0, 18.0, 4.0
LINE_ONE_SIDE, LINE_STRONG = 11.0, 25.0
LINE_NEAR = 4
#: A moved line is as long as its destination column's median inner line, give or take
#: this, when that column has at least LINE_WIDTH_LINES inner lines (see _fits_column).
LINE_WIDTH_SLACK, LINE_WIDTH_LINES = 2, 3
LINE_MIN, LINE_MAX = 6, 30


@dataclass
class Column:
    """A prose block read as one run of text: ``flat`` is the block without its line
    breaks, ``pos[i]`` the position in the current text of ``flat[i]``, and ``starts``
    the flat offsets where a printed line starts (a line break, or a space the converter
    left and normalise removed)."""

    block: Block
    flat: str
    pos: list[int]
    starts: list[int]
    wrapped: bool
    gains: dict[int, float]

    def left(self, i: int) -> str:
        return tail_run(self.flat[max(0, i - WINDOW):i])

    def right(self, i: int) -> str:
        return head_run(self.flat[i:i + WINDOW])


def _columns(doc: Doc, blocks: list[Block], space_ends: set[int]) -> list[Column]:
    """Prose blocks with their printed-line starts (see :class:`Column`)."""
    text, origins = doc.rendered
    out = []
    for b in blocks:
        flat, pos, starts = [], [], []
        wrapped = "\n" in b.text
        for i in range(b.start, b.end):
            ch = text[i]
            if ch == "\n":
                if flat:
                    starts.append(len(flat))
                continue
            o = origins[i]
            # In line-per-line text a newline marks each printed line; a space inside a
            # line is the engine's noise (``0多 年 来``), and taking it for a line start
            # would cut the pasted line in pieces that each fit nowhere.
            if flat and not wrapped and o[1] == o[0] + 1 and o[0] in space_ends and \
                    (not starts or starts[-1] != len(flat)):
                starts.append(len(flat))
            flat.append(ch)
            pos.append(i)
        f = "".join(flat)
        if len(f) < 2 * LINE_MIN or sum(map(is_cjk, f)) < 0.6 * len(f):
            continue
        out.append(Column(b, f, pos, sorted(set(starts)), wrapped, {}))
    return out


def _gain_at(col: Column, i: int, fl: Fluency) -> float:
    """The word model's gain across the junction at flat offset ``i`` (cached)."""
    g = col.gains.get(i)
    if g is None:
        g = col.gains[i] = fl.gain_runs(col.left(i), col.right(i))
    return g


@dataclass(frozen=True)
class LineMove:
    """A candidate: the line ``flat[a:b]`` of column ``host`` goes to offset ``d`` of
    column ``dest``; ``total`` = host gain + destination gain."""

    host: int
    a: int
    b: int
    dest: int
    d: int
    total: float
    host_gain: float
    old: float
    j_in: float
    j_out: float


def _line_candidates(cols: list[Column], fl: Fluency) -> list[LineMove]:
    """Every (line, destination) pair that passes the per-pair tests (thresholds above).
    ``cols`` are the line-per-line blocks: in joined text only the spaces a converter
    left show lines, and those pieces go through :func:`_block_moves`."""
    out = []
    for hi, h in enumerate(cols):
        for a, b in zip(h.starts, h.starts[1:]):
            if not LINE_MIN <= b - a <= LINE_MAX:
                continue
            j_a, j_b = _gain_at(h, a, fl), _gain_at(h, b, fl)
            if j_a > LINE_EDGE or j_b > LINE_EDGE:
                continue  # the line reads on from its neighbours: it is at home
            host_gain = fl.gain_runs(h.left(a), h.right(b)) - j_a - j_b
            if host_gain < LINE_HOST_GAIN:
                continue
            piece = h.flat[a:b]
            p_head, p_tail = head_run(piece), tail_run(piece)
            for di, c in enumerate(cols):
                if abs(c.block.index - h.block.index) > LINE_NEAR or \
                        not _fits_column(b - a, c):
                    continue
                for d in c.starts:
                    if di == hi and a <= d <= b:
                        continue
                    old = _gain_at(c, d, fl)
                    if old > LINE_DEST_BROKEN:
                        continue
                    j_in = fl.gain_runs(c.left(d), p_head)
                    if j_in < LINE_SIDE:
                        continue
                    j_out = fl.gain_runs(p_tail, c.right(d))
                    if j_out < LINE_SIDE:
                        continue
                    out.append(LineMove(hi, a, b, di, d, host_gain + j_in + j_out - old,
                                        host_gain, old, j_in, j_out))
    return out


def _fits_column(length: int, col: Column) -> bool:
    """Could a line of ``length`` characters be a full printed line of ``col``?

    Why: a line pasted into a neighbouring column is a printed line of its home column,
    so as long as that column's lines, give or take :data:`LINE_WIDTH_SLACK` (real lines
    vary by a character or two: digits, squeezed punctuation). A column with too few
    inner lines to tell its width is not held to it."""
    lines = col.block.text.split("\n")[1:-1]
    widths = sorted(len(ln.replace(" ", "")) for ln in lines)
    if not col.wrapped or len(widths) < LINE_WIDTH_LINES:
        return True
    return abs(length - widths[len(widths) // 2]) <= LINE_WIDTH_SLACK


def _rivals(m: LineMove, r: LineMove) -> bool:
    """Two moves that cannot both be right: the same line, the same destination, or one
    goes to an edge of the other's line (the mirror reading of one cut)."""
    return (m.host, m.a) == (r.host, r.a) or (m.dest, m.d) == (r.dest, r.d) or \
        (m.dest == r.host and m.d in (r.a, r.b)) or (r.dest == m.host and r.d in (m.a, m.b))


def _line_choices(cands: list[LineMove]) -> list[tuple[LineMove, float]]:
    """Moves that win clearly, best first, none a rival of one already taken; the margin
    is over the best rival (taken or not)."""
    cands = sorted(cands, key=lambda m: -m.total)
    out: list[tuple[LineMove, float]] = []
    for m in cands:
        if m.total < LINE_MOVE_GAIN:
            break
        if m.j_in + m.j_out - m.old < LINE_DEST_GAIN or not _two_sided(m) or \
                any(_rivals(m, t) for t, _ in out):
            continue
        rival = max([r.total for r in cands if r is not m and _rivals(m, r)], default=0.0)
        if m.total - rival >= LINE_MARGIN:
            out.append((m, m.total - rival))
    return out


def _two_sided(m: LineMove) -> bool:
    """Does the move have evidence on both sides of the line, or enough on one?

    Why: a junction at punctuation or a digit says nothing, and a chance word that joins
    on one side of a wrong line is common; a true line put back mends both sides or
    mends one side very well (see LINE_ONE_SIDE)."""
    if min(m.j_in, m.j_out) > 0:
        return True
    return max(m.j_in, m.j_out) >= LINE_ONE_SIDE or m.total >= LINE_STRONG


def _line_moves(doc: Doc, blocks: list[Block], fl: Fluency, batch, used: set[int]) -> None:
    """Find and log the whole-line moves (see the constants above)."""
    text = doc.text
    cols = _columns(doc, blocks, _removed_space_ends(doc))
    for m, margin in _line_choices(_line_candidates(cols, fl)):
        h, c = cols[m.host], cols[m.dest]
        start, end = h.pos[m.a], h.pos[m.b - 1] + 1
        if h.wrapped and text[start - 1] == "\n":
            start -= 1  # the line goes with its line break
        dest = c.pos[m.d]
        if c.wrapped and text[dest - 1] == "\n":
            dest -= 1
        span = set(range(start - 1, end + 1)) | {dest - 1, dest}
        if span & used or not doc.movable(start, end):
            continue
        used.update(span)
        piece = h.flat[m.a:m.b]
        why = (f"host {h.flat[max(0, m.a - 3):m.a]}|{piece[:3]}…{piece[-3:]}|"
               f"{h.flat[m.b:m.b + 3]} reads on without it ({m.host_gain:+.1f}); destination "
               f"{c.flat[max(0, m.d - 3):m.d]}|{c.flat[m.d:m.d + 3]} {m.old:+.1f} → "
               f"{m.j_in:+.1f} / {m.j_out:+.1f}")
        batch.move(start, end, dest, "move_interleaved",
                   round(min(0.99, 0.5 + m.total / 40), 2),
                   f"printed line of a neighbouring column: {why}; gain {m.total:.1f} ≥ "
                   f"{LINE_MOVE_GAIN}, margin {margin:.1f} ≥ {LINE_MARGIN} ({fl.name})")


def _block_moves(doc: Doc, b: Block, cuts: list[Cut], dests: list[Cut],
                 fl: Fluency | None, cache: dict[int, Junctions], guess: bool = True
                 ) -> list[tuple[Piece, tuple, str]]:
    """The moves block ``b`` asks for: ``(piece, (dest, gain, margin, why), needed)``.

    First the marked destinations (a cut the converter left, mended on both sides by
    dictionary words). Failing that, with a word model, a paragraph whose only marks are
    the spaces around a pasted line may have that line go to any broken junction nearby
    (the column it came from shows no mark); ``guess=False`` (a page read with boxes)
    leaves that out.
    """
    text = doc.text
    out = []
    for piece in _pieces(cuts, text):
        found = _best_destination(piece, dests, text)
        if found is not None and (fl is None or _reads_on_there(piece, found[0], text, fl)):
            out.append((piece, found, f"gain {MOVE_GAIN}, margin {MOVE_MARGIN}"))
    if out or fl is None or not guess or "\n" in b.text or not 1 <= len(cuts) <= LM_MAX_CUTS:
        return out
    near = _prose_near(doc, b)
    marks = {c.left for c in cuts}
    pieces = {(p.start, p.end): p for p in
              [p for c in cuts for p in _one_sided(c, b, text)] + _pieces(cuts, text)
              if not any(p.start < m < p.end for m in marks)}  # a line holds no mark
    scored = [(piece, f) for piece in pieces.values()
              if (f := _fluent_destination(piece, near, text, fl, cache)) is not None]
    if not scored:
        return []
    scored.sort(key=lambda pf: -pf[1][1])
    (piece, found), rest = scored[0], scored[1:]
    if rest and found[1] - rest[0][1][1] < LM_MOVE_MARGIN:
        return []  # two readings of where the pasted line ends: too close to call
    return [(piece, found, f"gain {LM_MOVE_GAIN}, margin {LM_MOVE_MARGIN} ({fl.name})")]


def _one_sided(cut: Cut, b: Block, text: str) -> list[Piece]:
    """Pieces that start or end at a paragraph's single marked cut (the converter left a
    space on one side of the pasted line only): every length the piece could have."""
    if cut.left != cut.right:
        return []
    out = []
    for n in range(LM_PIECE_MIN, PIECE_MAX + 1):
        if cut.left + n <= b.end - 2:
            out.append(Piece(cut.left, cut.left, cut.left + n, cut.left + n))
        if cut.left - n >= b.start + 2:
            out.append(Piece(cut.left - n, cut.left - n, cut.left, cut.left))
    return out


def _prose_near(doc: Doc, host: Block) -> list[Block]:
    """Single-line prose blocks near ``host`` (a neighbouring column's paragraph)."""
    return [b for b in doc.blocks() if b.index != host.index and
            abs(b.index - host.index) <= NEAR_PARAGRAPHS and "\n" not in b.text and
            len(b.text) >= 20]


#: (position, left run, right run, gain) of each broken junction of a block.
Junctions = list[tuple[int, str, str, float]]


def _broken_junctions(b: Block, text: str, fl: Fluency, cache: dict[int, Junctions]
                      ) -> Junctions:
    """The junctions inside ``b`` that do not read on: where a line can have been cut out.
    Computed once per block and page (``cache``), since every piece is tried against them."""
    if b.index not in cache:
        out = []
        for d in range(b.start + 2, b.end - 1):
            if is_cjk(text[d - 1]) and is_cjk(text[d]):
                l_run = tail_run(text[max(b.start, d - WINDOW):d])
                r_run = head_run(text[d:min(b.end, d + WINDOW)])
                old = fl.gain_runs(l_run, r_run)
                if old <= LM_BROKEN:
                    out.append((d, l_run, r_run, old))
        cache[b.index] = out
    return cache[b.index]


def _fluent_destination(piece: Piece, near: list[Block], text: str, fl: Fluency,
                        cache: dict[int, Junctions]) -> tuple[Cut, float, float, str] | None:
    """Where in the nearby paragraphs the piece reads on at both ends, judged by the word
    model: the host reads on without it, the piece's own edges do not read on in the host,
    and at the destination it mends a junction that was broken."""
    hl, hr = text[:piece.cut_start], text[piece.after:]
    body = text[piece.start:piece.end]
    host_gain = fl.gain(hl, hr) - fl.gain(hl, body) - fl.gain(body, hr)
    if host_gain < LM_HOST_GAIN:
        return None
    b_head, b_tail = head_run(body), tail_run(body)
    scored = []
    for b in near:
        for d, l_run, r_run, old in _broken_junctions(b, text, fl, cache):
            j_in, j_out = fl.gain_runs(l_run, b_head), fl.gain_runs(b_tail, r_run)
            scored.append((j_in + j_out - old + host_gain, d, l_run, r_run, old, j_in, j_out))
    if not scored:
        return None
    scored.sort(key=lambda s: -s[0])
    total, d, l_run, r_run, old, j_in, j_out = scored[0]
    margin = total - (scored[1][0] if len(scored) > 1 else 0.0)
    if total < LM_MOVE_GAIN or margin < LM_MOVE_MARGIN or min(j_in, j_out) < LM_SIDE:
        return None  # (one side reading on by chance: a line put back mends both)
    why = (f"host {host_gain:+.1f} (reads on without the piece); destination "
           f"{l_run[-3:]}|{r_run[:3]} {old:+.1f} → {l_run[-3:]}|{body[:3]} {j_in:+.1f}, "
           f"{body[-3:]}|{r_run[:3]} {j_out:+.1f}")
    return Cut(d, d), total, margin, why


def _pieces(cuts: list[Cut], text: str) -> list[Piece]:
    out = []
    for a, b in zip(cuts, cuts[1:]):
        seg = text[a.right:b.left]
        spaced = a.left == a.right and b.left == b.right
        if spaced and PIECE_MIN <= len(seg) <= PIECE_MAX and "\n" not in seg:
            out.append(Piece(a.left, a.right, b.left, b.right))
    return out


def _reads_on_there(piece: Piece, dest: Cut, text: str, fl: Fluency) -> bool:
    """Does the word model agree that the piece reads on at both sides of ``dest``?

    Why: dictionary cohesion judges one character pair, and a piece whose edge is a
    common character (``的``, ``发``) makes some word with almost anything (``别|的``,
    ``的|是``). Simulated seeds 3, 5, 11 and 13: the two dictionary moves were both
    wrong, with word-model gains ≤ 0.3 on a side; seed 002's pasted line
    (``高|铁高速…新区建|设``) has 7.6 and 9.4. A side with no Chinese run is not judged.
    """
    body = text[piece.start:piece.end]
    left = tail_run(text[max(0, dest.left - WINDOW):dest.left])
    right = head_run(text[dest.right:dest.right + WINDOW]) if text[dest.right:dest.right + 1] != "\n" else ""
    sides = [fl.gain_runs(a, b) for a, b in ((left, head_run(body)), (tail_run(body), right))
             if a and b]
    return bool(sides) and min(sides) >= LM_SIDE


def _best_destination(piece: Piece, dests: list[Cut], text: str
                      ) -> tuple[Cut, float, float, str] | None:
    """The boundary where the piece fits, with its gain and margin over the runner-up."""
    p0, pn = text[piece.start], text[piece.end - 1]
    hl, hr = text[piece.cut_start - 1], text[piece.after]
    j_hl, j_hr = junction(hl, p0), junction(pn, hr)
    if not (j_hl <= BROKEN and j_hr <= BROKEN):
        return None  # the piece reads on from its neighbours: it is at home
    host_gain = junction(hl, hr) - j_hl - j_hr
    scored = []
    for d in dests:
        if piece.cut_start - 1 <= d.left <= piece.after:
            continue
        dl = text[d.left - 1]
        dr = text[d.right] if d.right < len(text) and text[d.right] != "\n" else ""
        j_in = junction(dl, p0)
        j_out = junction(pn, dr) if dr else 0.0
        j_old = junction(dl, dr) if dr else 0.0
        if j_in < MENDED or (dr and (j_out < MENDED or j_old > BROKEN)):
            continue
        scored.append((j_in + j_out - j_old + host_gain, d,
                       f"host {hl}|{p0} {j_hl:.1f}, {pn}|{hr} {j_hr:.1f}; "
                       f"destination {dl}|{dr or '¶'} {j_old:.1f} → {dl}|{p0} {j_in:.1f}, "
                       f"{pn}|{dr or '¶'} {j_out:.1f}"))
    if not scored:
        return None
    scored.sort(key=lambda s: -s[0])
    best = scored[0]
    margin = best[0] - (scored[1][0] if len(scored) > 1 else 0.0)
    if best[0] < MOVE_GAIN or margin < MOVE_MARGIN:
        return None
    return best[1], best[0], margin, best[2]
