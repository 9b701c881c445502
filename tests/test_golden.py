"""Golden regression: each seed's cleaned CER must not rise above its ratchet figure."""

import json

import pytest

from ocrfix.check import RATCHET_SLACK, cer, check_pages


@pytest.fixture(scope="module")
def results(root):
    return {r.name: r for r in check_pages(root / "seeds", root / "golden")}


def test_every_seed_has_a_golden_page_a_note_and_a_ratchet(root, seed_paths):
    ratchet = json.loads((root / "golden" / "ratchet.json").read_text())
    for p in seed_paths:
        assert (root / "golden" / p.name).is_file()
        assert (root / "golden" / f"{p.stem}.notes.md").is_file()
        assert p.stem in ratchet


def test_no_page_gets_worse_than_its_ratchet(results):
    for name, r in results.items():
        assert r.clean_cer <= r.ratchet + RATCHET_SLACK, f"{name}: {r.clean_cer} > {r.ratchet}"


def test_cleaning_improves_every_page_over_the_raw_ocr(results):
    for name, r in results.items():
        assert r.clean_cer < r.raw_cer, name


def test_cer_counts_edits_against_the_reference_length():
    assert cer("abc", "abc") == 0.0
    assert cer("abd", "abc") == pytest.approx(1 / 3)
    assert cer("", "abcd") == 1.0
