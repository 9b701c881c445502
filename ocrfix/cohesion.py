"""How strongly two adjacent characters belong to one word: the layout stages' fluency score.

Why: a column break, an interleaved line or an orphan fragment cuts text at a place where
the two characters on either side do not belong together, and the right repair puts
together two characters that do (``监``+``测`` → 监测, ``高``+``铁`` → 高铁). The score is a
pointwise mutual information of the character pair inside dictionary words, weighted by
word frequency:

    pmi(a, b) = log( W[ab] · N / (U[a] · U[b]) )

where ``W[ab]`` sums the frequencies of the words containing ``ab``, ``U[c]`` those of the
words containing ``c``, and ``N`` all of them. A pair no word contains scores
:data:`UNSEEN`.

The dictionary is jieba's ``dict.txt`` (MIT licence; jieba is installed with pycorrector,
and declared in setup.cfg), read from the installed package without importing jieba. It is
loaded once per process, lazily.
"""

from __future__ import annotations

import importlib.util
import math
from functools import lru_cache
from pathlib import Path

from .chars import is_cjk

__all__ = ["Cohesion", "cohesion", "UNSEEN"]

#: The score of a pair that no dictionary word contains.
UNSEEN = -4.0


class Cohesion:
    """Character-pair cohesion from a word-frequency list (one ``word freq [tag]`` per line)."""

    def __init__(self, words: dict[str, int]) -> None:
        pair: dict[str, int] = {}
        unigram: dict[str, int] = {}
        for w, f in words.items():
            for c in set(w):
                unigram[c] = unigram.get(c, 0) + f
            for k in range(len(w) - 1):
                ab = w[k:k + 2]
                pair[ab] = pair.get(ab, 0) + f
        self._pair = pair
        self._unigram = unigram
        self._log_n = math.log(sum(unigram.values()) or 1)

    @classmethod
    def from_file(cls, path: Path) -> "Cohesion":
        words: dict[str, int] = {}
        with open(path, encoding="utf-8") as fh:
            for line in fh:
                parts = line.split()
                if len(parts) >= 2 and len(parts[0]) >= 2 and parts[1].isdigit():
                    words[parts[0]] = words.get(parts[0], 0) + int(parts[1])
        return cls(words)

    def pmi(self, a: str, b: str) -> float:
        """Cohesion of the pair ``ab``; :data:`UNSEEN` if no word contains it.

        >>> c = Cohesion({"监测": 100, "监督": 50, "测量": 80, "统计": 90})
        >>> c.pmi("监", "测") > c.pmi("测", "统")
        True
        """
        w = self._pair.get(a + b)
        if not w:
            return UNSEEN
        return max(UNSEEN, math.log(w) + self._log_n - math.log(self._unigram[a]) -
            math.log(self._unigram[b]))

    def junction(self, left: str, right: str) -> float:
        """Cohesion across the join of ``left`` and ``right`` (their last and first
        characters). Non-Chinese characters on either side give 0: no evidence."""
        if not left or not right or not (is_cjk(left[-1]) and is_cjk(right[0])):
            return 0.0
        return self.pmi(left[-1], right[0])


def _jieba_dict() -> Path | None:
    spec = importlib.util.find_spec("jieba")
    if spec is None or spec.origin is None:
        return None
    path = Path(spec.origin).parent / "dict.txt"
    return path if path.exists() else None


@lru_cache(maxsize=1)
def cohesion() -> Cohesion:
    """The process-wide model (jieba's dictionary), or an empty one if jieba is absent,
    in which case every junction scores :data:`UNSEEN` and the stages that need strong
    evidence simply do nothing."""
    path = _jieba_dict()
    return Cohesion.from_file(path) if path else Cohesion({})
