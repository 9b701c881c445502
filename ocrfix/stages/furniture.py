"""furniture: take mastheads, credit lines, banners, captions and markers out of the text.

Nothing is thrown away: each removal is an edit whose ``role`` says what the text was
(``caption``, ``banner``…) and whose ``rule`` is the rule's id in ``rules/``, so the JSON
side channel and the report show every removed line and the pattern that took it.

Recognition is by pattern (``rules/furniture.tsv``, ``rules/profiles/*.tsv``) and by the
banner list (``rules/banners.txt``), never by a line's position on one page. Some shapes
are furniture only in a place a page's structure defines (a rule's ``scope``): a bare
number in the header or footer run, a section name right above a headline or dropped into a
cut sentence — the same words above body text are a sub-head and stay. Why: a pattern
alone cannot tell ``社会民生`` the banner from ``社会民生`` the sub-head; where it stands can.
"""

from __future__ import annotations

import re

from ..chars import ends_sentence, is_cjk
from ..cohesion import UNSEEN, cohesion
from ..config import Config
from ..doc import Block, Doc
from ..rules import FurnitureRule, Rules
from .assemble import SOURCE as SOURCE_LINE
from .heal import DATE_CLAUSE

NAME = "furniture"
REQUIRES = ("text",)
ASSIGNS = ("furniture",)

#: Block-level furniture longer than this is body text that happens to match.
MAX_FURNITURE_CHARS = 400


def classify_block(text: str, rules: tuple[FurnitureRule, ...],
                   banners: frozenset[str]) -> FurnitureRule | None:
    """The first block-scope rule that matches the whole block, or ``None``.

    Rules of scope ``edge``, ``before_head`` and ``mid_sentence`` need the page around the
    block and are decided in :func:`find_furniture`.

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


def find_furniture(texts: list[str], rules: Rules,
                   disabled: frozenset[str] | set[str] = frozenset()) -> dict[int, FurnitureRule]:
    """Furniture blocks of a page by index: block rules first, then the rules that need
    context — ``edge`` rules in the page's header or footer run, ``before_head`` rules on a
    block standing right above a headline (or inside the page's head run of furniture, a
    masthead or credit line under it), ``mid_sentence`` rules on a block dropped into a
    paragraph between the two halves of a sentence, and a section name above its pinyin.

    >>> from ocrfix.rules import load_rules
    >>> page = ["12", "城区快讯", "市区新增三条公交线路", "本报讯 日前，新线路开通运营，方便沿线群",
    ...         "文化视点", "众出行。", "7"]
    >>> sorted((i, r.id) for i, r in find_furniture(page, load_rules()).items())
    ... # doctest: +NORMALIZE_WHITESPACE
    [(0, 'page_number_bare'), (1, 'section_banner_before_head'),
     (4, 'section_banner_mid_sentence'), (6, 'page_number_bare')]
    """
    furniture = tuple(r for r in rules.furniture if r.id not in disabled)
    found: dict[int, FurnitureRule] = {}
    flat = [one_line(t) for t in texts]
    for i, text in enumerate(flat):
        rule = classify_block(text, furniture, rules.banners)
        if rule is not None and rule.id not in disabled:
            found[i] = rule
    edge = [r for r in furniture if r.scope == "edge"]
    for order in (range(len(texts)), range(len(texts) - 1, -1, -1)):
        for i in order:  # the run of furniture at the head (then the foot) of the page
            if i in found:
                continue
            rule = next((r for r in edge if r.pattern.fullmatch(flat[i])), None)
            if rule is None:
                break
            found[i] = rule
    heads = [r for r in furniture if r.scope == "before_head"]
    inside = [r for r in furniture if r.scope == "mid_sentence"]
    for i in range(len(texts) - 1):  # a section name inside the page's head run
        if i in found:
            continue
        rule = next((r for r in heads if r.pattern.fullmatch(flat[i])), None)
        if rule is None or i + 1 not in found \
                or found[i + 1].role not in ("furniture", "banner"):  # masthead, credit…
            break
        found[i] = rule
    for i, t in enumerate(flat):
        if i in found:
            continue
        # its pinyin under it, or under a caption or credit printed between them
        below = next((k for k in range(i + 1, len(texts))
                      if k not in found or found[k].role == "banner"), None)
        if below is not None and below in found and _spells_pinyin(t, texts[below].strip()):
            found[i] = PINYIN_PAIR
            continue
        # the neighbours in the text: furniture found so far (a credit line, a caption
        # printed between the banner and its headline) is not text and stands in no way
        nxt = next((k for k in range(i + 1, len(texts)) if k not in found), None)
        prv = next((k for k in range(i - 1, -1, -1) if k not in found), None)
        if nxt is None:
            continue
        after = texts[nxt].strip()
        if _headline_like(after) and not rules.opens_article(after):
            rule = None
            if prv is None or not _in_header_run(texts[prv].strip(), rules):
                rule = next((r for r in heads if r.pattern.fullmatch(t)), None)
        else:  # the pattern first: the context check reads the cohesion model
            rule = next((r for r in inside if r.pattern.fullmatch(t)), None)
            if rule is not None and (prv is None or not _cuts_sentence(
                    _without_inline(texts[prv].strip(), rules), after, rules)):
                rule = None
        if rule is not None:
            found[i] = rule
    return found


def one_line(text: str) -> str:
    r"""A block as one line: a caption or credit printed over two lines (one printed line
    per text line, as Tesseract writes) is matched like the same text on one line. Line
    breaks between Chinese characters vanish; between Latin letters or digits they are a space.

    >>> one_line("图为志愿者在山坡上\n栽种侧柏。"), one_line("LIN HAI\nZONG LAN")
    ('图为志愿者在山坡上栽种侧柏。', 'LIN HAI ZONG LAN')
    """
    return LINE_BREAK.sub(lambda m: " " if _ascii_word(m.string, m.start(), m.end()) else "",
                          text.strip())


LINE_BREAK = re.compile(r"[ \t\u3000]*\n[ \t\u3000]*")


def _ascii_word(text: str, s: int, e: int) -> bool:
    return s > 0 and e < len(text) and text[s - 1].isascii() and text[s - 1].isalnum() \
        and text[e].isascii() and text[e].isalnum()


def _cuts_sentence(before: str, after: str, rules: Rules) -> bool:
    """Do ``before`` and ``after`` read as one paragraph cut in two? ``before`` is running
    text that stops mid-sentence, ``after`` does not open an article, and the two join:
    the characters across the cut occur together in some word. Then a short line between them was dropped
    there by the layout. (A sub-head after a paragraph that lost its end on the printed
    page does not qualify: the next paragraph opens with a quote, a bracket or a new word.)

    >>> from ocrfix.rules import load_rules
    >>> _cuts_sentence("全市上下要紧紧围绕目标，切实抓好监", "测统计工作。", load_rules())
    True
    >>> _cuts_sentence("全市上下要紧紧围绕目标任务。", "抓好各项工作落实。", load_rules())
    False
    >>> _cuts_sentence("为专业镇发展营造了更优环境，提供", "“盖得天独厚，唯我汾阳。”", load_rules())
    False
    """
    if (len(before) < 8 or ends_sentence(before) or _headline_like(before)
            or not after or not is_cjk(after[0]) or rules.opens_article(after)):
        return False
    if not (is_cjk(before[-1]) or before[-1].isdigit()):
        return False
    if cohesion().pmi(before[-1], after[0]) > UNSEEN:
        return True  # a word spans the cut: ``监|测``
    # a cut between two words: ``…推动煤焦冶电等|传统产业…``. Then ``after`` must read as
    # the rest of a sentence, not as a paragraph of its own: no paragraph opener
    # (``会议强调``, ``近年来``…, rules/openers.tsv) and no date clause, and running text.
    return (not rules.opens_paragraph(after) and not DATE_CLAUSE.match(after)
            and any(p in after for p in "，。；、：！？"))


def _without_inline(text: str, rules: Rules) -> str:
    """``text`` without the inline furniture at its end (``…集中统（上接第12版）``): the
    marker was printed there, the sentence still stops at ``统``.

    >>> from ocrfix.rules import load_rules
    >>> _without_inline("坚决维护党中央权威和集中统（上接第12版）", load_rules())
    '坚决维护党中央权威和集中统'
    """
    for rule in rules.furniture:
        if rule.scope == "inline":
            text = rule.pattern.sub("", text).rstrip()
    return text


#: A section name printed above its pinyin (``政务动态`` / ``ZHENG WU DONG TAI``).
PINYIN_PAIR = FurnitureRule("section_banner_with_pinyin", "banner", "block",
                            re.compile(r".*"), "", "a section name above its own pinyin "
                            "spelling (one syllable per character)", "furniture.py")
HANZI_RUN = re.compile(r"[\u4e00-\u9fff]{2,8}")
PINYIN = re.compile(r"[A-Z]{1,6}(?:\s+[A-Z]{1,6}){1,7}")
SENTENCE_END = "。！？!?；;…"


def _spells_pinyin(text: str, below: str) -> bool:
    """Is ``below`` the pinyin of ``text``, one capitalised syllable per character?

    >>> _spells_pinyin("政务动态", "ZHENG WU DONG TAI"), _spells_pinyin("政务动态", "YAO WEN")
    (True, False)
    """
    return bool(HANZI_RUN.fullmatch(text) and PINYIN.fullmatch(below)
                and len(below.split()) == len(text))


def _in_header_run(before: str, rules: Rules) -> bool:
    """Does a block after ``before`` belong to ``before``'s header run? A banner stands
    above a headline, after the end of the text before it (or after furniture); a short
    line right after a headline is that headline's deck (``强化科技创新 助力…``), however
    much it reads like a slogan. A byline ends a header run: what follows it is new.

    >>> from ocrfix.rules import load_rules
    >>> _in_header_run("常书铭与陈辉一行举行工作会谈", load_rules())
    True
    >>> r = load_rules()
    >>> _in_header_run("会议还研究了其他事项。", r), _in_header_run("据《经济日报》", r)
    (False, False)
    """
    return _headline_like(before) and not rules.opens_article(before) \
        and not (SOURCE_LINE.match(before) and "《" in before)


def _headline_like(text: str) -> bool:
    """A short single-line block without sentence punctuation that is not a subtitle
    (``——…``): what a headline looks like before the layout stages name it.

    >>> _headline_like("市区新增三条公交线路"), _headline_like("新线路于日前开通运营。")
    (True, False)
    >>> _headline_like("——我市培育特色专业镇发展纪实")
    False
    """
    return (0 < len(text) <= 50 and "\n" not in text and not text.startswith(("—", "-", "－"))
            and not any(ch in SENTENCE_END for ch in text) and "，" not in text)


def run(doc: Doc, config: Config) -> Doc:
    """Remove furniture blocks, then furniture inside blocks (markers at a paragraph end)."""
    rules = config.rules
    blocks = doc.blocks()
    found = find_furniture([b.text for b in blocks], rules, config.disabled_rules)
    with doc.batch(NAME) as batch:
        for i, rule in found.items():
            start, end = _span_with_gap(blocks, i, found)
            batch.delete(start, end, rule.id, 0.9, f"{rule.role}: {rule.comment}",
                         role=rule.role)
    with doc.batch(NAME) as batch:
        for block in doc.blocks():
            taken: list[tuple[int, int]] = []  # two rules may match one marker: the first
            for rule in rules.furniture:       # in rules/ order takes it
                if rule.scope != "inline" or rule.id in config.disabled_rules:
                    continue
                for m in rule.pattern.finditer(block.text):
                    s, e = _with_spaces(block.text, m.start(), m.end())
                    if any(s < te and ts < e for ts, te in taken):
                        continue
                    taken.append((s, e))
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
