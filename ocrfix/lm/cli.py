"""``ocrfix lm``: build and try language models; the ``--lm`` option of clean/check.

Why a command: an archive's own text is the strongest model it has; ``ocrfix lm build``
turns text files (clean or OCR'd — errors are rare enough not to matter) into a model the
pipeline loads with ``--lm``. With no corpus it writes the built-in model, so the default
is reproducible from the installed jieba word list.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

import click

from .wordlm import LMError, build_model, load_model

__all__ = ["lm", "lm_option", "lm_path_from_context", "fluency_option",
           "fluency_from_context"]


@click.group()
def lm() -> None:
    """Build and inspect language models for the correct stage."""


@lm.command()
@click.argument("corpus", nargs=-1, type=click.Path(dir_okay=True))
@click.option("-o", "--output", required=True, type=click.Path(dir_okay=False),
              help="Model file to write (.tsv or .tsv.gz).")
@click.option("--base/--no-base", default=True, show_default=True,
              help="Start from jieba's word frequencies (MIT) and add the corpus on top.")
@click.option("--corpus-share", type=click.FloatRange(0.01, 0.99), default=0.5,
              show_default=True, help="Share of the probability mass given to the corpus.")
def build(corpus: tuple[str, ...], output: str, base: bool, corpus_share: float) -> None:
    """Build a model from CORPUS text files or directories (*.txt, *.md)."""
    files: list[Path] = []
    for c in map(Path, corpus):
        if c.is_dir():
            files += sorted(f for f in c.rglob("*") if f.suffix.lower() in (".txt", ".md"))
        elif c.is_file():
            files.append(c)
        else:
            raise LMError(f"no such corpus file or directory: {c}")
    model = build_model(files, base="jieba" if base else None, corpus_share=corpus_share)
    out = Path(output)
    out.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=out.parent, prefix=f".{out.name}.", suffix=out.suffix)
    os.close(fd)
    try:
        model.save(tmp)
        os.replace(tmp, out)
    finally:
        Path(tmp).unlink(missing_ok=True)
    click.echo(f"{len(model)} words from {len(files)} corpus file(s) -> {out}")


@lm.command()
@click.argument("texts", nargs=-1, required=True)
@click.option("--lm", "lm_path", default=None, help="Model file (default: built-in).")
def score(texts: tuple[str, ...], lm_path: str | None) -> None:
    """Print the log-probability and segmentation of each TEXT (compare variants)."""
    model = load_model(lm_path) if lm_path else build_model([], base="jieba")
    for t in texts:
        click.echo(f"{model.score(t):9.2f}  {' '.join(model.segment(t))}")


def _remember(ctx: click.Context, _param: click.Parameter, value: str | None) -> None:
    if value is not None:
        load_model(value)  # fail now, with a one-line error, not in the middle of a run
        ctx.meta["ocrfix.lm_path"] = value


#: ``--lm PATH`` for clean/check; the value reaches Config via :func:`lm_path_from_context`.
lm_option = click.option("--lm", type=click.Path(dir_okay=False), default=None,
                         expose_value=False, callback=_remember,
                         help="Language model for the correct stage (ocrfix lm build).")


def _remember_fluency(ctx: click.Context, _param: click.Parameter, value: str) -> None:
    from ..fluency import fluency

    fluency(value)  # an explicit path that cannot be loaded fails now, in one line
    ctx.meta["ocrfix.fluency_lm"] = value


#: ``--fluency-lm auto|none|PATH`` for clean/check: the layout stages' word model.
fluency_option = click.option(
    "--fluency-lm", default="auto", show_default=True, expose_value=False,
    callback=_remember_fluency, metavar="auto|none|PATH",
    help="Word model the layout stages use to judge whether text reads on: auto = "
         "Debian's libime model if installed, none = dictionary cohesion only, or a "
         "KenLM file.")


def fluency_from_context() -> str:
    ctx = click.get_current_context(silent=True)
    return "auto" if ctx is None else ctx.meta.get("ocrfix.fluency_lm", "auto")


def lm_path_from_context() -> str | None:
    ctx = click.get_current_context(silent=True)
    return None if ctx is None else ctx.meta.get("ocrfix.lm_path")
