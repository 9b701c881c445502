"""Small helpers for tests that write a page of text by hand and look at its moves."""


def page(blocks: list[str]) -> str:
    """Blocks as a page of text: blank lines between them, a final newline."""
    return "\n\n".join(blocks) + "\n"


def moves(doc, rule: str) -> list:
    """The move edits a rule made on the page."""
    return [e for e in doc.edits if e.rule == rule and e.kind == "move"]
