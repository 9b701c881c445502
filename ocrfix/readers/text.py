"""read: plain text and the markdown-ish text that OCR converters write.

Why decoding is strict: a wrongly decoded page would be "cleaned" into garbage without
anyone noticing, so bytes that are not text get a clear :class:`InputError` instead.
UTF-8 (with or without BOM), UTF-16 with BOM and GB18030 (a superset of GBK/GB2312) are
recognised; anything else is refused, naming the file.
"""

from __future__ import annotations

import re
from pathlib import Path

from ..chars import is_cjk
from ..doc import Doc
from ..errors import InputError

NAME = "read"
MIN_TEXT_SHARE = 0.85
#: Below this share of hanzi among the non-ASCII characters, bytes that decode as GB18030
#: are taken for something else: Chinese text in GB18030 is hanzi and full-width marks
#: beside ASCII, however much Latin text it holds (``2014年4月DONG DONG XIN``).
MIN_WIDE_HANZI = 0.5
#: Below this share of common hanzi, GB18030-decoded bytes are taken for another encoding.
MIN_COMMON_HANZI = 0.8


def decode(data: bytes, name: str) -> str:
    """Bytes to text, or an :class:`InputError` that says why not.

    >>> decode("中文".encode("gb18030"), "x")
    '中文'
    """
    if not data.strip():
        raise InputError(f"{name}: input is empty")
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        text = _try(data, "utf-16", name)
    elif data.startswith(b"\xef\xbb\xbf"):
        text = _try(data[3:], "utf-8", name)
    elif b"\x00" in data[:4096]:
        raise InputError(f"{name}: binary file (NUL bytes), not text")
    else:
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError:
            text = _try(data, "gb18030", name)
            wide = [ch for ch in text if ord(ch) > 0x7F]  # what the GB18030 bytes became
            if sum(1 for ch in wide if is_cjk(ch)) < MIN_WIDE_HANZI * len(wide):
                raise InputError(f"{name}: not UTF-8, UTF-16 or GB18030 text") from None
            if common_hanzi_share(text) < MIN_COMMON_HANZI:
                raise InputError(f"{name}: not UTF-8, UTF-16 or GB18030 text (read as "
                                 "GB18030 it is mostly rare characters: another encoding, "
                                 "e.g. Shift-JIS, Big5 or UTF-16 without BOM?)") from None
    printable = sum(1 for ch in text if ch.isprintable() or ch in "\n\r\t")
    if printable < MIN_TEXT_SHARE * len(text):
        raise InputError(f"{name}: does not look like text ({printable}/{len(text)} "
                         "printable characters)")
    return text.replace("\r\n", "\n").replace("\r", "\n")


def common_hanzi_share(text: str) -> float:
    """Share of the hanzi in ``text`` that are common ones: GB2312 level 1 (3,755
    simplified) or Big5 level 1 (5,401 traditional).

    Why: any byte string decodes as GB18030, so bytes in another encoding (Shift-JIS,
    Big5, UTF-16 without a BOM) come out as *valid* but rare characters. Chinese prose,
    simplified or traditional, is almost all common hanzi (the seed pages: over 0.99);
    such mojibake stays below 0.5.

    >>> common_hanzi_share("会议召开。"), common_hanzi_share("會議召開"), common_hanzi_share("担杮岅偺偱偡")
    (1.0, 1.0, 0.3333333333333333)
    """
    hanzi = [ch for ch in text if is_cjk(ch)]
    if not hanzi:
        return 1.0
    return sum(1 for ch in hanzi if _is_common(ch)) / len(hanzi)


def _is_common(ch: str) -> bool:
    for encoding, first, last in (("gb2312", 0xB0, 0xD7), ("big5", 0xA4, 0xC6)):
        try:
            b = ch.encode(encoding)
        except UnicodeEncodeError:
            continue
        if len(b) == 2 and first <= b[0] <= last:
            return True
    return False


def _try(data: bytes, encoding: str, name: str) -> str:
    try:
        return data.decode(encoding)
    except UnicodeDecodeError as exc:
        raise InputError(f"{name}: cannot be decoded as {encoding} "
                         f"(byte {exc.start})") from None


def sniff_layout(text: str) -> str:
    """``paragraphs`` (one paragraph per line, blank lines between) or ``lines``
    (one printed line per line, as Tesseract or PaddleOCR write).

    >>> sniff_layout("甲乙丙丁戊己\\n庚辛壬癸甲乙\\n丙丁戊己庚辛\\n")
    'lines'
    """
    lines = [ln for ln in text.split("\n") if ln.strip()]
    if not lines:
        return "paragraphs"
    short = sum(1 for ln in lines if len(ln.strip()) <= 30)
    blank_separated = len(re.findall(r"\n[ \t]*\n", text))
    if short / len(lines) > 0.7 and blank_separated < 0.5 * len(lines):
        return "lines"
    return "paragraphs"


def read_text(text: str, *, name: str = "<text>") -> Doc:
    """A :class:`Doc` over already-decoded text."""
    return Doc(text, name=name, meta={"layout": sniff_layout(text)})


def read_bytes(data: bytes, *, name: str = "<bytes>", max_bytes: int | None = None) -> Doc:
    if max_bytes is not None and len(data) > max_bytes:
        raise InputError(f"{name}: {len(data)} bytes is more than the limit of {max_bytes} "
                         "(raise it with --max-bytes)")
    return read_text(decode(data, name), name=name)


def read_file_bytes(path: str | Path, *, max_bytes: int | None = None) -> bytes:
    """The bytes of a file, refusing one larger than ``max_bytes``; errors name the file."""
    p = Path(path)
    try:
        size = p.stat().st_size
        if max_bytes is not None and size > max_bytes:
            raise InputError(f"{p}: {size} bytes is more than the limit of {max_bytes} "
                             "(raise it with --max-bytes)")
        return p.read_bytes()
    except OSError as exc:
        raise InputError(f"{p}: cannot read ({exc.strerror})") from None
