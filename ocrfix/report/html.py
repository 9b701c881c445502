"""The HTML report: one self-contained file (inline CSS and JS, no network) for a batch.

Why Jinja with autoescape: OCR text is hostile input — a page may hold ``<script>`` or
``</style>`` — and autoescaping makes escaping the default, not something each line of
template must remember. The page data the script needs (edits, for tooltips, filters and
exported marks) is JSON inside ``<script type="application/json">`` with ``<``, ``>``
and ``&`` written as ``\\u`` escapes, so no text can close that element. A
Content-Security-Policy allows only this file's own script (by hash) and no requests.
"""

from __future__ import annotations

import base64
import hashlib
import json
from collections import Counter
from dataclasses import dataclass
from importlib import resources

from jinja2 import Environment, select_autoescape

from .align import LOW_CONFIDENCE, PageView, align, kind_of, visible
from .learn import protect_texts
from .page import Page

__all__ = ["render_report", "render_diff", "report_context", "json_for_script"]

#: Longest before/after text shown in the edit list (the full text is in the tooltip).
SHOWN_CHARS = 60


@dataclass(frozen=True)
class _Count:
    name: str
    count: int
    stage: str = ""


def _template(name: str) -> str:
    return resources.files(__package__).joinpath("templates").joinpath(name).read_text("utf-8")


def json_for_script(data: object) -> str:
    """JSON safe inside a ``<script>`` element: no ``<``, ``>``, ``&`` or line separators.

    >>> json_for_script({"t": "</script><b>"})
    '{"t": "\\\\u003c/script\\\\u003e\\\\u003cb\\\\u003e"}'
    """
    text = json.dumps(data, ensure_ascii=False)
    for ch, esc in (("<", "\\u003c"), (">", "\\u003e"), ("&", "\\u0026"),
                    ("\u2028", "\\u2028"), ("\u2029", "\\u2029")):
        text = text.replace(ch, esc)
    return text


def _short(text: str) -> str:
    text = visible(text)
    return text if len(text) <= SHOWN_CHARS else text[:SHOWN_CHARS // 2] + "…" + \
        text[-SHOWN_CHARS // 2:]


def report_context(pages: list[Page], *, low: float = LOW_CONFIDENCE,
                   title: str = "") -> dict:
    """Everything the template shows, as plain values (one context for every format)."""
    views = [align(p) for p in pages]
    stages: list[str] = []
    rules: list[tuple[str, str]] = []
    for p in pages:
        for e in p.edits:
            if e.stage not in stages:
                stages.append(e.stage)
            if (e.stage, e.rule) not in rules:
                rules.append((e.stage, e.rule))
    s_ix = {s: i for i, s in enumerate(stages)}
    r_ix = {r: i for i, r in enumerate(rules)}
    stage_n = Counter(e.stage for p in pages for e in p.edits)
    rule_n = Counter((e.stage, e.rule) for p in pages for e in p.edits)
    ctx_pages, data_pages = [], []
    for n, view in enumerate(views):
        page = view.page
        protect = protect_texts(page)
        data_pages.append({"name": page.name, "edits": [
            [s_ix[e.stage], r_ix[(e.stage, e.rule)], e.confidence, e.before, e.after,
             e.reason, e.role or "", protect[i], e.start, e.end]
            for i, e in enumerate(page.edits)]})
        ctx_pages.append(_page_context(n, view, s_ix, r_ix, low))
    return {
        "title": title or (pages[0].name if len(pages) == 1 else f"{len(pages)} pages"),
        "pages": ctx_pages,
        "stages": [_Count(s, stage_n[s]) for s in stages],
        "rules": [_Count(r, rule_n[(s, r)], s) for s, r in rules],
        "total": sum(len(p.edits) for p in pages),
        "low_total": sum(p["low"] for p in ctx_pages),
        "low": low,
        "data": {"stages": stages, "rules": [r for _, r in rules], "low": low,
                 "pages": data_pages},
    }


def _page_context(n: int, view: PageView, s_ix: dict, r_ix: dict, low: float) -> dict:
    page = view.page

    def css(tokens):
        return [("o", t[1], f"h k-{t[2]} s{s_ix[page.edits[t[1]].stage]}") if t[0] == "o"
                else t for t in tokens]

    rows = [{"id": r.id, "kind": r.kind, "role": r.role, "left": css(r.left),
             "right": css(r.right),
             "chips": [(i, f"h chip k-{kind_of(page.edits[i])} s{s_ix[page.edits[i].stage]}")
                       for i in r.chips]}
            for r in view.rows]
    edits = [{"i": i, "stage": e.stage, "rule": e.rule, "s": s_ix[e.stage],
              "r": r_ix[(e.stage, e.rule)], "conf": e.confidence,
              "low": e.confidence < low, "before": _short(e.before),
              "after": "(moved)" if e.dest is not None else _short(e.after),
              "reason": e.reason, "role": e.role or "", "home": view.home.get(i, "")}
             for i, e in enumerate(page.edits)]
    edits.sort(key=lambda d: (not d["low"], d["i"]))
    by_stage = Counter(e.stage for e in page.edits)
    return {"n": n, "name": page.name, "rows": rows, "edits": edits,
            "articles": view.articles, "low": sum(d["low"] for d in edits),
            "by_stage": sorted(by_stage.items(), key=lambda kv: s_ix[kv[0]]),
            "by_rule": Counter((e.stage, e.rule) for e in page.edits).most_common(),
            "s_ix": s_ix}


def render_report(pages: list[Page], *, low: float = LOW_CONFIDENCE, title: str = "") -> str:
    """The report for ``pages`` as one HTML document."""
    ctx = report_context(pages, low=low, title=title)
    script = _template("report.js")
    digest = base64.b64encode(hashlib.sha256(script.encode("utf-8")).digest()).decode()
    env = Environment(autoescape=select_autoescape(default=True, default_for_string=True),
                      trim_blocks=True, lstrip_blocks=True)
    template = env.from_string(_template("report.html.j2"))
    return template.render(**ctx, css=_template("report.css"), script=script,
                           script_hash=digest, data_json=json_for_script(ctx["data"]))


def render_diff(diffs: list, *, old: str, new: str) -> str:
    """The comparison of two cleanings (:mod:`.diff`) as one HTML document."""
    with_cer = [d for d in diffs if d.old_cer is not None]
    env = Environment(autoescape=select_autoescape(default=True, default_for_string=True),
                      trim_blocks=True, lstrip_blocks=True)
    return env.from_string(_template("diff.html.j2")).render(
        diffs=diffs, old=old, new=new, css=_template("report.css"),
        gone=sum(len(d.gone) for d in diffs), appeared=sum(len(d.new) for d in diffs),
        mean_old=sum(d.old_cer for d in with_cer) / len(with_cer) if with_cer else None,
        mean_new=sum(d.new_cer for d in with_cer) / len(with_cer) if with_cer else None)


def render_report_json(pages: list[Page], *, low: float = LOW_CONFIDENCE) -> str:
    """The report's context as JSON (counts, articles, every edit with its review data),
    for tools and CI; the same context as the HTML, with full before/after texts."""
    ctx = report_context(pages, low=low)
    out = {"total": ctx["total"], "low_total": ctx["low_total"], "low": low,
           "stages": {c.name: c.count for c in ctx["stages"]},
           "rules": {f"{c.stage}/{c.name}": c.count for c in ctx["rules"]}, "pages": []}
    for page, cp, dp in zip(pages, ctx["pages"], ctx["data"]["pages"]):
        home = {e["i"]: e["home"] for e in cp["edits"]}
        edits = []
        for i, e in enumerate(page.edits):
            d = e.to_dict()
            d.update(low=e.confidence < low, protect=dp["edits"][i][7], row=home[i])
            edits.append(d)
        out["pages"].append({
            "name": page.name, "edits": edits, "low": cp["low"],
            "by_stage": dict(cp["by_stage"]),
            "by_rule": {f"{s}/{r}": n for (s, r), n in cp["by_rule"]},
            "articles": [{"n": a.index, "title": a.title, "row": a.row}
                         for a in cp["articles"]]})
    return json.dumps(out, ensure_ascii=False, indent=1) + "\n"
