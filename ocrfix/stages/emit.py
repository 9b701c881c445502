"""emit: render the finished page as txt, md or json.

The txt form *is* the replayed edit log (``apply_edits(source, edits)``): nothing is added
that an edit does not record. md adds markup only (``## `` before headlines, ``### ``
before kickers and subtitles, ``---`` between articles); json carries the structure, the
removed furniture and captions (the side channel) and the full edit log.
"""

from __future__ import annotations

import json
from typing import Any

from ..config import Config
from ..doc import Doc

NAME = "emit"
REQUIRES = ("roles", "articles")
ASSIGNS = ("output",)

FORMATS = ("txt", "md", "json")


def run(doc: Doc, config: Config) -> Doc:
    """The last stage: make sure the page ends with exactly one newline."""
    with doc.batch(NAME) as batch:
        text = batch.text
        end = len(text.rstrip())
        if not end or text[end:] == "\n":
            return doc
        # Keep a final newline that is already there: it may be text an earlier stage
        # inserted (normalise.trim_page), which a later edit cannot take back out.
        if text.endswith("\n"):
            batch.delete(end, len(text) - 1, "final_newline", 1.0,
                         "the clean text ends with one newline")
        else:
            batch.replace(end, len(text), "\n", "final_newline", 1.0,
                          "the clean text ends with one newline")
    return doc


def articles(doc: Doc) -> list[dict[str, Any]]:
    """The page's articles, each with its headline, byline, paragraphs and blocks."""
    out: list[dict[str, Any]] = []
    for b in doc.blocks():
        while len(out) <= b.article:
            out.append({"kicker": None, "headline": None, "subtitle": None, "byline": None,
                        "paragraphs": [], "blocks": []})
        art = out[b.article]
        art["blocks"].append({"role": b.role, "text": b.text,
                              "source_span": [b.src_start, b.src_end]})
        if b.role in ("kicker", "headline", "subtitle", "byline") and art[b.role] is None:
            art[b.role] = b.text
        elif b.role == "label":
            art["label"] = b.text
        else:
            art["paragraphs"].append(b.text)
    return out


def to_txt(doc: Doc) -> str:
    return doc.text


def to_md(doc: Doc) -> str:
    parts: list[str] = []
    for n, art in enumerate(articles(doc)):
        if n:
            parts.append("---")
        for blk in art["blocks"]:
            prefix = {"headline": "## ", "kicker": "### ", "subtitle": "### ", "subhead": "#### ",
                      "label": "### "}.get(blk["role"], "")
            text = blk["text"].replace("\n", "  \n") if blk["role"] == "infographic" \
                else blk["text"]
            parts.append(prefix + text)
    return "\n\n".join(parts) + "\n"


def to_json(doc: Doc) -> str:
    data = {
        "source": doc.name,
        "meta": doc.meta,
        "articles": articles(doc),
        "removed": [{"role": e.role, "rule": e.rule, "text": e.before.strip(),
                     "source_span": [e.start, e.end]} for e in doc.removed()],
        "edits": [e.to_dict() for e in doc.edits],
        "text": doc.text,
    }
    return json.dumps(data, ensure_ascii=False, indent=1) + "\n"


def render(doc: Doc, fmt: str) -> str:
    """The page in one of :data:`FORMATS`."""
    return {"txt": to_txt, "md": to_md, "json": to_json}[fmt](doc)


def edit_log(doc: Doc) -> str:
    """The edit log written beside every output: enough to replay and to review.

    ``source_text`` and ``roles`` (block roles by source offset) let ``ocrfix report``
    rebuild the page from the log alone; readers of older logs ignore them.
    """
    data = {"source": doc.name, "source_length": len(doc.source),
            "edits": [e.to_dict() for e in doc.edits],
            "source_text": doc.source,
            "roles": {str(k): v for k, v in sorted(doc.roles.items())}}
    return json.dumps(data, ensure_ascii=False, indent=1) + "\n"
