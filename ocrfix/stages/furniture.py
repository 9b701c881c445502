"""furniture: take mastheads, credit lines, banners, captions and markers out of the text.

Nothing is thrown away: each removal is an edit whose ``role`` says what the text was
(``caption``, ``banner``…) and whose ``rule`` is the rule's id in ``rules/``, so the JSON
side channel and the report show every removed line and the pattern that took it.

Recognition is by pattern (``rules/furniture.tsv``, ``rules/profiles/*.tsv``) and by the
banner list (``rules/banners.txt``), never by a line's position on one page.
"""

from __future__ import annotations

from ..config import Config
from ..doc import Block, Doc
from ..rules import FurnitureRule

NAME = "furniture"
REQUIRES = ("text",)
ASSIGNS = ("furniture",)

#: Block-level furniture longer than this is body text that happens to match.
MAX_FURNITURE_CHARS = 400


def classify_block(text: str, rules: tuple[FurnitureRule, ...],
                   banners: frozenset[str]) -> FurnitureRule | None:
    """The first block-scope rule that matches the whole block, or ``None``.

    >>> from ocrfix.rules import load_rules
    >>> r = load_rules()
    >>> classify_block("（下转第4版）", r.furniture, r.banners).id
    'continuation_marker'
    >>> classify_block("会议还研究了其他事项。", r.furniture, r.banners) is None
    True
    """
    t = text.strip()
    if t in banners:
        return FurnitureRule("banner_list", "banner", "block", None, t,  # type: ignore[arg-type]
                             "listed in rules/banners.txt", "banners.txt")
    if len(t) > MAX_FURNITURE_CHARS:
        return None
    for rule in rules:
        if rule.scope == "block" and rule.pattern.fullmatch(t):
            return rule
    for rule in rules:  # a block that is nothing but inline furniture
        if rule.scope == "inline" and rule.pattern.fullmatch(t):
            return rule
    return None


def run(doc: Doc, config: Config) -> Doc:
    """Remove furniture blocks, then furniture inside blocks (markers at a paragraph end)."""
    rules = config.rules
    blocks = doc.blocks()
    found = {}
    for i, block in enumerate(blocks):
        rule = classify_block(block.text, rules.furniture, rules.banners)
        if rule is not None and rule.id not in config.disabled_rules:
            found[i] = rule
    with doc.batch(NAME) as batch:
        for i, rule in found.items():
            start, end = _span_with_gap(blocks, i, found)
            batch.delete(start, end, rule.id, 0.9, f"{rule.role}: {rule.comment}",
                         role=rule.role)
    with doc.batch(NAME) as batch:
        for block in doc.blocks():
            for rule in rules.furniture:
                if rule.scope != "inline" or rule.id in config.disabled_rules:
                    continue
                for m in rule.pattern.finditer(block.text):
                    s, e = _with_spaces(block.text, m.start(), m.end())
                    if e == len(block.text):
                        doc.notes.setdefault(block.src_start, {})["continued"] = True
                    batch.delete(block.start + s, block.start + e, rule.id, 0.9,
                                 f"{rule.role}: {rule.comment}", role=rule.role)
    return doc


def _span_with_gap(blocks: list[Block], i: int, removed: dict) -> tuple[int, int]:
    """A block plus the blank line that separates it from its neighbour.

    Normally the gap after it; for a block in the run of removed blocks that ends the
    page, the gap before it, so that no blank line is left dangling at the end.
    """
    b = blocks[i]
    tail_run = all(k in removed for k in range(i, len(blocks)))
    if not tail_run:
        return b.start, blocks[i + 1].start
    if i > 0:
        return blocks[i - 1].end, b.end
    return b.start, b.end


def _with_spaces(text: str, s: int, e: int) -> tuple[int, int]:
    while s > 0 and text[s - 1] in " \t\u3000":
        s -= 1
    while e < len(text) and text[e] in " \t\u3000":
        e += 1
    return s, e
