"""Tesseract-learned confusions: how pairs are counted from OCR output, and how the
corrector keeps them apart from the pairs of other sources."""

from __future__ import annotations

import random

from ocrfix.confusables import Candidate, Confusables, load_confusables
from ocrfix.corrector import Corrector
from ocrfix.evidence import Evidence, Weights
from ocrfix.lm import WordLM
from scripts.tesseract_pages import draw_recipe, substitutions


def test_substitution_counted_only_between_matching_neighbours():
    assert substitutions("我们回快发展经济", "我们加快发展经济") == {("回", "加"): 1}
    # a substitution next to a lost character may be a misalignment: not evidence
    assert substitutions("我回快发展", "我们加快发展") == {}
    # a garbled stretch (longer than two characters) is not a confusion either
    assert substitutions("我们甲乙丙发展", "我们加快进发展") == {}
    # only hanzi for hanzi: punctuation width is another stage's job
    assert substitutions("发展,经济", "发展，经济") == {}


def test_page_recipes_are_seeded():
    a = [draw_recipe(random.Random(f"1:learn:{p}")) for p in range(5)]
    b = [draw_recipe(random.Random(f"1:learn:{p}")) for p in range(5)]
    c = [draw_recipe(random.Random(f"2:learn:{p}")) for p in range(5)]
    assert a == b and a != c


def _rules(tmp_path, rows: str):
    rules = tmp_path / "rules"
    rules.mkdir()
    (rules / "visual_similar.tsv").write_text("# h\n间\t问\t0.940\n", encoding="utf-8")
    (rules / "confusions.tsv").write_text("# h\n" + rows, encoding="utf-8")
    return str(rules)


def test_tesseract_rows_are_their_own_evidence_not_a_pair_count(tmp_path):
    rules = _rules(tmp_path, "间\t问\t5\tfaspell_train\n间\t问\t40\ttesseract\n"
                             "己\t已\t7\ttesseract\n")
    (both,) = [c for c in load_confusables(rules).get("间") if c.char == "问"]
    assert (both.count, both.tess, both.sim) == (5, 40, 0.94)
    (tess,) = [c for c in load_confusables(rules).get("己") if c.char == "已"]
    assert (tess.source, tess.count, tess.tess) == ("tesseract", 0, 7)


def test_leaving_out_faspell_rows_keeps_the_same_pair_from_other_sources(tmp_path):
    rules = _rules(tmp_path, "间\t问\t5\tfaspell_train\n间\t问\t40\ttesseract\n")
    (cand,) = load_confusables(rules, exclude_sources=("faspell_train",)).get("间")
    assert (cand.char, cand.count, cand.tess, cand.sim) == ("问", 0, 40, 0.94)


def test_tesseract_count_weight_comes_from_the_weights_file():
    lm = WordLM({"加快": 500, "发展": 800, "我们": 900, "加": 5, "快": 5, "回": 50})
    seen = Confusables({"回": [Candidate("加", "tesseract", 0.0, tess=30)]})
    unseen = Confusables({"回": [Candidate("加", "visual", 0.0)]})
    w = Weights("t", {"bias": -7.0, "gain": 0.5, "tess_count": 1.0}, threshold=0.0)
    assert w.score(Evidence(gain=1.0, tess=30)) > w.score(Evidence(gain=1.0))
    (c,) = Corrector(lm, seen, weights=w).find("我们回快发展")
    assert c.after == "加" and "Tesseract misread it 30x" in c.reason()
    assert Corrector(lm, unseen, weights=w).find("我们回快发展") == []


def test_correct_benchmark_scores_a_given_pairs_file(tmp_path, root, monkeypatch):
    from click.testing import CliRunner

    from ocrfix.cli import main
    monkeypatch.chdir(root)
    held = tmp_path / "held.tsv"
    held.write_text("0\t全市上下要坚持间题导向\t全市上下要坚持问题导向\n"
                    "1\t短\t短长\n", encoding="utf-8")  # a length change is not scored
    res = CliRunner().invoke(main, ["bench", "correct", "--pairs", str(held), "--no-baseline",
                                    "--no-tesseract-pairs", "--context", "off"])
    assert res.exit_code == 0, res.output
    assert "held.tsv: 1 same-length sentence pairs" in res.output
    assert "no Tesseract-learned pairs" in res.output and "held.tsv gold sentences" in res.output
