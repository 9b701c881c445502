"""dedupe: drop a paragraph the page prints (or the OCR reads) twice.

Converters that stitch overlapping crops, and pages that repeat a lead paragraph in a
column intro, give the same paragraph twice, often with different misreadings. Two body
blocks are copies when their similarity (rapidfuzz's normalised Indel ratio) is high and
both are long enough for that to mean something. The copy kept is the better-read one:
fewer junctions that no dictionary word spans (a misread character breaks the words
around it), and on a tie the first. A block that holds text its twin lacks (a
head or fragment an earlier stage joined to it) is never dropped whole: only the repeated
run of sentences goes, so no text is lost. The dropped copy is logged with its twin's
position and the similarity, so a reviewer can check it.
"""

from __future__ import annotations

import re

from rapidfuzz import fuzz
from rapidfuzz.distance import Indel

from ..chars import is_cjk
from ..cohesion import UNSEEN, cohesion
from ..config import Config
from ..doc import Block, Doc

NAME = "dedupe"
REQUIRES = ("text", "paragraphs")
ASSIGNS = ()

#: Similarity (0–100) at or above which two paragraphs are copies.
SIMILAR = 90.0
#: Shorter blocks repeat legitimately (``会议强调：``, sub-heads, credits).
MIN_CHARS = 20
#: A block at least this long found almost verbatim inside a longer one is a copy too
#: (the other copy was joined to its continuation by ``heal``).
CONTAINED_MIN_CHARS = 30
CONTAINED = 95.0
#: A run of sentences printed twice inside running text (``heal`` joined the copy to the
#: paragraphs around it, or a column break glued it to a cut head) is a copy when the run
#: has at least this many characters and each sentence pair is this similar.
RUN_MIN_CHARS = 20
RUN_SIMILAR = 90.0
#: Sentences shorter than this repeat legitimately (``会议强调，``) and do not start a run.
SENTENCE_MIN_CHARS = 8
SENTENCE = re.compile(r"[^。！？]*[。！？]")


def run(doc: Doc, config: Config) -> Doc:
    if "drop_duplicate" not in config.disabled_rules:
        drop_duplicates(doc, config)
    if "drop_repeated_sentences" not in config.disabled_rules:
        drop_repeated_runs(doc)
    return doc


def broken_junctions(text: str) -> int:
    """How many adjacent Chinese pairs no dictionary word contains: a misreading score.

    >>> broken_junctions("深化改革开放") < broken_junctions("深化改莘开放")
    True
    """
    model = cohesion()
    return sum(1 for a, b in zip(text, text[1:])
               if is_cjk(a) and is_cjk(b) and model.pmi(a, b) <= UNSEEN)


def find_copies(blocks: list[Block]) -> list[tuple[int, int, float]]:
    """Pairs ``(i, j, similarity)`` of blocks that are copies of each other, i < j."""
    pairs = []
    long_blocks = [b for b in blocks if len(b.text) >= MIN_CHARS and "\n" not in b.text]
    for x, a in enumerate(long_blocks):
        for b in long_blocks[x + 1:]:
            if _ends_sentence(a.text) != _ends_sentence(b.text):
                sim = _completed_copy(a.text, b.text)
                if sim:
                    pairs.append((a.index, b.index, sim))
                continue  # a headline that repeats the lead sentence is no copy of it
            short = min(len(a.text), len(b.text))
            if short >= 0.8 * max(len(a.text), len(b.text)):
                sim = fuzz.ratio(a.text, b.text, score_cutoff=SIMILAR)
            elif short >= CONTAINED_MIN_CHARS and _prose(min(a.text, b.text, key=len)):
                sim = fuzz.partial_ratio(a.text, b.text, score_cutoff=CONTAINED)
            else:
                continue
            if sim:
                pairs.append((a.index, b.index, sim))
    return pairs


#: A copy completed by an orphan fragment: the longer copy may end with at most this many
#: characters the cut copy lacks.
COMPLETED_MAX = 30


def _completed_copy(x: str, y: str) -> float:
    """Similarity of two copies of a cut paragraph, one of which ``orphans`` completed
    with its sentence end (``…推送至同级乡镇党`` and ``…推送至同级乡镇党委政府或街道办预警盯办
    化解。``); 0 if they are not such copies.

    Why: the cut copy ends mid-sentence and the completed one ends a sentence, which is
    what tells a headline from the lead sentence it repeats; but a cut copy is prose
    (it holds a clause mark and stops on a Chinese character), and the completed copy
    begins with it. The completed copy is kept: it holds text the other lacks.

    >>> _completed_copy("会议指出，要加强医疗物资生产保供和储备制度建设，完善", "会议指出，要加强医疗物资生产保供和储备制度建设，完善目录。")
    100.0
    >>> _completed_copy("今年全市经济运行稳中向好", "今年全市经济运行稳中向好。")
    0.0
    """
    cut, full = (x, y) if len(x) < len(y) else (y, x)
    if _ends_sentence(cut) or not _ends_sentence(full) or len(full) - len(cut) > COMPLETED_MAX \
            or not any(p in cut for p in "，、；：") or not is_cjk(cut[-1]):
        return 0.0
    return fuzz.ratio(cut, full[:len(cut)], score_cutoff=SIMILAR)


def _ends_sentence(text: str) -> bool:
    """Ends like a sentence (a headline, a deck or a caption does not)."""
    return text.rstrip()[-1:] in "。！？…”」）)"


def _prose(text: str) -> bool:
    """Punctuated like a paragraph: a headline deck repeated in the lead is not a copy."""
    return "，" in text and ("。" in text or not text[-1].isalnum())


def drop_duplicates(doc: Doc, config: Config) -> None:
    """Delete the worse-read copy of each repeated paragraph, with its blank line."""
    blocks = doc.blocks()
    dropped: dict[int, tuple[int, float, str]] = {}  # dropped -> (kept twin, similarity, why)
    for i, j, sim in find_copies(blocks):
        if i in dropped or j in dropped:
            continue
        a, b = blocks[i].text, blocks[j].text
        why = "kept the better-read copy"
        if _ends_sentence(a) != _ends_sentence(b):
            # a cut copy and one completed by its sentence end: the completed copy holds
            # text the other lacks (``orphans`` chose the better-read copy to complete)
            keep, drop = (j, i) if len(b) > len(a) else (i, j)
            why = "kept the copy completed by its sentence end"
        elif len(blocks[i].text) != len(blocks[j].text) and \
                min(len(blocks[i].text), len(blocks[j].text)) < 0.8 * max(
                    len(blocks[i].text), len(blocks[j].text)):
            keep, drop = (i, j) if len(blocks[i].text) > len(blocks[j].text) else (j, i)
            if _inner_copy_is_worse(blocks[drop].text, blocks[keep].text):
                continue  # drop_repeated_runs removes the copy inside the longer block
        else:
            keep, drop = (j, i) if broken_junctions(blocks[j].text) < \
                broken_junctions(blocks[i].text) else (i, j)
        if lacks(blocks[drop].text, blocks[keep].text) >= HOLDS_MORE:
            # the block to drop carries text its twin lacks (a cut head or a fragment an
            # earlier stage joined to it): dropping it would lose that text
            if not _goes_on_from(blocks[drop].text, blocks[keep].text):
                # keeping it whole would keep the copy where a head was joined to it:
                # drop_repeated_runs removes the repeated sentences instead and leaves
                # the rest where it stands
                continue
            keep, drop = drop, keep
            why = "kept the copy that goes on where its twin stops (a fragment completed it)"
        dropped[drop] = (keep, sim, why)
    with doc.batch(NAME, optional=True) as batch:
        for k, (keep, sim, why) in sorted(dropped.items()):
            start, end = _with_gap(blocks, k, set(dropped))
            batch.delete(start, end, "drop_duplicate", round(sim / 100, 2),
                         f"copy of block {keep + 1} (similarity {sim:.0f} ≥ {SIMILAR:.0f}); "
                         f"{why}", role="duplicate")


#: Two copies, one holding at least this many characters its twin lacks, are not dropped
#: as blocks (their repeated sentences are): OCR misreadings change characters (or drop
#: one or two), a piece joined to a copy adds a run.
HOLDS_MORE = 6


def lacks(x: str, y: str) -> int:
    """Characters of ``x`` that ``y`` has no counterpart for (``x`` less their longest
    common subsequence).

    Why not the better reading alone: an earlier stage may have joined a piece of text to
    one copy (``heal`` a cut head printed before it, ``orphans`` a fragment); that copy
    then holds text found nowhere else on the page, and dropping it loses the text for
    the sake of one or two misread characters. A misreading replaces a character, so two
    copies that differ only by misreadings lack one or two characters of each other.

    >>> lacks("截至目前，全市会议要求，各级各部门要狠抓落实。", "会议要求，各级各部门要狠抓落实。")
    7
    >>> lacks("会议要求，各级各部门要狼抓落实。", "会议要求，各级各部门要狠抓落实。")
    1
    """
    common = (len(x) + len(y) - Indel.distance(x, y)) // 2
    return len(x) - common


def _goes_on_from(longer: str, shorter: str) -> bool:
    """Does ``longer`` begin as ``shorter`` and only go on after it (the text it holds
    beyond its twin stands at its end, as a fragment ``orphans`` attached)? Then it is
    the copy to keep whole: the other holds nothing it lacks.

    >>> _goes_on_from("会议要求，各级各部门要狠抓落实，确保取得实效。", "会议要求，各级各部门要狠抓落实，")
    True
    >>> _goes_on_from("截至目前，全市会议要求，各级各部门要狠抓落实。", "会议要求，各级各部门要狠抓落实。")
    False
    """
    return lacks(shorter, longer) < HOLDS_MORE and \
        fuzz.ratio(shorter, longer[:len(shorter)]) >= SIMILAR


def _inner_copy_is_worse(short: str, long_: str) -> bool:
    """Is the copy of ``short`` inside ``long_`` read no better? Then the block is the one
    to keep, and the copy's sentences go instead: a copy inside a longer block was joined
    there by ``heal``, often to a cut head it does not continue (``…城管等部民生之事，…``)."""
    al = fuzz.partial_ratio_alignment(short, long_)
    return broken_junctions(long_[al.dest_start:al.dest_end]) >= broken_junctions(short)


def _with_gap(blocks: list[Block], k: int, dropped: set[int]) -> tuple[int, int]:
    """The block's span plus the blank line after it; at the page end, the blank line
    before it — unless the block before is dropped too and already takes that line."""
    if k + 1 < len(blocks):
        return blocks[k].start, blocks[k + 1].start
    if k > 0 and k - 1 not in dropped:
        return blocks[k - 1].end, blocks[k].end
    return blocks[k].start, blocks[k].end


# -- repeated sentence runs inside running text ---------------------------------------------
def _sentences(blocks: list[Block]) -> list[tuple]:
    """``(start, end, text)`` of each sentence of the prose blocks, in page order, ``text``
    without spacing (the text after the last 。！？ of a block is left out: a cut sentence
    is no unit)."""
    out = []
    for b in blocks:
        if not _prose(b.text):
            continue
        for m in SENTENCE.finditer(b.text):
            # compared without spacing: a copy may still be wrapped where its twin is joined
            raw = m.group()
            keep = [k for k, ch in enumerate(raw) if not ch.isspace()]
            if len(keep) >= SENTENCE_MIN_CHARS:
                at = b.start + m.start()
                # (start, end, text without spacing, offsets of its characters in the span)
                out.append((at + keep[0], at + len(raw), "".join(raw[k] for k in keep),
                            [k - keep[0] for k in keep]))
    return out


def repeated_runs(doc: Doc) -> list[tuple[tuple[int, int], tuple[int, int], float]]:
    """Pairs of non-overlapping text spans (earlier, later) that are the same run of
    sentences, with their mean similarity.

    Why sentences: a copy that ``heal`` joined to its neighbours is no block of its own, so
    block comparison cannot see it; sentences keep their shape in any join. A run starts at
    a pair of similar sentences and goes on while the next sentences on both sides are
    similar too and adjacent to the previous ones. The first sentence of a copy may carry
    the cut head it was glued to (``…城管等部保障和改善民生，…``): it is matched by its
    best-aligned part, and only that part is in the span.
    """
    sents = _sentences(doc.blocks())
    text = doc.text
    runs, used = [], set()
    for a in range(len(sents)):
        for b in range(a + 1, len(sents)):
            if a in used or b in used:
                continue
            first = _first_pair(sents[a], sents[b])
            if first is None:
                continue
            (sa, sb, sim) = first
            k, sims = 1, [sim]
            while a + k < b and b + k < len(sents):
                x, y = sents[a + k], sents[b + k]
                if not (_adjacent(text, sents[a + k - 1][1], x[0])
                        and _adjacent(text, sents[b + k - 1][1], y[0])):
                    break
                r = fuzz.ratio(x[2], y[2], score_cutoff=RUN_SIMILAR)
                if not r:
                    break
                sims.append(r)
                k += 1
            span_a = (sa, sents[a + k - 1][1])
            span_b = (sb, sents[b + k - 1][1])
            if min(span_a[1] - span_a[0], span_b[1] - span_b[0]) >= RUN_MIN_CHARS:
                runs.append((span_a, span_b, sum(sims) / len(sims)))
                used.update(range(a, a + k))
                used.update(range(b, b + k))
    return runs


def _first_pair(x: tuple, y: tuple) -> tuple[int, int, float] | None:
    """Starts of the matching parts of two sentences and their similarity, or None.

    When one is longer, the shorter is aligned inside it: the longer may be a copy glued
    to a cut head (``专业镇培育`` + ``2022年10月21日，…``), and only its aligned end part
    is the copy — the head belongs to the paragraph it was cut from.
    """
    if abs(len(x[2]) - len(y[2])) <= 1:
        r = fuzz.ratio(x[2], y[2], score_cutoff=RUN_SIMILAR)
        return (x[0], y[0], r) if r else None
    short, long_ = (x, y) if len(x[2]) < len(y[2]) else (y, x)
    if len(short[2]) < SENTENCE_MIN_CHARS:
        return None
    al = fuzz.partial_ratio_alignment(short[2], long_[2], score_cutoff=RUN_SIMILAR)
    # the copy must run to the sentence end (what is glued stands before it)
    if al is None or al.dest_end < len(long_[2]) - 1:
        return None
    long_start = _offset_of(long_, al.dest_start)
    if long_ is x:
        return long_start, y[0], al.score
    return x[0], long_start, al.score


def _offset_of(sent: tuple, k: int) -> int:
    """Page offset of the ``k``-th non-space character of a sentence span."""
    return sent[0] + sent[3][k]


def _adjacent(text: str, end: int, start: int) -> bool:
    """Nothing but spacing between ``end`` and ``start``."""
    return start >= end and not text[end:start].strip()


def drop_repeated_runs(doc: Doc) -> None:
    """Delete the worse-read copy of each sentence run the page holds twice."""
    text = doc.text
    with doc.batch(NAME, optional=True) as batch:
        for span_a, span_b, sim in repeated_runs(doc):
            a, b = text[span_a[0]:span_a[1]], text[span_b[0]:span_b[1]]
            drop = span_b if broken_junctions(b) >= broken_junctions(a) else span_a
            keep = span_a if drop is span_b else span_b
            batch.delete(drop[0], drop[1], "drop_repeated_sentences", round(sim / 100, 2),
                         f"the same {len(text[drop[0]:drop[1]])}-character run of sentences "
                         f"stands at {keep[0]} (similarity {sim:.0f} ≥ {RUN_SIMILAR:.0f}); "
                         "kept the better-read copy", role="duplicate")
