"""Candidate characters for a possibly misread one: which characters could OCR have meant?

Why several sources: no single table covers real OCR errors. Glyph similarity
(``rules/visual_similar.tsv``, generated from Noto CJK glyph images by
``scripts/build_visual_table.py``) covers about a quarter of them; pycorrector's
``same_stroke.txt`` adds shape families it knows; pairs learned from real OCR output
(``rules/confusions.tsv``, editable: ``wrong<TAB>right<TAB>count<TAB>source``) add the
confusions an engine actually makes. Rows whose source is ``tesseract`` (Tesseract on
degraded renderings, ``scripts/learn_confusions.py tesseract``) are a source of their own:
their counts come from a different engine and a far larger sample, so they are evidence
of another weight (``tess_count`` in ``rules/correct_weights.tsv``), not more of the same. Each candidate keeps its source, so an edit can say
where it came from, and its prior, so the corrector can trust a learned pair more than a
mere look-alike.

pycorrector's data files are read by path: ``import pycorrector`` would import torch.
"""

from __future__ import annotations

import importlib.util
import math
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from .errors import RulesError
from .rules import default_rules_dir

__all__ = ["Candidate", "Confusables", "load_confusables", "pycorrector_data", "with_learned",
           "learned_prior", "TESSERACT"]

#: Source tag of the rows learned from Tesseract on degraded renderings.
TESSERACT = "tesseract"


@dataclass(frozen=True)
class Candidate:
    """One replacement for a character, with where it came from and how much to trust it."""

    char: str
    source: str  # "learned", "visual", "stroke": the most trusted source holding the pair
    prior: float  # log-scale bonus of that source (the simple threshold rule adds it)
    #: Evidence from every source at once (the weighted decision reads all of it):
    count: int = 0  # times the pair was seen in real OCR output (learned tables)
    sim: float = 0.0  # glyph similarity (visual table), 0 when not a listed look-alike
    stroke: bool = False  # in one of pycorrector's same-stroke families
    tess: int = 0  # times Tesseract made this misreading on degraded renderings


def pycorrector_data(name: str) -> Path | None:
    """A file in pycorrector's installed ``data/`` folder, found without importing it.

    >>> p = pycorrector_data("same_stroke.txt"); p is None or p.name == "same_stroke.txt"
    True
    """
    spec = importlib.util.find_spec("pycorrector")
    if spec is None or not spec.submodule_search_locations:
        return None
    path = Path(list(spec.submodule_search_locations)[0]) / "data" / name
    return path if path.is_file() else None


def _data_lines(path: Path):
    for no, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if line.strip() and not line.startswith("#"):
            yield no, line.rstrip("\n").split("\t")


class Confusables:
    """Candidates per character, merged from every source, best prior first.

    >>> c = Confusables({"人": [Candidate("入", "visual", 0.0)]})
    >>> [x.char for x in c.get("人")], c.get("中")
    (['入'], ())
    """

    def __init__(self, table: dict[str, list[Candidate]]) -> None:
        self.table = {k: tuple(sorted(v, key=lambda c: -c.prior)) for k, v in table.items()}

    def get(self, ch: str) -> tuple[Candidate, ...]:
        return self.table.get(ch, ())

    def __len__(self) -> int:
        return sum(len(v) for v in self.table.values())


def _add(table: dict[str, dict[str, Candidate]], wrong: str, cand: Candidate) -> None:
    """Merge ``cand`` into the table: the source with the best prior names the pair, and
    the evidence of every source (count, similarity, stroke family) is kept together."""
    old = table.setdefault(wrong, {}).get(cand.char)
    if old is None:
        table[wrong][cand.char] = cand
        return
    top = cand if cand.prior > old.prior else old
    table[wrong][cand.char] = Candidate(top.char, top.source, top.prior,
                                        max(old.count, cand.count), max(old.sim, cand.sim),
                                        old.stroke or cand.stroke, max(old.tess, cand.tess))


@lru_cache(maxsize=4)
def load_confusables(rules_dir: str | None = None, *, visual_min: float = 0.6,
                     learned_min_count: int = 1, use_stroke: bool = True,
                     use_learned: bool = True, use_tesseract: bool = True,
                     exclude_sources: tuple[str, ...] = ()) -> Confusables:
    """Load every candidate source once (cached per rules directory and options).

    Priors: a learned pair gets :func:`learned_prior`, a look-alike ``4 * (sim - 0.9)``
    (so a 0.95 look-alike is a small bonus and a 0.7 one a penalty), a same-stroke family
    member ``-0.5``, a Tesseract pair ``0`` (the threshold rule holds it to the bar of a
    look-alike). The corrector adds the prior to the language-model gain.
    ``use_learned`` is about the rows of other sources than ``tesseract`` (FASPell, your
    own); ``exclude_sources`` drops rows by their source column.
    """
    root = Path(rules_dir) if rules_dir else default_rules_dir()
    table: dict[str, dict[str, Candidate]] = {}
    vis = root / "visual_similar.tsv"
    if vis.is_file():
        for no, cols in _data_lines(vis):
            try:
                wrong, right, sim = cols[0], cols[1], float(cols[2])
            except (IndexError, ValueError):
                raise RulesError(f"{vis}:{no}: expected char<TAB>char<TAB>similarity") from None
            if sim >= visual_min:
                _add(table, wrong, Candidate(right, "visual", 4 * (sim - 0.9), sim=sim))
    stroke = pycorrector_data("same_stroke.txt") if use_stroke else None
    if stroke is not None:
        for line in stroke.read_text(encoding="utf-8").splitlines():
            fam = line.split()
            for a in fam:
                for b in fam:
                    if a != b:
                        _add(table, a, Candidate(b, "stroke", -0.5, stroke=True))
    learned = root / "confusions.tsv"
    if (use_learned or use_tesseract) and learned.is_file():
        pairs: dict[tuple[str, str], int] = {}
        for no, cols in _data_lines(learned):
            if len(cols) < 3 or len(cols[0]) != 1 or len(cols[1]) != 1 or not cols[2].isdigit():
                raise RulesError(f"{learned}:{no}: expected wrong<TAB>right<TAB>count"
                                 "<TAB>source (single characters)")
            src = cols[3] if len(cols) > 3 else ""
            if src in exclude_sources:
                continue
            if src == TESSERACT:
                if use_tesseract:
                    _add(table, cols[0], Candidate(cols[1], TESSERACT, 0.0, tess=int(cols[2])))
            elif use_learned and int(cols[2]) >= learned_min_count:
                pairs[(cols[0], cols[1])] = pairs.get((cols[0], cols[1]), 0) + int(cols[2])
        _add_learned(table, pairs)
    return Confusables({k: list(v.values()) for k, v in table.items()})


def learned_prior(count: int) -> float:
    """Trust in a pair seen ``count`` times in real OCR output (tuned on FASPell train)."""
    return 2 * math.log1p(count)


def _add_learned(table: dict[str, dict[str, Candidate]],
                 pairs: dict[tuple[str, str], int]) -> None:
    for (wrong, right), n in pairs.items():
        _add(table, wrong, Candidate(right, "learned", learned_prior(n), count=n))


def with_learned(base: Confusables, pairs: dict[tuple[str, str], int]) -> Confusables:
    """``base`` plus learned pairs (used to tune thresholds on pairs learned elsewhere)."""
    table = {k: {c.char: c for c in v} for k, v in base.table.items()}
    # a pair learned from real OCR output outranks the base's own (visual, stroke) entry
    _add_learned(table, pairs)
    return Confusables({k: list(v.values()) for k, v in table.items()})
