"""read (hOCR): Tesseract's and other engines' XHTML with boxes in ``title="bbox …"``.

Regions are ``ocr_carea`` elements (or ``ocr_par`` where no carea exists, or one region
holding every line); lines are ``ocr_line``/``ocr_header``/``ocr_caption``/
``ocr_textfloat``; words are ``ocrx_word``. Parsing goes through
:func:`~ocrfix.readers.safexml.parse_xml` (no DTD internal subset, no entities, bounded
depth); reading order, paragraphs and bands come from :mod:`ocrfix.geometry`.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

from ..doc import Doc
from ..errors import InputError
from ..geometry import BBOX, Box, PageGeometry, Region, TextLine, build_doc, join_words
from ..segment import page_geometry
from .safexml import parse_xml
from .xmlbytes import to_parseable

NAME = "read"
WCONF = re.compile(r"x_wconf\s+(\d+)")
LINE_CLASSES = {"ocr_line", "ocr_header", "ocr_caption", "ocr_textfloat", "ocrx_line"}


def _classes(el: ET.Element) -> set[str]:
    return set((el.get("class") or "").split())


def _bbox(el: ET.Element) -> Box | None:
    m = BBOX.search(el.get("title") or "")
    return Box(*(int(v) for v in m.groups())) if m else None


def _confidence(el: ET.Element) -> float | None:
    """The engine's confidence in a word, 0–1 (``x_wconf`` is 0–100), if it gives one."""
    m = WCONF.search(el.get("title") or "")
    return int(m.group(1)) / 100 if m else None


def _line(el: ET.Element, n: int) -> TextLine | None:
    box = _bbox(el)
    if box is None:
        return None
    words = [(("".join(w.itertext())), _bbox(w) or box, _confidence(w)) for w in el.iter()
             if "ocrx_word" in _classes(w)]
    text = join_words(words, box.height) if words else " ".join("".join(el.itertext()).split())
    return TextLine(el.get("id") or f"line_{n}", box, text, tuple(words)) if text.strip() else None


def parse_hocr(data: bytes, name: str) -> PageGeometry:
    """The geometry of the first ``ocr_page`` of an hOCR file."""
    root = parse_xml(to_parseable(data, name), name)
    pages = [el for el in root.iter() if "ocr_page" in _classes(el)]
    if not pages:
        raise InputError(f"{name}: hOCR without an ocr_page element")
    page = pages[0]
    size = _bbox(page)
    containers = [el for el in page.iter() if "ocr_carea" in _classes(el)] or \
        [el for el in page.iter() if "ocr_par" in _classes(el)] or [page]
    regions, n = [], 0
    for k, area in enumerate(containers):
        lines = []
        for el in area.iter():
            if _classes(el) & LINE_CLASSES:
                n += 1
                line = _line(el, n)
                if line is not None:
                    lines.append(line)
        if lines:
            box = _bbox(area) if area is not page else None
            regions.append(Region(area.get("id") or f"area_{k}",
                                  box or Box.union([ln.box for ln in lines]), tuple(lines)))
    if not regions:
        raise InputError(f"{name}: hOCR page holds no text lines")
    if size is None:
        size = Box.union([r.box for r in regions])
    return page_geometry(size.x1, size.y1, regions, "hocr")


def read_hocr(data: bytes, name: str = "<hocr>") -> Doc:
    """A :class:`Doc` from hOCR bytes: text in reading order, boxes in ``meta``."""
    return build_doc(parse_hocr(data, name), name)
