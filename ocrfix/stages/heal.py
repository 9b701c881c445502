"""heal: rejoin text that printing or OCR cut apart.

Three rules, run in this order:

* ``unwrap_lines`` — engines like Tesseract write one printed line per text line (a hard
  wrap every 10–20 characters). Lines are joined; a paragraph break is kept where a line
  ends a sentence and stops short of the column width (well short of the block's median,
  or, where the neighbouring lines fill the column evenly, two characters short of them),
  or the next line is indented.
* ``group_infographic`` — a run of short unpunctuated lines full of figures is an
  infographic: its lines stay together as one block, one printed line per text line.
* ``join_broken_paragraph`` — a block that ends mid-sentence followed by a block that
  continues it (a column or page break cut ``要抓好监`` / ``测统计``). The evidence: no
  sentence end, the next block is running text, brackets opened in the first are closed
  by the second, and no continuation marker (``下转``) said the text goes elsewhere. What
  the next block is counts too: a sub-head, an unpunctuated headline, an indented block
  or a paragraph opener nothing reads across to is a paragraph of its own (the head's
  own end then stands elsewhere, an orphan). After a head that stops on a clause mark
  (``…紧抓关键，`` / ``…张强、李伟、``) a paragraph opener (``一方面，``, ``会议强调，``) is
  never the rest of the sentence: a sentence does not begin again inside a clause.
"""

from __future__ import annotations

import re
import statistics

from ..chars import BOUND_END, OPEN_CLOSE, ends_sentence, is_cjk, unbalanced_openers
from ..cohesion import cohesion
from ..config import Config
from ..doc import Block, Doc
from ..fluency import fluency

NAME = "heal"
REQUIRES = ("text", "furniture")
ASSIGNS = ("paragraphs",)

INDENT = re.compile(r"^[ \t\u3000]{2,}")
INNER_SPACE = re.compile(r"[ \t\u3000]+")
#: A news-agency dateline at a line end: the first sentence follows after a space.
DATELINE_END = re.compile(r"^\S{2,12}\d{1,2}日电$")
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
    page_width = statistics.median(lengths) if len(lengths) >= 3 else 0
    with doc.batch(NAME) as batch:
        for block in blocks:
            if looks_like_infographic([ln.text for ln in block.lines]):
                continue
            width = column_width([ln.text for ln in block.lines], page_width)
            # a line of only whitespace ("\r" when normalise is skipped) is part of a gap
            lines = [ln for ln in block.lines if ln.text.strip()]
            lengths = [len(ln.text.strip()) for ln in lines]
            for i, (prev, nxt) in enumerate(zip(lines, lines[1:])):
                gap_start = prev.start + len(prev.text.rstrip())
                gap_end = nxt.start + len(nxt.text) - len(nxt.text.lstrip())
                ahead = INNER_SPACE.sub("", "".join(ln.text.strip() for ln in lines[i + 1:i + 3]))
                head = nxt.text.strip()
                sep, reason = line_separator(prev.text.strip(), nxt.text, width,
                                             even_width(lengths, i), ahead,
                                             dateline=config.rules.opens_with_dateline(head)
                                             and not head.startswith("据"))
                batch.replace(gap_start, gap_end, sep, "unwrap_lines",
                              0.9 if sep != "\n\n" else 0.7, reason)


def column_width(lines: list[str], page_width: float) -> float:
    """The width of the column a block was printed in: the median length of its lines.

    Why per block: articles on one page sit in columns of different widths, so the page's
    median misjudges a narrow or wide column and a full line ending in 。 would look like
    the short last line of a paragraph. A block of fewer than three lines says little
    about its column; then the page's median is the guess.

    >>> column_width(["一二三四五六七八九十", "一二三四五六七八九十", "一二三。"], 16)
    10
    >>> column_width(["一二三", "四五"], 16)
    16
    """
    lengths = [_ink(ln) for ln in lines]
    if len(lengths) >= 3:
        return statistics.median(lengths)
    return page_width


#: Printed lines on each side of a line that show the width of its column.
NEIGHBOURS = 5
#: The neighbours fill the column evenly when this share of them lies within one
#: character of their median (digits, Latin and OCR noise make a ragged column).
EVEN_SHARE = 0.7
#: In an evenly filled column, a sentence-final line this many characters short of its
#: neighbours stops before the column edge: the paragraph ends there.
SHORT_BY = 2


def even_width(lengths: list[int], i: int) -> float:
    """The width of the column around printed line ``i`` when its neighbours fill it
    evenly; 0 when they do not (or are too few to tell).

    Why: a flush page (no blank line, no indent between paragraphs) shows a paragraph end
    only by its short last line. Full printed lines of a justified column hold the same
    number of characters give or take one (a space the OCR reads inside a line is a gap
    of print and takes a character's room, so it counts), so a line two characters short
    of them ends its paragraph; 80 % of the block's median (:func:`column_width`) misses
    a last line only a few characters short in a wide column. The width comes from the
    line's own neighbours, since a block may run on into a column of another width.

    >>> even_width([16, 15, 16, 16, 13, 16, 17, 16], 4)
    16.0
    >>> even_width([9, 14, 6, 18, 11, 16, 8], 3)
    0
    """
    window = lengths[max(0, i - NEIGHBOURS):i] + lengths[i + 1:i + 1 + NEIGHBOURS]
    if len(window) < 3:
        return 0
    mid = statistics.median(window)
    if sum(1 for n in window if abs(n - mid) <= 1) < EVEN_SHARE * len(window):
        return 0
    return float(mid)


def looks_like_infographic(lines: list[str]) -> bool:
    """Many short unpunctuated lines, a third of them with figures: an infographic.

    A line with a comma or a full stop inside is running text (a wrapped paragraph with
    many figures), not a line of a graphic; and lines that all fill the same width are the
    printed lines of a column, while a graphic's items vary in length.
    """
    short = [ln for ln in lines if len(ln) <= INFOGRAPHIC_MAX and not ends_sentence(ln)
             and not any(p in ln for p in "，。；！？")]
    digits = sum(1 for ln in lines if any(ch.isdigit() for ch in ln))
    return len(lines) >= INFOGRAPHIC_MIN_RUN and len(short) >= 0.8 * len(lines) \
        and digits >= 0.3 * len(lines) and not even_lines(lines)


def even_lines(lines: list[str]) -> bool:
    """Do the lines (all but the last) fill one column width, give or take two characters?

    >>> even_lines(["一二三四五六七八", "一二三四五六七", "一二三四五六七八", "一二"])
    True
    >>> even_lines(["82.3万件", "其中", "2018年至2022年", "受理审查起诉"])
    False
    """
    body = [_ink(ln) for ln in lines[:-1]]
    if len(body) < 2:
        return False
    mid = statistics.median(body)
    return sum(1 for n in body if abs(n - mid) <= 2) >= 0.8 * len(body)


def line_separator(prev: str, nxt: str, width: float, even: float = 0,
                   ahead: str = "", *, dateline: bool = False) -> tuple[str, str]:
    """What joins two printed lines: nothing, a space, or a paragraph break.

    ``width`` is the block's column width (:func:`column_width`), ``even`` the width of
    the evenly filled column around ``prev`` (:func:`even_width`; 0 if it is not even),
    ``ahead`` the text from ``nxt`` on without spaces (a date clause may run over two
    printed lines). A line cut mid-sentence before a line that opens a sentence in a way
    no continuation does (:func:`lost_text_between`: ``…吕梁高`` / ``同时，按照…``) keeps
    the break: the printed page lost the text between them, as between two blocks.
    ``dateline``: ``nxt`` opens with a dateline (``本报讯…``, ``…日电``: rules/openers.tsv;
    not ``据新华社…``, which may open a sentence inside a paragraph). It opens an article,
    so after a sentence end or a line that stops short of the column edge (a paragraph
    that lost its end on the printed page: ``…由国家发展和改革委`` / ``本报讯…``) the break
    stays; a flush page shows no other sign of it.

    >>> line_separator("习近平指出，中国同中亚五国建", "交30多年来", 14)[0]
    ''
    >>> line_separator("□ 本报记者 冯凯治", "通讯员 马超", 0)[0]
    ' '
    >>> line_separator("会议还研究了其他事项。", "　　本报讯（记者 王洋）", 14)[0]
    '\\n\\n'
    >>> line_separator("会议研究了其他事项。", "下一步，全县将", 12, 12.0)[0]
    '\\n\\n'
    >>> line_separator("由国家发展和改革委", "本报讯（记者 王洋）又是", 14, dateline=True)[0]
    '\\n\\n'
    """
    head = nxt.lstrip()
    if dateline and (ends_sentence(prev) or (width and len(prev) < 0.8 * width)):
        return "\n\n", ("a printed line opening with a dateline after a sentence end or a "
                         "short line opens an article")
    if INDENT.match(nxt) or (ends_sentence(prev) and width and len(prev) < 0.8 * width):
        return "\n\n", "paragraph ends here (sentence end before the column edge, or indent)"
    if ends_sentence(prev) and even and len(prev) <= even - SHORT_BY:
        return "\n\n", (f"paragraph ends here (sentence end {even - len(prev):g} characters "
                         "short of an evenly filled column)")
    lost = lost_text_between(prev, ahead or head)
    if lost:
        return "\n\n", lost
    if not head or not prev:  # a line of only whitespace or "\r" (normalise skipped)
        return "", "empty line"
    left, right = prev[-1], head[0]
    if left.isupper() and right.isupper() and _latin_letter(left) and _latin_letter(right):
        return "", "line break inside an acronym (ER / P)"
    if _latin_letter(left) and _latin_letter(right):
        return " ", "line break between Latin words"
    if DATELINE_END.search(prev):
        return " ", "a dateline (…2月16日电) is followed by a space"
    if _header_like(prev) and _header_like(head) and not width:
        return " ", "two short header lines (byline, headline) printed as one"
    return "", "printed line break inside a paragraph"


def _ink(line: str) -> int:
    """Characters a printed line holds; stray spaces take no room in the column."""
    return len(INNER_SPACE.sub("", line))


def _latin_letter(ch: str) -> bool:
    """A letter of a Latin word; digits are not (``201`` / ``1年`` is one number)."""
    return ch.isascii() and ch.isalpha()


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
def join_broken_paragraphs(doc: Doc, config: Config, *, stage: str = NAME) -> None:
    """Join a block cut mid-sentence with the next block when that block continues it."""
    blocks = doc.blocks()
    with doc.batch(stage, optional=stage != NAME) as batch:
        for a, b in zip(blocks, blocks[1:]):
            score, reason = continuation_score(a, b, doc, config)
            if score >= 0.5:
                batch.replace(a.end, b.start, "", "join_broken_paragraph", score, reason)


def continuation_score(a: Block, b: Block, doc: Doc, config: Config) -> tuple[float, str]:
    """How sure we are that ``b`` continues the sentence ``a`` breaks off; 0 = not at all."""
    if "\n" in a.text or "\n" in b.text:
        return 0.0, "infographic lines"
    if doc.notes.get(b.src_start, {}).get("paragraph_start"):
        return 0.0, f"page geometry: {doc.notes[b.src_start]['paragraph_start']}"
    if doc.notes.get(a.src_start, {}).get("continued"):
        return 0.0, "a continuation marker sends the text elsewhere"
    if ends_sentence(a.text):
        return 0.0, "first block ends a sentence"
    if CAPTION_LIKE.search(b.text):
        return 0.0, "next block is a picture caption (图为…, …（记者 X 摄）)"
    if indented(doc.source, b.src_start) and not cannot_open(b.text):
        return 0.0, "next block is indented in the source: a paragraph starts there"
    if not running_text(b.text, config) and not ends_sentence(b.text) \
            and not cannot_open(b.text) and (a.text[-1] not in BOUND_END
                                             or not _punctuated(b.text)):
        return 0.0, "next block is not running text"
    if LABELLED_SUBHEAD.match(b.text) and not cannot_open(b.text):
        return 0.0, "next block is a labelled sub-head (建议：…), not the rest of a sentence"
    if not running_text(a.text, config):
        return _short_first_half(a, b, config)
    if LABELLED_SUBHEAD.match(a.text) and cohesion().junction(a.text, b.text) <= BROKEN:
        return 0.0, "first block is a labelled sub-head (背景：…) and no word spans the junction"
    if config.rules.opens_article(b.text) or b.text[0] in OPEN_CLOSE:
        return 0.0, "next block opens an article (rules/openers.tsv)"
    if a.text[-1] in CLAUSE_MARK and config.rules.opens_paragraph(b.text):
        return 0.0, (f"block ends with {a.text[-1]!r} and the next block opens a paragraph "
                     "(rules/openers.tsv): a sentence does not begin again inside a clause, "
                     "so the head's own end stands elsewhere")
    why = opens_after_cut(a.text, b.text, config)
    if why:
        return 0.0, f"next block opens a paragraph and {why}: text was lost between them"
    lost = lost_text_between(a.text, b.text)
    if lost:
        return 0.0, lost
    opened = unbalanced_openers(a.text)
    if opened:
        return _closed_by(opened[-1], b.text)
    last = a.text[-1]
    if is_cjk(last) or last.isdigit():
        return 0.85, "block ends mid-sentence (no sentence-final punctuation)"
    if last in "，、：“‘《（—":
        return 0.8, f"block ends with {last!r}, the sentence goes on"
    return 0.0, "unclear ending"


def opens_after_cut(a: str, b: str, config: Config) -> str:
    """Why ``b``, which opens like a paragraph (rules/openers.tsv), does not continue the
    sentence ``a`` breaks off; ``''`` if it may.

    Why both scores: a paragraph opener after a cut head means the head's own end stands
    elsewhere (an orphan printed before it) — unless the two sides read on. Dictionary
    cohesion says so only inside a word (``…出席|会议…``); across words the word model's
    junction gain does (:mod:`ocrfix.fluency`): a gain of at most 0 is no sign that ``b``
    continues ``a`` (``…纸浆就变成了|近日，据…``). A head ending in a figure
    (``…2035|另一方面，``) has no word across the junction at all.

    >>> from ocrfix.config import Config
    >>> opens_after_cut("会议要求，要抓好农资生产保", "会议还研究了其他事项。", Config())
    'no dictionary word spans the junction'
    >>> opens_after_cut("会议要求，要抓好农资生产保", "供工作，确保春耕顺利。", Config())
    ''
    """
    if not a or not (is_cjk(a[-1]) or a[-1].isdigit()) or not config.rules.opens_paragraph(b):
        return ""
    if is_cjk(a[-1]) and cohesion().junction(a, b) <= BROKEN:
        return "no dictionary word spans the junction"
    fl = fluency(config.fluency_lm)
    if fl is not None and fl.gain(a, b) <= 0:
        return "the word model does not read it on from the cut"
    return ""


def indented(source: str, start: int) -> bool:
    """Does the source line holding ``source[start]`` begin with an indent before it?

    Why: a page that indents its paragraphs (``　　`` or two spaces at a line start) prints
    the rest of a paragraph cut by a column break flush at the top of the next column, so
    an indented block is a paragraph of its own, whatever its first words are.

    >>> src = "要抓好监\\n\\n　　会议还研究了其他事项。\\n测统计。"
    >>> indented(src, src.index("会")), indented(src, src.index("测"))
    (True, False)
    """
    line = source.rfind("\n", 0, start) + 1
    lead = source[line:start]
    return len(lead) >= 2 and not lead.strip(" \u3000")


def _punctuated(text: str) -> bool:
    """Does ``text`` hold a clause or sentence mark? A block ending in a function word
    (``…最大的``) takes a short next block as the rest of its sentence only if that block is
    prose (``清香型白酒生产基地，``); a headline or banner (``城市建设``, ``…学习会议 任秀红主持``)
    has no punctuation at all.

    >>> _punctuated("清香型白酒生产基地，"), _punctuated("城市建设")
    (True, False)
    """
    return any(p in text for p in CLAUSE_PUNCT)


def _closed_by(opener: str, text: str) -> tuple[float, str]:
    """Does ``text`` close the bracket or quote ``opener`` left open?

    In its first sentence is the best evidence; later is still evidence when nothing of the
    same kind opens before it (a quotation may run over several sentences:
    ``“……中间`` / ``了解矛盾。……”``).

    >>> _closed_by("（", "讨论稿）》和《计划》。")[0], _closed_by("“", "了解矛盾。看看问题。”他说。")[0]
    (0.95, 0.85)
    >>> _closed_by("（", "会议听取了《政府工作报告》。")[0]
    0.0
    """
    closer = OPEN_CLOSE[opener]
    head = re.split(r"[。！？]", text, maxsplit=1)[0]
    if closer in head:
        return 0.95, f"block ends inside {opener}…{closer}, closed by the next block"
    at = text.find(closer)
    if at > 0 and opener not in text[:at]:
        return 0.85, f"block ends inside {opener}…{closer}, closed later in the next block"
    return 0.0, f"{opener} opened but next block does not close it"


def _short_first_half(a: Block, b: Block, config: Config) -> tuple[float, str]:
    """A short unpunctuated block is usually a headline; it is the first half of a cut
    paragraph only when the next block cannot stand on its own.

    The evidence: a bracket or quote opened in ``a`` and closed in ``b``, or ``b`` opens
    in a way no paragraph opens (see :func:`cannot_open`). A byline (``□ 本报记者 张娟娟``)
    or a headline with deliberate spaces is never the first half.
    """
    text = DATELINE.sub("", a.text)
    if config.rules.opens_article(text) or " " in text or "\u3000" in text \
            or len(text) < 4 or not (is_cjk(text[-1]) or text[-1].isdigit()):
        return 0.0, "short block that is a headline or byline"
    opened = unbalanced_openers(text)
    if opened:
        return _closed_by(opened[-1], b.text)
    junction = cohesion().junction(text, b.text)
    why = cannot_open(b.text)
    if why == ONE_CHAR_CLAUSE and junction <= BROKEN:
        why = ""  # 信 / 日，…: no word spans the junction; text was lost (a date)
    if why:
        return 0.8, f"short block ends mid-sentence and the next block {why}"
    if text[-1] in BOUND_END:
        return 0.75, f"short block ends with {text[-1]!r}, which ends no headline or sentence"
    if junction >= WORD_SPANS:
        return 0.7, f"a dictionary word spans the junction ({text[-1]}|{b.text[0]})"
    return 0.0, "short block with no punctuation: a headline, not a cut paragraph"


#: A dateline or bracketed byline opening a block: what follows it is the paragraph's
#: first words (``新华社北京2月16日电 中共中央政治局常务`` / ``委员会…``).
DATELINE = re.compile(r"^(?:\S{2,12}\d{1,2}日电|本报讯（[^（）]{0,16}）)[ \u3000]*")
#: A picture caption the furniture stage left in place: never the rest of a paragraph.
CAPTION_LIKE = re.compile(r"^图[①-⑩0-9]*[为：:]|[（(][^（）()]{0,16}摄[）)]$")
#: Characters that end a clause: a block starting ``市，`` is the tail of a word.
CLAUSE_PUNCT = "，、。；：！？"
#: Marks a block may stop on in the middle of a sentence (``…紧抓关键，`` / ``…张三、``).
CLAUSE_MARK = "，、；："
#: Particles and conjunctions that begin no sentence unless they begin a word
#: (``的确``, ``了解``, ``与会``, ``和谐`` do; ``的``, ``了``, ``与``, ``和`` alone do not).
BOUND_START = "的了地得着们之与及和或"
ONE_CHAR_CLAUSE = "starts with a one-character clause"
#: A junction at or above this cohesion lies inside a common word (存|在, 论|坛).
WORD_SPANS = 2.5


def cannot_open(text: str) -> str:
    """Why ``text`` cannot be the beginning of a paragraph; ``''`` if it can.

    >>> cannot_open("市，是全国最大的清香型白酒生产基地。")
    'starts with a one-character clause'
    >>> cannot_open("和存在问题，市政协从6个方面归纳出13条建议。")
    'starts with a particle that begins no word here'
    >>> cannot_open("与会人员结合各领域工作实际发言。"), cannot_open("近年来，汾阳市坚持发展。")
    ('', '')
    """
    if len(text) < 2:
        return ""
    if is_cjk(text[0]) and text[1] in CLAUSE_PUNCT:
        return ONE_CHAR_CLAUSE
    if text[0] in "”’）》」』】，。、；：！？":
        return "starts with closing punctuation"
    if text[0] in BOUND_START and is_cjk(text[1]) and \
            cohesion().pmi(text[0], text[1]) <= BROKEN:
        return "starts with a particle that begins no word here"
    return ""


#: A sentence-initial date clause: ``2022年9月14日，`` / ``3月18日，``.
DATE_CLAUSE = re.compile(r"^(?:\d{4}年(?:\d{1,2}月)?(?:\d{1,2}日)?|\d{1,2}月\d{1,2}日)，")
#: ``同时，`` opens a sentence unless it ends ``…的同时，`` or ``与此同时，`` (rules/openers.tsv
#: leaves it out for that reason).
AT_THE_SAME_TIME = "同时，"
#: Words after which a date runs on inside the sentence (``将于`` / ``2022年…``).
BEFORE_DATE = BOUND_END + "于在至到自是"


def lost_text_between(a: str, b: str) -> str:
    """Why ``a`` (cut mid-sentence) and ``b`` are not two halves of one paragraph: ``b``
    opens a sentence in a way no continuation does, so the text between them was lost
    (printed elsewhere, or under a picture). ``''`` if there is no such sign.

    A date clause (``2022年9月14日，``) opens a sentence unless ``a`` ends with a word
    that takes it (``于``, ``在``); ``同时，`` does unless ``a`` ends with ``的`` or ``此``
    (``…的同时，``) and no dictionary word spans the junction (``…吕梁高`` / ``同时，``).

    >>> lost_text_between("…包含了国酒之源、文化之根、中国酒", "2022年9月14日，在全省会上。")
    'next block opens with a date clause: text was lost between them'
    >>> lost_text_between("…会议定于", "2022年9月14日，在全省召开。")
    ''
    >>> lost_text_between("…以专业镇建设助推吕梁高", "同时，按照省行动方案要求。")
    'next block opens with 同时， after a word that does not take it: text was lost'
    >>> lost_text_between("…在处置案件的", "同时，还会将警情转给社区民警。")
    ''
    """
    if not a or not is_cjk(a[-1]):
        return ""
    if DATE_CLAUSE.match(b) and a[-1] not in BEFORE_DATE:
        return "next block opens with a date clause: text was lost between them"
    if b.startswith(AT_THE_SAME_TIME) and a[-1] not in "的此" and \
            cohesion().junction(a, b) <= BROKEN:
        return "next block opens with 同时， after a word that does not take it: text was lost"
    return ""


def running_text(text: str, config: Config) -> bool:
    """Prose rather than a headline: long enough, or punctuated like a sentence."""
    if len(text) > config.headline_max_chars:
        return True
    return len(text) >= config.heal_min_chars and any(p in text for p in "，。；、：")
