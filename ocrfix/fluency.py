"""How well two pieces of text read on from each other: cross-word fluency for layout.

Why: :mod:`ocrfix.cohesion` knows only the character pairs *inside* dictionary words, so
it cannot tell that ``…取得明显|成效。`` reads on (two words that belong together) while
``…取得明显|突破新优势`` does not. A word n-gram language model can: the gain of reading
``left`` and ``right`` as one text over reading them apart,

    gain(left, right) = log P(left + right) − log P(left) − log P(right)

(natural log, over a window of :data:`WINDOW` characters on each side) is high where the
right piece continues the left one and near zero or negative where it does not. Measured
on the golden text (300 true junctions, 300 random ones): a gain above 1 nat holds for
46 % of true junctions and 2 % of random ones, where dictionary cohesion cannot tell most
cross-word junctions from random.

The model is Debian's ``libime-data-language-model`` word trigram (``zh_CN.lm``,
LGPL-2.1+), read with the ``kenlm`` module (:class:`ocrfix.lm.kenlm_model.KenLMWords`).
Both are optional: without them :func:`fluency` returns ``None`` and the stages fall back
to dictionary cohesion, acting less often. ``Config.fluency_lm`` chooses: ``"auto"`` (the
libime model when installed), ``"none"``, or the path of any KenLM word model.
"""

from __future__ import annotations

from functools import lru_cache

from .chars import is_cjk

__all__ = ["Fluency", "fluency", "head_run", "tail_run", "WINDOW"]

#: Characters of context on each side of a junction (a trigram sees about three words).
WINDOW = 6


class Fluency:
    """Junction gains from a language model with a ``score(text) -> float`` method."""

    def __init__(self, model, name: str) -> None:
        self.model = model
        self.name = name
        self._cache: dict[str, float] = {}

    def gain(self, left: str, right: str) -> float:
        """Log-probability gain of reading ``left`` on into ``right`` (0 = no evidence).

        Only the Chinese run touching the junction counts: punctuation or Latin on either
        side of the cut means the model has nothing to say, so the gain is 0.
        """
        return self.gain_runs(tail_run(left), head_run(right))

    def gain_runs(self, l_run: str, r_run: str) -> float:
        """:meth:`gain` for runs already cut with :func:`tail_run` / :func:`head_run`
        (a caller scoring one piece against many places cuts each side once)."""
        if not l_run or not r_run:
            return 0.0
        return self._score(l_run + r_run) - self._score(l_run) - self._score(r_run)

    def _score(self, text: str) -> float:
        """The model's score, remembered: one side of a junction meets many other sides."""
        hit = self._cache.get(text)
        if hit is None:
            if len(self._cache) > 500_000:
                self._cache.clear()
            hit = self._cache[text] = self.model.score(text)
        return hit


def tail_run(text: str) -> str:
    """The last :data:`WINDOW` characters of ``text`` if they end in a Chinese run."""
    out = []
    for ch in reversed(text[-WINDOW:]):
        if not is_cjk(ch):
            break
        out.append(ch)
    return "".join(reversed(out))


def head_run(text: str) -> str:
    """The first :data:`WINDOW` characters of ``text`` up to its first non-Chinese one."""
    out = []
    for ch in text[:WINDOW]:
        if not is_cjk(ch):
            break
        out.append(ch)
    return "".join(out)


@lru_cache(maxsize=4)
def fluency(setting: str = "auto") -> Fluency | None:
    """The process-wide fluency model for ``setting`` (``Config.fluency_lm``), or None.

    ``"auto"`` loads the libime model when both it and the ``kenlm`` module are installed
    and returns None otherwise; an explicit path that cannot be loaded is an error (the
    user asked for it), reported as :class:`ocrfix.lm.wordlm.LMError`.
    """
    if setting == "none":
        return None
    from .lm import get_model
    from .lm.kenlm_model import libime_model_path
    from .lm.wordlm import LMError

    if setting == "auto":
        path = libime_model_path()
        if path is None:
            return None
        try:  # get_model: one loaded copy, shared with the correct stage's context model
            return Fluency(get_model(str(path)), str(path))
        except LMError:
            return None
    return Fluency(get_model(setting), setting)
