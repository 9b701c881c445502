"""bench scan: newspaper pages typeset from the golden articles, printed, scanned and read
by Tesseract, then cleaned — page CER of the OCR text and of ocrfix's output.

Why a second layout benchmark: ``bench layout`` injects the defects it knows, at rates it
chooses. Here a real OCR engine makes its own: how it orders the columns of a page, where
it breaks lines and leaves spaces, which characters it misreads, the running header,
credit line and photo caption it reads along with the articles. The truth is the text
that was typeset (the golden pages' articles, the project's own hand-written text), so
every figure is exact; the furniture is drawn from the simulator's vocabulary
(``ocrfix/data/sim_furniture.json``).

A page: a running header (paper, date, page, desk) over a rule; two or three articles,
each with its headline (and subtitle) across the page and its paragraphs flowing down 3–4
columns (``--layout modules``: the first two side by side, each with its headline over its
own columns), first lines indented two cells, half-width digits two to a cell; sometimes a
photo (a grey box) with its caption under an article; a credit line at the foot. It is
printed at high resolution, then scanned: sampled down to a body glyph height of 26–36
px, a little blur and paper noise. Tesseract (``chi_sim``, automatic page segmentation)
writes plain text and hOCR in one run; both are cleaned.

Needs ``tesseract`` with ``chi_sim``, the Noto CJK fonts and Pillow (``apt-get install
tesseract-ocr tesseract-ocr-chi-sim fonts-noto-cjk``, ``pip install pillow``); without
them the command says what is missing and exits 0, as the other benchmarks do when their
data is absent.
"""

from __future__ import annotations

import json
import math
import os
import random
import shutil
import subprocess
import tempfile
from collections import Counter
from concurrent.futures import ProcessPoolExecutor
from dataclasses import asdict, dataclass
from pathlib import Path
from types import SimpleNamespace

import click

from ..check import cer

FONT = Path("/usr/share/fonts/opentype/noto/NotoSerifCJK-Regular.ttc")
FONT_HEAD = Path("/usr/share/fonts/opentype/noto/NotoSansCJK-Bold.ttc")
SC_INDEX = 2  # the Simplified-Chinese face inside the Noto collections
CELL = 40  # print resolution: pixels per character cell
GUTTER = 2  # cells between columns
MARGIN = 3  # cells around the page
HEADER_ROLES = ("header", "subtitle")
#: Marks a line may not start with (禁则 / 避头尾).
NO_LINE_START = set("，。、；：？！）》”’…")


@dataclass(frozen=True)
class PageScore:
    """One scanned page: its recipe and the CER of each text against the truth."""

    page: int
    columns: int
    width: int
    glyph_px: int
    layout: str
    raw_txt: float
    clean_txt: float
    raw_hocr: float
    clean_hocr: float
    chars: int


def missing_tools() -> list[str]:
    """What this benchmark needs and the machine lacks (empty when all is there)."""
    out = []
    if shutil.which("tesseract") is None:
        out.append("tesseract (apt-get install tesseract-ocr)")
    else:
        langs = subprocess.run(["tesseract", "--list-langs"], capture_output=True, text=True)
        if "chi_sim" not in langs.stdout.split():
            out.append("Tesseract chi_sim (apt-get install tesseract-ocr-chi-sim)")
    if not FONT.is_file() or not FONT_HEAD.is_file():
        out.append("Noto CJK fonts (apt-get install fonts-noto-cjk)")
    try:
        import PIL  # noqa: F401
    except ImportError:
        out.append("Pillow (pip install pillow)")
    return out


# -- typesetting ------------------------------------------------------------------------
def cells(ch: str) -> float:
    """Cells a character takes: half-width digits and Latin letters are set two to a cell."""
    return 0.5 if ch.isascii() and ch.isalnum() else 1.0


def set_lines(text: str, width: int, indent: int) -> list[tuple[str, float]]:
    """Break a paragraph into printed lines of ``width`` cells, the first ``indent`` cells
    in; each line with the cell it starts at. A closing mark never starts a line (it is
    squeezed in at the end of the line before, as Chinese typesetting does)."""
    lines, line, used, start = [], "", float(indent), float(indent)
    for ch in text:
        if used + cells(ch) > width and line and ch not in NO_LINE_START:
            lines.append((line, start))
            line, used, start = "", 0.0, 0.0
        line += ch
        used += cells(ch)
    if line:
        lines.append((line, start))
    return lines


@dataclass
class Layout:
    """Where every run of text goes: (x cell, y cell, text, size in cells, font, cells it
    must fit in — 0 for any). A line with a closing mark squeezed in is set tighter."""

    runs: list[tuple[float, float, str, float, str, float]]
    boxes: list[tuple[float, float, float, float]]  # photos: x0, y0, x1, y1 in cells
    width: int  # page width in cells
    height: float


#: How articles share the page: ``stacked`` — each across the whole page, one under the
#: next; ``modules`` — the first two side by side, each under its own headline over its
#: own columns (the layout where an engine reads across articles); ``mixed`` — either,
#: page by page.
LAYOUTS = ("stacked", "modules", "mixed")


def compose(rng: random.Random, layout: str = "stacked") -> tuple[Layout, str, dict]:
    """Pick the articles and furniture of one page and set them; return the layout, the
    truth (golden format) and the recipe. ``layout``: see :data:`LAYOUTS` (a ``modules``
    page of 3 columns gives the first article 1 or 2 of them)."""
    from ..simulate import _fill, _vocab, load_articles

    pool = load_articles()
    arts = rng.sample(pool, rng.choice((2, 2, 3)))
    ncols, width = rng.choice((3, 4)), rng.randint(11, 16)
    page_w = ncols * width + (ncols - 1) * GUTTER + 2 * MARGIN
    shim = SimpleNamespace(rng=rng, clause=lambda: rng.choice(
        [b for a in pool for b, r in zip(a.blocks, a.roles) if r == "body"])[:16])
    v = _vocab()
    runs: list[tuple[float, float, str, float, str, float]] = []
    boxes: list[tuple[float, float, float, float]] = []
    y = float(MARGIN)
    head = _fill(f"{{paper}}  {{date}}  {{weekday}}  第{{page}}版  {{desk}}", shim)
    runs.append((MARGIN, y, head, 0.7, "body", 0))
    y += 1.6
    boxes.append((MARGIN, y, page_w - MARGIN, y + 0.08))  # the rule under the header
    y += 0.8
    side = layout == "modules" or (layout == "mixed" and rng.random() < 0.5)
    todo = list(arts)
    if side:
        left = rng.choice((1, 2)) if ncols == 3 else 2
        module = lambda first, n: (MARGIN + first * (width + GUTTER), n)
        y_left = _set_article(todo.pop(0), *module(0, left), y, width, runs, boxes, rng, v, shim)
        y_right = _set_article(todo.pop(0), *module(left, ncols - left), y, width, runs, boxes,
                               rng, v, shim)
        y = max(y_left, y_right)
    for art in todo:
        y = _set_article(art, MARGIN, ncols, y, width, runs, boxes, rng, v, shim)
    runs.append((MARGIN, y + 0.5, _fill(rng.choice(v["credit_lines"]), shim), 0.7, "body", 0))
    truth = "\n\n\n".join("\n\n".join(a.blocks) for a in arts) + "\n"
    recipe = {"columns": ncols, "width": width, "layout": "modules" if side else "stacked"}
    return Layout(runs, boxes, page_w, y + 3 + MARGIN), truth, recipe


def _set_article(art, x0: float, ncols: int, y: float, width: int, runs: list, boxes: list,
                 rng: random.Random, v: dict, shim) -> float:
    """Set one article in ``ncols`` columns from cell ``x0`` down from ``y``: its header
    lines across those columns, its paragraphs flowing down them, sometimes a photo with
    its caption under it. Returns the ``y`` under the article."""
    from ..simulate import _fill

    span_w = ncols * width + (ncols - 1) * GUTTER
    for block, role in zip(art.blocks, art.roles):
        if role in HEADER_ROLES:
            size = 1.6 if role == "header" else 1.0
            per_line = int(span_w / size)
            for k in range(0, len(block), per_line):
                runs.append((x0, y, block[k:k + per_line], size,
                             "head" if size > 1 else "body", 0))
                y += size * 1.4
    y += 0.4
    lines = [ln for block, role in zip(art.blocks, art.roles) if role not in HEADER_ROLES
             for ln in set_lines(block, width, 2 if role == "body" else 0)]
    per_col = math.ceil(len(lines) / ncols)
    for k, (text, start) in enumerate(lines):
        col, row = divmod(k, per_col)
        runs.append((x0 + col * (width + GUTTER) + start, y + row * 1.5, text, 1.0,
                     "body", width - start))
    y += per_col * 1.5 + 0.6
    if rng.random() < 0.5:  # a photo across two columns, its caption under it
        span = min(2, ncols) * width + (min(2, ncols) - 1) * GUTTER
        boxes.append((x0, y, x0 + span, y + 6))
        y += 6.4
        caption = _fill(rng.choice(v["captions"]), shim)
        for text, start in set_lines(caption, span, 0):
            runs.append((x0 + start, y, text, 0.85, "body", 0))
            y += 1.3
        y += 0.6
    return y + 1.0


def render(layout: Layout, rng: random.Random, glyph_px: int):
    """Print the layout at :data:`CELL` px a cell, then scan it at ``glyph_px``."""
    import numpy as np
    from PIL import Image, ImageDraw, ImageFilter, ImageFont

    img = Image.new("L", (int(layout.width * CELL), int(layout.height * CELL)), 255)
    draw = ImageDraw.Draw(img)
    fonts: dict[tuple[str, float], ImageFont.FreeTypeFont] = {}
    for x, y, text, size, face, fit in layout.runs:
        key = (face, size)
        if key not in fonts:
            fonts[key] = ImageFont.truetype(str(FONT_HEAD if face == "head" else FONT),
                                            int(CELL * size * 0.92), index=SC_INDEX)
        px = x * CELL
        need = sum(map(cells, text))
        step = CELL * size * (min(1.0, fit / need) if fit else 1.0)
        for ch in text:
            draw.text((px, y * CELL), ch, font=fonts[key], fill=0)
            px += cells(ch) * step
    for x0, y0, x1, y1 in layout.boxes:
        draw.rectangle((x0 * CELL, y0 * CELL, x1 * CELL, y1 * CELL), fill=150)
    scale = glyph_px / CELL
    img = img.resize((int(img.width * scale), int(img.height * scale)), Image.LANCZOS)
    blur = rng.choice((0.0, 0.3, 0.6))
    if blur:
        img = img.filter(ImageFilter.GaussianBlur(blur))
    noise = rng.choice((0.0, 4.0, 8.0))
    if noise:
        a = np.asarray(img, dtype=np.float32)
        a = a + np.random.default_rng(rng.randrange(2 ** 32)).normal(0, noise, a.shape)
        img = Image.fromarray(a.clip(0, 255).astype("uint8"))
    return img


def ocr(img, out_base: Path) -> tuple[Path, Path]:
    """Tesseract's plain text and hOCR of ``img`` (one run, one thread)."""
    png = out_base.with_suffix(".png")
    img.save(png)
    env = dict(os.environ, OMP_THREAD_LIMIT="1")
    subprocess.run(["tesseract", str(png), str(out_base), "-l", "chi_sim", "--psm", "3",
                    "-c", "tessedit_do_invert=0", "txt", "hocr"],
                   check=True, capture_output=True, env=env)
    return out_base.with_suffix(".txt"), out_base.with_suffix(".hocr")


def run_page(seed: int, page: int, keep: str | None = None, layout: str = "stacked"
             ) -> PageScore:
    """Typeset, print, scan, OCR and clean page ``page`` of run ``seed`` (deterministic)."""
    from ..pipeline import clean_file

    rng = random.Random(f"scan:{seed}:{page}")
    layout, truth, recipe = compose(rng, layout)
    glyph_px = rng.choice((26, 28, 30, 32, 36))
    img = render(layout, rng, glyph_px)
    with tempfile.TemporaryDirectory() as tmp:
        base = Path(keep or tmp) / f"scan{seed}_{page:03d}"
        base.parent.mkdir(parents=True, exist_ok=True)
        txt, hocr = ocr(img, base)
        raw = txt.read_text(encoding="utf-8")
        clean_t = clean_file(str(txt))
        clean_h = clean_file(str(hocr))
        if keep:
            base.with_suffix(".truth.txt").write_text(truth, encoding="utf-8")
            base.with_suffix(".clean.txt").write_text(clean_t.text, encoding="utf-8")
            base.with_suffix(".hocr.clean.txt").write_text(clean_h.text, encoding="utf-8")
    return PageScore(page, recipe["columns"], recipe["width"], glyph_px, recipe["layout"],
                     cer(raw, truth), cer(clean_t.text, truth),
                     cer(clean_h.source, truth), cer(clean_h.text, truth), len(truth))


def _mean(xs: list[float]) -> float:
    return sum(xs) / len(xs) if xs else 0.0


def bag_error(out: str, truth: str) -> float:
    """Character error of ``out`` against ``truth`` in any order (spaces and line breaks
    aside): the share of characters missing or extra. Why next to CER: what CER counts
    beyond it is reading order; what it counts itself is the engine's misread and lost
    characters, which no layout stage can bring back.

    >>> bag_error("丙乙甲", "甲乙丙"), bag_error("甲乙", "甲乙丙")
    (0.0, 0.3333333333333333)
    """
    a = Counter(out.replace("\n", "").replace(" ", ""))
    b = Counter(truth.replace("\n", "").replace(" ", ""))
    return (sum((a - b).values()) + sum((b - a).values())) / max(1, sum(b.values()))


def rescore(directory: str) -> list[tuple[str, float, float]]:
    """Clean the hOCR pages an earlier ``--keep`` run left in ``directory`` again, with the
    code that runs now: (page, clean hOCR CER, bag-of-characters error) per page. Why: a
    before/after comparison on the same OCR output needs no typesetting or OCR, only the
    two versions of the code (run this from a checkout of each)."""
    from ..pipeline import clean_file

    pages = sorted(Path(directory).glob("*.hocr"))
    out = []
    for hocr in pages:
        truth_path = hocr.with_suffix(".truth.txt")
        if not truth_path.is_file():
            continue
        truth = truth_path.read_text(encoding="utf-8")
        text = clean_file(str(hocr)).text
        out.append((hocr.stem, cer(text, truth), bag_error(text, truth)))
    return out


@click.command()
@click.option("--pages", default=12, show_default=True, help="Number of scanned pages.")
@click.option("--seed", default=1, show_default=True, help="Seed of the page recipes.")
@click.option("--jobs", default=1, show_default=True,
              help="Pages OCRed at once (Tesseract runs one thread per page).")
@click.option("--keep", type=click.Path(file_okay=False), default=None,
              help="Keep each page's image, OCR output, truth and cleaned text here.")
@click.option("--layout", type=click.Choice(LAYOUTS), default="stacked", show_default=True,
              help="How the articles share a page: across it one under another, the first "
                   "two side by side under their own headlines, or either page by page.")
@click.option("--json", "json_path", type=click.Path(dir_okay=False, writable=True),
              default=None, help="Also write the per-page figures as JSON to this file.")
@click.option("--rescore", type=click.Path(file_okay=False, exists=True), default=None,
              help="Instead: clean the hOCR pages kept in this directory by an earlier "
                   "--keep run again, with this code, and print their CER and "
                   "bag-of-characters error (no typesetting, no OCR).")
def command(pages: int, seed: int, jobs: int, keep: str | None, layout: str,
            json_path: str | None, rescore: str | None) -> None:
    """Page CER of Tesseract's text and of ocrfix's output on typeset, scanned pages."""
    if rescore:
        _print_rescore(rescore)
        return
    missing = missing_tools()
    if missing:
        click.echo("bench scan skipped: missing " + "; ".join(missing))
        return
    with ProcessPoolExecutor(max_workers=max(1, jobs)) as pool:
        scores = list(pool.map(run_page, [seed] * pages, range(pages), [keep] * pages,
                               [layout] * pages))
    click.echo(f"{'page':>4} {'cols':>4} {'width':>5} {'px':>3} {'layout':>7} {'raw txt':>8} "
               f"{'clean':>8} {'raw hOCR':>8} {'clean':>8}")
    for s in scores:
        click.echo(f"{s.page:>4} {s.columns:>4} {s.width:>5} {s.glyph_px:>3} {s.layout:>7} "
                   f"{s.raw_txt:>8.4f} "
                   f"{s.clean_txt:>8.4f} {s.raw_hocr:>8.4f} {s.clean_hocr:>8.4f}")
    click.echo(f"mean of {len(scores)} pages: text raw {_mean([s.raw_txt for s in scores]):.4f} "
               f"-> clean {_mean([s.clean_txt for s in scores]):.4f}; hOCR raw "
               f"{_mean([s.raw_hocr for s in scores]):.4f} -> clean "
               f"{_mean([s.clean_hocr for s in scores]):.4f}")
    if json_path:
        Path(json_path).write_text(json.dumps([asdict(s) for s in scores], indent=1) + "\n",
                                   encoding="utf-8")


def _print_rescore(directory: str) -> None:
    scores = rescore(directory)
    if not scores:
        raise click.UsageError(f"{directory}: no kept page (NAME.hocr with NAME.truth.txt)")
    for name, c, b in scores:
        click.echo(f"{name:>14} clean hOCR {c:.4f}  bag {b:.4f}")
    click.echo(f"mean of {len(scores)} pages: clean hOCR {_mean([c for _, c, _ in scores]):.4f}"
               f", bag of characters {_mean([b for _, _, b in scores]):.4f}")
