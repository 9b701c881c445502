"""Protected spans: characters the ``correct`` stage must never change.

Why: a wrong "correction" of a name, number or title does more harm than a missed typo,
and the language model knows least about exactly these (rare names, titles). Protected:

* names: ``记者 王洋``, ``通讯员 马超``, ``张娟娟 摄``, ``市委书记常书铭``, ``常书铭指出``
  and every entry of pycorrector's
  person and place lists and ``rules/protected.txt`` (one term a line, user-extensible);
* place names in an administrative chain: ``交城县夏家营镇大辛村`` (a township after its
  county or city, a village after its township) — village names are the rarest words a
  local daily prints, and no word list holds them;
* on the whole page, every name the page introduces in one of these frames
  (:func:`page_terms`): a paper names a person once with the office (``市长常书铭``) and
  then bare (``常书铭代表市委…``), often in another paragraph;
* characters touching a digit (``12月3日``, ``3个``, ``第10版``);
* text inside 《》 and inside quotes (a title or a quotation is what it is);
* both ends of a slot frame of news language (``严把…关``, ``打赢…战``; ``rules/frames.tsv``);
* on the whole page, a hanzi pair printed in :data:`REPEAT_SENTENCES` or more sentences
  (``抗疫``): a term the page keeps using is the page's vocabulary, however new to the
  word lists; a misreading repeats so only where one glyph is misread the same way
  again and again, and then the page is better left to a reviewer;

Latin text, digits, URLs and e-mail are never candidates at all (only hanzi are).
"""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

from .confusables import pycorrector_data
from .rules import default_rules_dir

__all__ = ["protected_mask", "load_protected_terms", "load_frames", "page_terms"]

#: A name after a byline word, or before a photo credit.
BYLINE_WORDS = ("记者", "通讯员", "特约记者", "摄影", "编辑", "责编", "组版", "作者", "撰稿",
                "主持人")
NAME_AFTER = re.compile(r"(?:" + "|".join(BYLINE_WORDS) + r")"
                        r"[\s:：（(]*([\u4e00-\u9fff]{2,4}(?:[\s、，,][\u4e00-\u9fff]{2,4})*)")
NAME_BEFORE = re.compile(r"([\u4e00-\u9fff]{2,4})[\s\u3000]*摄")
#: A name after an office (``市委书记常书铭``) or before a reporting verb (``常书铭指出``):
#: news text names people in these two frames.
TITLE_NAME = re.compile(r"(?:书记|市长|县长|区长|省长|主任|部长|局长|厅长|主席|委员|秘书长|院长|"
                        r"校长|董事长|总经理|处长|科长|镇长|乡长|会长|组长|队长|代表)"
                        r"([\u4e00-\u9fff]{2,3})")
NAME_VERB = re.compile(r"([\u4e00-\u9fff]{2,3})(?=同志|指出|强调|表示|主持|出席|讲话|提出|介绍|说)")
#: A township after its county/city, a village after its township (``交城县夏家营镇大辛村``).
PLACE_UNIT = re.compile(r"(?<=[省市县区旗])[\u4e00-\u9fff]{1,4}?[镇乡]"
                        r"|(?<=[镇乡])[\u4e00-\u9fff]{1,3}?村")
DIGIT_NEIGHBOUR = re.compile(r"[0-9０-９]")
QUOTED = re.compile(r"《[^《》\n]{0,60}》|“[^“”\n]{0,80}”|「[^「」\n]{0,80}」|\"[^\"\n]{0,80}\"")
MAX_TERM = 8
#: A hanzi pair printed in this many sentences of a page is protected on the page.
REPEAT_SENTENCES = 3
SENTENCE = re.compile(r"[^。！？；\n]+")
HANZI_PAIR = re.compile(r"(?=([\u4e00-\u9fff]{2}))")


@lru_cache(maxsize=4)
def load_frames(rules_dir: str | None = None) -> tuple[re.Pattern[str], ...]:
    """Slot frames from ``rules/frames.tsv`` (``open<TAB>close<TAB>max_gap``), compiled."""
    path = Path(rules_dir or default_rules_dir()) / "frames.tsv"
    out = []
    if path.is_file():
        for line in path.read_text(encoding="utf-8").splitlines():
            cols = line.split("\t")
            if line.startswith("#") or len(cols) < 3 or not cols[2].strip().isdigit():
                continue
            out.append(re.compile(f"({re.escape(cols[0])})[\u4e00-\u9fff]{{0,{int(cols[2])}}}?"
                                  f"({re.escape(cols[1])})"))
    return tuple(out)


@lru_cache(maxsize=4)
def load_protected_terms(rules_dir: str | None = None) -> frozenset[str]:
    """Names and terms never to edit: pycorrector's name lists + ``rules/protected.txt``."""
    terms: set[str] = set()
    for name in ("person_name.txt", "place_name.txt"):
        path = pycorrector_data(name)
        if path is not None:
            for line in path.read_text(encoding="utf-8").splitlines():
                term = line.split("\t")[0].strip()
                if 2 <= len(term) <= MAX_TERM:
                    terms.add(term)
    own = Path(rules_dir or default_rules_dir()) / "protected.txt"
    if own.is_file():
        for line in own.read_text(encoding="utf-8").splitlines():
            term = line.split("#")[0].strip()
            if 2 <= len(term) <= MAX_TERM:
                terms.add(term)
    return frozenset(terms)


#: Frames that mark a name, with the group that holds it.
NAMING_FRAMES = ((NAME_AFTER, 1), (NAME_BEFORE, 1), (TITLE_NAME, 1), (NAME_VERB, 1),
                 (PLACE_UNIT, 0))
#: The frames whose name is protected on the whole page; a speech verb (``…指出``) is left
#: out: what stands before it is as often ``会上他`` as a name.
PAGE_FRAMES = ((NAME_AFTER, 1), (NAME_BEFORE, 1), (TITLE_NAME, 1), (PLACE_UNIT, 0))
NAME_SPLIT = re.compile(r"[\s、，,]+")


def page_terms(text: str) -> frozenset[str]:
    """Names and places ``text`` (a whole page) introduces in a naming frame, and the hanzi
    pairs it prints in :data:`REPEAT_SENTENCES` sentences or more.

    Why: the frame that marks a name (``市长常书铭``, ``记者 王洋``, ``夏家营镇``) appears once;
    the bare name then recurs in other paragraphs, where no frame protects it and the
    language model, which has never seen it, finds a "better" common word (``常书名``).

    >>> sorted(page_terms("市委副书记、市长常书铭出席。常书铭指出，（记者 王洋 通讯员 马超）"))
    ['常书铭', '王洋', '马超']
    """
    out: set[str] = set()
    for rx, group in PAGE_FRAMES:
        for m in rx.finditer(text):
            for name in NAME_SPLIT.split(m.group(group)):
                if 2 <= len(name) <= MAX_TERM and name not in BYLINE_WORDS:
                    out.add(name)
    seen: dict[str, int] = {}
    for sent in SENTENCE.findall(text):
        for pair in set(HANZI_PAIR.findall(sent)):
            seen[pair] = seen.get(pair, 0) + 1
    out.update(p for p, k in seen.items() if k >= REPEAT_SENTENCES)
    return frozenset(out)


def protected_mask(text: str, terms: frozenset[str], extra: frozenset[str] = frozenset(),
                   frames: tuple[re.Pattern[str], ...] | None = None) -> list[bool]:
    """``mask[i]`` is True where ``text[i]`` must not be changed.

    ``extra``: more terms, e.g. the page's own names from :func:`page_terms` (kept apart
    from ``terms`` so the big shared list is not copied for every page); ``frames``: the
    slot frames (default: ``rules/frames.tsv`` of the default rules folder).

    >>> m = protected_mask("本报讯（记者 王洋）12月3日在《人民日报》", frozenset())
    >>> "".join("^" if p else "." for p in m)
    '.......^^^^^^^^.^^^^^^'
    """
    n = len(text)
    mask = [False] * n
    for rx, group in NAMING_FRAMES + ((QUOTED, 0),):
        for m in rx.finditer(text):
            for k in range(m.start(group), m.end(group)):
                mask[k] = True
    for rx in load_frames() if frames is None else frames:
        for m in rx.finditer(text):
            for g in (1, 2):
                for k in range(m.start(g), m.end(g)):
                    mask[k] = True
    for m in DIGIT_NEIGHBOUR.finditer(text):
        for k in (m.start() - 1, m.start(), m.start() + 1):
            if 0 <= k < n:
                mask[k] = True
    if terms or extra:
        for i in range(n):
            for L in range(2, MAX_TERM + 1):
                if i + L <= n and (text[i:i + L] in terms or text[i:i + L] in extra):
                    for k in range(i, i + L):
                        mask[k] = True
    return mask
