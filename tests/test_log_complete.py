"""The edit log is complete: replaying it on the input gives the output, and every
character that left the text is in an edit's ``before``."""

from collections import Counter

import pytest

from ocrfix import Pipeline, apply_edits, clean_file, clean_text
from ocrfix.edits import _active_replacements


@pytest.fixture(scope="module")
def docs(seed_paths):
    return [clean_file(str(p)) for p in seed_paths]


def test_replaying_the_log_on_each_seed_gives_the_output(docs):
    for doc in docs:
        assert apply_edits(doc.source, doc.edits) == doc.text


def test_every_removed_character_is_in_the_log(docs):
    for doc in docs:
        lost = Counter(doc.source) - Counter(doc.text)
        logged = Counter()
        for e in _active_replacements(doc.edits):
            logged.update(doc.source[e.start:e.end])
        assert not lost - logged, doc.name


def test_removed_furniture_is_kept_with_its_role(docs):
    removed = [e for doc in docs for e in doc.removed()]
    roles = {e.role for e in removed}
    assert {"caption", "photo_credit", "banner", "furniture", "continuation"} <= roles
    assert all(e.before.strip() and e.rule and e.reason for e in removed)


def test_every_edit_names_stage_rule_and_reason(docs):
    stages = set(Pipeline().names)
    for doc in docs:
        for e in doc.edits:
            assert e.stage in stages and e.rule and e.reason and 0 < e.confidence <= 1
            assert e.before != e.after or e.kind == "move"


def test_cleaning_is_deterministic(seed_paths):
    a, b = clean_file(str(seed_paths[2])), clean_file(str(seed_paths[2]))
    assert a.text == b.text and a.edits == b.edits


#: Known misses, kept visible (ftfy's known-failures): on 002 the second pass no longer sees
#: the removed （下转2版） marker that stopped a join the first time.
NOT_YET_IDEMPOTENT = {"002_313d145a827ed219": "continuation-marker evidence is gone on a "
                                              "second pass"}


def test_cleaning_clean_output_again_gives_the_same_text(seed_paths):
    for p in seed_paths:
        doc = clean_file(str(p))
        again = clean_text(doc.text)
        if p.stem in NOT_YET_IDEMPOTENT:
            assert again.text != doc.text, f"{p.stem} is idempotent now: drop the known miss"
            continue
        assert again.text == doc.text, p.stem
        kept = [e for e in again.edits if e.rule not in ("block_gaps", "article_break")]
        assert kept == [], [(e.rule, e.before, e.after) for e in kept]
