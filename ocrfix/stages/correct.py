"""correct: fix characters OCR misread as look-alikes (人→入, 杰→态), doing no harm.

Runs after ``assemble`` because roles are known there: bylines, sources and headlines
are left alone (names, short text with little context). Within the other blocks,
protected spans (names, numbers, 《titles》, quotations — see :mod:`ocrfix.protect`) are
never touched, nor are the names the page introduces elsewhere (``市长常书铭`` in one
paragraph protects ``常书铭`` in all). Each accepted correction is one edit whose rule names the candidate source
(``confusion_learned``, ``confusion_visual``, ``confusion_stroke``) and whose reason gives
the evidence: source, prior, language-model gain and the threshold it beat.

The language model is ``Config.lm_path`` (``--lm``) or the built-in one, plus a context
model (``Config.correct_context``: Debian libime's word trigram when installed), loaded
once per process on first use; the confusion tables load once as well.
"""

from __future__ import annotations

import math

from ..config import Config
from ..confusables import load_confusables
from ..corrector import Corrector
from ..doc import Doc
from ..lm import correction_models
from ..protect import load_frames, load_protected_terms, page_terms, protected_mask

NAME = "correct"
REQUIRES = ("text", "roles")
ASSIGNS = ()


def _corrector(config: Config) -> Corrector:
    lm, context = correction_models(config.lm_path, config.correct_context)
    return Corrector(lm, load_confusables(config.rules_dir), context=context,
                     scale=config.correct_caution, rules_dir=config.rules_dir)


def run(doc: Doc, config: Config) -> Doc:
    blocks = [b for b in doc.blocks() if b.role not in config.correct_protected_roles]
    if not blocks:
        return doc
    corrector = _corrector(config)
    terms = load_protected_terms(config.rules_dir)
    # names the page introduces anywhere (a byline, a headline, ``市长常书铭``) stay protected
    # in every block, where they recur bare
    names = page_terms("\n".join(b.text for b in doc.blocks()))
    with doc.batch(NAME) as batch:
        for b in blocks:
            mask = protected_mask(b.text, terms, names, load_frames(config.rules_dir))
            for c in corrector.find(b.text, mask):
                rule = f"confusion_{c.source}"
                if rule in config.disabled_rules:
                    continue
                conf = round(1 / (1 + math.exp(-c.margin)) * 0.5 + 0.5, 2)
                batch.replace(b.start + c.pos, b.start + c.pos + 1, c.after, rule, conf,
                              c.reason())
    return doc
