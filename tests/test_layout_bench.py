"""Regression guard for the layout stages on simulated pages (not the seeds).

A small, fixed sample (seed 11, 40 pages) of the `ocrfix bench layout` run: a change that
makes any stage claim fixes it gets wrong, or that stops cleaning, fails here. The full
figures (300 pages, two seeds) are in the README and come from the bench command.
"""

import pytest

from ocrfix.bench.layout import run_bench
from ocrfix.config import Config
from ocrfix.simulate import SimConfig


@pytest.fixture(scope="module")
def result():
    return run_bench(40, 11, SimConfig(), Config())


def test_every_class_that_acts_is_mostly_right(result):
    # fewer than 10 claims on 40 pages is too small a sample to judge a class on
    for cls, row in result.rows.items():
        if row["claims"] >= 10:
            assert row["precision"] >= 0.85, (cls, row)


def test_cleaning_removes_most_of_the_page_error(result):
    assert result.clean_cer < 0.6 * result.raw_cer


def test_furniture_duplicates_and_breaks_are_mostly_found(result):
    for cls in ("furniture", "duplicate", "column_break", "wrap", "halfwidth"):
        assert result.rows[cls]["recall"] >= 0.7, (cls, result.rows[cls])


def test_no_simulated_page_makes_the_pipeline_fail(result):
    assert result.errors == []
