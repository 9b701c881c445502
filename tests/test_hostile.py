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
from ocrfix.readers.text import read_path

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
