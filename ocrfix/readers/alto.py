"""read (ALTO): the XML of library digitisation workflows (and ``tesseract … alto``).

Regions are ``TextBlock`` elements, lines ``TextLine``, words ``String/@CONTENT`` with
``HPOS/VPOS/WIDTH/HEIGHT``; any ALTO version (namespaces are matched by local name).
A hyphen (``HYP``) at a line end is dropped only between Latin letters. Parsing goes
through :func:`~ocrfix.readers.safexml.parse_xml`; reading order, paragraphs and bands
come from :mod:`ocrfix.geometry`.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET

from ..doc import Doc
from ..errors import InputError
from ..geometry import Box, PageGeometry, Region, TextLine, build_doc, join_words
from ..segment import page_geometry
from .safexml import parse_xml
from .xmlbytes import to_parseable

NAME = "read"


def _local(el: ET.Element) -> str:
    return el.tag.rsplit("}", 1)[-1] if isinstance(el.tag, str) else ""


def _num(el: ET.Element, attr: str) -> int:
    try:
        return int(round(float(el.get(attr) or 0)))
    except ValueError:
        return 0


def _box(el: ET.Element) -> Box:
    x, y = _num(el, "HPOS"), _num(el, "VPOS")
    return Box(x, y, x + _num(el, "WIDTH"), y + _num(el, "HEIGHT"))


def _confidence(el: ET.Element) -> float | None:
    """The engine's confidence in a word (ALTO ``WC``, 0–1), if it gives one."""
    try:
        wc = el.get("WC")
        return float(wc) if wc is not None else None
    except ValueError:
        return None


def parse_alto(data: bytes, name: str) -> PageGeometry:
    """The geometry of the first ``Page`` of an ALTO file."""
    root = parse_xml(to_parseable(data, name), name)
    if _local(root).lower() != "alto":
        raise InputError(f"{name}: not ALTO XML (root element {_local(root)!r})")
    page = next((el for el in root.iter() if _local(el) == "Page"), None)
    if page is None:
        raise InputError(f"{name}: ALTO without a Page element")
    regions = []
    for k, block in enumerate(el for el in page.iter() if _local(el) == "TextBlock"):
        lines = []
        for n, tl in enumerate(el for el in block.iter() if _local(el) == "TextLine"):
            box = _box(tl)
            words = [(s.get("CONTENT") or "", _box(s), _confidence(s)) for s in tl
                     if _local(s) == "String"]
            text = join_words(words, box.height)
            if text.strip():
                lines.append(TextLine(tl.get("ID") or f"line_{k}_{n}", box, text, tuple(words)))
        if lines:
            regions.append(Region(block.get("ID") or f"block_{k}", _box(block), tuple(lines)))
    if not regions:
        raise InputError(f"{name}: ALTO page holds no text lines")
    width, height = _num(page, "WIDTH"), _num(page, "HEIGHT")
    if not (width and height):
        full = Box.union([r.box for r in regions])
        width, height = full.x1, full.y1
    return page_geometry(width, height, regions, "alto")


def read_alto(data: bytes, name: str = "<alto>") -> Doc:
    """A :class:`Doc` from ALTO bytes: text in reading order, boxes in ``meta``."""
    return build_doc(parse_alto(data, name), name)
