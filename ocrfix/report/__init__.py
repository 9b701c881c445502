"""Reports a reviewer can trust: what the pipeline changed on each page, and why.

* :mod:`.page` — a cleaned page (source, edit log, roles) from a Doc or an edit-log file;
* :mod:`.align` — input and output side by side, row by row, every edit located;
* :mod:`.html` — the self-contained HTML report (``clean --report``, ``ocrfix report``);
* :mod:`.seen` — where each edit was made in the text as its stage saw it;
* :mod:`.explain` — the same as a unified-diff-like text (``clean --explain``);
* :mod:`.diff` — what changed between two cleanings (``ocrfix diff``);
* :mod:`.learn` — a reviewer's marks become entries in ``rules/`` (``ocrfix rules learn``).
"""
