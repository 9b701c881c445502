"""Review loop: marks → rules/ entries → the next run does not repeat the marked edit."""

import json
import shutil

import pytest
from click.testing import CliRunner

from ocrfix import Config, clean_text
from ocrfix.cli import main
from ocrfix.errors import RulesError
from ocrfix.report.learn import protect_texts
from ocrfix.report.page import Page
from ocrfix.rules import load_rules

# "要闻" stands alone as a body line here (it is in rules/banners.txt) and is removed as
# a banner; a reviewer also marks the full-width conversion of the second comma wrong.
PAGE = "标题一\n\n本报讯(记者 王洋)会议召开,各方参加,共2,000人。\n\n要闻\n\n正文继续,完。\n"


@pytest.fixture
def rules_dir(tmp_path, root):
    d = tmp_path / "rules"
    shutil.copytree(root / "rules", d)
    yield d
    load_rules.cache_clear()


def _marks(page: Page, picks: dict[int, str]) -> dict:
    protect = protect_texts(page)
    return {"ocrfix_marks": 1, "marks": [
        {"page": page.name, "edit": i, "stage": page.edits[i].stage,
         "rule": page.edits[i].rule, "before": page.edits[i].before,
         "after": page.edits[i].after, "action": action, "protect": protect[i]}
        for i, action in picks.items()]}


def _find(page: Page, rule: str, before: str, nth: int = 0) -> int:
    return [i for i, e in enumerate(page.edits) if e.rule == rule and e.before.strip() == before
            ][nth]


def _learn(tmp_path, rules_dir, marks) -> str:
    path = tmp_path / "marks.json"
    path.write_text(json.dumps(marks, ensure_ascii=False), encoding="utf-8")
    res = CliRunner().invoke(main, ["rules", "learn", str(path), "--rules", str(rules_dir)])
    assert res.exit_code == 0, res.output
    return res.output


def test_protected_banner_and_comma_are_not_changed_next_run(tmp_path, rules_dir):
    cfg = Config(rules_dir=str(rules_dir))
    page = Page.from_doc(clean_text(PAGE, cfg))
    assert "要闻" not in page.text and "各方参加，共" in page.text
    banner = _find(page, "banner_list", "要闻")
    comma = _find(page, "fullwidth_punctuation", ",", 1)
    out = _learn(tmp_path, rules_dir, _marks(page, {banner: "protect", comma: "protect"}))
    assert "2 new entries" in out
    again = clean_text(PAGE, cfg)
    assert "要闻" in again.text and "各方参加,共2,000人" in again.text
    assert "会议召开，各方" in again.text and "继续，完" in again.text  # others still fixed
    # retouch tries the comma again on the assembled paragraph: still one change held back
    assert len({(e.before, e.after, e.rule) for e in again.vetoed}) == 2


def test_learning_the_same_marks_twice_adds_nothing(tmp_path, rules_dir):
    page = Page.from_doc(clean_text(PAGE, Config(rules_dir=str(rules_dir))))
    marks = _marks(page, {_find(page, "banner_list", "要闻"): "protect"})
    _learn(tmp_path, rules_dir, marks)
    before = (rules_dir / "protected.txt").read_text("utf-8")
    assert "0 new entries" in _learn(tmp_path, rules_dir, marks)
    assert (rules_dir / "protected.txt").read_text("utf-8") == before


def test_disabled_pair_stops_that_change_everywhere(tmp_path, rules_dir):
    cfg = Config(rules_dir=str(rules_dir))
    page = Page.from_doc(clean_text(PAGE, cfg))
    paren = _find(page, "fullwidth_punctuation", "(")
    _learn(tmp_path, rules_dir, _marks(page, {paren: "pair"}))
    assert "pair\tfullwidth_punctuation\t(\t（" in (rules_dir / "disabled.tsv").read_text()
    again = clean_text(PAGE, cfg).text
    assert "本报讯(记者 王洋）" in again


def test_disabled_rule_joins_config_disabled_rules(tmp_path, rules_dir):
    cfg = Config(rules_dir=str(rules_dir))
    page = Page.from_doc(clean_text(PAGE, cfg))
    _learn(tmp_path, rules_dir, _marks(page, {_find(page, "banner_list", "要闻"): "rule"}))
    assert "banner_list" in cfg.effective().disabled_rules
    assert "banner_list" not in Config().effective().disabled_rules
    assert not any(e.rule == "banner_list" for e in clean_text(PAGE, cfg).edits)


def test_a_join_marked_wrong_is_not_made_again(tmp_path, rules_dir):
    text = "刘晋萍强调,各级各部门要抓好监\n\n测统计,确保数据准确有效。\n"
    cfg = Config(rules_dir=str(rules_dir))
    page = Page.from_doc(clean_text(text, cfg))
    join = next(i for i, e in enumerate(page.edits) if e.rule == "join_broken_paragraph")
    _learn(tmp_path, rules_dir, _marks(page, {join: "protect"}))
    assert "监\n\n测" in clean_text(text, cfg).text


def test_bad_disabled_row_fails_at_load_naming_file_and_line(rules_dir):
    with open(rules_dir / "disabled.tsv", "a", encoding="utf-8") as fh:
        fh.write("maybe\tfullwidth_punctuation\n")
    with pytest.raises(RulesError, match=r"disabled.tsv:\d+: kind must be rule or pair"):
        load_rules(str(rules_dir), None)


def test_marks_file_that_is_not_json_is_a_one_line_error(tmp_path, rules_dir):
    bad = tmp_path / "m.json"
    bad.write_text("{not json", encoding="utf-8")
    res = CliRunner().invoke(main, ["rules", "learn", str(bad), "--rules", str(rules_dir)])
    assert res.exit_code == 2 and res.output.startswith("error:")
    assert "Traceback" not in res.output


def test_a_lone_character_is_never_protected_everywhere(tmp_path, rules_dir):
    marks = {"marks": [{"page": "p", "edit": 0, "stage": "normalise",
                        "rule": "fullwidth_punctuation", "before": ",", "after": "，",
                        "action": "protect", "protect": ""}]}
    out = _learn(tmp_path, rules_dir, marks)
    assert "skipped" in out and "0 new entries" in out
    assert load_rules(str(rules_dir), None).protected == ()


def test_protected_context_is_found_where_the_stage_saw_the_edit(seed_paths):
    """The windowed replay (report/seen.py) must agree with replaying the whole log."""
    from ocrfix.edits import render
    from ocrfix.pipeline import clean_file
    from ocrfix.report.seen import Seen

    for path in seed_paths[:2]:
        page = Page.from_doc(clean_file(str(path)))
        seen, full_texts = Seen(page), {}
        for i, e in enumerate(page.edits):
            if e.dest is not None:
                continue
            text, first = seen.view(i, e.start, e.end)
            k = seen.locate(i, text, first)
            j = seen.run[i]
            if j not in full_texts:
                full_texts[j] = render(page.source, page.edits[:j]).text
            full = full_texts[j]
            piece = text[max(0, k - 5):k + len(e.before) + 5]
            assert k is not None and piece in full, (path.name, i, e)
