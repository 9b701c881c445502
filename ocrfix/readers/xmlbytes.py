"""Prepare hOCR/ALTO bytes for the safe parser: any encoding, a harmless DOCTYPE allowed.

Why: expat reads only UTF-8/UTF-16/Latin-1 itself, but archives hold XML declared as
GB18030 or GBK; such bytes are decoded here (a wrong declaration is a clear error naming
the file) and handed on as UTF-8. Tesseract's hOCR starts with the XHTML DOCTYPE, a
*public identifier only* — no internal subset, so it can declare no entity; it is dropped
before :func:`~ocrfix.readers.safexml.parse_xml`, which still refuses any DOCTYPE with an
internal subset (``[...]``: entity declarations, the billion-laughs shape) and any entity
reference.
"""

from __future__ import annotations

import codecs
import re

from ..errors import InputError

__all__ = ["to_parseable", "sniff_xml_kind"]

DECL = re.compile(rb"^\s*<\?xml[^>]*?encoding\s*=\s*[\"']([A-Za-z0-9_.:-]+)[\"'][^>]*\?>")
#: A DOCTYPE without an internal subset: ``<!DOCTYPE html PUBLIC "..." "...">``.
PLAIN_DOCTYPE = re.compile(rb"<!DOCTYPE\s+[A-Za-z_:][^\[>]*>", re.IGNORECASE)
NATIVE = {"utf-8", "utf8", "us-ascii", "ascii", "iso-8859-1", "latin-1", "latin1"}


def to_parseable(data: bytes, name: str) -> bytes:
    """UTF-8 (or UTF-16 with BOM) XML bytes with a harmless DOCTYPE removed.

    >>> to_parseable('<?xml version="1.0" encoding="GB18030"?><a>中</a>'.encode("gb18030"), "x")
    b'<?xml version="1.0" encoding="UTF-8"?><a>\\xe4\\xb8\\xad</a>'
    """
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            data = data.decode("utf-16").encode("utf-8")
        except UnicodeDecodeError as exc:
            raise InputError(f"{name}: cannot be decoded as UTF-16 (byte {exc.start})") from None
        data = re.sub(rb"encoding\s*=\s*[\"'][^\"']*[\"']", b'encoding="UTF-8"', data, count=1)
    elif data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    m = DECL.match(data)
    if m:
        enc = m.group(1).decode("ascii").lower()
        if enc not in NATIVE and not enc.startswith("utf-16"):
            try:
                codecs.lookup(enc)
                text = data.decode(enc)
            except LookupError:
                raise InputError(f"{name}: unknown XML encoding {enc!r}") from None
            except UnicodeDecodeError as exc:
                raise InputError(f"{name}: not valid {enc} as its XML declaration says "
                                 f"(byte {exc.start})") from None
            data = (text[:m.start(1)] + "UTF-8" + text[m.end(1):]).encode("utf-8")
    head = data[:4096]
    d = PLAIN_DOCTYPE.search(head)
    if d and b"[" not in head[d.start():d.end() + 1]:
        data = data[:d.start()] + data[d.end():]
    return data


def sniff_xml_kind(data: bytes) -> str | None:
    """``hocr``, ``alto`` or ``None`` from the first bytes of a file.

    >>> sniff_xml_kind(b"<?xml version='1.0'?><alto xmlns='x'>"), sniff_xml_kind(b"plain")
    ('alto', None)
    """
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        head = data[:131072].decode("utf-16", errors="ignore").encode("utf-8")
    else:
        head = data[:65536]
    stripped = head.lstrip(b"\xef\xbb\xbf \t\r\n")
    if not stripped.startswith(b"<"):
        return None
    low = head.lower()
    if b"<alto" in low or b":alto" in low:
        return "alto"
    if b"ocr_page" in low or b"ocr_line" in low or b"ocr_carea" in low:
        return "hocr"
    return None
