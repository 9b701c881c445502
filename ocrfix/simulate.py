"""simulate: lay out new newspaper pages from clean articles and inject OCR/layout defects.

Why: five seed pages are far too few to know whether a layout stage works. The simulator
builds any number of pages whose ground truth is exact, so ``ocrfix bench layout`` can
measure, per defect class, what a user of the cleaned text would see.

How: the golden pages (``golden/*.txt``) are parsed into articles whose blocks carry a
role inferred from their shape (header, byline, body, subhead, infographic, source). A
page samples 2–5 articles from the whole pool (in any order, some cut to fewer
paragraphs); its ``truth`` is those articles in the golden format. The page is then held
as a list of blocks of *items* ``(char, truth_index, tag, uid)``: a truth character keeps
its truth index wherever a defect moves it, a copy (duplicate) keeps the original's
index, and injected noise (furniture, separators, stray spaces) has index ``-1``. Every
defect only cuts, moves, copies and inserts items, so the map from ``text`` to ``truth``
is exact by construction. Defect spans are recorded by item uid and turned into text
offsets when the page is written out.

Defect classes (``SimConfig`` holds one rate per class; ``SimConfig.only(cls)`` turns all
others off): column_break, wrap, interleave, orphan, headline_after, tail_before_head,
duplicate, interleaved_articles, furniture, halfwidth — see :data:`CLASSES`.

>>> p = simulate_page(7, SimConfig.only("column_break"))
>>> all(p.text[i] == p.truth[k] for i, k in enumerate(p.tmap) if k >= 0)
True
>>> simulate_page(7, SimConfig()).text == simulate_page(7, SimConfig()).text
True
"""

from __future__ import annotations

import json
import random
import re
from dataclasses import dataclass, field, fields, replace
from functools import lru_cache
from pathlib import Path
from typing import Iterator

from .chars import ends_sentence
from .rules import load_rules
from .stages.assemble import SOURCE

__all__ = ["CLASSES", "SimConfig", "Defect", "SimPage", "Article", "load_articles",
           "simulate_page", "simulate_pages"]

ROOT = Path(__file__).resolve().parent.parent
GOLDEN_DIR = ROOT / "golden"
FURNITURE_DATA = Path(__file__).resolve().parent / "data" / "sim_furniture.json"

#: The defect classes, in the order the simulator applies them.
CLASSES = ("interleaved_articles", "headline_after", "tail_before_head", "orphan",
           "interleave", "duplicate", "column_break", "furniture", "halfwidth", "wrap")

#: How many characters a printed line holds, against its column's width: the lines of
#: seed 002 whose converter marked every line end (219 inner lines, counted with
#: ``str.split(" ")``) hold the width 60 % of the time, one fewer 20 %, one more 13 %, two
#: more 5 %, two fewer 2 % (half-width digits, squeezed or pushed punctuation).
LINE_JITTER_STEPS = (-2, -1, 0, 1, 2)
LINE_JITTER_WEIGHTS = (2, 20, 60, 13, 5)
#: A paragraph's first printed line is indented by two cells, which the OCR drops.
INDENT = 2

#: Full-width punctuation and the ASCII character an OCR engine writes instead.
HALFWIDTH = {"，": ",", "：": ":", "；": ";", "（": "(", "）": ")", "“": '"', "”": '"',
             "？": "?", "！": "!"}
SENTENCE_END = "。！？"
CJK = re.compile(r"[\u3400-\u9fff]")
NOISE = -1


@dataclass(frozen=True)
class SimConfig:
    """Rates of each defect class. Defaults give a realistic mix (every class present on a
    300-page run, most pages with several classes); ``SimConfig.only("orphan")`` isolates one.

    >>> SimConfig.only("duplicate").column_break, SimConfig.only("duplicate").duplicate > 0
    (0.0, True)
    """

    #: per body paragraph (≥ 24 chars): cut mid-word into two blocks
    column_break: float = 0.12
    #: per column break: a furniture block (caption, credit, marker) lands between the halves
    column_break_furniture: float = 0.3
    #: per page: Tesseract-like layout, one printed line per text line (else markdown-like)
    wrap: float = 0.35
    #: per page: stray spaces where printed lines were joined (``建 交``); per line boundary 0.35
    stray_spaces: float = 0.35
    #: per body paragraph: a line-sized piece of a neighbouring paragraph is cut into it
    interleave: float = 0.04
    #: per body paragraph: its last clause stands as its own block 1–3 blocks earlier
    orphan: float = 0.04
    #: per article with a header and ≥ 2 paragraphs: header printed after the paragraphs
    headline_after: float = 0.12
    #: per article with a header and ≥ 3 paragraphs: last 1–3 paragraphs before the header
    tail_before_head: float = 0.12
    #: per body paragraph: repeated immediately or a few blocks later (1–2 OCR errors)
    duplicate: float = 0.03
    #: per page: two neighbouring articles, B's blocks inserted in the middle of A
    interleaved_articles: float = 0.2
    #: scale of furniture (mastheads, credit lines, banners, captions, credits, markers…)
    furniture: float = 1.0
    #: per page: half-width ``,:;()"?!`` instead of full-width (each mark with p = 0.9)
    halfwidth: float = 0.35

    @classmethod
    def none(cls) -> "SimConfig":
        """No defects at all: the text is the truth laid out as markdown-like paragraphs."""
        return cls(**{f.name: 0.0 for f in fields(cls)})

    @classmethod
    def only(cls, name: str, rate: float | None = None) -> "SimConfig":
        """Only one defect class, at a rate high enough to appear on most pages."""
        if name not in CLASSES:
            raise ValueError(f"unknown defect class {name!r}; classes are: {', '.join(CLASSES)}")
        strong = {"column_break": 0.3, "wrap": 1.0, "interleave": 0.12, "orphan": 0.12,
                  "headline_after": 0.5, "tail_before_head": 0.5, "duplicate": 0.12,
                  "interleaved_articles": 1.0, "furniture": 1.0, "halfwidth": 1.0}
        values = {"column_break_furniture": 0.0, "stray_spaces": 0.0}
        if name == "wrap":
            values["stray_spaces"] = 0.5
        if name == "interleave":  # a pasted line shows only through the layout: keep its mix
            values.update(wrap=cls.wrap, stray_spaces=cls.stray_spaces)
        return replace(cls.none(), **values, **{name: strong[name] if rate is None else rate})


@dataclass(frozen=True)
class Defect:
    """One injected defect: its class, its span in ``text`` and what the truth says.

    Spans: for ``column_break`` and ``wrap`` the gap between the two truth-adjacent
    characters (``extra["truth_left"]``, ``extra["truth_right"]``); for moved or copied
    pieces and furniture, the piece itself; moved pieces give their truth range as
    ``extra["truth_start"]``/``extra["truth_end"]``.
    """

    cls: str
    start: int
    end: int
    extra: dict = field(default_factory=dict)


@dataclass
class SimPage:
    """A simulated page: OCR-like ``text``, its ``truth`` and the exact map between them.

    ``tmap[i]`` is the truth index of ``text[i]`` or -1 for injected noise; ``tags[i]``
    names the defect class that produced or changed the character ('' = untouched,
    'sep' = an ordinary block separator).
    """

    text: str
    truth: str
    tmap: list[int]
    tags: list[str]
    defects: list[Defect]
    seed: int
    layout: str = "markdown"


@dataclass(frozen=True)
class Article:
    """A clean article: blocks in golden order, each with a role inferred from its shape."""

    blocks: tuple[str, ...]
    roles: tuple[str, ...]


# -- the article pool -----------------------------------------------------------------
def infer_roles(blocks: list[str]) -> list[str]:
    """Roles from shape: blocks before the first paragraph are header blocks.

    >>> infer_roles(["标题", "——副题", "□ 本报记者 王洋", "本报讯（记者 王洋）会议召开，有人讲话。"])
    ['header', 'subtitle', 'byline', 'body']
    """
    roles: list[str] = []
    in_header = True
    for b in blocks:
        if "\n" in b:
            role = "infographic"
        elif load_rules().is_byline(b):
            role = "byline"
        elif SOURCE.match(b) and "《" in b:  # as the assemble stage reads them
            role = "source"
        elif _is_paragraph(b):
            role = "body"
        elif in_header:
            role = "subtitle" if b.startswith("——") else "header"
        else:
            role = "subhead"
        if role == "body":
            in_header = False
        roles.append(role)
    return roles


def _is_paragraph(b: str) -> bool:
    """Prose: long, or ending like a sentence, or punctuated inside and not short.
    A short phrase with a comma (``背景：吕梁制造，资源潜力待挖掘``) is a sub-head."""
    if len(b) > 48 or ends_sentence(b) or "。" in b:
        return True
    return "，" in b and len(b) > 30


@lru_cache(maxsize=4)
def load_articles(golden_dir: str | None = None) -> tuple[Article, ...]:
    """Every article of the golden pages that has at least one body paragraph."""
    out = []
    for path in sorted(Path(golden_dir or GOLDEN_DIR).glob("*.txt")):
        text = path.read_text(encoding="utf-8").rstrip("\n")
        for art in text.split("\n\n\n"):
            blocks = [b.strip("\n") for b in art.split("\n\n") if b.strip()]
            roles = infer_roles(blocks)
            if "body" in roles:
                out.append(Article(tuple(blocks), tuple(roles)))
    return tuple(out)


@lru_cache(maxsize=1)
def _vocab() -> dict:
    return json.loads(FURNITURE_DATA.read_text(encoding="utf-8"))


# -- items and blocks -----------------------------------------------------------------
Item = tuple[str, int, str, int]  # char, truth index, tag, uid


@dataclass
class _Block:
    items: list[Item]
    role: str  # header/subtitle/byline/body/subhead/infographic/source/noise
    article: int
    cont: bool = False  # the second half of a column break: never indented
    touched: bool = False  # a defect already cut into it
    copy: bool = False  # a duplicate's copy (never copied again)
    #: uids of the items that begin a printed line, when a defect fixed the lines (an
    #: interleaved line must stay a line of its own); None: lines follow the column width
    starts: set[int] | None = None

    @property
    def text(self) -> str:
        return "".join(it[0] for it in self.items)


@dataclass
class _Rec:
    cls: str
    first: int  # uid
    last: int  # uid
    inner: bool  # span = the gap between the two anchors
    extra: dict


@dataclass
class _Plan:
    """How the page is printed and read, drawn before any defect: defects that move
    printed lines (interleave) need the column widths and the line breaks of the layout."""

    wrapped: bool  # Tesseract-like: one printed line per text line
    stray: bool  # markdown: spaces left at some printed-line boundaries
    para_mode: str  # blank / indent / flush: how a wrapped page starts a paragraph
    md_heads: bool  # markdown: ``## `` before headers
    widths: dict[int, int]  # article -> characters per printed line

    def width(self, b: "_Block") -> int:
        """Characters per printed line of block ``b``'s column."""
        return self.widths.get(b.article, 16)

    @staticmethod
    def indent(b: "_Block") -> int:
        """Cells the first printed line of ``b`` loses to the paragraph indent: every body
        paragraph is indented in print, whatever the OCR later shows of it (``para_mode``);
        the second half of a column break is not a paragraph start."""
        return INDENT if b.role == "body" and not b.cont else 0


class _Builder:
    """Builds one page: picks articles, injects defects, writes text and map."""

    def __init__(self, seed: int, config: SimConfig, pool: tuple[Article, ...]) -> None:
        self.rng = random.Random(seed)
        self.lines = random.Random(f"lines:{seed}")  # printed-line lengths only
        self.seed = seed
        self.config = config
        self.pool = pool
        self.uid = 0
        self.recs: list[_Rec] = []
        self.truth = ""
        self.plan = _Plan(False, False, "blank", False, {})

    def new_uid(self) -> int:
        self.uid += 1
        return self.uid

    def noise(self, text: str, tag: str) -> list[Item]:
        return [(ch, NOISE, tag, self.new_uid()) for ch in text]

    def record(self, cls: str, first: Item, last: Item, *, inner: bool = False,
               **extra) -> None:
        self.recs.append(_Rec(cls, first[3], last[3], inner, extra))

    # -- page composition -------------------------------------------------------------
    def compose(self) -> tuple[str, list[list[_Block]]]:
        rng = self.rng
        n = min(len(self.pool), rng.randint(2, 5))
        chosen = [self.pool[i] for i in rng.sample(range(len(self.pool)), n)]
        truth_parts: list[str] = []
        articles: list[list[_Block]] = []
        pos = 0
        for a_i, art in enumerate(chosen):
            blocks, roles = list(art.blocks), list(art.roles)
            body = [i for i, r in enumerate(roles) if r == "body"]
            if len(body) > 2 and rng.random() < 0.4:
                keep = rng.randint(2, len(body) - 1)
                cut = body[keep - 1] + 1
                blocks, roles = blocks[:cut], roles[:cut]
            if a_i:
                truth_parts.append("\n\n\n")
                pos += 3
            out = []
            for b_i, (b, r) in enumerate(zip(blocks, roles)):
                if b_i:
                    truth_parts.append("\n\n")
                    pos += 2
                out.append(_Block([(ch, pos + k, "", self.new_uid()) for k, ch in enumerate(b)],
                                  r, a_i))
                truth_parts.append(b)
                pos += len(b)
            articles.append(out)
        self.truth = "".join(truth_parts) + "\n"
        return self.truth, articles

    # -- article-level defects ----------------------------------------------------------
    def interleaved_articles(self, articles: list[list[_Block]], used: set[int]) -> None:
        """Article B printed in the middle of article A; A's rest follows B."""
        if self.rng.random() >= self.config.interleaved_articles or len(articles) < 2:
            return
        cands = [i for i in range(len(articles) - 1)
                 if sum(b.role == "body" for b in articles[i]) >= 2]
        if not cands:
            return
        i = self.rng.choice(cands)
        a, b = articles[i], articles[i + 1]
        body = [k for k, blk in enumerate(a) if blk.role == "body"]
        split = self.rng.choice(body[1:])  # A2 starts at a body paragraph after the first
        a1, a2 = a[:split], a[split:]
        self.record("interleaved_articles", a2[0].items[0], a2[-1].items[-1],
                    truth_start=a2[0].items[0][1], truth_end=a2[-1].items[-1][1] + 1)
        articles[i] = a1 + b
        articles[i + 1] = a2
        used.update({i, i + 1})

    def headline_after(self, articles: list[list[_Block]], used: set[int]) -> None:
        for i, art in enumerate(articles):
            if i in used or self.rng.random() >= self.config.headline_after:
                continue
            head = _header_run(art)
            if not head or sum(b.role == "body" for b in art) < 2:
                continue
            hb = art[:head]
            self.record("headline_after", hb[0].items[0], hb[-1].items[-1],
                        truth_start=hb[0].items[0][1], truth_end=hb[-1].items[-1][1] + 1)
            articles[i] = art[head:] + hb
            used.add(i)

    def tail_before_head(self, articles: list[list[_Block]], used: set[int]) -> None:
        for i, art in enumerate(articles):
            if i in used or self.rng.random() >= self.config.tail_before_head:
                continue
            if not _header_run(art):
                continue
            body = [k for k, b in enumerate(art) if b.role == "body"]
            if len(body) < 3:
                continue
            n = self.rng.randint(1, min(3, len(body) - 1))
            start = body[-n]
            tail = art[start:]
            self.record("tail_before_head", tail[0].items[0], tail[-1].items[-1],
                        truth_start=tail[0].items[0][1], truth_end=tail[-1].items[-1][1] + 1)
            articles[i] = tail + art[:start]
            used.add(i)

    # -- block-level defects ------------------------------------------------------------
    def orphans(self, blocks: list[_Block]) -> None:
        """The last clause of a paragraph stands alone 1–3 blocks before it."""
        i = 0
        while i < len(blocks):
            b = blocks[i]
            if b.role != "body" or b.touched or i == 0 or self.rng.random() >= self.config.orphan:
                i += 1
                continue
            text = b.text
            cut = _clause_cut(text, self.rng)
            if cut is None or not _consecutive(b.items[cut:]):
                i += 1
                continue
            frag = _Block(b.items[cut:], "body", b.article, touched=True)
            b.items = b.items[:cut]
            b.touched = True
            self.record("orphan", frag.items[0], frag.items[-1],
                        truth_start=frag.items[0][1], truth_end=frag.items[-1][1] + 1)
            dest = max(0, i - self.rng.randint(1, 3))
            blocks.insert(dest, frag)
            i += 2

    def interleave(self, blocks: list[_Block]) -> None:
        """One printed line of a paragraph lands between two printed lines of a neighbour.

        As in seed 002 (``…董事长孙继辉 铁高速、国省道路、新区建 一行举行…``, whose home is
        ``…"三网建设"，高 设、教育医疗…``): the piece is a whole line of the source paragraph
        at its column's width, taken from between two of its printed lines, and it lands
        at a printed-line boundary of the host (at the host's width). Both blocks keep
        their printed lines (``_Block.starts``), so a wrapped layout shows the piece as a
        text line of its own and a markdown layout may leave stray spaces at its edges
        and at the gap, as at any other line boundary.
        """
        body = [k for k, b in enumerate(blocks) if b.role == "body"]
        for src in body:
            if self.rng.random() >= self.config.interleave:
                continue
            s = blocks[src]
            near = [k for k in body if k != src and abs(k - src) <= 4
                    and not blocks[k].touched]
            if s.touched or not near:
                continue
            host = blocks[self.rng.choice(near)]
            s_starts = self.line_starts(len(s.items), self.plan.width(s), self.plan.indent(s))
            h_starts = self.line_starts(len(host.items), self.plan.width(host),
                                        self.plan.indent(host))
            if len(s_starts) < 4 or len(h_starts) < 2:
                continue  # the source needs a line with lines on both sides; the host two
            j = self.rng.randrange(1, len(s_starts) - 2)
            a, z = s_starts[j], s_starts[j + 1]
            h = self.rng.choice(h_starts[1:])
            if not _consecutive(s.items[a - 1:z + 1]) or not _consecutive(host.items[h - 1:h + 1]):
                continue
            piece = s.items[a:z]
            s.starts = {s.items[k][3] for k in s_starts if k != a}
            host.starts = {host.items[k][3] for k in h_starts} | {piece[0][3]}
            self.record("interleave", piece[0], piece[-1], truth_start=piece[0][1],
                        truth_end=piece[-1][1] + 1, host_left=host.items[h - 1][1],
                        host_right=host.items[h][1], source_left=s.items[a - 1][1],
                        source_right=s.items[z][1], width=self.plan.width(s),
                        kind="line" if self.plan.wrapped else "joined")
            s.items = s.items[:a] + s.items[z:]
            host.items = host.items[:h] + piece + host.items[h:]
            s.touched = host.touched = True

    def line_starts(self, n: int, width: int, indent: int = 0) -> list[int]:
        """Offsets where the printed lines of an ``n``-character paragraph start: the first
        line ``indent`` characters short, every line the column's width give or take what
        :data:`LINE_JITTER` says (digits, squeezed or pushed punctuation). Drawn from the
        page's own line generator, so the layout does not shift the defects drawn after it."""
        out, pos = [], 0
        while pos < n:
            out.append(pos)
            jitter = self.lines.choices(LINE_JITTER_STEPS, LINE_JITTER_WEIGHTS)[0]
            pos += max(4, width + jitter - (indent if pos == 0 else 0))
        return out

    def duplicates(self, blocks: list[_Block]) -> None:
        i = 0
        while i < len(blocks):
            b = blocks[i]
            if b.role != "body" or b.copy or len(b.items) < 20 \
                    or self.rng.random() >= self.config.duplicate:
                i += 1
                continue
            copy = [(ch, t, "duplicate", self.new_uid()) for ch, t, _, _ in b.items]
            for _ in range(self.rng.choice((0, 0, 1, 2))):
                k = self.rng.randrange(len(copy))
                ch, t, tag, uid = copy[k]
                if CJK.match(ch):
                    other = self.rng.choice(b.items)[0]
                    if CJK.match(other) and other != ch:
                        copy[k] = (other, t, "duplicate_error", uid)
            dup = _Block(copy, "body", b.article, touched=True, copy=True)
            if b.starts is not None:  # a copy is printed with the same lines
                dup.starts = {c[3] for c, o in zip(copy, b.items) if o[3] in b.starts}
            self.record("duplicate", copy[0], copy[-1], truth_start=b.items[0][1],
                        truth_end=b.items[-1][1] + 1)
            dest = min(len(blocks), i + 1 + self.rng.choice((0, 0, 1, 2, 3)))
            blocks.insert(dest, dup)
            i += 1

    def column_breaks(self, blocks: list[_Block]) -> None:
        i = 0
        while i < len(blocks):
            b = blocks[i]
            if b.role != "body" or len(b.items) < 24 \
                    or self.rng.random() >= self.config.column_break:
                i += 1
                continue
            cut = _word_cut(b.items, self.rng)
            if cut is None:
                i += 1
                continue
            first = _Block(b.items[:cut], "body", b.article, touched=True)
            second = _Block(b.items[cut:], "body", b.article, cont=True, touched=True)
            first.starts = second.starts = b.starts  # keep an interleaved line a line
            between = self.rng.random() < self.config.column_break_furniture
            self.record("column_break", first.items[-1], second.items[0], inner=True,
                        truth_left=first.items[-1][1], truth_right=second.items[0][1],
                        kind="furniture_between" if between else "plain")
            new = [first, second]
            if between:
                new = [first, self.furniture_block(self.rng.choice(
                    ("caption", "photo_credit", "continuation", "banner"))), second]
            blocks[i:i + 1] = new
            i += len(new)

    # -- furniture ------------------------------------------------------------------------
    def furniture_block(self, kind: str) -> _Block:
        text = self.furniture_text(kind)
        items = self.noise(text, "furniture")
        self.record("furniture", items[0], items[-1], kind=kind)
        return _Block(items, "noise", -1)

    def furniture_text(self, kind: str) -> str:
        v = _vocab()
        key = {"masthead": "masthead", "credit_line": "credit_lines", "page_number": "page_numbers",
               "continuation": "continuation", "caption": "captions",
               "photo_credit": "photo_credits", "debris": "debris"}.get(kind)
        if kind == "banner":
            if self.rng.random() < 0.5:
                return self.rng.choice(v["slogans"]).format(**self.fill())
            return self.rng.choice(v["sections"])[0]
        if kind == "pinyin":
            return self.rng.choice(v["sections"])[1]
        assert key is not None, kind
        return _fill(self.rng.choice(v[key]), self)

    def clause(self) -> str:
        return _clause_from(self.pool, self.rng)

    def fill(self) -> dict:
        return {"city": self.rng.choice(_vocab()["cities"])}

    def furniture(self, blocks: list[_Block]) -> list[_Block]:
        """Masthead at the top, banners and captions between blocks, credits at the foot,
        continuation markers at an article's end (alone or inline), debris anywhere."""
        rate, rng = self.config.furniture, self.rng
        if rate <= 0:
            return blocks
        out = list(blocks)
        if rng.random() < 0.35 * rate:
            top = [self.furniture_block("masthead") for _ in range(rng.randint(1, 5))]
            out = top + out
        if rng.random() < 0.4 * rate:
            pos = 0 if rng.random() < 0.5 else len(out)
            out.insert(pos, self.furniture_block("credit_line"))
        if rng.random() < 0.3 * rate:
            out.insert(len(out) if rng.random() < 0.5 else 0, self.furniture_block("page_number"))
        if rng.random() < 0.4 * rate:  # a section banner, maybe with its pinyin
            k = self._header_index(out)
            if rng.random() < 0.5:
                section = rng.choice(_vocab()["sections"])
                for text in section[::-1]:
                    items = self.noise(text, "furniture")
                    self.record("furniture", items[0], items[-1],
                                kind="pinyin" if text.isascii() else "banner")
                    out.insert(k, _Block(items, "noise", -1))
            else:
                out.insert(k, self.furniture_block("banner"))
        for _ in range(sum(rng.random() < 0.35 * rate for _ in range(3))):
            k = rng.randint(0, len(out))
            out.insert(k, self.furniture_block("caption"))
            if rng.random() < 0.4:
                out.insert(k + 1, self.furniture_block("photo_credit"))
        if rng.random() < 0.25 * rate:
            out.insert(rng.randint(0, len(out)), self.furniture_block("photo_credit"))
        if rng.random() < 0.2 * rate:
            out.insert(rng.randint(0, len(out)), self.furniture_block("debris"))
        if rng.random() < 0.3 * rate:  # a continuation marker at an article's last paragraph
            ends = [k for k in range(len(out)) if out[k].role == "body"
                    and (k + 1 == len(out) or out[k + 1].article != out[k].article)]
            if ends:
                k = rng.choice(ends)
                if rng.random() < 0.5:
                    marker = self.noise(self.furniture_text("continuation"), "furniture")
                    self.record("furniture", marker[0], marker[-1], kind="continuation_inline")
                    out[k].items = out[k].items + marker
                else:
                    out.insert(k + 1, self.furniture_block("continuation"))
        return out

    def _header_index(self, blocks: list[_Block]) -> int:
        heads = [k for k, b in enumerate(blocks) if b.role == "header"
                 and (k == 0 or blocks[k - 1].article != b.article)]
        return self.rng.choice(heads) if heads else 0

    # -- characters -----------------------------------------------------------------------
    def halfwidth(self, blocks: list[_Block]) -> None:
        """An engine that writes ASCII punctuation: per page, each kind of mark is affected
        with p = 0.8; quotes all or none (they are paired), other marks each with p = 0.95."""
        if self.rng.random() >= self.config.halfwidth:
            return
        kinds = {ch for ch in sorted(set(HALFWIDTH.values())) if self.rng.random() < 0.8}
        for b in blocks:
            for k, (ch, t, tag, uid) in enumerate(b.items):
                half = HALFWIDTH.get(ch)
                if half not in kinds or (half != '"' and self.rng.random() >= 0.95):
                    continue
                b.items[k] = (half, t, "halfwidth" if t >= 0 else tag, uid)
                if t >= 0:
                    self.record("halfwidth", b.items[k], b.items[k], truth=t)

    # -- layout ---------------------------------------------------------------------------
    def draw_plan(self, n_articles: int) -> _Plan:
        """The page's layout, drawn before the defects (see :class:`_Plan`)."""
        rng = self.rng
        wrapped = rng.random() < self.config.wrap
        stray = rng.random() < self.config.stray_spaces
        # how a wrapped page shows a paragraph start: a blank line, an indent, or nothing
        # (flush: only the short last line of the paragraph before tells)
        para_mode = rng.choice(("blank", "indent", "flush")) if wrapped else "blank"
        md_heads = not wrapped and self.config.furniture > 0 and rng.random() < 0.5
        widths = {a: rng.randint(10, 22) for a in range(n_articles)}
        return _Plan(wrapped, stray, para_mode, md_heads, widths)

    def layout(self, blocks: list[_Block]) -> tuple[list[Item], str]:
        rng, plan = self.rng, self.plan
        wrapped, stray, para_mode, md_heads = plan.wrapped, plan.stray, plan.para_mode, \
            plan.md_heads
        indent = para_mode == "indent"
        out: list[Item] = []
        prev: _Block | None = None
        for b in blocks:
            width = plan.width(b)
            items = list(b.items)
            if b.starts is None and b.role in ("body", "subhead") and len(items) > width:
                b.starts = {items[k][3] for k in
                            self.line_starts(len(items), width, plan.indent(b))}
            if stray and b.role == "body":
                items = self.stray_spaces(items, width, wrapped, b.starts)
            if prev is not None:
                para_sep = para_mode != "blank" and b.role == "body" and prev.role == "body" \
                    and not b.cont
                if para_sep:
                    sep = self.noise("\n", "wrap")
                    if indent:
                        sep += self.noise(rng.choice(("\u3000\u3000", "  ")), "wrap")
                    last, nxt = _last_truth(prev.items), _first_truth(items)
                    if last is not None and nxt is not None and nxt[1] > last[1] \
                            and not self.truth[last[1] + 1:nxt[1]].strip():
                        self.record("wrap", last, nxt, inner=True, kind="para",
                                    truth_left=last[1], truth_right=nxt[1])
                else:
                    gap = "\n\n\n\n" if rng.random() < 0.03 else "\n\n"
                    sep = self.noise(gap, "sep")
                out.extend(sep)
            if md_heads and b.role == "header" and rng.random() < 0.8:
                mark = self.noise("## ", "furniture")
                self.record("furniture", mark[0], mark[-1], kind="markup")
                items = mark + items
            if wrapped and b.starts is not None:
                items = self.break_lines(items, b.starts)
            out.extend(items)
            prev = b
        out.extend(self.noise("\n", "sep"))
        return out, ("wrapped" if wrapped else "markdown")

    def break_lines(self, items: list[Item], starts: set[int]) -> list[Item]:
        """A wrapped block whose printed lines a defect fixed: a line break before each
        item that starts a line (``wrap`` recorded where the two sides are truth
        neighbours; an interleaved line's edges are not)."""
        out: list[Item] = []
        for k, it in enumerate(items):
            if k and it[3] in starts:
                left = out[-1]
                if _adjacent(left, it):
                    self.record("wrap", left, it, inner=True, kind="line",
                                truth_left=left[1], truth_right=it[1])
                out.extend(self.noise("\n", "wrap"))
            out.append(it)
        return out

    def stray_spaces(self, items: list[Item], width: int, wrapped: bool,
                     starts: set[int] | None = None) -> list[Item]:
        """Spaces where a markdown converter joined printed lines (every ``width`` chars,
        or before each item in ``starts`` when a defect fixed the lines), or, in a wrapped
        layout, here and there inside a line (``2月16 日``). At the edges of an
        interleaved line the space is noise of that defect (no truth junction there)."""
        out: list[Item] = []
        for k, it in enumerate(items):
            if wrapped:
                at = self.rng.random() < 1 / width
            else:
                at = (k % width == 0) if starts is None else (it[3] in starts)
            if k and at and starts is not None and not wrapped and \
                    not _adjacent(items[k - 1], it) and items[k - 1][1] >= 0 and it[1] >= 0:
                if self.rng.random() < 0.35:
                    out.extend(self.noise(" ", "interleave"))
                out.append(it)
                continue
            if k and at and self.rng.random() < 0.35 and _adjacent(items[k - 1], it) \
                    and not (items[k - 1][0].isascii() and it[0].isascii()) \
                    and not (items[k - 1][0].isspace() or it[0].isspace()):
                sp = self.noise(" ", "wrap")
                self.record("wrap", items[k - 1], it, inner=True, kind="space",
                            truth_left=items[k - 1][1], truth_right=it[1])
                out.extend(sp)
            out.append(it)
        return out

    # -- the whole page -------------------------------------------------------------------
    def build(self) -> SimPage:
        truth, articles = self.compose()
        self.plan = self.draw_plan(len(articles))
        used: set[int] = set()
        self.interleaved_articles(articles, used)
        self.headline_after(articles, used)
        self.tail_before_head(articles, used)
        blocks = [b for art in articles for b in art]
        self.orphans(blocks)
        self.interleave(blocks)
        self.duplicates(blocks)
        self.column_breaks(blocks)
        blocks = self.furniture(blocks)
        self.halfwidth(blocks)
        items, layout = self.layout(blocks)
        return self.write(truth, items, layout)

    def write(self, truth: str, items: list[Item], layout: str) -> SimPage:
        text = "".join(it[0] for it in items)
        where = {it[3]: i for i, it in enumerate(items)}
        defects = []
        for r in self.recs:
            a, b = where[r.first], where[r.last]
            start, end = (a + 1, b) if r.inner else (a, b + 1)
            defects.append(Defect(r.cls, start, end, dict(r.extra)))
        defects.sort(key=lambda d: (d.start, d.end, d.cls))
        return SimPage(text, truth, [it[1] for it in items], [it[2] for it in items],
                       defects, self.seed, layout)


# -- helpers --------------------------------------------------------------------------------
def _header_run(art: list[_Block]) -> int:
    """Number of leading header blocks (header/subtitle) of an article."""
    n = 0
    while n < len(art) and art[n].role in ("header", "subtitle"):
        n += 1
    return n


def _consecutive(items: list[Item]) -> bool:
    """Truth characters with consecutive indices, none of them noise."""
    return all(it[1] >= 0 for it in items) and all(
        b[1] == a[1] + 1 for a, b in zip(items, items[1:]))


def _adjacent(a: Item, b: Item) -> bool:
    return a[1] >= 0 and b[1] == a[1] + 1


def _first_truth(items: list[Item]) -> Item | None:
    return next((it for it in items if it[1] >= 0), None)


def _last_truth(items: list[Item]) -> Item | None:
    return next((it for it in reversed(items) if it[1] >= 0), None)


def _clause_cut(text: str, rng: random.Random) -> int | None:
    """Where an orphan fragment starts: 3–20 characters before the end of a paragraph that
    ends a sentence, at a printed-line boundary inside that last sentence (mid-word or
    after a clause mark, never after a sentence end), as ``论稿）》。`` or ``提出意见建议。``."""
    if len(text) < 30 or not ends_sentence(text):
        return None
    cands = [k for k in range(len(text) - 20, len(text) - 2)
             if text[k - 1] not in SENTENCE_END and CJK.match(text[k])
             and not any(ch in SENTENCE_END for ch in text[k:-1])]
    return rng.choice(cands) if cands else None


def _word_cut(items: list[Item], rng: random.Random) -> int | None:
    """A cut between two hanzi in the middle 20–80 % of a paragraph (mid-word)."""
    n = len(items)
    cands = [k for k in range(int(n * 0.2), int(n * 0.8))
             if CJK.match(items[k - 1][0]) and CJK.match(items[k][0])
             and _adjacent(items[k - 1], items[k])]
    return rng.choice(cands) if cands else None


def _name(rng: random.Random) -> str:
    v = _vocab()
    return rng.choice(v["surnames"]) + "".join(rng.choice(v["given"])
                                               for _ in range(rng.choice((1, 2, 2))))


CN_DIGITS = "零一二三四五六七八九十"


def _fill(template: str, builder: _Builder) -> str:
    """Fill a furniture template's placeholders with generated names, numbers and dates."""
    rng, v = builder.rng, _vocab()
    city = rng.choice(v["cities"])

    def sub(m: re.Match) -> str:
        key = m.group(1)
        if key == "name":
            return _name(rng)
        if key == "city":
            return city
        if key == "paper":
            return rng.choice(v["papers"]).replace("{city}", city)
        if key == "desk":
            return rng.choice(v["desks"])
        if key in ("n", "nn", "nnnn", "nnnnn"):
            return str(rng.randint(10 ** (len(key) - 1) if len(key) > 1 else 1, 10 ** len(key) - 1))
        if key == "page":
            return str(rng.randint(1, 16))
        if key == "pagecn":
            return CN_DIGITS[rng.randint(1, 10)]
        if key == "date":
            return f"{rng.randint(2019, 2026)}年{rng.randint(1, 12)}月" + (
                f"{rng.randint(1, 28)}日" if rng.random() < 0.6 else "")
        if key == "weekday":
            return rng.choice(v["weekdays"])
        if key == "lunar":
            return (rng.choice(v["stems"]) + rng.choice(v["branches"]) + "年"
                    + rng.choice(v["lunar_months"]) + rng.choice(v["lunar_days"]))
        if key == "clause":
            return builder.clause()
        if key == "mail":
            return rng.choice(v["mail_domains"]).replace("{nn}", str(rng.randint(10, 99))) \
                + rng.choice(("", "zb", "ywb", "bjb")) + "@163.com"
        if key == "mail_dom":
            return rng.choice(v["mail_domains"]).replace("{nn}", str(rng.randint(10, 99)))
        if key == "hex":
            return "%08x" % rng.getrandbits(32)
        return m.group(0)

    return re.sub(r"\{(\w+)\}", sub, template)


def _clause_from(pool: tuple[Article, ...], rng: random.Random) -> str:
    """A clause of 8–30 characters from a random paragraph: caption text."""
    art = rng.choice(pool)
    paras = [b for b, r in zip(art.blocks, art.roles) if r == "body"]
    clauses = [c for c in re.split(r"[，。；：！？、“”]", rng.choice(paras)) if 8 <= len(c) <= 30]
    return rng.choice(clauses) if clauses else "群众在活动现场参观"


# -- public API -----------------------------------------------------------------------------
def simulate_page(seed: int, config: SimConfig | None = None, *,
                  golden_dir: str | None = None) -> SimPage:
    """One simulated page; the same seed and config always give the same page."""
    pool = load_articles(golden_dir)
    return _Builder(seed, config or SimConfig(), pool).build()


def simulate_pages(n: int, seed: int = 1, config: SimConfig | None = None, *,
                   golden_dir: str | None = None) -> Iterator[SimPage]:
    """``n`` pages; page ``i`` uses seed ``seed * 100_003 + i`` so runs do not overlap."""
    for i in range(n):
        yield simulate_page(seed * 100_003 + i, config, golden_dir=golden_dir)
