"""Weigh a candidate correction's evidence into one score (a logistic model).

Why: a correction has several pieces of evidence — how much the word model's score of the
window rises, how much a context model (a word trigram such as Debian libime's, when
available) agrees, how often the pair was seen in real OCR output, how alike the glyphs
look, how rare the suspected character is. A hand-set threshold per source cannot weigh
them against each other; a logistic model fitted on FASPell *train* candidates (2-fold, so
pairs are never scored on the sentences they were learned from; ``scripts/tune_correct.py
--fit``) can, and its decision threshold is then tuned for precision. The weights are data
(``rules/correct_weights.tsv``: ``profile<TAB>feature<TAB>weight``), one profile per kind
of model: ``word`` (word model alone) and ``word+context`` (with a context model).

>>> w = Weights("demo", {"bias": -5.0, "gain": 1.0}, threshold=0.0)
>>> w.score(Evidence(gain=7.0)) > 0 > w.score(Evidence(gain=3.0))
True
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from .errors import RulesError
from .rules import default_rules_dir

__all__ = ["Evidence", "Weights", "load_weights", "FEATURES"]

#: Gains beyond this are clipped: one huge gain must not outvote everything else.
CLIP = (-20.0, 30.0)

#: The features, in file order (see :meth:`Evidence.features`).
FEATURES = ("bias", "gain", "gain_pos", "gain_neg", "pair_count", "gain_if_seen",
            "look_alike", "in_visual", "stroke", "wrong_logp", "cand_logp", "both_sides",
            "ctx_gain", "ctx_gain_pos", "ctx_gain_neg", "tess_count", "tess_seen")


def _clip(x: float) -> float:
    return max(CLIP[0], min(CLIP[1], x))


@dataclass(frozen=True)
class Evidence:
    """What is known about replacing one character by a candidate."""

    gain: float  # word-model log-probability gain of the window
    ctx_gain: float | None = None  # context-model gain of a wider window, if one is loaded
    count: int = 0  # times the pair was seen in real OCR output
    sim: float = 0.0  # glyph similarity (0 = not a listed look-alike)
    stroke: bool = False  # same-stroke family
    wrong_logp: float = 0.0  # word-model log-probability of the suspected character alone
    cand_logp: float = 0.0  # ... and of the candidate alone
    both_sides: bool = True  # context on both sides of the character
    tess: int = 0  # times Tesseract made this misreading on degraded renderings

    def features(self) -> dict[str, float]:
        """Feature values by name (the model is linear in these)."""
        g = _clip(self.gain)
        lc = math.log1p(self.count)
        f = {"bias": 1.0, "gain": g, "gain_pos": max(g, 0.0), "gain_neg": min(g, 0.0),
             "pair_count": lc, "gain_if_seen": g if self.count else 0.0,
             "look_alike": self.sim, "in_visual": 1.0 if self.sim else 0.0,
             "stroke": 1.0 if self.stroke else 0.0, "wrong_logp": self.wrong_logp,
             "cand_logp": self.cand_logp, "both_sides": 1.0 if self.both_sides else 0.0,
             "tess_count": math.log1p(self.tess), "tess_seen": 1.0 if self.tess else 0.0}
        if self.ctx_gain is not None:
            k = _clip(self.ctx_gain)
            f.update(ctx_gain=k, ctx_gain_pos=max(k, 0.0), ctx_gain_neg=min(k, 0.0))
        return f

    def describe(self) -> str:
        """The evidence in words, for an edit's reason."""
        parts = [f"word-model gain {self.gain:+.2f}"]
        if self.ctx_gain is not None:
            parts.append(f"context-model gain {self.ctx_gain:+.2f}")
        if self.count:
            parts.append(f"pair seen {self.count}x in OCR output")
        if self.tess:
            parts.append(f"Tesseract misread it {self.tess}x on degraded renderings")
        if self.sim:
            parts.append(f"glyph similarity {self.sim:.2f}")
        if self.stroke:
            parts.append("same-stroke family")
        return "; ".join(parts)


@dataclass(frozen=True)
class Weights:
    """A fitted logistic model and its decision threshold (in logit units)."""

    profile: str
    w: dict[str, float]
    threshold: float
    #: Logit by which the bar drops for further edits in a sentence already corrected.
    follow: float = 0.0
    #: Characters inside a dictionary word are tried with the pairs learned from real OCR
    #: output only, at the bar raised by this many logits; None: never tried.
    inside: float | None = None

    def score(self, ev: Evidence) -> float:
        """Logit that the candidate is the right character (higher = surer)."""
        return sum(self.w.get(k, 0.0) * v for k, v in ev.features().items())


@lru_cache(maxsize=8)
def load_weights(profile: str, rules_dir: str | None = None) -> Weights | None:
    """The ``profile`` rows of ``rules/correct_weights.tsv``, or None if it has none."""
    path = Path(rules_dir or default_rules_dir()) / "correct_weights.tsv"
    if not path.is_file():
        return None
    w: dict[str, float] = {}
    threshold = None
    follow = 0.0
    inside = None
    for no, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        cols = line.split("\t")
        try:
            prof, name, value = cols[0], cols[1], float(cols[2])
        except (IndexError, ValueError):
            raise RulesError(f"{path}:{no}: expected profile<TAB>feature<TAB>number") from None
        if prof != profile:
            continue
        if name == "threshold":
            threshold = value
        elif name == "follow":
            follow = value
        elif name == "inside":
            inside = value
        elif name in FEATURES:
            w[name] = value
        else:
            raise RulesError(f"{path}:{no}: unknown feature {name!r} "
                             f"(known: threshold, follow, inside, {', '.join(FEATURES)})")
    if not w:
        return None
    if threshold is None:
        raise RulesError(f"{path}: profile {profile!r} has weights but no threshold row")
    return Weights(profile, w, threshold, follow, inside)
