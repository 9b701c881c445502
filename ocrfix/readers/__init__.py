"""Readers turn input bytes into a :class:`~ocrfix.doc.Doc`; one module per input format."""

from .text import read_bytes, read_path, read_text

__all__ = ["read_bytes", "read_path", "read_text"]
