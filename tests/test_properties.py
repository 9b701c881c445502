"""Reliability properties over generated pages (issue 7), tested with hypothesis.

Pages come from :mod:`ocrfix.testing.pages` (random mixes of newspaper-like blocks, odd
characters, markdown artefacts, and mutations of the seed pages); the checks are the ones
the soak (``ocrfix bench fuzz``) runs, from :mod:`ocrfix.testing.properties`. Budgets are
kept small (CI); the soak runs ten thousand pages.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, Phase, example, given, settings
from hypothesis import strategies as st

from ocrfix import Edit, clean_text
from ocrfix.edits import EditConflict, _active_replacements, _contains, _overlaps

ROOT = Path(__file__).resolve().parent.parent


# -- the replay itself -------------------------------------------------------------------
def _reference_active(edits):
    """The pairwise definition of the active replacements (what the fast replay must give)."""
    active = []
    for e in edits:
        if e.kind != "replace":
            continue
        keep = []
        for a in active:
            if _contains(e, a):
                continue
            if _overlaps(e, a):
                raise EditConflict("overlap")
            keep.append(a)
        active = keep + [e]
    return active


@st.composite
def edit_logs(draw):
    n = draw(st.integers(0, 30))
    out = []
    for k in range(draw(st.integers(0, 25))):
        s = draw(st.integers(0, n))
        e = draw(st.integers(s, min(n, s + 6)))
        out.append(Edit("s", f"r{k}", s, e, "x" * (e - s), draw(st.sampled_from(["", "y"])),
                        1.0, "why"))
    return out


@settings(max_examples=300, deadline=None)
@given(edit_logs())
def test_fast_replay_keeps_the_same_active_edits_as_the_pairwise_definition(edits):
    try:
        expected = _reference_active(edits)
    except EditConflict:
        with pytest.raises(EditConflict):
            _active_replacements(edits)
        return
    assert _active_replacements(edits) == expected


# -- the pipeline over generated pages ---------------------------------------------------
from ocrfix import Config, OcrfixError, Pipeline  # noqa: E402
from ocrfix.testing.pages import pages  # noqa: E402
from ocrfix.testing.properties import conservation, determinism, idempotence  # noqa: E402

CORPUS = [p.read_text(encoding="utf-8") for p in sorted((ROOT / "seeds").glob("*.txt"))]
#: The soak's pages (same corpus and block count), so a failing seed replays with
#: ``ocrfix bench fuzz --replay SEED``.
PAGES = pages(CORPUS)
FAST = settings(max_examples=50, deadline=None,
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])


def _clean(page: str, config: Config | None = None):
    """Clean, letting only the project's own errors through (they are not crashes)."""
    try:
        return clean_text(page, config)
    except OcrfixError:
        return None


@FAST
@given(PAGES)
def test_generated_pages_never_crash_and_lose_nothing_unlogged(page):
    doc = _clean(page)
    if doc is not None:
        assert conservation(doc) is None


@settings(FAST, max_examples=30)
@given(PAGES, st.sets(st.sampled_from(Pipeline().names)))
def test_any_selection_of_stages_keeps_the_log_complete(page, skipped):
    doc = _clean(page, Config(skip=frozenset(skipped)))
    if doc is not None:
        assert conservation(doc) is None


@settings(FAST, max_examples=30)
@given(PAGES)
def test_same_page_same_text_and_same_edit_log(page):
    doc = _clean(page)
    if doc is not None:
        assert determinism(doc) is None


@settings(FAST, max_examples=40)
@given(st.sampled_from(CORPUS), st.integers(0, 2**32 - 1))
def test_mutated_seed_pages_never_crash_and_lose_nothing_unlogged(page, seed):
    import random

    from ocrfix.testing.pages import mutate_page

    doc = _clean(mutate_page(random.Random(seed), page))
    if doc is not None:
        assert conservation(doc) is None


# -- monotone safety: clean pages stay as they are -----------------------------------------
#: normalise collapses the three-line article gap and assemble writes it back: a pair of
#: edits that leaves the text as it was (bookkeeping, not a change).
ROUND_TRIP = ("block_gaps", "article_break")


def test_golden_pages_as_input_come_out_almost_unchanged(capsys):
    """Golden pages are clean by definition: at most one real edit per 1,000 characters
    on any page, none on most pages; the counts are printed (``pytest -s``)."""
    report, changed_pages = [], 0
    for path in sorted((ROOT / "golden").glob("*.txt")):
        text = path.read_text(encoding="utf-8")
        doc = clean_text(text)
        real = [e for e in doc.edits if e.rule not in ROUND_TRIP]
        report.append(f"{path.stem}: {len(doc.edits)} edits, {len(real)} real "
                      f"({', '.join(sorted({e.rule for e in real})) or '-'})")
        assert len(real) <= len(text) / 1000, report[-1]
        if real:
            changed_pages += 1
        else:
            assert doc.text == text, f"{path.stem}: changed by bookkeeping edits only"
    with capsys.disabled():
        print("\ngolden as input: " + "; ".join(report))
    assert changed_pages <= 1, report


# -- idempotence -------------------------------------------------------------------------
def test_cleaning_a_cleaned_page_again_changes_nothing_on_most_pages():
    """Idempotence is not yet guaranteed: a second pass still changes about one generated
    page in ten (soak figure in the README; the main cause is a join ``heal`` refused on
    evidence the output no longer shows, such as a removed 下转 marker). This bounds the
    rate on a fixed sample, so a change that makes it worse fails here."""
    import random

    from ocrfix.testing.pages import random_page

    checked = violations = 0
    for seed in range(60):
        doc = _clean(random_page(random.Random(seed), max_blocks=15))
        if doc is None:
            continue
        checked += 1
        violations += idempotence(doc) is not None
    assert checked >= 50
    assert violations <= 0.05 * checked, (violations, checked)  # 1 of 60 now; 8 without retouch


@settings(FAST, max_examples=5, phases=[Phase.explicit])
@example("许本山资花先张对因劳来价常太，作下更斗作且第老行新斯20:10;\n金争，走现调相着克算通整，"
         "联局科收长省局形给之。\n")
@given(PAGES)
def test_punctuation_decided_on_the_joined_paragraph_is_stable(page):
    """Was a counterexample: ``20:10;`` + the next block, joined by heal, changed ';' on a
    second pass. ``retouch`` decides punctuation again on the joined paragraph."""
    doc = _clean(page)
    assert doc is not None and idempotence(doc) is None


# -- reading bytes -----------------------------------------------------------------------
from ocrfix.errors import InputError  # noqa: E402
from ocrfix.readers.text import read_bytes  # noqa: E402


@settings(max_examples=300, deadline=None)
@given(st.binary(max_size=3000))
def test_any_bytes_are_read_or_refused_with_an_input_error_naming_the_file(data):
    try:
        doc = read_bytes(data, name="scan 页.txt")
    except InputError as exc:
        assert str(exc).startswith("scan 页.txt: ")
        return
    assert isinstance(doc.source, str) and "\r" not in doc.source


@settings(FAST, max_examples=100)
@given(pages(kinds=["headline", "byline", "paragraph", "furniture", "traditional"]),
       st.sampled_from(["utf-8", "utf-8-sig", "utf-16", "gb18030"]))
def test_a_chinese_page_reads_back_the_same_in_every_supported_encoding(page, encoding):
    if not page.strip():
        return
    assert read_bytes(page.encode(encoding), name="p").source == page.replace("\r\n", "\n")


@pytest.mark.parametrize("line", ["2014年4月DONG DONG XIN", "Email: news@example.com 新闻"])
def test_a_gb18030_page_that_is_mostly_latin_is_read_not_refused(line):
    """Was a counterexample: three hanzi among Latin letters, in GB18030, were refused as
    'not text' because hanzi were under a fifth of all characters."""
    assert read_bytes(line.encode("gb18030"), name="p").source == line
