"""Small helpers for tests that write a page of text by hand and look at its moves."""


def page(blocks: list[str]) -> str:
    """Blocks as a page of text: blank lines between them, a final newline."""
    return "\n\n".join(blocks) + "\n"


def moves(doc, rule: str) -> list:
    """The move edits a rule made on the page."""
    return [e for e in doc.edits if e.rule == rule and e.kind == "move"]


def boxed(blocks: list[str], pieces: list[int]):
    """The page as a reader of boxes leaves it: each block a paragraph of the geometry in
    piece ``pieces[k]`` (a column, a block set apart); a block starts its piece when the
    piece number changes there. Every paragraph indented and short, so no geometry join."""
    from ocrfix.doc import Doc
    from ocrfix.readers.text import sniff_layout
    text, paras, pos = page(blocks), [], 0
    for k, (b, piece) in enumerate(zip(blocks, pieces)):
        column = [piece * 100, piece * 100 + 90]
        paras.append({"src": [pos, pos + len(b)], "region": f"r{piece}", "column": column,
                      "starts_region": k == 0 or pieces[k - 1] != piece,
                      "ends_region": k + 1 == len(pieces) or pieces[k + 1] != piece,
                      "bbox": [column[0], k * 10, column[1], k * 10 + 10], "line_height": 10,
                      "first_indented": True, "last_full": False})
        pos += len(b) + 2
    return Doc(text, name="p", meta={"layout": sniff_layout(text),
                                     "geometry": {"paragraphs": paras}})
