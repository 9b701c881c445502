"""Regressions found by the property tests and the fuzz soak (``ocrfix bench fuzz``):
each input here once crashed the pipeline or broke a property."""

from ocrfix import clean_text
from ocrfix.testing.properties import conservation


def test_a_block_that_is_only_a_dash_is_not_a_crash():
    # assemble.is_headerish read text[-1] of the empty text left after stripping the dash
    for page in ("——", "标题\n\n——\n\n正文内容。"):
        doc = clean_text(page)
        assert "——" in doc.text and conservation(doc) is None
