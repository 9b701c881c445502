"""The document model: one page, its unchanging source, and the edits made to it.

Why this shape: ``Doc.source`` never changes (spaCy's ``doc.text``); the clean text is
*always* ``apply_edits(source, edits)``, so the log cannot drift from the output. Structure
is read off the current text — blocks are separated by a blank line, lines by ``\\n``,
articles by two blank lines — and every block keeps the source span it came from, so a
role given to a block, or an hOCR/ALTO id, survives later edits.

Stages change text only through :meth:`Doc.batch`, which maps positions in the current
text back to source offsets, records one :class:`Edit` per change and checks, on commit,
that replaying the log gives exactly the text the stage asked for.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Iterator

from .edits import Edit, Rendered, apply_edits, render
from .errors import EditConflict
from .guard import Guard

__all__ = ["Doc", "Block", "Line", "Batch", "ROLES", "REMOVED_ROLES"]

#: Every role a block (or a removed span) can have.
ROLES = (
    "body", "headline", "kicker", "subtitle", "subhead", "byline", "source", "label", "infographic",
    "caption", "photo_credit", "continuation", "furniture", "banner", "garbage",
    "markup", "duplicate",
)
#: Roles whose text leaves the article text (kept in the edit log and the JSON side channel).
REMOVED_ROLES = frozenset({"caption", "photo_credit", "continuation", "furniture",
                           "banner", "garbage", "markup", "duplicate"})

BLOCK_SEP = re.compile(r"\n[ \t\u3000]*\n\s*")
ARTICLE_SEP = "\n\n\n"


@dataclass(frozen=True)
class Line:
    """One line of a block: its current text and the source span it came from."""

    text: str
    start: int  # position in the current text
    src_start: int
    src_end: int


@dataclass(frozen=True)
class Block:
    """A paragraph-like unit of the current text with its source span and role."""

    index: int
    start: int  # position in the current text
    end: int
    text: str
    src_start: int
    src_end: int
    role: str
    article: int
    lines: tuple[Line, ...] = field(repr=False, default=())


class Doc:
    """One page: source text, edit log, roles and metadata.

    >>> doc = Doc("标题\\n\\n正文,第一段。")
    >>> with doc.batch("normalise") as b:
    ...     b.replace(6, 7, "，", "fullwidth_comma", 1.0, "comma between Chinese")
    >>> doc.text
    '标题\\n\\n正文，第一段。'
    >>> [blk.text for blk in doc.blocks()]
    ['标题', '正文，第一段。']
    """

    def __init__(self, source: str, *, name: str = "<text>", meta: dict | None = None) -> None:
        self.source = source
        self.name = name
        self.meta: dict = dict(meta or {})
        self.edits: list[Edit] = []
        self.roles: dict[int, str] = {}
        self.notes: dict[int, dict] = {}
        #: Review decisions every batch obeys (set by the pipeline from ``rules/``), and
        #: the changes they held back.
        self.guard: Guard | None = None
        self.vetoed: list[Edit] = []
        self._rendered: Rendered | None = None

    # -- reading -----------------------------------------------------------------------
    @property
    def rendered(self) -> Rendered:
        if self._rendered is None:
            self._rendered = render(self.source, self.edits)
        return self._rendered

    @property
    def text(self) -> str:
        """The current text: the source with every edit so far applied."""
        return self.rendered.text

    def blocks(self) -> list[Block]:
        """Blocks of the current text, in reading order, with roles and article numbers."""
        text, origins = self.rendered
        out: list[Block] = []
        article = 0
        pos = 0
        for m in list(BLOCK_SEP.finditer(text)) + [None]:
            end = m.start() if m else len(text)
            if text[pos:end].strip():
                s, e = _trim(text, pos, end)
                src_s, src_e = origins[s][0], origins[e - 1][1]
                out.append(Block(len(out), s, e, text[s:e], src_s, src_e,
                                 self.roles.get(src_s, "body"), article,
                                 tuple(self._lines(s, e))))
            if m is None:
                break
            if out and m.group().count("\n") >= 3:
                article += 1
            pos = m.end()
        return out

    def _lines(self, start: int, end: int) -> Iterator[Line]:
        text, origins = self.rendered
        pos = start
        for piece in text[start:end].split("\n"):
            if piece:
                yield Line(piece, pos, origins[pos][0], origins[pos + len(piece) - 1][1])
            pos += len(piece) + 1

    def set_role(self, block: Block, role: str) -> None:
        """Give a block a role; stored by source offset so later edits keep it."""
        if role not in ROLES:
            raise ValueError(f"unknown role {role!r}")
        self.roles[block.src_start] = role

    def removed(self) -> list[Edit]:
        """Edits that took text out of the article text, with their role (the side channel)."""
        return [e for e in self.edits if e.role in REMOVED_ROLES and e.before.strip()]

    def movable(self, start: int, end: int) -> bool:
        """Can ``text[start:end]`` be moved? Only if it is one contiguous stretch of the
        source that no earlier move touched (the log has no moves of moved text)."""
        if start >= end:
            return False
        origins = self.rendered.origins
        for a, b in zip(origins[start:end], origins[start + 1:end]):
            if a != b and b[0] != a[1] and not \
                    (a[1] < b[0] and self.source[a[1]:b[0]].isspace()):
                return False  # (a space an earlier stage removed inside the stretch is fine)
        s, e = origins[start][0], origins[end - 1][1]
        return not any(m.dest is not None and m.start < e and s < m.end for m in self.edits)

    # -- writing -----------------------------------------------------------------------
    def batch(self, stage: str, *, optional: bool = False) -> "Batch":
        """Collect a stage's changes in current-text positions; apply them on exit.

        ``optional=True`` is for repairs a page can do without (reading-order moves): if
        the log cannot express the batch (an :class:`EditConflict`), the page is left as
        it was and the refusal is noted in ``meta["skipped"]`` instead of failing it.
        """
        return Batch(self, stage, optional=optional)

    def _commit(self, stage: str, cur_edits: list[Edit]) -> None:
        """Map a batch to source edits and check that replaying them gives the text asked
        for. A change over text gathered from separate stretches of the source (a line
        moved in from elsewhere) is first mapped as one span; if that does not replay, it
        is mapped once per stretch (:func:`_split_discontiguous`)."""
        if not cur_edits:
            return
        old = self.rendered
        expected = apply_edits(old.text, cur_edits)
        for split in (False, True):
            try:
                new_edits = [self._to_source(old, piece) for e in cur_edits
                             for piece in (_split_discontiguous(old.origins, e) if split
                                           else [e])]
            except EditConflict:
                continue
            self.edits.extend(new_edits)
            self._rendered = None
            try:
                ok = self.text == expected
            except EditConflict:
                ok = False
            if ok:
                return
            del self.edits[len(self.edits) - len(new_edits):]
            self._rendered = None
        raise EditConflict(f"stage {stage}: replaying its edits does not give the text "
                           f"it asked for (first edit {cur_edits[0].rule})")

    def _to_source(self, old: Rendered, e: Edit) -> Edit:
        text, origins = old
        if e.dest is not None:
            s, e_ = _src_span(origins, e.start, e.end)
            dest = len(self.source) if e.dest >= len(text) else origins[e.dest][0]
            return Edit(e.stage, e.rule, s, e_, e.before, e.after, e.confidence, e.reason,
                        dest=dest, role=e.role)
        if e.start == e.end:
            p = _insert_point(origins, e.start, len(self.source))
            return Edit(e.stage, e.rule, p, p, "", e.after, e.confidence, e.reason, role=e.role)
        s, e_ = _src_span(origins, e.start, e.end)
        cs, ce = e.start, e.end
        while cs > 0 and _inside(origins[cs - 1], s, e_):
            cs -= 1
        while ce < len(text) and _inside(origins[ce], s, e_):
            ce += 1
        after = text[cs:e.start] + e.after + text[e.end:ce]
        return Edit(e.stage, e.rule, s, e_, text[cs:ce], after, e.confidence, e.reason,
                    role=e.role)


class Batch:
    """A stage's pending changes, in positions of the text as it read when the batch began.

    Changes in one batch must not overlap; they are applied together on exit, like
    spaCy's ``retokenize``.
    """

    def __init__(self, doc: Doc, stage: str, *, optional: bool = False) -> None:
        self.doc = doc
        self.stage = stage
        self.optional = optional
        self.text = doc.text
        self._edits: list[Edit] = []

    def replace(self, start: int, end: int, after: str, rule: str, confidence: float,
                reason: str, *, role: str | None = None) -> None:
        """Replace ``text[start:end]`` by ``after``; a no-op change records nothing."""
        before = self.text[start:end]
        if before == after:
            return
        edit = Edit(self.stage, rule, start, end, before, after, confidence, reason, role=role)
        if self._allowed(edit):
            self._edits.append(edit)

    def delete(self, start: int, end: int, rule: str, confidence: float, reason: str, *,
               role: str | None = None) -> None:
        self.replace(start, end, "", rule, confidence, reason, role=role)

    def insert(self, pos: int, text: str, rule: str, confidence: float, reason: str) -> None:
        self.replace(pos, pos, text, rule, confidence, reason)

    def move(self, start: int, end: int, dest: int, rule: str, confidence: float,
             reason: str) -> None:
        """Cut ``text[start:end]`` and place it before position ``dest``."""
        piece = self.text[start:end]
        edit = Edit(self.stage, rule, start, end, piece, piece, confidence, reason, dest=dest)
        if self._allowed(edit):
            self._edits.append(edit)

    def _allowed(self, e: Edit) -> bool:
        """False (and noted in ``doc.vetoed``) if a review decision forbids this change."""
        guard = self.doc.guard
        if not guard or guard.allows(self.text, e.start, e.end, e.before, e.rule,
                                     after=None if e.dest is not None else e.after):
            return True
        self.doc.vetoed.append(e)
        return False

    def __len__(self) -> int:
        return len(self._edits)

    def __enter__(self) -> "Batch":
        return self

    def __exit__(self, exc_type, exc, tb) -> None:
        if exc_type is None:
            try:
                self._commit()
            except EditConflict as err:
                if not self.optional:
                    raise
                rules = sorted({e.rule for e in self._edits})
                self.doc.meta.setdefault("skipped", []).append(
                    f"{self.stage}/{','.join(rules)}: {err}")

    def _commit(self) -> None:
        spans = sorted((e.start, e.end) for e in self._edits if e.start < e.end)
        for (s1, e1), (s2, e2) in zip(spans, spans[1:]):
            if s2 < e1:
                raise EditConflict(f"stage {self.stage}: edits {s1}:{e1} and {s2}:{e2} "
                                   "overlap in one batch")
        self.doc._commit(self.stage, self._edits)


def _split_discontiguous(origins: list[tuple[int, int]], e: Edit) -> list[Edit]:
    """Split a replacement whose current span comes from separate stretches of the source
    (text moved in from elsewhere, or with a deletion between) into one edit per stretch:
    the first takes the new text, the others are deletions. In the current text it is the
    same change; in the source no edit then straddles a moved span."""
    if e.dest is not None or e.start == e.end:
        return [e]
    cuts = [e.start] + [i for i in range(e.start + 1, e.end)
                        if origins[i] != origins[i - 1] and
                        origins[i][0] != origins[i - 1][1]] + [e.end]
    if len(cuts) == 2:
        return [e]
    # a stretch of inserted text only has no source span of its own: it joins the one before
    spans = []
    for a, b in zip(cuts, cuts[1:]):
        inserted_only = all(o[0] == o[1] for o in origins[a:b])
        if spans and inserted_only:
            spans[-1] = (spans[-1][0], b)
        elif spans and all(o[0] == o[1] for o in origins[spans[-1][0]:spans[-1][1]]):
            spans[-1] = (spans[-1][0], b)  # the first stretch was inserted text only
        else:
            spans.append((a, b))
    out = []
    for k, (a, b) in enumerate(spans):
        piece = Edit(e.stage, e.rule, a, b, e.before[a - e.start:b - e.start],
                     e.after if k == 0 else "", e.confidence, e.reason, role=e.role)
        if piece.before != piece.after:
            out.append(piece)
    return out


def _trim(text: str, s: int, e: int) -> tuple[int, int]:
    while s < e and text[s].isspace():
        s += 1
    while e > s and text[e - 1].isspace():
        e -= 1
    return s, e


def _inside(origin: tuple[int, int], s: int, e: int) -> bool:
    a, b = origin
    if a == b:  # an inserted character sticks to the character before it
        return s < a < e
    return s <= a and b <= e


def _src_span(origins: list[tuple[int, int]], start: int, end: int) -> tuple[int, int]:
    s = min(o[0] for o in origins[start:end])
    e = max(o[1] for o in origins[start:end])
    if s == e:
        raise EditConflict(f"span {start}:{end} holds only inserted text")
    return s, e


def _insert_point(origins: list[tuple[int, int]], pos: int, n: int) -> int:
    """Source position for an insertion before current position ``pos``.

    It sticks to the character before it, so take the end of that character's origin.
    """
    if pos == 0:
        return origins[0][0] if origins else 0
    return origins[pos - 1][1] if pos - 1 < len(origins) else n
