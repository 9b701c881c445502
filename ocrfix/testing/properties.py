"""The reliability properties of a cleaning run, as checks shared by the hypothesis tests
and the soak benchmark (``ocrfix bench fuzz``).

Each check returns ``None`` when the property holds, or a one-line description of the
violation, so a test can ``assert check(...) is None`` and the soak can count and print
them with the seed that reproduces them.

>>> doc = clean_text("## 标题\\n\\n正文,第一段。\\n")
>>> conservation(doc) is None and idempotence(doc) is None
True
"""

from __future__ import annotations

from dataclasses import dataclass

from ..config import Config
from ..doc import Doc
from ..edits import _active_replacements, apply_edits, render
from ..errors import InputError, OcrfixError
from ..pipeline import clean_text

__all__ = ["conservation", "idempotence", "determinism", "Outcome", "run_page",
           "PROPERTIES"]


def conservation(doc: Doc) -> str | None:
    """Replaying the log on the source gives the text, and every source character that is
    not in the text lies inside a logged replacement (nothing leaves unlogged)."""
    replayed = apply_edits(doc.source, doc.edits)
    if replayed != doc.text:
        return "replaying the edit log does not give the output text"
    kept = {s for s, e in render(doc.source, doc.edits).origins if e == s + 1}
    logged = set()
    for e in _active_replacements(doc.edits):
        logged.update(range(e.start, e.end))
    lost = [i for i in range(len(doc.source)) if i not in kept and i not in logged]
    if lost:
        return (f"{len(lost)} source character(s) left without an edit, first at "
                f"{lost[0]}: {doc.source[lost[0]:lost[0] + 10]!r}")
    return None


def idempotence(doc: Doc, config: Config | None = None) -> str | None:
    """Cleaning the cleaned text changes nothing."""
    again = clean_text(doc.text, config)
    if again.text != doc.text:
        rules = sorted({f"{e.stage}/{e.rule}" for e in again.edits})
        return f"a second pass changes the text ({', '.join(rules)})"
    return None


def determinism(doc: Doc, config: Config | None = None) -> str | None:
    """The same input cleaned again gives byte-identical text and edit log."""
    again = clean_text(doc.source, config, name=doc.name)
    if again.text != doc.text:
        return "same input, different text"
    if again.edits != doc.edits:
        return "same input, different edit log"
    return None


PROPERTIES = {"conservation": conservation, "idempotence": idempotence,
              "determinism": determinism}


@dataclass
class Outcome:
    """What happened to one input: refused (InputError), an internal error (another
    OcrfixError: a stage bug caught by the model's own checks), a crash (any other
    exception: a traceback), or cleaned with these property violations."""

    refused: str | None = None
    internal: str | None = None
    crash: str | None = None
    violations: dict[str, str] | None = None
    edits: int = 0


def run_page(text: str, config: Config | None = None) -> Outcome:
    """Clean ``text`` and check every property; never raises (that is the point)."""
    try:
        doc = clean_text(text, config)
    except InputError as exc:
        return Outcome(refused=str(exc))
    except OcrfixError as exc:
        return Outcome(internal=f"{type(exc).__name__}: {exc}")
    except Exception as exc:  # noqa: BLE001 - a crash is what we count
        return Outcome(crash=f"{type(exc).__name__}: {exc}")
    violations = {}
    for name, check in PROPERTIES.items():
        try:
            problem = check(doc, config) if name != "conservation" else check(doc)
        except Exception as exc:  # noqa: BLE001 - the second pass crashed
            problem = f"check raised {type(exc).__name__}: {exc}"
        if problem:
            violations[name] = problem
    return Outcome(violations=violations, edits=len(doc.edits))
