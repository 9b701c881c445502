"""``clean --explain`` and ``ocrfix diff``: the log as hunks, and two cleanings compared."""

import shutil

from click.testing import CliRunner

from ocrfix import clean_text
from ocrfix.cli import main
from ocrfix.report.explain import explain, hunks
from ocrfix.report.page import Page

PAGE = "## 标题\n\n本报讯(记者 王洋)12月3日,会议召开,各方参加。\n\n张娟娟 摄\n"


def run(*args, input=None):
    return CliRunner().invoke(main, list(args), input=input)


def test_one_rule_on_one_line_is_one_hunk_with_rule_and_reason():
    page = Page.from_doc(clean_text(PAGE))
    text = explain(page)
    punct = [h for h in hunks(page.edits, page.source) if h.head.rule == "fullwidth_punctuation"]
    commas = [h for h in punct if h.head.before == ","]
    assert len(commas) == 1 and len(commas[0].edits) == 2
    assert "fullwidth_punctuation ×2" in text
    assert "\n-(记者 王洋)12月3日,会议召开,各方参加。\n" in text
    assert "\n+(记者 王洋)12月3日，会议召开，各方参加。\n" in text


def test_removed_furniture_hunk_names_its_role():
    text = explain(Page.from_doc(clean_text(PAGE)))
    assert "furniture/photo_credit_alone" in text and "(photo_credit)" in text
    assert "-张娟娟 摄" in text


def test_clean_explain_on_stdin_keeps_stdout_the_clean_text():
    res = run("clean", "-", "--explain", input=PAGE.encode())
    assert res.exit_code == 0
    assert res.stdout == "标题\n\n本报讯（记者 王洋）12月3日，会议召开，各方参加。\n"
    assert "@@" in res.stderr and "fullwidth_punctuation" in res.stderr


def test_clean_explain_and_report_for_files(tmp_path):
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "a.txt").write_text(PAGE, encoding="utf-8")
    res = run("clean", str(tmp_path / "in"), "-o", str(tmp_path / "out"), "--explain",
              "--report", str(tmp_path / "r.html"))
    assert res.exit_code == 0, res.output
    assert "--- " in res.stdout and "strip_markdown" in res.stdout
    assert "会议召开" in (tmp_path / "r.html").read_text("utf-8")


def _clean(tmp_path, name, rules=None):
    args = ["clean", str(tmp_path / "in"), "-o", str(tmp_path / name)]
    res = run(*args, *(["--rules", str(rules)] if rules else []))
    assert res.exit_code == 0, res.output


def test_diff_lists_edits_that_a_disabled_rule_took_away(tmp_path, root):
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "a.txt").write_text(PAGE, encoding="utf-8")
    rules = tmp_path / "rules"
    shutil.copytree(root / "rules", rules)
    with open(rules / "disabled.tsv", "a", encoding="utf-8") as fh:
        fh.write("rule\tphoto_credit_alone\t\t\ttest\n")
    _clean(tmp_path, "old")
    _clean(tmp_path, "new", rules)
    res = run("diff", str(tmp_path / "old"), str(tmp_path / "new"), "--html",
              str(tmp_path / "d.html"))
    assert res.exit_code == 0, res.output
    assert "1 edit(s) disappeared" in res.output
    assert "- furniture/photo_credit_alone" in res.output
    assert "张娟娟 摄" in res.output  # the text change: the credit is back
    assert "photo_credit_alone" in (tmp_path / "d.html").read_text("utf-8")


def test_diff_against_golden_reports_cer_per_page_and_mean(tmp_path, root):
    _ = (tmp_path / "in").mkdir(), shutil.copy(root / "seeds" / "004_0c6182936a4192fd.txt",
                                                tmp_path / "in")
    _clean(tmp_path, "out")
    res = run("diff", str(tmp_path / "out"), str(root / "golden"), "--golden",
              str(root / "golden"))
    assert res.exit_code == 0, res.output
    assert "CER vs golden" in res.output and "1 page(s)" in res.output


def test_diff_of_unrelated_directories_is_a_one_line_error(tmp_path):
    (tmp_path / "a").mkdir(), (tmp_path / "b").mkdir()
    (tmp_path / "a" / "x.txt").write_text("甲", encoding="utf-8")
    (tmp_path / "b" / "y.txt").write_text("乙", encoding="utf-8")
    res = run("diff", str(tmp_path / "a"), str(tmp_path / "b"))
    assert res.exit_code == 2 and res.output.startswith("error:")


def test_diff_html_escapes_page_text(tmp_path):
    (tmp_path / "a").mkdir(), (tmp_path / "b").mkdir()
    (tmp_path / "a" / "p.txt").write_text("正文<script>x=1</script>", encoding="utf-8")
    (tmp_path / "b" / "p.txt").write_text('正文"><img src=x onerror=alert(1)>', encoding="utf-8")
    res = run("diff", str(tmp_path / "a"), str(tmp_path / "b"), "--html",
              str(tmp_path / "d.html"))
    assert res.exit_code == 0, res.output
    html = (tmp_path / "d.html").read_text("utf-8")
    assert "<img" not in html and "<script" not in html
    assert "&lt;script&gt;" in html and "&#34;&gt;" in html


def test_clean_report_never_overwrites_an_input(tmp_path):
    src = tmp_path / "a.txt"
    src.write_text(PAGE, encoding="utf-8")
    res = run("clean", str(src), "-o", str(tmp_path / "out"), "--report", str(src))
    assert res.exit_code == 2 and "is one of the inputs" in res.output
    assert src.read_text("utf-8") == PAGE
