"""Issue-level processing: the pages of one newspaper issue are cleaned together.

Two things only an issue shows, not a page:

* **Running lines** — the page header/footer (paper name, date, page number, section,
  editor credits) is printed on every page in nearly the same words. A short line near the
  top or bottom of the page that recurs (fuzzily, rapidfuzz ``ratio`` on its letters with
  digits masked) on at least half of the issue's pages, and on three or more, is learned
  as a running line; the ``running`` stage removes it (on top of the patterns in
  ``rules/``), logging how many pages it was seen on.
* **Continued articles** — ``（下转第N版）`` cuts an article; its tail is printed on page N
  after ``（上接第M版）`` (often under a repeat of the headline). After each page is
  cleaned, the tail is appended where the marker stood, so the article is **whole on its
  first page**; the continuation page's copy (repeated headline, marker, tail) is
  removed. Both are edits of stage ``issue``: an insertion on page M
  (``join_continued_article``) and a deletion with role ``continuation`` on page N
  (``move_continuation_to_first_page``), each naming the other page — so every page's
  log still replays to its own output.

Page order: page numbers read from the page's header lines (``第2版``), else file name
order (``page2`` before ``page10``).
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from typing import Sequence

from rapidfuzz import fuzz

from .chars import ends_sentence
from .config import Config
from .doc import Doc
from .errors import OcrfixError
from .pipeline import Pipeline, clean_file
from .readers import read_path

__all__ = ["PageFacts", "page_facts", "clean_pages", "learn_running_lines",
           "join_continuations", "running_key", "RUNNING_CUTOFF"]

NAME = "issue"
#: Lines this close (rapidfuzz ratio on ``running_key``) count as the same running line.
RUNNING_CUTOFF = 85.0
#: A running line is short and sits among the first/last lines of a page.
RUNNING_MAX_CHARS = 80
EDGE_LINES = 6
MIN_RUNNING_PAGES = 3

NUM = "0-9０-９一二三四五六七八九十"
DATE = re.compile(r"(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日")
PAGE_NO = re.compile(r"第\s*([0-9０-９]{1,3})\s*版")
MARKER = "转接"
TO_PAGE = re.compile(rf"[（(]\s*下转(?:第\s*)?([{NUM}]+)\s*版\s*[）)]")
FROM_PAGE = re.compile(rf"[（(]\s*(?:上接|接上|上转)(?:第\s*)?([{NUM}]+)\s*版\s*[）)]")


@dataclass(frozen=True)
class PageFacts:
    """What a page's own header says about it."""

    page: int | None
    date: str | None  # ISO yyyy-mm-dd


def _int(s: str) -> int:
    """``"4"``, ``"４"`` or ``"十二"`` as an int."""
    s = s.translate(str.maketrans("０１２３４５６７８９", "0123456789"))
    if s.isdigit():
        return int(s)
    digits = {c: i for i, c in enumerate("零一二三四五六七八九")}
    if s.startswith("十"):
        return 10 + (digits.get(s[1:], 0) if len(s) > 1 else 0)
    if "十" in s:
        a, _, b = s.partition("十")
        return digits[a] * 10 + (digits[b] if b else 0)
    return digits.get(s, 0)


def page_facts(source: str) -> PageFacts:
    """Page number and issue date from the short header/footer lines of a page.

    >>> page_facts("吕梁日报 2023年2月10日 星期五 第2版\\n\\n正文（下转第4版）")
    PageFacts(page=2, date='2023-02-10')
    """
    page = date = None
    for line in source.splitlines():
        line = line.strip()
        if not line or len(line) > RUNNING_MAX_CHARS:
            continue
        if date is None and (m := DATE.search(line)):
            date = f"{int(m[1]):04d}-{int(m[2]):02d}-{int(m[3]):02d}"
        if page is None and not any(c in line for c in MARKER) and (m := PAGE_NO.search(line)):
            page = _int(m[1])
    return PageFacts(page, date)


def running_key(line: str) -> str:
    """What two printings of a running line share: letters and hanzi, digits masked.

    >>> running_key("吕梁日报 2023年2月10日 第2版") == running_key("吕梁日报2023年2月10日第3版")
    True
    """
    return re.sub(r"\d+", "#", "".join(ch for ch in line if ch.isalnum()))


def _edge_lines(source: str) -> list[str]:
    lines = [ln.strip() for ln in source.splitlines() if ln.strip()]
    edge = lines[:EDGE_LINES] + lines[-EDGE_LINES:] if len(lines) > 2 * EDGE_LINES else lines
    return [ln for ln in edge if len(ln) <= RUNNING_MAX_CHARS and not ends_sentence(ln)
            and not (TO_PAGE.search(ln) or FROM_PAGE.search(ln)) and running_key(ln)]


def learn_running_lines(sources: Sequence[str]) -> list[dict]:
    """Lines repeated near the edges of at least half (and ≥ 3) of an issue's pages.

    Sentences (a line ending in 。！？) are never running lines: a repeated sentence is
    text, not furniture.

    >>> pages = [f"晋中日报 第{n}版 要闻\\n\\n正文{n}。" for n in range(1, 5)]
    >>> [r["text"] for r in learn_running_lines(pages)]
    ['晋中日报 第1版 要闻']
    """
    n = len(sources)
    need = max(MIN_RUNNING_PAGES, -(-n // 2))
    if n < need:
        return []
    per_page = [sorted({running_key(ln): ln for ln in _edge_lines(s)}.items())
                for s in sources]
    learned: list[dict] = []
    for p, cands in enumerate(per_page):
        for key, text in cands:
            if any(fuzz.ratio(key, r["key"]) >= RUNNING_CUTOFF for r in learned):
                continue
            pages = sum(1 for other in per_page
                        if any(fuzz.ratio(key, k, score_cutoff=RUNNING_CUTOFF) for k, _ in other))
            if pages >= need:
                learned.append({"key": key, "text": text, "pages": pages, "of": n})
    return learned


def _read(path: str, config: Config) -> Doc | OcrfixError:
    try:
        return read_path(path, max_bytes=config.max_bytes)
    except OcrfixError as exc:
        return exc


def clean_pages(paths: Sequence[str], config: Config, *, issue: bool = False
                ) -> list[tuple[str, Doc | BaseException]]:
    """Clean pages one by one, or (``issue=True``) as the pages of one issue.

    A page that cannot be read or crashes is returned as its exception, in its place, so
    the caller reports it and the other pages still finish.
    """
    if not issue:
        out: list[tuple[str, Doc | BaseException]] = []
        for p in paths:
            try:
                out.append((p, clean_file(p, config)))
            except Exception as exc:
                out.append((p, exc))
        return out
    docs = [_read(p, config) for p in paths]
    good = [d for d in docs if isinstance(d, Doc)]
    running = learn_running_lines([d.source for d in good])
    facts = [page_facts(d.source) for d in good]
    numbers = [f.page for f in facts]
    if None in numbers or len(set(numbers)) != len(numbers):
        numbers = list(range(1, len(good) + 1))  # file name order
    dates = Counter(f.date for f in facts if f.date)
    date = dates.most_common(1)[0][0] if dates else None
    pipeline = Pipeline().select(disable=config.skip)
    results: dict[int, Doc | BaseException] = {}
    for doc, number in zip(good, numbers):
        doc.meta.update(running_lines=running, page=number, issue_date=date)
        try:
            results[id(doc)] = pipeline(doc, config)
        except Exception as exc:
            results[id(doc)] = exc
    cleaned = [d for d in good if isinstance(results[id(d)], Doc)]
    if "issue" not in config.skip:
        try:
            join_continuations(cleaned)
        except Exception as exc:  # a join the log cannot express: keep pages unjoined
            for d in cleaned:
                d.meta.setdefault("issue_notes", []).append(
                    f"joins skipped: {type(exc).__name__}: {exc}")
    return [(p, d if isinstance(d, OcrfixError) else results[id(d)])
            for p, d in zip(paths, docs)]


# -- continued articles ---------------------------------------------------------------
@dataclass
class _Marker:
    doc: Doc
    start: int  # source span of the marker
    end: int
    page: int  # the page it points to


def _markers(doc: Doc, rx: re.Pattern) -> list[_Marker]:
    return [_Marker(doc, m.start(), m.end(), _int(m[1])) for m in rx.finditer(doc.source)]


def join_continuations(docs: Sequence[Doc]) -> list[tuple[str, str]]:
    """Append each continued article's tail to its first page; remove it from page N.

    Pairs ``（下转第N版）`` on page M with the first unused ``（上接第M版）`` on page N.
    Returns ``(first page name, continuation page name)`` per join made.
    """
    by_page = {d.meta.get("page"): d for d in docs}
    used: set[tuple[int, int]] = set()
    joins: list[tuple[str, str]] = []
    for doc in docs:
        for cut in _markers(doc, TO_PAGE):
            target = by_page.get(cut.page)
            if target is None or target is doc:
                continue
            back = [m for m in _markers(target, FROM_PAGE)
                    if m.page == doc.meta.get("page") and (id(target), m.start) not in used]
            if not back:
                continue
            used.add((id(target), back[0].start))
            if _join(doc, cut, target, back[0]):
                joins.append((doc.name, target.name))
    return joins


def _join(first: Doc, cut: _Marker, cont: Doc, mark: _Marker) -> bool:
    span = _continuation_span(cont, mark)
    if span is None:
        return False
    tail_start, del_start, del_end, art_end = span
    tail = cont.text[tail_start:art_end].strip()
    at = _insert_point(first, cut)
    if not tail or at is None:
        return False
    before = first.text[:at].rstrip()
    sep = "\n\n" if ends_sentence(before) else ""
    with cont.batch(NAME) as b:
        b.delete(del_start, del_end, "move_continuation_to_first_page", 0.9,
                 f"continuation of an article from page {first.meta.get('page')} "
                 f"({first.name}); appended there where （下转） stood",
                 role="continuation")
    with first.batch(NAME) as b:
        b.insert(at, sep + tail, "join_continued_article", 0.9,
                 f"tail printed on page {cont.meta.get('page')} ({cont.name}) after "
                 f"（上接第{first.meta.get('page')}版）: the article is whole on its first page")
    return True


def _insert_point(doc: Doc, cut: _Marker) -> int | None:
    """Just after the last character printed before the ``下转`` marker (after a tail an
    earlier join already appended there, so two continued articles keep their order)."""
    text, origins = doc.rendered
    at = None
    for i, (_, e) in enumerate(origins):
        if e <= cut.start and not text[i].isspace():
            at = i + 1
    return at


def _continuation_span(doc: Doc, mark: _Marker) -> tuple[int, int, int, int] | None:
    """(tail start, deletion start, deletion end, article end) in the current text."""
    text, origins = doc.rendered
    tail_start = next((i for i, (s, _) in enumerate(origins)
                       if s >= mark.end and not text[i].isspace()), None)
    if tail_start is None:
        return None
    blocks = doc.blocks()
    k = max((i for i, b in enumerate(blocks) if b.start <= tail_start), default=None)
    if k is None:
        return None
    art = blocks[k].article
    art_end = max(b.end for b in blocks if b.article == art)
    head_start = blocks[k].start
    if text[head_start:tail_start].strip() and blocks[k].src_start < mark.start:
        del_start = tail_start  # the marker sits inside running text: take only the tail
    else:
        j = k  # the repeated headline (header roles) above the marker goes too
        while j > 0 and blocks[j - 1].article == art and \
                blocks[j - 1].role in ("headline", "kicker", "subtitle", "label"):
            j -= 1
        del_start = blocks[j].start
    prev = len(text[:del_start].rstrip())
    later = [b for b in blocks if b.start >= art_end]
    if prev:
        # The separator before the article goes with it. (Not the one after: its last
        # newline is an insertion anchored at the next article, which must stay.)
        del_start, del_end = prev, art_end
    elif later:
        del_end = later[0].start
        while del_end > art_end and origins[del_end - 1][0] == origins[del_end - 1][1]:
            del_end -= 1  # inserted separator characters stay with the next article
    else:
        del_end = art_end
    return tail_start, del_start, del_end, art_end
