"""CLI behaviour: outputs and logs, stdin, exit codes, one-line errors, no overwrite."""

import json

from click.testing import CliRunner

from ocrfix.cli import main

PAGE = "## 标题在这里\n\n本报讯(记者 王洋)12月3日,会议召开。\n\n张娟娟 摄\n"


def run(*args, input=None):
    return CliRunner().invoke(main, list(args), input=input)


def test_clean_writes_text_and_edit_log_beside_it(tmp_path):
    src = tmp_path / "in" / "page 一.txt"
    src.parent.mkdir()
    src.write_text(PAGE, encoding="utf-8")
    res = run("clean", str(src.parent), "-o", str(tmp_path / "out"))
    assert res.exit_code == 0, res.output
    assert (tmp_path / "out" / "page 一.txt").read_text("utf-8") == \
        "标题在这里\n\n本报讯（记者 王洋）12月3日，会议召开。\n"
    log = json.loads((tmp_path / "out" / "page 一.edits.json").read_text("utf-8"))
    assert any(e["role"] == "photo_credit" for e in log["edits"] if "role" in e)


def test_json_format_carries_articles_and_removed_furniture(tmp_path):
    res = run("clean", "-", "--format", "json", input=PAGE.encode())
    assert res.exit_code == 0
    data = json.loads(res.output)
    assert data["articles"][0]["headline"] == "标题在这里"
    assert data["removed"][0]["text"] == "张娟娟 摄"


def test_md_format_marks_headlines():
    res = run("clean", "-", "--format", "md", input=PAGE.encode())
    assert res.output.startswith("## 标题在这里\n\n")


def test_binary_input_is_a_one_line_error_with_exit_2(tmp_path):
    bad = tmp_path / "x.txt"
    bad.write_bytes(b"\x00\x01\x02binary\x00" * 50)
    res = run("clean", str(bad), "-o", str(tmp_path / "out"))
    assert res.exit_code == 2
    assert "binary" in res.output and "Traceback" not in res.output
    assert not (tmp_path / "out" / "x.txt").exists()


def test_empty_and_undecodable_stdin_exit_2():
    assert run("clean", "-", input=b"").exit_code == 2
    res = run("clean", "-", input=b"\xff\xfe\xfd" * 5 + b"\x81")
    assert res.exit_code == 2 and res.output.startswith("error:")


def test_gb18030_input_is_read(tmp_path):
    p = tmp_path / "gbk.txt"
    p.write_bytes("本报讯(记者 王洋)会议召开,各方参加。\n".encode("gb18030"))
    res = run("clean", str(p), "-o", str(tmp_path / "o"))
    assert res.exit_code == 0
    assert (tmp_path / "o" / "gbk.txt").read_text("utf-8").startswith("本报讯（记者 王洋）")


def test_output_directory_equal_to_input_directory_is_refused(tmp_path):
    (tmp_path / "a.txt").write_text(PAGE, encoding="utf-8")
    res = run("clean", str(tmp_path / "a.txt"), "-o", str(tmp_path))
    assert res.exit_code == 2
    assert (tmp_path / "a.txt").read_text("utf-8") == PAGE


def test_unknown_stage_name_is_a_usage_error():
    res = run("clean", "-", "--skip", "nosuchstage", input=PAGE.encode())
    assert res.exit_code == 2 and "unknown stage" in res.output


def test_skipping_a_stage_changes_what_is_done():
    res = run("clean", "-", "--skip", "furniture", input=PAGE.encode())
    assert "张娟娟 摄" in res.output


def test_stages_lists_the_default_order():
    res = run("stages")
    names = [line.split()[0] for line in res.output.splitlines()]
    assert names == ["read", "normalise", "geometry", "furniture", "running", "fragments",
                     "heal", "orphans", "dedupe", "order", "retouch", "assemble",
                     "correct",
                     "emit"]


def test_check_prints_raw_and_clean_cer_per_page(root, monkeypatch):
    monkeypatch.chdir(root)
    res = run("check")
    assert res.exit_code == 0, res.output
    assert "raw CER" in res.output and "000_7448785c58bfff12" in res.output


def test_bad_rules_file_fails_naming_its_line(tmp_path, root):
    import shutil
    rules = tmp_path / "rules"
    shutil.copytree(root / "rules", rules)
    with open(rules / "furniture.tsv", "a", encoding="utf-8") as fh:
        fh.write("broken\tcaption\tblock\t(unclosed\texample\tcomment\n")
    res = run("clean", "-", "--rules", str(rules), input=PAGE.encode())
    assert res.exit_code == 2 and "furniture.tsv:" in res.output
