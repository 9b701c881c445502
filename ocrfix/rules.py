"""Rules are data: load the editable files in ``rules/`` once, and fail loudly on a bad line.

Why data and not code: archivists tune furniture patterns and banner names for their own
newspaper without touching Python. Every furniture rule carries an example that its pattern
must match; the check runs at load time, so a typo fails at once and names file and line.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from .errors import RulesError
from .guard import unescape_field

__all__ = ["FurnitureRule", "Rules", "load_rules", "default_rules_dir"]

#: block: the whole block; edge: the whole block, in the page's header or footer only;
#: before_head: the whole block, standing right above a headline; mid_sentence: the whole
#: block, dropped between the two halves of a sentence; inline: anywhere inside a block.
#: See rules/furniture.tsv.
SCOPES = ("block", "edge", "before_head", "mid_sentence", "inline")
#: A byline block is at most this long (:meth:`Rules.is_byline`).
BYLINE_MAX = 40
FURNITURE_ROLES = {"furniture", "banner", "caption", "photo_credit", "continuation", "garbage"}


@dataclass(frozen=True)
class FurnitureRule:
    """One named furniture pattern: ``role`` for what it finds, ``scope`` (see :data:`SCOPES`)."""

    id: str
    role: str
    scope: str
    pattern: re.Pattern
    example: str
    comment: str
    origin: str  # file:line, so the log leads back to the data


@dataclass(frozen=True)
class Rules:
    """Everything the stages read from ``rules/``."""

    furniture: tuple[FurnitureRule, ...]
    banners: frozenset[str]
    punctuation: dict[str, str]
    directory: str
    #: Review decisions (``ocrfix rules learn``): text no edit may change,
    protected: tuple[str, ...] = ()
    #: rules switched off (they join ``Config.disabled_rules``),
    disabled_rules: frozenset[str] = frozenset()
    #: and single changes ``(rule, before, after)`` that are never made again.
    disabled_pairs: frozenset[tuple[str, str, str]] = frozenset()
    #: How articles and paragraphs open (rules/openers.tsv).
    article_openers: tuple[re.Pattern, ...] = ()
    paragraph_openers: tuple[re.Pattern, ...] = ()
    dateline_openers: tuple[re.Pattern, ...] = ()
    #: How a byline opens (the ``byline`` rows of rules/openers.tsv).
    byline_openers: tuple[re.Pattern, ...] = ()
    #: Every row of rules/openers.tsv by its id, for the stages that ask for one kind of
    #: opening by name (``order``: ``speech``, the ``meeting`` as subject).
    named_openers: tuple[tuple[str, re.Pattern], ...] = ()

    def opener(self, rid: str) -> re.Pattern:
        """The pattern of the row ``rid`` of rules/openers.tsv.

        >>> load_rules().opener("speech").match("吴俊清表示：当前…").group("name")
        '吴俊清'
        """
        for name, rx in self.named_openers:
            if name == rid:
                return rx
        raise RulesError(f"{self.directory}/openers.tsv: no row {rid!r}")

    def opens_article(self, text: str) -> bool:
        """Does ``text`` open like an article (dateline, byline)?"""
        return any(rx.match(text) for rx in
                   self.article_openers + self.byline_openers + self.dateline_openers)

    def is_byline(self, text: str) -> bool:
        """Is ``text`` a byline block: one line of at most :data:`BYLINE_MAX` characters
        that opens with a byline (``□ 本报记者 王洋``, ``本报记者张娟娟``, ``通讯员 刘斌``)?

        Why one line and a bound: a paragraph may open with a byline and go on as the
        lead (``本报记者 王洋 通讯员 李明 日前，…``); that opens an article but is no byline.

        >>> r = load_rules()
        >>> r.is_byline("本报记者 王洋 通讯员 李明"), r.is_byline("记者手记")
        (True, False)
        """
        return (len(text) <= BYLINE_MAX and "\n" not in text
                and any(rx.match(text) for rx in self.byline_openers))

    def opens_with_dateline(self, text: str) -> bool:
        """Does ``text`` open with a dateline (``本报讯``, ``新华社``, ``…日电``)?"""
        return any(rx.match(text) for rx in self.dateline_openers)

    def opens_paragraph(self, text: str) -> bool:
        """Does ``text`` open like a new paragraph (connective, lead couplet)?"""
        return any(rx.match(text) for rx in self.paragraph_openers)


def default_rules_dir() -> Path:
    """``rules/`` of the source tree, or the copy installed inside the package."""
    here = Path(__file__).resolve().parent
    for cand in (here.parent / "rules", here / "rules"):
        if (cand / "furniture.tsv").is_file():
            return cand
    raise RulesError(f"no rules directory found next to {here}")


def _rows(path: Path, ncols: int):
    for no, raw in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not raw.strip() or raw.lstrip().startswith("#"):
            continue
        cols = raw.split("\t")
        if len(cols) < ncols:
            raise RulesError(f"{path}:{no}: expected {ncols} TAB-separated columns, "
                             f"got {len(cols)}")
        yield no, cols


def _checked_pattern(path: Path, no: int, rid: str, pattern: str, example: str,
                     how: str) -> re.Pattern:
    """Compile a rule's pattern and check it on its own example (``how``: search, match or
    fullmatch), so a broken line fails at load time, naming its file and line."""
    try:
        rx = re.compile(pattern)
    except re.error as exc:
        raise RulesError(f"{path}:{no}: bad pattern for {rid}: {exc}") from None
    if not getattr(rx, how)(example):
        raise RulesError(f"{path}:{no}: rule {rid} does not match its own example "
                         f"{example!r}")
    return rx


def _furniture(path: Path) -> list[FurnitureRule]:
    out = []
    for no, (rid, role, scope, pattern, example, *comment) in _rows(path, 5):
        where = f"{path.name}:{no}"
        if role not in FURNITURE_ROLES:
            raise RulesError(f"{path}:{no}: unknown role {role!r}")
        if scope not in SCOPES:
            raise RulesError(f"{path}:{no}: scope must be one of {', '.join(SCOPES)}, "
                             f"not {scope!r}")
        rx = _checked_pattern(path, no, rid, pattern, example,
                              "search" if scope == "inline" else "fullmatch")
        out.append(FurnitureRule(rid, role, scope, rx, example, "\t".join(comment), where))
    return out


def _openers(path: Path) -> dict[str, tuple]:
    """The rows of openers.tsv by kind, and (under ``"named"``) every row by its id."""
    out: dict[str, list] = {"article": [], "byline": [], "paragraph": [], "dateline": [],
                            "cue": [], "named": []}
    if not path.is_file():
        return {k: () for k in out}
    for no, (rid, kind, pattern, example, *_) in _rows(path, 4):
        if kind not in out or kind == "named":
            raise RulesError(f"{path}:{no}: kind must be article, byline, dateline, "
                             f"paragraph or cue, not {kind!r}")
        rx = _checked_pattern(path, no, rid, pattern, example, "match")
        out[kind].append(rx)
        out["named"].append((rid, rx))
    return {k: tuple(v) for k, v in out.items()}


@lru_cache(maxsize=8)
def load_rules(directory: str | None = None, profiles: tuple[str, ...] | None = None) -> Rules:
    """Load and validate ``rules/``; cached, so each directory is read once per process.

    ``profiles=None`` loads every newspaper profile in ``rules/profiles/``.
    """
    root = Path(directory) if directory else default_rules_dir()
    if not (root / "furniture.tsv").is_file():
        raise RulesError(f"{root}: not a rules directory (no furniture.tsv)")
    furniture = _furniture(root / "furniture.tsv")
    prof_dir = root / "profiles"
    available = sorted(p.stem for p in prof_dir.glob("*.tsv")) if prof_dir.is_dir() else []
    for name in (available if profiles is None else profiles):
        if name not in available:
            raise RulesError(f"unknown profile {name!r}; available: {', '.join(available)}")
        furniture += _furniture(prof_dir / f"{name}.tsv")
    banners = frozenset(
        line.strip() for line in (root / "banners.txt").read_text(encoding="utf-8").splitlines()
        if line.strip() and not line.lstrip().startswith("#"))
    punct = {half: full for _, (half, full, *_) in _rows(root / "punctuation.tsv", 2)}
    rules, pairs = _disabled(root / DISABLED_FILE)
    openers = _openers(root / "openers.tsv")
    return Rules(tuple(furniture), banners, punct, str(root), _protected(root / PROTECTED_FILE),
                 rules, pairs, openers["article"], openers["paragraph"], openers["dateline"],
                 openers["byline"], openers["named"])


#: Review decisions written by ``ocrfix rules learn``; both files are optional.
PROTECTED_FILE, DISABLED_FILE = "protected.txt", "disabled.tsv"


def _protected(path: Path) -> tuple[str, ...]:
    """Protected text, one entry per line (``\\n`` for a line break inside an entry)."""
    if not path.is_file():
        return ()
    out = []
    for raw in path.read_text(encoding="utf-8").splitlines():
        if raw.strip() and not raw.lstrip().startswith("#"):
            out.append(unescape_field(raw))
    return tuple(dict.fromkeys(out))


def _disabled(path: Path) -> tuple[frozenset[str], frozenset[tuple[str, str, str]]]:
    """``rule`` rows (kind, rule) and ``pair`` rows (kind, rule, before, after)."""
    rules: set[str] = set()
    pairs: set[tuple[str, str, str]] = set()
    if not path.is_file():
        return frozenset(), frozenset()
    for no, (kind, rule, *rest) in _rows(path, 2):
        if kind == "rule":
            rules.add(rule)
        elif kind == "pair":
            if len(rest) < 2:
                raise RulesError(f"{path}:{no}: a pair row needs kind, rule, before, after")
            pairs.add((rule, unescape_field(rest[0]), unescape_field(rest[1])))
        else:
            raise RulesError(f"{path}:{no}: kind must be rule or pair, not {kind!r}")
    return frozenset(rules), frozenset(pairs)
