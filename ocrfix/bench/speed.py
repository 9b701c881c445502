"""``ocrfix bench speed``: pages per minute for --jobs 1, --jobs N and Dask local.

``CPU s`` is the CPU time of the run (client plus reaped worker processes): on a busy
machine the wall-clock ratios say little, the CPU column shows the work was the same.

Why ratios: absolute speed depends on the machine and on what else runs on it; the three
runs are measured back to back on the same generated archive, so their ratios to
``--jobs 1`` are what carries over. Peak memory is the largest resident set of each
worker process (``ru_maxrss``), reported per run as the maximum over its workers.

The archive is generated, never downloaded: issues of ``--issue-size`` pages, each page
a run of blocks from a seed page (raw OCR, so the pipeline has real work), perturbed
(half-width punctuation, a doubled blank line) and framed by a running header and an
editor footer, with ``（下转/上接）`` pairs between pages 1 and 2 of every issue.
"""

from __future__ import annotations

import os
import random
import resource
import tempfile
import time
from dataclasses import replace
from pathlib import Path

import click

from ..batch import run_batch
from ..config import Config


def _cpu() -> float:
    """CPU seconds of this process and of its finished children (pool and Dask workers)."""
    me, kids = resource.getrusage(resource.RUSAGE_SELF), \
        resource.getrusage(resource.RUSAGE_CHILDREN)
    return me.ru_utime + me.ru_stime + kids.ru_utime + kids.ru_stime


def _blocks(root: Path) -> list[list[str]]:
    pages = sorted((root / "seeds").glob("*.txt"))
    return [[b for b in p.read_text("utf-8").split("\n\n") if b.strip()] for p in pages]


def generate_archive(dest: Path, pages: int, issue_size: int, seed: int = 0) -> int:
    """Write ``pages`` pages as issue directories under ``dest``; return the page count."""
    rng = random.Random(seed)
    root = Path(__file__).resolve().parents[2]
    sources = _blocks(root)
    made = 0
    day = 0
    while made < pages:
        day += 1
        issue = dest / f"2024-{1 + day // 28:02d}-{1 + day % 28:02d}"
        issue.mkdir(parents=True)
        for n in range(1, min(issue_size, pages - made) + 1):
            src = rng.choice(sources)
            start = rng.randrange(0, max(1, len(src) - 8))
            body = src[start:start + rng.randint(6, 14)]
            body = [b.replace("，", ",") if rng.random() < 0.2 else b for b in body]
            if n == 1:
                body[-1] = body[-1].rstrip("。") + "（下转第2版）"
            if n == 2:
                body.insert(1, "（上接第1版）" + rng.choice(src)[:120])
            header = f"晋中日报 2024年{1 + day // 28}月{1 + day % 28}日 星期{'一二三四五六日'[day % 7]} 第{n}版"
            page = [header] + body + ["本版编辑 李华 美编 赵敏 校对 孙立"]
            (issue / f"{n:02d}.txt").write_text("\n\n".join(page) + "\n", encoding="utf-8")
            made += 1
    return made


@click.command()
@click.option("--pages", type=click.IntRange(min=1), default=500, show_default=True,
              help="Pages in the generated archive.")
@click.option("--issue-size", type=click.IntRange(min=1), default=8, show_default=True)
@click.option("--jobs", "jobs", type=click.IntRange(min=2), default=2, show_default=True,
              help="Workers for the parallel and Dask runs.")
@click.option("--no-dask", is_flag=True, help="Skip the Dask local run.")
@click.option("--without-models", is_flag=True,
              help="Also run --jobs 1 without the word-trigram models (--fluency-lm none, "
                   "no correction context): what the models cost, as a ratio.")
def command(pages: int, issue_size: int, jobs: int, no_dask: bool,
            without_models: bool) -> None:
    """Clean a generated archive with --jobs 1, --jobs N and Dask local; report
    pages/min, ratios to --jobs 1, peak memory per worker, and whether outputs match."""
    cfg = Config()
    bare = replace(cfg, fluency_lm="none", correct_context=None)
    with tempfile.TemporaryDirectory(prefix="ocrfix-speed-") as tmp:
        archive = Path(tmp) / "archive"
        n = generate_archive(archive, pages, issue_size)
        runs = [("--jobs 1", 1, None, cfg), (f"--jobs {jobs}", jobs, None, cfg)]
        if not no_dask:
            runs.append((f"--dask local ({jobs} workers)", jobs, "local", cfg))
        if without_models:
            runs.append(("--jobs 1, no word models", 1, None, bare))
        rows, trees = [], []
        for label, j, dask, run_cfg in runs:
            out = Path(tmp) / f"out{len(rows)}"
            t0, c0 = time.perf_counter(), _cpu()
            summary = run_batch([str(archive)], out, fmt="txt", config=run_cfg, jobs=j,
                                dask=dask, issues=True, resume=False, progress=False,
                                echo=lambda s: None, err=lambda s: None)
            elapsed, cpu = time.perf_counter() - t0, _cpu() - c0
            peaks = sorted(summary.peak_rss_kb.values())
            rows.append((label, summary.cleaned, elapsed, peaks, cpu))
            if run_cfg is cfg:  # the model-free run is meant to differ
                trees.append({p.relative_to(out): p.read_bytes() for p in out.rglob("*")
                              if p.is_file()})
    base = rows[0][1] / rows[0][2] * 60
    click.echo(f"archive: {n} pages in issues of {issue_size} (--issues), txt output; "
               f"load average before: {os.getloadavg()[0]:.1f} on {os.cpu_count()} CPUs")
    click.echo(f"{'run':<26} {'pages':>6} {'pages/min':>10} {'ratio':>6} "
               f"{'CPU s':>7} {'workers':>8} {'peak MB/worker':>15}")
    for label, done, elapsed, peaks, cpu in rows:
        rate = done / elapsed * 60
        click.echo(f"{label:<26} {done:>6} {rate:>10.0f} {rate / base:>6.2f} {cpu:>7.1f} "
                   f"{len(peaks):>8} {max(peaks) / 1024:>15.0f}")
    same = all(t == trees[0] for t in trees[1:])
    click.echo(f"outputs byte-identical across runs: {'yes' if same else 'NO'}")
    if not same:
        raise SystemExit(1)
