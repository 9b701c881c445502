"""Protected spans: characters the ``correct`` stage must never change.

Why: a wrong "correction" of a name, number or title does more harm than a missed typo,
and the language model knows least about exactly these (rare names, titles). Protected:

* names: ``记者 王洋``, ``通讯员 马超``, ``张娟娟 摄``, ``市委书记常书铭``, ``常书铭指出``
  and every entry of pycorrector's
  person and place lists and ``rules/protected.txt`` (one term a line, user-extensible);
* characters touching a digit (``12月3日``, ``3个``, ``第10版``);
* text inside 《》 and inside quotes (a title or a quotation is what it is);

Latin text, digits, URLs and e-mail are never candidates at all (only hanzi are).
"""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

from .confusables import pycorrector_data
from .rules import default_rules_dir

__all__ = ["protected_mask", "load_protected_terms"]

#: A name after a byline word, or before a photo credit.
NAME_AFTER = re.compile(r"(?:记者|通讯员|特约记者|摄影|编辑|责编|组版|作者|撰稿|主持人)"
                        r"[\s:：（(]*([\u4e00-\u9fff]{2,4}(?:[\s、，,][\u4e00-\u9fff]{2,4})*)")
NAME_BEFORE = re.compile(r"([\u4e00-\u9fff]{2,4})[\s\u3000]*摄")
#: A name after an office (``市委书记常书铭``) or before a reporting verb (``常书铭指出``):
#: news text names people in these two frames.
TITLE_NAME = re.compile(r"(?:书记|市长|县长|区长|省长|主任|部长|局长|厅长|主席|委员|秘书长|院长|"
                        r"校长|董事长|总经理|处长|科长|镇长|乡长|会长|组长|队长|代表)"
                        r"([\u4e00-\u9fff]{2,3})")
NAME_VERB = re.compile(r"([\u4e00-\u9fff]{2,3})(?=同志|指出|强调|表示|主持|出席|讲话|提出|介绍|说)")
DIGIT_NEIGHBOUR = re.compile(r"[0-9０-９]")
QUOTED = re.compile(r"《[^《》\n]{0,60}》|“[^“”\n]{0,80}”|「[^「」\n]{0,80}」|\"[^\"\n]{0,80}\"")
MAX_TERM = 8


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


def protected_mask(text: str, terms: frozenset[str]) -> list[bool]:
    """``mask[i]`` is True where ``text[i]`` must not be changed.

    >>> m = protected_mask("本报讯（记者 王洋）12月3日在《人民日报》", frozenset())
    >>> "".join("^" if p else "." for p in m)
    '.......^^^^^^^^.^^^^^^'
    """
    n = len(text)
    mask = [False] * n
    for rx, group in ((NAME_AFTER, 1), (NAME_BEFORE, 1), (TITLE_NAME, 1), (NAME_VERB, 1),
                      (QUOTED, 0)):
        for m in rx.finditer(text):
            for k in range(m.start(group), m.end(group)):
                mask[k] = True
    for m in DIGIT_NEIGHBOUR.finditer(text):
        for k in (m.start() - 1, m.start(), m.start() + 1):
            if 0 <= k < n:
                mask[k] = True
    if terms:
        for i in range(n):
            for L in range(2, MAX_TERM + 1):
                if i + L <= n and text[i:i + L] in terms:
                    for k in range(i, i + L):
                        mask[k] = True
    return mask
