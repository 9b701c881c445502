"""Command line: ``ocrfix clean``, ``ocrfix check``, ``ocrfix stages``.

Thin on purpose (click's and dinglehopper's way): commands turn options into a
:class:`Config` and call library functions. Any :class:`OcrfixError` becomes a one-line
``error: …`` and a non-zero exit; 0 = ok, 1 = check failed, 2 = bad usage or input.
Outputs are written to a temporary file and renamed, so a failure never leaves a
half-written file, and an output is never written over an input.
"""

from __future__ import annotations

import sys
from pathlib import Path

import click

from .bench import bench
from .check import check_pages, update_ratchet
from .config import Config
from .errors import OcrfixError, PipelineError
from .batch import OUTPUT_FORMATS, report_summary, run_batch, write_atomic
from .errors import InputError
from .pipeline import Pipeline, stage_table
from .readers import read_any
from .records import render_output
from .report import commands as reports
from .report.page import load_log
from .lm.cli import (fluency_from_context, fluency_option, lm, lm_option,
                     lm_path_from_context)

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
                 max_bytes=max_bytes, lm_path=lm_path_from_context(),
                 fluency_lm=fluency_from_context())
    try:
        Pipeline().select(disable=cfg.skip)  # unknown stage names fail before any work
    except PipelineError as exc:
        raise click.UsageError(str(exc)) from None
    cfg.rules  # a broken rules file fails here, naming its line
    return cfg


#: Kept for other commands: outputs are written via a temporary file and a rename.
_write_atomic = write_atomic


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
    fluency_option,
]


def _with_common(f):
    for opt in reversed(common):
        f = opt(f)
    return f


@main.command()
@click.argument("inputs", nargs=-1, required=True)
@click.option("-o", "--output", "outdir", type=click.Path(file_okay=False),
              help="Output directory (required unless the input is `-`).")
@click.option("--format", "fmt", type=click.Choice(OUTPUT_FORMATS), default="txt",
              show_default=True, help="txt, md, json, or jsonl (one article per line).")
@click.option("-j", "--jobs", type=click.IntRange(min=1), default=1, show_default=True,
              help="Parallel worker processes (output is identical to --jobs 1).")
@click.option("--dask", "dask", metavar="local|ADDRESS", default=None,
              help="Run on Dask: `local` (a LocalCluster of --jobs workers) or a scheduler "
                   "address such as tcp://10.0.0.5:8786.")
@click.option("--issues", is_flag=True,
              help="Treat the pages in each input directory as one newspaper issue: learn "
                   "running headers across pages and join （下转/上接） articles.")
@click.option("--progress/--no-progress", default=None,
              help="Progress bar on stderr (default: only on a terminal).")
@click.option("--force", is_flag=True,
              help="Redo every input (default: skip inputs whose outputs are complete "
                   "and newer than the input and the rules).")
@click.option("--report", "report_path", type=click.Path(dir_okay=False),
              help="Also write an HTML report of every edit (see `ocrfix report`).")
@click.option("--explain", is_flag=True, help="Print the edits as a diff, rule and reason per hunk.")
@_with_common
def clean(inputs: tuple[str, ...], outdir: str | None, fmt: str, jobs: int,
          dask: str | None, issues: bool, progress: bool | None, force: bool, report_path: str | None,
          explain: bool, skip, rules, profile, max_bytes, **more) -> None:
    """Clean INPUTS (files, directories, or - for stdin to stdout).

    For each page, writes NAME.FORMAT and the edit log NAME.edits.json to OUTDIR
    (keeping the sub-directories of an input directory). A page that cannot be read is
    reported in the summary and the others still finish; outputs are written atomically,
    and a rerun resumes where an interrupted one stopped.
    """
    cfg = _config(skip, rules, profile, max_bytes)
    if inputs == ("-",):
        data = sys.stdin.buffer.read(cfg.max_bytes + 1)
        if len(data) > cfg.max_bytes:
            raise click.UsageError(f"stdin is larger than --max-bytes {cfg.max_bytes}")
        doc = _pipeline_for(cfg)(read_any(data, name="<stdin>"), cfg)
        click.echo(render_output(doc, fmt), nl=False)
        reports.after_clean([doc], report_path, explain, err=True)
        return
    if not outdir:
        raise click.UsageError("-o/--output is required when cleaning files")
    if report_path and any(Path(report_path).resolve() == Path(i).resolve() or
                           Path(i).resolve() in Path(report_path).resolve().parents and
                           Path(report_path).suffix.lower() in (".txt", ".md")
                           for i in inputs):
        raise click.UsageError(f"{report_path} is one of the inputs; choose another output")
    try:
        summary = run_batch(inputs, outdir, fmt=fmt, config=cfg, jobs=jobs, dask=dask,
                            issues=issues, resume=not force, progress=progress,
                            echo=click.echo, err=lambda m: click.echo(m, err=True))
    except InputError as exc:
        raise click.UsageError(str(exc)) from None
    if summary.failed or summary.skipped or summary.interrupted or summary.output_error \
            or summary.total > 1:
        report_summary(summary, lambda m: click.echo(m, err=True))
    if report_path or explain:
        reports.after_clean([load_log(f).doc() for f in summary.logs], report_path, explain)
    if summary.exit_code:
        sys.exit(summary.exit_code)


def _pipeline_for(cfg: Config) -> Pipeline:
    return Pipeline().select(disable=cfg.skip)


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
main.add_command(reports.report)
main.add_command(reports.diff)
main.add_command(reports.rules)
main.add_command(lm)
