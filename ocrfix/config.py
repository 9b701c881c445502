"""Pipeline configuration: a frozen dataclass with a documented default per option.

Variants come from ``dataclasses.replace(config, ...)`` (ftfy's ``TextFixerConfig`` idea),
so a configuration is a value that can be logged, compared and passed to worker processes.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace

from .rules import Rules, load_rules

__all__ = ["Config"]


@dataclass(frozen=True)
class Config:
    """Options of a cleaning run.

    >>> Config().skip
    frozenset()
    """

    #: Directory of editable rules; ``None`` = the project's ``rules/``.
    rules_dir: str | None = None
    #: Newspaper profiles from ``rules/profiles/`` to load; ``None`` = all of them.
    profiles: tuple[str, ...] | None = None
    #: Stage names not to run (``ocrfix clean --skip heal``).
    skip: frozenset[str] = field(default_factory=frozenset)
    #: Rule names not to apply (``--disable-rule cjk_spaces``).
    disabled_rules: frozenset[str] = field(default_factory=frozenset)
    #: heal: a block shorter than this (in characters) is not treated as a cut paragraph
    #: unless it holds sentence punctuation; headlines are short and unpunctuated.
    heal_min_chars: int = 12
    #: assemble: the longest block that can be a headline, kicker or subtitle.
    headline_max_chars: int = 48
    #: correct: language model file (``--lm``, built by ``ocrfix lm build``); ``None`` =
    #: the built-in model (jieba's word frequencies).
    lm_path: str | None = None
    #: layout stages: the word language model that judges whether two pieces of text read
    #: on (:mod:`ocrfix.fluency`): ``"auto"`` = Debian's libime model when it and the
    #: ``kenlm`` module are installed, ``"none"`` = dictionary cohesion only, or a path.
    fluency_lm: str = "auto"
    #: correct: context model (a KenLM word trigram) weighed beside the word model:
    #: ``"auto"`` = Debian libime's ``zh_CN.lm`` if it and ``kenlm`` are installed,
    #: ``None`` = none (word model and per-source thresholds only), or a model path.
    correct_context: str | None = "auto"
    #: correct: multiplies every decision threshold; above 1 corrects less, more safely.
    correct_caution: float = 1.0
    #: correct: roles whose blocks are never corrected (names, little context).
    correct_protected_roles: frozenset[str] = frozenset(
        {"byline", "source", "label", "headline", "kicker", "subtitle"})
    #: Largest input accepted, in bytes (``--max-bytes``); bigger files are refused.
    max_bytes: int = 20_000_000

    @property
    def rules(self) -> Rules:
        """The loaded rules (cached per directory and profile selection)."""
        return load_rules(self.rules_dir, self.profiles)

    def effective(self) -> "Config":
        """This config with the rules switched off in ``rules/disabled.tsv`` added.

        Why here: stages read ``config.disabled_rules`` only, so a rule a reviewer switched
        off (``ocrfix rules learn``) is honoured exactly like ``--disable-rule``.
        """
        learned = self.rules.disabled_rules
        if learned <= self.disabled_rules:
            return self
        return replace(self, disabled_rules=self.disabled_rules | learned)
