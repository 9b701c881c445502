"""Safe XML parsing for the hOCR and ALTO readers.

OCR output is hostile input: a file may declare external entities (XXE, reading local
files or the network) or nest entity definitions to expand into gigabytes ("billion
laughs"). defusedxml refuses DTDs, entity declarations and external references outright,
and we also bound the input size and element depth, so a bad file fails fast with an
:class:`~ocrfix.errors.InputError` naming it, in bounded time and memory.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET

from defusedxml import DefusedXmlException
from defusedxml.ElementTree import fromstring

from ..errors import InputError

__all__ = ["parse_xml", "MAX_DEPTH", "MAX_XML_BYTES"]

MAX_DEPTH = 256
MAX_XML_BYTES = 64 * 1024 * 1024


def parse_xml(data: bytes, name: str = "<xml>") -> ET.Element:
    """Parse *data* as XML and return the root element; refuse anything unsafe.

    >>> parse_xml(b"<a><b>x</b></a>").find("b").text
    'x'
    >>> parse_xml(b'<!DOCTYPE a [<!ENTITY e "x">]><a>&e;</a>', "p.xml")
    Traceback (most recent call last):
    ...
    ocrfix.errors.InputError: p.xml: refusing XML with a DTD or entity declarations (unsafe)
    """
    if len(data) > MAX_XML_BYTES:
        raise InputError(f"{name}: XML larger than {MAX_XML_BYTES} bytes")
    try:
        root = fromstring(data, forbid_dtd=True, forbid_entities=True,
                          forbid_external=True)
    except DefusedXmlException:
        raise InputError(f"{name}: refusing XML with a DTD or entity declarations "
                         "(unsafe)") from None
    except ET.ParseError as exc:
        raise InputError(f"{name}: malformed XML ({exc})") from None
    _check_depth(root, name)
    return root


def _check_depth(root: ET.Element, name: str) -> None:
    """Iterative depth check: a recursive walk would itself overflow on a deep tree."""
    stack = [(root, 1)]
    while stack:
        el, depth = stack.pop()
        if depth > MAX_DEPTH:
            raise InputError(f"{name}: XML nested deeper than {MAX_DEPTH} levels")
        stack.extend((child, depth + 1) for child in el)
