"""Build a character n-gram model (ARPA, readable by KenLM) from licensed text.

Why: pycorrector's ``Corrector`` scores text character by character, so the fair baseline
in ``ocrfix bench correct --kenlm MODEL`` is a *character* model; none ships offline. This
one is built from jieba's ``dict.txt`` (MIT): every dictionary word counts as a short
sentence, weighted by its frequency (so n-grams inside words get realistic counts), plus
any UTF-8 text files you add (e.g. the golden pages' text, or your own archive). Smoothing
is interpolated absolute discounting, written in ARPA back-off form. No FASPell text.

    python -m scripts.build_char_arpa -o /tmp/char3.arpa [--order 3] [TEXT_FILES...]
"""

from __future__ import annotations

import argparse
import math
from collections import defaultdict
from pathlib import Path

from ocrfix.lm.wordlm import _jieba_counts

BOS, EOS = "<s>", "</s>"
DISCOUNT = 0.75


def _is_cjk(ch: str) -> bool:
    return "\u4e00" <= ch <= "\u9fff"


def sentences(files: list[str], base: bool = True):
    """(characters, weight) pairs: dictionary words by frequency, then text lines."""
    for word, count in (_jieba_counts().items() if base else ()):
        if all(_is_cjk(ch) for ch in word):
            yield list(word), float(count)
    for f in files:
        for line in Path(f).read_text(encoding="utf-8").splitlines():
            chars = [ch for ch in line if _is_cjk(ch)]
            if chars:
                yield chars, 1.0


def count_ngrams(order: int, files: list[str],
                 base: bool = True) -> list[dict[tuple[str, ...], float]]:
    counts: list[dict[tuple[str, ...], float]] = [defaultdict(float) for _ in range(order)]
    for chars, w in sentences(files, base):
        toks = [BOS] + chars + [EOS]
        for n in range(1, order + 1):
            for i in range(max(0, 1 if n == 1 else 0), len(toks) - n + 1):
                counts[n - 1][tuple(toks[i:i + n])] += w
    return counts


def build(order: int, files: list[str], base: bool = True) -> str:
    """The ARPA text of the model (``base``: include jieba's dictionary words)."""
    counts = count_ngrams(order, files, base)
    # unigrams: add-one over the vocabulary plus <unk>
    uni = counts[0]
    vocab = sorted(k[0] for k in uni) + ["<unk>"]
    total = sum(uni.values()) + len(vocab)
    probs: list[dict[tuple[str, ...], float]] = [
        {(w,): (uni.get((w,), 0.0) + 1) / total for w in vocab}]
    probs[0][(BOS,)] = 0.0  # never predicted; ARPA writes -99
    for n in range(2, order + 1):
        ctx_total: dict[tuple[str, ...], float] = defaultdict(float)
        ctx_types: dict[tuple[str, ...], int] = defaultdict(int)
        for g, c in counts[n - 1].items():
            ctx_total[g[:-1]] += c
            ctx_types[g[:-1]] += 1
        p: dict[tuple[str, ...], float] = {}
        for g, c in counts[n - 1].items():
            h = g[:-1]
            d = min(DISCOUNT, c)
            gamma = DISCOUNT * ctx_types[h] / ctx_total[h]
            p[g] = (c - d) / ctx_total[h] + gamma * _lower(probs, g[1:])
        probs.append(p)
    # back-off weights: the mass left over by listed continuations, renormalised
    backoff: list[dict[tuple[str, ...], float]] = [dict() for _ in range(order)]
    for n in range(2, order + 1):
        seen_hi: dict[tuple[str, ...], float] = defaultdict(float)
        seen_lo: dict[tuple[str, ...], float] = defaultdict(float)
        for g, pv in probs[n - 1].items():
            seen_hi[g[:-1]] += pv
            seen_lo[g[:-1]] += _lower(probs, g[1:])
        for h in seen_hi:
            left, right = max(1e-12, 1 - seen_hi[h]), max(1e-12, 1 - seen_lo[h])
            backoff[n - 2][h] = left / right
    lines = ["\\data\\"] + [f"ngram {n + 1}={len(probs[n])}" for n in range(order)] + [""]
    for n in range(order):
        lines.append(f"\\{n + 1}-grams:")
        for g, pv in probs[n].items():
            lp = -99.0 if pv <= 0 else math.log10(pv)
            row = f"{lp:.6f}\t{' '.join(g)}"
            if n < order - 1:
                bo = backoff[n].get(g)
                if bo is not None:
                    row += f"\t{math.log10(bo):.6f}"
            lines.append(row)
        lines.append("")
    lines.append("\\end\\")
    return "\n".join(lines) + "\n"


def _lower(probs, g: tuple[str, ...]) -> float:
    """Interpolated probability of ``g`` at its own order (unigram floor: <unk>)."""
    n = len(g)
    p = probs[n - 1].get(g)
    if p is not None:
        return p
    if n == 1:
        return probs[0][("<unk>",)]
    return _lower(probs, g[1:])  # unseen higher-order context: fall back (approximation)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("files", nargs="*", help="extra licensed UTF-8 text files")
    ap.add_argument("--order", type=int, default=3)
    ap.add_argument("-o", "--output", required=True)
    args = ap.parse_args()
    if any("faspell" in f.lower() for f in args.files):
        ap.error("FASPell text must never go into a model")
    Path(args.output).write_text(build(args.order, args.files), encoding="utf-8")
    print(f"character {args.order}-gram model -> {args.output}")


if __name__ == "__main__":
    main()
