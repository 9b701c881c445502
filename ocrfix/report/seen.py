"""Where each edit was made, in the text as its stage saw it.

Why: an edit's ``start``/``end`` are source offsets, but a reviewer (``--explain``) and the
guard (``rules/protected.txt``) deal with the text the stage actually read — after the
edits of earlier stages. Replaying the log up to the run of edits of the same rule gives
that text (a batch's edits are consecutive in the log and do not overlap).

Replaying the whole page for every run is quadratic in the log, so only a window of the
source around the edit is replayed, with the earlier edits that touch it; the result is
a contiguous piece of the text the stage saw. A window touched by a move (reading order
changed) falls back to replaying the whole page.
"""

from __future__ import annotations

from dataclasses import replace

from ..edits import Edit, render
from .page import Page

__all__ = ["Seen", "as_seen"]

#: Source characters replayed either side of an edit.
MARGIN = 120


class Seen:
    """Views of a page's text as the batch of each edit saw it."""

    def __init__(self, page: Page) -> None:
        self.page = page
        self.run: list[int] = []  # index of the first edit of each edit's run
        for i, e in enumerate(page.edits):
            prev = page.edits[i - 1] if i else None
            same = prev is not None and (prev.stage, prev.rule) == (e.stage, e.rule)
            self.run.append(self.run[-1] if same else i)
        self._full: tuple[int, str, dict[int, int]] | None = None

    def view(self, i: int, start: int, end: int) -> tuple[str, dict[int, int]]:
        """Text around source ``[start, end)`` as edit ``i``'s batch saw it, and a map from
        source offset to position in that text (for characters no edit replaced)."""
        j = self.run[i]
        edits = self.page.edits[:j]
        n = len(self.page.source)
        a, b = max(0, start - MARGIN), min(n, end + MARGIN)
        while True:
            near = [e for e in edits if _touches(e, a, b)]
            if any(e.dest is not None for e in near):
                return self._whole(j)
            a2 = min([a] + [e.start for e in near])
            b2 = max([b] + [e.end for e in near])
            if (a2, b2) == (a, b):
                break
            a, b = a2, b2
        local = [replace(e, start=e.start - a, end=e.end - a) for e in near]
        text, origins = render(self.page.source[a:b], local)
        return text, _first(origins, a)

    def _whole(self, j: int) -> tuple[str, dict[int, int]]:
        if self._full is None or self._full[0] != j:
            text, origins = render(self.page.source, self.page.edits[:j])
            self._full = (j, text, _first(origins, 0))
        return self._full[1], self._full[2]

    def locate(self, i: int, text: str, first: dict[int, int]) -> int | None:
        """Position of edit ``i`` in a view, or ``None`` if its ``before`` is not there."""
        e = self.page.edits[i]
        k = first.get(e.start)
        if k is None:  # the character at e.start was replaced: the next one that was not
            k = min((v for s, v in first.items() if s >= e.start), default=len(text))
        if text[k:k + len(e.before)] != e.before:
            return None
        return k


def _touches(e: Edit, a: int, b: int) -> bool:
    if e.dest is not None and a <= e.dest <= b:
        return True
    if e.start == e.end:
        return a <= e.start <= b
    return e.start < b and a < e.end


def _first(origins: list[tuple[int, int]], offset: int) -> dict[int, int]:
    first: dict[int, int] = {}
    for n, (o0, o1) in enumerate(origins):
        if o0 < o1:
            first.setdefault(o0 + offset, n)
    return first


def as_seen(page: Page) -> list[tuple[str, int] | None]:
    """Per edit: (a piece of the text its batch saw, the edit's position in it), or ``None``
    for a move or an edit whose ``before`` is not found there.

    >>> from ocrfix import clean_text
    >>> p = Page.from_doc(clean_text("## 标题\\n\\n正文,完。\\n"))
    >>> [(p.edits[i].rule, s[0][s[1]:s[1] + 1]) for i, s in enumerate(as_seen(p)) if s][:2]
    [('strip_markdown', '#'), ('fullwidth_punctuation', ',')]
    """
    seen = Seen(page)
    out: list[tuple[str, int] | None] = []
    for i, e in enumerate(page.edits):
        if e.dest is not None:
            out.append(None)
            continue
        text, first = seen.view(i, e.start, e.end)
        k = seen.locate(i, text, first)
        out.append(None if k is None else (text, k))
    return out
