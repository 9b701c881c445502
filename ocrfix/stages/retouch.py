"""retouch: decide again, on the joined and reordered text, what was decided per block.

Why: ``normalise`` decides full-width punctuation and spaces inside Chinese text block by
block, and ``heal`` decides joins pair by pair, before ``heal`` and ``order`` have put the
text together. A block then gains neighbours it did not have (a line ending ``20:10;``
joined to Chinese text, a moved tail after a cut paragraph), and a second cleaning of the
output would decide differently — cleaning would not be idempotent. Running those same
rules once more on the assembled paragraphs makes the first pass reach what a second one
would; each rule is the stage's own function, logged here under its own name.
"""

from __future__ import annotations

from ..config import Config
from ..doc import Doc
from . import heal, normalise

NAME = "retouch"
REQUIRES = ("text", "paragraphs")
ASSIGNS = ()

#: normalise's per-block rules that depend on what a block's neighbours are
BLOCK_RULES = ("fullwidth_punctuation", "cjk_spaces")


def run(doc: Doc, config: Config) -> Doc:
    for rule, fn, _ in normalise._rules(config):
        if rule not in BLOCK_RULES or rule in config.disabled_rules:
            continue
        with doc.batch(NAME, optional=True) as batch:
            for b in doc.blocks():
                for s, e, after, reason in fn(b.text):
                    batch.replace(b.start + s, b.start + e, after, rule, 1.0,
                                  f"{reason} (on the assembled paragraph)")
    if "join_broken_paragraph" not in config.disabled_rules:
        heal.join_broken_paragraphs(doc, config, stage=NAME)
    return doc
