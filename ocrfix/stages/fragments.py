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
  when that is clearly better than any other reading.

Printed-line boundaries are newlines inside a block (line-per-line OCR output) and the
spaces between Chinese characters that ``normalise`` removed (a converter that joins a
column's lines with spaces). Evidence is the word cohesion of the junctions
(:mod:`ocrfix.cohesion`) and bracket balance; every move is logged with its scores.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..chars import OPEN_CLOSE, SENTENCE_END, ends_sentence, is_cjk, unbalanced_openers
from ..cohesion import UNSEEN, cohesion
from ..config import Config
from ..doc import Block, Doc
from ..fluency import WINDOW, Fluency, fluency, head_run, tail_run
from .heal import running_text

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
LM_HOST_GAIN, LM_BROKEN, LM_MOVE_GAIN, LM_MOVE_MARGIN = -2.0, 0.0, 14.0, 8.0
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
ORPHAN_MAX = 30
#: Minimum evidence for attaching an orphan, and its margin over the next-best reading.
ORPHAN_SCORE = 3.5
#: A broken junction weighs less than a mended one: word boundaries are common at cuts.
JUNCTION_FLOOR = -1.5
ORPHAN_MARGIN = 2.0
#: The same three with a language model's junction gain (nats) as fluency.
LM_ORPHAN_SCORE, LM_ORPHAN_MARGIN, LM_FLOOR = 3.0, 2.0, -2.0
#: After heal: evidence an orphan needs to go into a heal join, and its margin over the
#: joined text (and over any other join).
LM_INSIDE_SCORE, LM_INSIDE_MARGIN = 1.0, 2.0
CLOSERS = {v: k for k, v in OPEN_CLOSE.items()}
#: A fragment is looked for this many blocks before / after it (it is printed near its head).
NEAR_BEFORE, NEAR_AFTER = 3, 8


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
        for b in blocks:
            for piece, found, need in _block_moves(doc, b, cuts[b.index], dests, fl, cache):
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
#: Tuned on simulated seeds 3 and 11 (200 pages each, default mix): 19 of 59 wrapped
#: interleaved lines, no wrong move; one notch looser (margin 1) gives 20 with 1 wrong.
LINE_EDGE, LINE_HOST_GAIN, LINE_DEST_BROKEN, LINE_SIDE = 3.0, -1.0, 2.0, -3.0
LINE_DEST_GAIN, LINE_MOVE_GAIN, LINE_MARGIN = 8.0, 18.0, 3.0
LINE_NEAR = 4
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
        for i in range(b.start, b.end):
            ch = text[i]
            if ch == "\n":
                if flat:
                    starts.append(len(flat))
                continue
            o = origins[i]
            if flat and o[1] == o[0] + 1 and o[0] in space_ends and \
                    (not starts or starts[-1] != len(flat)):
                starts.append(len(flat))
            flat.append(ch)
            pos.append(i)
        f = "".join(flat)
        if len(f) < 2 * LINE_MIN or sum(map(is_cjk, f)) < 0.6 * len(f):
            continue
        out.append(Column(b, f, pos, sorted(set(starts)), "\n" in b.text, {}))
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
                if abs(c.block.index - h.block.index) > LINE_NEAR:
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
        if m.j_in + m.j_out - m.old < LINE_DEST_GAIN or any(_rivals(m, t) for t, _ in out):
            continue
        rival = max([r.total for r in cands if r is not m and _rivals(m, r)], default=0.0)
        if m.total - rival >= LINE_MARGIN:
            out.append((m, m.total - rival))
    return out


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
                 fl: Fluency | None, cache: dict[int, Junctions]) -> list[tuple[Piece, tuple, str]]:
    """The moves block ``b`` asks for: ``(piece, (dest, gain, margin, why), needed)``.

    First the marked destinations (a cut the converter left, mended on both sides by
    dictionary words). Failing that, with a word model, a paragraph whose only marks are
    the spaces around a pasted line may have that line go to any broken junction nearby
    (the column it came from shows no mark).
    """
    text = doc.text
    out = []
    for piece in _pieces(cuts, text):
        found = _best_destination(piece, dests, text)
        if found is not None:
            out.append((piece, found, f"gain {MOVE_GAIN}, margin {MOVE_MARGIN}"))
    if out or fl is None or "\n" in b.text or not 1 <= len(cuts) <= LM_MAX_CUTS:
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


# -- attach_orphan ------------------------------------------------------------------------
def continuation(left: str, right: str, fl: Fluency | None = None) -> float:
    """Evidence that ``right`` continues the sentence ``left`` breaks off (higher = surer).

    The fluency of the junction is the language model's gain when ``fl`` is given
    (:mod:`ocrfix.fluency`), else the dictionary cohesion of the two characters.

    >>> continuation("审议《政府工作报告（讨", "论稿）》。") > continuation("会议召开。", "论稿）》。")
    True
    """
    if not left or not right or ends_sentence(left):
        return -10.0
    score = 0.0
    opened = unbalanced_openers(left)
    head = right
    for k, ch in enumerate(right):
        if ch in SENTENCE_END:
            head = right[:k]
            break
    if opened:
        score += 5.0 if OPEN_CLOSE[opened[-1]] in head else -1.0
    elif right[0] in CLOSERS:
        score -= 4.0  # closes a bracket the left side never opened
    if is_cjk(left[-1]) and is_cjk(right[0]):
        score += max(fl.gain(left, right), LM_FLOOR) if fl else \
            max(junction(left, right), JUNCTION_FLOOR)
    elif left[-1] in "，、：":
        score += 0.5
    return score


def _orphan_like(b: Block, config: Config) -> bool:
    """Short, ends a sentence, one line: a fragment, not a paragraph or a headline."""
    t = b.text
    return "\n" not in t and len(t) <= ORPHAN_MAX and ends_sentence(t) and (
        t[0] in CLOSERS or is_cjk(t[0]))


def attach_orphans(doc: Doc, config: Config, stage: str = NAME) -> None:
    """Attach fragments printed before the paragraph whose end they are."""
    fl = fluency(config.fluency_lm)
    need, margin_need = (LM_ORPHAN_SCORE, LM_ORPHAN_MARGIN) if fl else (ORPHAN_SCORE, ORPHAN_MARGIN)
    blocks = doc.blocks()
    taken: set[int] = set()
    with doc.batch(stage, optional=True) as batch:
        for k, o in enumerate(blocks):
            if not _orphan_like(o, config) or not _can_move(doc, o.start, o.end):
                continue
            best = _best_head(k, blocks, taken, config, fl, need, margin_need)
            if best is None:
                continue
            t, score, margin, alt = best
            taken.update((t, k))
            head = blocks[t]
            batch.move(o.start, o.end, head.end, "attach_orphan",
                       round(min(0.99, 0.6 + score / 20), 2),
                       f"fragment completes the sentence cut at the end of block {t + 1} "
                       f"({head.text[-6:]}|{o.text[:6]}: evidence {score:.1f} ≥ "
                       f"{need}, margin {margin:.1f} ≥ {margin_need} over {alt}; "
                       f"{'fluency: ' + fl.name if fl else 'dictionary cohesion'})")
            gap_end = blocks[k + 1].start if k + 1 < len(blocks) else o.end
            gap_start = o.end if k + 1 < len(blocks) else blocks[k - 1].end
            if k + 1 == len(blocks) and k > 0:
                batch.delete(gap_start, o.start, "attach_orphan", 0.9,
                             "blank line left where the fragment was")
            elif gap_end > gap_start:
                batch.delete(gap_start, gap_end, "attach_orphan", 0.9,
                             "blank line left where the fragment was")


def _best_head(k: int, blocks: list[Block], taken: set[int], config: Config,
               fl: Fluency | None, need: float, margin_need: float) -> tuple[int, float, float, str] | None:
    """The block whose cut end fragment ``k`` completes, if that reading clearly wins."""
    o = blocks[k]
    prev_score = continuation(blocks[k - 1].text, o.text, fl) if k > 0 else -10.0
    candidates = []
    for t in range(max(0, k - NEAR_BEFORE), min(len(blocks), k + NEAR_AFTER + 1)):
        head = blocks[t]
        if t == k or t == k - 1 or t in taken or "\n" in head.text or \
                ends_sentence(head.text) or not (running_text(head.text, config) or
                                                 unbalanced_openers(head.text)):
            continue  # a headline ends unpunctuated by design: only prose can be cut
        s = continuation(head.text, o.text, fl)
        nxt = blocks[t + 1] if t + 1 < len(blocks) and t + 1 != k else None
        natural = continuation(head.text, nxt.text, fl) if nxt else -10.0
        candidates.append((s, t, natural))
    if not candidates:
        return None
    candidates.sort(reverse=True)
    s, t, natural = candidates[0]
    runner_up = max([prev_score, natural] + [c[0] for c in candidates[1:2]])
    alt = "the next-best reading"
    if s < need or s - runner_up < margin_need:
        return None
    return t, s, s - runner_up, alt


# -- attach_orphan_inside --------------------------------------------------------------------
def attach_orphans_inside(doc: Doc, config: Config, stage: str) -> None:
    """After ``heal``: an orphan whose head ``heal`` already joined to the next paragraph.

    Why: when a fragment stands elsewhere, its head ends mid-sentence and ``heal`` takes
    the next block for the rest of that sentence. If, at such a join, the word model reads
    the orphan on from the head clearly better than the text ``heal`` joined there, the
    orphan goes into the join and the paragraph break comes back after it. Needs the word
    model; dictionary cohesion is too weak to overrule a join.
    """
    fl = fluency(config.fluency_lm)
    if fl is None:
        return
    text, origins = doc.rendered
    joins = _heal_joins(doc, origins)
    if not joins:
        return
    blocks = doc.blocks()
    taken: set[int] = set()
    with doc.batch(stage, optional=True) as batch:
        for k, o in enumerate(blocks):
            if not _orphan_like(o, config) or text[o.end:o.end + 2] != "\n\n" or \
                    not doc.movable(o.start, o.end + 2):
                continue
            lo = blocks[max(0, k - NEAR_BEFORE)].start
            hi = blocks[min(len(blocks) - 1, k + NEAR_AFTER)].end
            best = _best_join(o, [p for p in joins if lo <= p <= hi and p not in taken
                                  and not o.start - 2 <= p <= o.end + 2], text, fl)
            if best is None:
                continue
            p, score, margin, why = best
            taken.add(p)
            batch.move(o.start, o.end + 2, p, "attach_orphan",
                       round(min(0.99, 0.6 + score / 20), 2),
                       f"fragment completes the sentence heal joined on at this place: {why}; "
                       f"evidence {score:.1f} ≥ {LM_INSIDE_SCORE}, margin {margin:.1f} ≥ "
                       f"{LM_INSIDE_MARGIN} ({fl.name})")



def _heal_joins(doc: Doc, origins, rules: tuple[str, ...] = ("join_broken_paragraph",)
                ) -> list[int]:
    """Positions in the current text where ``heal`` joined two blocks (or, with
    ``unwrap_lines`` among ``rules``, two printed lines) into one."""
    ends = {e.end for e in doc.edits if e.stage == "heal" and
            e.rule in rules and not e.after}
    return [i for i in range(1, len(origins)) if origins[i][0] in ends and
            origins[i - 1][1] < origins[i][0]]


def _best_join(o: Block, joins: list[int], text: str, fl: Fluency
               ) -> tuple[int, float, float, str] | None:
    """The join whose head the orphan completes clearly better than what follows it."""
    scored = []
    for p in joins:
        start = text.rfind("\n", 0, p) + 1
        stop = text.find("\n", p)
        head, rest = text[start:p], text[p:stop if stop >= 0 else None]
        if not head or ends_sentence(head):
            continue
        s = continuation(head, o.text, fl)
        natural = continuation(head, rest, fl)
        scored.append((s, s - natural, p, f"{head[-6:]}|{o.text[:6]} {s:.1f} against "
                                          f"{head[-6:]}|{rest[:6]} {natural:.1f}"))
    if not scored:
        return None
    scored.sort(key=lambda x: -x[0])
    s, over_natural, p, why = scored[0]
    runner = scored[1][0] if len(scored) > 1 else -10.0
    margin = min(over_natural, s - runner)
    if s < LM_INSIDE_SCORE or margin < LM_INSIDE_MARGIN:
        return None
    return p, s, margin, why


# -- attach_orphan, matched after heal ---------------------------------------------------------
#: Matching orphans to heads after heal (word model): a head is prose of at least
#: MATCH_HEAD_MIN characters ending mid-sentence; the orphan must read on from it at least
#: MATCH_SCORE better than what follows the head now (that reading floored at
#: MATCH_NATURAL_FLOOR: a paragraph opening after a cut head reads badly, whatever it is),
#: and beat every other head for this orphan and every other orphan for this head by
#: MATCH_MARGIN. Heads are looked for MATCH_BEFORE blocks before the orphan to
#: MATCH_AFTER after it. Tuned on simulated seeds 3 and 11 (600 pages, default mix).
MATCH_HEAD_MIN, MATCH_SCORE, MATCH_NATURAL_FLOOR, MATCH_MARGIN = 20, 1.0, -1.0, 2.0
#: A short fragment (at most MATCH_SHORT characters: a clause, not a sentence of its own)
#: paired one to one with a cut head needs less: the word model has nothing to say
#: across a comma (``…刘世庆、|闫玉萍，…``) or between two names, and then the pairing of the
#: page's cut heads and fragments is the evidence. Such a pair is taken with a margin of
#: MATCH_SHORT_MARGIN when the model prefers it at all (score ≥ MATCH_TIE), or when the
#: model cannot tell the two readings apart (|score| < MATCH_TIE: both junctions back off
#: to the same estimate) and the structure speaks for it (:func:`_structure`). Tuned on
#: simulated seeds 3 and 11 (600 pages, default mix): pairs taken 65 → 86, wrong 2 → 3;
#: taking model ties without structure adds 12 pairs of which 5 are wrong.
MATCH_SHORT, MATCH_TIE, MATCH_SHORT_MARGIN = 20, 0.1, 1.5
#: Clause marks that end no paragraph: a block ending with one was cut.
CLAUSE_MARKS = "，、："
#: Page evidence: a string spanning the junction (up to SPAN_SIDE characters of each side)
#: of at least SPAN_MIN characters that is printed elsewhere on the page (``专业|镇`` where
#: the page says ``专业镇`` again).
SPAN_SIDE, SPAN_MIN = 3, 3
SPAN_WEIGHT = 1.0
MATCH_BEFORE, MATCH_AFTER = 4, 6
#: The joins a head may sit in: a paragraph heal joined on, and a printed line that stops
#: short of its column (< SHORT_LINE of the width of the lines around it) mid-sentence,
#: which ``unwrap_lines`` joined to the next line. (Every unwrapped line was tried too: on
#: seed 3 precision fell, 0.96 → 0.91.)
MATCH_JOINS = ("join_broken_paragraph",)
SHORT_LINE = 0.8


@dataclass(frozen=True)
class Head:
    """Where a sentence is cut: ``text[start:end]`` is the paragraph up to the cut; ``rest``
    is what follows it now (the next block, or the text heal joined on at ``end``)."""

    block: int
    start: int
    end: int
    joined: bool
    rest: str


def _heads(doc: Doc, blocks: list[Block], text: str, config: Config) -> list[Head]:
    """Paragraph ends and heal joins where prose stops mid-sentence."""
    joins = sorted(set(_heal_joins(doc, doc.rendered.origins, MATCH_JOINS)) |
                   set(_short_line_joins(doc)))
    out = []
    for b in blocks:
        if "\n" in b.text:
            continue
        for p in (j for j in joins if b.start < j < b.end):
            out.append(Head(b.index, b.start, p, True, text[p:b.end]))
        nxt = blocks[b.index + 1].text if b.index + 1 < len(blocks) else ""
        out.append(Head(b.index, b.start, b.end, False, nxt))
    return [h for h in out if h.end - h.start >= MATCH_HEAD_MIN and
            not ends_sentence(text[h.start:h.end]) and
            (running_text(text[h.start:h.end], config) or unbalanced_openers(text[h.start:h.end]))]


def _short_line_joins(doc: Doc) -> list[int]:
    """Positions in the current text where ``unwrap_lines`` joined a printed line that
    stopped short of its column to the next line.

    Why: a printed line ends short only where its paragraph ends. If it ends mid-sentence
    and was joined on, the rest of its sentence may stand elsewhere (an orphan printed
    before it), and the join is a candidate head like a join of two blocks. The column's
    width is the median length of the printed lines around it (three on each side).
    """
    src = doc.source
    ends = set()
    for e in doc.edits:
        if e.stage != "heal" or e.rule != "unwrap_lines" or e.after:
            continue
        a = src.rfind("\n", 0, e.start) + 1
        lines = src[max(0, a - 200):min(len(src), e.end + 200)].split("\n")
        prev = src[a:e.start].strip()
        around = [len(ln.strip()) for ln in lines if len(ln.strip()) > 0]
        if len(around) < 5 or not prev:
            continue
        width = sorted(around)[len(around) // 2]
        if len(prev) < SHORT_LINE * width:
            ends.add(e.end)
    if not ends:
        return []
    origins = doc.rendered.origins
    return [i for i in range(1, len(origins)) if origins[i][0] in ends and
            origins[i - 1][1] < origins[i][0]]


def _opens_sentence(t: str, config: Config) -> bool:
    """A block that opens like a paragraph (connective, dateline, date clause) is a short
    paragraph of its own, not the end of someone else's sentence."""
    from .heal import DATE_CLAUSE
    return bool(config.rules.opens_paragraph(t) or config.rules.opens_article(t)
                or DATE_CLAUSE.match(t))


def attach_orphans_matched(doc: Doc, config: Config, stage: str) -> None:
    """After ``heal``, with the word model: pair sentence-end fragments with the heads they
    complete, one to one, best pair first.

    Why a matching: a fragment's junction with its head often reads only a little better
    than with some other cut head nearby (``…全力打好|项目建设攻坚战。``), so a fragment
    judged alone is either missed or misplaced. What settles it is the page as a whole:
    each cut head takes at most one fragment and each fragment one head, so a pair is
    taken when it reads on better than the head's present continuation (a paragraph that
    ``heal`` joined on, or the next block) and clearly better than every competing pair
    still open. The head may end a block, or sit inside a join ``heal`` made; then the
    fragment goes into the join and the paragraph break comes back after it.
    """
    fl = fluency(config.fluency_lm)
    if fl is None:
        return
    text = doc.text
    origins = doc.rendered.origins
    blocks = doc.blocks()
    heads = _heads(doc, blocks, text, config)
    orphans = [Frag(o.index, o.start, o.end, o.text, "block") for o in blocks
               if _orphan_like(o, config) and not _opens_sentence(o.text, config)
               and _can_move(doc, o.start, o.end)] + _inner_fragments(doc, blocks, text, config) \
        + _joined_tails(doc, blocks, text, config)
    if not heads or not orphans:
        return
    pairs = []
    for o in orphans:
        for h in heads:
            d = h.block - o.index
            if not -MATCH_BEFORE <= d <= MATCH_AFTER or d == 0 or (d == -1 and not h.joined):
                continue
            head = text[h.start:h.end]
            s = continuation(head, o.text, fl)
            natural = continuation(head, h.rest, fl) if h.rest else -10.0
            sc = s - max(natural, MATCH_NATURAL_FLOOR) + _span_bonus(text, head, o, h)
            if o.kind == "joined":  # it must read on from the head better than where it is
                sc = min(sc, s - max(continuation(text[blocks[o.index].start:o.start], o.text,
                                                  fl), MATCH_NATURAL_FLOOR))
            pairs.append((sc, s, natural, o, h))
    pairs.sort(key=lambda p: -p[0])
    used_o: set[int] = set()
    used_h: set[tuple[int, int]] = set()
    used_pos: set[int] = set()
    breaks: list[tuple[int, int]] = []  # source span of an inner fragment's last character
    with doc.batch(stage, optional=True) as batch:
        for sc, s, natural, o, h in pairs:
            hk = (h.block, h.end)
            if o.start in used_o or hk in used_h:
                continue
            rival_h = max([p[0] for p in pairs if p[3].start == o.start and p[4] is not h
                           and (p[4].block, p[4].end) not in used_h], default=-10.0)
            rival_o = max([p[1] for p in pairs if p[4] is h and p[3].start != o.start
                           and p[3].start not in used_o and _admissible(p, text)],
                          default=-10.0)
            margin = min(sc - rival_h, s - rival_o)
            head = text[h.start:h.end]
            verdict = _pair_verdict(o, head, h, sc, margin, text)
            if verdict is None:
                continue
            edits = _orphan_edits(doc, o, h, blocks, text)
            if edits is None or any(q in used_pos for q in edits[1]):
                continue
            used_o.add(o.start)
            used_h.add(hk)
            used_pos.update(edits[1])
            why = (f"{head[-6:]}|{o.text[:6]} {s:.1f} against {head[-6:]}|{h.rest[:6]} "
                   f"{natural:.1f} (floored at {MATCH_NATURAL_FLOOR}): {verdict}; margin "
                   f"{margin:.1f} over the other heads and fragments ({fl.name})")
            bonus = _span_bonus(text, head, o, h)
            if bonus:
                why += (f"; page evidence {bonus:+.0f} (terms across the junction printed "
                        f"elsewhere on the page) included in {sc:.1f}")
            if o.kind in ("lead", "tail"):
                why += (f"; the fragment is the {'first' if o.kind == 'lead' else 'last'} "
                        f"sentence of block {o.index + 1}, a printed line of its own that "
                        f"unwrap_lines joined on")
            elif o.kind == "joined":
                left = text[blocks[o.index].start:o.start]
                why += (f"; heal had joined the fragment to {left[-6:]}|{o.text[:6]} "
                        f"{continuation(left, o.text, fl):.1f}, which the score also beats")
            conf = round(min(0.99, 0.6 + sc / 20), 2)
            if o.kind != "block":
                batch.move(o.start, o.end, h.end, "attach_orphan", conf,
                           f"fragment completes the sentence cut at this place: {why}")
                if h.joined:
                    breaks.append(origins[o.end - 1])
            elif h.joined:
                batch.move(o.start, o.end + 2, h.end, "attach_orphan", conf,
                           f"fragment completes the sentence heal joined on at this place: {why}")
            else:
                batch.move(o.start, o.end, h.end, "attach_orphan", conf,
                           f"fragment completes the sentence cut at the end of block "
                           f"{h.block + 1}: {why}")
                for a, b_ in edits[0]:
                    batch.delete(a, b_, "attach_orphan", 0.9,
                                 "blank line left where the fragment was")
    _restore_breaks(doc, stage, breaks)


@dataclass(frozen=True)
class Frag:
    """A fragment that may end someone else's sentence: a whole block (``kind`` "block"),
    or the first or last sentence of a block ("lead", "tail") that stood on printed lines
    of its own, which ``unwrap_lines`` joined to a paragraph."""

    index: int  # the block it is in
    start: int
    end: int
    text: str
    kind: str


def _inner_fragments(doc: Doc, blocks: list[Block], text: str, config: Config) -> list[Frag]:
    """Sentence-end fragments inside blocks of a line-per-line page.

    Why: on a page printed one line per text line with no blank line between paragraphs,
    a fragment standing alone is one printed line; when it fills its column, nothing shows
    the paragraph end and ``unwrap_lines`` joins it to the paragraph after it (or the
    paragraph before it onto it). It is then the block's first sentence (ending where a
    printed line ends) or its last one (starting where a printed line starts, after a
    sentence end): a candidate like a block of its own, judged by the same pairing.
    """
    joins = set(_heal_joins(doc, doc.rendered.origins, ("unwrap_lines",)))
    if not joins:
        return []
    out = []
    for b in blocks:
        if "\n" in b.text:
            continue
        inner = sorted(p for p in joins if b.start < p < b.end)
        if not inner:
            continue
        lead_end = next((p for p in inner if _one_sentence(text[b.start:p])), None)
        if lead_end is not None:
            out.append(Frag(b.index, b.start, lead_end, text[b.start:lead_end], "lead"))
        tail_start = next((p for p in reversed(inner) if _one_sentence(text[p:b.end])
                           and ends_sentence(text[b.start:p])), None)
        if tail_start is not None:
            out.append(Frag(b.index, tail_start, b.end, text[tail_start:b.end], "tail"))
    return [f for f in out if len(f.text) <= MATCH_SHORT and (is_cjk(f.text[0]) or
            f.text[0] in CLOSERS) and not _opens_sentence(f.text, config)
            and _can_move(doc, f.start, f.end)]


def _can_move(doc: Doc, start: int, end: int) -> bool:
    """Can ``text[start:end]`` be moved as one source span? Like :meth:`Doc.movable`, but a
    span whose source had characters deleted inside it (a stray space ``normalise`` took
    out of ``招引一批 项目。``) moves too: the deletion lies inside the moved source span
    and travels with it. Its source must run forward, every earlier change touching it
    must lie inside it, and no earlier move may touch it."""
    if doc.movable(start, end):
        return True
    if start >= end:
        return False
    origins = doc.rendered.origins
    for a, b in zip(origins[start:end], origins[start + 1:end]):
        if a != b and b[0] < a[1]:
            return False
    s, e = origins[start][0], origins[end - 1][1]
    for m in doc.edits:
        if m.start < e and s < m.end and (m.dest is not None or m.start < s or m.end > e):
            return False
    return True


def _joined_tails(doc: Doc, blocks: list[Block], text: str, config: Config) -> list[Frag]:
    """Sentence-end fragments that ``heal`` joined to the wrong head.

    Why: a fragment printed right after a paragraph cut by a column break
    (``…要加强医疗物资生产保`` / ``提出意见建议。`` / ``供，完善…``) is taken by ``heal`` for the
    rest of that sentence. It is then the last sentence of a block after a heal join; it
    may go to another head only if it reads on from that head clearly better than from
    the text it was joined to (strong evidence only). The column break is then visible
    again, and ``retouch`` joins the cut paragraph to its real continuation.
    """
    out = []
    for p in _joins_across(doc, MATCH_JOINS):
        b = next((b for b in blocks if b.start < p < b.end), None)
        if b is None or "\n" in b.text:
            continue
        t = text[p:b.end]
        if len(t) <= MATCH_SHORT and _one_sentence(t) and is_cjk(t[0]) and \
                not _opens_sentence(t, config) and _can_move(doc, p, b.end):
            out.append(Frag(b.index, p, b.end, t, "joined"))
    return out


def _joins_across(doc: Doc, rules: tuple[str, ...]) -> list[int]:
    """Positions in the current text where ``heal`` (one of ``rules``) joined two blocks,
    also when the source between them held text an earlier stage moved away (a fragment
    ``fragments`` attached elsewhere): any source gap at the position holding such a join."""
    import bisect
    joins = sorted((e.start, e.end) for e in doc.edits
                   if e.stage == "heal" and e.rule in rules and not e.after)
    if not joins:
        return []
    starts = [j[0] for j in joins]
    origins = doc.rendered.origins
    out = []
    for i in range(1, len(origins)):
        a, b = origins[i - 1][1], origins[i][0]
        if a < b:
            k = bisect.bisect_left(starts, a)
            if k < len(joins) and joins[k][1] <= b:
                out.append(i)
    return out


def _one_sentence(t: str) -> bool:
    """``t`` is one sentence: it ends one, and no sentence ends before its last marks."""
    if not t or not ends_sentence(t):
        return False
    body = t.rstrip("”’）》」』】。！？…")
    return bool(body) and not any(ch in SENTENCE_END for ch in body)


def _restore_breaks(doc: Doc, stage: str, breaks: list[tuple[int, int]]) -> None:
    """Put the paragraph break back after inner fragments moved into a join: the text the
    join had glued on opens the next paragraph again (a block fragment brings its own)."""
    if not breaks:
        return
    origins = doc.rendered.origins
    where = {o: i for i, o in enumerate(origins)}
    with doc.batch(stage, optional=True) as batch:
        for src in breaks:
            i = where.get(src)
            if i is not None and i + 1 < len(origins) and doc.text[i + 1] != "\n":
                batch.insert(i + 1, "\n\n", "attach_orphan", 0.9,
                             "paragraph break after the fragment put back into the join")


def _pair_verdict(o: Frag, head: str, h: Head, sc: float, margin: float, text: str
                  ) -> str | None:
    """Why the pair (fragment, head) is taken, or None when the evidence is too weak.

    A fragment of a sentence or more must read on from the head clearly better than what
    follows the head now (MATCH_SCORE, margin MATCH_MARGIN), and so must a sentence taken
    from inside a paragraph (it is a paragraph's own first or last sentence far more often
    than a fragment). A short block fragment needs only to be the head's unrivalled
    partner (MATCH_SHORT_MARGIN) when the model prefers it at all, or cannot tell and the
    structure speaks for it.
    """
    found = _evidence(o, head, h, sc, text)
    if found is None or margin < found[1]:
        return None
    return found[0]


def _evidence(o: Frag, head: str, h: Head, sc: float, text: str) -> tuple[str, float] | None:
    """What speaks for a pair, and the margin it needs over its rivals; None if nothing
    does (:func:`_pair_verdict`)."""
    if sc >= MATCH_SCORE:
        return f"{sc:.1f} ≥ {MATCH_SCORE}, margin ≥ {MATCH_MARGIN}", MATCH_MARGIN
    if o.kind != "block" or len(o.text) > MATCH_SHORT or sc <= -MATCH_TIE:
        return None
    if sc >= MATCH_TIE:
        return (f"a short fragment the model prefers ({sc:.1f} ≥ {MATCH_TIE}), unrivalled "
                f"(margin ≥ {MATCH_SHORT_MARGIN})"), MATCH_SHORT_MARGIN
    why = _structure(o.text, head, h, text)
    if not why:
        return None
    return (f"a short fragment the model cannot tell from the present reading "
            f"(|{sc:.1f}| < {MATCH_TIE}), unrivalled (margin ≥ {MATCH_SHORT_MARGIN}), and "
            f"{why}"), MATCH_SHORT_MARGIN


def _admissible(pair: tuple, text: str) -> bool:
    """Could this pair be taken on its own evidence? A fragment that could not (a
    sentence of its own the model does not read on from the head) is no rival for a
    head: two fragments the model cannot tell apart are told apart by structure."""
    sc, _, _, o, h = pair
    return _evidence(o, text[h.start:h.end], h, sc, text) is not None


def _structure(frag: str, head: str, h: Head, text: str) -> str:
    """Evidence besides the word model that ``frag`` ends the sentence ``head`` breaks off:
    the head ends with a clause mark (no paragraph ends there, so it was cut), the
    fragment cannot open a paragraph (a one-character clause, closing punctuation, a
    particle), or a string spanning the junction is printed elsewhere on the page and
    none spanning the present join is. ``''`` if there is none."""
    from .heal import cannot_open
    if head[-1] in CLAUSE_MARKS:
        return f"the head ends with {head[-1]!r}, which ends no paragraph"
    why = cannot_open(frag)
    if why:
        return f"the fragment {why}"
    skip = h.end if h.joined else None
    span = page_span(text, head, frag, skip)
    if len(span) >= SPAN_MIN and len(span) > len(page_span(text, head, h.rest, skip)):
        return f"the page prints {span!r} elsewhere"
    return ""


def _span_bonus(text: str, head: str, o: Frag, h: Head) -> float:
    """Page evidence in nats-like units: SPAN_WEIGHT for each character beyond two of the
    longest term across head|fragment printed elsewhere on the page, less the same for
    head|what follows it now."""
    if not SPAN_WEIGHT:
        return 0.0
    skip = h.end if h.joined else None
    frag = len(page_span(text, head, o.text, skip))
    rest = len(page_span(text, head, h.rest, skip)) if h.rest else 0
    return SPAN_WEIGHT * (max(0, frag - 2) - max(0, rest - 2))


def page_span(text: str, left: str, right: str, skip: int | None = None) -> str:
    """The longest string across ``left|right`` (at most SPAN_SIDE Chinese characters of
    each side, at least one) that the page ``text`` prints, not counting a place that
    straddles position ``skip`` (the junction itself, where the two are joined now).

    Why: a page repeats its names and terms (``专业镇``, ``赵亚宏``), so a term the junction
    would complete that is printed elsewhere on the page is evidence the word model does
    not have.

    >>> page_span("汾阳专业镇发展。……专业", "专业", "镇被省政府命名")
    '专业镇'
    >>> page_span("推进专业镇发展。", "推进专业", "镇发展", skip=4)
    ''
    """
    best = ""
    for i in range(1, SPAN_SIDE + 1):
        lw = left[-i:]
        if len(lw) < i or not all(is_cjk(c) for c in lw):
            break
        for j in range(1, SPAN_SIDE + 1):
            rw = right[:j]
            if len(rw) < j or not all(is_cjk(c) for c in rw):
                break
            if len(lw + rw) > len(best) and _printed(text, lw + rw, skip, i):
                best = lw + rw
    return best


def _printed(text: str, s: str, skip: int | None, cut: int) -> bool:
    """Does ``text`` hold ``s`` anywhere but across ``skip`` (``s`` cut after ``cut``)?"""
    at = text.find(s)
    while at >= 0:
        if skip is None or at + cut != skip:
            return True
        at = text.find(s, at + 1)
    return False


def _orphan_edits(doc: Doc, o: Frag, h: Head, blocks: list[Block], text: str
                  ) -> tuple[list[tuple[int, int]], set[int]] | None:
    """The gap deletions an attachment needs and the positions it touches (so that two
    attachments in one batch never overlap); None when the fragment cannot be moved so."""
    if o.kind != "block":
        return [], set(range(o.start - 1, o.end + 1)) | {h.end - 1, h.end}
    if h.joined:
        if text[o.end:o.end + 2] != "\n\n" or not _can_move(doc, o.start, o.end + 2):
            return None
        return [], set(range(o.start, o.end + 2)) | {h.end - 1, h.end}
    k = o.index
    if k + 1 < len(blocks):
        gap = (o.end, blocks[k + 1].start)
    elif k > 0:
        gap = (blocks[k - 1].end, o.start)
    else:
        return None
    touched = set(range(min(gap[0], o.start), max(gap[1], o.end))) | {h.end - 1, h.end}
    return ([gap] if gap[1] > gap[0] else []), touched
