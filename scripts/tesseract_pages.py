"""Render licensed text as degraded scan-like pages, OCR them with Tesseract, align.

Why: the confusions an OCR engine makes on *clean* renderings are few and not the ones it
makes on newsprint. Real scans of Chinese newspapers have small print (body text 9–10.5 pt
scanned at 200–300 dpi gives 25–40 px glyphs, often less), blur, paper noise, JPEG,
binarisation, a slight skew, ink spread or loss and show-through from the other side, in
Song/Ming-like (serif) faces. Each page here draws one such recipe from a seeded random
generator, so a run is reproducible and pages can be OCRed in parallel processes in any
order.

Text: words of jieba's ``dict.txt`` (MIT) drawn by tempered frequency (``count ** 0.5``,
so rarer characters are seen too), never corpus text. ``split`` partitions the vocabulary
by a hash of the word: ``learn`` pages and ``heldout`` pages share no word, so pairs learned
from one can be scored on the other.

>>> learn, heldout = vocabulary("learn")[0], vocabulary("heldout")[0]
>>> len(learn) > 8 * len(heldout) > 0 and set(learn).isdisjoint(heldout)
True
"""

from __future__ import annotations

import io
import os
import random
import subprocess
import tempfile
import zlib
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from rapidfuzz.distance import Levenshtein

FONT_DIR = Path("/usr/share/fonts/opentype/noto")
#: (file, weight in the draw): newspaper body text is a Song/Ming face, so mostly serif.
FONTS = (("NotoSerifCJK-Regular.ttc", 6), ("NotoSansCJK-Regular.ttc", 2),
         ("NotoSerifCJK-Bold.ttc", 1), ("NotoSansCJK-Bold.ttc", 1))
SC_INDEX = 2  # Simplified-Chinese face inside the collections
PUNCT = "，。、；："
HELDOUT_SHARE = 10  # one word in 10 (by hash) is kept for held-out pages
#: Words are drawn only if all their characters are among the commonest hanzi (by summed
#: word frequency): jieba's dictionary also holds traditional and very rare characters
#: that newspapers do not print and whose misreadings would swamp the table.
COMMON_CHARS = 5000


def is_cjk(ch: str) -> bool:
    return "\u4e00" <= ch <= "\u9fff"


@lru_cache(maxsize=2)
def vocabulary(split: str) -> tuple[tuple[str, ...], tuple[float, ...]]:
    """Hanzi words of jieba's dictionary in ``split`` and their tempered weights."""
    from ocrfix.lm.wordlm import _jieba_counts

    counts = _jieba_counts()
    chars: Counter[str] = Counter()
    for w, c in counts.items():
        for ch in w:
            if is_cjk(ch):
                chars[ch] += c
    common = {ch for ch, _ in chars.most_common(COMMON_CHARS)}
    want_held = split == "heldout"
    words, weights = [], []
    for w, c in sorted(counts.items()):
        if not all(ch in common for ch in w):
            continue
        if (zlib.crc32(w.encode("utf-8")) % HELDOUT_SHARE == 0) != want_held:
            continue
        words.append(w)
        weights.append(c ** 0.5)
    return tuple(words), tuple(weights)


@dataclass(frozen=True)
class Recipe:
    """How one page is printed and scanned (all drawn from the page's seed)."""

    font: str
    px: int  # glyph height in the scan, pixels
    blur: float  # Gaussian radius after scanning, pixels
    noise: float  # paper noise, grey levels (standard deviation)
    paper: int  # paper grey level
    ink: int  # ink grey level
    spread: int  # -1 ink loss (thin strokes), 0 none, 1 ink spread (bold strokes)
    bleed: bool  # show-through of the other side
    angle: float  # skew, degrees
    jpeg: int  # JPEG quality, 0 = none
    binarise: float  # global threshold between ink (0) and paper (1), 0 = keep grey levels
    speckle: float  # share of pixels flipped to dark specks

    def describe(self) -> str:
        return (f"{self.font.split('-')[0][4:]} {self.px}px blur {self.blur:.1f} noise "
                f"{self.noise:.0f} spread {self.spread:+d} bleed {int(self.bleed)} "
                f"skew {self.angle:+.1f} jpeg {self.jpeg} bin {self.binarise:.1f}")


def draw_recipe(rng: random.Random) -> Recipe:
    """A scan recipe: mostly newspaper body text at 200–300 dpi, sometimes worse.

    Why the limits: harsh steps stacked (ink loss, then blur, then a global threshold)
    leave a page no engine reads (character error rate near 1), which yields no pairs and
    costs as much OCR time as a useful page; real body text is rarely that bad.
    """
    names, weights = zip(*FONTS)
    font = rng.choices(names, weights)[0]
    px = rng.choice([16, 18, 20, 22, 24, 26, 28, 30, 32, 36])
    blur = rng.choice([0.0, 0.3, 0.6, 0.9, 1.2])
    noise = rng.choice([0.0, 4.0, 8.0, 12.0, 20.0])
    spread = rng.choice([-1, 0, 0, 0, 1])
    if spread < 0 and (px < 22 or blur > 0.6):
        spread = 0  # thin strokes blurred at a small size vanish
    jpeg = rng.choice([0, 0, 30, 50, 75])
    binarise = rng.choice([0.0, 0.0, 0.0, 0.45, 0.55])
    if binarise and (noise > 8 or spread < 0):
        binarise = 0.0
    return Recipe(
        font=font, px=px, blur=blur, noise=noise,
        paper=rng.randint(210, 255),
        ink=rng.randint(0, 60),
        spread=spread,
        bleed=rng.random() < 0.3,
        angle=rng.uniform(-1.0, 1.0) if rng.random() < 0.5 else 0.0,
        jpeg=jpeg, binarise=binarise,
        speckle=rng.choice([0.0, 0.0, 0.001, 0.003]),
    )


@lru_cache(maxsize=1)
def golden_text() -> str:
    """The golden pages' article text as one run (hand-verified newspaper prose, written
    here): lines cut from it are real sentences, so a corrector's context is real too."""
    root = Path(__file__).resolve().parent.parent / "golden"
    paras = [p.strip() for f in sorted(root.glob("*.txt"))
             for p in f.read_text(encoding="utf-8").split("\n") if len(p.strip()) >= 20]
    return "".join(paras)


def text_lines(rng: random.Random, split: str, n: int, width: int) -> list[str]:
    """``n`` lines of ``width`` characters: dictionary words, now and then a comma; or,
    for split ``golden``, ``n`` consecutive lines of the golden pages' text from a seeded
    offset (a page of real newspaper prose, to measure correction on real sentences)."""
    if split == "golden":
        text = golden_text()
        at = rng.randrange(0, max(1, len(text) - n * width))
        return [text[at + k * width: at + (k + 1) * width] for k in range(n)]
    words, weights = vocabulary(split)
    out = []
    for _ in range(n):
        line = ""
        while len(line) < width:
            line += rng.choices(words, weights)[0]
            if rng.random() < 0.12:
                line += rng.choice(PUNCT)
        out.append(line[:width].rstrip(PUNCT) or line[:width])
    return out


def render(lines: list[str], r: Recipe, rng: random.Random):
    """The page image (PIL, mode L) of ``lines`` printed and scanned by recipe ``r``."""
    import numpy as np
    from PIL import Image, ImageDraw, ImageFilter, ImageFont

    hi = 48  # print at a high resolution, then sample it down to the scan's glyph size
    font = ImageFont.truetype(str(FONT_DIR / r.font), hi, index=SC_INDEX)
    step = int(hi * rng.uniform(1.35, 1.7))
    width = max(len(s) for s in lines) * hi + 2 * hi
    page = Image.new("L", (width, step * len(lines) + 2 * hi), 255)
    draw = ImageDraw.Draw(page)
    for k, line in enumerate(lines):
        draw.text((hi, hi + k * step), line, fill=0, font=font)
    if r.spread:
        page = page.filter(ImageFilter.MinFilter(3) if r.spread > 0 else ImageFilter.MaxFilter(3))
    arr = np.asarray(page, dtype=np.float32) / 255.0  # 1 = paper, 0 = ink
    if r.bleed:  # the other side, mirrored and faint
        other = Image.new("L", page.size, 255)
        od = ImageDraw.Draw(other)
        shift = rng.randint(0, step)
        for k, line in enumerate(text_lines(rng, "learn", len(lines), len(lines[0]))):
            od.text((hi, hi + shift + k * step), line, fill=0, font=font)
        back = np.asarray(other.transpose(Image.FLIP_LEFT_RIGHT), dtype=np.float32) / 255.0
        arr = arr * (1 - rng.uniform(0.12, 0.3) * (1 - back))
    grey = r.ink + (r.paper - r.ink) * arr
    img = Image.fromarray(grey.clip(0, 255).astype("uint8"))
    scale = r.px / hi
    img = img.resize((max(1, int(img.width * scale)), max(1, int(img.height * scale))),
                     Image.BILINEAR if rng.random() < 0.5 else Image.LANCZOS)
    if r.angle:
        img = img.rotate(r.angle, resample=Image.BILINEAR, expand=True, fillcolor=r.paper)
    if r.blur:
        img = img.filter(ImageFilter.GaussianBlur(r.blur))
    a = np.asarray(img, dtype=np.float32)
    nrng = np.random.default_rng(rng.randrange(2 ** 32))
    if r.noise:
        a = a + nrng.normal(0, r.noise, a.shape)
    if r.speckle:
        a = np.where(nrng.random(a.shape) < r.speckle, r.ink, a)
    img = Image.fromarray(a.clip(0, 255).astype("uint8"))
    if r.jpeg:
        buf = io.BytesIO()
        img.save(buf, "JPEG", quality=r.jpeg)
        img = Image.open(io.BytesIO(buf.getvalue())).convert("L")
    if r.binarise:
        cut = r.ink + r.binarise * (r.paper - r.ink)
        img = img.point(lambda v: 255 if v > cut else 0)
    return img


def ocr(img, tmpdir: str) -> list[str]:
    """Tesseract ``chi_sim`` lines of ``img`` (one block, spaces removed), one thread.

    ``tessedit_do_invert=0``: Tesseract 5 retries every low-confidence line as white on
    black, which degraded black-on-white print never is; skipping it saves OCR time.
    """
    png = Path(tmpdir) / f"p{os.getpid()}.png"
    img.save(png)
    env = dict(os.environ, OMP_THREAD_LIMIT="1")
    res = subprocess.run(["tesseract", str(png), "-", "-l", "chi_sim", "--psm", "6",
                          "-c", "tessedit_do_invert=0"],
                         capture_output=True, text=True, check=True, env=env)
    return [ln.replace(" ", "") for ln in res.stdout.splitlines() if ln.strip()]


def substitutions(ocr_text: str, truth: str, *, anchor: int = 2) -> Counter[tuple[str, str]]:
    """Hanzi-for-hanzi substitutions between OCR output and its truth.

    Only replace blocks of equal length (at most 2) whose neighbours on both sides are
    ``anchor`` or more matching characters count: a substitution inside a garbled stretch
    is as likely a misalignment as a confusion, so it is no evidence.

    >>> sorted(substitutions("我们回快发展经济", "我们加快发展经济").items())
    [(('回', '加'), 1)]
    >>> substitutions("我们回决发展", "我们加快发展")  # two in a row: kept, both anchored
    Counter({('回', '加'): 1, ('决', '快'): 1})
    >>> substitutions("我回快发展", "我们加快发展")  # next to a deletion: not anchored
    Counter()
    """
    out: Counter[tuple[str, str]] = Counter()
    ops = Levenshtein.opcodes(ocr_text, truth)
    for k, op in enumerate(ops):
        if op.tag != "replace" or op.src_end - op.src_start != op.dest_end - op.dest_start:
            continue
        if op.src_end - op.src_start > 2:
            continue
        prev_ok = k == 0 or (ops[k - 1].tag == "equal"
                             and ops[k - 1].src_end - ops[k - 1].src_start >= anchor)
        next_ok = k == len(ops) - 1 or (ops[k + 1].tag == "equal"
                                        and ops[k + 1].src_end - ops[k + 1].src_start >= anchor)
        if not (prev_ok and next_ok):
            continue
        for a, b in zip(ocr_text[op.src_start:op.src_end], truth[op.dest_start:op.dest_end]):
            if is_cjk(a) and is_cjk(b):
                out[(a, b)] += 1
    return out


@dataclass
class PageResult:
    """One OCRed page: its recipe, truth lines, OCR lines and the aligned substitutions."""

    recipe: Recipe
    truth: list[str]
    lines: list[str]
    pairs: Counter[tuple[str, str]]
    chars: int
    cer: float


def run_page(seed: int, page: int, split: str = "learn", n_lines: int = 36,
             width: int = 20) -> PageResult:
    """Render, degrade, OCR and align page ``page`` of run ``seed`` (deterministic)."""
    rng = random.Random(f"{seed}:{split}:{page}")
    recipe = draw_recipe(rng)
    truth = text_lines(rng, split, n_lines, width)
    img = render(truth, recipe, rng)
    with tempfile.TemporaryDirectory() as tmp:
        got = ocr(img, tmp)
    t, o = "\n".join(truth), "\n".join(got)
    cer = Levenshtein.distance(o, t) / max(1, len(t))
    return PageResult(recipe, truth, got, substitutions(o, t), len(t), cer)
