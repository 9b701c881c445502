"""Learn OCR confusion pairs (wrong -> right character) from aligned OCR output.

Why: the characters an OCR engine really confuses are the best candidates a corrector
can try. Two legitimate sources, both reproducible here:

* ``tesseract``: render licensed text (words from jieba's ``dict.txt``, MIT) with the
  Noto CJK fonts (OFL), OCR the images with Tesseract ``chi_sim`` (Debian), align each
  line with the rendered text (rapidfuzz) and count single-character substitutions;
* ``faspell``: the FASPell OCR *train* file (wrong/right sentence pairs). Only the
  character pairs are kept, never its text; the test file is never read.

Writes (or merges into) ``rules/confusions.tsv``: ``wrong<TAB>right<TAB>count<TAB>source``.

    python -m scripts.learn_confusions faspell /work/shared/data/faspell/ocr_train_3575.txt
    python -m scripts.learn_confusions tesseract --pages 40
"""

from __future__ import annotations

import argparse
import random
import subprocess
import tempfile
from collections import Counter
from pathlib import Path

from rapidfuzz.distance import Levenshtein

HEADER = ("# wrong\tright\tcount\tsource — OCR confusion pairs, learned by "
          "scripts/learn_confusions.py; add your own rows (count = how often you saw it)")


def is_cjk(ch: str) -> bool:
    return "\u4e00" <= ch <= "\u9fff"


def substitutions(ocr: str, truth: str) -> Counter[tuple[str, str]]:
    """Single-character substitutions between two aligned strings (CJK on both sides)."""
    out: Counter[tuple[str, str]] = Counter()
    for op in Levenshtein.editops(ocr, truth):
        if op.tag == "replace":
            a, b = ocr[op.src_pos], truth[op.dest_pos]
            if is_cjk(a) and is_cjk(b):
                out[(a, b)] += 1
    return out


def from_faspell(path: Path) -> Counter[tuple[str, str]]:
    pairs: Counter[tuple[str, str]] = Counter()
    for line in path.read_text(encoding="utf-8").splitlines():
        cols = line.split("\t")
        if len(cols) == 3 and len(cols[1]) == len(cols[2]):
            for a, b in zip(cols[1], cols[2]):
                if a != b and is_cjk(a) and is_cjk(b):
                    pairs[(a, b)] += 1
    return pairs


def _pseudo_lines(n_lines: int, rng: random.Random) -> list[str]:
    """Lines of dictionary words drawn by frequency (no corpus text involved)."""
    from ocrfix.lm.wordlm import _jieba_counts

    counts = [(w, c) for w, c in _jieba_counts().items() if all(is_cjk(ch) for ch in w)]
    words, weights = zip(*counts)
    return ["".join(rng.choices(words, weights, k=12))[:20] for _ in range(n_lines)]


def from_tesseract(pages: int, seed: int = 1) -> Counter[tuple[str, str]]:
    from PIL import Image, ImageDraw, ImageFilter, ImageFont

    rng = random.Random(seed)
    fonts = ["/usr/share/fonts/opentype/noto/NotoSerifCJK-Regular.ttc",
             "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc"]
    pairs: Counter[tuple[str, str]] = Counter()
    with tempfile.TemporaryDirectory() as tmp:
        for page in range(pages):
            size = rng.choice([18, 20, 22, 24])
            font = ImageFont.truetype(fonts[page % 2], size, index=2)
            lines = _pseudo_lines(30, rng)
            img = Image.new("L", (size * 22, (size + size // 2) * 32), 255)
            draw = ImageDraw.Draw(img)
            for k, line in enumerate(lines):
                draw.text((size, size + k * (size + size // 2)), line, fill=0, font=font)
            # degrade like a newsprint scan: blur, then threshold noise
            img = img.filter(ImageFilter.GaussianBlur(rng.choice([0.5, 0.8, 1.0])))
            img = img.point(lambda v: 255 if v > rng.choice([150, 170, 190]) else 0)
            png = Path(tmp) / f"p{page}.png"
            img.save(png)
            res = subprocess.run(["tesseract", str(png), "-", "-l", "chi_sim", "--psm", "6"],
                                 capture_output=True, text=True, check=True)
            got = [ln.replace(" ", "") for ln in res.stdout.splitlines() if ln.strip()]
            for ocr, truth in zip(got, lines):
                # a line with many differences is misaligned or garbled: no evidence
                if len(ocr) == len(truth) and Levenshtein.distance(ocr, truth) <= 3:
                    pairs += substitutions(ocr, truth)
            print(f"page {page + 1}/{pages}: {sum(pairs.values())} substitutions so far",
                  flush=True)
    return pairs


def plausible(pairs: Counter[tuple[str, str]], min_count: int,
              visual: Path) -> Counter[tuple[str, str]]:
    """Keep pairs seen ``min_count`` times whose glyphs look alike (rules/visual_similar.tsv):
    a substitution between unlike glyphs is a misaligned line, not a confusion."""
    alike: set[tuple[str, str]] = set()
    if visual.is_file():
        for line in visual.read_text(encoding="utf-8").splitlines():
            if not line.startswith("#"):
                a, b, _ = line.split("\t")
                alike.update({(a, b), (b, a)})
    return Counter({k: n for k, n in pairs.items()
                    if n >= min_count and (not alike or k in alike)})


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
    ap.add_argument("mode", choices=["faspell", "tesseract"])
    ap.add_argument("train", nargs="?", help="FASPell train file (faspell mode)")
    ap.add_argument("--pages", type=int, default=40)
    ap.add_argument("--min-count", type=int, default=2)
    ap.add_argument("-o", "--output", default="rules/confusions.tsv")
    args = ap.parse_args()
    if args.mode == "faspell":
        if not args.train or "test" in Path(args.train).name:
            ap.error("give the FASPell *train* file")
        merge(Path(args.output), "faspell_train", from_faspell(Path(args.train)))
    else:
        pairs = plausible(from_tesseract(args.pages), args.min_count,
                          Path(args.output).parent / "visual_similar.tsv")
        merge(Path(args.output), "tesseract", pairs)


if __name__ == "__main__":
    main()
