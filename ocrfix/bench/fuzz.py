"""``ocrfix bench fuzz``: the soak — thousands of generated pages through the whole
pipeline, checking the reliability properties on each.

Why a benchmark and not a test: ten thousand pages take minutes, far beyond a CI budget;
the hypothesis tests (``tests/test_properties.py``) run a few hundred. Both use the same
generator (:mod:`ocrfix.testing.pages`) and the same checks
(:mod:`ocrfix.testing.properties`), and page ``i`` of a run is ``page_from_seed(seed + i)``,
so every failure is printed with the seed that reproduces it:
``ocrfix bench fuzz --replay SEED`` shows the page and the traceback.

Checked per page: no crash (only :class:`~ocrfix.errors.InputError` may refuse a page;
any other :class:`~ocrfix.errors.OcrfixError` is an *internal error*, a stage bug the
document model caught), conservation and idempotence; determinism on every
``--determinism-every``-th page; and the CLI path (file in, ``ocrfix clean`` out, exit
code, no traceback, output equal to the library's) on every ``--cli-every``-th page.
Time is reported against a baseline measured in the same run: cleaning the seed pages.
"""

from __future__ import annotations

import re
import tempfile
import time
import traceback
from collections import Counter
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

import click

from ..pipeline import clean_text
from ..testing.pages import page_from_seed
from ..testing.properties import run_page, determinism

ROOT = Path(__file__).resolve().parent.parent.parent


@dataclass
class Finding:
    """One failure: the seed that reproduces it, its kind and a one-line message."""

    seed: int
    kind: str  # crash | internal | conservation | idempotence | determinism | cli
    message: str


@dataclass
class Tally:
    pages: int = 0
    chars: int = 0
    refused: int = 0
    edits: int = 0
    checked: Counter = field(default_factory=Counter)
    findings: list[Finding] = field(default_factory=list)

    def add(self, other: "Tally") -> None:
        self.pages += other.pages
        self.chars += other.chars
        self.refused += other.refused
        self.edits += other.edits
        self.checked.update(other.checked)
        self.findings += other.findings


def _load_corpus(directory: str | None) -> list[str]:
    if not directory or not Path(directory).is_dir():
        return []
    return [p.read_text(encoding="utf-8") for p in sorted(Path(directory).glob("*.txt"))]


def check_cli(text: str, workdir: Path) -> str | None:
    """The page as a file through ``ocrfix clean``: exit 0 with the library's output, or
    exit 2 with a one-line ``error:`` naming the file; never a traceback."""
    from click.testing import CliRunner

    from ..cli import main

    src = workdir / "页 面 page.txt"
    out = workdir / "out"
    workdir.mkdir(parents=True, exist_ok=True)
    data = text.encode("utf-8", "surrogatepass")
    src.write_bytes(data)
    result = CliRunner().invoke(main, ["clean", str(src), "-o", str(out)])
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        return f"traceback: {type(result.exception).__name__}: {result.exception}"
    if result.exit_code == 0:
        from ..readers.text import decode

        expected = clean_text(decode(data, str(src)), name=str(src)).text
        got = (out / f"{src.stem}.txt").read_text(encoding="utf-8")
        return None if got == expected else "CLI output differs from the library's"
    if result.exit_code == 2:
        lines = [ln for ln in result.output.splitlines() if ln.startswith("error:")]
        if not lines or str(src) not in lines[0]:
            return f"exit 2 without an error naming the file: {result.output[:120]!r}"
        return None
    return f"exit {result.exit_code}: {result.output[:120]!r}"


def soak(seeds: range, corpus: list[str], max_blocks: int, determinism_every: int,
         cli_every: int) -> Tally:
    """Run the checks over ``seeds``; never raises (every failure is a Finding)."""
    tally = Tally()
    with tempfile.TemporaryDirectory(prefix="ocrfix-fuzz-") as tmp:
        for seed in seeds:
            text = page_from_seed(seed, corpus, max_blocks=max_blocks)
            tally.pages += 1
            tally.chars += len(text)
            outcome = run_page(text)
            if outcome.refused:
                tally.refused += 1
            if outcome.crash:
                tally.findings.append(Finding(seed, "crash", outcome.crash))
            if outcome.internal:
                tally.findings.append(Finding(seed, "internal", outcome.internal))
            for name, problem in (outcome.violations or {}).items():
                tally.findings.append(Finding(seed, name, problem))
            if outcome.violations is not None:
                tally.checked.update(["conservation", "idempotence"])
                tally.edits += outcome.edits
                if determinism_every and seed % determinism_every == 0:
                    tally.checked["determinism"] += 1
                    problem = determinism(clean_text(text))
                    if problem:
                        tally.findings.append(Finding(seed, "determinism", problem))
            if cli_every and seed % cli_every == 0:
                tally.checked["cli"] += 1
                try:
                    problem = check_cli(text, Path(tmp) / str(seed))
                except Exception as exc:  # noqa: BLE001 - counted, not raised
                    problem = f"{type(exc).__name__}: {exc}"
                if problem:
                    tally.findings.append(Finding(seed, "cli", problem))
    return tally


def _soak_chunk(args: tuple) -> Tally:
    return soak(*args)


def _baseline(corpus: list[str]) -> float:
    """Seconds per 1,000 characters to clean the seed pages (same machine, same run)."""
    if not corpus:
        return float("nan")
    start = time.perf_counter()
    for text in corpus:
        clean_text(text)
    return (time.perf_counter() - start) / sum(map(len, corpus)) * 1000


def format_report(t: Tally, seconds: float, baseline: float, base_seed: int) -> str:
    kinds = Counter(f.kind for f in t.findings)
    per_k = seconds / max(t.chars, 1) * 1000
    lines = [
        f"pages          {t.pages}  (seeds {base_seed}..{base_seed + t.pages - 1}, "
        f"mean {t.chars / max(t.pages, 1):.0f} chars)",
        f"refused        {t.refused}  (InputError: empty or not text)",
        f"crashes        {kinds['crash']}",
        f"internal errs  {kinds['internal']}  (OcrfixError other than InputError)",
    ]
    for prop in ("conservation", "idempotence", "determinism", "cli"):
        lines.append(f"{prop:<14} {kinds[prop]} violation(s) in {t.checked[prop]} checked")
    lines.append(f"edits          {t.edits} on cleaned pages")
    lines.append(f"time           {seconds:.1f} s wall, {t.pages / seconds:.1f} pages/s")
    if baseline == baseline:  # not NaN
        lines.append(f"cost per char  {per_k / baseline:.2f}x cleaning the seed pages once "
                     "(includes the second pass and the checks)")
    return "\n".join(lines)


def _shape(message: str) -> str:
    """A finding's message without its numbers, to group findings of one kind."""
    return re.sub(r"\d+", "N", message)[:110]


def replay(seed: int, corpus: list[str], max_blocks: int) -> None:
    """Print the page for ``seed`` and run it with tracebacks visible."""
    text = page_from_seed(seed, corpus, max_blocks=max_blocks)
    click.echo(f"page ({len(text)} chars): {text!r}")
    try:
        doc = clean_text(text)
    except Exception:  # noqa: BLE001 - show it
        click.echo(traceback.format_exc())
        return
    outcome = run_page(text)
    click.echo(f"edits: {len(doc.edits)}; violations: {outcome.violations or 'none'}")
    if outcome.violations and "idempotence" in outcome.violations:
        again = clean_text(doc.text)
        import difflib

        for line in difflib.unified_diff(doc.text.split("\n"), again.text.split("\n"),
                                         "first pass", "second pass", lineterm="", n=0):
            click.echo(f"  {line[:200]}")
        for e in again.edits:
            if e.rule not in ("block_gaps", "article_break"):
                click.echo(f"  second pass: {e.stage}/{e.rule} {e.before[:60]!r} -> "
                           f"{e.after[:60]!r}")


@click.command()
@click.option("--examples", default=10_000, show_default=True, help="Generated pages to run.")
@click.option("--seed", default=0, show_default=True,
              help="First seed; page i is generated from seed + i.")
@click.option("--corpus", default=str(ROOT / "seeds"), show_default="seeds/",
              help="Directory of real pages to mutate (a third of the pages).")
@click.option("--max-blocks", default=15, show_default=True,
              help="Most blocks in a generated (not mutated) page.")
@click.option("--determinism-every", default=10, show_default=True,
              help="Check determinism (clean twice, compare text and log) on every N-th seed.")
@click.option("--cli-every", default=100, show_default=True,
              help="Also run every N-th page through `ocrfix clean` as a file.")
@click.option("--jobs", default=1, show_default=True, help="Worker processes.")
@click.option("--show", default=20, show_default=True, help="Findings to print in full.")
@click.option("--replay", "replay_seed", type=int, default=None,
              help="Show one seed's page and traceback instead of running the soak.")
def command(examples: int, seed: int, corpus: str, max_blocks: int, determinism_every: int,
            cli_every: int, jobs: int, show: int, replay_seed: int | None) -> None:
    """Soak: run generated pages through the pipeline; report crashes, property
    violations and time, with the seed that reproduces each failure."""
    pages = _load_corpus(corpus)
    if replay_seed is not None:
        replay(replay_seed, pages, max_blocks)
        return
    baseline = _baseline(pages)
    start = time.perf_counter()
    total = Tally()
    args = (pages, max_blocks, determinism_every, cli_every)
    if jobs <= 1:
        total = soak(range(seed, seed + examples), *args)
    else:
        step = max(1, min(250, examples // (jobs * 4) or 1))
        chunks = [(range(s, min(s + step, seed + examples)), *args)
                  for s in range(seed, seed + examples, step)]
        with ProcessPoolExecutor(max_workers=jobs) as pool:
            for part in pool.map(_soak_chunk, chunks):
                total.add(part)
                click.echo(f"  {total.pages} pages, {len(total.findings)} findings, "
                           f"{time.perf_counter() - start:.0f} s", err=True)
    seconds = time.perf_counter() - start
    click.echo(format_report(total, seconds, baseline, seed))
    by_kind: dict[str, list[Finding]] = {}
    for f in sorted(total.findings, key=lambda f: f.seed):
        by_kind.setdefault(f.kind, []).append(f)
    for kind, found in by_kind.items():
        click.echo(f"\n== {kind}: {len(found)} (reproduce: ocrfix bench fuzz --replay SEED"
                   f"{'' if max_blocks == 15 else f' --max-blocks {max_blocks}'})")
        messages = Counter(_shape(f.message) for f in found)
        for msg, n in messages.most_common(10):
            first = next(f.seed for f in found if _shape(f.message) == msg)
            click.echo(f"  {n:>5} x {msg}   e.g. seed {first}")
        for f in found[:show]:
            click.echo(f"  seed {f.seed}: {f.message[:160]}")
    if any(f.kind in ("crash", "internal", "cli") for f in total.findings):
        raise SystemExit(1)
