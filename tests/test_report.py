"""HTML report: every edit shown and listed, hostile text escaped, self-contained, small."""

import json
import re
from html.parser import HTMLParser

import pytest

from ocrfix import clean_text
from ocrfix.pipeline import clean_file
from ocrfix.report.align import align
from ocrfix.report.html import render_report
from ocrfix.report.page import Page, load_log
from ocrfix.stages.emit import edit_log

HOSTILE = (
    "## 标题<script>window.__pwned=1;document.title='pwned'</script>\n\n"
    "本报讯(记者 王洋)正文,\"><img src=x onerror=\"window.__pwned=2\">继续。</style>"
    "<style>body{display:none}</style>结束</textarea></script><!--。\n\n"
    "图为<b onmouseover=alert(1)>会场</b>。\n\n张娟娟 摄\n"
)


class _Tags(HTMLParser):
    """Collects start tags and their attributes."""

    def __init__(self):
        super().__init__()
        self.tags: list[tuple[str, dict]] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))


def _tags(html: str) -> list[tuple[str, dict]]:
    p = _Tags()
    p.feed(html)
    return p.tags


@pytest.fixture(scope="module")
def seed_pages(seed_paths):
    return [Page.from_doc(clean_file(str(p))) for p in seed_paths]


@pytest.fixture(scope="module")
def seeds_html(seed_pages):
    return render_report(seed_pages)


def test_every_edit_is_shown_in_a_cell_or_as_a_marker(seed_pages):
    for page in seed_pages:
        view = align(page)
        shown = {t[1] for r in view.rows for t in r.left + r.right if t[0] == "o"}
        shown |= {i for r in view.rows for i in r.chips}
        assert shown == set(range(len(page.edits))), page.name


def test_output_cells_hold_the_clean_blocks_in_order(seed_pages):
    page = seed_pages[0]
    view = align(page)
    blocks = page.doc().blocks()
    plain = ["".join(t[1] for t in r.right if t[0] == "t") for r in view.rows
             if r.kind == "block"]
    assert len(plain) == len(blocks)
    for text, b in zip(plain, blocks):  # edits show whitespace visibly; compare the rest
        assert re.sub(r"[\s␣↵⇥]", "", text) == re.sub(r"\s", "", b.text)


def test_removed_furniture_is_a_struck_row_in_the_input_column(seed_pages):
    page = seed_pages[0]
    removed = [r for r in align(page).rows if r.kind == "removed"]
    assert {r.role for r in removed} >= {"banner", "caption", "photo_credit"}
    for r in removed:
        assert not r.right
        assert any(t[0] == "o" and t[2] == "del" for t in r.left), r


def test_every_edit_is_listed_once_with_stage_rule_and_reason(seeds_html, seed_pages):
    rows = [a for tag, a in _tags(seeds_html) if tag == "tr" and "edit" in a.get("class", "")]
    assert len(rows) == sum(len(p.edits) for p in seed_pages)
    first = seed_pages[0].edits[0]
    assert first.reason in seeds_html and first.rule in seeds_html


def test_low_confidence_edits_are_listed_first_and_flagged(seed_pages):
    html = render_report(seed_pages[:1], low=0.85)
    order = [int(a["data-e"]) for tag, a in _tags(html)
             if tag == "tr" and "edit" in a.get("class", "")]
    conf = [seed_pages[0].edits[i].confidence for i in order]
    n_low = sum(c < 0.85 for c in conf)
    assert n_low and all(c < 0.85 for c in conf[:n_low])
    assert html.count('<span class="flag">review</span>') == n_low


def test_articles_link_to_their_headline_rows(seed_pages):
    html = render_report(seed_pages[:1])
    ids = {a["id"] for _, a in _tags(html) if "id" in a}
    links = [a["href"] for tag, a in _tags(html) if tag == "a" and "-r" in a.get("href", "")]
    assert links and all(h[1:] in ids for h in links)
    assert "补好智能制造短板弱项" in html  # a headline of seed 000 in its articles list


def test_report_for_all_seeds_is_under_2_mb_and_requests_nothing(seeds_html):
    assert len(seeds_html.encode("utf-8")) < 2_000_000
    for tag, attrs in _tags(seeds_html):
        for key in ("src", "href", "action", "srcset", "data"):
            if key in attrs:
                assert attrs[key].startswith("#"), (tag, attrs)
        assert tag not in ("link", "iframe", "object", "embed", "img", "base")
    assert not re.search(r"url\(|@import", seeds_html)
    assert "default-src 'none'" in seeds_html


def test_hostile_page_text_is_escaped(tmp_path):
    html = render_report([Page.from_doc(clean_text(HOSTILE, name="evil.txt"))])
    tags = [t for t, _ in _tags(html)]
    assert tags.count("script") == 2 and tags.count("style") == 1
    assert "img" not in tags
    assert "onerror" not in str(_tags(html)) and "onmouseover" not in str(_tags(html))
    assert "&lt;script&gt;window.__pwned=1" in html
    data = re.search(r'<script type="application/json" id="report-data">(.*?)</script>',
                     html, re.S).group(1)
    assert "<" not in data and json.loads(data)["pages"][0]["name"] == "evil"


def test_report_from_log_file_equals_report_from_doc(tmp_path, seed_paths):
    doc = clean_file(str(seed_paths[1]))
    log = tmp_path / "p.edits.json"
    log.write_text(edit_log(doc), encoding="utf-8")
    assert render_report([load_log(log)]) == render_report([Page.from_doc(doc)])


def test_old_log_without_source_text_is_completed_from_its_source(tmp_path, seed_paths):
    doc = clean_file(str(seed_paths[4]))
    data = json.loads(edit_log(doc))
    del data["source_text"]
    log = tmp_path / "old.edits.json"
    log.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    assert load_log(log).text == doc.text


@pytest.mark.parametrize("bad", [
    "{not json",
    '{"edits": [{"stage": "s"}], "source_text": "x"}',
    '{"edits": [{"stage": "s", "rule": "r", "start": "0", "end": 1, "before": "x",'
    ' "after": "y", "confidence": 1, "reason": "r"}], "source_text": "x"}',
    '{"edits": [{"stage": "s", "rule": "r", "start": 0, "end": 9, "before": "x",'
    ' "after": "y", "confidence": 1, "reason": "r"}], "source_text": "x"}',
])
def test_broken_edit_log_is_a_one_line_error_and_writes_nothing(tmp_path, bad):
    from click.testing import CliRunner

    from ocrfix.cli import main

    log = tmp_path / "p.edits.json"
    log.write_text(bad, encoding="utf-8")
    res = CliRunner().invoke(main, ["report", str(log), "-o", str(tmp_path / "r.html")])
    assert res.exit_code == 2 and res.output.startswith("error:"), res.output
    assert "Traceback" not in res.output and not (tmp_path / "r.html").exists()


def test_json_report_carries_the_same_edits_and_counts_as_the_html(tmp_path, seed_paths):
    from click.testing import CliRunner

    from ocrfix.cli import main

    runner = CliRunner()
    assert runner.invoke(main, ["clean", str(seed_paths[0]), "-o", str(tmp_path)]).exit_code == 0
    log = str(tmp_path / f"{seed_paths[0].stem}.edits.json")
    for out in ("r.json", "r.html"):
        res = runner.invoke(main, ["report", log, "-o", str(tmp_path / out)])
        assert res.exit_code == 0, res.output
    data = json.loads((tmp_path / "r.json").read_text("utf-8"))
    html = (tmp_path / "r.html").read_text("utf-8")
    page = load_log(log)
    assert [e["rule"] for e in data["pages"][0]["edits"]] == [e.rule for e in page.edits]
    assert data["low_total"] == sum(e.confidence < 0.85 for e in page.edits)
    assert html.count('<span class="flag">review</span>') == data["low_total"]
    assert all(f'id="p0-{e["row"]}"' in html for e in data["pages"][0]["edits"])
