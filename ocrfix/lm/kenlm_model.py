"""A word n-gram KenLM model (e.g. Debian's libime trigram) behind the LanguageModel API.

Why: the word-unigram model cannot see context across words (``人河`` vs ``入河`` both
segment into frequent pieces); a trigram over words can. Debian's
``libime-data-language-model`` ships such a model (``zh_CN.lm``, LGPL-2.1+, from the
fcitx project) in KenLM's binary format, which the ``kenlm`` module memory-maps in
milliseconds. Text is segmented inside the model: the best path over the words the
model knows (up to four characters), unknown single characters scored as ``<unk>``.
"""

from __future__ import annotations

import math
from pathlib import Path
from typing import Sequence

from .wordlm import MAX_WORD, LMError, _is_cjk

__all__ = ["KenLMWords", "LIBIME_LM", "libime_model_path"]

#: Where Debian's libime-data-language-model puts its trigram model.
LIBIME_LM = "/usr/lib/x86_64-linux-gnu/libime/zh_CN.lm"
LN10 = math.log(10)
#: Runs up to this long keep their Viterbi table, for longer runs that start with them.
PREFIX_MAX = 8


def libime_model_path() -> Path | None:
    """The installed libime model (any architecture directory), or None."""
    for p in [Path(LIBIME_LM), *Path("/usr/lib").glob("*/libime/zh_CN.lm")]:
        if p.is_file():
            return p
    return None


class KenLMWords:
    """Word n-gram model: ``score`` is the best segmentation's log-probability (natural log).

    Thresholds tuned for it on FASPell train travel with the model (``thresholds``).
    """

    #: Decision thresholds for this model class (2-fold tuned, scripts/tune_correct.py).
    thresholds = {"learned": 13.0, "visual": 16.0, "stroke": 16.0}

    def __init__(self, path: str | Path) -> None:
        try:
            import kenlm
        except ImportError:
            raise LMError(f"{path}: a KenLM model needs the kenlm module "
                          "(pip install kenlm)") from None
        try:
            self.model = kenlm.Model(str(path))
        except (OSError, RuntimeError, Exception) as exc:  # kenlm raises plain Exception
            raise LMError(f"{path}: cannot load KenLM model: {exc}") from None
        self._kenlm = kenlm
        self.name = str(path)
        self._vocab: dict[str, bool] = {}
        self._prefixes: dict[str, tuple] = {}
        self._null = kenlm.State()
        self.model.NullContextWrite(self._null)

    def _known(self, w: str) -> bool:
        hit = self._vocab.get(w)
        if hit is None:
            hit = self._vocab[w] = w in self.model
        return hit

    def _viterbi(self, text: str) -> tuple[float, list[str]]:
        """Best segmentation of a Chinese run and its log-probability (natural log).

        Why the prefix table: layout stages score one side of a junction against many
        others (``left + right`` for every candidate ``right``), and the best paths over
        ``left`` do not depend on what follows. The paths of short runs are kept
        (:data:`PREFIX_MAX`) and a longer run starts from its longest kept prefix.
        """
        n = len(text)
        best = None
        for k in range(min(n - 1, PREFIX_MAX), 0, -1):
            best = self._prefixes.get(text[:k])
            if best is not None:
                best = list(best)
                break
        if best is None:
            best = [(0.0, self._null, 0)]
        State, base, vocab, model = self._kenlm.State, self.model.BaseScore, self._vocab, self.model
        for i in range(len(best), n + 1):
            cand = None
            for k in range(1, min(MAX_WORD, i) + 1):
                w = text[i - k:i]
                if k > 1:
                    known = vocab.get(w)
                    if known is None:
                        known = vocab[w] = w in model
                    if not known:
                        continue
                prev = best[i - k]
                out = State()
                sc = prev[0] + base(prev[1], w, out)
                if cand is None or sc > cand[0]:
                    cand = (sc, out, k)
            best.append(cand)
        if n <= PREFIX_MAX:
            if len(self._prefixes) > 200_000:
                self._prefixes.clear()
            self._prefixes[text] = tuple(best)
        words, i = [], n
        while i > 0:
            k = best[i][2]
            words.append(text[i - k:i])
            i -= k
        return best[-1][0] * LN10, words[::-1]

    def _runs(self, text: str) -> list[tuple[bool, str]]:
        out: list[tuple[bool, str]] = []
        for ch in text:
            c = _is_cjk(ch)
            if out and out[-1][0] == c:
                out[-1] = (c, out[-1][1] + ch)
            else:
                out.append((c, ch))
        return out

    def score(self, text: str) -> float:
        return sum(self._viterbi(run)[0] for cjk, run in self._runs(text) if cjk)

    def segment(self, text: str) -> list[str]:
        words: list[str] = []
        for cjk, run in self._runs(text):
            words += self._viterbi(run)[1] if cjk else list(run)
        return words

    def forms_word(self, left: str, ch: str, right: str) -> bool:
        text = left + ch + right
        i = len(left)
        for k in range(2, MAX_WORD + 1):
            for s in range(max(0, i - k + 1), min(i, len(text) - k) + 1):
                if self._known(text[s:s + k]):
                    return True
        return False

    def compare(self, left: str, candidates: Sequence[str], right: str) -> list[float]:
        return [self.score(left + c + right) for c in candidates]
