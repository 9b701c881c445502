"""A word-unigram language model scored by best segmentation: fast, small, offline.

Why this model: a misread character usually breaks a word (``回快`` for ``加快``), and the
best segmentation of a window under word frequencies sees that at once; it needs only a
word-frequency list, and licensed lists exist offline (jieba's ``dict.txt``, MIT). An
archive's own text adds its vocabulary and frequencies (``ocrfix lm build``).

File format (``.tsv`` or ``.tsv.gz``): a header line ``#ocrfix-lm word-unigram 1``, then
``word<TAB>count`` lines. Plain text so a person can inspect or edit it.
"""

from __future__ import annotations

import gzip
import importlib.util
import math
from collections import Counter
from pathlib import Path
from typing import Iterable, Sequence

from ..errors import OcrfixError

__all__ = ["WordLM", "LMError", "build_model", "load_model", "jieba_dict_path", "HEADER"]

HEADER = "#ocrfix-lm\tword-unigram\t1"
#: Longest word the segmentation looks up; longer dictionary entries are rare idioms.
MAX_WORD = 4


class LMError(OcrfixError):
    """A language-model file cannot be read or built (the message names the file)."""


def _is_cjk(ch: str) -> bool:
    return "\u3400" <= ch <= "\u9fff" or "\uf900" <= ch <= "\ufaff"


class WordLM:
    """Word-unigram model: ``score(text)`` is the log-probability of its best segmentation.

    A character outside the vocabulary costs as much as a word seen once; non-Chinese
    characters (digits, Latin, punctuation) cost nothing, so they never tip a comparison.

    >>> lm = WordLM({"加快": 50, "发展": 80, "加": 5, "快": 5, "回": 5, "发": 3, "展": 2})
    >>> lm.score("加快发展") > lm.score("回快发展")
    True
    >>> lm.compare("", ["加", "回"], "快")[0] > lm.compare("", ["加", "回"], "快")[1]
    True
    """

    def __init__(self, counts: dict[str, int], *, name: str = "<memory>") -> None:
        self.name = name
        total = sum(counts.values()) or 1
        log_total = math.log(total)
        self.logp: dict[str, float] = {w: math.log(c) - log_total
                                       for w, c in counts.items() if c > 0}
        self.unk = -log_total  # as likely as a word seen once
        self.total = total
        self._pairs: frozenset[str] | None = None

    def __len__(self) -> int:
        return len(self.logp)

    @property
    def pairs(self) -> frozenset[str]:
        """Every two-character sequence inside a vocabulary word (a cheap pre-filter:
        a correction that forms no word with a neighbour cannot win)."""
        if self._pairs is None:
            self._pairs = frozenset(w[k:k + 2] for w in self.logp if 1 < len(w) <= 8
                                    for k in range(len(w) - 1))
        return self._pairs

    def score(self, text: str) -> float:
        """Log-probability of the best segmentation of ``text`` (natural log)."""
        logp, unk = self.logp, self.unk
        best = [0.0] * (len(text) + 1)
        for i in range(1, len(text) + 1):
            ch = text[i - 1]
            if not _is_cjk(ch):
                best[i] = best[i - 1]
                continue
            b = best[i - 1] + logp.get(ch, unk)
            for k in range(2, min(MAX_WORD, i) + 1):
                lp = logp.get(text[i - k:i])
                if lp is not None and best[i - k] + lp > b:
                    b = best[i - k] + lp
            best[i] = b
        return best[-1]

    def forms_word(self, left: str, ch: str, right: str) -> bool:
        """Does ``ch`` form a vocabulary word (2+ characters) with its neighbours?

        >>> WordLM({"加快": 5}).forms_word("我", "加", "快"), WordLM({"加快": 5}).forms_word("", "回", "快")
        (True, False)
        """
        logp = self.logp
        text = left + ch + right
        i = len(left)
        for k in range(2, MAX_WORD + 1):
            for s in range(max(0, i - k + 1), min(i, len(text) - k) + 1):
                if text[s:s + k] in logp:
                    return True
        return False

    def segment(self, text: str) -> list[str]:
        """The best segmentation behind :meth:`score` (non-Chinese characters one by one).

        >>> WordLM({"加快": 50, "发展": 80, "回": 5}).segment("回快发展")
        ['回', '快', '发展']
        """
        logp, unk = self.logp, self.unk
        best = [0.0] * (len(text) + 1)
        back = [0] * (len(text) + 1)
        for i in range(1, len(text) + 1):
            b, k_best = best[i - 1] + (logp.get(text[i - 1], unk)
                                       if _is_cjk(text[i - 1]) else 0.0), 1
            for k in range(2, min(MAX_WORD, i) + 1):
                lp = logp.get(text[i - k:i])
                if lp is not None and best[i - k] + lp > b:
                    b, k_best = best[i - k] + lp, k
            best[i], back[i] = b, k_best
        words, i = [], len(text)
        while i > 0:
            words.append(text[i - back[i]:i])
            i -= back[i]
        return words[::-1]

    def compare(self, left: str, candidates: Sequence[str], right: str) -> list[float]:
        """Scores of ``left + c + right`` for each candidate ``c``."""
        return [self.score(left + c + right) for c in candidates]

    def save(self, path: str | Path) -> None:
        """Write the model as ``word<TAB>count`` lines (gzip if the name ends in ``.gz``)."""
        counts = {w: max(1, round(math.exp(lp) * self.total)) for w, lp in self.logp.items()}
        lines = [HEADER] + [f"{w}\t{c}" for w, c in sorted(counts.items(),
                                                             key=lambda x: (-x[1], x[0]))]
        data = ("\n".join(lines) + "\n").encode("utf-8")
        p = Path(path)
        p.write_bytes(gzip.compress(data, mtime=0) if p.name.endswith(".gz") else data)


def jieba_dict_path() -> Path:
    """jieba's ``dict.txt`` (found without importing jieba, which is slow to import)."""
    spec = importlib.util.find_spec("jieba")
    if spec is None or spec.origin is None:
        raise LMError("jieba is not installed (it comes with pycorrector): "
                      "pip install jieba")
    return Path(spec.origin).parent / "dict.txt"


def _jieba_counts() -> Counter[str]:
    counts: Counter[str] = Counter()
    for line in jieba_dict_path().read_text(encoding="utf-8").splitlines():
        parts = line.split(" ")
        if len(parts) >= 2 and parts[1].isdigit():
            counts[parts[0]] += int(parts[1])
    return counts


def load_model(path: str | Path):
    """Load a model written by :meth:`WordLM.save` / ``ocrfix lm build``, or a KenLM
    binary or ARPA word model (such as Debian libime's ``zh_CN.lm``)."""
    p = Path(path)
    try:
        with p.open("rb") as fh:
            head = fh.read(64)
    except OSError as exc:
        raise LMError(f"{p}: cannot read language model: {exc}") from None
    if head.startswith(b"mmap lm ") or head.lstrip().startswith(b"\\data\\"):
        from .kenlm_model import KenLMWords
        return KenLMWords(p)
    try:
        raw = p.read_bytes()
        text = (gzip.decompress(raw) if raw[:2] == b"\x1f\x8b" else raw).decode("utf-8")
    except (OSError, EOFError, gzip.BadGzipFile, UnicodeDecodeError) as exc:
        raise LMError(f"{p}: cannot read language model: {exc}") from None
    lines = text.splitlines()
    if not lines or lines[0].split("\t")[:2] != HEADER.split("\t")[:2]:
        raise LMError(f"{p}: not an ocrfix language model (first line must be "
                      f"{HEADER!r}; build one with `ocrfix lm build`)")
    counts: dict[str, int] = {}
    for no, line in enumerate(lines[1:], 2):
        if not line or line.startswith("#"):
            continue
        word, _, count = line.partition("\t")
        if not word or not count.isdigit():
            raise LMError(f"{p}:{no}: expected word<TAB>count, got {line[:40]!r}")
        counts[word] = counts.get(word, 0) + int(count)
    return WordLM(counts, name=str(p))


def corpus_counts(paths: Iterable[str | Path]) -> Counter[str]:
    """Word counts of text files, segmented with jieba (HMM on, so new names are found)."""
    import logging

    import jieba

    jieba.setLogLevel(logging.WARNING)
    counts: Counter[str] = Counter()
    for path in paths:
        p = Path(path)
        try:
            text = p.read_text(encoding="utf-8-sig")
        except (OSError, UnicodeDecodeError) as exc:
            raise LMError(f"{p}: cannot read corpus file as UTF-8 text: {exc}") from None
        for line in text.splitlines():
            for word in jieba.cut(line):
                if any(_is_cjk(ch) for ch in word):
                    counts[word] += 1
    return counts


def build_model(corpora: Iterable[str | Path], *, base: str | None = "jieba",
                corpus_share: float = 0.5) -> WordLM:
    """A model from text files, on top of a base word list.

    ``corpus_share`` is the probability mass given to the corpus counts when a base is
    used: a small archive still moves the frequencies of its own vocabulary.

    >>> m = build_model([], base="jieba")
    >>> m.score("中国") > m.score("中囯")
    True
    """
    paths = list(corpora)
    counts: Counter[str] = _jieba_counts() if base == "jieba" else Counter()
    if base not in (None, "jieba"):
        raise LMError(f"unknown base word list {base!r} (known: jieba)")
    if paths:
        own = corpus_counts(paths)
        if counts and own:
            scale = corpus_share / (1 - corpus_share) * sum(counts.values()) / sum(own.values())
            for w, c in own.items():
                counts[w] += max(1, round(c * scale))
        else:
            counts.update(own)
    if not counts:
        raise LMError("no words: give corpus files or a base word list")
    name = "+".join(([base] if base else []) + [Path(p).name for p in paths[:3]])
    return WordLM(dict(counts), name=name)
