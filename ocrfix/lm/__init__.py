"""Language models for ocrfix: score Chinese text offline, loaded once, lazily.

Why a small interface: the ``correct`` stage (and, later, layout stages that must judge a
join) only need two questions answered — *how plausible is this text?* and *which of
these variants of a window reads best?* Anything that answers them fits
:class:`LanguageModel`, so an archive can swap in a model built from its own text
(``ocrfix lm build CORPUS… -o MODEL``; ``ocrfix clean --lm MODEL``).

The default model is a word-unigram model scored by best segmentation (jieba's idea),
built from the word frequencies of jieba's ``dict.txt`` (MIT licence), which is installed
with pycorrector. Nothing is downloaded; the first call takes about a second, later calls
return the cached model:

>>> lm = default_model()
>>> lm.score("我们要加快发展") > lm.score("我们要回快发展")
True
"""

from __future__ import annotations

from functools import lru_cache
from typing import Protocol, Sequence, runtime_checkable

from .wordlm import WordLM, build_model, load_model

__all__ = ["LanguageModel", "WordLM", "default_model", "get_model", "load_model",
           "build_model", "correction_models"]


@runtime_checkable
class LanguageModel(Protocol):
    """What the stages need from a language model (natural-log scores, higher = likelier)."""

    name: str

    def score(self, text: str) -> float:
        """Log-probability of ``text`` (non-Chinese characters cost nothing)."""
        ...

    def compare(self, left: str, candidates: Sequence[str], right: str) -> list[float]:
        """Score of ``left + c + right`` for each candidate ``c`` (same window, same units)."""
        ...


@lru_cache(maxsize=1)
def default_model() -> WordLM:
    """The shipped model (jieba ``dict.txt`` word frequencies); cached after the first call."""
    return build_model([], base="jieba")


@lru_cache(maxsize=4)
def get_model(path: str | None) -> WordLM:
    """The model at ``path`` (``Config.lm_path``), or the default when ``path`` is None.

    Cached per path, so every stage and every page of a run share one loaded model.
    """
    return default_model() if path is None else load_model(path)


def correction_models(lm_path: str | None, context: str | None = "auto"):
    """The (word model, context model or None) pair the ``correct`` stage decides with.

    Why two: the word model (built-in or ``--lm`` word list) finds stray characters and
    scores a short window; a word trigram (KenLM) sees context across words and is one
    more piece of evidence. ``context``: ``"auto"`` = Debian libime's ``zh_CN.lm`` when it
    and the ``kenlm`` module are installed, ``None``/``"off"`` = none, else a model path.
    A KenLM file given as ``lm_path`` becomes the context model beside the built-in one.
    """
    main = get_model(lm_path)
    if not hasattr(main, "logp"):  # a KenLM model: context for the built-in word model
        return default_model(), main
    if context in (None, "off"):
        return main, None
    if context == "auto":
        return main, _auto_context()
    return main, get_model(context)


@lru_cache(maxsize=1)
def _auto_context():
    """libime's trigram when installed with the kenlm module; None otherwise (no error:
    the stage then decides with the word model alone, by the simpler threshold rule)."""
    import importlib.util

    from .kenlm_model import libime_model_path

    path = libime_model_path()
    if path is None or importlib.util.find_spec("kenlm") is None:
        return None
    return get_model(str(path))
