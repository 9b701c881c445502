"""The pipeline: named stages over one :class:`Doc`, in a fixed default order.

Like spaCy's ``Language``: stages can be listed (``ocrfix stages``), skipped
(``--skip heal``) or selected, and each declares what it requires and assigns; the
pipeline checks the contract so a skipped stage that a later one needs is reported,
not silently ignored.
"""

from __future__ import annotations

from dataclasses import dataclass
from types import ModuleType
from typing import Iterable

from .config import Config
from .doc import Doc
from .errors import PipelineError
from .guard import Guard
from .readers import read_path, read_text
from .stages import (assemble, correct, dedupe, emit, fragments, furniture, geometry, heal, orphans,
                     normalise, order, retouch, running)

__all__ = ["Pipeline", "DEFAULT_STAGES", "clean_text", "clean_file", "stage_table"]

DEFAULT_STAGES: tuple[ModuleType, ...] = (normalise, geometry, furniture, running, fragments,
                                          heal, orphans, dedupe, order, retouch, assemble, correct, emit)
STAGE_HELP = {
    "read": "decode text (UTF-8/16, GB18030) or parse hOCR/ALTO (boxes, reading order)",
    "orphans": "attach sentence ends left standing as paragraphs (after heal)",
    "normalise": "full-width punctuation, OpenCC t2s, CJK spaces, markup and debris",
    "furniture": "remove mastheads, credit lines, banners, captions, markers (rules/)",
    "running": "remove running headers/footers learned across an issue's pages (--issues)",
    "geometry": "hOCR/ALTO: furniture by position, paragraphs continued across columns",
    "fragments": "move interleaved lines and orphan fragments back where they were cut",
    "heal": "unwrap printed lines, group infographics, join cut paragraphs",
    "dedupe": "drop a paragraph printed or read twice, keeping the better-read copy",
    "order": "headline after its article, tail before its head, articles printed inside others",
    "retouch": "punctuation, spaces and joins decided again on the assembled paragraphs",
    "assemble": "roles (kicker/headline/subtitle/byline/body) and articles",
    "correct": "fix look-alike characters (confusion tables + language model; --lm)",
    "emit": "final newline; txt/md/json rendering",
}


@dataclass(frozen=True)
class Pipeline:
    """An ordered selection of stages."""

    stages: tuple[ModuleType, ...] = DEFAULT_STAGES

    @property
    def names(self) -> list[str]:
        return [s.NAME for s in self.stages]

    def select(self, *, disable: Iterable[str] = ()) -> "Pipeline":
        """A pipeline without the named stages (unknown names are an error)."""
        disable = set(disable)
        unknown = disable - set(self.names)
        if unknown:
            raise PipelineError(f"unknown stage(s): {', '.join(sorted(unknown))}; "
                                f"stages are: {', '.join(self.names)}")
        return Pipeline(tuple(s for s in self.stages if s.NAME not in disable))

    def __call__(self, doc: Doc, config: Config) -> Doc:
        config = config.effective()  # rules/disabled.tsv joins --disable-rule
        rules = config.rules
        doc.guard = Guard(config.disabled_rules, rules.disabled_pairs, rules.protected)
        for stage in self.stages:
            result = stage.run(doc, config)
            if not isinstance(result, Doc):
                raise PipelineError(f"stage {stage.NAME} returned {type(result).__name__}, "
                                    "not a Doc")
            doc = result
        return doc


def stage_table() -> list[tuple[str, str]]:
    return [("read", STAGE_HELP["read"])] + [(s.NAME, STAGE_HELP[s.NAME])
                                             for s in DEFAULT_STAGES]


def _pipeline(config: Config) -> Pipeline:
    return Pipeline().select(disable=config.skip)


def clean_text(text: str, config: Config | None = None, *, name: str = "<text>") -> Doc:
    """Clean one page of text.

    >>> clean_text("## 标题\\n\\n本报讯(记者 王洋)12月3日,会议召开。\\n").text
    '标题\\n\\n本报讯（记者 王洋）12月3日，会议召开。\\n'
    """
    config = config or Config()
    return _pipeline(config)(read_text(text, name=name), config)


def clean_file(path: str, config: Config | None = None) -> Doc:
    """Read and clean one file; raises :class:`~ocrfix.errors.InputError` on bad input."""
    config = config or Config()
    return _pipeline(config)(read_path(path, max_bytes=config.max_bytes), config)
