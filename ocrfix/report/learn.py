"""Review loop: a reviewer's marks ("this edit is wrong") become entries in ``rules/``.

Why three actions: a wrong change is usually wrong *here*, not everywhere — turning one
comma back would be a disaster if it switched off full-width punctuation for every page.
So the default is to **protect** the text the stage saw around the edit (a few characters
either side), which stops exactly that change; a reviewer can instead forbid the change
``before → after`` by that rule everywhere (**pair**: an OCR confusion pair that is wrong
in general), or switch the **rule** off. The guard in every batch (``ocrfix/guard.py``)
honours all three on the next run.
"""

from __future__ import annotations

import json
import os
import tempfile
from dataclasses import dataclass
from pathlib import Path

from ..doc import REMOVED_ROLES
from ..errors import InputError
from ..guard import escape_field
from ..rules import DISABLED_FILE, PROTECTED_FILE, default_rules_dir, load_rules
from .page import Page
from .seen import as_seen

__all__ = ["ACTIONS", "Mark", "protect_texts", "read_marks", "learn"]

ACTIONS = ("protect", "pair", "rule")
#: Characters of context kept either side of a small edit when it is protected.
CONTEXT = 3


@dataclass(frozen=True)
class Mark:
    """One edit a reviewer marked wrong, and what to learn from it."""

    page: str
    edit: int
    stage: str
    rule: str
    before: str
    after: str
    action: str
    protect: str = ""
    note: str = ""


def protect_texts(page: Page) -> list[str]:
    """For each edit, the text to protect so that the next run does not make it again.

    A removed or moved block is protected by its longest line. A small edit is protected
    with ``CONTEXT`` characters either side, as the text read when its stage ran (the log
    replayed up to the run of edits of the same rule), because that is the text the guard
    will see next time.
    """
    out: list[str] = []
    for e, seen in zip(page.edits, as_seen(page)):
        if e.role in REMOVED_ROLES or e.dest is not None:
            lines = [ln.strip() for ln in e.before.splitlines() if ln.strip()]
            out.append(max(lines, key=len) if lines else "")
        elif seen is None:  # not found: protect the text itself, if it is specific enough
            out.append(e.before.strip() if _specific(e.before) else "")
        else:
            text, k = seen
            end = k + len(e.before)
            out.append(text[max(0, k - CONTEXT):end + CONTEXT])
    return out


def _specific(text: str) -> bool:
    """Protected text must say more than one character (a lone comma would freeze all).

    >>> _specific("，"), _specific("2,000")
    (False, True)
    """
    return len("".join(text.split())) >= 2


def read_marks(path: str | Path) -> list[Mark]:
    """Marks exported by a report; a bad file is an :class:`InputError` naming it."""
    path = Path(path)
    try:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
        marks = [Mark(page=str(m["page"]), edit=int(m["edit"]), stage=str(m["stage"]),
                      rule=str(m["rule"]), before=str(m["before"]), after=str(m["after"]),
                      action=str(m.get("action", "protect")), protect=str(m.get("protect", "")),
                      note=str(m.get("note", "")))
                 for m in data["marks"]]
    except (OSError, UnicodeDecodeError, ValueError, KeyError, TypeError) as exc:
        raise InputError(f"{path}: not a marks file exported by an ocrfix report "
                         f"({type(exc).__name__}: {exc})") from None
    for m in marks:
        if m.action not in ACTIONS:
            raise InputError(f"{path}: mark {m.page}#{m.edit}: action must be one of "
                             f"{', '.join(ACTIONS)}, not {m.action!r}")
    return marks


def learn(marks: list[Mark], rules_dir: str | Path | None = None) -> list[str]:
    """Append what ``marks`` teach to ``rules/``; returns one line per new entry (or skip).

    Entries already present are not repeated, so learning the same marks twice is a no-op.
    """
    root = Path(rules_dir) if rules_dir else default_rules_dir()
    rules = load_rules(str(root), None)
    protected = set(rules.protected)
    pairs, off = set(rules.disabled_pairs), set(rules.disabled_rules)
    new_protected: list[str] = []
    new_rows: list[str] = []
    done: list[str] = []
    for m in marks:
        why = f"marked wrong in {m.page} (edit {m.edit}){': ' + m.note if m.note else ''}"
        text = m.protect or m.before.strip()
        if m.action == "protect" and not _specific(text):
            done.append(f"skipped: {text!r} is too short to protect; mark it 'pair' or "
                        f"'rule' instead  ({why})")
        elif m.action == "protect":
            if text not in protected:
                protected.add(text)
                new_protected.append(escape_field(text))
                done.append(f"protect {text!r}  ({why})")
        elif m.action == "rule":
            if m.rule not in off:
                off.add(m.rule)
                new_rows.append(f"rule\t{m.rule}\t\t\t{escape_field(why)}")
                done.append(f"disable rule {m.rule}  ({why})")
        elif (m.rule, m.before, m.after) not in pairs:
            pairs.add((m.rule, m.before, m.after))
            new_rows.append(f"pair\t{m.rule}\t{escape_field(m.before)}\t"
                            f"{escape_field(m.after)}\t{escape_field(why)}")
            done.append(f"disable {m.rule}: {m.before!r} → {m.after!r}  ({why})")
    _append(root / PROTECTED_FILE, new_protected)
    _append(root / DISABLED_FILE, new_rows)
    load_rules.cache_clear()
    load_rules(str(root), None)  # what was written must load: fail now, not next run
    return done


def _append(path: Path, lines: list[str]) -> None:
    """Add lines to a rules file atomically (a crash never leaves half a file)."""
    if not lines:
        return
    old = path.read_text(encoding="utf-8") if path.is_file() else ""
    if old and not old.endswith("\n"):
        old += "\n"
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as fh:
            fh.write(old + "\n".join(lines) + "\n")
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
