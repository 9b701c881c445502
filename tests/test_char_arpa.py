"""scripts/build_char_arpa.py: the character model for the pycorrector baseline."""

from __future__ import annotations

import pytest

from scripts.build_char_arpa import build


def test_character_model_loads_in_kenlm_and_prefers_seen_sequences(tmp_path):
    kenlm = pytest.importorskip("kenlm")
    corpus = tmp_path / "text.txt"
    corpus.write_text("我们要加快发展。\n加快建设步伐。\n发展是硬道理。\n", encoding="utf-8")
    arpa = tmp_path / "char.arpa"
    arpa.write_text(build(3, [str(corpus)], base=False), encoding="utf-8")
    model = kenlm.Model(str(arpa))
    assert model.score("加 快 发 展") > model.score("回 快 发 展")
    assert model.score("加 快 发 展") > model.score("展 发 快 加")
