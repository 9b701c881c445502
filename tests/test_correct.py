"""The correct stage: fixes look-alike characters with evidence, and does no harm."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from ocrfix import Config, clean_text
from ocrfix.cli import main
from ocrfix.confusables import load_confusables
from ocrfix.corrector import Corrector
from ocrfix.errors import RulesError
from ocrfix.lm import default_model, get_model, load_model
from ocrfix.lm.wordlm import LMError, build_model
from ocrfix.protect import load_frames, load_protected_terms, page_terms, protected_mask

BROKEN = "全市上下要坚持间题导向，推动各项工作落到实处。"  # 间题 is a misread 问题
FIXED = "全市上下要坚持问题导向，推动各项工作落到实处。"


def _page(*blocks: str) -> str:
    return "\n\n".join(blocks) + "\n"


def correct_edits(doc):
    return [e for e in doc.edits if e.stage == "correct"]


def test_misread_character_in_body_text_is_corrected_with_its_evidence():
    doc = clean_text(_page("会议召开。", BROKEN))
    assert FIXED in doc.text
    (edit,) = correct_edits(doc)
    assert (edit.before, edit.after) == ("间", "问")
    assert edit.rule.startswith("confusion_")
    assert "gain" in edit.reason and "threshold" in edit.reason
    assert 0.5 <= edit.confidence <= 1.0


def test_skipping_the_stage_leaves_the_character():
    doc = clean_text(_page("会议召开。", BROKEN), Config(skip=frozenset({"correct"})))
    assert BROKEN in doc.text and not correct_edits(doc)


@pytest.mark.parametrize("text", [
    "报告《坚持间题导向推动工作》发布。",
    "他说：“坚持间题导向推动工作。”",
])
def test_titles_and_quotations_are_never_edited(text):
    doc = clean_text(_page("会议召开。", text))
    assert text in doc.text


def test_headline_and_byline_blocks_are_not_corrected():
    page = _page("坚持间题导向推动工作", "本报记者 间明", BROKEN)
    doc = clean_text(page)
    assert "坚持间题导向推动工作" in doc.text and "本报记者 间明" in doc.text
    assert FIXED in doc.text


def test_protected_mask_covers_names_digits_titles_and_quotes():
    text = "（记者 王洋）12月3日，《间题》“间题”张三 摄"
    mask = protected_mask(text, frozenset())
    marked = "".join(ch for ch, m in zip(text, mask) if m)
    for kept in ("王洋", "12月3日", "《间题》", "“间题”", "张三"):
        assert kept in marked


def test_protected_terms_include_pycorrector_names_and_rules_file(tmp_path):
    (tmp_path / "protected.txt").write_text("# a user's own names\n吕梁日报\n", encoding="utf-8")
    terms = load_protected_terms(str(tmp_path))
    assert "吕梁日报" in terms  # rules/protected.txt
    assert len(terms) > 1000  # pycorrector person and place lists


def test_golden_pages_as_input_get_almost_no_corrections(root):
    """Do no harm: hand-verified clean pages must come through (almost) untouched."""
    pages = sorted((root / "golden").glob("*.txt"))
    assert pages
    counts = [len(correct_edits(clean_text(p.read_text(encoding="utf-8")))) for p in pages]
    assert max(counts) <= 1 and sum(counts) <= 2, counts


def test_more_caution_never_adds_corrections():
    lm, table = default_model(), load_confusables()
    careful = Corrector(lm, table, scale=2.0)
    normal = Corrector(lm, table)
    text = BROKEN + "各级千部要加大投人力度，大力支待项目建设。"
    got_normal = {(c.pos, c.after) for c in normal.find(text)}
    got_careful = {(c.pos, c.after) for c in careful.find(text)}
    assert got_careful <= got_normal and got_normal


def test_default_model_is_loaded_once():
    assert default_model() is default_model() is get_model(None)
    assert default_model().score("发展经济") > default_model().score("发展经济".replace("展", "腿"))


def test_lm_build_writes_a_model_the_pipeline_can_use(tmp_path):
    corpus = tmp_path / "archive.txt"
    corpus.write_text("要推进疫情防控常态化。\n常态化预警能力建设要加强。\n" * 20, encoding="utf-8")
    model = tmp_path / "archive.lm.tsv.gz"
    res = CliRunner().invoke(main, ["lm", "build", str(corpus), "-o", str(model)])
    assert res.exit_code == 0, res.output
    lm = load_model(model)
    assert lm.score("常态化") > lm.score("常杰化")
    page = _page("会议召开。", "要加强疫情监测和常杰化预警能力建设。")
    doc = clean_text(page, Config(lm_path=str(model)))
    assert "常态化预警" in doc.text


def test_in_domain_counts_raise_a_words_probability(tmp_path):
    corpus = tmp_path / "a.txt"
    corpus.write_text("吕梁警协召开会议。\n" * 50, encoding="utf-8")
    base, own = build_model([]), build_model([corpus])
    assert own.score("吕梁警协") > base.score("吕梁警协")


def test_a_bad_model_file_is_a_one_line_error(tmp_path):
    bad = tmp_path / "bad.lm"
    bad.write_text("not a model\n", encoding="utf-8")
    with pytest.raises(LMError, match="not an ocrfix language model"):
        load_model(bad)
    page = tmp_path / "in.txt"
    page.write_text("正文。\n", encoding="utf-8")
    res = CliRunner().invoke(main, ["clean", str(page), "-o", str(tmp_path / "out"),
                                    "--lm", str(bad)])
    assert res.exit_code == 2
    assert res.output.strip().startswith("error:") and "Traceback" not in res.output
    assert not (tmp_path / "out").exists()


def test_broken_confusions_row_fails_naming_file_and_line(tmp_path, root):
    rules = tmp_path / "rules"
    shutil.copytree(root / "rules", rules)
    (rules / "confusions.tsv").write_text("# header\n人入\t3\n", encoding="utf-8")
    with pytest.raises(RulesError, match=r"confusions.tsv:2"):
        load_confusables(str(rules))


def test_a_kenlm_word_model_sees_context_across_words():
    pytest.importorskip("kenlm")
    from ocrfix.lm.kenlm_model import libime_model_path
    path = libime_model_path()
    if path is None:
        pytest.skip("Debian libime-data-language-model is not installed")
    lm = load_model(path)
    assert lm.score("入河排污口") > lm.score("人河排污口")  # unigram pieces alike; context differs
    assert lm.segment("常态化预警") == ["常态化", "预警"]
    doc = clean_text(_page("会议召开。", BROKEN), Config(lm_path=str(path)))
    assert FIXED in doc.text


def test_two_stray_neighbours_are_left_alone_when_either_could_be_wrong():
    """常杰化: 杰→态 and 化→作 both mend the window; changing 化 would add a second error."""
    doc = clean_text(_page("会议召开。", "要加强疫情监测和常杰化预警能力建设。"))
    assert "杰作" not in doc.text


def test_names_framed_by_an_office_or_a_reporting_verb_are_protected():
    text = "市委书记常书铭指出，要加强建设。"
    mask = protected_mask(text, frozenset())
    assert all(mask[text.index("常书铭") + k] for k in range(3))
    assert not mask[text.index("建设")]


def test_lm_build_without_corpus_or_base_is_a_clear_error(tmp_path):
    res = CliRunner().invoke(main, ["lm", "build", "--no-base", "-o", str(tmp_path / "m.tsv")])
    assert res.exit_code == 2 and "error:" in res.output
    assert not (tmp_path / "m.tsv").exists()


def test_correct_benchmark_skips_cleanly_without_faspell(tmp_path, root, monkeypatch):
    from ocrfix.bench.correct import evaluate
    monkeypatch.chdir(root)
    res = CliRunner().invoke(main, ["bench", "correct", "--data", str(tmp_path)])
    assert res.exit_code == 0, res.output
    assert "skipped: FASPell file" in res.output and "golden pages:" in res.output
    # the scorer itself: one fixed error of two, nothing broken
    s = evaluate(lambda t: t.replace("间", "问"), [("间题和千部", "问题和干部")])
    assert (s.cor_tp, s.pred, s.gold, s.sent_cor_ok) == (1, 1, 2, 0)


class _FixedContext:
    """A stand-in context model that likes one string (and nothing else)."""

    name = "fixed"

    def __init__(self, liked: str) -> None:
        self.liked = liked

    def score(self, text: str) -> float:
        return 10.0 if self.liked in text else 0.0

    def compare(self, left, candidates, right):
        return [self.score(left + c + right) for c in candidates]


def test_weighted_decision_follows_the_context_model():
    from ocrfix.confusables import Candidate, Confusables
    from ocrfix.evidence import Weights
    from ocrfix.lm import WordLM
    lm = WordLM({"加快": 500, "发展": 800, "我们": 900, "加": 5, "快": 5, "回": 50})
    table = Confusables({"回": [Candidate("加", "visual", 0.0, sim=0.9)]})
    w = Weights("t", {"bias": -5.0, "ctx_gain": 1.0}, threshold=0.0)
    agree = Corrector(lm, table, context=_FixedContext("加快"), weights=w)
    disagree = Corrector(lm, table, context=_FixedContext("回快"), weights=w)
    (c,) = agree.find("我们回快发展")
    assert c.after == "加" and "context-model gain +10.00" in c.reason()
    assert disagree.find("我们回快发展") == []


def test_candidates_keep_the_evidence_of_every_source(tmp_path):
    rules = tmp_path / "rules"
    rules.mkdir()
    (rules / "visual_similar.tsv").write_text("# h\n间\t问\t0.940\n", encoding="utf-8")
    (rules / "confusions.tsv").write_text("# h\n间\t问\t5\tmine\n", encoding="utf-8")
    (cand,) = [c for c in load_confusables(str(rules)).get("间") if c.char == "问"]
    assert (cand.source, cand.count, cand.sim) == ("learned", 5, 0.94)


def test_a_broken_weights_row_fails_naming_file_and_line(tmp_path):
    from ocrfix.evidence import load_weights
    (tmp_path / "correct_weights.tsv").write_text("# h\nword+context\tgain\tlots\n",
                                                  encoding="utf-8")
    with pytest.raises(RulesError, match=r"correct_weights.tsv:2"):
        load_weights("word+context", str(tmp_path))
    (tmp_path / "correct_weights.tsv").write_text("word\tcolour\t1\n", encoding="utf-8")
    with pytest.raises(RulesError, match="unknown feature 'colour'"):
        load_weights("word", str(tmp_path))


def test_shipped_weights_exist_for_the_context_profile_only():
    from ocrfix.evidence import load_weights
    ctx = load_weights("word+context")
    assert ctx is not None and ctx.w["pair_count"] > 0 and ctx.w["ctx_gain_pos"] > 0
    assert load_weights("word") is None  # the word model alone keeps per-source thresholds


def test_without_a_context_model_the_threshold_rule_decides():
    from ocrfix.lm import correction_models
    lm, ctx = correction_models(None, None)
    assert ctx is None
    corr = Corrector(lm, load_confusables())
    assert corr.weights is None
    assert [(c.before, c.after) for c in corr.find(BROKEN)] == [("间", "问")]


def test_a_kenlm_file_as_lm_becomes_the_context_model():
    pytest.importorskip("kenlm")
    from ocrfix.lm import correction_models
    from ocrfix.lm.kenlm_model import libime_model_path
    path = libime_model_path()
    if path is None:
        pytest.skip("Debian libime-data-language-model is not installed")
    lm, ctx = correction_models(str(path), None)
    assert lm is default_model() and ctx is get_model(str(path))
    corr = Corrector(lm, load_confusables(), context=ctx)
    assert corr.weights is not None and corr.weights.profile == "word+context"
    # names, numbers and titles stay, the misread character goes
    text = "市委书记常书铭指出，12月3日《间题导向》发布，" + BROKEN
    got = "".join(text[i] if i not in {c.pos for c in corr.find(text, protected_mask(
        text, load_protected_terms()))} else "?" for i in range(len(text)))
    kept = "市委书记常书铭指出，12月3日《间题导向》发布，"
    assert got.startswith(kept) and got.count("?") == 1


def test_pycorrector_baseline_is_skipped_with_a_reason_without_torch(monkeypatch):
    import importlib.util

    from ocrfix.bench.correct import pycorrector_system
    real = importlib.util.find_spec
    monkeypatch.setattr(importlib.util, "find_spec",
                        lambda name, *a: None if name == "torch" else real(name, *a))
    fn, why, _ = pycorrector_system("/nonexistent.lm")
    assert fn is None and "torch is not installed" in why


def _two_error_setup(follow: float):
    """A strong error (回快 for 加快, gain ~8.9) and a weak one (径济 for 经济, gain ~6.5);
    the bar (bias -7.5) lets only the strong one through on its own."""
    from ocrfix.confusables import Candidate, Confusables
    from ocrfix.evidence import Weights
    from ocrfix.lm import WordLM

    lm = WordLM({"加快": 500, "发展": 800, "我们": 900, "加": 5, "快": 5, "回": 50,
                 "经济": 600, "经": 30, "径": 600, "济": 5})
    table = Confusables({"回": [Candidate("加", "visual", 0.0)],
                         "径": [Candidate("经", "visual", 0.0)]})
    w = Weights("demo", {"bias": -7.5, "gain": 1.0}, threshold=0.0, follow=follow)
    return Corrector(lm, table, weights=w)


def test_a_sentence_already_corrected_gets_a_lower_bar_for_its_other_errors():
    text = "我们回快，径济发展"
    assert [c.after for c in _two_error_setup(0.0).find(text)] == ["加"]
    assert [c.after for c in _two_error_setup(2.0).find(text)] == ["加", "经"]


def test_the_lower_bar_does_not_reach_uncorrected_sentences():
    corr = _two_error_setup(2.0)
    assert corr.find("径济发展") == []  # no confident edit: the weak one stays
    assert [c.after for c in corr.find("我们回快。径济发展")] == ["加"]  # other sentence


def test_follow_relief_is_read_from_the_weights_file(tmp_path):
    from ocrfix.evidence import load_weights
    (tmp_path / "correct_weights.tsv").write_text(
        "demo\tthreshold\t1.0\ndemo\tfollow\t2.5\ndemo\tbias\t-3\n", encoding="utf-8")
    assert load_weights("demo", str(tmp_path)).follow == 2.5


def test_a_follow_up_correction_says_its_bar_was_lowered():
    first, second = _two_error_setup(2.0).find("我们回快，径济发展")
    assert "lowered" not in first.reason()
    assert "lowered" in second.reason() and second.threshold < first.threshold


def test_a_name_the_page_introduces_with_an_office_is_protected_where_it_recurs_bare():
    page = _page("会议召开。", "市委副书记、市长常书铭出席会议并讲话。",
                 "常书铭代表市委、市政府对陈辉一行的到来表示欢迎。")
    doc = clean_text(page)
    assert "常书铭代表市委" in doc.text
    assert "常书铭" in page_terms(page)


def test_place_names_in_an_administrative_chain_are_protected():
    text = "近日，交城县夏家营镇大辛村加强与种业公司的合作。"
    mask = protected_mask(text, frozenset())
    for name in ("夏家营镇", "大辛村"):
        assert all(mask[text.index(name) + k] for k in range(len(name)))
    assert not mask[text.index("合作")]
    assert "夏家营镇" in clean_text(_page("会议召开。", text)).text


def test_both_ends_of_a_slot_frame_are_protected_but_not_the_slot():
    text = "加强官方兽医管理，严把查证验物关。"
    mask = protected_mask(text, frozenset())
    assert mask[text.index("关")] and mask[text.index("严")] and mask[text.index("把")]
    assert not mask[text.index("证")]
    assert text in clean_text(_page("会议召开。", text)).text


def test_frames_are_read_from_the_rules_folder(tmp_path):
    (tmp_path / "frames.tsv").write_text("# open\tclose\tgap\n筑牢\t墙\t4\n", encoding="utf-8")
    (rx,) = load_frames(str(tmp_path))
    assert rx.search("筑牢防火墙") and not rx.search("筑牢了一道很长很长的墙")


def test_a_pair_the_page_prints_in_three_sentences_is_protected_on_the_page():
    page = ("全国人民同心抗疫，取得重大成果。我国抗疫斗争取得重大胜利。"
            "要倍加珍惜抗疫斗争的重要成果，讲好中国抗疫故事。")
    assert "抗疫" in page_terms(page)
    assert "抗疫" not in page_terms("我国抗疫斗争取得重大胜利。讲好中国抗疫故事。")
    doc = clean_text(_page("会议召开。", page))
    assert "讲好中国抗疫故事" in doc.text


REAL_WORD = "他每天晚上都准时收看这个电视节日。"  # 节日 is a word, but 收看…节目 is meant


def _rules_without(tmp_path, root, file: str, drop) -> str:
    """A copy of rules/ with the lines of ``file`` for which ``drop(line)`` is true removed."""
    rules = tmp_path / "rules"
    shutil.copytree(root / "rules", rules)
    path = rules / file
    keep = [ln for ln in path.read_text(encoding="utf-8").splitlines() if not drop(ln)]
    path.write_text("\n".join(keep) + "\n", encoding="utf-8")
    return str(rules)


def test_a_misreading_that_makes_another_word_is_fixed_with_a_learned_pair():
    doc = clean_text(_page("会议召开。", REAL_WORD))
    assert "电视节目" in doc.text
    (edit,) = correct_edits(doc)
    assert "inside a dictionary word" in edit.reason


def test_real_word_errors_are_not_tried_without_the_inside_row(tmp_path, root):
    rules = _rules_without(tmp_path, root, "correct_weights.tsv",
                           lambda ln: ln.split("\t")[1:2] == ["inside"])
    doc = clean_text(_page("会议召开。", REAL_WORD), Config(rules_dir=rules))
    assert REAL_WORD in doc.text


def test_real_word_candidates_come_from_learned_pairs_only(tmp_path, root):
    # 日/目 stays a glyph look-alike (rules/visual_similar.tsv), but no longer a learned pair
    rules = _rules_without(tmp_path, root, "confusions.tsv",
                           lambda ln: ln.startswith("日\t目\t"))
    doc = clean_text(_page("会议召开。", REAL_WORD), Config(rules_dir=rules))
    assert REAL_WORD in doc.text
