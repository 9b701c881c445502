"""Readers turn input bytes into a :class:`~ocrfix.doc.Doc`; one module per input format.

:func:`read_path` picks the reader by content (dinglehopper's ``extract``: hOCR, ALTO,
then plain text), so a ``.txt`` holding hOCR is still read as hOCR.
"""

from pathlib import Path

from ..errors import InputError
from .text import read_bytes, read_file_bytes, read_text

__all__ = ["read_bytes", "read_path", "read_text", "read_any"]

XML_SUFFIXES = {".xml", ".hocr", ".html", ".htm", ".xhtml"}


def read_any(data: bytes, *, name: str = "<bytes>", max_bytes: int | None = None):
    """Read bytes of any supported format: hOCR, ALTO, or plain/markdown text."""
    from .xmlbytes import sniff_xml_kind

    if max_bytes is not None and len(data) > max_bytes:
        raise InputError(f"{name}: {len(data)} bytes is more than the limit of {max_bytes} "
                         "(raise it with --max-bytes)")
    kind = sniff_xml_kind(data)
    if kind == "hocr":
        from .hocr import read_hocr
        return read_hocr(data, name)
    if kind == "alto":
        from .alto import read_alto
        return read_alto(data, name)
    if Path(name).suffix.lower() in XML_SUFFIXES and data.lstrip(b"\xef\xbb\xbf \t\r\n").startswith(b"<"):
        raise InputError(f"{name}: XML but neither hOCR nor ALTO")
    return read_bytes(data, name=name, max_bytes=max_bytes)


def read_path(path, *, max_bytes: int | None = None):
    """Read a file of any supported format; errors name the file."""
    data = read_file_bytes(path, max_bytes=max_bytes)
    return read_any(data, name=str(Path(path)), max_bytes=max_bytes)
