"""orphans: attach, after ``heal``, the sentence ends that stand alone as paragraphs."""

from __future__ import annotations

from ..config import Config
from ..doc import Doc
from .fragments import attach_orphans

NAME = "orphans"
REQUIRES = ("text", "paragraphs")
ASSIGNS = ("reading_order",)


def run(doc: Doc, config: Config) -> Doc:
    if "attach_orphan" not in config.disabled_rules:
        attach_orphans(doc, config, stage=NAME)
    return doc
