"""check: compare the cleaning of every seed page with its hand-verified golden page.

CER is the character edit distance (RapidFuzz Levenshtein) divided by the golden length,
as dinglehopper defines it. The ratchet (``golden/ratchet.json``) holds the best cleaned
CER reached per page; a page that gets worse fails the check.
"""

from __future__ import annotations

import difflib
import json
from dataclasses import dataclass
from pathlib import Path

from rapidfuzz.distance import Levenshtein

from .config import Config
from .errors import InputError
from .pipeline import clean_file

__all__ = ["cer", "PageResult", "check_pages", "update_ratchet"]

RATCHET_SLACK = 1e-4


def cer(hypothesis: str, reference: str) -> float:
    """Character error rate of ``hypothesis`` against ``reference``.

    >>> cer("abd", "abc")
    0.3333333333333333
    >>> cer("", "")
    0.0
    """
    if not reference:
        return 0.0 if not hypothesis else float("inf")
    return Levenshtein.distance(hypothesis, reference) / len(reference)


@dataclass(frozen=True)
class PageResult:
    name: str
    raw_cer: float
    clean_cer: float
    ratchet: float | None
    edits: int
    diff: list[str]

    @property
    def ok(self) -> bool:
        return self.ratchet is None or self.clean_cer <= self.ratchet + RATCHET_SLACK


def _ratchet_path(golden_dir: Path) -> Path:
    return golden_dir / "ratchet.json"


def load_ratchet(golden_dir: Path) -> dict[str, float]:
    path = _ratchet_path(golden_dir)
    return json.loads(path.read_text(encoding="utf-8")) if path.is_file() else {}


def short_diff(clean: str, golden: str, limit: int = 8) -> list[str]:
    """The first few places where the cleaned text still differs from the golden page."""
    out = []
    matcher = difflib.SequenceMatcher(None, clean, golden, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            continue
        got, want = clean[i1:i2].replace("\n", "⏎"), golden[j1:j2].replace("\n", "⏎")
        ctx = clean[max(0, i1 - 8):i1].replace("\n", "⏎")
        out.append(f"…{ctx}[{_cut(got)} → {_cut(want)}]")
        if len(out) == limit:
            break
    return out


def _cut(s: str, n: int = 40) -> str:
    return s if len(s) <= n else s[:n // 2] + "…" + s[-n // 2:]


def check_pages(seeds_dir: Path, golden_dir: Path, config: Config | None = None
                ) -> list[PageResult]:
    """Clean every seed page that has a golden page and compare."""
    ratchet = load_ratchet(golden_dir)
    results = []
    seeds = sorted(seeds_dir.glob("*.txt"))
    if not seeds:
        raise InputError(f"{seeds_dir}: no seed pages (*.txt)")
    for seed in seeds:
        golden = golden_dir / seed.name
        if not golden.is_file():
            raise InputError(f"{golden}: missing golden page for {seed.name}")
        want = golden.read_text(encoding="utf-8")
        doc = clean_file(str(seed), config)
        results.append(PageResult(seed.stem, cer(doc.source, want), cer(doc.text, want),
                                  ratchet.get(seed.stem), len(doc.edits),
                                  short_diff(doc.text, want)))
    return results


def update_ratchet(golden_dir: Path, results: list[PageResult]) -> dict[str, float]:
    """Lower each page's recorded CER where the pipeline improved; never raise it."""
    ratchet = load_ratchet(golden_dir)
    for r in results:
        old = ratchet.get(r.name)
        if old is None or r.clean_cer < old:
            ratchet[r.name] = round(r.clean_cer, 5)
    _ratchet_path(golden_dir).write_text(json.dumps(ratchet, indent=1, sort_keys=True) + "\n",
                                         encoding="utf-8")
    return ratchet
