"""``ocrfix diff OLD NEW``: what changed between two cleanings of the same input.

Why edits *and* text: after a rules change the question is both "which corrections did the
pipeline stop or start making" (edit logs, compared by rule and source span) and "is the
text better" (CER against a golden page, when there is one). Either side may also be a
plain text file — ``golden/`` is text only — then only the texts are compared.
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass, field
from pathlib import Path

import click

from ..check import cer
from ..edits import Edit
from ..errors import InputError
from ..readers import read_path
from .page import Page, load_log

__all__ = ["Side", "PageDiff", "load_side", "diff_pages", "diff_text", "format_diff"]

LOG_SUFFIX = ".edits.json"


@dataclass(frozen=True)
class Side:
    """One cleaning of one page: its text, and its log if it has one."""

    name: str
    text: str
    page: Page | None = None


@dataclass
class PageDiff:
    name: str
    gone: list[Edit] = field(default_factory=list)
    new: list[Edit] = field(default_factory=list)
    changes: list[tuple[str, str, str]] = field(default_factory=list)  # (context, old, new)
    distance: float = 0.0  # CER of NEW against OLD: how much of the text changed
    old_cer: float | None = None  # against the golden page, when given
    new_cer: float | None = None
    note: str = ""


def _stem(path: Path) -> str:
    name = path.name
    return name[: -len(LOG_SUFFIX)] if name.endswith(LOG_SUFFIX) else path.stem


def _side(path: Path) -> Side:
    if path.name.endswith(LOG_SUFFIX):
        page = load_log(path)
        return Side(_stem(path), page.text, page)
    return Side(_stem(path), read_path(path).source)


def load_side(path: str | Path) -> dict[str, Side]:
    """Pages of a file or directory, by name; a directory prefers edit logs to text."""
    path = Path(path)
    if path.is_file():
        return {_stem(path): _side(path)}
    if not path.is_dir():
        raise InputError(f"no such file or directory: {path}")
    files: dict[str, Path] = {}
    for f in sorted(path.iterdir()):
        if f.name.endswith(LOG_SUFFIX) or (f.suffix in (".txt", ".md") and
                                            not f.name.endswith(".notes.md")):
            stem = _stem(f)
            if stem not in files or f.name.endswith(LOG_SUFFIX):
                files[stem] = f
    return {k: _side(v) for k, v in files.items()}


def _key(e: Edit) -> tuple:
    return (e.stage, e.rule, e.start, e.end, e.before, e.after, e.dest)


def diff_text(old: str, new: str, limit: int = 50) -> list[tuple[str, str, str]]:
    """Places where the texts differ: (context before, old piece, new piece).

    >>> diff_text("甲乙丙丁", "甲乙两丁")
    [('甲乙', '丙', '两')]
    """
    out = []
    matcher = difflib.SequenceMatcher(None, old, new, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag != "equal":
            out.append((old[max(0, i1 - 10):i1], old[i1:i2], new[j1:j2]))
            if len(out) == limit:
                break
    return out


def diff_pages(old: Side, new: Side, golden: str | None = None) -> PageDiff:
    """Compare two cleanings of one page (and each with ``golden``, when given)."""
    d = PageDiff(old.name)
    if old.page and new.page:
        if old.page.source != new.page.source:
            d.note = "the two logs are of different inputs; edits are not compared"
        else:
            ok, nk = {_key(e) for e in old.page.edits}, {_key(e) for e in new.page.edits}
            d.gone = [e for e in old.page.edits if _key(e) not in nk]
            d.new = [e for e in new.page.edits if _key(e) not in ok]
    d.changes = diff_text(old.text, new.text)
    d.distance = cer(new.text, old.text)
    if golden is not None:
        d.old_cer, d.new_cer = cer(old.text, golden), cer(new.text, golden)
    return d


def _edit_line(sign: str, e: Edit) -> str:
    after = "(moved)" if e.dest is not None else repr(e.after)
    return (f"{sign} {e.stage}/{e.rule} {e.start}:{e.end} {e.before!r} → {after}  "
            f"[{e.confidence:.2f}] {e.reason}")


def format_diff(diffs: list[PageDiff], *, colour: bool = False, limit: int = 20) -> str:
    """The comparison as terminal text (ANSI colours when ``colour``)."""
    def paint(text: str, fg: str | None = None, bold: bool = False) -> str:
        return click.style(text, fg=fg, bold=bold) if colour else text

    out = []
    for d in diffs:
        head = (f"{d.name}: {len(d.gone)} edit(s) disappeared, {len(d.new)} appeared, "
                f"text {'identical' if not d.changes else f'differs at {len(d.changes)} place(s)'}"
                f" (change {d.distance:.4f})")
        if d.old_cer is not None and d.new_cer is not None:
            delta = d.new_cer - d.old_cer
            head += f"; CER vs golden {d.old_cer:.4f} → {d.new_cer:.4f} ({delta:+.4f})"
        out.append(paint(head, bold=True))
        if d.note:
            out.append(f"  note: {d.note}")
        for e in d.gone[:limit]:
            out.append(paint("  " + _edit_line("-", e), "red"))
        for e in d.new[:limit]:
            out.append(paint("  " + _edit_line("+", e), "green"))
        hidden = max(0, len(d.gone) - limit) + max(0, len(d.new) - limit)
        if hidden:
            out.append(f"  … {hidden} more edit(s); see --html")
        for ctx, a, b in d.changes[:limit]:
            out.append("  text: …" + ctx.replace("\n", "⏎") + "[" +
                       paint(a.replace("\n", "⏎"), "red") + " → " +
                       paint(b.replace("\n", "⏎"), "green") + "]")
    with_cer = [d for d in diffs if d.old_cer is not None]
    summary = (f"{len(diffs)} page(s): {sum(len(d.gone) for d in diffs)} edit(s) disappeared, "
               f"{sum(len(d.new) for d in diffs)} appeared")
    if with_cer:
        o = sum(d.old_cer for d in with_cer) / len(with_cer)  # type: ignore[misc]
        n = sum(d.new_cer for d in with_cer) / len(with_cer)  # type: ignore[misc]
        summary += f"; mean CER vs golden {o:.4f} → {n:.4f} ({n - o:+.4f})"
    out.append(paint(summary, bold=True))
    return "\n".join(out) + "\n"
