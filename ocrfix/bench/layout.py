"""bench layout: per defect class, how well the pipeline fixes simulated pages.

Why outcome-based: a user sees the cleaned text, not the edit log, so RECALL is measured
on the output. Every output character is traced to its truth character through the
pipeline's ``origins`` (output char → source char) and the simulator's exact map
(source char → truth char); a defect counts as fixed when the output reads as the truth
does at that place:

* column_break / wrap — the two truth-adjacent characters across the injected break are
  adjacent in the output with the truth's gap between them (none inside a paragraph, a
  blank line where the truth has a paragraph break);
* interleave / orphan / headline_after / tail_before_head / interleaved_articles — the
  moved piece sits in its truth place: the non-space character before its first
  character, and after its last, are its truth neighbours, with the truth's kind of gap
  (for interleave the host paragraph must also be closed again);
* duplicate — each truth character of the paragraph is in the output exactly once, and
  none of them from the copy's misread characters (the better-read copy is kept);
* furniture — none of the instance's characters is in the output;
* halfwidth — the punctuation mark is full-width in the output.

PRECISION comes from the edit log: each edit is given a class by its ``(stage, rule)``
(:data:`CLASS_RULES`; removals whose role is in ``REMOVED_ROLES`` count as furniture) and
judged against the truth — a join (a gap edit) must leave truth neighbours with the
truth's gap, a removal must take only noise or a copy whose truth characters survive
elsewhere (≥ 90 % of its characters), a move must land next to a truth neighbour (on at
least one side: a header of several blocks may be moved block by block; recall checks
the whole piece), a punctuation replacement must give the truth's character. Edits that
touch only injected noise (punctuation normalised inside a caption that is later
removed) are neutral; edits superseded by a later edit containing them had no effect
and are not judged; a join where a golden paragraph itself ends mid-sentence (text lost
on the printed page) is ambiguous and neutral.
"""

from __future__ import annotations

import json
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable, Sequence

import click

from ..chars import ends_sentence
from ..check import cer
from ..config import Config
from ..doc import REMOVED_ROLES
from ..edits import Edit, _active_replacements
from ..errors import OcrfixError
from ..simulate import CLASSES, Defect, SimConfig, SimPage, simulate_pages

__all__ = ["CLASS_RULES", "PageScore", "score_page", "score_doc", "run_bench", "command"]

#: (stage, rule) -> defect class whose fix the edit claims. Edit freely: a rule not listed
#: (and not a removal with a REMOVED_ROLES role) is counted under "other edits".
CLASS_RULES: dict[tuple[str, str], str] = {
    ("heal", "join_broken_paragraph"): "column_break",
    ("heal", "unwrap_lines"): "wrap",
    ("normalise", "cjk_spaces"): "wrap",
    ("normalise", "fullwidth_punctuation"): "halfwidth",
    ("normalise", "strip_markdown"): "furniture",
    ("normalise", "remove_garbage"): "furniture",
    ("order", "move_trailing_headline"): "headline_after",
    ("fragments", "move_interleaved"): "interleave",
    ("fragments", "attach_orphan"): "orphan",
    ("orphans", "attach_orphan"): "orphan",
    ("order", "move_tail"): "tail_before_head",
    ("order", "merge_interleaved_articles"): "interleaved_articles",
    ("dedupe", "drop_duplicate"): "duplicate",
    ("dedupe", "drop_repeated_sentences"): "duplicate",
    ("retouch", "join_broken_paragraph"): "column_break",
    ("retouch", "cjk_spaces"): "wrap",
    ("retouch", "fullwidth_punctuation"): "halfwidth",
}
#: Classes whose defects are moves: a whitespace-only edit of their rules is bookkeeping
#: (the blank line left behind by a moved block), not a claim of its own.
MOVE_CLASSES = frozenset({"interleave", "orphan", "headline_after", "tail_before_head",
                          "interleaved_articles"})
WS = " \t\u3000\n"


def edit_class(e: Edit) -> str | None:
    """The defect class an edit claims to fix, or ``None`` (an "other" edit).

    >>> edit_class(Edit("furniture", "credit_line", 0, 5, "责编:王", "", 0.9, "x", role="furniture"))
    'furniture'
    """
    cls = CLASS_RULES.get((e.stage, e.rule))
    if cls is None and e.role in REMOVED_ROLES:
        cls = "furniture"
    return cls


def _gap_kind(s: str) -> str:
    """Kind of whitespace between two characters: none, space, line or block.

    >>> [_gap_kind(g) for g in ("", " ", "\\n", "\\n\\n\\n")]
    ['none', 'space', 'line', 'block']
    """
    if not s:
        return "none"
    n = s.count("\n")
    return "space" if n == 0 else ("line" if n == 1 else "block")


@dataclass
class _Out:
    """The output of one page traced back to the truth."""

    page: SimPage
    text: str
    omap: list[int]  # output char -> truth index (-1: noise or inserted)
    src: list[int]  # output char -> source char (-1: part of a multi-char replacement)
    pos_of: dict[int, list[int]]
    nxt: list[int | None]
    prv: list[int | None]
    t_next: list[int | None]
    t_prev: list[int | None]
    at: dict[int, int]  # source char -> its output position (single-char origins)


def _trace(page: SimPage, text: str, origins: Sequence[tuple[int, int]]) -> _Out:
    truth, tmap = page.truth, page.tmap
    omap, src = [], []
    for ch, (s, e) in zip(text, origins):
        if e == s + 1:
            omap.append(tmap[s])
            src.append(s)
            continue
        src.append(-1)
        k = next((tmap[j] for j in range(s, e) if tmap[j] >= 0 and truth[tmap[j]] == ch), -1)
        omap.append(k)
    pos_of: dict[int, list[int]] = defaultdict(list)
    for i, k in enumerate(omap):
        if k >= 0 and not text[i].isspace():
            pos_of[k].append(i)
    at = {s: i for i, s in enumerate(src) if s >= 0}
    return _Out(page, text, omap, src, pos_of, _scan(text, 1), _scan(text, -1),
                _scan(truth, 1), _scan(truth, -1), at)


def _scan(text: str, step: int) -> list[int | None]:
    """For each position, the nearest non-space position strictly after (or before) it."""
    out: list[int | None] = [None] * len(text)
    last: int | None = None
    rng = range(len(text) - 1, -1, -1) if step == 1 else range(len(text))
    for i in rng:
        out[i] = last
        if not text[i].isspace():
            last = i
    return out


def _right_ok(o: _Out, p: int) -> bool:
    """Output char ``p`` is followed by its truth successor, with the truth's gap."""
    k = o.omap[p]
    if k < 0:
        return False
    kn, q = o.t_next[k], o.nxt[p]
    if kn is None:
        return q is None or all(o.omap[j] < 0 for j in range(q, len(o.text))
                                if not o.text[j].isspace())
    if q is None or o.omap[q] != kn:
        return False
    return _gap_kind(o.text[p + 1:q]) == _gap_kind(o.page.truth[k + 1:kn])


def _left_ok(o: _Out, p: int) -> bool:
    """Output char ``p`` is preceded by its truth predecessor, with the truth's gap."""
    k = o.omap[p]
    if k < 0:
        return False
    kp, q = o.t_prev[k], o.prv[p]
    if kp is None:
        return q is None or all(o.omap[j] < 0 for j in range(0, q + 1)
                                if not o.text[j].isspace())
    if q is None or o.omap[q] != kp:
        return False
    return _gap_kind(o.text[q + 1:p]) == _gap_kind(o.page.truth[kp + 1:k])


def _junction(o: _Out, k_left: int) -> bool:
    """Some output copy of truth char ``k_left`` is followed by its truth successor."""
    return any(_right_ok(o, p) for p in o.pos_of.get(k_left, ()))


def _placed(o: _Out, a: int, b: int) -> bool:
    """Truth range ``[a, b)`` sits in its truth place in the output (both ends)."""
    a = a if not o.page.truth[a].isspace() else (o.t_next[a] or a)
    last = b - 1 if not o.page.truth[b - 1].isspace() else (o.t_prev[b - 1] or b - 1)
    return any(_left_ok(o, p) for p in o.pos_of.get(a, ())) and \
        any(_right_ok(o, p) for p in o.pos_of.get(last, ()))


def _output_hits(o: _Out, start: int, end: int) -> int:
    """Output characters (not spaces) that are source characters in ``[start, end)``."""
    return sum(1 for i, s in enumerate(o.src) if start <= s < end and not o.text[i].isspace())


def defect_fixed(o: _Out, d: Defect) -> bool:
    """Does the output read like the truth at this defect? (outcome-based recall)."""
    x = d.extra
    if d.cls in ("column_break", "wrap"):
        # judge the copy the break was injected into; if a dedupe dropped that copy, any
        p = o.at.get(d.start - 1)
        return _right_ok(o, p) if p is not None else _junction(o, x["truth_left"])
    if d.cls == "interleave":
        return _placed(o, x["truth_start"], x["truth_end"]) and _junction(o, x["host_left"])
    if d.cls in ("orphan", "headline_after", "tail_before_head", "interleaved_articles"):
        return _placed(o, x["truth_start"], x["truth_end"])
    if d.cls == "duplicate":
        ks = [k for k in range(x["truth_start"], x["truth_end"])
              if not o.page.truth[k].isspace()]
        once = sum(1 for k in ks if len(o.pos_of.get(k, ())) == 1)
        misread = any(o.src[p] >= 0 and o.page.tags[o.src[p]] == "duplicate_error"
                      for k in ks for p in o.pos_of.get(k, ()))
        return once >= 0.95 * len(ks) and not misread  # the better-read copy is kept
    if d.cls == "furniture":
        return _output_hits(o, d.start, d.end) == 0
    if d.cls == "halfwidth":
        k = x["truth"]
        ps = o.pos_of.get(k, [])
        return bool(ps) and all(o.text[p] == o.page.truth[k] for p in ps)
    raise ValueError(f"unknown defect class {d.cls}")


# -- precision ------------------------------------------------------------------------------
def _superseded(edits: Sequence[Edit]) -> set[int]:
    """Indices of replace edits that a later edit contains (they had no effect on the text)."""
    active = {id(e) for e in _active_replacements(edits)}
    return {i for i, e in enumerate(edits) if e.kind == "replace" and id(e) not in active}


def judge_edit(o: _Out, e: Edit, cls: str) -> bool | None:
    """True/False: the edit is right/wrong w.r.t. the truth; None: neutral, not a claim."""
    page = o.page
    before = page.text[e.start:e.end]
    if e.kind == "move":
        ps = [i for i, s in enumerate(o.src) if e.start <= s < e.end and not o.text[i].isspace()
              and o.omap[i] >= 0]
        if not ps:
            return None if all(page.tmap[j] < 0 for j in range(e.start, e.end)) else False
        # landed next to a truth neighbour: a header of several blocks may be moved
        # block by block, so one right side is enough; recall checks the whole piece
        return _left_ok(o, ps[0]) or _right_ok(o, ps[-1])
    ws_before, ws_after = not before.strip(WS), not e.after.strip(WS)
    if ws_before and ws_after:
        if cls in MOVE_CLASSES:
            return None  # the blank line left behind by a moved block
        return _judge_gap(o, e)
    if ws_after:  # a removal
        ks = [page.tmap[j] for j in range(e.start, e.end) if not page.text[j].isspace()]
        if all(k < 0 for k in ks) and cls != "furniture":
            return None
        good = sum(1 for k in ks if k < 0 or o.pos_of.get(k))
        return good >= 0.9 * len(ks)
    ks = [page.tmap[j] for j in range(e.start, e.end)]
    if all(k < 0 for k in ks):
        return None  # changed noise only
    if any(k < 0 for k in ks):
        return False
    return e.after == "".join(page.truth[k] for k in ks)


def _judge_gap(o: _Out, e: Edit) -> bool | None:
    """A join or a kept paragraph break, judged where it lands in the output: the last
    surviving source character before the gap must be followed by its truth successor."""
    page = o.page
    left = e.start - 1
    while left >= 0 and (page.text[left].isspace() or left not in o.at):
        left -= 1
    if left < 0 or page.tmap[left] < 0:
        return None  # the gap follows injected noise: judged by the furniture class
    if _dangling_truth_paragraph(page.truth, page.tmap[left]):
        return None
    return _right_ok(o, o.at[left])


def _dangling_truth_paragraph(truth: str, k: int) -> bool:
    """Truth char ``k`` ends a prose paragraph mid-sentence (the printed page lost text:
    ``…助推吕梁高`` / ``同时，…`` in a golden page). Whether to join there is ambiguous even
    for a reader, so a gap edit there is neutral.

    >>> t = "甲乙丙丁戊，己庚辛壬癸甲乙丙丁戊己庚辛壬癸高\\n\\n同时。"
    >>> _dangling_truth_paragraph(t, t.index("高")), _dangling_truth_paragraph(t, len(t) - 1)
    (True, False)
    """
    if not truth.startswith("\n\n", k + 1):
        return False
    start = truth.rfind("\n\n", 0, k) + 2 if truth.rfind("\n\n", 0, k) >= 0 else 0
    block = truth[start:k + 1]
    return len(block) > 20 and any(p in block for p in "，。、；") and not ends_sentence(block)


# -- one page ---------------------------------------------------------------------------------
@dataclass
class PageScore:
    """Per class: instances, fixed, claims, true positives; plus raw and clean CER."""

    instances: Counter = field(default_factory=Counter)
    fixed: Counter = field(default_factory=Counter)
    claims: Counter = field(default_factory=Counter)
    tp: Counter = field(default_factory=Counter)
    other_edits: Counter = field(default_factory=Counter)
    kind_instances: Counter = field(default_factory=Counter)  # "wrap.line", "furniture.caption"
    kind_fixed: Counter = field(default_factory=Counter)
    raw_cer: float = 0.0
    clean_cer: float = 0.0
    misses: list[tuple[str, str]] = field(default_factory=list)
    false_pos: list[tuple[str, str]] = field(default_factory=list)


def score_page(page: SimPage, text: str, origins: Sequence[tuple[int, int]],
               edits: Sequence[Edit], *, examples: bool = False) -> PageScore:
    """Score one page's output (text + origins) and the edit log that produced it."""
    o = _trace(page, text, origins)
    sc = PageScore(raw_cer=cer(page.text, page.truth), clean_cer=cer(text, page.truth))
    for d in page.defects:
        sc.instances[d.cls] += 1
        kind = f"{d.cls}.{d.extra['kind']}" if "kind" in d.extra else None
        if kind:
            sc.kind_instances[kind] += 1
        if defect_fixed(o, d):
            sc.fixed[d.cls] += 1
            if kind:
                sc.kind_fixed[kind] += 1
        elif examples:
            sc.misses.append((d.cls, _miss_context(o, d)))
    dead = _superseded(edits)
    for i, e in enumerate(edits):
        cls = edit_class(e)
        if cls is None:
            sc.other_edits[f"{e.stage}.{e.rule}"] += 1
            continue
        if i in dead:
            continue
        verdict = judge_edit(o, e, cls)
        if verdict is None:
            continue
        sc.claims[cls] += 1
        if verdict:
            sc.tp[cls] += 1
        elif examples:
            sc.false_pos.append((cls, _fp_context(o, e)))
    return sc


def score_doc(page: SimPage, doc, *, examples: bool = False) -> PageScore:
    """Score a cleaned :class:`~ocrfix.doc.Doc` of a simulated page."""
    rendered = doc.rendered
    return score_page(page, rendered.text, rendered.origins, doc.edits, examples=examples)


def _show(s: str) -> str:
    return s.replace("\n", "⏎")


def _miss_context(o: _Out, d: Defect) -> str:
    t = o.page.text
    raw = f"{_show(t[max(0, d.start - 20):d.start])}[{_show(t[d.start:d.end])}]" \
          f"{_show(t[d.end:d.end + 20])}"
    k = d.extra.get("truth_left", d.extra.get("truth_start", d.extra.get("truth")))
    out = ""
    if k is not None and o.pos_of.get(k):
        p = o.pos_of[k][0]
        out = f" | out: {_show(o.text[max(0, p - 20):p])}[{_show(o.text[p:p + 25])}]"
    elif d.cls == "furniture":
        hits = [i for i, s in enumerate(o.src) if d.start <= s < d.end]
        if hits:
            out = f" | out: {_show(o.text[max(0, hits[0] - 15):hits[-1] + 15])}"
    return f"seed {o.page.seed} @{d.start} {d.extra.get('kind', '')} text: {raw}{out}"


def _fp_context(o: _Out, e: Edit) -> str:
    t = o.page.text
    ctx = f"{_show(t[max(0, e.start - 20):e.start])}[{_show(t[e.start:e.end])}→" \
          f"{_show(e.after)}]{_show(t[e.end:e.end + 20])}"
    return f"seed {o.page.seed} {e.stage}.{e.rule} @{e.start}: {ctx}"


# -- the benchmark ------------------------------------------------------------------------------
@dataclass
class BenchResult:
    pages: int
    rows: dict[str, dict]
    kinds: dict[str, dict]  # recall per kind of wrap and furniture defect
    raw_cer: float
    clean_cer: float
    other_edits: dict[str, int]
    misses: dict[str, list[str]]
    false_pos: dict[str, list[str]]
    errors: list[str] = field(default_factory=list)  # pages the pipeline failed on

    def to_json(self) -> dict:
        return {"pages": self.pages, "classes": self.rows, "kinds": self.kinds,
                "raw_cer": self.raw_cer,
                "clean_cer": self.clean_cer, "other_edits": self.other_edits,
                "pipeline_errors": self.errors}


def run_bench(pages: int, seed: int, sim: SimConfig, config: Config,
              examples: int = 0) -> BenchResult:
    """Simulate ``pages`` pages, clean each with the real pipeline and add up the scores."""
    from ..pipeline import clean_text

    total = PageScore()
    misses: dict[str, list[str]] = defaultdict(list)
    fps: dict[str, list[str]] = defaultdict(list)
    raw = clean = 0.0
    errors: list[str] = []
    for page in simulate_pages(pages, seed, sim):
        try:
            doc = clean_text(page.text, config, name=f"sim-{page.seed}")
        except OcrfixError as exc:  # a stage bug: the page counts as not cleaned at all
            errors.append(f"seed {page.seed}: {exc}")
            sc = score_page(page, page.text, [(i, i + 1) for i in range(len(page.text))], [])
        else:
            sc = score_doc(page, doc, examples=examples > 0)
        for name in ("instances", "fixed", "claims", "tp", "other_edits", "kind_instances",
                     "kind_fixed"):
            getattr(total, name).update(getattr(sc, name))
        raw += sc.raw_cer
        clean += sc.clean_cer
        for cls, text in sc.misses:
            if len(misses[cls]) < examples:
                misses[cls].append(text)
        for cls, text in sc.false_pos:
            if len(fps[cls]) < examples:
                fps[cls].append(text)
    rows = {}
    for cls in CLASSES:
        n, f, c, tp = (total.instances[cls], total.fixed[cls], total.claims[cls],
                       total.tp[cls])
        rows[cls] = {"instances": n, "fixed": f, "recall": f / n if n else None,
                     "claims": c, "tp": tp, "precision": tp / c if c else None}
    kinds = {k: {"instances": n, "fixed": total.kind_fixed[k], "recall": total.kind_fixed[k] / n}
             for k, n in sorted(total.kind_instances.items())}
    return BenchResult(pages, rows, kinds, raw / max(pages, 1), clean / max(pages, 1),
                       dict(total.other_edits.most_common()), dict(misses), dict(fps), errors)


def _fmt(x: float | None) -> str:
    return "   -  " if x is None else f"{x:6.3f}"


def format_table(r: BenchResult) -> str:
    lines = [f"{'class':22} {'inst':>6} {'fixed':>6} {'recall':>6} {'claims':>6} {'TP':>6} "
             f"{'prec':>6}"]
    for cls, row in r.rows.items():
        lines.append(f"{cls:22} {row['instances']:6d} {row['fixed']:6d} {_fmt(row['recall'])} "
                     f"{row['claims']:6d} {row['tp']:6d} {_fmt(row['precision'])}")
    lines.append("recall by kind: " + ", ".join(
        f"{k} {v['fixed']}/{v['instances']}" for k, v in r.kinds.items()))
    lines.append(f"page CER (mean of {r.pages} pages): raw {r.raw_cer:.4f} -> clean "
                 f"{r.clean_cer:.4f}")
    lines.append("other edits (not attributed to a class): " + (", ".join(
        f"{k} {v}" for k, v in r.other_edits.items()) or "none"))
    if r.errors:
        lines.append(f"PIPELINE ERRORS on {len(r.errors)} pages (scored as not cleaned; "
                     f"reproduce with simulate_page(seed)):")
        lines.extend("  " + e for e in r.errors[:10])
    return "\n".join(lines)


def dump_pages(pages: Iterable[SimPage], directory: str) -> None:
    """Write simulated pages, truths and defect lists, so a failure can be looked at."""
    out = Path(directory)
    out.mkdir(parents=True, exist_ok=True)
    for page in pages:
        name = f"sim-{page.seed}"
        (out / f"{name}.txt").write_text(page.text, encoding="utf-8")
        (out / f"{name}.truth.txt").write_text(page.truth, encoding="utf-8")
        defects = [{"cls": d.cls, "start": d.start, "end": d.end, "text": page.text[d.start:d.end],
                    **d.extra} for d in page.defects]
        (out / f"{name}.defects.json").write_text(
            json.dumps({"seed": page.seed, "layout": page.layout, "defects": defects},
                       ensure_ascii=False, indent=1), encoding="utf-8")


@click.command()
@click.option("--pages", default=300, show_default=True, help="Number of simulated pages.")
@click.option("--seed", default=1, show_default=True, help="Seed of the page simulator.")
@click.option("--only", "only", type=click.Choice(CLASSES), default=None,
              help="Inject only this defect class (SimConfig.only).")
@click.option("--rate", type=float, default=None,
              help="With --only: the class's rate instead of its strong default "
                   "(see SimConfig.only).")
@click.option("--skip", multiple=True, help="Pipeline stage not to run (repeatable).")
@click.option("--show-failures", "show", default=0, show_default=True,
              help="Print this many missed defects and false positives per class.")
@click.option("--dump", "dump_dir", type=click.Path(file_okay=False), default=None,
              help="Also write each simulated page (NAME.txt), its truth (NAME.truth.txt) "
                   "and its defects (NAME.defects.json) to this directory, for inspection.")
@click.option("--json", "json_path", type=click.Path(dir_okay=False, writable=True),
              default=None, help="Also write the figures as JSON to this file.")
def command(pages: int, seed: int, only: str | None, rate: float | None,
            skip: tuple[str, ...], show: int,
            dump_dir: str | None, json_path: str | None) -> None:
    """Precision and recall per layout defect class on simulated pages, and page CER."""
    from ..pipeline import Pipeline

    if rate is not None and not only:
        raise click.UsageError("--rate needs --only CLASS")
    sim = SimConfig.only(only, rate) if only else SimConfig()
    try:
        Pipeline().select(disable=skip)  # unknown stage names fail before any work
    except OcrfixError as exc:
        raise click.UsageError(str(exc)) from None
    if dump_dir:
        dump_pages(simulate_pages(pages, seed, sim), dump_dir)
    result = run_bench(pages, seed, sim, Config(skip=frozenset(skip)), examples=show)
    click.echo(format_table(result))
    if show:
        for title, found in (("MISSED", result.misses), ("FALSE POSITIVE", result.false_pos)):
            for cls, items in found.items():
                click.echo(f"\n== {title} {cls}")
                for item in items:
                    click.echo("  " + item)
    if json_path:
        with open(json_path, "w", encoding="utf-8") as fh:
            json.dump(result.to_json(), fh, ensure_ascii=False, indent=1)
