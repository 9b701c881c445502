"""Tune the correct stage on FASPell *train*, honestly: 2-fold.

Why 2-fold: the shipped confusion pairs are learned from the same train file, so scoring
train with them would reward memorised pairs. Here pairs are learned from one half and
the decision is scored on the other half (and vice versa); the golden pages' sentences and
the gold side of train count the corrections made to clean text. The test file is never read.

Two modes:

* thresholds per source (the simple rule)::

    python -m scripts.tune_correct /work/shared/data/faspell/ocr_train_3575.txt

* ``--fit``: fit the weighted-evidence model (``ocrfix/evidence.py``) on candidates of
  one half, score a grid of decision thresholds on the other half, and with ``--write T``
  store the weights fitted on both halves and threshold ``T`` in
  ``rules/correct_weights.tsv`` (profile ``word``, or ``word+context`` with ``--context``)::

    python -m scripts.tune_correct TRAIN --fit
    python -m scripts.tune_correct TRAIN --fit --context /usr/lib/x86_64-linux-gnu/libime/zh_CN.lm --write 0.5

``--extra FILE`` adds OCR/truth lines of another engine to the fitting rows (not to the
scores), e.g. Tesseract tuning lines, whose confusions FASPell's engine rarely makes.
"""

from __future__ import annotations

import argparse
import itertools
from collections import Counter
from pathlib import Path

from ocrfix.bench.correct import clean_pages, evaluate, load_pairs
from ocrfix.confusables import load_confusables, with_learned
from ocrfix.corrector import THRESHOLDS, Corrector
from ocrfix.lm import get_model
from ocrfix.protect import load_protected_terms, page_terms, protected_mask
from ocrfix.rules import default_rules_dir


def engine_pairs() -> Counter[tuple[str, str]]:
    """Learned pairs that come neither from FASPell nor from Tesseract (users' own rows):
    Tesseract rows are a source of their own, already in ``load_confusables(use_learned=False)``."""
    out: Counter[tuple[str, str]] = Counter()
    path = Path(default_rules_dir()) / "confusions.tsv"
    for line in path.read_text(encoding="utf-8").splitlines():
        cols = line.split("\t")
        if (len(cols) >= 4 and not line.startswith("#")
                and cols[3] not in ("faspell_train", "tesseract")):
            out[(cols[0], cols[1])] += int(cols[2])
    return out


def fold_pairs(pairs: list[tuple[str, str]]) -> Counter[tuple[str, str]]:
    out: Counter[tuple[str, str]] = Counter()
    for w, g in pairs:
        out.update((a, b) for a, b in zip(w, g) if a != b)
    return out


def candidate_rows(corr: Corrector, data, terms, names: tuple[str, ...]):
    """Feature rows and labels (1 = the gold character) of every candidate the corrector
    would weigh in the *uncorrected* sentences of ``data``. The caller adds the gold
    sentences as (gold, gold) pairs: clean text the model must learn to leave alone."""
    X, y = [], []
    for wrong, gold in data:
        mask = protected_mask(wrong, terms)
        inside = corr._inside_words(wrong)
        chars = list(wrong)
        for i, ch in enumerate(chars):
            if inside[i] or mask[i] or not ("\u4e00" <= ch <= "\u9fff"):
                continue
            cands = corr.table.get(ch)
            if not cands:
                continue
            lo, hi = corr._window(chars, i)
            for c, ev in corr.evidence(chars, i, lo, hi, cands):
                f = ev.features()
                X.append([f.get(k, 0.0) for k in names])
                y.append(1.0 if gold[i] != ch and gold[i] == c.char else 0.0)
    return X, y


def fit_logistic(X, y, names: tuple[str, ...], l2: float = 1e-3, steps: int = 3000) -> dict:
    """Plain L2-regularised logistic regression by gradient descent (numpy only)."""
    import numpy as np

    A, t = np.asarray(X, dtype=float), np.asarray(y, dtype=float)
    free = [k for k, n in enumerate(names) if n != "bias"]
    mu, sd = A[:, free].mean(0), A[:, free].std(0) + 1e-9
    Z = (A[:, free] - mu) / sd
    w, b = np.zeros(len(free)), 0.0
    for _ in range(steps):
        p = 1 / (1 + np.exp(-(Z @ w + b)))
        w -= 0.5 * (Z.T @ (p - t) / len(t) + l2 * w)
        b -= 0.5 * float((p - t).mean())
    out = {"bias": b - float((mu / sd) @ w)}
    for k, wk in zip(free, w / sd):
        out[names[k]] = float(wk)
    return out


def fit_main(args, data, folds, lm, terms, full, clean) -> None:
    from ocrfix.evidence import FEATURES, Weights
    from ocrfix.lm import get_model as _get

    ctx = _get(args.context) if args.context else None
    names = FEATURES if ctx else tuple(f for f in FEATURES if not f.startswith("ctx_"))
    names = tuple(f for f in names if f not in args.drop.split(","))
    profile = "word+context" if ctx else "word"
    base = load_confusables(use_learned=False)
    tables = [with_learned(base, engine_pairs() + fold_pairs(folds[1 - k])) for k in (0, 1)]
    extra = load_pairs(Path(args.extra)) if args.extra else []
    rows = [candidate_rows(Corrector(lm, tables[k], context=ctx, weights=None), folds[k]
                           + [(g, g) for _, g in folds[k]] + extra[k::2]
                           + [(g, g) for _, g in extra[k::2]], terms, names) for k in (0, 1)]
    fitted = [fit_logistic(rows[1 - k][0], rows[1 - k][1], names) for k in (0, 1)]
    grid = [(float(x), float(f), None if i == "off" else float(i)) for x in args.grid.split(",")
            for f in args.follow.split(",") for i in args.inside.split(",")]
    print(f"profile {profile}: {sum(len(r[1]) for r in rows)} candidates, "
          f"{int(sum(sum(r[1]) for r in rows))} right ones")
    allw = fit_logistic(rows[0][0] + rows[1][0], rows[0][1] + rows[1][1], names)
    print("weights:", " ".join(f"{k}={v:+.3f}" for k, v in allw.items()))
    print("threshold follow inside | char correction P R F1 | sentence correction P R F1 (2-fold) "
          "| clean changed: golden, train gold")
    for thr, follow, inside in grid:
        tot = None
        for k in (0, 1):
            corr = Corrector(lm, tables[k], context=ctx,
                             weights=Weights(profile, fitted[k], thr, follow, inside))
            s = evaluate(lambda t: _apply(corr, t, terms), folds[k])
            tot = s if tot is None else _add_scores(tot, s)
        corr = Corrector(lm, full, context=ctx,
                         weights=Weights(profile, allw, thr, follow, inside))
        gold_clean = [g for _, g in data]
        ch_g = sum(_apply(corr, t, terms, page) != t for t, page in clean)
        ch_t = sum(_apply(corr, t, terms) != t for t in gold_clean)
        tb = tot.table()
        print(f"{thr:9.2f} {follow:6.2f} {'off' if inside is None else inside:>6} | {tb['char correction'][0]:.3f} {tb['char correction'][1]:.3f} "
              f"{tb['char correction'][2]:.3f} | {tb['sentence correction'][0]:.3f} "
              f"{tb['sentence correction'][1]:.3f} {tb['sentence correction'][2]:.3f} | "
              f"{ch_g}/{len(clean)}, {ch_t}/{len(gold_clean)}", flush=True)
    if args.write is not None:
        write_weights(Path(default_rules_dir()) / "correct_weights.tsv", profile, allw,
                      args.write, args.write_follow,
                      None if args.write_inside == "off" else float(args.write_inside))


def _add_scores(a, b):
    from dataclasses import fields
    for f in fields(a):
        setattr(a, f.name, getattr(a, f.name) + getattr(b, f.name))
    return a


def write_weights(path: Path, profile: str, w: dict, threshold: float,
                  follow: float = 0.0, inside: float | None = None) -> None:
    """Replace ``profile``'s rows in the weights file, keeping the other profiles."""
    keep = []
    if path.is_file():
        keep = [ln for ln in path.read_text(encoding="utf-8").splitlines()
                if ln.startswith("#") or (ln.strip() and ln.split("\t")[0] != profile)]
    if not keep:
        keep = ["# profile\tfeature\tweight — weighted-evidence decision of the correct stage "
                "(ocrfix/evidence.py); fitted by `python -m scripts.tune_correct TRAIN --fit "
                "--write T` on FASPell train (2-fold); regenerate, do not hand-edit"]
    rows = [f"{profile}\tthreshold\t{threshold:.3f}"]
    if follow:
        rows.append(f"{profile}\tfollow\t{follow:.3f}")
    if inside is not None:
        rows.append(f"{profile}\tinside\t{inside:.3f}")
    rows += [f"{profile}\t{k}\t{v:.5f}" for k, v in w.items()]
    path.write_text("\n".join(keep + rows) + "\n", encoding="utf-8")
    print(f"{profile}: {len(w)} weights, threshold {threshold} -> {path}")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("train")
    ap.add_argument("--lm", default=None, help="model file (default: built-in)")
    ap.add_argument("--fit", action="store_true", help="fit the weighted-evidence model")
    ap.add_argument("--context", default=None, help="context model (KenLM) for --fit")
    ap.add_argument("--grid", default="-1,-0.5,0,0.5,1,1.5,2", help="thresholds for --fit")
    ap.add_argument("--follow", default="0",
                    help="with --fit: logit reliefs for further edits in an edited sentence")
    ap.add_argument("--drop", default="", help="with --fit: features to leave out (a,b,...)")
    ap.add_argument("--extra", default=None,
                    help="with --fit: more OCR/truth lines (FASPell's shape) to fit on, e.g. "
                         "Tesseract tuning lines (`learn_confusions tesseract-lines --split "
                         "learn --seed 3`), so the Tesseract features get a weight; scores "
                         "stay on FASPell train")
    ap.add_argument("--inside", default="off",
                    help="with --fit: extra bars for real-word candidates (characters inside "
                         "dictionary words, learned pairs only), 'off' = not tried (a,b,...)")
    ap.add_argument("--write-inside", default="off",
                    help="with --write: the inside bar to store ('off': none)")
    ap.add_argument("--write-follow", type=float, default=0.0,
                    help="with --write: the follow relief to store")
    ap.add_argument("--write", type=float, default=None,
                    help="with --fit: write the weights and this threshold to rules/")
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
    # golden sentences with their page's own names (the stage protects them page-wide)
    clean = [(s, page_terms(text)) for text, ss in clean_pages(Path("golden")) for s in ss]
    if args.fit:
        fit_main(args, data, folds, lm, terms, full, clean)
        return
    floats = lambda v: [float(x) for x in v.split(",")]  # noqa: E731
    grid = itertools.product(floats(args.learned), floats(args.visual), floats(args.stroke))
    print("learned visual stroke |  P     R     F1  (char correction, 2-fold) | golden changed")
    for lt, vt, st in grid:
        th = {"learned": lt, "visual": vt, "stroke": st}
        tp = pred = gold = 0
        for k in (0, 1):
            corr = Corrector(lm, tables[k], thresholds=th, weights=None)
            s = evaluate(lambda t: _apply(corr, t, terms), folds[k])
            tp, pred, gold = tp + s.cor_tp, pred + s.pred, gold + s.gold
        corr = Corrector(lm, full, thresholds=th, weights=None)
        changed = sum(_apply(corr, t, terms, page) != t for t, page in clean)
        p, r = tp / max(1, pred), tp / max(1, gold)
        shipped = getattr(lm, "thresholds", None) or THRESHOLDS
        mark = "  <- shipped" if th == shipped else ""
        print(f"{lt:7} {vt:6} {st:6} | {p:.3f} {r:.3f} {2 * p * r / max(1e-9, p + r):.3f}"
              f" | {changed}{mark}", flush=True)


def _apply(corr: Corrector, text: str, terms, page: frozenset[str] = frozenset()) -> str:
    chars = list(text)
    for c in corr.find(text, protected_mask(text, terms, page)):
        chars[c.pos] = c.after
    return "".join(chars)


if __name__ == "__main__":
    main()
