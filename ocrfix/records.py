"""Archive records: ``--format jsonl`` writes one article per line.

Why one line per article: archives load pages into search indexes and data frames
article by article; JSON Lines concatenates (``cat out/*.jsonl``) and streams. Each record
says where it came from (issue date, page, source file) and how much was changed (the
number of edits touching the article's source text), so a reviewer can find it again.
"""

from __future__ import annotations

import json

from .doc import Doc
from .stages.emit import articles, render

__all__ = ["article_records", "to_jsonl", "render_output"]

TEXT_ROLES = ("body", "subhead", "infographic", "source")


def article_records(doc: Doc) -> list[dict]:
    """One dict per article: issue date, page, headline, byline, text, edit count, source.

    >>> from ocrfix import clean_text
    >>> r = article_records(clean_text("标题在这里\\n\\n本报讯(记者 王洋)会议召开,各方参加。\\n"))
    >>> r[0]["headline"], r[0]["text"]
    ('标题在这里', '本报讯（记者 王洋）会议召开，各方参加。')
    """
    from .issue import page_facts

    page, date = doc.meta.get("page"), doc.meta.get("issue_date")
    if page is None or date is None:
        facts = page_facts(doc.source)
        page = page if page is not None else facts.page
        date = date if date is not None else facts.date
    out = []
    for n, art in enumerate(articles(doc)):
        spans = [b["source_span"] for b in art["blocks"]]
        lo, hi = min(s for s, _ in spans), max(e for _, e in spans)
        edits = sum(1 for e in doc.edits if lo <= e.start < hi or (e.dest is not None
                                                                    and lo <= e.dest < hi))
        text = "\n\n".join(b["text"] for b in art["blocks"] if b["role"] in TEXT_ROLES)
        out.append({"issue_date": date, "page": page, "article": n + 1,
                    "kicker": art.get("kicker"), "headline": art.get("headline"),
                    "subtitle": art.get("subtitle"), "byline": art.get("byline"),
                    "text": text, "edits": edits, "source": doc.name})
    return out


def to_jsonl(doc: Doc) -> str:
    """The page's articles as JSON Lines (UTF-8, one object per line)."""
    return "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in article_records(doc))


def render_output(doc: Doc, fmt: str) -> str:
    """The page in any output format of ``clean`` (emit's formats plus jsonl)."""
    return to_jsonl(doc) if fmt == "jsonl" else render(doc, fmt)
