"""The project's own errors: each one becomes a one-line message and an exit code in the CLI.

Why a hierarchy: the CLI turns any :class:`OcrfixError` into ``error: ...`` and exit 2
(bad input) without a traceback; anything else is a bug and is reported as one.
"""


class OcrfixError(Exception):
    """Base class: an expected failure with a message fit for a user."""

    exit_code = 2


class InputError(OcrfixError):
    """The input cannot be read: binary, undecodable, empty, too large."""


class RulesError(OcrfixError):
    """A file in rules/ has a bad entry; the message names the file and line."""


class EditConflict(OcrfixError):
    """Two edits claim overlapping text: a bug in a stage, never silently resolved."""

    exit_code = 3


class PipelineError(OcrfixError):
    """A stage broke the stage contract (wrong return type, unmet requirement)."""

    exit_code = 3


class OutputError(OcrfixError):
    """An output cannot be written (read-only or full directory); nothing is left half-written."""
