"""Command line: ``ocrfix clean``, ``ocrfix check``, ``ocrfix stages``.

Thin on purpose (click's and dinglehopper's way): commands turn options into a
:class:`Config` and call library functions. Any :class:`OcrfixError` becomes a one-line
``error: …`` and a non-zero exit; 0 = ok, 1 = check failed, 2 = bad usage or input.
Outputs are written to a temporary file and renamed, so a failure never leaves a
half-written file, and an output is never written over an input.
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

import click

from .bench import bench
from .check import check_pages, update_ratchet
from .config import Config
from .errors import OcrfixError, PipelineError
from .lm.cli import lm, lm_option, lm_path_from_context
from .pipeline import Pipeline, clean_file, clean_text, stage_table
from .readers.text import decode
from .stages.emit import FORMATS, edit_log, render

EXIT_OK, EXIT_CHECK_FAILED, EXIT_USAGE = 0, 1, 2


class _Group(click.Group):
    """Turns expected errors into a one-line message and exit code 2, never a traceback."""

    def invoke(self, ctx: click.Context):
        try:
            return super().invoke(ctx)
        except OcrfixError as exc:
            click.echo(f"error: {exc}", err=True)
            ctx.exit(exc.exit_code)


@click.group(cls=_Group)
@click.version_option(package_name="ocrfix")
def main() -> None:
    """Clean OCR text of scanned Chinese newspaper pages into article text."""


def _config(skip: tuple[str, ...], rules: str | None, profile: tuple[str, ...],
            max_bytes: int) -> Config:
    cfg = Config(rules_dir=rules, profiles=profile or None, skip=frozenset(skip),
                 max_bytes=max_bytes, lm_path=lm_path_from_context())
    try:
        Pipeline().select(disable=cfg.skip)  # unknown stage names fail before any work
    except PipelineError as exc:
        raise click.UsageError(str(exc)) from None
    cfg.rules  # a broken rules file fails here, naming its line
    return cfg


def _inputs(paths: tuple[str, ...]) -> list[Path]:
    files: list[Path] = []
    for p in map(Path, paths):
        if p.is_dir():
            files += sorted(f for f in p.rglob("*") if f.is_file() and
                            f.suffix.lower() in (".txt", ".md"))
        elif p.exists():
            files.append(p)
        else:
            raise click.UsageError(f"no such file or directory: {p}")
    return files


def _write_atomic(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as fh:
            fh.write(text)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


common = [
    click.option("--skip", multiple=True, metavar="STAGE",
                 help="Skip a stage (repeatable); see `ocrfix stages`."),
    click.option("--rules", type=click.Path(file_okay=False), default=None,
                 help="Rules directory (default: the project's rules/)."),
    click.option("--profile", multiple=True,
                 help="Newspaper profile from rules/profiles/ (default: all)."),
    click.option("--max-bytes", type=int, default=Config.max_bytes, show_default=True,
                 help="Refuse inputs larger than this."),
    lm_option,
]


def _with_common(f):
    for opt in reversed(common):
        f = opt(f)
    return f


@main.command()
@click.argument("inputs", nargs=-1, required=True)
@click.option("-o", "--output", "outdir", type=click.Path(file_okay=False),
              help="Output directory (required unless the input is `-`).")
@click.option("--format", "fmt", type=click.Choice(FORMATS), default="txt", show_default=True)
@_with_common
def clean(inputs: tuple[str, ...], outdir: str | None, fmt: str, skip, rules, profile,
          max_bytes) -> None:
    """Clean INPUTS (files, directories, or - for stdin to stdout).

    For each page, writes NAME.FORMAT and the edit log NAME.edits.json to OUTDIR.
    """
    cfg = _config(skip, rules, profile, max_bytes)
    if inputs == ("-",):
        data = sys.stdin.buffer.read(cfg.max_bytes + 1)
        if len(data) > cfg.max_bytes:
            raise click.UsageError(f"stdin is larger than --max-bytes {cfg.max_bytes}")
        doc = clean_text(decode(data, "<stdin>"), cfg, name="<stdin>")
        click.echo(render(doc, fmt), nl=False)
        return
    if not outdir:
        raise click.UsageError("-o/--output is required when cleaning files")
    out = Path(outdir)
    files = _inputs(inputs)
    if out.resolve() in {f.resolve().parent for f in files}:
        raise click.UsageError(f"output directory {out} is an input directory; "
                               "choose another so no input is overwritten")
    failed = 0
    for f in files:
        try:
            doc = clean_file(str(f), cfg)
        except OcrfixError as exc:
            click.echo(f"error: {exc}", err=True)
            failed += 1
            continue
        _write_atomic(out / f"{f.stem}.{fmt}", render(doc, fmt))
        _write_atomic(out / f"{f.stem}.edits.json", edit_log(doc))
        click.echo(f"{f} -> {out / (f.stem + '.' + fmt)} ({len(doc.edits)} edits)")
    if failed:
        click.echo(f"{failed} of {len(files)} input(s) could not be cleaned", err=True)
        sys.exit(EXIT_USAGE)


@main.command()
@click.option("--seeds", "seeds_dir", default="seeds", show_default=True,
              type=click.Path(file_okay=False))
@click.option("--golden", "golden_dir", default="golden", show_default=True,
              type=click.Path(file_okay=False))
@click.option("--update", is_flag=True, help="Lower the ratchet where a page improved.")
@_with_common
def check(seeds_dir: str, golden_dir: str, update: bool, skip, rules, profile,
          max_bytes) -> None:
    """Clean every seed page and compare with golden/: raw vs cleaned CER per page."""
    cfg = _config(skip, rules, profile, max_bytes)
    results = check_pages(Path(seeds_dir), Path(golden_dir), cfg)
    click.echo(f"{'page':<24} {'raw CER':>8} {'clean CER':>10} {'ratchet':>8} {'edits':>6}")
    for r in results:
        rat = "-" if r.ratchet is None else f"{r.ratchet:.4f}"
        flag = "" if r.ok else "  WORSE"
        click.echo(f"{r.name:<24} {r.raw_cer:>8.4f} {r.clean_cer:>10.4f} {rat:>8} "
                   f"{r.edits:>6}{flag}")
    n = len(results)
    click.echo(f"{'mean':<24} {sum(r.raw_cer for r in results) / n:>8.4f} "
               f"{sum(r.clean_cer for r in results) / n:>10.4f}")
    for r in results:
        if r.diff:
            click.echo(f"\n{r.name}: still differs (cleaned → golden)")
            for line in r.diff:
                click.echo(f"  {line}")
    if update:
        update_ratchet(Path(golden_dir), results)
        click.echo("\nratchet updated")
    elif not all(r.ok for r in results):
        sys.exit(EXIT_CHECK_FAILED)


@main.command()
def stages() -> None:
    """List the pipeline's stages in their default order."""
    for name, help_ in stage_table():
        click.echo(f"{name:<10} {help_}")



main.add_command(bench)
main.add_command(lm)
