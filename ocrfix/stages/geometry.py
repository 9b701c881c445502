"""geometry: decisions that need the page's boxes (hOCR/ALTO input only).

Six rules, each an edit with its evidence in the reason:

* ``doubtful_mark`` — a quote mark the engine itself doubted (a word of quote marks
  alone, confidence below :data:`ocrfix.geometry.DOUBT_CONFIDENCE`) is the white of a
  typeset space or a gutter read as ink (``记者”李雅萍``, ``林砚平”摄``): it goes back to
  being a space, which the space rules then keep or drop like any other;
* ``suspect_mark`` — a quote mark inside a longer word the engine read with low confidence
  (below :data:`ocrfix.geometry.DOUBT_IN_WORD`; ``推进相”关工作``) is dropped when its
  paragraph has no partner for it (a ``”`` with no open ``“`` before it, a ``“`` with no
  ``”`` after it): the confidence is the word's, so the mark alone is not enough;
* ``band_furniture`` — a paragraph of small type wholly inside the top or bottom strip of
  the page (running header, folio, footer) is furniture, whatever its words; the reader
  marks such regions (:func:`ocrfix.geometry._band`).
* ``picture_noise`` — a short paragraph the engine read with very low confidence (below
  :data:`ocrfix.geometry.NOISE_CONFIDENCE` over :data:`~ocrfix.geometry.NOISE_MIN` to
  :data:`~ocrfix.geometry.NOISE_MAX` characters) is what it read into a photo or a
  drawing (``池巩渴进兰``): it is removed with the role ``garbage``, so it is listed with
  the furniture, not lost;
* ``caption_under_picture`` — a short paragraph in body type or smaller, wider than a
  column, right under an empty area the height of a photo, and the lines of its region
  that follow it, are the photo's caption (:func:`ocrfix.geometry.picture_captions`):
  removed with the role ``caption``, whether or not the engine kept its ``图①为``;
* ``join_column_break`` — the last paragraph of one column and the first of the next (in
  reading order: the next block starts higher up, in another column) are one paragraph
  when the last line reaches the column's right edge, the next block's first line is not
  indented, both are in the same type size and no sentence-final punctuation stands at
  the break.

It runs before ``furniture``: a caption or paragraph cut by a column break is whole again
before the furniture patterns look at it. Plain text carries no geometry: the stage
returns the page unchanged.
"""

from __future__ import annotations

import re

from ..chars import ends_sentence
from ..config import Config
from ..doc import Block, Doc
from ..geometry import (DOUBT_CONFIDENCE, DOUBT_IN_WORD, NOISE_CONFIDENCE, NOISE_MAX,
                        NOISE_MIN, paragraph_at, picture_captions)
from .running import removal_span

NAME = "geometry"
REQUIRES = ("text", "furniture")
ASSIGNS = ("furniture", "paragraphs")


def run(doc: Doc, config: Config) -> Doc:
    if not doc.meta.get("geometry"):
        return doc
    if "doubtful_mark" not in config.disabled_rules:
        drop_doubtful_marks(doc)
    if "suspect_mark" not in config.disabled_rules:
        drop_suspect_marks(doc)
    if "band_furniture" not in config.disabled_rules:
        remove_band_furniture(doc)
    if "picture_noise" not in config.disabled_rules:
        remove_picture_noise(doc)
    if "caption_under_picture" not in config.disabled_rules:
        remove_picture_captions(doc)
    if "join_column_break" not in config.disabled_rules:
        join_column_breaks(doc, config)
    return doc


def drop_doubtful_marks(doc: Doc) -> None:
    """Turn the doubtful marks the reader found (``paragraphs[*].doubtful``, source
    spans) back into spaces."""
    spans, text, at = _reader_marks(doc, "doubtful")
    if not spans:
        return
    with doc.batch(NAME) as batch:
        for start, end in spans:
            first, last = at.get(start), at.get(end - 1)
            if first is None or last is None or last - first != end - start - 1:
                continue  # an earlier edit touched it: leave it
            mark = text[first:last + 1]
            batch.replace(first, last + 1, " ", "doubtful_mark", 0.8,
                          f"{mark} read by the engine with low confidence (< "
                          f"{DOUBT_CONFIDENCE:.0%}), a word of its own: the white of a "
                          "typeset space or a gutter read as ink, not a quote")


def _reader_marks(doc: Doc, key: str) -> tuple[list[tuple[int, int]], str, dict[int, int]]:
    """The source spans the reader listed under ``paragraphs[*][key]``, the current text,
    and where each untouched source character now stands in it."""
    spans = [tuple(sp) for p in doc.meta["geometry"].get("paragraphs", [])
             for sp in p.get(key, [])]
    text, origins = doc.rendered
    at = {o[0]: i for i, o in enumerate(origins) if o[1] == o[0] + 1} if spans else {}
    return spans, text, at


#: Opening and closing quote marks: a suspect closing mark needs an open partner before
#: it in its paragraph, a suspect opening mark a closing one after it.
PARTNERS = {"”": "“", "’": "‘"}


def drop_suspect_marks(doc: Doc) -> None:
    """Drop the suspect quote marks the reader found (``paragraphs[*].suspect_marks``)
    that have no partner in their paragraph.

    Why: on Tesseract pages set for ``bench scan`` (7 seeds, 112 pages) a quote mark
    inside a word read below 70 % was noise 98 times in 126 and a real quote 36 times in
    755; a real quote has its partner in the paragraph (the golden pages have no
    unpartnered one), so the partner decides."""
    spans, text, at = _reader_marks(doc, "suspect_marks")
    if not spans:
        return
    blocks = doc.blocks()
    line_starts = {ln["offset"] for p in doc.meta["geometry"].get("paragraphs", [])
                   for ln in p.get("lines", ())}
    with doc.batch(NAME) as batch:
        for start, _ in spans:
            i = at.get(start)
            if i is None or text[i] not in PARTNERS.keys() | PARTNERS.values():
                continue  # an earlier edit touched it, or a straight quote: leave it
            doubt = (f"{text[i]} inside a word the engine read with low confidence "
                     f"(< {DOUBT_IN_WORD:.0%})")
            if text[i] in PARTNERS and start in line_starts:
                batch.delete(i, i + 1, "suspect_mark", 0.75,
                             f"{doubt}, opening a printed line: a closing mark never "
                             "opens a line in Chinese type (it stays at the line before)")
                continue
            block = next((b for b in blocks if b.start <= i < b.end), None)
            if block is None or _partnered(text[block.start:block.end], i - block.start):
                continue
            batch.delete(i, i + 1, "suspect_mark", 0.7,
                         f"{doubt} and no partner for it in the paragraph")


def _partnered(par: str, k: int) -> bool:
    """Has the quote mark at ``par[k]`` a partner: an unclosed opening mark before a
    closing one, an unopened closing mark after an opening one?

    >>> _partnered("他说：“好”。", 5), _partnered("推进相”关工作", 3), _partnered("“先打后补", 0)
    (True, False, False)
    """
    ch = par[k]
    if ch in PARTNERS:  # a closing mark: look back for its opening one
        return _meets(reversed(par[:k]), ch, PARTNERS[ch])
    closer = next(c for c, o in PARTNERS.items() if o == ch)
    return _meets(par[k + 1:], ch, closer)


def _meets(chars, mark: str, partner: str) -> bool:
    """Does ``partner`` come in ``chars`` before the marks like ``mark`` met on the way
    have used up the partners? (Nested pairs: each ``mark`` met takes one partner.)"""
    depth = 0
    for c in chars:
        if c == mark:
            depth += 1
        elif c == partner:
            if depth == 0:
                return True
            depth -= 1
    return False


#: A paragraph opening with a dash and a word (``——我市培育…纪实``, the engine's
#: ``一一…``) is a subtitle, whatever strip of the page it is printed in: a running head
#: or folio never opens so (``- 3 -`` is followed by a figure).
DASH_OPENING = re.compile(r"\s*(?:[—─－-]{1,2}|一一)\s*[\u4e00-\u9fff]")


def _whole_paragraphs(doc: Doc) -> list[tuple[int, Block, dict]]:
    """``(index, block, paragraph record)`` for each block whose source lies wholly in one
    paragraph of the reader: the blocks a rule about paragraphs may remove whole."""
    out = []
    for i, b in enumerate(doc.blocks()):
        p = paragraph_at(doc, b.src_start)
        if p is not None and paragraph_at(doc, b.src_end - 1) is p:
            out.append((i, b, p))
    return out


def _remove_blocks(doc: Doc, found: dict[int, tuple[float, str]], rule: str, role: str
                   ) -> None:
    """Delete blocks ``found`` (index → (confidence, reason)) with the gap each leaves, as
    one batch of ``rule`` edits with role ``role``."""
    if not found:
        return
    blocks = doc.blocks()
    with doc.batch(NAME) as batch:
        for i, (conf, reason) in found.items():
            start, end = removal_span(blocks, i, set(found))
            batch.delete(start, end, rule, conf, reason, role=role)


def remove_band_furniture(doc: Doc) -> None:
    """Remove the paragraphs the reader found in a page edge strip (``band``), except a
    subtitle (:data:`DASH_OPENING`)."""
    found = {i: (0.85, f"small type in the {p['band']} strip of the page: running "
                       "header/footer by position")
             for i, b in enumerate(doc.blocks())
             if (p := paragraph_at(doc, b.src_start)) and p.get("band")
             and not DASH_OPENING.match(b.text)}
    _remove_blocks(doc, found, "band_furniture", "furniture")


def is_picture_noise(text: str, confidence: float | None) -> bool:
    """Is a paragraph of ``text``, read with ``confidence``, what the engine read into a
    picture? Few characters, all doubted.

    >>> is_picture_noise("池巩渴进兰", 0.0), is_picture_noise("优势。", 0.34)
    (True, False)
    >>> is_picture_noise("到", 0.0), is_picture_noise("沿导世宙曼沁", None)
    (False, False)
    """
    n = len("".join(text.split()))
    return confidence is not None and confidence < NOISE_CONFIDENCE and \
        NOISE_MIN <= n <= NOISE_MAX


def remove_picture_noise(doc: Doc) -> None:
    """Remove the paragraphs :func:`is_picture_noise` finds, each with its confidence as
    the evidence (role ``garbage``: listed with the removed furniture)."""
    found = {i: (round(1 - p["confidence"], 2),
                 f"the engine read this short paragraph with confidence "
                 f"{p['confidence']:.2f} (< {NOISE_CONFIDENCE}): text read into a picture")
             for i, b, p in _whole_paragraphs(doc)
             if is_picture_noise(b.text, p.get("confidence"))}
    _remove_blocks(doc, found, "picture_noise", "garbage")


def remove_picture_captions(doc: Doc) -> None:
    """Remove the captions :func:`ocrfix.geometry.picture_captions` finds under pictures,
    each block whose source lies wholly in such a paragraph (role ``caption``)."""
    geo = doc.meta["geometry"]
    paras = geo.get("paragraphs", [])
    captions = picture_captions(paras, geo.get("char", 1.0)) if paras else {}
    if not captions:
        return
    index = {id(p): k for k, p in enumerate(paras)}
    found = {i: (0.8, captions[index[id(p)]]) for i, _, p in _whole_paragraphs(doc)
             if index.get(id(p)) in captions}
    _remove_blocks(doc, found, "caption_under_picture", "caption")


#: Geometric verdicts that a paragraph starts at the top of the next column.
PARAGRAPH_BREAK_REASONS = ("next block is indented",)


def join_column_breaks(doc: Doc, config: Config) -> None:
    blocks = doc.blocks()
    with doc.batch(NAME) as batch:
        for a, b in zip(blocks, blocks[1:]):
            ok, reason = continues_across_columns(doc, a, b, config)
            if ok:
                batch.replace(a.end, b.start, "", "join_column_break", 0.9, reason)
            elif reason.startswith(PARAGRAPH_BREAK_REASONS):
                # the boxes say a paragraph starts here: text-only heal must not join it
                doc.notes.setdefault(b.src_start, {})["paragraph_start"] = reason


def continues_across_columns(doc: Doc, a: Block, b: Block, config: Config
                             ) -> tuple[bool, str]:
    """Does block ``b`` (top of a region) continue block ``a`` (end of the previous one)?"""
    pa, pb = paragraph_at(doc, a.src_end - 1), paragraph_at(doc, b.src_start)
    if pa is None or pb is None or pa["region"] == pb["region"]:
        return False, "same region or no geometry"
    if not (pa["ends_region"] and pb["starts_region"]):
        return False, "not at a region boundary"
    if pa["column"] == pb["column"] or pb["bbox"][1] >= pa["bbox"][3]:
        return False, "next block is below in the same column, not at the top of the next"
    ha, hb = pa["line_height"], pb["line_height"]
    if abs(ha - hb) > 0.25 * max(ha, hb, 1):
        return False, "type sizes differ: a headline or another article"
    if _ends_with_marker(a.text, config):
        return False, "a continuation marker (下转) sends the text elsewhere"
    if ends_sentence(a.text):
        return False, "sentence ends at the break"
    if not pa["last_full"]:
        return False, "last line stops short of the column edge"
    if pb["first_indented"]:
        return False, "next block is indented: a new paragraph"
    return True, (f"column break {pa['region']}→{pb['region']}: last line reaches the "
                  "column edge, next line not indented, no sentence end")


def _ends_with_marker(text: str, config: Config) -> bool:
    """Does the block end with a continuation marker from ``rules/`` (``（下转第4版）``)?"""
    tail = text.rstrip()
    for rule in config.rules.furniture:
        if rule.role == "continuation" and rule.pattern is not None:
            if any(m.end() == len(tail) for m in rule.pattern.finditer(tail)):
                return True
    return False
