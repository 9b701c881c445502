"""Commands ``ocrfix report``, ``ocrfix diff``, ``ocrfix rules learn``, and the hooks that
``ocrfix clean --report/--explain`` call.

Thin on purpose: each command reads its inputs into :class:`~.page.Page` values, calls one
library function and writes one output atomically (a temporary file renamed into place),
so a failure never leaves half a report and an output never replaces an input.
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

import click

from ..doc import Doc
from ..errors import InputError
from .align import LOW_CONFIDENCE
from .diff import LOG_SUFFIX, diff_pages, format_diff, load_side
from .explain import explain
from .learn import learn, read_marks
from .page import Page, load_log

__all__ = ["report", "diff", "rules", "write_report", "explain_doc"]


def _write(path: Path, text: str, inputs: list[Path] = ()) -> None:  # type: ignore[assignment]
    if path.resolve() in {p.resolve() for p in inputs}:
        raise click.UsageError(f"{path} is one of the inputs; choose another output")
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as fh:
            fh.write(text)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


# -- hooks for `ocrfix clean` -----------------------------------------------------------
def write_report(path: str | Path, docs: list[Doc], *, low: float = LOW_CONFIDENCE) -> None:
    """``clean --report PATH``: the HTML report of the pages just cleaned."""
    from .html import render_report  # Jinja loads only when a report is made
    inputs = [Path(d.name) for d in docs if Path(d.name).is_file()]
    _write(Path(path), render_report([Page.from_doc(d) for d in docs], low=low), inputs)


def explain_doc(doc: Doc, *, colour: bool | None = None) -> str:
    """``clean --explain``: the page's edits as unified-diff text (colour on a TTY)."""
    if colour is None:
        colour = sys.stdout.isatty()
    text = explain(Page.from_doc(doc), colour=colour, label=doc.name)
    if doc.vetoed:  # the review loop at work: say what rules/ held back
        text += f"# {len(doc.vetoed)} change(s) held back by rules/protected.txt or disabled.tsv:\n"
        text += "".join(f"#   {e.stage}/{e.rule} {e.before!r} → {e.after!r}\n"
                        for e in doc.vetoed)
    return text


# -- ocrfix report ----------------------------------------------------------------------
def _logs(paths: tuple[str, ...]) -> list[Path]:
    out: list[Path] = []
    for p in map(Path, paths):
        if p.is_dir():
            out += sorted(p.glob(f"*{LOG_SUFFIX}"))
        elif p.is_file():
            out.append(p)
        else:
            raise click.UsageError(f"no such file or directory: {p}")
    if not out:
        raise click.UsageError(f"no edit logs (*{LOG_SUFFIX}) in {', '.join(paths)}")
    return out


@click.command()
@click.argument("logs", nargs=-1, required=True)
@click.option("-o", "--output", required=True, type=click.Path(dir_okay=False),
              help="The file to write: HTML, or JSON if it ends in .json.")
@click.option("--low", type=float, default=LOW_CONFIDENCE, show_default=True,
              help="Edits below this confidence are listed first, flagged for review.")
def report(logs: tuple[str, ...], output: str, low: float) -> None:
    """Write one self-contained HTML report for edit logs (NAME.edits.json, or directories
    holding them): input and output side by side, every edit by stage, rule and reason,
    filters, and review marks to export for `ocrfix rules learn`. An output ending in
    .json gets the same report as JSON."""
    from .html import render_report, render_report_json
    files = _logs(logs)
    pages = [load_log(f) for f in files]
    fmt = render_report_json if output.endswith(".json") else render_report
    _write(Path(output), fmt(pages, low=low), files)
    click.echo(f"{output}: {len(pages)} page(s), {sum(len(p.edits) for p in pages)} edits")


# -- ocrfix diff ------------------------------------------------------------------------
@click.command()
@click.argument("old", type=click.Path(exists=True))
@click.argument("new", type=click.Path(exists=True))
@click.option("--golden", "golden_dir", type=click.Path(file_okay=False, exists=True),
              help="Directory of golden pages (NAME.txt): report CER of OLD and NEW.")
@click.option("--html", "html_out", type=click.Path(dir_okay=False),
              help="Also write the comparison as an HTML file.")
@click.option("--colour/--no-colour", default=None, help="Colour (default: on a terminal).")
def diff(old: str, new: str, golden_dir: str | None, html_out: str | None,
         colour: bool | None) -> None:
    """Compare two cleanings of the same input: edits that disappeared or appeared, and
    how the text changed. OLD and NEW are edit logs, text files, or directories of them
    (pages are matched by name), e.g. out-before/ out-after/, or out/ golden/."""
    a, b = load_side(old), load_side(new)
    names = [n for n in a if n in b]
    if not names:
        raise InputError(f"no page of {old} has a counterpart in {new} (matched by name)")
    diffs = []
    for n in names:
        gold = Path(golden_dir) / f"{n}.txt" if golden_dir else None
        ref = gold.read_text(encoding="utf-8") if gold and gold.is_file() else None
        diffs.append(diff_pages(a[n], b[n], ref))
    click.echo(format_diff(diffs, colour=sys.stdout.isatty() if colour is None else colour),
               nl=False)
    if html_out:
        from .html import render_diff
        _write(Path(html_out), render_diff(diffs, old=old, new=new))


# -- ocrfix rules learn -----------------------------------------------------------------
@click.group()
def rules() -> None:
    """Editable rules: learn from a reviewer's marks."""


@rules.command("learn")
@click.argument("marks", type=click.Path(exists=True, dir_okay=False))
@click.option("--rules", "rules_dir", type=click.Path(file_okay=False, exists=True),
              help="Rules directory to write to (default: the project's rules/).")
def learn_command(marks: str, rules_dir: str | None) -> None:
    """Turn MARKS.json (exported from a report) into entries in rules/protected.txt and
    rules/disabled.tsv, so the next run does not repeat the marked edits."""
    done = learn(read_marks(marks), rules_dir)
    for line in done:
        click.echo(line, err=line.startswith("skipped"))
    n = sum(not line.startswith("skipped") for line in done)
    click.echo(f"{n} new entr{'y' if n == 1 else 'ies'} in rules/")


def after_clean(docs: list[Doc], report_path: str | None, explain_: bool, *,
                err: bool = False) -> None:
    """What ``clean --report/--explain`` add after cleaning (one call in ``cli.clean``)."""
    if explain_:
        for doc in docs:
            click.echo(explain_doc(doc, colour=sys.stderr.isatty() if err else None),
                       err=err, nl=False)
    if report_path and docs:
        write_report(report_path, docs)
        click.echo(f"report: {report_path}", err=err)
