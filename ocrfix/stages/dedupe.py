"""dedupe: drop a paragraph the page prints (or the OCR reads) twice.

Converters that stitch overlapping crops, and pages that repeat a lead paragraph in a
column intro, give the same paragraph twice, often with different misreadings. Two body
blocks are copies when their similarity (rapidfuzz's normalised Indel ratio) is high and
both are long enough for that to mean something. The copy kept is the better-read one:
fewer junctions that no dictionary word spans (a misread character breaks the words
around it), and on a tie the first. The dropped copy is logged with its twin's position
and the similarity, so a reviewer can check it.
"""

from __future__ import annotations

from rapidfuzz import fuzz

from ..chars import is_cjk
from ..cohesion import UNSEEN, cohesion
from ..config import Config
from ..doc import Block, Doc

NAME = "dedupe"
REQUIRES = ("text", "paragraphs")
ASSIGNS = ()

#: Similarity (0–100) at or above which two paragraphs are copies.
SIMILAR = 90.0
#: Shorter blocks repeat legitimately (``会议强调：``, sub-heads, credits).
MIN_CHARS = 20
#: A block at least this long found almost verbatim inside a longer one is a copy too
#: (the other copy was joined to its continuation by ``heal``).
CONTAINED_MIN_CHARS = 30
CONTAINED = 95.0


def run(doc: Doc, config: Config) -> Doc:
    if "drop_duplicate" not in config.disabled_rules:
        drop_duplicates(doc, config)
    return doc


def broken_junctions(text: str) -> int:
    """How many adjacent Chinese pairs no dictionary word contains: a misreading score.

    >>> broken_junctions("深化改革开放") < broken_junctions("深化改莘开放")
    True
    """
    model = cohesion()
    return sum(1 for a, b in zip(text, text[1:])
               if is_cjk(a) and is_cjk(b) and model.pmi(a, b) <= UNSEEN)


def find_copies(blocks: list[Block]) -> list[tuple[int, int, float]]:
    """Pairs ``(i, j, similarity)`` of blocks that are copies of each other, i < j."""
    pairs = []
    long_blocks = [b for b in blocks if len(b.text) >= MIN_CHARS and "\n" not in b.text]
    for x, a in enumerate(long_blocks):
        for b in long_blocks[x + 1:]:
            short = min(len(a.text), len(b.text))
            if short >= 0.8 * max(len(a.text), len(b.text)):
                sim = fuzz.ratio(a.text, b.text, score_cutoff=SIMILAR)
            elif short >= CONTAINED_MIN_CHARS and _prose(min(a.text, b.text, key=len)):
                sim = fuzz.partial_ratio(a.text, b.text, score_cutoff=CONTAINED)
            else:
                continue
            if sim:
                pairs.append((a.index, b.index, sim))
    return pairs


def _prose(text: str) -> bool:
    """Punctuated like a paragraph: a headline deck repeated in the lead is not a copy."""
    return "，" in text and ("。" in text or not text[-1].isalnum())


def drop_duplicates(doc: Doc, config: Config) -> None:
    """Delete the worse-read copy of each repeated paragraph, with its blank line."""
    blocks = doc.blocks()
    dropped: dict[int, tuple[int, float]] = {}  # dropped block -> (kept twin, similarity)
    for i, j, sim in find_copies(blocks):
        if i in dropped or j in dropped:
            continue
        if len(blocks[i].text) != len(blocks[j].text) and \
                min(len(blocks[i].text), len(blocks[j].text)) < 0.8 * max(
                    len(blocks[i].text), len(blocks[j].text)):
            keep, drop = (i, j) if len(blocks[i].text) > len(blocks[j].text) else (j, i)
        else:
            keep, drop = (j, i) if broken_junctions(blocks[j].text) < \
                broken_junctions(blocks[i].text) else (i, j)
        dropped[drop] = (keep, sim)
    with doc.batch(NAME, optional=True) as batch:
        for k, (keep, sim) in sorted(dropped.items()):
            start, end = _with_gap(blocks, k, set(dropped))
            batch.delete(start, end, "drop_duplicate", round(sim / 100, 2),
                         f"copy of block {keep + 1} (similarity {sim:.0f} ≥ {SIMILAR:.0f}); "
                         f"kept the better-read copy", role="duplicate")


def _with_gap(blocks: list[Block], k: int, dropped: set[int]) -> tuple[int, int]:
    """The block's span plus the blank line after it; at the page end, the blank line
    before it — unless the block before is dropped too and already takes that line."""
    if k + 1 < len(blocks):
        return blocks[k].start, blocks[k + 1].start
    if k > 0 and k - 1 not in dropped:
        return blocks[k - 1].end, blocks[k].end
    return blocks[k].start, blocks[k].end
