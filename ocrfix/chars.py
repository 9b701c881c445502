"""Character classes shared by the stages (built once at import, like ftfy's chardata).

>>> is_cjk("中"), is_cjk("a"), is_fullwidth_punct("，")
(True, False, True)
"""

from __future__ import annotations

import re

CJK_RANGES = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
CJK = re.compile(f"[{CJK_RANGES}]")
#: Full-width punctuation of Chinese text (including the ideographic space).
#: Function words that need something after them: text ending in one is cut, and a space
#: after one separates nothing (``报告》和 《计划》``).
BOUND_END = "的与和及亦将把被从向对跟同并而"
FULLWIDTH_PUNCT = "，。、；：？！“”‘’（）《》〈〉【】「」『』—…·～"
#: Units and measure words that follow a figure (``69|件``, ``2035|年``, ``517.96|万元``).
NUMBER_UNITS = "年月日时分秒号个件项人次家户元万亿千百吨亩米名位座台辆条批所期届倍岁天周余多"
#: Characters that may end a sentence (a paragraph ending in one of them is complete).
SENTENCE_END = "。！？…；!?"
CLOSERS = "”’）》」』】)"
OPEN_CLOSE = {"（": "）", "《": "》", "“": "”", "‘": "’", "「": "」", "『": "』", "【": "】",
              "(": ")"}
URL_OR_MAIL = re.compile(
    r"(?:https?://|www\.)[\w./?=&%#:~+-]+|[\w.+-]+@[\w-]+(?:\.[\w-]+)+", re.ASCII)


def is_cjk(ch: str) -> bool:
    """True for a Chinese character (not punctuation)."""
    return bool(ch) and CJK.match(ch) is not None


def is_fullwidth_punct(ch: str) -> bool:
    return bool(ch) and ch in FULLWIDTH_PUNCT


def is_chinese_context(ch: str) -> bool:
    """A character that makes its neighbourhood Chinese text: a hanzi or full-width punctuation."""
    return is_cjk(ch) or is_fullwidth_punct(ch)


def ends_sentence(text: str) -> bool:
    """Does a block end a sentence? Closing quotes/brackets count if a sentence end precedes them.

    >>> ends_sentence("他说：“好。”"), ends_sentence("以“零容忍”"), ends_sentence("要抓好监")
    (True, False, False)
    """
    t = text.rstrip()
    while t and t[-1] in CLOSERS:
        t = t[:-1]
    return bool(t) and t[-1] in SENTENCE_END


def unbalanced_openers(text: str) -> list[str]:
    """Brackets and quotes opened in ``text`` and not closed, innermost last.

    >>> unbalanced_openers("报告（讨")
    ['（']
    """
    stack: list[str] = []
    closers = {v: k for k, v in OPEN_CLOSE.items()}
    for ch in text:
        if ch in OPEN_CLOSE and not (ch == "“" and stack and stack[-1] == "“"):
            stack.append(ch)
        elif ch in closers and stack and stack[-1] == closers[ch]:
            stack.pop()
    return stack
