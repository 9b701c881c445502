"""unweave: put back a printed line that landed in a neighbouring column, found on the
column grid where no mark shows it.

Why a second interleave rule: ``fragments.move_interleaved`` needs a mark at the pasted
line's edges (a newline, or a space the converter left). A converter that joins a
column's lines with nothing between them leaves none: on simulated pages two thirds of
the pasted lines are in such text, and a word model cannot pick the one stray line among
every span of every paragraph. The grid can. Chinese text is set on a fixed grid: every
full printed line of a column holds the same number of characters W, so a line read into
the wrong column is W characters long, was cut from its home paragraph at a multiple of
W from that paragraph's start, and — when both columns are one article's, the common case
— landed at a multiple of W in its host. Those constraints leave a few candidates per
paragraph, and the word model (:mod:`ocrfix.fluency`) judges each:

* at its host, neither edge of the line reads on (≤ :data:`EDGE`) and the host reads on
  without it no worse than :data:`HOST_GAIN`;
* at its home the junction does not read on (≤ :data:`BROKEN`), the line mends it on
  both sides (each ≥ :data:`SIDE`) and the whole move gains :data:`MOVE_GAIN` nats;
* it beats every rival reading (another line of the same host, another line into the
  same home, the same line elsewhere) by :data:`MARGIN`.

It runs after ``heal``: a paragraph's grid counts from its first character, and heal has
joined the halves a column break cut apart by then.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ..chars import is_cjk
from ..config import Config
from ..doc import Block, Doc
from ..fluency import WINDOW, Fluency, fluency, head_run, tail_run

NAME = "unweave"
REQUIRES = ("text", "paragraphs")
ASSIGNS = ("reading_order",)

#: Printed-line widths tried (characters): a newspaper column holds about 10 to 25.
WIDTH_MIN, WIDTH_MAX = 9, 26
#: A pasted line's edges in its host read on at most this well (nats)…
EDGE = 0.5
#: …and the host reads on without the line at least this well, minus the two edges.
HOST_GAIN = 0.5
#: The home junction (where the line was cut out) reads on at most this well…
BROKEN = 1.0
#: …each of the two junctions the line makes there at least this well (a side with
#: punctuation at the junction has no evidence either way and is not held to it)…
SIDE = 2.0
#: …the line mends its home by at least this much (both new junctions minus the old)…
HOME_GAIN = 10.0
#: …and host plus home gain at least this much, with this margin over every rival…
MOVE_GAIN, MARGIN = 18.0, 4.0
#: …and either a gain of STRONG_GAIN or a margin of CLEAR_MARGIN. Chance junctions can
#: read on by 6–13 nats each (word salad: 46 moves on 200 generated pages at 18 / 4,
#: totals 18–27, margins 4–14); on simulated seeds 3 and 11 the right moves below 24
#: nats mostly win by ≥ 15.
STRONG_GAIN, CLEAR_MARGIN = 24.0, 15.0
#: A paragraph takes part only when this share of its junctions read on (gain > 1 nat).
FLUENT_SHARE = 0.45
#: A line is looked for this many blocks around its host.
NEAR = 4


def run(doc: Doc, config: Config) -> Doc:
    if "move_grid_line" in config.disabled_rules:
        return doc
    fl = fluency(config.fluency_lm)
    if fl is None:
        return doc  # only the word model can judge a junction with no mark
    cols = [p for p in (Para(b) for b in doc.blocks() if _prose(b)) if _reads_as_language(p, fl)]
    moves = choose(candidates(cols, fl), cols, fl)
    if moves:
        with doc.batch(NAME, optional=True) as batch:
            for m, margin in moves:
                _apply(doc, batch, cols, m, margin, fl)
    return doc


@dataclass
class Para:
    """A joined prose paragraph with its junction gains, computed when first asked for."""

    block: Block
    gains: dict[int, float] = field(default_factory=dict)
    lefts: dict[int, str] = field(default_factory=dict)
    rights: dict[int, str] = field(default_factory=dict)

    @property
    def text(self) -> str:
        return self.block.text

    def left(self, i: int) -> str:
        """The Chinese run that ends before ``text[i]`` (at most :data:`WINDOW` long)."""
        run = self.lefts.get(i)
        if run is None:
            run = self.lefts[i] = tail_run(self.text[max(0, i - WINDOW):i])
        return run

    def right(self, i: int) -> str:
        """The Chinese run that starts at ``text[i]``."""
        run = self.rights.get(i)
        if run is None:
            run = self.rights[i] = head_run(self.text[i:i + WINDOW])
        return run

    def gain(self, i: int, fl: Fluency) -> float:
        """The word model's gain across the junction before ``text[i]``."""
        g = self.gains.get(i)
        if g is None:
            g = self.gains[i] = fl.gain_runs(self.left(i), self.right(i))
        return g


def _prose(b: Block) -> bool:
    """A paragraph joined from printed lines: no line breaks, long enough for two lines
    around a pasted one, mostly Chinese."""
    t = b.text
    return b.role in ("body", "") and "\n" not in t and len(t) >= 3 * WIDTH_MIN and \
        sum(map(is_cjk, t)) >= 0.5 * len(t)


def _reads_as_language(p: Para, fl: Fluency) -> bool:
    """Does the paragraph read as language (:data:`FLUENT_SHARE` of its junctions read on)?

    Why: the grid evidence means something only where junctions normally read on. In
    prose most do (golden paragraphs: 58–90 % gain > 1 nat); in character salad (debris,
    tables, generated text) few do (≤ 30 %), while chance word pairs there still make
    some junctions read on by 6–13 nats, as many as a pasted line mends at its home.
    Every other junction is sampled: the share needs no more.
    """
    gains = [p.gain(i, fl) for i in range(1, len(p.text), 2) if p.left(i) and p.right(i)]
    return len(gains) >= 10 and sum(g > 1.0 for g in gains) >= FLUENT_SHARE * len(gains)


@dataclass(frozen=True)
class Move:
    """The line ``text[h:h+width]`` of paragraph ``host`` goes before ``text[a]`` of
    paragraph ``home``; ``total`` is the host's gain plus the home's."""

    host: int
    h: int
    width: int
    home: int
    a: int
    total: float
    host_gain: float
    old: float
    j_in: float
    j_out: float


def _grid(n: int, width: int) -> range:
    """Printed-line starts of an ``n``-character paragraph at ``width`` that have a full
    line and at least one more character after them (a line cut out or pasted in there
    has text on both sides)."""
    return range(width, n - width, width)


def candidates(cols: list[Para], fl: Fluency) -> list[Move]:
    """Every (line, home) pair on the grid that passes the per-move tests."""
    out = []
    for hi, host in enumerate(cols):
        for width in range(WIDTH_MIN, WIDTH_MAX + 1):
            for h in _grid(len(host.text), width):
                host_gain = _host_gain(host, h, width, fl)
                if host_gain is None:
                    continue
                out.extend(_homes(cols, hi, h, width, host_gain, fl))
    return out


def _host_gain(host: Para, h: int, width: int, fl: Fluency) -> float | None:
    """How much better the host reads without ``text[h:h+width]``, or None when the line
    reads on from its neighbours there (it is at home)."""
    e_in, e_out = host.gain(h, fl), host.gain(h + width, fl)
    if e_in > EDGE or e_out > EDGE:
        return None
    piece = host.text[h:h + width]
    if sum(map(is_cjk, piece)) < 0.6 * width:
        return None
    joined = fl.gain_runs(host.left(h), host.right(h + width))
    g = joined - e_in - e_out
    return g if g >= HOST_GAIN else None


def _homes(cols: list[Para], hi: int, h: int, width: int, host_gain: float,
           fl: Fluency) -> list[Move]:
    host = cols[hi]
    piece = host.text[h:h + width]
    p_head, p_tail = head_run(piece), tail_run(piece)
    out = []
    for ci, home in enumerate(cols):
        if ci == hi or abs(home.block.index - host.block.index) > NEAR:
            continue
        for a in _grid(len(home.text), width):
            old = home.gain(a, fl)
            if old > BROKEN:
                continue
            l_run, r_run = home.left(a), home.right(a)
            j_in = fl.gain_runs(l_run, p_head)
            if j_in < SIDE and (l_run and p_head):
                continue
            j_out = fl.gain_runs(p_tail, r_run)
            if j_out < SIDE and (p_tail and r_run):
                continue
            if not (l_run and p_head) and not (p_tail and r_run):
                continue  # punctuation on both sides: nothing to judge by
            if j_in + j_out - old < HOME_GAIN:
                continue
            out.append(Move(hi, h, width, ci, a, host_gain + j_in + j_out - old,
                            host_gain, old, j_in, j_out))
    return out


def _rivals(m: Move, r: Move) -> bool:
    """Two moves that cannot both be right: overlapping lines of one host, one home
    junction, or one move's home inside the other's line."""
    if m.host == r.host and m.h < r.h + r.width and r.h < m.h + m.width:
        return True
    if (m.home, m.a) == (r.home, r.a):
        return True
    return (m.home == r.host and r.h <= m.a <= r.h + r.width) or \
        (r.home == m.host and m.h <= r.a <= m.h + m.width)


def choose(cands: list[Move], cols: list[Para], fl: Fluency) -> list[tuple[Move, float]]:
    """Moves that win clearly, best first, none a rival of one already taken; the margin
    is over the best rival (taken or not) and over the mirror readings."""
    cands = sorted(cands, key=lambda m: -m.total)
    out: list[tuple[Move, float]] = []
    for m in cands:
        if m.total < MOVE_GAIN:
            break
        if any(_rivals(m, t) for t, _ in out):
            continue
        rival = max([r.total for r in cands if r is not m and _rivals(m, r)] +
                    _mirrors(m, cols, fl), default=0.0)
        margin = m.total - rival
        if margin >= MARGIN and (m.total >= STRONG_GAIN or margin >= CLEAR_MARGIN):
            out.append((m, margin))
    return out


def _mirrors(m: Move, cols: list[Para], fl: Fluency) -> list[float]:
    """Totals of the mirror readings of ``m``, scored without the per-move tests.

    Why: when a pasted line P sits at ``home[a-w:a]`` and its own home H has lost it,
    the line of H after the gap also "goes" after P (P's tail mends into it): ``m``
    would then move H's line to P's end, while the true move is P to H's gap. The
    mirror of ``m`` is the line just before (or after) ``m``'s destination moved to
    where ``m``'s line starts (or ends); the true reading must not lose to it.
    """
    host, home, w = cols[m.host], cols[m.home], m.width
    out = []
    for start, to in ((m.a - w, m.h), (m.a, m.h + w)):
        if start <= 0 or start + w >= len(home.text):
            continue
        out.append(_total(home, start, w, host, to, fl))
    return out


def _total(src: Para, h: int, w: int, dst: Para, a: int, fl: Fluency) -> float:
    """Host plus home gain of moving ``src.text[h:h+w]`` before ``dst.text[a]``, with no
    per-move test (a mirror reading is a rival whatever its parts look like)."""
    piece = src.text[h:h + w]
    host_gain = fl.gain_runs(src.left(h), src.right(h + w)) - src.gain(h, fl) - src.gain(h + w, fl)
    home_gain = fl.gain_runs(dst.left(a), head_run(piece)) + \
        fl.gain_runs(tail_run(piece), dst.right(a)) - dst.gain(a, fl)
    return host_gain + home_gain


def _apply(doc: Doc, batch, cols: list[Para], m: Move, margin: float, fl: Fluency) -> None:
    host, home = cols[m.host], cols[m.home]
    start = host.block.start + m.h
    end = start + m.width
    dest = home.block.start + m.a
    if not doc.movable(start, end):
        return
    piece = host.text[m.h:m.h + m.width]
    ht, ot = host.text, home.text
    why = (f"{m.width}-character line at {m.h} (a multiple of {m.width}) of its host: "
           f"{ht[max(0, m.h - 3):m.h]}|{piece[:3]}…{piece[-3:]}|{ht[m.h + m.width:m.h + m.width + 3]} "
           f"reads on without it ({m.host_gain:+.1f}); home at {m.a} (a multiple of {m.width}) "
           f"{ot[max(0, m.a - 3):m.a]}|{ot[m.a:m.a + 3]} {m.old:+.1f} → {m.j_in:+.1f} / "
           f"{m.j_out:+.1f}")
    batch.move(start, end, dest, "move_grid_line", round(min(0.99, 0.5 + m.total / 40), 2),
               f"printed line of a neighbouring column, on the column grid: {why}; gain "
               f"{m.total:.1f} ≥ {MOVE_GAIN}, margin {margin:.1f} ≥ {MARGIN}, and gain ≥ "
               f"{STRONG_GAIN} or margin ≥ {CLEAR_MARGIN} ({fl.name})")
