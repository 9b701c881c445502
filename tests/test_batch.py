"""Batch runner: parallel and Dask output identical to --jobs 1, failures summarised,
resume after an interruption, atomic outputs, clear errors for unwritable output."""

import errno
import json
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

from ocrfix import batch
from ocrfix.cli import main

ROOT = Path(__file__).resolve().parent.parent


def run(*args):
    return CliRunner().invoke(main, [str(a) for a in args])


def tree(d: Path) -> dict[str, bytes]:
    return {str(p.relative_to(d)): p.read_bytes() for p in sorted(d.rglob("*")) if p.is_file()}


@pytest.fixture
def archive(tmp_path, seed_paths) -> Path:
    """Two issues of three seed pages each, plus one unreadable file."""
    root = tmp_path / "archive"
    for issue in ("2023-02-10", "2023-02-11"):
        (root / issue).mkdir(parents=True)
        for k, p in enumerate([seed_paths[1], seed_paths[3], seed_paths[4]], 1):
            shutil.copy(p, root / issue / f"page{k}.txt")
    (root / "2023-02-11" / "page9.txt").write_bytes(b"\x00\x01\x02" * 100)
    return root


def test_jobs_2_gives_byte_identical_output_to_jobs_1(archive, tmp_path):
    one = run("clean", archive, "-o", tmp_path / "one", "--jobs", 1, "--issues")
    two = run("clean", archive, "-o", tmp_path / "two", "--jobs", 2, "--issues")
    assert one.exit_code == two.exit_code == 2  # the unreadable page
    assert tree(tmp_path / "one") == tree(tmp_path / "two")
    assert len(tree(tmp_path / "one")) == 2 * 2 * 3  # text + edit log per good page


def test_dask_on_an_in_process_cluster_gives_identical_output(archive, tmp_path):
    distributed = pytest.importorskip("distributed")
    with distributed.LocalCluster(processes=False, n_workers=1, threads_per_worker=2,
                                  dashboard_address=None) as cluster:
        res = run("clean", archive, "-o", tmp_path / "dask", "--format", "jsonl",
                  "--dask", cluster.scheduler_address)
    assert res.exit_code == 2, res.output
    ref = run("clean", archive, "-o", tmp_path / "ref", "--format", "jsonl")
    assert ref.exit_code == 2
    assert tree(tmp_path / "dask") == tree(tmp_path / "ref")


def test_one_bad_file_is_reported_in_the_summary_and_the_rest_finish(archive, tmp_path):
    res = run("clean", archive, "-o", tmp_path / "out")
    assert res.exit_code == 2
    assert "6 cleaned, 1 failed of 7 page(s)" in res.output
    assert "failed: " in res.output and "page9.txt" in res.output and "binary" in res.output
    assert "Traceback" not in res.output
    assert (tmp_path / "out" / "2023-02-11" / "page3.txt").is_file()


def test_a_crashing_page_is_reported_and_the_others_finish(archive, tmp_path, monkeypatch):
    from ocrfix.stages import heal

    real = heal.run

    def crash_on_page2(doc, config):
        if "page2" in doc.name:
            raise ZeroDivisionError("simulated bug")
        return real(doc, config)

    monkeypatch.setattr(heal, "run", crash_on_page2)
    res = run("clean", archive / "2023-02-10", "-o", tmp_path / "out")
    assert res.exit_code == 3
    assert "internal error ZeroDivisionError: simulated bug" in res.output
    assert "2 cleaned, 1 failed of 3 page(s)" in res.output
    assert not (tmp_path / "out" / "page2.txt").exists()
    assert (tmp_path / "out" / "page3.txt").exists()


def test_rerun_skips_complete_outputs_and_redoes_a_changed_input(archive, tmp_path):
    first = run("clean", archive / "2023-02-10", "-o", tmp_path / "out")
    assert first.exit_code == 0
    again = run("clean", archive / "2023-02-10", "-o", tmp_path / "out")
    assert "0 cleaned, 3 skipped" in again.output
    page = archive / "2023-02-10" / "page2.txt"
    later = time.time() + 5
    os.utime(page, (later, later))
    third = run("clean", archive / "2023-02-10", "-o", tmp_path / "out")
    assert "1 cleaned, 2 skipped" in third.output and "page2.txt ->" in third.output
    forced = run("clean", archive / "2023-02-10", "-o", tmp_path / "out", "--force")
    assert "3 cleaned of 3" in forced.output


def test_a_missing_edit_log_makes_the_page_incomplete(archive, tmp_path):
    run("clean", archive / "2023-02-10", "-o", tmp_path / "out")
    (tmp_path / "out" / "page3.edits.json").unlink()
    res = run("clean", archive / "2023-02-10", "-o", tmp_path / "out")
    assert "1 cleaned, 2 skipped" in res.output


def test_sigint_leaves_no_partial_outputs_and_a_rerun_resumes(tmp_path, seed_paths):
    src = tmp_path / "many"
    src.mkdir()
    for k in range(24):
        shutil.copy(seed_paths[k % 5], src / f"p{k:03d}.txt")
    out = tmp_path / "out"
    cmd = [sys.executable, "-m", "ocrfix", "clean", str(src), "-o", str(out), "--jobs", "2"]
    proc = subprocess.Popen(cmd, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            text=True)
    deadline = time.time() + 60
    while time.time() < deadline and len(list(out.glob("*.txt"))) < 2:
        time.sleep(0.02)
    proc.send_signal(signal.SIGINT)
    _, err = proc.communicate(timeout=60)
    assert proc.returncode == 130, err
    assert "interrupted" in err and "Traceback" not in err
    assert not list(out.glob(".*.tmp"))  # no temporary file left behind
    done = sorted(p.stem for p in out.glob("*.txt"))
    assert 0 < len(done) < 24
    for stem in done:  # every output present is complete: its log is there and parses
        json.loads((out / f"{stem}.edits.json").read_text("utf-8"))
    rerun = subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert rerun.returncode == 0, rerun.stderr
    assert f"{24 - len(done)} cleaned, {len(done)} skipped" in rerun.stderr
    from ocrfix import clean_file
    for k in (0, 1, 23):  # kept and resumed outputs are what a single clean gives
        name = f"p{k:03d}"
        assert (out / f"{name}.txt").read_text("utf-8") == \
            clean_file(str(src / f"{name}.txt")).text


def test_unwritable_output_directory_is_a_clear_error_before_any_work(archive, tmp_path,
                                                                      monkeypatch):
    def refuse(*a, **k):
        raise PermissionError(errno.EACCES, "Permission denied")

    monkeypatch.setattr(batch.tempfile, "mkstemp", refuse)
    res = run("clean", archive / "2023-02-10", "-o", tmp_path / "ro")
    assert res.exit_code == 2
    assert res.output.startswith("error: ") and "read-only or not writable" in res.output
    assert not list((tmp_path / "ro").glob("*"))


@pytest.mark.skipif(os.geteuid() == 0, reason="root ignores directory permissions")
def test_read_only_output_directory_really_refused(archive, tmp_path):
    ro = tmp_path / "ro"
    ro.mkdir()
    ro.chmod(0o555)
    try:
        res = run("clean", archive / "2023-02-10", "-o", ro)
        assert res.exit_code == 2 and "not writable" in res.output
        assert not list(ro.iterdir())
    finally:
        ro.chmod(0o755)


def test_full_disk_mid_file_leaves_no_half_written_output(archive, tmp_path, monkeypatch):
    calls = {"n": 0}
    real_write = os.write

    def write_then_fill(fd, data):
        calls["n"] += 1
        if calls["n"] >= 4:  # the second page's first file: write half, then ENOSPC
            real_write(fd, bytes(data[: len(data) // 2]))
            raise OSError(errno.ENOSPC, "No space left on device")
        return real_write(fd, data)

    monkeypatch.setattr(batch, "_os_write", write_then_fill)
    res = run("clean", archive / "2023-02-10", "-o", tmp_path / "out")
    assert res.exit_code == 2
    assert "no space left on device" in res.output and "no partial file" in res.output
    out = tmp_path / "out"
    assert not list(out.glob(".*.tmp"))
    assert (out / "page1.txt").is_file() and not (out / "page2.txt").exists()
    for log in out.glob("*.edits.json"):  # whatever exists is complete
        json.loads(log.read_text("utf-8"))
    monkeypatch.setattr(batch, "_os_write", real_write)  # the disk has room again
    again = run("clean", archive / "2023-02-10", "-o", out)
    assert again.exit_code == 0 and "2 cleaned, 1 skipped" in again.output


def test_progress_bar_only_when_asked_or_on_a_terminal(archive, tmp_path):
    quiet = run("clean", archive / "2023-02-10", "-o", tmp_path / "a")
    assert "pages/min" not in quiet.output
    shown = run("clean", archive / "2023-02-10", "-o", tmp_path / "b", "--progress")
    assert "3/3 pages" in shown.output and "articles" in shown.output \
        and "edits" in shown.output and "pages/min" in shown.output


def test_jsonl_has_one_article_per_line_with_its_provenance(archive, tmp_path):
    res = run("clean", archive / "2023-02-10" / "page3.txt", "-o", tmp_path / "j",
              "--format", "jsonl")
    assert res.exit_code == 0
    lines = (tmp_path / "j" / "page3.jsonl").read_text("utf-8").splitlines()
    records = [json.loads(line) for line in lines]
    assert len(records) >= 2
    for r in records:
        assert {"issue_date", "page", "headline", "byline", "text", "edits",
                "source"} <= set(r)
        assert r["source"].endswith("page3.txt") and (r["text"] or r["headline"])
    assert records[0]["headline"] == "市政协召开反映社情民意信息工作会"


def test_outputs_keep_the_issue_directories_apart(archive, tmp_path):
    run("clean", archive, "-o", tmp_path / "out")
    assert (tmp_path / "out" / "2023-02-10" / "page1.txt").is_file()
    assert (tmp_path / "out" / "2023-02-11" / "page1.txt").is_file()


def test_output_files_are_readable_by_others(archive, tmp_path):
    run("clean", archive / "2023-02-10" / "page1.txt", "-o", tmp_path / "out")
    mode = (tmp_path / "out" / "page1.txt").stat().st_mode & 0o777
    assert mode & 0o044  # not the 0600 of a bare temporary file


def test_an_output_directory_inside_the_input_directory_is_not_read_as_input(archive,
                                                                             tmp_path):
    src = archive / "2023-02-10"
    first = run("clean", src, "-o", src / "clean")
    assert first.exit_code == 0, first.output
    again = run("clean", src, "-o", src / "clean")
    assert again.exit_code == 0 and "0 cleaned, 3 skipped" in again.output
    assert not (src / "clean" / "clean").exists()
