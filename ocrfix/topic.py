"""Topic evidence: which neighbouring article a run of paragraphs reads like.

Why this model: when whole paragraphs are out of place (an article's tail printed before
its header, the rest of an article printed after another one), no junction is broken, so
only the words can tell where they belong. Counting shared character pairs (the first
``order`` affinity) weighs 发展 as much as 汾阳; here each region of the page is a
word-unigram model, smoothed towards the language's own word frequencies (Dirichlet
prior, jieba's ``dict.txt`` through :func:`ocrfix.lm.default_model`), and a run's evidence
is the log-likelihood ratio of its words under one region against another. A word every
article uses scores about the same under both; a name or term one article keeps repeating
(与之科技, 散煤清零) tips the ratio. Measured on simulated pages (tail printed before its
header, 100 pages): area under the ROC curve 0.90, against 0.6–0.7 for shared pairs.
"""

from __future__ import annotations

import math
from collections import Counter
from functools import lru_cache
from typing import Iterable, Sequence

from .chars import is_cjk
from .lm import default_model

__all__ = ["Topic", "PRIOR"]

#: Weight of the background frequencies in a region's model (pseudo-words).
PRIOR = 25.0


@lru_cache(maxsize=4096)
def _words(text: str) -> tuple[str, ...]:
    """Chinese words of a block, cached: ``order`` builds a :class:`Topic` for each of its
    rules and rounds over the same blocks, and segmentation is the costly part."""
    return tuple(w for w in default_model().segment(text) if is_cjk(w[0]))


class Topic:
    """Word-unigram models of a page's blocks; regions are unions of blocks.

    >>> t = Topic(["散煤清零改造完成。", "散煤清零持续推进。", "警察协会召开大会。"])
    >>> t.llr([0], home=[2], other=[1]) > 0 > t.llr([0], home=[1], other=[2])
    True
    """

    def __init__(self, texts: Sequence[str]) -> None:
        lm = default_model()
        self._logp, self._unk = lm.logp, lm.unk
        self.words: list[tuple[str, ...]] = [_words(t) for t in texts]
        self._models: dict[tuple[int, ...], tuple[Counter, int]] = {}

    def _model(self, region: Iterable[int]) -> tuple[Counter, int]:
        """Word counts of a region; the rules score many runs against the same regions."""
        key = tuple(region)
        if key not in self._models:
            counts: Counter = Counter()
            for k in key:
                counts.update(self.words[k])
            self._models[key] = (counts, sum(counts.values()))
        return self._models[key]

    def _background(self, w: str) -> float:
        return math.exp(self._logp.get(w, self._unk))

    def llr(self, run: Sequence[int], home: Iterable[int], other: Iterable[int]) -> float:
        """Mean log-likelihood ratio per word of blocks ``run`` under ``other`` against
        ``home`` (> 0: the run reads like ``other``). 0 when the run has no words."""
        words = [w for k in run for w in self.words[k]]
        if not words:
            return 0.0
        (hc, hn), (oc, on) = self._model(home), self._model(other)
        total = 0.0
        for w in words:
            p = PRIOR * self._background(w)
            total += math.log((oc[w] + p) / (on + PRIOR)) - math.log((hc[w] + p) / (hn + PRIOR))
        return total / len(words)
