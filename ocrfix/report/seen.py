"""Where each edit was made, in the text as its stage saw it.

Why: an edit's ``start``/``end`` are source offsets, but a reviewer (``--explain``) and the
guard (``rules/protected.txt``) deal with the text the stage actually read — after the
edits of earlier stages. Replaying the log up to the run of edits of the same rule gives
that text (a batch's edits are consecutive in the log and do not overlap).
"""

from __future__ import annotations

from ..edits import render
from .page import Page

__all__ = ["as_seen"]


def as_seen(page: Page) -> list[tuple[str, int] | None]:
    """Per edit: (the text its batch saw, the edit's position in it), or ``None`` for a move
    or an edit whose ``before`` is not found there.

    >>> from ocrfix import clean_text
    >>> p = Page.from_doc(clean_text("## 标题\\n\\n正文,完。\\n"))
    >>> [(p.edits[i].rule, s[0][s[1]:s[1] + 1]) for i, s in enumerate(as_seen(p)) if s][:2]
    [('strip_markdown', '#'), ('fullwidth_punctuation', ',')]
    """
    out: list[tuple[str, int] | None] = []
    run_start, text, first = -1, "", {}
    for i, e in enumerate(page.edits):
        if e.dest is not None:
            out.append(None)
            continue
        j = i
        while j and (page.edits[j - 1].stage, page.edits[j - 1].rule) == (e.stage, e.rule):
            j -= 1
        if j != run_start:
            seen = render(page.source, page.edits[:j])
            text, first = seen.text, {}
            for n, (o0, o1) in enumerate(seen.origins):
                if o0 < o1:
                    first.setdefault(o0, n)
            run_start = j
        k = first.get(e.start)
        if k is None:
            k = next((n for n, o in enumerate(render(page.source, page.edits[:j]).origins)
                      if o[0] < o[1] and o[0] >= e.start), len(text))
        out.append((text, k) if text[k:k + len(e.before)] == e.before else None)
    return out
