"""Hostile input (issue 7): unsafe XML, binary files and wrong encodings, a 50 MB file,
awkward file names, an output directory that is an input directory.

Every case must end in a clear one-line error (an :class:`~ocrfix.errors.OcrfixError`;
exit 2 from the CLI, naming the file) or in a normal result — never a traceback, never
a damaged or overwritten file. The batch cases (one bad file among many, SIGINT, a
read-only or full output directory) live with the batch runner.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import tracemalloc
from contextlib import contextmanager
from pathlib import Path

import pytest
from click.testing import CliRunner

from ocrfix.cli import main
from ocrfix.config import Config
from ocrfix.errors import InputError
from ocrfix.readers import safexml
from ocrfix.readers.safexml import parse_xml
from ocrfix.readers import read_path

ROOT = Path(__file__).resolve().parent.parent
PAGE = "## 标题在这里\n\n本报讯(记者 王洋)12月3日,会议召开。\n\n张娟娟 摄\n"


def run(*args, input=None):
    return CliRunner().invoke(main, [str(a) for a in args], input=input)


def run_process(*args) -> subprocess.CompletedProcess:
    """The real command in a child process: its stderr is what a user sees."""
    return subprocess.run([sys.executable, "-m", "ocrfix", *map(str, args)], cwd=ROOT,
                          capture_output=True, text=True, timeout=120)


@contextmanager
def watchdog(seconds: int):
    """Fail instead of hanging (a guard, not a timing): SIGALRM after ``seconds``."""
    def _expired(signum, frame):
        raise AssertionError(f"still running after {seconds} s")
    old = signal.signal(signal.SIGALRM, _expired)
    signal.alarm(seconds)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, old)


@contextmanager
def peak_memory_below(limit: int):
    """Assert the block allocates less than ``limit`` bytes at its peak (tracemalloc)."""
    tracemalloc.start()
    try:
        yield
    finally:
        _, peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()
    assert peak < limit, f"peak allocation {peak} bytes"


# -- XML: the hOCR and ALTO readers parse through safexml.parse_xml ----------------------
SECRET = "ocrfix-secret-contents"


def test_xml_external_entity_is_refused_and_the_file_is_not_read(tmp_path):
    secret = tmp_path / "secret.txt"
    secret.write_text(SECRET)
    xxe = (f'<?xml version="1.0"?><!DOCTYPE html [<!ENTITY x SYSTEM "file://{secret}">]>'
           '<html><body><p class="ocr_line">&x;</p></body></html>').encode()
    with pytest.raises(InputError, match=r"^page\.hocr: refusing XML with a DTD") as err:
        parse_xml(xxe, "page.hocr")
    assert SECRET not in str(err.value)


def test_xml_external_dtd_and_parameter_entities_are_refused():
    for data in (b'<!DOCTYPE alto SYSTEM "http://example.invalid/alto.dtd"><alto/>',
                 b'<!DOCTYPE a [<!ENTITY % p SYSTEM "http://example.invalid/p.dtd"> %p;]><a/>'):
        with pytest.raises(InputError, match="unsafe"):
            parse_xml(data, "page.xml")


def test_entity_expansion_bomb_is_refused_without_expanding():
    levels = "".join(f'<!ENTITY l{i} "{f"&l{i - 1};" * 10}">' for i in range(1, 10))
    bomb = f'<!DOCTYPE a [<!ENTITY l0 "lol">{levels}]><a>&l9;</a>'.encode()
    with watchdog(10), peak_memory_below(5_000_000):  # expanded: 3 x 10^9 characters
        with pytest.raises(InputError, match="entity declarations"):
            parse_xml(bomb, "bomb.xml")


def test_quadratic_blowup_entity_is_refused():
    blowup = ('<!DOCTYPE a [<!ENTITY x "' + "x" * 50_000 + '">]><a>' + "&x;" * 50_000
              + "</a>").encode()
    with watchdog(10), peak_memory_below(20_000_000):  # expanded: 2.5 x 10^9 characters
        with pytest.raises(InputError, match="entity declarations"):
            parse_xml(blowup, "blowup.xml")


def test_deeply_nested_xml_is_refused_naming_the_limit():
    depth = 100_000
    deep = b"<div>" * depth + b"x" + b"</div>" * depth
    with watchdog(30), peak_memory_below(200_000_000):
        with pytest.raises(InputError, match=rf"deep\.xml: XML nested deeper than "
                                             rf"{safexml.MAX_DEPTH} levels"):
            parse_xml(deep, "deep.xml")


def test_xml_just_within_the_depth_limit_is_read():
    depth = safexml.MAX_DEPTH
    root = parse_xml(b"<d>" * depth + b"x" + b"</d>" * depth, "ok.xml")
    assert root.tag == "d"


def test_malformed_and_oversized_xml_are_input_errors(monkeypatch):
    with pytest.raises(InputError, match=r"^bad\.xml: malformed XML"):
        parse_xml(b"<a><b></a>", "bad.xml")
    monkeypatch.setattr(safexml, "MAX_XML_BYTES", 100)
    with pytest.raises(InputError, match=r"^big\.xml: XML larger than 100 bytes"):
        parse_xml(b"<a>" + b"x" * 200 + b"</a>", "big.xml")


# -- binary files and wrong encodings ----------------------------------------------------
NOT_TEXT = {
    "png.txt": b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)),
    "random.txt": bytes(range(128, 256)) * 20,
    "latin1.txt": "Le café est très bon. Été à Paris, naïve façade.".encode("latin-1"),
    "shift_jis.txt": "日本語のテキストです。東京都で会議が開かれました。".encode("shift_jis"),
    "utf16-no-bom.txt": "市委常委会召开会议，研究部署经济工作。".encode("utf-16-le"),
    "big5.txt": "國會經濟發展開門時間長東車馬說讀書學習，會議召開。".encode("big5"),
    "utf32.txt": "市委常委会召开会议。".encode("utf-32"),
    "empty.txt": b"",
    "blank.txt": b" \n\n\t\n",
}


@pytest.mark.parametrize("name", sorted(NOT_TEXT))
def test_binary_or_wrongly_encoded_file_is_a_one_line_error_naming_it(tmp_path, name):
    src = tmp_path / name
    src.write_bytes(NOT_TEXT[name])
    res = run("clean", src, "-o", tmp_path / "out")
    assert res.exit_code == 2
    assert not isinstance(res.exception, Exception) or isinstance(res.exception, SystemExit)
    errors = [ln for ln in res.output.splitlines() if ln.startswith("error:")]
    assert len(errors) == 1 and str(src) in errors[0], res.output
    assert not (tmp_path / "out" / f"{src.stem}.txt").exists()


def test_wrong_encoding_in_a_real_process_prints_no_traceback(tmp_path):
    src = tmp_path / "日文 page.txt"
    src.write_bytes(NOT_TEXT["shift_jis.txt"])
    proc = run_process("clean", src, "-o", tmp_path / "out")
    assert proc.returncode == 2
    assert "Traceback" not in proc.stderr
    assert proc.stderr.splitlines()[0] == (
        f"error: {src}: not UTF-8, UTF-16 or GB18030 text (read as GB18030 it is mostly "
        "rare characters: another encoding, e.g. Shift-JIS, Big5 or UTF-16 without BOM?)")


def test_gb18030_chinese_is_still_read(tmp_path):
    src = tmp_path / "gbk.txt"
    src.write_bytes(PAGE.encode("gb18030"))
    res = run("clean", src, "-o", tmp_path / "out")
    assert res.exit_code == 0, res.output
    assert "会议召开" in (tmp_path / "out" / "gbk.txt").read_text("utf-8")


# -- a 50 MB text file -------------------------------------------------------------------
FIFTY_MB = 50 * 1024 * 1024


@pytest.fixture(scope="module")
def huge_file(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("huge") / "huge page.txt"
    line = ("本报讯（记者 王洋）12月3日，全市社会消费品零售额完成情况约谈会召开。\n\n"
            .encode("utf-8"))
    with path.open("wb") as fh:
        fh.write(line * (FIFTY_MB // len(line) + 1))
    return path


def test_a_50_mb_file_is_refused_by_default_naming_the_flag(huge_file, tmp_path):
    assert huge_file.stat().st_size > Config().max_bytes
    res = run("clean", huge_file, "-o", tmp_path / "out")
    assert res.exit_code == 2
    errors = [ln for ln in res.output.splitlines() if ln.startswith("error:")]
    assert len(errors) == 1
    assert str(huge_file) in errors[0] and "--max-bytes" in errors[0]
    assert not (tmp_path / "out" / "huge page.txt").exists()


def test_a_50_mb_file_is_refused_before_it_is_read(huge_file):
    with peak_memory_below(1_000_000):
        with pytest.raises(InputError, match="raise it with --max-bytes"):
            read_path(huge_file, max_bytes=Config().max_bytes)


def test_stdin_larger_than_the_limit_is_refused_naming_the_flag():
    res = run("clean", "-", "--max-bytes", "1000", input=("会议召开。" * 500).encode())
    assert res.exit_code == 2
    assert "--max-bytes" in res.output and "Traceback" not in res.output


# -- file names ----------------------------------------------------------------------------
@pytest.mark.parametrize("name", ["page with spaces.txt", "吕梁日报 第1版.txt",
                                  "新闻稿.md", " leading and trailing .txt"])
def test_file_names_with_spaces_and_cjk_are_kept(tmp_path, name):
    src = tmp_path / "in" / name
    src.parent.mkdir()
    src.write_text(PAGE, encoding="utf-8")
    out = tmp_path / "输出 目录"
    res = run("clean", src.parent, "-o", out)
    assert res.exit_code == 0, res.output
    stem = src.stem
    assert (out / f"{stem}.txt").read_text("utf-8").startswith("标题在这里\n\n本报讯")
    assert (out / f"{stem}.edits.json").exists()
    assert sorted(p.name for p in out.iterdir()) == sorted([f"{stem}.txt",
                                                            f"{stem}.edits.json"])


def test_a_bad_file_with_a_cjk_name_is_named_in_its_error(tmp_path):
    src = tmp_path / "坏 文件.txt"
    src.write_bytes(NOT_TEXT["png.txt"])
    res = run("clean", src, "-o", tmp_path / "out")
    assert res.exit_code == 2 and f"error: {src}:" in res.output


# -- output directory = input directory ----------------------------------------------------
def _snapshot(directory: Path) -> dict[str, bytes]:
    return {str(p.relative_to(directory)): p.read_bytes()
            for p in sorted(directory.rglob("*")) if p.is_file()}


def _same_dir_spellings(indir: Path) -> list[str]:
    return [str(indir), str(indir) + "/", str(indir / "." ), str(indir / "sub" / ".."),
            os.path.relpath(indir)]


def test_output_directory_equal_to_the_input_directory_is_refused_in_every_spelling(tmp_path,
                                                                                    monkeypatch):
    indir = tmp_path / "in"
    (indir / "sub").mkdir(parents=True)
    (indir / "page.txt").write_text(PAGE, encoding="utf-8")
    (indir / "sub" / "more.txt").write_text(PAGE, encoding="utf-8")
    (tmp_path / "link").symlink_to(indir, target_is_directory=True)
    before = _snapshot(indir)
    monkeypatch.chdir(tmp_path)
    for out in _same_dir_spellings(indir) + [str(tmp_path / "link")]:
        for inputs in ([indir], [indir / "page.txt"]):
            res = run("clean", *inputs, "-o", out)
            assert res.exit_code == 2, (out, res.output)
            assert "is an input directory" in res.output
    # a sub-directory holding some of the inputs is an input directory too
    res = run("clean", indir, "-o", indir / "sub")
    assert res.exit_code == 2 and "is an input directory" in res.output
    assert _snapshot(indir) == before


def test_cleaning_into_a_subdirectory_twice_never_overwrites_an_input(tmp_path):
    # the first run's outputs are *.txt under the input directory: the second run must
    # know them for outputs (each has its edit log), not clean them over themselves
    indir = tmp_path / "in"
    indir.mkdir()
    (indir / "page.txt").write_text(PAGE, encoding="utf-8")
    first = run("clean", indir, "-o", indir / "out")
    assert first.exit_code == 0, first.output
    before = _snapshot(indir)
    second = run("clean", indir, "-o", indir / "out", "--force")
    assert second.exit_code == 0, second.output
    assert _snapshot(indir) == before
    assert not (indir / "out" / "out").exists()


def test_an_output_directory_holding_other_inputs_is_refused(tmp_path):
    indir = tmp_path / "in"
    (indir / "sub").mkdir(parents=True)
    (indir / "page.txt").write_text(PAGE, encoding="utf-8")
    (indir / "sub" / "page.txt").write_text("another page\n", encoding="utf-8")
    before = _snapshot(indir)
    res = run("clean", indir, "-o", indir / "sub")
    assert res.exit_code == 2 and "is an input directory" in res.output
    assert _snapshot(indir) == before


# -- atomic outputs --------------------------------------------------------------------------
def test_a_write_that_fails_midway_leaves_the_old_output_and_no_temporary_file(tmp_path,
                                                                                monkeypatch):
    from ocrfix import batch
    from ocrfix.errors import OutputError

    target = tmp_path / "page.txt"
    target.write_text("previous complete output\n", encoding="utf-8")

    def failing_replace(src, dst):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(batch.os, "replace", failing_replace)
    with pytest.raises(OutputError):
        batch.write_atomic(target, "新的输出" * 10_000)
    assert target.read_text(encoding="utf-8") == "previous complete output\n"
    assert [p.name for p in tmp_path.iterdir()] == ["page.txt"]


def test_an_unencodable_output_is_never_half_written(tmp_path):
    from ocrfix import cli

    target = tmp_path / "page.txt"
    with pytest.raises(UnicodeEncodeError):
        cli._write_atomic(target, "完整的一段" * 10_000 + "\ud800")
    assert list(tmp_path.iterdir()) == []
