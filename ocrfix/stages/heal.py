"""heal: rejoin text that printing or OCR cut apart.

Three rules, run in this order:

* ``unwrap_lines`` — engines like Tesseract write one printed line per text line (a hard
  wrap every 10–20 characters). Lines are joined; a paragraph break is kept where a line
  ends a sentence and stops short of the column width, or the next line is indented.
* ``group_infographic`` — a run of short unpunctuated lines full of figures is an
  infographic: its lines stay together as one block, one printed line per text line.
* ``join_broken_paragraph`` — a block that ends mid-sentence followed by a block that
  continues it (a column or page break cut ``要抓好监`` / ``测统计``). The evidence: no
  sentence end, the next block is running text, brackets opened in the first are closed
  by the second, and no continuation marker (``下转``) said the text goes elsewhere.
"""

from __future__ import annotations

import re
import statistics

from ..chars import ends_sentence, is_cjk, unbalanced_openers, OPEN_CLOSE
from ..cohesion import cohesion
from ..config import Config
from ..doc import Block, Doc

NAME = "heal"
REQUIRES = ("text", "furniture")
ASSIGNS = ("paragraphs",)

INDENT = re.compile(r"^[ \t\u3000]{2,}")
#: A junction at or below this cohesion is one no dictionary word spans.
BROKEN = -2.0
#: A short labelled sub-head of a feature: ``背景：吕梁制造，资源潜力待挖掘``.
LABELLED_SUBHEAD = re.compile(r"^[\u4e00-\u9fff]{2,4}[：:][^。；！？]{4,20}$")
SENTENCE_PUNCT = "，。；：！？、"
INFOGRAPHIC_MAX = 24
INFOGRAPHIC_MIN_RUN = 5


def run(doc: Doc, config: Config) -> Doc:
    for rule, fn in (("unwrap_lines", unwrap_lines), ("group_infographic", group_infographic),
                     ("join_broken_paragraph", join_broken_paragraphs)):
        if rule not in config.disabled_rules:
            fn(doc, config)
    return doc


# -- unwrap_lines ----------------------------------------------------------------------
def unwrap_lines(doc: Doc, config: Config) -> None:
    """Join the printed lines of each block; split where a paragraph visibly ends."""
    blocks = doc.blocks()
    lengths = [len(ln.text.strip()) for b in blocks for ln in b.lines if len(b.lines) > 1]
    width = statistics.median(lengths) if len(lengths) >= 3 else 0
    with doc.batch(NAME) as batch:
        for block in blocks:
            if looks_like_infographic([ln.text for ln in block.lines]):
                continue
            # a line of only whitespace ("\r" when normalise is skipped) is part of a gap
            lines = [ln for ln in block.lines if ln.text.strip()]
            for prev, nxt in zip(lines, lines[1:]):
                gap_start = prev.start + len(prev.text.rstrip())
                gap_end = nxt.start + len(nxt.text) - len(nxt.text.lstrip())
                sep, reason = line_separator(prev.text.strip(), nxt.text, width)
                batch.replace(gap_start, gap_end, sep, "unwrap_lines",
                              0.9 if sep != "\n\n" else 0.7, reason)


def looks_like_infographic(lines: list[str]) -> bool:
    """Many short unpunctuated lines, a third of them with figures: an infographic."""
    short = [ln for ln in lines if len(ln) <= INFOGRAPHIC_MAX and not ends_sentence(ln)]
    digits = sum(1 for ln in lines if any(ch.isdigit() for ch in ln))
    return len(lines) >= INFOGRAPHIC_MIN_RUN and len(short) >= 0.8 * len(lines) \
        and digits >= 0.3 * len(lines)


def line_separator(prev: str, nxt: str, width: float) -> tuple[str, str]:
    """What joins two printed lines: nothing, a space, or a paragraph break.

    >>> line_separator("习近平指出，中国同中亚五国建", "交30多年来", 14)[0]
    ''
    >>> line_separator("□ 本报记者 冯凯治", "通讯员 马超", 0)[0]
    ' '
    >>> line_separator("会议还研究了其他事项。", "　　本报讯（记者 王洋）", 14)[0]
    '\\n\\n'
    """
    head = nxt.lstrip()
    if INDENT.match(nxt) or (ends_sentence(prev) and width and len(prev) < 0.8 * width):
        return "\n\n", "paragraph ends here (sentence end before the column edge, or indent)"
    if not head or not prev:  # a line of only whitespace or "\r" (normalise skipped)
        return "", "empty line"
    left, right = prev[-1], head[0]
    if left.isascii() and right.isascii() and left.isalnum() and right.isalnum():
        return " ", "line break between Latin words"
    if _header_like(prev) and _header_like(head) and not width:
        return " ", "two short header lines (byline, headline) printed as one"
    return "", "printed line break inside a paragraph"


def _header_like(line: str) -> bool:
    return len(line) <= 20 and not any(p in line for p in SENTENCE_PUNCT)


# -- group_infographic -----------------------------------------------------------------
def group_infographic(doc: Doc, config: Config) -> None:
    """Keep the short lines of an infographic together as one block."""
    blocks = doc.blocks()
    with doc.batch(NAME) as batch:
        for first, last in _infographic_runs(blocks, config):
            for a, b in zip(blocks[first:last], blocks[first + 1:last + 1]):
                batch.replace(a.end, b.start, "\n", "group_infographic", 0.8,
                              "short figure lines of one infographic")


def _infographic_runs(blocks: list[Block], config: Config) -> list[tuple[int, int]]:
    def short(k: int) -> bool:
        b = blocks[k]
        headline = k + 1 < len(blocks) and config.rules.opens_article(blocks[k + 1].text)
        return len(b.text) <= INFOGRAPHIC_MAX and not ends_sentence(b.text) \
            and "\n" not in b.text and not headline

    runs, i = [], 0
    while i < len(blocks):
        j = i
        while j < len(blocks) and short(j):
            j += 1
        run = blocks[i:j]
        digits = sum(1 for b in run if any(ch.isdigit() for ch in b.text))
        if len(run) >= INFOGRAPHIC_MIN_RUN and digits >= 0.3 * len(run):
            first = i
            if i > 0 and len(blocks[i - 1].text) > config.headline_max_chars \
                    and not ends_sentence(blocks[i - 1].text):
                first = i - 1  # the lead-in line of the graphic
            runs.append((first, j - 1))
        i = max(j, i + 1)
    return runs


# -- join_broken_paragraph -------------------------------------------------------------
def join_broken_paragraphs(doc: Doc, config: Config) -> None:
    """Join a block cut mid-sentence with the next block when that block continues it."""
    blocks = doc.blocks()
    with doc.batch(NAME) as batch:
        for a, b in zip(blocks, blocks[1:]):
            score, reason = continuation_score(a, b, doc, config)
            if score >= 0.5:
                batch.replace(a.end, b.start, "", "join_broken_paragraph", score, reason)


def continuation_score(a: Block, b: Block, doc: Doc, config: Config) -> tuple[float, str]:
    """How sure we are that ``b`` continues the sentence ``a`` breaks off; 0 = not at all."""
    if "\n" in a.text or "\n" in b.text:
        return 0.0, "infographic lines"
    if doc.notes.get(a.src_start, {}).get("continued"):
        return 0.0, "a continuation marker sends the text elsewhere"
    if ends_sentence(a.text) or not _running_text(a.text, config):
        return 0.0, "first block ends a sentence or is not running text"
    if not _running_text(b.text, config) and not ends_sentence(b.text):
        return 0.0, "next block is not running text"
    if LABELLED_SUBHEAD.match(a.text) and cohesion().junction(a.text, b.text) <= BROKEN:
        return 0.0, "first block is a labelled sub-head (背景：…) and no word spans the junction"
    if config.rules.opens_article(b.text) or b.text[0] in OPEN_CLOSE:
        return 0.0, "next block opens an article (rules/openers.tsv)"
    if is_cjk(a.text[-1]) and config.rules.opens_paragraph(b.text) and \
            cohesion().junction(a.text, b.text) <= BROKEN:
        return 0.0, ("next block opens a paragraph and no word spans the junction: "
                     "text was lost between them")
    opened = unbalanced_openers(a.text)
    if opened:
        closer = OPEN_CLOSE[opened[-1]]
        head = re.split(r"[。！？]", b.text, maxsplit=1)[0]
        if closer not in head:
            return 0.0, f"{opened[-1]} opened but next block does not close it"
        return 0.95, f"block ends inside {opened[-1]}…{closer}, closed by the next block"
    last = a.text[-1]
    if is_cjk(last) or last.isdigit():
        return 0.85, "block ends mid-sentence (no sentence-final punctuation)"
    if last in "，、：“‘《（—":
        return 0.8, f"block ends with {last!r}, the sentence goes on"
    return 0.0, "unclear ending"


def _running_text(text: str, config: Config) -> bool:
    """Prose rather than a headline: long enough, or punctuated like a sentence."""
    if len(text) > config.headline_max_chars:
        return True
    return len(text) >= config.heal_min_chars and any(p in text for p in "，。；、：")
