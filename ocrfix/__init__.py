"""ocrfix: clean OCR text of scanned Chinese newspaper pages into article text.

>>> from ocrfix import clean_text
>>> clean_text("刘晋萍强调,各级各部门要抓好监\\n\\n测统计,确保数据准确有效。\\n").text
'刘晋萍强调，各级各部门要抓好监测统计，确保数据准确有效。\\n'

Importing is cheap: rules, OpenCC and other resources load on first use.
"""

from .config import Config
from .doc import Block, Doc
from .edits import Edit, apply_edits
from .errors import InputError, OcrfixError
from .pipeline import Pipeline, clean_file, clean_text

__all__ = ["Block", "Config", "Doc", "Edit", "InputError", "OcrfixError", "Pipeline",
           "apply_edits", "clean_file", "clean_text"]
__version__ = "0.1.0"
