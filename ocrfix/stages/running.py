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
from ..doc import Doc

NAME = "running"
REQUIRES = ("text", "furniture")
ASSIGNS = ("furniture",)


def run(doc: Doc, config: Config) -> Doc:
    learned = doc.meta.get("running_lines") or []
    if not learned or "issue_running_line" in config.disabled_rules:
        return doc
    from ..issue import RUNNING_CUTOFF, RUNNING_MAX_CHARS, running_key

    blocks = doc.blocks()
    with doc.batch(NAME) as batch:
        for i, block in enumerate(blocks):
            hits = []
            for line in block.lines:
                t = line.text.strip()
                if len(t) > RUNNING_MAX_CHARS or not running_key(t):
                    continue
                best = max(learned, key=lambda r: fuzz.ratio(running_key(t), r["key"]))
                score = fuzz.ratio(running_key(t), best["key"])
                if score >= RUNNING_CUTOFF:
                    hits.append((line, best, score))
            if not hits:
                continue
            reason = "running header/footer: repeated on {pages} of {of} pages of this issue"
            if len(hits) == len(block.lines):
                start, end = _block_span(blocks, i)
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


def _block_span(blocks, i: int) -> tuple[int, int]:
    """The block and the gap after it (before it, for the page's last block)."""
    if i + 1 < len(blocks):
        return blocks[i].start, blocks[i + 1].start
    if i > 0:
        return blocks[i - 1].end, blocks[i].end
    return blocks[i].start, blocks[i].end
