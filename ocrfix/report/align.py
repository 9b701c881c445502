"""Align a page's OCR input with its clean output, row by row, with every edit located.

Why rows of output blocks: a reviewer reads the clean paragraph and wants the input it
came from beside it. Each output block's source span (``Block.src_start/src_end``) gives
the input cell; source text no block came from (furniture, captions) gets its own row,
struck through, after the block that precedes it in the input. Inside a cell the text
is a flat token stream (open an edit's span, text, close) so a template can render it
with autoescaping and nested spans, never by pasting strings together.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass, field

from ..doc import BLOCK_SEP, REMOVED_ROLES, _trim
from ..edits import Edit, _active_replacements
from .page import Page

__all__ = ["Row", "Article", "PageView", "align", "visible", "LOW_CONFIDENCE"]

#: Edits below this confidence are listed first and flagged for review.
LOW_CONFIDENCE = 0.85

Token = tuple  # ("o", edit index, css kind) | ("c",) | ("t", text)

_VISIBLE = {" ": "␣", "\u3000": "␣", "\t": "⇥", "\n": "↵\n"}


def visible(text: str) -> str:
    """Whitespace made visible, for text inside an edit (a deleted space must show).

    >>> visible("a b\\n")
    'a␣b↵\\n'
    """
    return "".join(_VISIBLE.get(ch, ch) for ch in text)


def kind_of(e: Edit) -> str:
    """CSS kind: a move, a deletion (struck through), an insertion, or a replacement."""
    if e.dest is not None:
        return "mv"
    if not e.after:
        return "del"
    if e.start == e.end:
        return "ins"
    return "rep"


@dataclass
class Row:
    id: str
    kind: str  # "block" (an output block) or "removed" (input that left the text)
    role: str
    article: int
    start: int  # source span shown in the input cell
    end: int
    left: list[Token] = field(default_factory=list)
    right: list[Token] = field(default_factory=list)
    chips: list[int] = field(default_factory=list)  # edits placed here, shown as markers


@dataclass
class Article:
    index: int
    title: str
    row: str


@dataclass
class PageView:
    page: Page
    rows: list[Row]
    articles: list[Article]
    home: dict[int, str]  # edit index -> row id where it is shown


def align(page: Page) -> PageView:
    """Rows of (input cell, output cell) for ``page``, plus its articles."""
    doc = page.doc()
    blocks = doc.blocks()
    rows = [Row(f"r{b.index}", "block", b.role, b.article, b.src_start, b.src_end)
            for b in blocks]
    _add_removed_rows(page, rows)
    tags = _output_tags(page)
    for row, b in zip(rows, blocks):  # block rows come first, in output order
        row.right = _tokens_right(page, b.start, b.end, tags)
    rows.sort(key=lambda r: r.order)  # type: ignore[attr-defined]
    inline = set()
    for row in rows:
        row.left = _tokens_left(page, row.start, row.end, inline)
    home = _place_chips(page, rows, inline)
    return PageView(page, rows, _articles(blocks), home)


def _add_removed_rows(page: Page, rows: list[Row]) -> None:
    """Rows for input no output block came from, each after its predecessor in the input."""
    for i, r in enumerate(rows):
        r.order = (i, 0)  # type: ignore[attr-defined]
    covered = sorted((r.start, r.end) for r in rows)
    gaps, pos = [], 0
    for s, e in covered + [(len(page.source), len(page.source))]:
        if s > pos:
            gaps.append((pos, s))
        pos = max(pos, e)
    by_end = sorted(((r.end, r.order) for r in rows), key=lambda x: x[0])
    ends = [e for e, _ in by_end]
    n = 0
    for g0, g1 in gaps:
        pos = g0
        for m in list(BLOCK_SEP.finditer(page.source, g0, g1)) + [None]:
            stop = m.start() if m else g1
            s, e = _trim(page.source, pos, stop)
            role = _removed_role(page, s, e) if s < e else ""
            nxt = _row_starting_on_line(page.source, e, rows) if role == "removed" else None
            if nxt is not None:  # markup such as "## " before a headline: show it in its row
                nxt.start = s
            elif s < e:
                k = bisect_right(ends, s) - 1
                after = by_end[k][1] if k >= 0 else (-1, 0)
                n += 1
                row = Row(f"x{n}", "removed", role, -1, s, e)
                row.order = (after[0], n)  # type: ignore[attr-defined]
                rows.append(row)
            if m is None:
                break
            pos = m.end()


def _row_starting_on_line(source: str, pos: int, rows: list[Row]) -> Row | None:
    """The block row that starts after ``pos`` on the same input line, if any."""
    end = pos
    while end < len(source) and source[end] in " \t\u3000":
        end += 1
    return next((r for r in rows if r.kind == "block" and r.start == end), None)


def _removed_role(page: Page, s: int, e: int) -> str:
    best = None
    for ed in page.edits:
        if ed.start < e and s < ed.end and ed.role in REMOVED_ROLES:
            if best is None or ed.end - ed.start > best.end - best.start:
                best = ed
    return best.role if best and best.role else "removed"


def _tokens_left(page: Page, a: int, b: int, inline: set[int]) -> list[Token]:
    """Source text ``[a, b)`` with every edit inside it as a (nested) span."""
    spans: list[tuple[int, int, int]] = []
    points: dict[int, list[int]] = {}
    for i, e in enumerate(page.edits):
        if e.start == e.end and e.dest is None:
            if a < e.start < b:
                points.setdefault(e.start, []).append(i)
                inline.add(i)
        elif e.start < b and a < e.end:
            spans.append((max(e.start, a), min(e.end, b), i))
            inline.add(i)
    spans.sort(key=lambda t: (t[0], -t[1], t[2]))
    out: list[Token] = []
    stack: list[int] = []  # end positions of open spans
    pos = a

    def text_to(p: int) -> None:
        nonlocal pos
        for q in sorted(x for x in points if pos <= x < p):
            _text(out, page.source[pos:q], bool(stack))
            for i in points.pop(q):
                out.extend([("o", i, "ins"), ("t", "‸"), ("c",)])
            pos = q
        _text(out, page.source[pos:p], bool(stack))
        pos = p

    for s, e, i in spans:
        while stack and stack[-1] <= s:
            text_to(stack[-1])
            stack.pop()
            out.append(("c",))
        text_to(s)
        out.append(("o", i, kind_of(page.edits[i])))
        stack.append(e)
    while stack:
        text_to(stack[-1])
        stack.pop()
        out.append(("c",))
    text_to(b)
    return out


def _text(out: list[Token], text: str, in_edit: bool) -> None:
    if text:
        out.append(("t", visible(text) if in_edit else text))


def _output_tags(page: Page) -> list[tuple[int, int]]:
    """Per output character: (index of the move it travelled with or -1, edit or -1)."""
    edits = page.edits
    index = {id(e): i for i, e in enumerate(edits)}
    active = _active_replacements(edits)
    reps = {(e.start, e.end): index[id(e)] for e in active if e.start < e.end}
    inserts: dict[int, list[int]] = {}
    for e in active:
        if e.start == e.end:
            inserts.setdefault(e.start, []).append(index[id(e)])
    moves = sorted((e.start, e.end, i) for i, e in enumerate(edits) if e.dest is not None)
    move_starts = [m[0] for m in moves]
    text, origins = page.rendered
    tags: list[tuple[int, int]] = []
    used: dict[int, int] = {}  # insertion point -> characters of its insertions consumed
    for o0, o1 in origins:
        k = bisect_right(move_starts, o0) - 1
        mv = moves[k][2] if k >= 0 and moves[k][0] <= o0 < moves[k][1] and o0 < o1 else -1
        if o0 == o1:
            ed, n = -1, used.get(o0, 0)
            for i in inserts.get(o0, []):
                if n < len(edits[i].after):
                    ed = i
                    break
                n -= len(edits[i].after)
            used[o0] = used.get(o0, 0) + 1
        else:
            ed = reps.get((o0, o1), -1)
        tags.append((mv, ed))
    return tags


def _tokens_right(page: Page, s: int, e: int, tags: list[tuple[int, int]]) -> list[Token]:
    """Output text ``[s, e)``: moved runs wrap edit runs, which wrap text."""
    text = page.text
    out: list[Token] = []
    i = s
    while i < e:
        mv = tags[i][0]
        j = i
        while j < e and tags[j][0] == mv:
            j += 1
        if mv >= 0:
            out.append(("o", mv, "mv"))
        k = i
        while k < j:
            ed = tags[k][1]
            m = k
            while m < j and tags[m][1] == ed:
                m += 1
            if ed >= 0:
                out += [("o", ed, kind_of(page.edits[ed])), ("t", visible(text[k:m])), ("c",)]
            else:
                out.append(("t", text[k:m]))
            k = m
        if mv >= 0:
            out.append(("c",))
        i = j
    return out


def _place_chips(page: Page, rows: list[Row], inline: set[int]) -> dict[int, str]:
    """Every edit gets a home row: the row whose input span holds its start, else the row
    before it in the input. Edits shown in no cell (whitespace between blocks, insertions
    at a block edge) become markers in their home row, so none is invisible."""
    home: dict[int, str] = {}
    if not rows:
        return home
    by_start = sorted(rows, key=lambda r: r.start)
    starts = [r.start for r in by_start]
    for i, e in enumerate(page.edits):
        row = by_start[max(bisect_right(starts, e.start) - 1, 0)]
        holder = next((r for r in by_start if r.start <= e.start < r.end), None)
        row = holder or row
        home[i] = row.id
        if i not in inline:
            row.chips.append(i)
    return home


def _articles(blocks) -> list[Article]:
    """Each article's headline (else kicker, subtitle, first block), linked to its row."""
    title: dict[int, tuple[int, str, str]] = {}
    rank = {"headline": 0, "kicker": 1, "subtitle": 2}
    for b in blocks:
        rid = f"r{b.index}"
        t = re.sub(r"\s+", " ", b.text)
        cand = (rank.get(b.role, 9), t[:40] + ("…" if len(t) > 40 else ""), rid)
        if b.article not in title or cand[0] < title[b.article][0]:
            title[b.article] = cand
    return [Article(n + 1, title[n][1], title[n][2]) for n in sorted(title)]
