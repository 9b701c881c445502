"""``ocrfix bench correct``: character correction on real OCR errors, and do-no-harm.

Reports, on the FASPell OCR test set (same-length pairs; differences that are only
punctuation width are not errors — the normalise stage owns those):

* character-level detection and correction precision / recall / F1,
* sentence-level detection and correction F1 (strict: a changed sentence counts only if
  it equals the gold sentence),
* characters per second on one core after loading, and the load time,

for ocrfix's corrector and, in the same run, pycorrector's ``Corrector`` as the
baseline when it can run here (it needs torch and a local KenLM model; when it cannot,
the output says exactly why). Do-no-harm: the share of clean sentences left unchanged
(golden pages' paragraphs, and the gold side of the FASPell test pairs).
"""

from __future__ import annotations

import re
import time
import unicodedata
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Iterable

import click

DEFAULT_DIR = "/work/shared/data/faspell"
SENT_END = re.compile(r"(?<=[。！？；])")


@dataclass
class Scores:
    """Counts behind the precision/recall/F1 figures of one system on one data set."""

    det_tp: int = 0
    cor_tp: int = 0
    pred: int = 0
    gold: int = 0
    sent_changed: int = 0
    sent_err: int = 0
    sent_det_ok: int = 0
    sent_cor_ok: int = 0
    sent_cor_tp_recall: int = 0
    sent_det_tp_recall: int = 0
    chars: int = 0
    seconds: float = 0.0
    wall: float = 0.0

    def prf(self, tp: int, pred: int, gold: int, tp_recall: int | None = None):
        p = tp / pred if pred else 0.0
        r = (tp if tp_recall is None else tp_recall) / gold if gold else 0.0
        return p, r, (2 * p * r / (p + r) if p + r else 0.0)

    def table(self) -> dict[str, tuple[float, float, float]]:
        return {
            "char detection": self.prf(self.det_tp, self.pred, self.gold),
            "char correction": self.prf(self.cor_tp, self.pred, self.gold),
            "sentence detection": self.prf(self.sent_det_ok, self.sent_changed, self.sent_err,
                                           self.sent_det_tp_recall),
            "sentence correction": self.prf(self.sent_cor_ok, self.sent_changed, self.sent_err,
                                            self.sent_cor_tp_recall),
        }


def same_char(a: str, b: str) -> bool:
    """Equal up to full/half width (``，`` vs ``,``): not an error for this benchmark."""
    return a == b or unicodedata.normalize("NFKC", a) == unicodedata.normalize("NFKC", b)


def load_pairs(path: Path) -> list[tuple[str, str]]:
    """FASPell ``n<TAB>wrong<TAB>right`` lines whose two sides have the same length."""
    out = []
    for line in path.read_text(encoding="utf-8").splitlines():
        cols = line.split("\t")
        if len(cols) == 3 and len(cols[1]) == len(cols[2]):
            out.append((cols[1], cols[2]))
    return out


def evaluate(correct: Callable[[str], str], pairs: Iterable[tuple[str, str]]) -> Scores:
    """Run ``correct`` on each wrong sentence and count against the gold sentence."""
    s = Scores()
    t0, c0 = time.perf_counter(), time.process_time()
    outs = [(w, g, correct(w)) for w, g in pairs]
    s.seconds = time.process_time() - c0  # CPU time: one core, fair on a shared machine
    s.wall = time.perf_counter() - t0
    for wrong, gold, out in outs:
        s.chars += len(wrong)
        if len(out) != len(wrong):  # a system that changed the length: score by position
            out = (out + wrong[len(out):])[:len(wrong)]
        gold_pos = {i for i, (a, b) in enumerate(zip(wrong, gold)) if not same_char(a, b)}
        pred_pos = {i for i, (a, b) in enumerate(zip(wrong, out)) if not same_char(a, b)}
        s.gold += len(gold_pos)
        s.pred += len(pred_pos)
        s.det_tp += len(gold_pos & pred_pos)
        s.cor_tp += sum(1 for i in gold_pos & pred_pos if same_char(out[i], gold[i]))
        fixed = all(same_char(a, b) for a, b in zip(out, gold))
        if gold_pos:
            s.sent_err += 1
        if pred_pos:
            s.sent_changed += 1
            s.sent_det_ok += pred_pos == gold_pos
            s.sent_cor_ok += fixed
        if gold_pos:
            s.sent_det_tp_recall += pred_pos == gold_pos
            s.sent_cor_tp_recall += fixed
    return s


def clean_sentences(golden_dir: Path) -> list[str]:
    """Sentences of the golden pages (hand-verified clean text)."""
    return [s for _, sents in clean_pages(golden_dir) for s in sents]


def clean_pages(golden_dir: Path) -> list[tuple[str, list[str]]]:
    """Each golden page's whole text and its sentences: the stage protects on every
    sentence the names its page introduces (``ocrfix.protect.page_terms``), so the
    do-no-harm check must give it the page too."""
    out = []
    for f in sorted(golden_dir.glob("*.txt")):
        text = f.read_text(encoding="utf-8")
        sents = []
        for para in text.split("\n"):
            sents += [x for x in SENT_END.split(para.strip()) if len(x) >= 4]
        out.append((text, sents))
    return out


def unchanged_share(correct: Callable[[str], str], sentences: list[str]) -> tuple[float, list]:
    changed = [(s, o) for s in sentences if (o := correct(s)) != s]
    return (1 - len(changed) / len(sentences) if sentences else 1.0), changed


def ocrfix_system(lm_path: str | None = None, *, scale: float = 1.0,
                  drop_faspell_pairs: bool = False, drop_tesseract_pairs: bool = False,
                  context: str | None = "auto") -> tuple[Callable[[str], str], float, str]:
    """ocrfix's corrector as ``str -> str`` (with protection), and its load time (CPU s).

    ``drop_faspell_pairs`` leaves out the confusion pairs learned from FASPell train, to
    show what the engine-independent sources (glyphs, strokes, Tesseract) achieve alone;
    ``drop_tesseract_pairs`` leaves out the Tesseract-learned pairs (to measure them).
    Also returns a one-line description of the models and the decision in use.
    """
    from ..confusables import load_confusables
    from ..corrector import Corrector
    from ..lm import correction_models
    from ..protect import load_protected_terms, protected_mask

    t0 = time.process_time()
    lm, ctx = correction_models(lm_path, context)
    drop = (("faspell_train",) if drop_faspell_pairs else ()) + (
        ("tesseract",) if drop_tesseract_pairs else ())
    table = load_confusables(exclude_sources=drop)
    terms = load_protected_terms()
    corr = Corrector(lm, table, scale=scale, context=ctx)
    corr.find("预热")  # build lazy tables before timing
    load = time.process_time() - t0
    how = (f"word model {lm.name}; context model {ctx.name if ctx else 'none'}; decision: "
           + (f"weighted evidence ({corr.weights.profile}, threshold {corr.weights.threshold})"
              if corr.weights else "thresholds per source"))

    def run(text: str, page: frozenset[str] = frozenset()) -> str:
        chars = list(text)
        for c in corr.find(text, protected_mask(text, terms, page)):
            chars[c.pos] = c.after
        return "".join(chars)
    return run, load, how


def pycorrector_system(kenlm_path: str | None) -> tuple[Callable[[str], str] | None, str, float]:
    """pycorrector's ``Corrector`` with a local KenLM model, its name and load time (CPU s),
    or None and the exact reason it cannot run here.

    Why so careful: ``import pycorrector`` imports torch (not a dependency of ocrfix; only
    this baseline needs it), and a ``Corrector`` without ``language_model_path`` downloads a
    2.9 GB model — never at run time here. Hub downloads are switched off as a second guard.
    """
    import importlib.util
    import os

    if importlib.util.find_spec("torch") is None:
        return None, ("pycorrector Corrector baseline skipped: torch is not installed "
                      "(pycorrector/__init__ imports it; it is not an ocrfix dependency — "
                      "`pip install torch` to run the baseline)"), 0.0
    if not kenlm_path or not Path(kenlm_path).is_file():
        return None, ("pycorrector Corrector baseline skipped: it needs a local KenLM model "
                      "(--kenlm PATH, default libime's zh_CN.lm when installed; without one "
                      "it would download 2.9 GB at run time)"), 0.0
    if importlib.util.find_spec("kenlm") is None:
        return None, "pycorrector Corrector baseline skipped: the kenlm module is missing", 0.0
    for var in ("HF_HUB_OFFLINE", "TRANSFORMERS_OFFLINE", "HF_DATASETS_OFFLINE"):
        os.environ.setdefault(var, "1")
    t0 = time.process_time()
    try:
        import logging

        from pycorrector.corrector import Corrector
        logging.getLogger("pycorrector").setLevel(logging.WARNING)
        m = Corrector(language_model_path=kenlm_path)
        m.correct("预热")  # its dictionaries load lazily: not part of the timed run
    except Exception as exc:  # noqa: BLE001 - report exactly why the baseline is missing
        return None, f"pycorrector Corrector baseline not run: {exc!r}", 0.0
    load = time.process_time() - t0
    return (lambda t: m.correct(t)["target"]), f"pycorrector Corrector (LM {kenlm_path})", load


def _report(name: str, s: Scores, load: float | None = None) -> None:
    click.echo(f"\n{name}")
    for row, (p, r, f) in s.table().items():
        click.echo(f"  {row:<20} P {p:.3f}  R {r:.3f}  F1 {f:.3f}")
    cps = s.chars / s.seconds if s.seconds else float("inf")
    extra = f"; load {load:.2f} s CPU" if load is not None else ""
    click.echo(f"  speed               {cps:,.0f} chars/s of CPU time, one core ({s.chars} "
               f"chars in {s.seconds:.2f} s CPU, {s.wall:.2f} s wall{extra})")


@click.command()
@click.option("--data", "data_dir", default=DEFAULT_DIR, show_default=True,
              type=click.Path(file_okay=False), help="Folder with FASPell ocr_test_1000.txt.")
@click.option("--split", type=click.Choice(["test", "train"]), default="test",
              show_default=True, help="train is for tuning thresholds only.")
@click.option("--lm", "lm_path", default=None, help="Language model file (default: built-in).")
@click.option("--kenlm", default=None,
              help="KenLM model for the pycorrector baseline [default: libime zh_CN.lm if "
                   "installed].")
@click.option("--context", default="auto", show_default=True,
              help="Context model for ocrfix: auto (libime if installed), off, or a path.")
@click.option("--no-baseline", is_flag=True, help="Do not run the pycorrector baseline.")
@click.option("--golden", "golden_dir", default="golden", show_default=True,
              type=click.Path(file_okay=False))
@click.option("--no-faspell-pairs", is_flag=True,
              help="Leave out the confusion pairs learned from FASPell train.")
@click.option("--no-tesseract-pairs", is_flag=True,
              help="Leave out the confusion pairs learned from Tesseract.")
@click.option("--pairs", "pairs_file", default=None, type=click.Path(dir_okay=False),
              help="Score on this file (FASPell's n<TAB>wrong<TAB>right shape) instead, e.g. "
                   "bench/tesseract_heldout.tsv.")
def command(data_dir: str, split: str, lm_path: str | None, kenlm: str | None,
            golden_dir: str, no_faspell_pairs: bool, context: str, no_baseline: bool,
            pairs_file: str | None, no_tesseract_pairs: bool) -> None:
    """Correction quality (P/R/F1) and speed of ocrfix vs pycorrector; do-no-harm share."""
    name = {"test": "ocr_test_1000.txt", "train": "ocr_train_3575.txt"}[split]
    path = Path(data_dir) / name
    if pairs_file:
        path, split = Path(pairs_file), Path(pairs_file).name
    ours, load, how = ocrfix_system(lm_path, drop_faspell_pairs=no_faspell_pairs,
                                    drop_tesseract_pairs=no_tesseract_pairs,
                                    context=None if context == "off" else context)
    if kenlm is None:
        from ..lm.kenlm_model import libime_model_path
        found = libime_model_path()
        kenlm = str(found) if found else None
    if path.is_file():
        pairs = load_pairs(path)
        click.echo(f"{'FASPell ' if not pairs_file else ''}{split}: {len(pairs)} same-length "
                   f"sentence pairs ({path})")
        _report("ocrfix correct" + (" (no FASPell-learned pairs)" if no_faspell_pairs else "")
                + (" (no Tesseract-learned pairs)" if no_tesseract_pairs else "")
                + f"\n  ({how})", evaluate(ours, pairs), load)
        if no_baseline:
            click.echo("\npycorrector Corrector baseline: not run (--no-baseline)")
        else:
            base, why, base_load = pycorrector_system(kenlm)
            if base is None:
                click.echo(f"\n{why}")
            else:
                _report(why, evaluate(base, pairs), base_load)
                share, _ = unchanged_share(base, [g for _, g in pairs])
                click.echo(f"  do-no-harm          {share:.2%} of FASPell {split} gold "
                           "sentences unchanged")
        share, _ = unchanged_share(ours, [g for _, g in pairs])
        click.echo(f"\ndo-no-harm, {'FASPell ' if not pairs_file else ''}{split} gold "
                   f"sentences: {share:.2%} unchanged")
    else:
        click.echo(f"skipped: FASPell file {path} not found (set --data)")
    from ..protect import page_terms

    pages = clean_pages(Path(golden_dir))
    sents = [s for _, ss in pages for s in ss]
    if sents:
        changed = [(s, o) for text, ss in pages for s in ss
                   if (o := ours(s, page_terms(text))) != s]
        share = 1 - len(changed) / len(sents)
        click.echo(f"do-no-harm, golden pages: {share:.2%} of {len(sents)} sentences unchanged")
        for s, o in changed[:10]:
            diff = "".join(f"[{a}→{b}]" if a != b else a for a, b in zip(s, o))
            click.echo(f"  changed: {diff[:120]}")
