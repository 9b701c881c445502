"""Edits: the only way text changes in ocrfix, and the replay that builds the output.

An :class:`Edit` is a value, like RapidFuzz's ``Editop``: it names the stage and rule
that made it, the source span it covers, the text before and after, a confidence and a
one-line reason. ``doc.source`` is never changed; the clean text is always
``apply_edits(source, edits)``. That makes the log complete by construction: a character
can only leave the text through an edit that says so.

Two kinds of edit exist:

* **replace** — ``source[start:end]`` (as it reads after earlier edits) becomes ``after``.
  Deleting is replacing with ``""``; inserting is replacing an empty span.
  A later replace may *contain* earlier ones (it supersedes them: a furniture line whose
  punctuation was normalised and which is then removed); partial overlaps are refused.
* **move** — ``source[start:end]`` is cut and placed before source position ``dest``
  (reading order: a headline printed after its article, an orphan fragment).

An insertion at position ``p`` sticks to the character before ``p``: text inserted at the
end of a moved span moves with it.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right, insort
from dataclasses import asdict, dataclass
from typing import Iterable, NamedTuple, Sequence

from .errors import EditConflict

__all__ = ["Edit", "Rendered", "apply_edits", "render"]


@dataclass(frozen=True)
class Edit:
    """One change to the text, with the evidence a reviewer needs.

    >>> e = Edit("normalise", "fullwidth_comma", 3, 4, ",", "，", 1.0, "comma in Chinese text")
    >>> e.kind
    'replace'
    """

    stage: str
    rule: str
    start: int
    end: int
    before: str
    after: str
    confidence: float
    reason: str
    dest: int | None = None
    role: str | None = None

    @property
    def kind(self) -> str:
        return "move" if self.dest is not None else "replace"

    def to_dict(self) -> dict:
        d = asdict(self)
        d["kind"] = self.kind
        return {k: v for k, v in d.items() if v is not None}

    @classmethod
    def from_dict(cls, d: dict) -> "Edit":
        fields = {k: d[k] for k in ("stage", "rule", "start", "end", "before", "after",
                                    "confidence", "reason")}
        return cls(**fields, dest=d.get("dest"), role=d.get("role"))


class Rendered(NamedTuple):
    """Text plus, for every output character, the source span it came from.

    ``origins[i] == (s, e)``: character ``i`` is ``source[s]`` (then ``e == s + 1``) or part
    of an edit's replacement text covering ``source[s:e]``.
    """

    text: str
    origins: list[tuple[int, int]]


def _active_replacements(edits: Iterable[Edit]) -> list[Edit]:
    """Replay replace edits in order; later edits that contain earlier ones supersede them.

    Why not a pairwise scan: the active non-empty replacements never overlap, so they are
    kept sorted by start and each new edit looks only at its neighbours (bisect). A page
    with thousands of small edits (spaced characters, control characters) replays in
    O(n log n)-ish time instead of O(n²); the result is the same list in log order.
    """
    spans: list[int] = []  # starts of active non-empty replacements, sorted
    by_start: dict[int, tuple[int, Edit]] = {}
    points: list[int] = []  # positions of active insertions, sorted (with repeats)
    inserts: dict[int, list[tuple[int, Edit]]] = {}
    for seq, e in enumerate(edits):
        if e.kind != "replace":
            continue
        if not 0 <= e.start <= e.end:
            raise EditConflict(f"bad span {e.start}:{e.end} in {e.stage}/{e.rule}")
        if e.start == e.end:  # an insertion supersedes nothing and overlaps nothing
            insort(points, e.start)
            inserts.setdefault(e.start, []).append((seq, e))
            continue
        i = bisect_left(spans, e.start)
        if i > 0:
            a = by_start[spans[i - 1]][1]
            if a.end > e.start:  # starts before e and reaches into it
                raise EditConflict(
                    f"{e.stage}/{e.rule} {e.start}:{e.end} partly overlaps "
                    f"{a.stage}/{a.rule} {a.start}:{a.end}")
        j = i
        while j < len(spans) and spans[j] < e.end:
            a = by_start[spans[j]][1]
            if a.end > e.end:
                raise EditConflict(
                    f"{e.stage}/{e.rule} {e.start}:{e.end} partly overlaps "
                    f"{a.stage}/{a.rule} {a.start}:{a.end}")
            del by_start[spans[j]]
            j += 1
        del spans[i:j]
        spans.insert(i, e.start)
        by_start[e.start] = (seq, e)
        k, m = bisect_right(points, e.start), bisect_left(points, e.end)
        for p in sorted(set(points[k:m])):
            del inserts[p]
        del points[k:m]
    active = list(by_start.values()) + [x for xs in inserts.values() for x in xs]
    return [e for _, e in sorted(active, key=lambda x: x[0])]


def _contains(outer: Edit, inner: Edit) -> bool:
    if inner.start == inner.end:  # an insertion point
        if outer.start == outer.end:
            return False
        return outer.start < inner.start < outer.end
    return outer.start <= inner.start and inner.end <= outer.end


def _overlaps(a: Edit, b: Edit) -> bool:
    if a.start == a.end or b.start == b.end:
        return False
    return a.start < b.end and b.start < a.end


def apply_edits(source: str, edits: Sequence[Edit]) -> str:
    """Replay the log on the source: the one place output text is built.

    >>> apply_edits("ab,cd", [Edit("s", "r", 2, 3, ",", "，", 1.0, "why")])
    'ab，cd'
    >>> apply_edits("T\\n\\nbody", [Edit("s", "m", 3, 7, "body", "body", 1.0, "x", dest=0),
    ...                            Edit("s", "i", 7, 7, "", "\\n\\n", 1.0, "x")])
    'body\\n\\nT\\n\\n'
    """
    return render(source, edits).text


def render(source: str, edits: Sequence[Edit]) -> Rendered:
    """Replay ``edits`` on ``source`` and keep, per output character, its source span."""
    n = len(source)
    reps = _active_replacements(edits)
    moves = [e for e in edits if e.kind == "move"]
    _check_moves(moves, reps, n)
    cuts = {0, n}
    for e in reps:
        cuts.update((e.start, e.end))
    for m in moves:
        cuts.update((m.start, m.end, m.dest))
    points = sorted(cuts)

    def key(p: int, order: int) -> tuple:
        for i, m in enumerate(moves):
            if m.start <= p < m.end:
                return (m.dest, 0, i, p, order)
        return (p, 1, 0, p, order)

    starts = {e.start: e for e in reps if e.start < e.end}
    inserts: dict[int, list[Edit]] = {}
    for e in reps:
        if e.start == e.end:
            inserts.setdefault(e.start, []).append(e)

    units: list[tuple[tuple, str, int, int]] = []  # (key, kind, a, b)
    for i, p in enumerate(points):
        for j, _ in enumerate(inserts.get(p, [])):
            # An insertion sticks to the character before it, so text inserted at the end
            # of a moved span travels with it (a separator after a moved headline).
            k = (-1, 0, 0, 0, j) if i == 0 else key(points[i - 1], 1000 + j)
            units.append((k, "ins", p, j))
        if p < n:
            units.append((key(p, 0), "seg", p, points[i + 1]))
    units.sort(key=lambda u: u[0])

    rep_starts = sorted(starts)
    out: list[str] = []
    origins: list[tuple[int, int]] = []
    for _, kind, a, b in units:
        if kind == "ins":
            text = inserts[a][b].after
            out.append(text)
            origins.extend([(a, a)] * len(text))
            continue
        rep = _covering(starts, rep_starts, a)
        if rep is not None:
            if rep.start == a:
                out.append(rep.after)
                origins.extend([(rep.start, rep.end)] * len(rep.after))
            continue
        out.append(source[a:b])
        origins.extend((k, k + 1) for k in range(a, b))
    return Rendered("".join(out), origins)


def _covering(starts: dict[int, Edit], rep_starts: list[int], p: int) -> Edit | None:
    """The non-empty replacement whose span contains source position ``p``, if any."""
    i = bisect_right(rep_starts, p) - 1
    if i < 0:
        return None
    rep = starts[rep_starts[i]]
    return rep if rep.start <= p < rep.end else None


def _check_moves(moves: list[Edit], reps: list[Edit], n: int) -> None:
    spans = sorted((m.start, m.end) for m in moves)
    for (s1, e1), (s2, e2) in zip(spans, spans[1:]):
        if s2 < e1:
            raise EditConflict(f"moves {s1}:{e1} and {s2}:{e2} overlap")
    for m in moves:
        assert m.dest is not None
        if not (0 <= m.start < m.end <= n and 0 <= m.dest <= n):
            raise EditConflict(f"bad move {m.start}:{m.end}->{m.dest}")
        for s, e in spans:
            if s < m.dest < e:
                raise EditConflict(f"move destination {m.dest} lies inside moved span {s}:{e}")
        for r in reps:
            if r.start == r.end:
                continue
            inside = m.start <= r.start and r.end <= m.end
            disjoint = r.end <= m.start or m.end <= r.start
            if not (inside or disjoint):
                raise EditConflict(
                    f"{r.stage}/{r.rule} {r.start}:{r.end} overlaps moved span "
                    f"{m.start}:{m.end} without lying inside it")
            if r.start < m.dest < r.end:
                raise EditConflict(
                    f"move destination {m.dest} lies inside {r.stage}/{r.rule} "
                    f"{r.start}:{r.end}")
