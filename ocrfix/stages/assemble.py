"""assemble: give blocks their roles and group them into articles.

Roles: ``label`` (county label above a headline), ``kicker`` (引题), ``headline``,
``subtitle`` (副题, ``——…``), ``byline`` (``□ 本报记者 …``, ``通讯员 …``: the ``byline`` rows of
rules/openers.tsv), ``source``
(``据《经济日报》``), ``body``. An article starts at the first header block after body
text; articles are separated by two blank lines in the clean text.

Reading-order repairs (headline after its article, tail before its head) are in the
``order`` stage, which runs before this one and uses :func:`assign_roles`.
"""

from __future__ import annotations

import re

from ..chars import SENTENCE_END
from ..config import Config
from ..doc import Block, Doc

NAME = "assemble"
REQUIRES = ("text", "furniture", "paragraphs")
ASSIGNS = ("roles", "articles")

SOURCE = re.compile(r"^(?:据|来源[:：]|（?来源[:：]).{2,30}$")
SUBTITLE = re.compile(r"^(?:——|—|－|-|─)\s*\S")
LABEL = re.compile(r"^\S{1,5}(?:县|市|区|旗|镇)$")
#: Sub-heads inside a feature: ``背景：…`` or two short spaced phrases ``突破新优势 勃发新生机``.
SUBHEAD = re.compile(r"^(?:\S{1,6}[：:]\S.*|\S{2,8}[ \u3000]\S{2,10})$")
#: Characters a headline does not end on but a cut sentence often does (the comma also
#: half-width: normalise makes it full-width only between Chinese characters, and a line
#: cut after it ends on it).
DANGLING = "和的及与或并在对把将为从向、，,：《“（"
HEADER_ROLES = ("label", "kicker", "headline", "subtitle")


def run(doc: Doc, config: Config) -> Doc:
    blocks = doc.blocks()
    roles = assign_roles(blocks, config)
    for block, role in zip(blocks, roles):
        doc.set_role(block, role)
    _fix_subtitle_dashes(doc, blocks, roles)
    _separate_articles(doc, roles, config)
    return doc


def is_headerish(text: str, config: Config) -> bool:
    """Short, one line, no sentence punctuation inside or at the end.

    >>> from ocrfix.config import Config
    >>> is_headerish("千年传承引领现代经济腾飞", Config()), is_headerish("会议还研究了其他事项。", Config())
    (True, False)
    """
    if not text or "\n" in text or len(text) > config.headline_max_chars:
        return False  # empty: a block that was only a dash (``——``) has no header text
    if text[-1] in SENTENCE_END or text.endswith(("。”", "。）")):
        return False
    if text[-1] in DANGLING:
        return False  # a sentence cut after a conjunction or particle, not a headline
    return not any(p in text for p in "。；") and text.count("，") + text.count(",") <= 1


def assign_roles(blocks: list[Block], config: Config) -> list[str]:
    """A role per block, from its own shape and the shape of its neighbours."""
    roles = []
    for b in blocks:
        t = b.text
        if config.rules.is_byline(t):
            roles.append("byline")
        elif (SOURCE.match(t) and "《" in t) or t.startswith("来源"):
            roles.append("source")
        elif "\n" in t:
            roles.append("infographic")
        elif SUBTITLE.match(t) and is_headerish(t.lstrip("—－-─ "), config):
            roles.append("subtitle")
        elif is_headerish(t, config):
            roles.append("header")
        else:
            roles.append("body")
    roles = [_resolve_header(roles, i, blocks) for i in range(len(roles))]
    return [_subhead(roles, i, blocks, config) for i in range(len(roles))]


def _subhead(roles: list[str], i: int, blocks: list[Block], config: Config) -> str:
    """A lone headline between paragraphs, shaped like a sub-head, whose next paragraph
    does not open like a new article, is a sub-head of the running article."""
    if roles[i] != "headline" or i == 0 or i + 1 >= len(roles):
        return roles[i]
    if roles[i - 1] not in ("body", "source", "infographic") or roles[i + 1] != "body":
        return roles[i]
    if config.rules.opens_article(blocks[i + 1].text) or not SUBHEAD.match(blocks[i].text):
        return roles[i]
    return "subhead"


def _resolve_header(roles: list[str], i: int, blocks: list[Block]) -> str:
    """Name a run of header lines: label / kicker / headline / subtitle."""
    if roles[i] != "header":
        return roles[i]
    j = i
    while j > 0 and roles[j - 1] == "header":
        j -= 1
    k = i
    while k + 1 < len(roles) and roles[k + 1] == "header":
        k += 1
    run = list(range(j, k + 1))
    labels = [n for n in run if LABEL.match(blocks[n].text)]
    rest = [n for n in run if n not in labels]
    if i in labels:
        return "label"
    pos = rest.index(i)
    if len(rest) == 1:
        return "headline"
    if len(rest) == 2:
        return ("kicker", "headline")[pos]
    return "kicker" if pos == 0 else ("headline" if pos == 1 else "subtitle")


def _fix_subtitle_dashes(doc: Doc, blocks: list[Block], roles: list[str]) -> None:
    """A subtitle opens with a double dash; OCR often reads it as one ``-`` or ``—``."""
    with doc.batch(NAME) as batch:
        for b, role in zip(blocks, roles):
            m = SUBTITLE.match(b.text)
            if role == "subtitle" and m and not b.text.startswith("——"):
                dash = re.match(r"[—－\-─]+\s*", b.text)
                assert dash is not None
                batch.replace(b.start, b.start + dash.end(), "——", "subtitle_dash", 0.9,
                              "a subtitle opens with a double dash ——")


def _separate_articles(doc: Doc, roles: list[str], config: Config) -> None:
    """Insert the article break (a second blank line) before each new article's first block."""
    blocks = doc.blocks()
    with doc.batch(NAME) as batch:
        for i in range(1, len(blocks)):
            starts = roles[i] in HEADER_ROLES and roles[i - 1] not in HEADER_ROLES
            if roles[i] == "byline" and roles[i - 1] not in HEADER_ROLES + ("byline",):
                starts = True
            why = f"{roles[i]} after body text starts a new article"
            if roles[i] == "body" and roles[i - 1] not in HEADER_ROLES + ("byline",) and \
                    config.rules.opens_with_dateline(blocks[i].text):
                starts, why = True, "a paragraph opening with a dateline starts a new article"
            if starts:
                batch.insert(blocks[i].start, "\n", "article_break", 0.8, why)


def source_or_byline(text: str, config: Config) -> bool:
    """A source line (``据《经济日报》``) or a byline (rules/openers.tsv): either may close
    an article."""
    return config.rules.is_byline(text) or bool(SOURCE.match(text) and "《" in text)
