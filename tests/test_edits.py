"""The edit log is the only way text changes: replay, supersession, moves, conflicts."""

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ocrfix.edits import Edit, apply_edits, render
from ocrfix.errors import EditConflict


def E(start, end, before, after, **kw):
    return Edit("t", "r", start, end, before, after, 1.0, "test", **kw)


def test_replace_insert_delete_replay_in_source_coordinates():
    src = "甲乙,丙丁"
    edits = [E(2, 3, ",", "，"), E(0, 0, "", "【"), E(4, 5, "丁", "")]
    assert apply_edits(src, edits) == "【甲乙，丙"


def test_later_edit_containing_earlier_ones_supersedes_them():
    src = "政务动态,\n\n正文"
    edits = [E(4, 5, ",", "，"), E(0, 7, "政务动态，\n\n", "", role="banner")]
    assert apply_edits(src, edits) == "正文"


def test_partial_overlap_is_refused():
    with pytest.raises(EditConflict):
        apply_edits("abcdef", [E(0, 3, "abc", "x"), E(2, 5, "cde", "y")])


def test_move_places_span_before_destination_and_insertion_travels_with_it():
    src = "正文。\n\n标题"
    edits = [E(5, 7, "标题", "标题", dest=0), E(7, 7, "", "\n\n"), E(3, 5, "\n\n", "")]
    assert apply_edits(src, edits) == "标题\n\n正文。"


def test_move_destination_inside_moved_span_is_refused():
    with pytest.raises(EditConflict):
        apply_edits("abcdef", [E(1, 4, "bcd", "bcd", dest=2)])


def test_origins_point_back_to_source():
    r = render("ab,cd", [E(2, 3, ",", "，")])
    assert r.text == "ab，cd"
    assert r.origins == [(0, 1), (1, 2), (2, 3), (3, 4), (4, 5)]


@st.composite
def disjoint_replacements(draw):
    src = draw(st.text(alphabet="甲乙丙丁ab,。 \n", min_size=0, max_size=40))
    cuts = sorted(draw(st.lists(st.integers(0, len(src)), max_size=8, unique=True)))
    edits, expected, pos = [], [], 0
    for a, b in zip(cuts[::2], cuts[1::2]):
        after = draw(st.text(alphabet="XY，", max_size=3))
        edits.append(E(a, b, src[a:b], after))
        expected += [src[pos:a], after]
        pos = b
    expected.append(src[pos:])
    return src, edits, "".join(expected)


@settings(max_examples=200, deadline=None)
@given(disjoint_replacements())
def test_replay_equals_splice_for_any_disjoint_replacements(case):
    src, edits, expected = case
    assert apply_edits(src, edits) == expected
