"""Issue-level processing: running headers learned across pages, （下转/上接） joins."""

import json
from pathlib import Path

import pytest

from ocrfix import Config, apply_edits
from ocrfix.issue import clean_pages, learn_running_lines, page_facts

ROOT = Path(__file__).resolve().parent.parent


def golden_blocks(stem: str) -> list[str]:
    text = (ROOT / "golden" / f"{stem}.txt").read_text("utf-8")
    return [b.strip() for b in text.split("\n\n") if b.strip()]


G4 = golden_blocks("004_0c6182936a4192fd")
G0 = golden_blocks("000_7448785c58bfff12")
G3 = golden_blocks("003_eeb7694339946df1")
SECTIONS = ["要闻", "要闻", "综合", "经济"]
CUT = 200  # where the continued paragraph is cut: mid-sentence


def header(n: int) -> str:
    # no page rule takes this line (a section name after the page number, no weekday):
    # only what the issue repeats on every page says it is a running head
    return f"晋中日报 2025年3月21日 第{n}版 {SECTIONS[n - 1]}"


FOOTER = "本版编辑 李华 美编 赵敏 校对 孙立"


def make_issue(tmp_path: Path, names=("p1.txt", "p2.txt", "p3.txt", "p4.txt")) -> Path:
    """Four pages; article A (golden 004) starts on page 1 and goes on on page 3."""
    a_head, a_para1 = G4[0], G4[1]
    a_para2 = G4[3]
    pages = [
        [header(1), a_head, a_para1, a_para2[:CUT] + "（下转第3版）", G0[0], G0[1], FOOTER],
        [header(2), G0[3].strip(), G0[4], G0[5], FOOTER],
        [header(3), G3[3].strip(), G3[6], G3[7], a_head, "（上接第1版）" + a_para2[CUT:],
         G4[5], G4[6], FOOTER],
        [header(4), G3[0], G3[1], G3[2], FOOTER],
    ]
    d = tmp_path / "2025-03-21"
    d.mkdir()
    for name, blocks in zip(names, pages):
        (d / name).write_text("\n\n".join(blocks) + "\n", encoding="utf-8")
    return d


def by_name(results):
    return {Path(p).name: d for p, d in results}


def test_running_header_and_footer_are_learned_and_removed_from_every_page(tmp_path):
    d = make_issue(tmp_path)
    docs = by_name(clean_pages(sorted(map(str, d.iterdir())), Config(), issue=True))
    for name, doc in docs.items():
        assert "晋中日报 2025年3月21日" not in doc.text, name
        assert "本版编辑 李华" not in doc.text, name
        removed = [e for e in doc.edits if e.rule == "issue_running_line"]
        assert len(removed) == 2 and all(e.role == "furniture" for e in removed), name
        assert "repeated on 4 of 4 pages" in removed[0].reason


def test_pages_cleaned_alone_keep_the_running_lines(tmp_path):
    d = make_issue(tmp_path)
    docs = by_name(clean_pages(sorted(map(str, d.iterdir())), Config(), issue=False))
    assert "本版编辑 李华" in docs["p2.txt"].text


def test_continued_article_is_whole_on_its_first_page_and_gone_from_the_second(tmp_path):
    d = make_issue(tmp_path)
    docs = by_name(clean_pages(sorted(map(str, d.iterdir())), Config(), issue=True))
    first, cont = docs["p1.txt"], docs["p3.txt"]
    tail = G4[3][CUT:]
    assert G4[3] in first.text  # the cut paragraph is whole again, in one block
    assert tail not in cont.text and G4[0] not in cont.text  # tail and repeated headline
    assert G4[5] in cont.text and G4[6] in cont.text  # the next article stays
    assert first.text.index(G4[3]) < first.text.index(G0[0])  # in place, before article B
    assert "下转" not in first.text and "上接" not in cont.text
    join = [e for e in first.edits if e.rule == "join_continued_article"]
    move = [e for e in cont.edits if e.rule == "move_continuation_to_first_page"]
    assert len(join) == 1 and "page 3" in join[0].reason
    assert len(move) == 1 and move[0].role == "continuation" and "page 1" in move[0].reason


def test_each_page_log_still_replays_to_its_output_after_the_join(tmp_path):
    d = make_issue(tmp_path)
    for path, doc in clean_pages(sorted(map(str, d.iterdir())), Config(), issue=True):
        assert apply_edits(doc.source, doc.edits) == doc.text, path
        assert doc.text.endswith("\n") and not doc.text.endswith("\n\n")


def test_page_order_comes_from_page_number_lines_not_file_names(tmp_path):
    # File names sort the pages wrongly; the header lines say which page is which.
    d = make_issue(tmp_path, names=("d.txt", "c.txt", "b.txt", "a.txt"))
    docs = by_name(clean_pages(sorted(map(str, d.iterdir())), Config(), issue=True))
    assert docs["d.txt"].meta["page"] == 1 and docs["b.txt"].meta["page"] == 3
    assert G4[3] in docs["d.txt"].text


def test_page_facts_read_page_number_and_date_but_not_from_continuation_markers():
    facts = page_facts("（下转第4版）\n\n吕梁日报 2023年2月10日 星期五 第2版\n")
    assert (facts.page, facts.date) == (2, "2023-02-10")


def test_nothing_is_learned_from_fewer_than_three_pages():
    assert learn_running_lines(["晋中日报 第1版\n\n正文甲。", "晋中日报 第2版\n\n正文乙。"]) == []


def test_a_repeated_sentence_is_not_a_running_line():
    pages = [f"第{n}版 要闻\n\n会议要求，各级各部门要抓好落实。" for n in range(1, 5)]
    assert [r["text"] for r in learn_running_lines(pages)] == ["第1版 要闻"]


@pytest.mark.parametrize("bad", [b"\x00\x01binary" * 20])
def test_an_unreadable_page_does_not_stop_its_issue(tmp_path, bad):
    d = make_issue(tmp_path)
    (d / "p5.txt").write_bytes(bad)
    results = by_name(clean_pages(sorted(map(str, d.iterdir())), Config(), issue=True))
    assert isinstance(results["p5.txt"], Exception)
    assert G4[3] in results["p1.txt"].text


def test_running_lines_in_adjacent_blocks_and_inside_a_block_are_all_removed():
    # Two running lines end the page as separate blocks, and a third sits as the last
    # printed line of a block of body lines: their deletions must not collide.
    from ocrfix import Doc
    from ocrfix.stages import running

    learned = learn_running_lines(
        [f"晋中日报 第{n}版 要闻\n\n正文。\n\n本版编辑 李华\n\n校对 孙立" for n in range(1, 5)])
    assert len(learned) == 3
    doc = Doc("第一段正文，写得很长很长。\n晋中日报 第2版 要闻\n\n第二段。\n\n本版编辑 李华\n\n校对 孙立\n",
              meta={"running_lines": learned})
    running.run(doc, Config())
    assert doc.text == "第一段正文，写得很长很长。\n\n第二段。\n"
    assert apply_edits(doc.source, doc.edits) == doc.text


from hypothesis import given, settings, strategies as st  # noqa: E402

BLOCK = st.sampled_from(G4[:8] + G0[:6] + [header(1), header(2), FOOTER, "（上接第1版）",
                                           "（下转第2版）", "（上接第2版）正文续。", ""])
MARK = st.sampled_from(["", "（下转第2版）", "（下转第3版）", "（上接第1版）", "（上接第3版）"])


@settings(max_examples=40, deadline=None, derandomize=True)
@given(st.lists(st.lists(st.tuples(BLOCK, MARK), min_size=1, max_size=8), min_size=1,
                max_size=4))
def test_any_issue_cleans_and_every_page_log_replays(tmp_path_factory, pages):
    d = tmp_path_factory.mktemp("issue")
    for n, blocks in enumerate(pages, 1):
        text = "\n\n".join(b + m for b, m in blocks).strip() or "空"
        (d / f"{n}.txt").write_text(text + "\n", encoding="utf-8")
    for path, doc in clean_pages(sorted(map(str, d.iterdir())), Config(), issue=True):
        if isinstance(doc, Exception):
            assert not isinstance(doc, AssertionError)
            from ocrfix.errors import InputError
            assert isinstance(doc, InputError), (path, doc)
            continue
        assert apply_edits(doc.source, doc.edits) == doc.text
        assert not doc.meta.get("issue_notes"), doc.meta.get("issue_notes")


@pytest.mark.xfail(strict=True, reason=(
    "known miss, found by the property test above: a headline moved by order from the page "
    "end to the page start, with the blank line inserted after it, lies inside the span "
    "the issue join deletes on the continued page; an insertion at the very end of a "
    "deleted source span is not superseded by the deletion, so the log cannot express it. "
    "The join is skipped and noted in meta['issue_notes'] (no crash, no loss)."))
def test_issue_join_over_a_moved_headline_is_made(tmp_path):
    pages = json.loads((Path(__file__).parent / "cases" / "issue_join_known_miss.json")
                       .read_text("utf-8"))
    for n, blocks in enumerate(pages, 1):
        text = "\n\n".join(b + m for b, m in blocks).strip() or "空"
        (tmp_path / f"{n}.txt").write_text(text + "\n", encoding="utf-8")
    for path, doc in clean_pages(sorted(map(str, tmp_path.iterdir())), Config(), issue=True):
        assert apply_edits(doc.source, doc.edits) == doc.text
        assert not doc.meta.get("issue_notes"), doc.meta.get("issue_notes")
