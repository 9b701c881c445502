"""Batch runner: clean many pages (or whole issues) with progress, parallelism and resume.

Why the work is split this way: workers (processes of ``--jobs N`` or a Dask cluster)
only *compute* — they read their inputs and return the rendered outputs as strings. The
client alone writes, atomically (temporary file + rename), so

* ``--jobs N`` and ``--dask`` give byte-identical files to ``--jobs 1`` (same functions,
  same inputs; only where they run differs);
* an interrupted batch (Ctrl-C, SIGINT) leaves only complete outputs, never a partial one,
  and a rerun skips every input whose outputs are complete and newer than the input (and
  than the rules): it resumes;
* one unreadable or crashing page is reported in the summary and the rest still finish;
* a read-only or full output directory is a clear :class:`~ocrfix.errors.OutputError`
  and leaves no half-written file.

A *task* is the unit of distribution: one page, or with ``--issues`` all pages of one
issue (a directory), which must be cleaned together (running headers, ``（下转/上接）``).
"""

from __future__ import annotations

import errno
import os
import resource
import signal
import sys
import tempfile
import time
import traceback
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterator, Sequence, TextIO

from .config import Config
from .errors import OcrfixError, OutputError

__all__ = ["Task", "PageResult", "TaskResult", "BatchSummary", "INPUT_SUFFIXES",
           "discover", "plan_tasks", "process_task", "run_batch", "write_atomic",
           "check_output_dir", "OUTPUT_FORMATS"]

#: File name endings a directory is searched for (plain text, markdown, hOCR, ALTO).
INPUT_SUFFIXES = (".txt", ".md", ".hocr", ".html", ".htm", ".xhtml", ".xml")
#: Formats ``clean`` can write; jsonl is one article per line (archives).
OUTPUT_FORMATS = ("txt", "md", "json", "jsonl")
EXIT_INTERRUPTED = 130


# -- planning ---------------------------------------------------------------------------
@dataclass(frozen=True)
class Page:
    """One input file and where its outputs go (relative to the output directory)."""

    path: str
    out_stem: str  # e.g. "2023-02-10/01" for archive/2023-02-10/01.txt


@dataclass(frozen=True)
class Task:
    """A unit of work: one page, or all pages of one issue (cleaned together)."""

    index: int
    pages: tuple[Page, ...]
    issue: bool = False


def discover(inputs: Sequence[str]) -> list[tuple[Path, Page]]:
    """Input files in a stable order, each with the output stem that mirrors its place.

    A directory is searched recursively; its files keep their relative path under the
    output directory, so pages of different issues with the same name do not collide.
    Raises :class:`~ocrfix.errors.InputError` for a path that does not exist.
    """
    from .errors import InputError

    out: list[tuple[Path, Page]] = []
    for raw in inputs:
        p = Path(raw)
        if p.is_dir():
            files = sorted((f for f in p.rglob("*") if f.is_file()
                            and f.suffix.lower() in INPUT_SUFFIXES
                            and not f.name.startswith(".")),
                           key=lambda f: _natural_key(str(f.relative_to(p))))
            for f in files:
                rel = f.relative_to(p).with_suffix("")
                out.append((p, Page(str(f), rel.as_posix())))
        elif p.exists():
            out.append((p.parent, Page(str(p), p.stem)))
        else:
            raise InputError(f"no such file or directory: {p}")
    return out


def _natural_key(name: str) -> list:
    """Sort ``page2`` before ``page10``: digit runs compare as numbers."""
    import re
    return [int(t) if t.isdigit() else t for t in re.split(r"(\d+)", name)]


def plan_tasks(found: Sequence[tuple[Path, Page]], *, issues: bool) -> list[Task]:
    """One task per page; with ``issues``, one task per directory holding pages."""
    if not issues:
        return [Task(i, (page,)) for i, (_, page) in enumerate(found)]
    groups: dict[str, list[Page]] = {}
    for _, page in found:
        groups.setdefault(str(Path(page.path).parent), []).append(page)
    return [Task(i, tuple(pages), issue=True) for i, pages in enumerate(groups.values())]


def output_names(page: Page, fmt: str) -> tuple[str, str]:
    """(main output, edit log) relative paths for a page."""
    return f"{page.out_stem}.{fmt}", f"{page.out_stem}.edits.json"


# -- work (runs in a worker) ------------------------------------------------------------
@dataclass
class PageResult:
    """What a worker returns for one page: rendered outputs or the reason it failed."""

    path: str
    outputs: dict[str, str] = field(default_factory=dict)  # relative name -> text
    articles: int = 0
    edits: int = 0
    error: str | None = None
    crashed: bool = False


@dataclass
class TaskResult:
    index: int
    pages: list[PageResult]
    worker: str = ""
    peak_rss_kb: int = 0


def process_task(task: Task, fmt: str, config: Config) -> TaskResult:
    """Clean a task's pages and render their outputs; never raises for a bad page.

    Top-level and pure (inputs in, strings out) so it pickles for process pools and Dask.
    """
    from .issue import clean_pages
    from .records import render_output
    from .stages.emit import edit_log

    results: list[PageResult] = []
    try:
        cleaned = clean_pages([p.path for p in task.pages], config, issue=task.issue)
    except Exception as exc:  # a bug in issue-level code must not stop the batch
        cleaned = [(p.path, exc) for p in task.pages]
    for page, (path, doc) in zip(task.pages, cleaned):
        if isinstance(doc, BaseException):
            results.append(PageResult(path, error=_message(doc),
                                      crashed=not isinstance(doc, OcrfixError)))
            continue
        main, log = output_names(page, fmt)
        try:
            text = render_output(doc, fmt)
            results.append(PageResult(path, {log: edit_log(doc), main: text},
                                      articles=_articles(doc), edits=len(doc.edits)))
        except Exception as exc:
            results.append(PageResult(path, error=_message(exc),
                                      crashed=not isinstance(exc, OcrfixError)))
    return TaskResult(task.index, results, worker=f"{os.uname().nodename}:{os.getpid()}",
                      peak_rss_kb=resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)


def _articles(doc) -> int:
    blocks = doc.blocks()
    return (blocks[-1].article + 1) if blocks else 0


def _message(exc: BaseException) -> str:
    if isinstance(exc, OcrfixError):
        return str(exc)
    tb = traceback.extract_tb(exc.__traceback__)
    where = f" at {Path(tb[-1].filename).name}:{tb[-1].lineno}" if tb else ""
    return f"internal error {type(exc).__name__}: {exc}{where} (a bug: please report)"


def _ignore_sigint() -> None:
    """Workers leave Ctrl-C to the client, which stops them: no worker tracebacks."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)


# -- writing (runs in the client) -------------------------------------------------------
_UMASK = os.umask(0)
os.umask(_UMASK)


def _os_write(fd: int, data: memoryview) -> int:
    """``os.write``; a seam so tests can simulate a full disk mid-file."""
    return os.write(fd, data)


def write_atomic(path: Path, text: str) -> None:
    """Write ``text`` to ``path`` via a temporary file in the same directory and a rename.

    Either the old file (or none) or the complete new one exists, whatever happens: a full
    disk, a read-only directory or Ctrl-C removes the temporary file and raises.
    """
    data = memoryview(text.encode("utf-8"))
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    except OSError as exc:
        raise OutputError(f"{path.parent}: cannot write output ({_reason(exc)})") from None
    try:
        try:
            os.fchmod(fd, 0o666 & ~_UMASK)
            while data:
                data = data[_os_write(fd, data):]
        finally:
            os.close(fd)
        os.replace(tmp, path)
    except OSError as exc:
        Path(tmp).unlink(missing_ok=True)
        raise OutputError(f"{path}: cannot write output ({_reason(exc)}); "
                          "no partial file was left") from None
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def _reason(exc: OSError) -> str:
    if exc.errno == errno.ENOSPC:
        return "no space left on device"
    if exc.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
        return "directory is read-only or not writable"
    return exc.strerror or str(exc)


def check_output_dir(out: Path) -> None:
    """Fail before any work if the output directory cannot be created or written."""
    try:
        out.mkdir(parents=True, exist_ok=True)
        fd, probe = tempfile.mkstemp(dir=out, prefix=".ocrfix-probe.", suffix=".tmp")
        os.close(fd)
        os.unlink(probe)
    except OSError as exc:
        raise OutputError(f"{out}: cannot write output ({_reason(exc)})") from None


def is_up_to_date(task: Task, out: Path, fmt: str, newer_than: float) -> bool:
    """All outputs of the task exist and are newer than every input and ``newer_than``.

    Outputs are renamed into place only when complete, and the main output is written
    last, so its presence with a fresh time stamp means the page is done.
    """
    try:
        oldest_out = min(os.stat(out / name).st_mtime_ns for page in task.pages
                         for name in output_names(page, fmt))
        newest_in = max(os.stat(page.path).st_mtime_ns for page in task.pages)
    except OSError:
        return False
    return oldest_out >= max(newest_in, int(newer_than * 1e9))


def rules_mtime(config: Config) -> float:
    """Newest time stamp among the rules files: changed rules make old outputs stale."""
    root = Path(config.rules.directory)
    return max((f.stat().st_mtime for f in root.rglob("*") if f.is_file()), default=0.0)


# -- progress ---------------------------------------------------------------------------
class Progress:
    """A one-line progress display on stderr: pages, articles, edits, rate.

    Shown only on a terminal or when asked (``--progress``), so logs stay clean.
    """

    def __init__(self, total: int, enabled: bool, stream: TextIO | None = None) -> None:
        self.total, self.enabled = total, enabled
        self.stream = stream or sys.stderr
        self.pages = self.articles = self.edits = self.failed = 0
        self.start = time.monotonic()
        self._last = 0.0

    def update(self, pages: int, articles: int, edits: int, failed: int) -> None:
        self.pages += pages
        self.articles += articles
        self.edits += edits
        self.failed += failed
        now = time.monotonic()
        if self.enabled and (now - self._last > 0.1 or self.pages >= self.total):
            self._last = now
            self.stream.write("\r" + self.line(now))
            self.stream.flush()

    def line(self, now: float | None = None) -> str:
        elapsed = max((now or time.monotonic()) - self.start, 1e-6)
        width = 24
        done = int(width * self.pages / self.total) if self.total else width
        bar = "#" * done + "-" * (width - done)
        rate = self.pages / elapsed * 60
        fail = f" · {self.failed} failed" if self.failed else ""
        return (f"[{bar}] {self.pages}/{self.total} pages · {self.articles} articles · "
                f"{self.edits} edits · {rate:.0f} pages/min{fail}")

    def close(self) -> None:
        if self.enabled:
            self.stream.write("\n")
            self.stream.flush()


# -- running ----------------------------------------------------------------------------
@dataclass
class BatchSummary:
    """What happened: counts, failures (path, message) and per-worker peak memory."""

    total: int = 0
    cleaned: int = 0
    skipped: int = 0
    failed: list[tuple[str, str]] = field(default_factory=list)
    crashed: int = 0
    interrupted: bool = False
    output_error: str | None = None
    peak_rss_kb: dict[str, int] = field(default_factory=dict)
    elapsed: float = 0.0
    #: edit logs written in this run (for ``clean --report/--explain``)
    logs: list[str] = field(default_factory=list)

    @property
    def exit_code(self) -> int:
        if self.interrupted:
            return EXIT_INTERRUPTED
        if self.crashed:
            return 3
        return 2 if (self.failed or self.output_error) else 0


def run_batch(inputs: Sequence[str], outdir: str | Path, *, fmt: str = "txt",
              config: Config | None = None, jobs: int = 1, dask: str | None = None,
              issues: bool = False, resume: bool = True, progress: bool | None = None,
              echo: Callable[[str], None] | None = None,
              err: Callable[[str], None] | None = None) -> BatchSummary:
    """Clean ``inputs`` into ``outdir``; see the module docstring for the guarantees.

    ``dask`` is ``None`` (local processes), ``"local"`` (a LocalCluster of ``jobs``
    workers) or a scheduler address (``tcp://host:8786``). ``progress=None`` shows the bar
    only when stderr is a terminal.
    """
    config = config or Config()
    echo = echo or (lambda s: print(s))
    err = err or (lambda s: print(s, file=sys.stderr))
    out = Path(outdir)
    out_r = out.resolve()
    # An output directory *inside* an input directory: its files are outputs, not pages.
    # (An output directory that *is* an input directory is refused below.)
    everything = list(discover(inputs))
    inside = [page for root, page in everything
              if root.resolve() in out_r.parents and out_r in Path(page.path).resolve().parents]
    strangers = [p for p in inside if not Path(p.path).with_suffix(".edits.json").exists()]
    if strangers:
        from .errors import InputError
        raise InputError(f"output directory {out} is an input directory: it holds inputs "
                         f"that are not ocrfix outputs ({Path(strangers[0].path).name}); "
                         "choose another so no input is overwritten or skipped")
    found = [(root, page) for root, page in everything if page not in inside]
    _refuse_overwrite(found, out, fmt)
    check_output_dir(out)
    tasks = plan_tasks(found, issues=issues)
    summary = BatchSummary(total=sum(len(t.pages) for t in tasks))
    if resume:
        fresh = rules_mtime(config)
        todo = [t for t in tasks if not is_up_to_date(t, out, fmt, fresh)]
        summary.skipped = summary.total - sum(len(t.pages) for t in todo)
    else:
        todo = tasks
    show = sys.stderr.isatty() if progress is None else progress
    bar = Progress(summary.total - summary.skipped, show)
    started = time.monotonic()
    results = _execute(todo, fmt, config, jobs, dask)
    try:
        for res in results:
            _write_task(res, out, summary, echo, err)
            bar.update(len(res.pages), sum(p.articles for p in res.pages),
                       sum(p.edits for p in res.pages), sum(1 for p in res.pages if p.error))
            summary.peak_rss_kb[res.worker] = max(summary.peak_rss_kb.get(res.worker, 0),
                                                  res.peak_rss_kb)
    except KeyboardInterrupt:
        summary.interrupted = True
    except OutputError as exc:
        summary.output_error = str(exc)
    finally:
        _close(results)
        bar.close()
        summary.elapsed = time.monotonic() - started
    return summary


def _refuse_overwrite(found: Sequence[tuple[Path, Page]], out: Path, fmt: str) -> None:
    from .errors import InputError

    out_r = out.resolve()
    inputs = {Path(p.path).resolve() for _, p in found}
    for root, page in found:
        if Path(page.path).resolve().parent == out_r:
            raise InputError(f"output directory {out} is an input directory; choose another "
                             "so no input is overwritten")
        for name in output_names(page, fmt):
            if (out_r / name).resolve() in inputs:
                raise InputError(f"output {out / name} would overwrite an input")


def _write_task(res: TaskResult, out: Path, summary: BatchSummary,
                echo: Callable[[str], None], err: Callable[[str], None]) -> None:
    for page in res.pages:
        if page.error:
            summary.failed.append((page.path, page.error))
            summary.crashed += page.crashed
            err(f"error: {page.error if page.error.startswith(page.path) else page.path + ': ' + page.error}")
            continue
        for name, text in page.outputs.items():  # edit log first, main output last
            write_atomic(out / name, text)
            if name.endswith(".edits.json"):
                summary.logs.append(str(out / name))
        summary.cleaned += 1
        main = list(page.outputs)[-1]
        echo(f"{page.path} -> {out / main} ({page.edits} edits)")


class _Results:
    """An iterator of task results with a way to stop the workers behind it."""

    def __init__(self, it: Iterator[TaskResult], stop: Callable[[], None]) -> None:
        self._it, self.stop = it, stop

    def __iter__(self) -> Iterator[TaskResult]:
        return self._it


def _execute(tasks: Sequence[Task], fmt: str, config: Config, jobs: int,
             dask: str | None) -> _Results:
    if dask:
        return _execute_dask(tasks, fmt, config, jobs, dask)
    if jobs <= 1 or len(tasks) <= 1:
        return _Results((process_task(t, fmt, config) for t in tasks), lambda: None)
    import multiprocessing

    pool = multiprocessing.get_context().Pool(jobs, initializer=_ignore_sigint)
    it = pool.imap_unordered(_process_star, [(t, fmt, config) for t in tasks])

    def stop() -> None:
        pool.terminate()
        pool.join()
    return _Results(it, stop)


def _process_star(args: tuple[Task, str, Config]) -> TaskResult:
    return process_task(*args)


def _execute_dask(tasks: Sequence[Task], fmt: str, config: Config, jobs: int,
                  address: str) -> _Results:
    """Submit every task to a Dask cluster; results come back as they finish."""
    try:
        from dask.distributed import Client, LocalCluster, as_completed
    except ImportError:  # pragma: no cover - dask is an install requirement
        raise OcrfixError("--dask needs dask[distributed]: pip install 'dask[distributed]'")
    import logging

    cluster = None
    try:
        if address == "local":
            cluster = LocalCluster(n_workers=max(jobs, 1), threads_per_worker=1,
                                   processes=True, dashboard_address=None,
                                   silence_logs=logging.ERROR)
            client = Client(cluster)
        else:
            client = Client(address, timeout="20s")
    except OSError as exc:
        raise OcrfixError(f"cannot reach Dask scheduler {address}: {exc}") from None
    futures = client.map(process_task, list(tasks), fmt=fmt, config=config, pure=False)

    def gen() -> Iterator[TaskResult]:
        for fut in as_completed(futures):
            yield fut.result()

    def stop() -> None:
        client.cancel(futures)
        client.close()
        if cluster is not None:
            cluster.close()
    return _Results(gen(), stop)


def _close(results: _Results) -> None:
    try:
        results.stop()
    except Exception:  # best effort: never hide the batch's own outcome
        pass


def report_summary(summary: BatchSummary, err: Callable[[str], None]) -> None:
    """The end-of-batch summary: counts, then each failure on its own line."""
    parts = [f"{summary.cleaned} cleaned"]
    if summary.skipped:
        parts.append(f"{summary.skipped} skipped (outputs up to date; --force to redo)")
    if summary.failed:
        parts.append(f"{len(summary.failed)} failed")
    err(f"{', '.join(parts)} of {summary.total} page(s)")
    for path, msg in summary.failed:
        err(f"  failed: {msg if msg.startswith(path) else path + ': ' + msg}")
    if summary.output_error:
        err(f"error: {summary.output_error}")
    if summary.interrupted:
        err("interrupted: complete outputs were kept, nothing half-written; "
            "rerun the same command to resume")
