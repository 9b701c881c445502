"""Learn OCR confusion pairs (wrong -> right character) from aligned OCR output.

Why: the characters an OCR engine really confuses are the best candidates a corrector
can try. Two legitimate sources, both reproducible here:

* ``tesseract``: render licensed text (words from jieba's ``dict.txt``, MIT) with the
  Noto CJK fonts (OFL) as degraded scan-like pages (small print, blur, noise, JPEG,
  binarisation, skew, ink spread, show-through: :mod:`scripts.tesseract_pages`), OCR them
  with Tesseract ``chi_sim`` (Debian) in parallel processes, align each page with its text
  (rapidfuzz opcodes) and count anchored hanzi substitutions; pairs seen ``--min-count``
  times are kept. Seeded: the same ``--seed`` and ``--pages`` give the same pairs.
  ``tesseract-lines`` writes OCR/truth lines of pages made from words never used for
  learning (another hash split of the dictionary, another seed), for
  ``ocrfix bench correct --pairs FILE`` (``--split learn`` with a new seed: lines for
  tuning the decision weights, ``scripts/tune_correct.py --extra``);
* ``faspell``: the FASPell OCR *train* file (wrong/right sentence pairs). Only the
  character pairs are kept, never its text; the test file is never read.

Writes (or merges into) ``rules/confusions.tsv``: ``wrong<TAB>right<TAB>count<TAB>source``.

    python -m scripts.learn_confusions faspell /work/shared/data/faspell/ocr_train_3575.txt
    python -m scripts.learn_confusions tesseract --pages 600 --seed 1 --jobs 2
    python -m scripts.learn_confusions tesseract-lines --pages 60 --seed 2 -o bench/tesseract_heldout.tsv
"""

from __future__ import annotations

import argparse
from collections import Counter
from pathlib import Path

HEADER = ("# wrong\tright\tcount\tsource — OCR confusion pairs, learned by "
          "scripts/learn_confusions.py; add your own rows (count = how often you saw it)")


def is_cjk(ch: str) -> bool:
    return "\u4e00" <= ch <= "\u9fff"


def from_faspell(path: Path) -> Counter[tuple[str, str]]:
    pairs: Counter[tuple[str, str]] = Counter()
    for line in path.read_text(encoding="utf-8").splitlines():
        cols = line.split("\t")
        if len(cols) == 3 and len(cols[1]) == len(cols[2]):
            for a, b in zip(cols[1], cols[2]):
                if a != b and is_cjk(a) and is_cjk(b):
                    pairs[(a, b)] += 1
    return pairs


def from_tesseract(pages: int, seed: int = 1, jobs: int = 2, log=print,
                   checkpoint: Path | None = None,
                   ) -> tuple[Counter[tuple[str, str]], dict[str, float]]:
    """Substitution pairs from ``pages`` degraded pages OCRed by Tesseract (see
    :mod:`scripts.tesseract_pages`), and run statistics. Pages are independent and seeded
    by (seed, page), so ``jobs`` processes give the same pairs in any order."""
    import time
    from multiprocessing import Pool

    t0 = time.time()
    pairs: Counter[tuple[str, str]] = Counter()
    chars = errs = 0
    with Pool(jobs) as pool:
        for k, res in enumerate(pool.imap(_learn_page, [(seed, p) for p in range(pages)])):
            pairs += res.pairs
            chars += res.chars
            errs += round(res.cer * res.chars)
            if (k + 1) % 20 == 0 or k + 1 == pages:
                log(f"page {k + 1}/{pages}: {chars} chars, CER {errs / max(1, chars):.3f}, "
                    f"{sum(pairs.values())} substitutions, {len(pairs)} pairs, "
                    f"{time.time() - t0:.0f} s")
                if checkpoint is not None:  # pages 0..k: the same as a run of k + 1 pages
                    checkpoint.write_text(f"# pages {k + 1} seed {seed}\n" + "".join(
                        f"{a}\t{b}\t{n}\n" for (a, b), n in pairs.most_common()),
                        encoding="utf-8")
    return pairs, {"pages": pages, "chars": chars, "cer": errs / max(1, chars),
                   "seconds": time.time() - t0}


def _learn_page(args: tuple[int, int]):
    from scripts.tesseract_pages import run_page
    return run_page(args[0], args[1], "learn")


def _lines_page(args: tuple[int, int, str]):
    from scripts.tesseract_pages import run_page
    return run_page(args[0], args[1], args[2])


def ocr_lines(pages: int, seed: int, split: str = "heldout", jobs: int = 2,
              max_errors: int = 4) -> list[tuple[str, str]]:
    """(OCR line, truth line) pairs of pages of ``split`` (``heldout``: words never used
    for learning; ``learn``: for tuning, with a seed the learning run did not use), in
    FASPell's shape: same-length lines only, at most ``max_errors`` substitutions (more is
    a garbled line no corrector should touch). Clean lines are kept: do-no-harm."""
    from multiprocessing import Pool

    out = []
    with Pool(jobs) as pool:
        for res in pool.imap(_lines_page, [(seed, p, split) for p in range(pages)]):
            if len(res.lines) != len(res.truth):
                continue
            for ocr_line, truth in zip(res.lines, res.truth):
                if (len(ocr_line) == len(truth)
                        and sum(a != b for a, b in zip(ocr_line, truth)) <= max_errors):
                    out.append((ocr_line, truth))
    return out


def frequent(pairs: Counter[tuple[str, str]], min_count: int) -> Counter[tuple[str, str]]:
    """Pairs seen at least ``min_count`` times: one sighting may be a hallucination on a
    garbled page; a confusion the engine makes again is evidence.

    >>> frequent(Counter({("回", "加"): 3, ("鹤", "蕉"): 1}), 2)
    Counter({('回', '加'): 3})
    """
    return Counter({k: n for k, n in pairs.items() if n >= min_count})


def merge(path: Path, source: str, pairs: Counter[tuple[str, str]]) -> None:
    rows: dict[tuple[str, str, str], int] = {}
    if path.is_file():
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.startswith("#") or not line.strip():
                continue
            a, b, n, src = line.split("\t")[:4]
            if src != source:
                rows[(a, b, src)] = int(n)
    for (a, b), n in pairs.items():
        rows[(a, b, source)] = n
    body = [f"{a}\t{b}\t{n}\t{src}" for (a, b, src), n in
            sorted(rows.items(), key=lambda x: (x[0][2], -x[1], x[0][0], x[0][1]))]
    path.write_text("\n".join([HEADER] + body) + "\n", encoding="utf-8")
    print(f"{len(pairs)} {source} pairs -> {path} ({len(body)} rows in all)")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("mode", choices=["faspell", "tesseract", "tesseract-lines"])
    ap.add_argument("--split", choices=["heldout", "learn", "golden"], default="heldout",
                    help="tesseract-lines: held-out words, learning words (for tuning), or "
                         "lines of the golden pages' text (real sentences, for measuring)")
    ap.add_argument("train", nargs="?", help="FASPell train file (faspell mode)")
    ap.add_argument("--pages", type=int, default=600)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--jobs", type=int, default=2, help="Tesseract processes")
    ap.add_argument("--min-count", type=int, default=2)
    ap.add_argument("--checkpoint", type=Path, default=None,
                    help="tesseract: write all pairs so far here every 20 pages")
    ap.add_argument("-o", "--output", default=None,
                    help="default rules/confusions.tsv (tesseract-heldout: required)")
    args = ap.parse_args()
    if args.mode == "faspell":
        if not args.train or "test" in Path(args.train).name:
            ap.error("give the FASPell *train* file")
        merge(Path(args.output or "rules/confusions.tsv"), "faspell_train",
              from_faspell(Path(args.train)))
    elif args.mode == "tesseract":
        pairs, stats = from_tesseract(args.pages, args.seed, args.jobs,
                                      checkpoint=args.checkpoint)
        kept = frequent(pairs, args.min_count)
        print(f"seed {args.seed}: {stats['pages']} pages, {stats['chars']} chars, CER "
              f"{stats['cer']:.3f}, {sum(pairs.values())} substitutions in {len(pairs)} "
              f"pairs; {len(kept)} pairs seen >= {args.min_count}x; "
              f"{stats['seconds']:.0f} s with {args.jobs} processes")
        merge(Path(args.output or "rules/confusions.tsv"), "tesseract", kept)
    else:
        if not args.output:
            ap.error("tesseract-lines needs -o FILE")
        if args.split == "learn" and args.seed == 1:
            ap.error("tuning lines need another --seed than the learning run (1)")
        lines = ocr_lines(args.pages, args.seed, args.split, args.jobs)
        Path(args.output).write_text("".join(f"{k}\t{w}\t{g}\n" for k, (w, g)
                                             in enumerate(lines)), encoding="utf-8")
        n_err = sum(w != g for w, g in lines)
        print(f"{len(lines)} {args.split} lines ({n_err} with errors) -> {args.output}")


if __name__ == "__main__":
    main()
