"""The page-defect simulator and the layout scorer (``ocrfix bench layout``).

The scorer is tested against outputs whose correctness is known by construction: the
truth itself (everything fixed), the untouched page (nothing fixed), and edit logs built
from the simulator's own defect records and replayed by the real ``render``.
"""

from __future__ import annotations

import json
import re
import statistics
from dataclasses import replace

import pytest

from ocrfix.bench.layout import PageScore, edit_class, score_page
from ocrfix.check import cer
from ocrfix.edits import Edit, render
from ocrfix.pipeline import clean_text
from ocrfix.simulate import CLASSES, HALFWIDTH, SimConfig, SimPage, simulate_page, simulate_pages

SEEDS = range(12)


def _pages(config: SimConfig, seeds=SEEDS) -> list[SimPage]:
    return [simulate_page(s, config) for s in seeds]


def _identity(page: SimPage) -> tuple[str, list[tuple[int, int]]]:
    return page.text, [(i, i + 1) for i in range(len(page.text))]


def _perfect(page: SimPage) -> tuple[str, list[tuple[int, int]]]:
    """The truth as output, each character traced to a source character that reads it
    (the original rather than a duplicate's copy); truth separators count as inserted."""
    where: dict[int, int] = {}
    for i, k in enumerate(page.tmap):
        if k >= 0 and (k not in where or page.tags[where[k]].startswith("duplicate")):
            where[k] = i
    origins = [(where[k], where[k] + 1) if k in where else (0, 0)
               for k in range(len(page.truth))]
    return page.truth, origins


def _sum(scores: list[PageScore], name: str) -> dict[str, int]:
    out: dict[str, int] = {}
    for sc in scores:
        for k, v in getattr(sc, name).items():
            out[k] = out.get(k, 0) + v
    return out


def test_same_seed_gives_identical_page():
    a, b = simulate_page(5, SimConfig()), simulate_page(5, SimConfig())
    assert (a.text, a.truth, a.tmap, a.tags, a.defects) == (b.text, b.truth, b.tmap, b.tags,
                                                           b.defects)
    assert simulate_page(6, SimConfig()).text != a.text


@pytest.mark.parametrize("config", [SimConfig()] + [SimConfig.only(c) for c in CLASSES],
                         ids=["default"] + list(CLASSES))
def test_char_map_is_exact(config):
    for page in _pages(config, range(6)):
        assert len(page.tmap) == len(page.tags) == len(page.text)
        for i, k in enumerate(page.tmap):
            if k < 0:
                continue
            if page.tags[i] == "halfwidth":
                assert HALFWIDTH[page.truth[k]] == page.text[i]
            elif page.tags[i] == "duplicate_error":
                assert page.text[i] != page.truth[k]
            else:
                assert page.text[i] == page.truth[k], (page.seed, i)


def test_every_truth_character_is_in_the_text_except_separators():
    for page in _pages(SimConfig()):
        present = {k for k in page.tmap if k >= 0}
        missing = [k for k in range(len(page.truth)) if k not in present]
        assert all(page.truth[k].isspace() for k in missing)


def test_truth_is_in_golden_format():
    for page in _pages(SimConfig()):
        assert page.truth.endswith("\n") and not page.truth.endswith("\n\n")
        assert "\n\n\n\n" not in page.truth
        assert page.truth.count("\n\n\n") >= 1  # at least two articles


def test_page_without_defects_cleans_to_its_truth():
    for page in _pages(SimConfig.none(), range(6)):
        assert page.defects == []
        assert cer(clean_text(page.text).text, page.truth) < 0.01


@pytest.mark.parametrize("cls", CLASSES)
def test_each_class_alone_injects_defects_with_valid_spans(cls):
    pages = _pages(SimConfig.only(cls))
    # a pasted line shows only through the layout, so interleave keeps the default
    # layout mix (printed lines and stray spaces are wrap defects)
    medium = {"wrap"} if cls == "interleave" else set()
    defects = [(p, d) for p in pages for d in p.defects if d.cls not in medium]
    assert defects and {d.cls for _, d in defects} == {cls}
    for page, d in defects:
        assert 0 <= d.start <= d.end <= len(page.text)
        if cls in ("column_break", "wrap"):
            k = d.extra["truth_left"]
            right = d.extra["truth_right"]
            assert right == k + 1 or page.truth[k + 1:right].isspace()
            assert page.tmap[d.start - 1] == k and page.tmap[d.end] == d.extra["truth_right"]
        elif cls == "furniture":
            assert d.end > d.start and all(page.tmap[j] < 0 for j in range(d.start, d.end))
        elif cls == "halfwidth":
            assert d.end == d.start + 1 and page.tmap[d.start] == d.extra["truth"]
        else:
            ks = [page.tmap[j] for j in range(d.start, d.end) if page.tmap[j] >= 0]
            assert ks[0] == d.extra["truth_start"] and ks[-1] == d.extra["truth_end"] - 1


def test_column_break_cuts_mid_word_not_at_a_sentence_end():
    for page in _pages(SimConfig.only("column_break")):
        for d in page.defects:
            left, right = page.truth[d.extra["truth_left"]], page.truth[d.extra["truth_right"]]
            assert "\u4e00" <= left <= "\u9fff" and "\u4e00" <= right <= "\u9fff"
            assert "\n\n" in page.text[d.start:d.end]


def test_scorer_recall_is_one_for_the_truth_and_zero_for_the_raw_page():
    pages = _pages(SimConfig(), range(20))
    fixed = [score_page(p, *_perfect(p), []) for p in pages]
    raw = [score_page(p, *_identity(p), []) for p in pages]
    instances = _sum(fixed, "instances")
    assert set(instances) == set(CLASSES)  # the default mix holds every class
    assert _sum(fixed, "fixed") == instances
    assert _sum(raw, "fixed") == {}
    assert all(sc.clean_cer == 0 for sc in fixed)


def _replay(page: SimPage, edits: list[Edit]) -> PageScore:
    text, origins = render(page.text, edits)
    return score_page(page, text, origins, edits)


def test_scorer_credits_correct_joins_and_blames_a_wrong_one():
    for page in _pages(SimConfig.only("column_break"), range(6)):
        joins = [Edit("heal", "join_broken_paragraph", d.start, d.end,
                      page.text[d.start:d.end], "", 0.9, "test") for d in page.defects]
        sc = _replay(page, joins)
        n = len(page.defects)
        assert sc.fixed["column_break"] == n
        assert sc.claims["column_break"] == n == sc.tp["column_break"]
        # joining the first two paragraphs that truth keeps apart is a false positive
        gap = end = page.text.index("\n\n")
        while page.text[end].isspace():
            end += 1
        wrong = Edit("heal", "join_broken_paragraph", gap, end, page.text[gap:end], "", 0.9,
                     "test")
        if all(not (d.start <= gap < d.end) for d in page.defects):
            sc = _replay(page, joins + [wrong])
            assert sc.claims["column_break"] == n + 1 and sc.tp["column_break"] == n


def test_scorer_credits_punctuation_and_furniture_fixes():
    for page in _pages(SimConfig.only("halfwidth"), range(4)):
        edits = [Edit("normalise", "fullwidth_punctuation", d.start, d.end,
                      page.text[d.start], page.truth[d.extra["truth"]], 1.0, "test")
                 for d in page.defects]
        sc = _replay(page, edits)
        assert sc.fixed["halfwidth"] == sc.instances["halfwidth"] == sc.tp["halfwidth"] > 0
    for page in _pages(SimConfig.only("furniture"), range(4)):
        edits = []
        for d in sorted(page.defects, key=lambda d: d.start):
            end = d.end
            while end < len(page.text) - 1 and page.text[end] == "\n":
                end += 1
            if edits and edits[-1].end > d.start:
                continue  # a block already taken with a neighbour
            edits.append(Edit("furniture", "test_rule", d.start, end, page.text[d.start:end],
                              "", 0.9, "test", role="furniture"))
        sc = _replay(page, edits)
        assert sc.fixed["furniture"] == sc.instances["furniture"] > 0
        assert sc.tp["furniture"] == sc.claims["furniture"] == len(edits)


def test_scorer_credits_a_headline_moved_back_and_blames_one_moved_wrong():
    checked = 0
    for page in _pages(SimConfig.only("headline_after"), range(12)):
        edits = []
        for d in page.defects:
            k = d.extra["truth_end"]
            while page.truth[k].isspace():
                k += 1
            dest = page.tmap.index(k)
            gap = d.start
            while page.text[gap - 1].isspace():
                gap -= 1
            piece = page.text[d.start:d.end]
            edits += [Edit("order", "move_trailing_headline", d.start, d.end, piece, piece,
                           0.9, "test", dest=dest),
                      Edit("order", "move_trailing_headline", d.end, d.end, "", "\n\n",
                           0.9, "test"),
                      Edit("order", "move_trailing_headline", gap, d.start,
                           page.text[gap:d.start], "", 0.9, "test")]
        if not edits:
            continue
        checked += 1
        sc = _replay(page, edits)
        n = len(page.defects)
        assert sc.fixed["headline_after"] == n
        assert sc.claims["headline_after"] == sc.tp["headline_after"] == n
        # the same headline moved one paragraph too far down is not fixed, and is an FP
        d = page.defects[0]
        k = d.extra["truth_end"]
        while page.truth[k].isspace():
            k += 1
        second = page.truth.index("\n\n", k)
        while page.truth[second].isspace():
            second += 1
        if second in page.tmap and page.tmap.index(second) < d.start:
            move = Edit("order", "move_trailing_headline", d.start, d.end,
                        page.text[d.start:d.end], page.text[d.start:d.end], 0.9, "test",
                        dest=page.tmap.index(second))
            sc = _replay(page, [move])
            assert sc.claims["headline_after"] == 1 and sc.tp["headline_after"] == 0
    assert checked >= 3


def test_edit_classes_follow_the_rule_table_and_removed_roles():
    e = Edit("dedupe", "drop_duplicate", 0, 3, "abc", "", 0.9, "x", role="duplicate")
    assert edit_class(e) == "duplicate"
    assert edit_class(Edit("furniture", "any_rule", 0, 3, "abc", "", 0.9, "x",
                           role="caption")) == "furniture"
    assert edit_class(Edit("assemble", "article_break", 0, 0, "", "\n", 0.8, "x")) is None


def test_simulate_pages_are_distinct_and_reproducible():
    a = [p.text for p in simulate_pages(5, 3)]
    assert a == [p.text for p in simulate_pages(5, 3)]
    assert len(set(a)) == 5


def test_bench_layout_command_reports_every_class_and_writes_json(tmp_path):
    from click.testing import CliRunner

    from ocrfix.cli import main

    out = tmp_path / "layout.json"
    res = CliRunner().invoke(main, ["bench", "layout", "--pages", "4", "--only", "furniture",
                                    "--json", str(out)])
    assert res.exit_code == 0, res.output
    figures = json.loads(out.read_text("utf-8"))
    assert set(figures["classes"]) == set(CLASSES)
    assert figures["classes"]["furniture"]["instances"] > 0
    assert figures["classes"]["orphan"]["instances"] == 0
    assert all(line.split()[0] in CLASSES for line in res.output.splitlines()[1:11])


def test_bench_layout_refuses_an_unknown_stage_with_exit_2():
    from click.testing import CliRunner

    from ocrfix.cli import main

    res = CliRunner().invoke(main, ["bench", "layout", "--pages", "1", "--skip", "nope"])
    assert res.exit_code == 2 and "unknown stage" in res.output


def test_scorer_credits_dropping_the_copy_and_blames_dropping_both():
    checked = 0
    for page in _pages(SimConfig.only("duplicate"), range(8)):
        if not page.defects:
            continue
        drops = [Edit("dedupe", "drop_duplicate", d.start, d.end, page.text[d.start:d.end], "",
                      0.9, "test", role="duplicate") for d in page.defects]
        sc = _replay(page, drops)
        n = len(page.defects)
        assert sc.fixed["duplicate"] == n and sc.claims["duplicate"] == sc.tp["duplicate"] == n
        # dropping the original as well loses the paragraph: not fixed, a false positive
        d = page.defects[0]
        first = page.tmap.index(d.extra["truth_start"])
        orig_end = next(i for i in range(first, len(page.tmap))
                        if page.tmap[i] == d.extra["truth_end"] - 1) + 1
        if orig_end <= d.start:
            both = drops + [Edit("dedupe", "drop_duplicate", first, orig_end,
                                 page.text[first:orig_end], "", 0.9, "test", role="duplicate")]
            sc = _replay(page, both)
            assert sc.fixed["duplicate"] == n - 1
            assert sc.claims["duplicate"] == n + 1 and sc.tp["duplicate"] == n - 1
            checked += 1
    assert checked >= 2


def test_a_page_the_pipeline_fails_on_is_reported_not_fatal(monkeypatch):
    import ocrfix.pipeline
    from ocrfix.bench.layout import run_bench
    from ocrfix.config import Config
    from ocrfix.errors import EditConflict

    def broken(text, config=None, *, name="<text>"):
        raise EditConflict("stage order: edits overlap")

    monkeypatch.setattr(ocrfix.pipeline, "clean_text", broken)
    result = run_bench(2, 1, SimConfig.only("furniture"), Config())
    assert len(result.errors) == 2 and "edits overlap" in result.errors[0]
    assert result.rows["furniture"]["fixed"] == 0 and result.rows["furniture"]["instances"] > 0


def test_breaks_in_the_default_mix_are_between_truth_neighbours():
    for page in _pages(SimConfig(), range(10)):
        for d in page.defects:
            if d.cls in ("column_break", "wrap"):
                left, right = d.extra["truth_left"], d.extra["truth_right"]
                assert right > left and not page.truth[left + 1:right].strip()


def test_keeping_the_misread_copy_of_a_duplicate_is_not_a_fix():
    checked = 0
    for page in _pages(SimConfig.only("duplicate"), range(30)):
        for d in page.defects:
            if "duplicate_error" not in page.tags[d.start:d.end]:
                continue
            first = page.tmap.index(d.extra["truth_start"])
            end = page.tmap.index(d.extra["truth_end"] - 1) + 1
            if end > d.start or any(t.startswith("duplicate") for t in page.tags[first:end]):
                continue
            drop = Edit("dedupe", "drop_duplicate", first, end, page.text[first:end], "", 0.9,
                        "test", role="duplicate")
            text, origins = render(page.text, [drop])
            sc = score_page(page, text, origins, [drop])
            good = Edit("dedupe", "drop_duplicate", d.start, d.end, page.text[d.start:d.end],
                        "", 0.9, "test", role="duplicate")
            text2, origins2 = render(page.text, [good])
            sc2 = score_page(page, text2, origins2, [good])
            assert sc2.fixed["duplicate"] == sc.fixed["duplicate"] + 1
            checked += 1
    assert checked >= 2


def _interleaves(seeds=range(40)) -> list[tuple[SimPage, object]]:
    pages = _pages(SimConfig.only("interleave"), seeds)
    return [(p, d) for p in pages for d in p.defects if d.cls == "interleave"]


def test_an_interleaved_piece_is_a_whole_printed_line_of_its_own_in_wrapped_text():
    """As in seed 002: the pasted piece is one printed line, so a line-per-line engine
    writes it as a text line of its own, and its home is a line break of the source."""
    found = [(p, d) for p, d in _interleaves() if p.layout == "wrapped"]
    assert found
    for page, d in found:
        assert page.text[d.start - 1] == "\n" and page.text[d.end] == "\n"
        assert "\n" not in page.text[d.start:d.end]
        x = d.extra
        left = page.tmap.index(x["source_left"])
        right = page.tmap.index(x["source_right"])
        assert page.text[left + 1:right] == "\n"  # the gap it left is a line break


def test_an_interleaved_piece_in_joined_text_is_one_printed_line_of_its_column():
    """Markdown-like text: the piece is one printed line of its source paragraph, as long
    as the column is wide give or take two characters (not always exactly: digits and
    punctuation make real lines vary), cut after at least one line; its edges get a stray
    space only sometimes, like other line joins."""
    found = [(p, d) for p, d in _interleaves() if p.layout == "markdown"]
    assert found
    lengths = []
    for page, d in found:
        x = d.extra
        n = x["truth_end"] - x["truth_start"]
        para = page.truth.rfind("\n\n", 0, x["truth_start"]) + 2
        assert abs(n - x["width"]) <= 2 and x["truth_start"] - para >= x["width"] - 2 - 2
        assert x["source_right"] == x["truth_end"] and x["source_left"] == x["truth_start"] - 1
        lengths.append(n == x["width"])
    assert len(found) < 5 or set(lengths) == {True, False}
    spaced = {page.text[d.start - 1] == " " for page, d in found}
    assert spaced == {True, False} or len(found) < 5


def test_a_paragraphs_first_printed_line_is_short_by_the_indent():
    """Print indents a paragraph by two cells, so a line-per-line engine's first line of
    a paragraph is about two characters shorter than the lines after it."""
    cfg = replace(SimConfig.none(), wrap=1.0)
    short = []
    for page in _pages(cfg, range(8)):
        paras = re.split(r"\n\n+|\n(?=[ \u3000])", page.text)
        for lines in (p.strip(" \u3000").split("\n") for p in paras):
            if len(lines) >= 4:
                short.append(statistics.median(map(len, lines[1:-1])) - len(lines[0]))
    assert len(short) >= 20
    assert 1.5 <= statistics.mean(short) <= 2.5


def test_interleaved_lines_keep_the_char_map_exact():
    for page, _ in _interleaves(range(12)):
        assert all(page.text[i] == page.truth[k] for i, k in enumerate(page.tmap) if k >= 0)
