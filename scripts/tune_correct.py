"""Tune the correct stage's thresholds on FASPell *train*, honestly: 2-fold.

Why 2-fold: the shipped confusion pairs are learned from the same train file, so scoring
train with them would reward memorised pairs. Here pairs are learned from one half and
the thresholds are scored on the other half (and vice versa); the golden pages' sentences
count the corrections made to clean text. The test file is never read.

    python -m scripts.tune_correct /work/shared/data/faspell/ocr_train_3575.txt
"""

from __future__ import annotations

import argparse
import itertools
from collections import Counter
from pathlib import Path

from ocrfix.bench.correct import clean_sentences, evaluate, load_pairs
from ocrfix.confusables import load_confusables, with_learned
from ocrfix.corrector import THRESHOLDS, Corrector
from ocrfix.lm import get_model
from ocrfix.protect import load_protected_terms, protected_mask
from ocrfix.rules import default_rules_dir


def engine_pairs() -> Counter[tuple[str, str]]:
    """Learned pairs that do not come from FASPell (Tesseract, users' own rows)."""
    out: Counter[tuple[str, str]] = Counter()
    path = Path(default_rules_dir()) / "confusions.tsv"
    for line in path.read_text(encoding="utf-8").splitlines():
        cols = line.split("\t")
        if len(cols) >= 4 and not line.startswith("#") and cols[3] != "faspell_train":
            out[(cols[0], cols[1])] += int(cols[2])
    return out


def fold_pairs(pairs: list[tuple[str, str]]) -> Counter[tuple[str, str]]:
    out: Counter[tuple[str, str]] = Counter()
    for w, g in pairs:
        out.update((a, b) for a, b in zip(w, g) if a != b)
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("train")
    ap.add_argument("--lm", default=None, help="model file (default: built-in)")
    ap.add_argument("--learned", default="7,8,9,10")
    ap.add_argument("--visual", default="9,10,11,12")
    ap.add_argument("--stroke", default="12")
    args = ap.parse_args()
    if "test" in Path(args.train).name:
        ap.error("give the FASPell *train* file")
    data = load_pairs(Path(args.train))
    folds = [data[0::2], data[1::2]]
    lm, terms = get_model(args.lm), load_protected_terms()
    base = load_confusables(use_learned=False)
    tables = [with_learned(base, engine_pairs() + fold_pairs(folds[1 - k])) for k in (0, 1)]
    full = load_confusables()
    clean = clean_sentences(Path("golden"))
    floats = lambda v: [float(x) for x in v.split(",")]  # noqa: E731
    grid = itertools.product(floats(args.learned), floats(args.visual), floats(args.stroke))
    print("learned visual stroke |  P     R     F1  (char correction, 2-fold) | golden changed")
    for lt, vt, st in grid:
        th = {"learned": lt, "visual": vt, "stroke": st}
        tp = pred = gold = 0
        for k in (0, 1):
            corr = Corrector(lm, tables[k], thresholds=th)
            s = evaluate(lambda t: _apply(corr, t, terms), folds[k])
            tp, pred, gold = tp + s.cor_tp, pred + s.pred, gold + s.gold
        corr = Corrector(lm, full, thresholds=th)
        changed = sum(_apply(corr, t, terms) != t for t in clean)
        p, r = tp / max(1, pred), tp / max(1, gold)
        shipped = getattr(lm, "thresholds", None) or THRESHOLDS
        mark = "  <- shipped" if th == shipped else ""
        print(f"{lt:7} {vt:6} {st:6} | {p:.3f} {r:.3f} {2 * p * r / max(1e-9, p + r):.3f}"
              f" | {changed}{mark}", flush=True)


def _apply(corr: Corrector, text: str, terms) -> str:
    chars = list(text)
    for c in corr.find(text, protected_mask(text, terms)):
        chars[c.pos] = c.after
    return "".join(chars)


if __name__ == "__main__":
    main()
