"""Error analysis of the correct stage on FASPell *train*: why is each real error missed?

Why: to choose what to improve, count for every gold error whether the right character is
among the candidates at all, and if it is, which step of the decision rejected it
(protected, inside a dictionary word, no word formed, LM gain below threshold, a rival);
if it is not, what kind of confusion it is (glyph look-alike outside the table, same
pinyin, adjacent errors, other). Honest like ``scripts/tune_correct.py``: pairs learned from
FASPell are learned from the *other* half of train (2-fold). The test file is never read.

    python -m scripts.analyse_correct /work/shared/data/faspell/ocr_train_3575.txt [--lm PATH]
"""

from __future__ import annotations

import argparse
from collections import Counter
from pathlib import Path

from ocrfix.bench.correct import load_pairs
from ocrfix.confusables import load_confusables, with_learned
from ocrfix.corrector import Corrector, _is_cjk
from ocrfix.lm import correction_models
from ocrfix.protect import load_protected_terms, protected_mask
from scripts.tune_correct import engine_pairs, fold_pairs


def _pinyin(ch: str) -> set[str]:
    from pypinyin import Style, pinyin
    return set(pinyin(ch, style=Style.NORMAL, heteronym=True)[0])


class GlyphSim:
    """Cosine similarity of blurred glyph images (as scripts/build_visual_table.py)."""

    def __init__(self) -> None:
        from scripts.build_visual_table import FONTS
        self.fonts = FONTS
        self.cache: dict[str, object] = {}

    def vec(self, ch: str):
        if ch not in self.cache:
            from scripts.build_visual_table import glyph_vectors
            self.cache[ch] = [glyph_vectors([ch], f)[0] for f in self.fonts]
        return self.cache[ch]

    def __call__(self, a: str, b: str) -> float:
        va, vb = self.vec(a), self.vec(b)
        return float(sum((x @ y) for x, y in zip(va, vb)) / len(va))


def explain(corr: Corrector, text: str, i: int, right: str, mask: list[bool]) -> str:
    """The step that rejected ``right`` at ``i`` (the candidate is known to be in the table)."""
    if mask[i]:
        return "protected"
    if corr._inside_words(text)[i]:
        return "inside a dictionary word"
    chars = list(text)
    lo, hi = corr._window(chars, i)
    left, right_ctx = "".join(chars[lo:i]), "".join(chars[i + 1:hi])
    cand = [c for c in corr.table.get(text[i]) if c.char == right]
    alone = corr._best(chars, i, lo, hi, cand)
    if alone is None:
        pairs = corr.pairs
        l1, r1 = left[-1:], right_ctx[:1]
        if pairs is not None and not ((l1 and l1 + right in pairs) or (r1 and right + r1 in pairs)):
            return "no word formed with a neighbour"
        ev = corr.evidence(chars, i, lo, hi, cand)
        if not ev:
            return "no word formed with a neighbour"
        e = ev[0][1]
        if max(e.gain, e.ctx_gain if e.ctx_gain is not None else e.gain) <= 0:
            return "the models prefer the error (gain <= 0)"
        return "evidence below threshold"
    best = corr._best(chars, i, lo, hi, corr.table.get(text[i]))
    if best is not None and best.after != right:
        return "another candidate scored higher"
    if corr._rival(chars, i, right, lo, hi, corr._inside_words(text)):
        return "rival correction of a neighbour"
    return "accepted alone, rejected in the sentence (earlier edit changed context)"


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("train")
    ap.add_argument("--lm", default=None)
    ap.add_argument("--context", default="auto", help="context model: auto, off or a path")
    ap.add_argument("--examples", type=int, default=0, help="print N examples per bucket")
    args = ap.parse_args()
    if "test" in Path(args.train).name:
        ap.error("give the FASPell *train* file")
    data = load_pairs(Path(args.train))
    folds = [data[0::2], data[1::2]]
    lm, ctx = correction_models(args.lm, None if args.context == "off" else args.context)
    terms = load_protected_terms()
    base = load_confusables(use_learned=False)
    glyph = GlyphSim()
    buckets: Counter[str] = Counter()
    sources: Counter[str] = Counter()
    examples: dict[str, list[str]] = {}
    for k in (0, 1):
        table = with_learned(base, engine_pairs() + fold_pairs(folds[1 - k]))
        corr = Corrector(lm, table, context=ctx)
        for wrong, gold in folds[k]:
            mask = protected_mask(wrong, terms)
            done = {c.pos: c.after for c in corr.find(wrong, mask)}
            errs = [i for i, (a, b) in enumerate(zip(wrong, gold)) if a != b]
            for i in errs:
                a, b = wrong[i], gold[i]
                if not (_is_cjk(a) and _is_cjk(b)):
                    key = "not a hanzi pair (punctuation, Latin, digits)"
                elif done.get(i) == b:
                    key = "FIXED"
                elif i in done:
                    key = "in table: wrong candidate chosen"
                elif any(c.char == b for c in table.get(a)):
                    srcs = sorted({c.source for c in table.get(a) if c.char == b})
                    sources.update(srcs)
                    key = "in table: " + explain(corr, wrong, i, b, mask)
                else:
                    adjacent = (i - 1 in errs) or (i + 1 in errs)
                    sim = glyph(a, b)
                    if adjacent:
                        key = "no candidate: adjacent errors (multi-char)"
                    elif _pinyin(a) & _pinyin(b):
                        key = "no candidate: same pinyin"
                    elif sim >= 0.80:
                        key = "no candidate: glyph similarity >= 0.80, not a listed neighbour"
                    else:
                        key = "no candidate: glyph similarity < 0.80 (median of random pairs 0.72)"
                buckets[key] += 1
                if len(examples.setdefault(key, [])) < args.examples:
                    examples[key].append(f"{a}->{b} in {wrong}")
    total = sum(buckets.values())
    print(f"{total} gold errors in {len(data)} same-length pairs (2-fold pairs)")
    for key, n in sorted(buckets.items(), key=lambda x: -x[1]):
        print(f"{n:6d} {n / total:6.1%}  {key}")
        for ex in examples.get(key, []):
            print(f"          {ex}")
    print("sources holding the right char (missed errors):", dict(sources))


if __name__ == "__main__":
    main()
