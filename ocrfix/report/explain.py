"""``clean --explain``: the edit log as a unified diff, with the rule and reason per hunk.

Why this shape (ftfy's ``fix_and_explain``, git's hunks): in a terminal or a CI log a
reviewer wants to see, for each change, the line as it was, the line as it is, and which
rule did it and why. Consecutive edits of one rule with one reason on one input line are
one hunk, so a paragraph whose twenty commas became full-width is one hunk, not twenty.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import NamedTuple

import click

from ..edits import Edit
from .page import Page
from .seen import Seen

__all__ = ["Hunk", "ExplainedText", "hunks", "explain", "fix_and_explain"]

#: Characters of unchanged context shown either side of a hunk.
CONTEXT = 12


@dataclass(frozen=True)
class Hunk:
    """Consecutive edits of one rule with one reason on one input line."""

    edits: tuple[Edit, ...]

    @property
    def head(self) -> Edit:
        return self.edits[0]


class ExplainedText(NamedTuple):
    """The clean text and the hunks that explain it (ftfy's ``ExplainedText`` shape)."""

    text: str
    explanation: list[Hunk]


def hunks(edits: tuple[Edit, ...] | list[Edit], source: str) -> list[Hunk]:
    """Group the log into hunks, in log order."""
    out: list[list[Edit]] = []
    for e in edits:
        if out:
            last = out[-1][-1]
            same = (last.stage, last.rule, last.reason, last.dest, e.dest) == \
                (e.stage, e.rule, e.reason, None, None)
            gap = source[min(last.end, e.start):max(last.end, e.start)]
            if same and last.end <= e.start and "\n" not in gap:
                out[-1].append(e)
                continue
        out.append([e])
    return [Hunk(tuple(h)) for h in out]


def _window(source: str, start: int, end: int) -> tuple[int, int]:
    """``[start, end)`` widened by ``CONTEXT`` characters, not past a line break — unless
    that side holds only whitespace, then into the next line with text (an inserted
    blank line is shown between the lines it separates).

    >>> s = "第一行\\n\\n第二行"
    >>> a, b = _window(s, 4, 4)
    >>> s[a:b]
    '第一行\\n\\n第二行'
    """
    a = start
    while a > 0 and start - a < CONTEXT and source[a - 1] != "\n":
        a -= 1
    if not source[a:start].strip():
        while a > 0 and source[a - 1].isspace():
            a -= 1
        stop = a
        while a > 0 and stop - a < CONTEXT and source[a - 1] != "\n":
            a -= 1
    b = end
    while b < len(source) and b - end < CONTEXT and source[b] != "\n":
        b += 1
    if not source[end:b].strip():
        while b < len(source) and source[b].isspace():
            b += 1
        stop = b
        while b < len(source) and b - stop < CONTEXT and source[b] != "\n":
            b += 1
    return a, b


def _show(text: str) -> str:
    return text.replace("\t", "⇥").replace("\u3000", "␣")


def _lines(hunk: Hunk, source: str, seen: Seen, first_index: int) -> list[tuple[str, str]]:
    """(kind, text) lines of one hunk: "@" header, "-" old, "+" new.

    The lines are the text as the hunk's stage saw it, so earlier stages' changes are
    already in; failing that, the source.
    """
    h = hunk.head
    n = f" ×{len(hunk.edits)}" if len(hunk.edits) > 1 else ""
    where = f"{h.start}:{hunk.edits[-1].end}"
    extra = f" ({h.role})" if h.role else ""
    out = [("@", f"@@ {where} {h.stage}/{h.rule}{n} {h.confidence:.2f} @@ {h.reason}{extra}")]
    a, b = _window(source, h.start, hunk.edits[-1].end)
    if h.dest is not None:
        d0, d1 = _window(source, h.dest, h.dest)
        out += [("-", ln) for ln in _show(source[a:b]).split("\n")]
        out.append(("+", f"(moved before) {_show(source[d0:h.dest])}⁁{_show(source[h.dest:d1])}"))
        return out
    spans = [(e.start, e.end) for e in hunk.edits]
    text, first = seen.view(first_index, h.start, hunk.edits[-1].end)
    ks = [seen.locate(first_index + n, text, first) for n in range(len(hunk.edits))]
    if all(k is not None for k in ks):
        source = text
        spans = [(k, k + len(e.before)) for k, e in zip(ks, hunk.edits)]  # type: ignore[operator]
        a, b = _window(source, spans[0][0], spans[-1][1])
    new, pos = [], a
    for (s, e_), e in zip(spans, hunk.edits):
        new.append(source[pos:s])
        new.append(e.after)
        pos = e_
    new.append(source[pos:b])
    old_lines = _show(source[a:b]).split("\n")
    new_lines = _show("".join(new)).split("\n")
    out += [("-", ln) for ln in old_lines]
    out += [("+", ln) for ln in new_lines]
    return out


_COLOURS = {"@": "cyan", "-": "red", "+": "green"}


def explain(page: Page, *, colour: bool = False, label: str = "") -> str:
    """The page's edit log as unified-diff text; ``colour`` adds ANSI colours."""
    name = label or page.name
    lines = [("h", f"--- {name} (OCR input)"), ("h", f"+++ {name} (clean, {len(page.edits)} edits)")]
    seen, n = Seen(page), 0
    for h in hunks(page.edits, page.source):
        lines += _lines(h, page.source, seen, n)
        n += len(h.edits)
    out = []
    for kind, text in lines:
        line = text if kind in ("h", "@") else f"{kind}{text}"
        if colour and kind in _COLOURS:
            line = click.style(line, fg=_COLOURS[kind])
        elif colour:
            line = click.style(line, bold=True)
        out.append(line)
    return "\n".join(out) + "\n"


def fix_and_explain(page: Page) -> ExplainedText:
    """The clean text and its explanation.

    >>> from ocrfix import clean_text
    >>> doc = clean_text("正文,第一段。\\n")
    >>> r = fix_and_explain(Page.from_doc(doc))
    >>> r.text, [h.head.rule for h in r.explanation]
    ('正文，第一段。\\n', ['fullwidth_punctuation'])
    """
    return ExplainedText(page.text, hunks(page.edits, page.source))
