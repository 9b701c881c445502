"""Write hOCR and ALTO pages with known geometry, for reader and geometry tests.

A page of text (blank-line-separated blocks) is typeset like a newspaper page: short
header-like blocks in larger type, body paragraphs indented two characters and wrapped
at the column width, the text flowing down four columns (a paragraph cut at the foot of
a column goes on, unindented, at the top of the next), plus a running header and a folio
in small type in the top and bottom strips. Every paragraph piece is one region (as in
many library ALTO files), and regions are written in row-major order (top to bottom,
then left to right) — the order a reader that ignores geometry would get wrong.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from xml.sax.saxutils import escape, quoteattr

W, H = 2150, 4200
COL_X = (100, 600, 1100, 1600)
COL_W = 450
TOP, BOTTOM = 300, 4000
CHAR, PITCH = 20, 30
HEAD_CHAR, HEAD_PITCH = 30, 45


@dataclass
class LineBox:
    text: str
    x0: int
    y0: int
    x1: int
    y1: int


@dataclass
class RegionBox:
    lines: list[LineBox]

    @property
    def bbox(self) -> tuple[int, int, int, int]:
        return (min(ln.x0 for ln in self.lines), min(ln.y0 for ln in self.lines),
                max(ln.x1 for ln in self.lines), max(ln.y1 for ln in self.lines))


def blocks_of(text: str) -> list[str]:
    """Blocks of a markdown-ish page, without the markup an OCR engine would not print."""
    out = []
    for b in re.split(r"\n\s*\n", text):
        b = re.sub(r"^(?:#+|>)\s*", "", b.strip())
        if b:
            out.append(" ".join(b.split("\n")))
    return out


def _headerish(block: str) -> bool:
    return len(block) <= 24 and not re.search(r"[。，；！？]", block)


def layout(blocks: list[str], header: str | None = None, folio: str | None = None
           ) -> list[RegionBox]:
    """Typeset blocks into regions with boxes (see the module docstring)."""
    regions: list[RegionBox] = []
    col, y = 0, TOP
    for block in blocks:
        head = _headerish(block) and len(block) <= COL_W // HEAD_CHAR
        char, pitch = (HEAD_CHAR, HEAD_PITCH) if head else (CHAR, PITCH)
        per_line = COL_W // char
        indent = 0 if head else 2
        pieces, rest, first = [], block, True
        while rest:
            n = per_line - (indent if first else 0)
            while 1 < n < len(rest) and (rest[n] == " " or rest[n - 1] == " "):
                n -= 1  # typesetters do not break a line at a space; keep words apart
            pieces.append((rest[:n], first))
            rest, first = rest[n:], False
        current: list[LineBox] = []
        for k, (piece, is_first) in enumerate(pieces):
            if y + pitch > BOTTOM:  # column full: the paragraph goes on in the next one
                if current:
                    regions.append(RegionBox(current))
                current = []
                col, y = col + 1, TOP
                if col >= len(COL_X):
                    raise ValueError("page text does not fit four columns")
            x0 = COL_X[col] + (indent * char if is_first else 0)
            full = k + 1 < len(pieces)  # justified: every line but the last is full
            x1 = COL_X[col] + COL_W if full else x0 + len(piece) * char
            current.append(LineBox(piece, x0, y, x1, y + char))
            y += pitch
        if current:
            regions.append(RegionBox(current))
        y += 4  # a sliver of space between paragraphs, less than a line
    if header:
        regions.append(RegionBox([LineBox(header, 100, 60, 100 + len(header) * 16, 76)]))
    if folio:
        regions.append(RegionBox([LineBox(folio, 1000, 4100, 1000 + len(folio) * 16, 4116)]))
    return sorted(regions, key=lambda r: (r.bbox[1], r.bbox[0]))  # row-major: wrong order


def _words(line: LineBox) -> list[tuple[str, tuple[int, int, int, int]]]:
    """Split a line at spaces; each word gets its share of the line's width."""
    words = line.text.split(" ")
    total = max(sum(len(w) for w in words) + len(words) - 1, 1)
    step = (line.x1 - line.x0) / total
    out, pos = [], 0
    for w in words:
        if w:
            x0 = line.x0 + int(pos * step)
            out.append((w, (x0, line.y0, line.x0 + int((pos + len(w)) * step), line.y1)))
        pos += len(w) + 1
    return out


def to_hocr(regions: list[RegionBox]) -> str:
    """Tesseract-shaped hOCR (with its XHTML DOCTYPE)."""
    out = ['<?xml version="1.0" encoding="UTF-8"?>',
           '<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Transitional//EN"',
           '    "http://www.w3.org/TR/xhtml1/DTD/xhtml1-transitional.dtd">',
           '<html xmlns="http://www.w3.org/1999/xhtml" xml:lang="en" lang="en">',
           "<head><title></title><meta name='ocr-system' content='pagegen'/>"
           "<meta name='ocr-capabilities' content='ocr_page ocr_carea ocr_par ocr_line "
           "ocrx_word'/></head><body>",
           f"<div class='ocr_page' id='page_1' title='bbox 0 0 {W} {H}'>"]
    n = 0
    for k, r in enumerate(regions, 1):
        bb = " ".join(map(str, r.bbox))
        out.append(f"<div class='ocr_carea' id='block_1_{k}' title='bbox {bb}'>"
                   f"<p class='ocr_par' id='par_1_{k}' title='bbox {bb}'>")
        for ln in r.lines:
            n += 1
            out.append(f"<span class='ocr_line' id='line_1_{n}' "
                       f"title='bbox {ln.x0} {ln.y0} {ln.x1} {ln.y1}'>")
            for j, (w, (a, b, c, d)) in enumerate(_words(ln)):
                out.append(f"<span class='ocrx_word' id='word_1_{n}_{j}' "
                           f"title='bbox {a} {b} {c} {d}'>{escape(w)}</span>")
            out.append("</span>")
        out.append("</p></div>")
    out.append("</div></body></html>")
    return "\n".join(out) + "\n"


def to_alto(regions: list[RegionBox], encoding: str = "UTF-8") -> str:
    """ALTO v3 as Tesseract and library workflows write it."""
    out = [f'<?xml version="1.0" encoding="{encoding}"?>',
           '<alto xmlns="http://www.loc.gov/standards/alto/ns-v3#">',
           "<Description><MeasurementUnit>pixel</MeasurementUnit></Description>",
           f'<Layout><Page ID="page_0" WIDTH="{W}" HEIGHT="{H}">'
           f'<PrintSpace HPOS="0" VPOS="0" WIDTH="{W}" HEIGHT="{H}">']

    def pos(a: int, b: int, c: int, d: int) -> str:
        return f'HPOS="{a}" VPOS="{b}" WIDTH="{c - a}" HEIGHT="{d - b}"'

    n = 0
    for k, r in enumerate(regions):
        out.append(f'<TextBlock ID="block_{k}" {pos(*r.bbox)}>')
        for ln in r.lines:
            n += 1
            out.append(f'<TextLine ID="line_{n}" {pos(ln.x0, ln.y0, ln.x1, ln.y1)}>')
            for j, (w, box) in enumerate(_words(ln)):
                if j:
                    out.append('<SP WIDTH="4"/>')
                out.append(f'<String ID="s_{n}_{j}" {pos(*box)} CONTENT={quoteattr(w)}/>')
            out.append("</TextLine>")
        out.append("</TextBlock>")
    out.append("</PrintSpace></Page></Layout></alto>")
    return "\n".join(out) + "\n"
