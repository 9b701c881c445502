"""orphans: attach, after ``heal``, the sentence ends that stand alone as paragraphs.

Why a second pass: before ``heal``, a paragraph cut by column breaks or printed lines is
several blocks, so the block whose end an orphan completes may not exist yet (its first
half ends where the next column starts). ``fragments`` attaches what it can see; this
stage runs the same rule (:func:`ocrfix.stages.fragments.attach_orphans`) on the healed
paragraphs, and puts an orphan back into a join ``heal`` made over it
(:func:`ocrfix.stages.fragments.attach_orphans_inside`). Measured with ``ocrfix bench layout --pages 300 --seed 1`` (and
``--skip orphans``): orphan recall 0.301 → 0.438, precision 1.000 → 0.957; column_break
precision 0.903 → 0.920.

With the word model both are replaced by one matching of fragments to cut heads
(:func:`ocrfix.stages.fragments.attach_orphans_matched`): heads at block ends, in heal
joins, and in printed lines that stop short of their column; one fragment per head, best
pair first. ``bench layout --pages 300``: seed 1 orphan 0.438 / 0.957 → 0.534 / 0.964,
seed 7 0.465 / 0.953 → 0.504 / 0.957 (recall / precision); column_break precision
0.920 → 0.924 and 0.914 → 0.917.

Pairing on structure where the model cannot tell (README, "Orphan fragments: pairing on
structure"), fragments with a deleted stray space, a block's own first or last sentence
on line-per-line pages, and sentences heal joined to a column break: seed 1 orphan
0.534 / 0.964 → 0.658 / 0.962, seed 7 0.504 / 0.957 → 0.646 / 0.966; column_break
precision 0.925 → 0.941 and 0.917 → 0.938.
"""

from __future__ import annotations

from ..config import Config
from ..doc import Doc
from ..fluency import fluency
from .fragments import attach_orphans, attach_orphans_inside, attach_orphans_matched

NAME = "orphans"
REQUIRES = ("text", "paragraphs")
ASSIGNS = ("reading_order",)


def run(doc: Doc, config: Config) -> Doc:
    if "attach_orphan" not in config.disabled_rules:
        if fluency(config.fluency_lm) is not None:
            attach_orphans_matched(doc, config, stage=NAME)
        else:
            attach_orphans(doc, config, stage=NAME)
            attach_orphans_inside(doc, config, stage=NAME)
    return doc
