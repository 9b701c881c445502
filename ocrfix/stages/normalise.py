"""normalise: make the characters of the page uniform before layout work reads them.

Each rule is a small named function that returns ``(start, end, after, reason)`` changes
for one block; :func:`run` applies them as one batch per rule, so the log says which rule
made which change. The rules are deliberately conservative: numbers (``2,000``,
``12:30``), e-mail and web addresses keep their characters, deliberate spaces in short
lines (headlines, bylines) stay, and traditional characters are converted only in blocks
that are evidently written in traditional script.
"""

from __future__ import annotations

import re
import statistics
import unicodedata
from functools import lru_cache
from typing import Callable, Iterator

from ..chars import BOUND_END, CJK_RANGES, URL_OR_MAIL, ends_sentence, is_chinese_context, is_cjk
from ..config import Config
from ..doc import Doc

NAME = "normalise"
REQUIRES: tuple[str, ...] = ()
ASSIGNS = ("text",)

Change = tuple[int, int, str, str]  # start, end (in the block text), after, reason

MARKUP = re.compile(r"^[ \t]*(?:#{1,6}[ \t]+|>[ \t]?)+", re.M)
#: A markdown image (``![](p1.jpg)``, ``![图片](x.png "title")``): where a converter saw a
#: picture. It carries no text of the page. No nested brackets, no line break inside.
MD_IMAGE = re.compile(r"!\[[^\[\]\n]*\]\([^()\s]*(?:\s+\"[^\"\n]*\")?\)")
GAP = re.compile(r"\n[ \t\u3000]*(?:\n[ \t\u3000]*)+")
TRAILING = re.compile(r"[ \t\u3000]+$", re.M)
SPACE_RUN = re.compile(r"[ \t\u3000]+")
#: Spaces printed on purpose: bylines, photo credits, datelines. Separate patterns, because
#: one text can hold several that share characters (``记者 侯利军 摄``).
PROTECTED_SPACES = (
    # a name may run over a printed line's end: 记者 李 / 雅萍
    re.compile(rf"(?:记者|通讯员|编辑|摄影|作者|□)[ \t\u3000]+[{CJK_RANGES}·](?:\n?[{CJK_RANGES}·]){{1,3}}"),
    re.compile(rf"[{CJK_RANGES}·]{{2,4}}[ \t\u3000]+摄"),
    re.compile(r"\d{1,2}日\n?电[ \t\u3000]+"),  # dateline: 新华社北京2月16日电 中共中央…
)
EMOJI = re.compile("[\U0001F000-\U0001FAFF\u2600-\u27BF\uFE0F\u200B-\u200D\u2060\uFEFF\uFFFD]")
LONG_BLOCK = 40
#: A decimal point an engine read as a comma: 1–4 digits, a comma, 1–2 digits and a unit
#: a decimal number takes (``34，6%``, ``2，2万户``, ``517，96万元``). A thousands group has
#: three digits after its comma, and a list of numbers is written with 、, not ，.
DECIMAL_COMMA = re.compile(r"(?<![\d.,，])(\d{1,4})[,，](\d{1,2})(?=[%‰万亿千百元倍个吨米亩户岁度克斤升])")
#: A dash between two numbers read as 一 (``1一8月``): no Chinese text writes an Arabic
#: digit then 一 then a digit; the dash of a range of months or days is meant.
DIGIT_YI = re.compile(r"(?<=\d)一(?=\d{1,2}[月日号])")
#: Lines either side of a printed line that tell the width of its column.
COLUMN_WINDOW = 3


def strip_markdown(text: str) -> Iterator[Change]:
    """Markdown heading and quote markers (``## ``, ``> ``) and image references
    (``![](p1.jpg)``) left by a markdown converter.

    >>> list(strip_markdown("## 标题"))
    [(0, 3, '', 'markdown heading/quote marker')]
    >>> list(strip_markdown("![](a1.jpg)"))
    [(0, 11, '', 'markdown image reference')]
    """
    for m in MARKUP.finditer(text):
        if m.end() > m.start():
            yield m.start(), m.end(), "", "markdown heading/quote marker"
    for m in MD_IMAGE.finditer(text):
        yield m.start(), m.end(), "", "markdown image reference"


def block_gaps(text: str) -> Iterator[Change]:
    """Runs of blank lines (pictures, column gaps) become one blank line between blocks."""
    for m in GAP.finditer(text):
        if m.group() != "\n\n":
            yield m.start(), m.end(), "\n\n", "blank-line run between blocks"


def trailing_space(text: str) -> Iterator[Change]:
    """Spaces at the end of a line carry no text."""
    for m in TRAILING.finditer(text):
        yield m.start(), m.end(), "", "space at line end"


def remove_garbage(text: str) -> Iterator[Change]:
    """Emoji, zero-width and replacement characters, control characters and lone
    surrogates are picture or encoding debris."""
    for m in EMOJI.finditer(text):
        yield m.start(), m.end(), "", f"debris character U+{ord(m.group()[0]):04X}"
    for i, ch in enumerate(text):
        if unicodedata.category(ch) == "Cc" and ch not in "\n\t":
            yield i, i + 1, "", f"control character U+{ord(ch):04X}"
        elif unicodedata.category(ch) == "Cs":  # cannot be encoded: OpenCC and writing fail
            yield i, i + 1, "", f"lone surrogate U+{ord(ch):04X}"


def cjk_spaces(text: str) -> Iterator[Change]:
    """Spaces inside Chinese text left by line joins or by an engine that spaces characters.

    A space next to full-width punctuation goes, except beside a quote or bracket in a
    short line (a headline: ``“中国+中亚五国” 产业``). Between two hanzi (or a hanzi and
    a digit) it goes in long blocks and in character-spaced lines (``中 国 同``), but stays
    in short lines, where it is deliberate (``锚定现代化 改革再深化``), and in byline
    patterns (``记者 王洋``, ``张娟娟 摄``).

    >>> [c[:3] for c in cjk_spaces("中国同中亚五国建 交30多年来，相继建立战略伙伴关 系，走出了一条新路。")]
    [(8, 9, ''), (25, 26, '')]
    """
    protected = {i for rx in PROTECTED_SPACES for m in rx.finditer(text)
                 for i in range(m.start(), m.end())}
    multi_line = "\n" in text
    column = _column_lines(text) if multi_line else set()
    for k, (line_start, line) in enumerate(_lines(text)):
        spaced = _char_spaced(line)
        long_text = spaced or _is_prose(line if multi_line else text) or k in column
        for m in SPACE_RUN.finditer(line):
            s, e = line_start + m.start(), line_start + m.end()
            if s in protected or s == line_start or e == line_start + len(line):
                continue
            left, right = text[s - 1], text[e]
            punct_side = _fw_punct(left) or _fw_punct(right)
            hanzi_pair = (is_cjk(left) or left.isdigit()) and (is_cjk(right) or right.isdigit())
            digits = left.isdigit() and right.isdigit()
            if not (is_cjk(left) or is_cjk(right) or punct_side or (spaced and digits)):
                continue
            if (punct_side and (long_text or not _quote_side(left, right))) or \
                    (hanzi_pair and long_text):
                yield s, e, "", "space inside Chinese text"


#: Where one block ends and the next begins (blank lines; ``block_gaps`` ran before).
BLOCK_SEP = re.compile(r"\n[ \t\u3000]*\n")


def fullwidth_punctuation(text: str, table: dict[str, str]) -> Iterator[Change]:
    """Half-width ``, : ; ? ! ( )`` and straight quotes become full-width in Chinese context.

    Kept: digits on both sides (``2,000``, ``12:30``), web and e-mail addresses, Latin text.
    Each block is decided on its own, except that a quotation still open at the end of a
    block that does not end a sentence stays open into the next block: a column break
    cut the paragraph there (``实现"一镇带一方`` / ``、一方促全盘"的``).

    >>> [c[2] for c in fullwidth_punctuation('互利共赢, 携手,"中国+中亚"', {",": "，"})]
    ['，', '，', '“', '”']
    >>> [c[2] for c in fullwidth_punctuation('实现"一镇带一方\\n\\n、全盘"的发展', {})]
    ['“', '”']
    """
    opened, pos = False, 0
    for sep in [*BLOCK_SEP.finditer(text), None]:
        end = sep.start() if sep else len(text)
        block = text[pos:end]
        changes, opened = _punctuate_block(block, table, opened)
        yield from ((s + pos, e + pos, after, why) for s, e, after, why in changes)
        opened = opened and not ends_sentence(block.rstrip())
        pos = sep.end() if sep else end


def _punctuate_block(text: str, table: dict[str, str], opened: bool
                     ) -> tuple[list[Change], bool]:
    """:func:`fullwidth_punctuation` for one block, starting inside a quotation if
    ``opened``; returns the changes and whether a quotation is open at the block's end."""
    out: list[Change] = []
    skip = {i for m in URL_OR_MAIL.finditer(text) for i in range(m.start(), m.end())}
    for i, ch in enumerate(text):
        if i in skip:
            continue
        left, right = _neighbour(text, i, -1), _neighbour(text, i, 1)
        chinese = is_chinese_context(left) or is_chinese_context(right)
        if ch == '"':
            if chinese or _has_cjk(text):
                side = _quote_side_from_context(left, right)
                why = "straight quote in Chinese text"
                if side is None:
                    side = "close" if opened else "open"
                else:
                    why += f" ({side}s: {_SIDE_WHY[side]})"
                opened = side == "open"
                out.append((i, i + 1, "“" if opened else "”", why))
            continue
        if ch not in table or not chinese:
            continue
        if ch in ",:" and left.isdigit() and right.isdigit() and _adjacent_digits(text, i):
            continue
        out.append((i, i + 1, table[ch], f"half-width {ch} in Chinese text"))
    return out, opened


#: An angle bracket and the round bracket it pairs with are looked for this far apart.
BRACKET_REACH = 40
_OPENERS, _CLOSERS = "〈（(", "〉）)"


def decimal_point(text: str) -> Iterator[Change]:
    """A comma inside a decimal number back to the point it was (:data:`DECIMAL_COMMA`).

    Why: Tesseract reads the small point of ``34.6%`` as a comma (128 times on 112
    bench-scan pages, every one a decimal in the truth); the golden pages and FASPell's
    sentences have no comma in that shape.

    >>> [c[2:] for c in decimal_point("占全省34，6%，全国15,1%，共2，000吨")]
    [('.', 'decimal point read as a comma: 34，6%'), ('.', 'decimal point read as a comma: 15,1%')]
    """
    for m in DECIMAL_COMMA.finditer(text):
        comma = m.start(2) - 1
        yield comma, comma + 1, ".", f"decimal point read as a comma: {m.group(0)}{text[m.end()]}"


def digit_dash(text: str) -> Iterator[Change]:
    """The dash of a range of months or days read as 一 (:data:`DIGIT_YI`).

    >>> [c[2] for c in digit_dash("今年1一8月，一季度")]
    ['—']
    """
    for m in DIGIT_YI.finditer(text):
        yield m.start(), m.end(), "—", f"dash between numbers read as 一: {text[m.start() - 1:m.end() + 2]}"


def bracket_shape(text: str) -> Iterator[Change]:
    """An angle bracket ``〈`` closed by a round one ``）`` is a round one misread (and
    ``（…〉`` the other way round).

    Why: OCR engines read the full-width round bracket as an angle bracket
    (``本报讯〈记者 刘丽霞）``): the two differ by a few pixels of curve. A pair must
    match, and Chinese news text writes round brackets far more often, so the angle
    bracket is the misread one. Only a bracket whose partner is found (within
    :data:`BRACKET_REACH` characters, no other bracket between) is changed; a lone
    ``〈`` stays as printed.

    >>> [c[2] for c in bracket_shape("本报讯〈记者 刘丽霞）3月18日")]
    ['（']
    >>> list(bracket_shape("《〈论语〉选读》"))
    []
    """
    for i, ch in enumerate(text):
        if ch == "〈":
            partner = _next_bracket(text, i, 1)
            if partner is not None and text[partner] in "）)":
                yield i, i + 1, "（", f"angle bracket closed by {text[partner]}: a round one"
        elif ch == "〉":
            partner = _next_bracket(text, i, -1)
            if partner is not None and text[partner] in "（(":
                yield i, i + 1, "）", f"angle bracket opened by {text[partner]}: a round one"


def _next_bracket(text: str, i: int, step: int) -> int | None:
    """The index of the nearest bracket after (``step`` 1) or before (-1) ``text[i]``,
    within :data:`BRACKET_REACH`, if it is of the kind that pairs with it."""
    want = _CLOSERS if step == 1 else _OPENERS
    j = i + step
    while 0 <= j < len(text) and abs(j - i) <= BRACKET_REACH and text[j] != "\n":
        if text[j] in _OPENERS or text[j] in _CLOSERS:
            return j if text[j] in want else None
        j += step
    return None


def traditional_to_simplified(text: str) -> Iterator[Change]:
    """Convert with OpenCC (t2s) where the block is evidently in traditional script.

    One stray traditional character in simplified text (a name, a quoted classic) is kept:
    conversion needs at least two converted characters and 5% of the block's hanzi.
    """
    converted = _opencc().convert(text)
    if len(converted) != len(text):
        return
    diffs = [i for i, (a, b) in enumerate(zip(text, converted)) if a != b]
    hanzi = sum(1 for ch in text if is_cjk(ch)) or 1
    if len(diffs) < 2 or len(diffs) / hanzi < 0.05:
        return
    for i in diffs:
        yield i, i + 1, converted[i], "traditional character (OpenCC t2s)"


@lru_cache(maxsize=1)
def _opencc():
    import opencc  # loaded lazily: importing ocrfix stays fast

    return opencc.OpenCC("t2s")


def _lines(text: str) -> Iterator[tuple[int, str]]:
    pos = 0
    for line in text.split("\n"):
        yield pos, line
        pos += len(line) + 1


def _is_prose(text: str) -> bool:
    """Running text (not a headline or byline): long, or punctuated like a sentence."""
    return len(text) >= LONG_BLOCK or any(p in text for p in "，。；！？")


def _column_lines(text: str) -> set[int]:
    r"""Indexes of the lines of ``text`` that are printed lines of a wrapped paragraph.

    Why: in one-line-per-printed-line output a line of running text is short (10–20
    characters) and often has no comma, so on its own it looks like a headline whose
    spaces are deliberate. The block tells: when it reads as prose, a line that fills the
    column width (the median line length, give or take two) is a piece of a paragraph, and
    so is a line that goes on from one that did not end its sentence.

    >>> sorted(_column_lines("本报讯（记者智慧萍）1月 5日\n下午，市委副书记、市长常书铭\n与北京来客座谈。"))
    [0, 1, 2]
    >>> sorted(_column_lines("智慧出警 守护平安\n□ 本报记者 冯凯治"))
    []
    """
    lines = [ln.strip() for ln in text.split("\n")]
    if len(lines) < 2 or not _is_prose("".join(lines)):
        return set()
    ink = [len(SPACE_RUN.sub("", ln)) for ln in lines]  # stray spaces take no column room
    # A paragraph's last line is short and ends its sentence; the others fill the column.
    # Judged over a few neighbouring lines, since one block can hold two columns' text.
    inner = [k for k in range(len(lines) - 1) if not ends_sentence(lines[k])] or \
        list(range(len(lines)))
    out: set[int] = set()
    for k, line in enumerate(lines):
        near = [ink[j] for j in inner if abs(j - k) <= COLUMN_WINDOW]
        width = statistics.median(near) if near else ink[k]
        even = sum(1 for n in near if abs(n - width) <= 2) >= 0.8 * len(near)
        fills = even and abs(ink[k] - width) <= 2
        runs_on = k > 0 and (k - 1) in out and not ends_sentence(lines[k - 1])
        if line and (fills or runs_on):
            out.add(k)
    return out


def _quote_side(left: str, right: str) -> bool:
    """A space after a closing or before an opening quote or bracket. In a headline it
    separates two phrases on purpose (``习近平向“中国+中亚五国” 产业与投资合作论坛致贺信``),
    but never after a function word that needs what follows (``报告》和 《计划》``).

    >>> _quote_side("”", "产"), _quote_side("，", "产"), _quote_side("和", "《")
    (True, False, False)
    """
    return left in "”’）》」』】" or (right in "“‘（《「『【" and left not in BOUND_END)


def _char_spaced(line: str) -> bool:
    tokens = line.split()
    singles = sum(1 for t in tokens if len(t) == 1 and is_cjk(t))
    return len(tokens) >= 4 and singles / len(tokens) >= 0.6


def _fw_punct(ch: str) -> bool:
    return is_chinese_context(ch) and not is_cjk(ch)


#: A quote right before these closes (``”，`` ``”。``): nothing opens onto punctuation.
CLOSES_BEFORE = frozenset("，,。、；;：！!？?）)》」』】")  # not a line break: lines wrap anywhere
#: A quote right after these opens (``说：“`` ``（“``): they introduce, never end, a
#: quotation. ``，、`` open too when text follows (``提出，“一镇带一方”``); ``。！？``
#: do not decide (``好。”走进`` closes a quotation that ended with its own full stop).
OPENS_AFTER = frozenset("：:（(《「『【")
OPENS_AFTER_COMMA = frozenset("，,、；;")
_SIDE_WHY = {"open": "after punctuation that introduces a quotation",
             "close": "before punctuation"}


def _quote_side_from_context(left: str, right: str) -> str | None:
    """``"open"``/``"close"`` when a straight quote's neighbours decide its direction,
    else ``None`` (counting decides). Why: counting alone turns every later quote the wrong
    way after one unmatched quote (a quotation cut by a column break, a lost mark), and
    a block is often only part of a paragraph; the neighbours put the count right again.

    >>> _quote_side_from_context("丸", "。"), _quote_side_from_context("：", "我")
    ('close', 'open')
    >>> _quote_side_from_context("，", "一"), _quote_side_from_context("了", "定") is None
    ('open', True)
    """
    if right in CLOSES_BEFORE or not right:  # punctuation, or the end of the block
        return "close" if left not in OPENS_AFTER else None
    if left in OPENS_AFTER or left in OPENS_AFTER_COMMA:  # text follows: punctuation returned above
        return "open"
    return None


def _neighbour(text: str, i: int, step: int) -> str:
    j = i + step
    while 0 <= j < len(text) and text[j] in " \t":
        j += step
    return text[j] if 0 <= j < len(text) else ""


def _adjacent_digits(text: str, i: int) -> bool:
    return 0 < i < len(text) - 1 and text[i - 1].isdigit() and text[i + 1].isdigit()


def _has_cjk(text: str) -> bool:
    return any(is_cjk(ch) for ch in text)


def _rules(config: Config) -> list[tuple[str, Callable[[str], Iterator[Change]], bool]]:
    """(rule name, function, per-block?) in the order they run."""
    punct = config.rules.punctuation
    return [
        ("remove_garbage", remove_garbage, False),
        ("strip_markdown", strip_markdown, False),
        ("trailing_space", trailing_space, False),
        ("block_gaps", block_gaps, False),
        ("traditional_to_simplified", traditional_to_simplified, True),
        ("fullwidth_punctuation", lambda t: fullwidth_punctuation(t, punct), False),  # quotes cross blocks
        ("bracket_shape", bracket_shape, True),
        ("decimal_point", decimal_point, True),
        ("digit_dash", digit_dash, True),
        ("cjk_spaces", cjk_spaces, True),
    ]


def run(doc: Doc, config: Config) -> Doc:
    """Apply each normalisation rule over the page, one batch per rule."""
    for rule, fn, per_block in _rules(config):
        if rule in config.disabled_rules:
            continue
        with doc.batch(NAME) as batch:
            pieces = ([(b.start, b.text) for b in doc.blocks()] if per_block
                      else [(0, batch.text)])
            for offset, text in pieces:
                for s, e, after, reason in fn(text):
                    batch.replace(offset + s, offset + e, after, rule, 1.0, reason)
    _trim_page(doc)
    return doc


def _trim_page(doc: Doc) -> None:
    """No whitespace before the first block; the page ends with exactly one newline."""
    with doc.batch(NAME) as batch:
        text = batch.text
        lead = len(text) - len(text.lstrip())
        if lead and lead < len(text):
            batch.delete(0, lead, "trim_page", 1.0, "whitespace before the first block")
        body_end = len(text.rstrip())
        if lead < body_end < len(text):  # none to replace: emit adds it after the moves
            batch.replace(body_end, len(text), "\n", "trim_page", 1.0,
                          "the page ends with one newline")
