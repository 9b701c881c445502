"""assemble: give blocks their roles and group them into articles.

Roles: ``label`` (county label above a headline), ``kicker`` (引题), ``headline``,
``subtitle`` (副题, ``——…``), ``byline`` (``□ 本报记者 …``, ``通讯员 …``), ``source``
(``据《经济日报》``), ``body``. An article starts at the first header block after body
text; articles are separated by two blank lines in the clean text.

One reading-order repair lives here because it needs roles: a headline printed *after*
its article (it is followed by another header, not by its own text) is moved before the
paragraphs it shares the most words with, when that evidence is clear.
"""

from __future__ import annotations

import re

from ..chars import SENTENCE_END
from ..config import Config
from ..doc import Block, Doc

NAME = "assemble"
REQUIRES = ("text", "furniture", "paragraphs")
ASSIGNS = ("roles", "articles")

BYLINE = re.compile(r"^(?:[□■]\s*\S.{0,30}|(?:本报)?(?:记者|通讯员|特约记者)\s+\S.{0,30})$")
SOURCE = re.compile(r"^(?:据|来源[:：]|（?来源[:：]).{2,30}$")
SUBTITLE = re.compile(r"^(?:——|—|－|-|─)\s*\S")
LABEL = re.compile(r"^\S{1,5}(?:县|市|区|旗|镇)$")
#: The first paragraph of a new article often opens with its dateline or byline.
ARTICLE_OPENING = re.compile(r"^(?:本报讯|新华社|中新社|据新华社|[□■]|本报记者|\S{2,12}\d{1,2}日电)")
#: Sub-heads inside a feature: ``背景：…`` or two short spaced phrases ``突破新优势 勃发新生机``.
SUBHEAD = re.compile(r"^(?:\S{1,6}[：:]\S.*|\S{2,8}[ \u3000]\S{2,10})$")
#: Characters a headline does not end on but a cut sentence often does.
DANGLING = "和的及与或并在对把将为从向、，：《“（"
HEADER_ROLES = ("label", "kicker", "headline", "subtitle")


def run(doc: Doc, config: Config) -> Doc:
    if "move_trailing_headline" not in config.disabled_rules:
        move_trailing_headlines(doc, config)
    blocks = doc.blocks()
    roles = assign_roles(blocks, config)
    for block, role in zip(blocks, roles):
        doc.set_role(block, role)
    _fix_subtitle_dashes(doc, blocks, roles)
    _separate_articles(doc, roles)
    return doc


def is_headerish(text: str, config: Config) -> bool:
    """Short, one line, no sentence punctuation inside or at the end.

    >>> from ocrfix.config import Config
    >>> is_headerish("千年传承引领现代经济腾飞", Config()), is_headerish("会议还研究了其他事项。", Config())
    (True, False)
    """
    if "\n" in text or len(text) > config.headline_max_chars:
        return False
    if text[-1] in SENTENCE_END or text.endswith(("。”", "。）")):
        return False
    if text[-1] in DANGLING:
        return False  # a sentence cut after a conjunction or particle, not a headline
    return not any(p in text for p in "。；") and text.count("，") <= 1


def assign_roles(blocks: list[Block], config: Config) -> list[str]:
    """A role per block, from its own shape and the shape of its neighbours."""
    roles = []
    for b in blocks:
        t = b.text
        if BYLINE.match(t) and len(t) <= 40:
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
    return [_subhead(roles, i, blocks) for i in range(len(roles))]


def _subhead(roles: list[str], i: int, blocks: list[Block]) -> str:
    """A lone headline between paragraphs, shaped like a sub-head, whose next paragraph
    does not open like a new article, is a sub-head of the running article."""
    if roles[i] != "headline" or i == 0 or i + 1 >= len(roles):
        return roles[i]
    if roles[i - 1] not in ("body", "source", "infographic") or roles[i + 1] != "body":
        return roles[i]
    if ARTICLE_OPENING.match(blocks[i + 1].text) or not SUBHEAD.match(blocks[i].text):
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


def _separate_articles(doc: Doc, roles: list[str]) -> None:
    """Insert the article break (a second blank line) before each new article's first block."""
    blocks = doc.blocks()
    with doc.batch(NAME) as batch:
        for i in range(1, len(blocks)):
            starts = roles[i] in HEADER_ROLES and roles[i - 1] not in HEADER_ROLES
            if roles[i] == "byline" and roles[i - 1] not in HEADER_ROLES + ("byline",):
                starts = True
            if starts:
                batch.insert(blocks[i].start, "\n", "article_break", 0.8,
                             f"{roles[i]} after body text starts a new article")


# -- headline printed after its article ---------------------------------------------------
def move_trailing_headlines(doc: Doc, config: Config) -> None:
    """Move a headline that follows its article to the start of that article.

    A candidate headline is a header line with body text before it and another header
    (or the page end) after it. Its article is the run of body blocks before it that
    share more character pairs with it than the blocks before them do.
    """
    blocks = doc.blocks()
    kinds = ["header" if is_headerish(b.text, config) and not _source_or_byline(b.text)
             else "body" for b in blocks]
    with doc.batch(NAME) as batch:
        for i, b in enumerate(blocks):
            if kinds[i] != "header" or i == 0 or kinds[i - 1] != "body" or i + 1 == len(blocks):
                continue  # at the page end a headline may open an article continued elsewhere
            run_start = i
            while run_start > 0 and kinds[run_start - 1] == "body":
                run_start -= 1
            split, score = best_split(b.text, [x.text for x in blocks[run_start:i]])
            follow = [x.text for x in blocks[i + 1:i + 6]]
            after = _share(b.text, follow)
            if split is None or score < 0.2 or after > score / 2 or i - run_start - split < 2:
                continue  # weak evidence, or an "article" of one paragraph: leave it
            target = blocks[run_start + split]
            end = blocks[i + 1].start if i + 1 < len(blocks) else b.end
            batch.move(b.start, b.end, target.start, "move_trailing_headline", round(score, 2),
                       f"headline follows its article; shares words with the "
                       f"{i - run_start - split} paragraphs before it")
            if i + 1 < len(blocks):
                batch.delete(b.end, end, "move_trailing_headline", round(score, 2),
                             "blank line left where the headline was")
            batch.insert(b.end, "\n\n", "move_trailing_headline", round(score, 2),
                         "blank line after the moved headline")
            if i + 1 == len(blocks):
                batch.delete(blocks[i - 1].end, b.start, "move_trailing_headline",
                             round(score, 2), "blank line left where the headline was")


def _source_or_byline(text: str) -> bool:
    return bool(BYLINE.match(text) or (SOURCE.match(text) and "《" in text))


def _pairs(text: str) -> set[str]:
    return {text[k:k + 2] for k in range(len(text) - 1)}


def _share(headline: str, paragraphs: list[str]) -> float:
    hp = _pairs(headline)
    if not hp or not paragraphs:
        return 0.0
    return len(hp & set().union(*(_pairs(p) for p in paragraphs))) / len(hp)


def best_split(headline: str, paragraphs: list[str]) -> tuple[int | None, float]:
    """Where the headline's article starts in ``paragraphs``, and how clear that is.

    Score of a split: the mean share of the headline's character pairs in the paragraphs
    after it minus the mean share in the paragraphs before it. The first paragraph of the run is never taken (it belongs to
    the article whose headline precedes the run).

    >>> best_split("智能制造", ["警察协会开会。", "发展智能制造。", "制造业智能化。"])[0]
    1
    """
    hp = _pairs(headline)
    if not hp or len(paragraphs) < 2:
        return None, 0.0
    shares = [len(hp & _pairs(p)) / len(hp) for p in paragraphs]
    best, best_score = None, 0.0
    for k in range(1, len(paragraphs)):
        score = sum(shares[k:]) / len(shares[k:]) - sum(shares[:k]) / k
        if score > best_score:
            best, best_score = k, score
    return best, best_score
