"""running: remove the running headers/footers learned across an issue's pages.

Why a stage of its own: the lines are learned by :func:`ocrfix.issue.learn_running_lines`
from *all* pages of an issue (repetition is the evidence) and handed to each page in
``doc.meta["running_lines"]``; removing them before ``heal`` keeps a header printed
between two columns from blocking a paragraph join. A page cleaned alone has no learned
lines and this stage does nothing. Matching is fuzzy (rapidfuzz ``ratio`` on
:func:`~ocrfix.issue.running_key`), so a changed page number or date still matches.
"""

from __future__ import annotations

from rapidfuzz import fuzz

from ..config import Config
from ..doc import Block, Doc

NAME = "running"
REQUIRES = ("text", "furniture")
ASSIGNS = ("furniture",)


def run(doc: Doc, config: Config) -> Doc:
    learned = doc.meta.get("running_lines") or []
    if not learned or "issue_running_line" in config.disabled_rules:
        return doc
    from ..issue import RUNNING_CUTOFF, RUNNING_MAX_CHARS, running_key

    blocks = doc.blocks()
    hits_by_block = [_hits(block, learned, running_key, RUNNING_CUTOFF, RUNNING_MAX_CHARS)
                     for block in blocks]
    full = {i for i, (b, h) in enumerate(zip(blocks, hits_by_block))
            if h and len(h) == len(b.lines)}
    reason = "running header/footer: repeated on {pages} of {of} pages of this issue"
    with doc.batch(NAME) as batch:
        for i, (block, hits) in enumerate(zip(blocks, hits_by_block)):
            if not hits:
                continue
            if i in full:
                start, end = removal_span(blocks, i, full)
                line, best, score = hits[0]
                batch.delete(start, end, "issue_running_line", round(score / 100, 2),
                             reason.format(**best), role="furniture")
                continue
            hit_lines = {id(h[0]) for h in hits}
            for line, best, score in hits:
                start, end = line.start, line.start + len(line.text)
                if end < block.end:
                    end += 1  # the line and its newline
                elif id(block.lines[-2]) not in hit_lines:
                    start -= 1  # the last line takes the newline before it
                batch.delete(start, end, "issue_running_line", round(score / 100, 2),
                             reason.format(**best), role="furniture")
    return doc


def _hits(block: Block, learned: list[dict], key, cutoff: float, max_chars: int) -> list:
    """(line, learned line, score) for each line of the block that is a running line."""
    out = []
    for line in block.lines:
        t = line.text.strip()
        if len(t) > max_chars or not key(t):
            continue
        best = max(learned, key=lambda r: fuzz.ratio(key(t), r["key"]))
        score = fuzz.ratio(key(t), best["key"])
        if score >= cutoff:
            out.append((line, best, score))
    return out


def removal_span(blocks: list[Block], i: int, removed: set[int]) -> tuple[int, int]:
    """The block and the gap after it; in the run of removed blocks that ends the page,
    the gap before it (so no blank line dangles at the end and spans never overlap)."""
    tail_run = all(k in removed for k in range(i, len(blocks)))
    if not tail_run:
        return blocks[i].start, blocks[i + 1].start
    if i > 0:
        return blocks[i - 1].end, blocks[i].end
    return blocks[i].start, blocks[i].end
