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
>>> from ocrfix.evidence import Weights
>>> w = Weights("demo", {"bias": -5.0, "gain": 1.0}, threshold=0.0)
>>> [(c.pos, c.after) for c in Corrector(lm, table, weights=w).find("我们回快发展")]
[(2, '加')]
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Sequence

from .confusables import Candidate, Confusables
from .evidence import Evidence, Weights, load_weights
from .lm import LanguageModel

__all__ = ["Corrector", "Correction", "THRESHOLDS"]

#: Minimum (LM gain + prior) per candidate source, tuned on FASPell train (see README).
THRESHOLDS = {"learned": 9.0, "visual": 11.0, "stroke": 12.0, "tesseract": 11.0}
#: A character inside a word at least this likely (natural log) is not tested: rarer
#: "words" (``千部``, a dictionary entry) are often an OCR error that happens to exist.
#: Off by default: -13 gained 0.3 points of recall on FASPell train but left only 99.4% of
#: the FASPell test gold sentences unchanged (target 99.5%).
WORD_FLOOR = -99.0
#: Characters of context on each side of the character under test (longest word - 1).
WINDOW = 3
#: Characters of context on each side for the context model (a trigram over words).
CONTEXT = 6
#: Logit added to the weighted decision's threshold per unit of caution above 1.
CAUTION_STEP = 4.0
#: Logit by which a neighbour's rival correction may fall short of the threshold and
#: still count as a rival explanation.
RIVAL_RELAX = 2.0


@dataclass(frozen=True)
class Correction:
    """One accepted replacement and the evidence for it."""

    pos: int
    before: str
    after: str
    source: str
    gain: float  # word-model log-probability gain of the window
    score: float  # what was compared with the threshold (gain + prior, or weighted logit)
    threshold: float
    evidence: Evidence | None = None  # set by the weighted decision
    follow: bool = False  # accepted on the lower bar of a sentence already corrected
    inside: bool = False  # the character was inside a dictionary word (a real-word error)

    @property
    def prior(self) -> float:
        return self.score - self.gain

    @property
    def margin(self) -> float:
        return self.score - self.threshold

    def reason(self) -> str:
        if self.evidence is not None:
            lowered = " (lowered: the sentence has another correction)" if self.follow else ""
            if self.inside:
                lowered += " (inside a dictionary word: learned pairs only)"
            return (f"{self.before}→{self.after}: candidate from {self.source} table; "
                    f"{self.evidence.describe()}; weighted score {self.score:+.2f} > "
                    f"threshold {self.threshold:+.2f}{lowered}")
        return (f"{self.before}→{self.after}: candidate from {self.source} table "
                f"(prior {self.prior:+.2f}); LM window gain {self.gain:+.2f}; "
                f"gain+prior {self.score:.2f} > threshold {self.threshold:.2f}")


def _is_cjk(ch: str) -> bool:
    return "\u4e00" <= ch <= "\u9fff"


_SENT_END = frozenset("。！？；!?;\n")


def _sentence(chars: Sequence[str], i: int) -> tuple[int, int]:
    """The sentence around ``i``: from after the previous 。！？； to the next one."""
    s = i
    while s > 0 and chars[s - 1] not in _SENT_END:
        s -= 1
    e = i + 1
    while e < len(chars) and chars[e] not in _SENT_END:
        e += 1
    return s, e


class Corrector:
    """Finds corrections in a text; the stage and the benchmark both use it.

    Two ways to decide, both tuned on FASPell train: the weighted evidence of
    :mod:`ocrfix.evidence` (default when ``rules/correct_weights.tsv`` has a profile for
    the models in use), or a threshold per candidate source on gain + prior (when
    ``thresholds`` are given, or the language model brings its own, as a KenLM model used
    alone does). ``context`` is an optional second model (a word trigram) whose gain over
    a wider window is one more piece of evidence.
    """

    def __init__(self, lm: LanguageModel, table: Confusables, *,
                 thresholds: dict[str, float] | None = None, scale: float = 1.0,
                 word_floor: float = WORD_FLOOR, context: LanguageModel | None = None,
                 weights: Weights | None | str = "auto", rules_dir: str | None = None,
                 follow: float | None = None) -> None:
        self.lm = lm
        self.table = table
        self.context = context
        if weights == "auto":
            weights = None
            if thresholds is None and hasattr(lm, "logp"):
                weights = load_weights("word+context" if context else "word", rules_dir)
        self.weights = weights
        if thresholds is None:  # a model may bring thresholds tuned for its own scale
            thresholds = getattr(lm, "thresholds", None) or THRESHOLDS
        self.thresholds = dict(thresholds)
        self.scale = scale  # >1 = more careful (multiplies thresholds, raises the logit bar)
        self.word_floor = word_floor
        self.pairs = getattr(lm, "pairs", None)
        if follow is None:
            follow = self.weights.follow if self.weights is not None else 0.0
        self.follow = follow  # logit relief for further edits in a sentence already edited


    def find(self, text: str, protected: Sequence[bool] | None = None) -> list[Correction]:
        """Corrections for ``text``, left to right; each sees the earlier ones applied."""
        chars = list(text)
        out: list[Correction] = []
        inside = self._inside_words(text)
        for i, ch in enumerate(chars):
            if inside[i] or not _is_cjk(ch) or (protected is not None and protected[i]):
                continue
            cands = self.table.get(ch)
            if not cands:
                continue
            lo, hi = self._window(chars, i)
            best = self._best(chars, i, lo, hi, cands)
            if best is not None and self._rival(chars, i, best.after, lo, hi, inside):
                best = None
            if best is not None:
                chars[i] = best.after
                out.append(replace(best, pos=i))
        if self.weights is not None and self.weights.inside is not None:
            out = self._real_words(chars, out, inside, protected, self.weights.inside)
        if out and self.follow > 0 and self.weights is not None:
            out = self._follow_up(chars, out, inside, protected)
        return out

    def _real_words(self, chars: list[str], out: list[Correction], inside: list[bool],
                    protected: Sequence[bool] | None, bar: float) -> list[Correction]:
        """Try the characters inside dictionary words, with learned pairs only.

        Why: a misreading that makes another word (``上节日`` for ``上节目``, ``在于`` for
        ``在乎``) hides from the word pre-filter; only context can find it, and only a pair
        the engine is known to confuse (``rules/confusions.tsv``, seen in real OCR output)
        is likely enough to try: glyph look-alikes inside words would mostly be harm.
        On FASPell train (2-fold) this finds 39 more errors for 3 wrong edits and no
        change to clean text.
        """
        done = {c.pos for c in out}
        for i, ch in enumerate(chars):
            if not inside[i] or i in done or not _is_cjk(ch) or (
                    protected is not None and protected[i]):
                continue
            cands = [c for c in self.table.get(ch) or () if c.count > 0]
            if not cands:
                continue
            lo, hi = self._window(chars, i)
            best = self._best(chars, i, lo, hi, cands, relief=-bar)
            if best is not None:
                chars[i] = best.after
                out.append(replace(best, pos=i, inside=True))
        return sorted(out, key=lambda c: c.pos)

    def _follow_up(self, chars: list[str], out: list[Correction], inside: list[bool],
                   protected: Sequence[bool] | None) -> list[Correction]:
        """Look again, with a lower bar, at the rest of each sentence already corrected.

        Why: OCR errors cluster (a smudged line, a badly lit frame), so a sentence with one
        confident correction is far likelier than clean text to hold another; FASPell train
        shows the second error is often the one a strict sentence count misses. Clean text
        with no confident correction is never looked at again, so do-no-harm is unchanged
        there.
        """
        done = {c.pos for c in out}
        spans = sorted({_sentence(chars, c.pos) for c in out})
        for s, e in spans:
            for i in range(s, e):
                ch = chars[i]
                if i in done or inside[i] or not _is_cjk(ch) or (
                        protected is not None and protected[i]):
                    continue
                cands = self.table.get(ch)
                if not cands:
                    continue
                lo, hi = self._window(chars, i)
                best = self._best(chars, i, lo, hi, cands, relief=self.follow)
                if best is not None and self._rival(chars, i, best.after, lo, hi, inside):
                    best = None
                if best is not None:
                    chars[i] = best.after
                    out.append(replace(best, pos=i, follow=True))
        return sorted(out, key=lambda c: c.pos)

    @staticmethod
    def _window(chars: Sequence[str], i: int) -> tuple[int, int]:
        """The hanzi run of up to WINDOW characters on each side of ``i``."""
        lo = i
        while lo > 0 and i - lo < WINDOW and _is_cjk(chars[lo - 1]):
            lo -= 1
        hi = i + 1
        while hi < len(chars) and hi - i <= WINDOW and _is_cjk(chars[hi]):
            hi += 1
        return lo, hi

    def evidence(self, chars: Sequence[str], i: int, lo: int, hi: int,
                 cands) -> list[tuple[Candidate, Evidence]]:
        """Each candidate that forms a word with a neighbour, with its evidence.

        Why the word pre-filter: a replacement that forms no dictionary word with either
        neighbour cannot raise a word model's score much, and skipping it keeps the
        stage fast (most candidates fail it).
        """
        left, ch, right = "".join(chars[lo:i]), chars[i], "".join(chars[i + 1:hi])
        pairs = self.pairs
        l1, r1 = left[-1:], right[:1]
        forms_word = getattr(self.lm, "forms_word", None)
        todo = [c for c in cands
                if (pairs is None or (l1 and l1 + c.char in pairs) or (r1 and c.char + r1 in pairs))
                and (forms_word is None or forms_word(left, c.char, right))]
        if not todo:
            return []
        base = self.lm.score(left + ch + right)
        scores = self.lm.compare(left, [c.char for c in todo], right)
        ctx: list[float | None] = [None] * len(todo)
        if self.context is not None:
            cl = "".join(chars[max(0, i - CONTEXT):i])
            cr = "".join(chars[i + 1:i + 1 + CONTEXT])
            cbase = self.context.score(cl + ch + cr)
            ctx = [x - cbase for x in self.context.compare(cl, [c.char for c in todo], cr)]
        logp = getattr(self.lm, "logp", None)
        unk = getattr(self.lm, "unk", 0.0)
        wrong_lp = logp.get(ch, unk) if logp is not None else 0.0
        out = []
        for c, s, k in zip(todo, scores, ctx):
            out.append((c, Evidence(gain=s - base, ctx_gain=k, count=c.count, sim=c.sim,
                                    stroke=c.stroke, wrong_logp=wrong_lp,
                                    cand_logp=logp.get(c.char, unk) if logp is not None else 0.0,
                                    both_sides=bool(left) and bool(right), tess=c.tess)))
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
            jl, jh = max(lo, j - WINDOW), min(len(chars), j + 1 + WINDOW)
            rival = self._best(chars, j, jl, jh, self.table.get(chars[j]), relax=True)
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

    def _best(self, chars: Sequence[str], i: int, lo: int, hi: int, cands,
              relax: bool = False, relief: float = 0.0) -> Correction | None:
        """The candidate with the largest margin over its threshold, if any beats it.

        ``relax`` lowers the bar: used to ask whether a neighbour has a rival correction.
        """
        best: Correction | None = None
        for c, ev in self.evidence(chars, i, lo, hi, cands):
            if self.weights is not None:
                # at least one model must prefer the candidate, whatever the other evidence
                if max(ev.gain, ev.ctx_gain if ev.ctx_gain is not None else ev.gain) <= 0:
                    continue
                score = self.weights.score(ev)
                thr = (self.weights.threshold + CAUTION_STEP * (self.scale - 1)
                       - (RIVAL_RELAX if relax else 0.0) - relief)
                keep = ev
            else:
                if ev.gain <= 0:
                    continue
                score = ev.gain + c.prior
                thr = (self.thresholds.get(c.source, 99.0) * self.scale
                       * (0.5 if relax else 1.0))
                keep = None
            if score > thr:
                cor = Correction(0, chars[i], c.char, c.source, ev.gain, score, thr, keep)
                if best is None or cor.margin > best.margin:
                    best = cor
        return best
