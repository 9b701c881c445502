"""Behaviour cases from tests/cases/*.json: each input cleans to its expected text.

Known misses are marked ``"expect": "fail"`` and run as xfail, not deleted (ftfy's way).
"""

import json
from pathlib import Path

import pytest

from ocrfix import apply_edits, clean_text

CASES = json.loads((Path(__file__).parent / "cases" / "pipeline.json").read_text("utf-8"))
NEGATIVE = json.loads((Path(__file__).parent / "cases" / "negative.json").read_text("utf-8"))


@pytest.mark.parametrize("case", CASES, ids=[c["label"] for c in CASES])
def test_case(case):
    if case["expect"] == "fail":
        pytest.xfail(case.get("comment", "known miss"))
    doc = clean_text(case["input"])
    assert doc.text == case["expected"]
    assert apply_edits(doc.source, doc.edits) == doc.text


@pytest.mark.parametrize("text", NEGATIVE, ids=range(len(NEGATIVE)))
def test_clean_text_is_left_unchanged(text):
    doc = clean_text(text)
    assert doc.text == text, [e.rule for e in doc.edits]
    assert doc.edits == []
