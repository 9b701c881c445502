"""One cleaned page as a report sees it: source, edit log, roles — from a Doc or a log file.

Why a separate value: a report is made either right after cleaning (``clean --report``)
or later from the ``NAME.edits.json`` files on disk (``ocrfix report``); both must give
the same page, so both become a :class:`Page` and everything downstream reads only that.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

from ..doc import Doc
from ..edits import Edit, Rendered, render
from ..errors import EditConflict, InputError
from ..readers import read_path

__all__ = ["Page", "load_log", "page_name"]


def page_name(source: str) -> str:
    """A short page name from the source path in a log.

    >>> page_name("seeds/000_abc.txt")
    '000_abc'
    """
    return Path(source).stem if source not in ("<stdin>", "<text>") else source


@dataclass(frozen=True)
class Page:
    """What a report needs from one page; ``edits`` in log order."""

    name: str
    source: str
    edits: tuple[Edit, ...]
    roles: dict[int, str] = field(default_factory=dict)

    @classmethod
    def from_doc(cls, doc: Doc) -> "Page":
        return cls(page_name(doc.name), doc.source, tuple(doc.edits), dict(doc.roles))

    @cached_property
    def rendered(self) -> Rendered:
        return render(self.source, self.edits)

    @property
    def text(self) -> str:
        return self.rendered.text

    def doc(self) -> Doc:
        """A Doc with this page's log, to read blocks and articles off it."""
        d = Doc(self.source, name=self.name)
        d.edits = list(self.edits)
        d.roles = dict(self.roles)
        return d


def load_log(path: str | Path) -> Page:
    """Read ``NAME.edits.json``; a bad file is an :class:`InputError` naming it.

    Logs written before ``source_text`` was added are completed by reading the source
    file they name, if it is still there and has the recorded length.
    """
    path = Path(path)
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        edits = tuple(_edit(e) for e in data["edits"])
        src_name = str(data.get("source", path.name))
        roles = {int(k): str(v) for k, v in data.get("roles", {}).items()}
    except (OSError, UnicodeDecodeError, ValueError, KeyError, TypeError) as exc:
        raise InputError(f"{path}: not an ocrfix edit log ({type(exc).__name__}: {exc})") \
            from None
    source = data.get("source_text")
    if not isinstance(source, str):
        source = _source_from_file(path, src_name, data.get("source_length"))
    for e in edits:
        if not 0 <= e.start <= e.end <= len(source) or \
                (e.dest is not None and not 0 <= e.dest <= len(source)):
            raise InputError(f"{path}: edit {e.stage}/{e.rule} {e.start}:{e.end} lies outside "
                             f"its source ({len(source)} characters)")
    name = page_name(src_name)
    if name in ("<stdin>", "<text>"):
        name = path.name.removesuffix(".edits.json")
    page = Page(name, source, edits, roles)
    try:
        page.rendered
    except EditConflict as exc:
        raise InputError(f"{path}: its edits do not replay on its source ({exc})") from None
    return page


def _edit(d: dict) -> Edit:
    """One edit from a log, with its field types checked (a log may be hand-edited)."""
    e = Edit.from_dict(d)
    ints = (e.start, e.end) + (() if e.dest is None else (e.dest,))
    texts = (e.stage, e.rule, e.before, e.after, e.reason) + (() if e.role is None
                                                                else (e.role,))
    if not (all(type(v) is int for v in ints) and all(isinstance(v, str) for v in texts)
            and isinstance(e.confidence, (int, float)) and not isinstance(e.confidence, bool)):
        raise ValueError(f"edit {d!r:.80} has a field of the wrong type")
    return e


def _source_from_file(log: Path, src_name: str, length: object) -> str:
    for cand in (Path(src_name), log.parent / Path(src_name).name):
        if cand.is_file():
            source = read_path(cand).source
            if length is None or len(source) == length:
                return source
    raise InputError(f"{log}: the log has no source text and its source {src_name} "
                     "is not readable; clean the page again to write a complete log")
