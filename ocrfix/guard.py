"""guard: what a reviewer has said the pipeline must not do again.

Why one gate in :class:`~ocrfix.doc.Batch`: every change to text passes through a batch, so
a veto there holds for every stage, present and future, without each stage having to know
about review decisions. The decisions are data in ``rules/`` written by
``ocrfix rules learn``:

* ``rules/protected.txt`` — text that no edit may change (an edit whose span overlaps an
  occurrence of it, in the text as the stage sees it, is not made);
* ``rules/disabled.tsv`` — ``rule`` rows switch a rule off (they join
  ``Config.disabled_rules``), ``pair`` rows forbid one change ``before → after`` by one rule.

>>> g = Guard(protected=("2,000",), pairs=frozenset({("fullwidth_punctuation", ":", "：")}))
>>> g.allows("共2,000元", 2, 3, ",", "fullwidth_punctuation")
False
>>> g.allows("共2,000元", 0, 1, "共", "x")
True
>>> g.allows("时间:", 2, 3, ":", "fullwidth_punctuation", after="：")
False
"""

from __future__ import annotations

from dataclasses import dataclass, field

__all__ = ["Guard", "escape_field", "unescape_field"]


@dataclass
class Guard:
    """Vetoes from review: disabled rules, disabled (rule, before, after) pairs, protected text."""

    rules: frozenset[str] = frozenset()
    pairs: frozenset[tuple[str, str, str]] = frozenset()
    protected: tuple[str, ...] = ()
    _cache: tuple[str, list[tuple[int, int]]] | None = field(default=None, repr=False)

    def __bool__(self) -> bool:
        return bool(self.rules or self.pairs or self.protected)

    def allows(self, text: str, start: int, end: int, before: str, rule: str, *,
               after: str | None = None) -> bool:
        """May ``rule`` change ``text[start:end]`` (``before``) into ``after``?

        ``after=None`` is a move: only disabled rules and protected text apply to it.
        """
        if rule in self.rules:
            return False
        if after is not None and (rule, before, after) in self.pairs:
            return False
        for ps, pe in self._occurrences(text):
            if start == end and ps < start < pe:
                return False
            if start < end and start < pe and ps < end:
                return False
        return True

    def _occurrences(self, text: str) -> list[tuple[int, int]]:
        """Spans of protected text in ``text``; cached per text (a batch asks many times)."""
        if self._cache is None or self._cache[0] is not text:
            spans = []
            for word in self.protected:
                i = text.find(word)
                while i >= 0:
                    spans.append((i, i + len(word)))
                    i = text.find(word, i + 1)
            self._cache = (text, spans)
        return self._cache[1]


_ESCAPES = {"\\": "\\\\", "\n": "\\n", "\t": "\\t", "\r": "\\r"}


def escape_field(s: str) -> str:
    r"""Make ``s`` fit on one line of a rules file.

    >>> escape_field("a\nb\\")
    'a\\nb\\\\'
    """
    return "".join(_ESCAPES.get(ch, ch) for ch in s)


def unescape_field(s: str) -> str:
    r"""Inverse of :func:`escape_field`.

    >>> unescape_field(escape_field("x\n\ty\\n")) == "x\n\ty\\n"
    True
    """
    out, i = [], 0
    back = {"n": "\n", "t": "\t", "r": "\r", "\\": "\\"}
    while i < len(s):
        if s[i] == "\\" and i + 1 < len(s) and s[i + 1] in back:
            out.append(back[s[i + 1]])
            i += 2
        else:
            out.append(s[i])
            i += 1
    return "".join(out)
