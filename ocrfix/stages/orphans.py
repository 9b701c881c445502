"""orphans: attach, after ``heal``, the sentence ends that stand alone as paragraphs.

Why a second pass: before ``heal``, a paragraph cut by column breaks or printed lines is
several blocks, so the block whose end an orphan completes may not exist yet (its first
half ends where the next column starts). ``fragments`` attaches what it can see; this
stage runs the same rule (:func:`attach_orphans`, which ``fragments`` calls too: the rule's
code lives here, with the stage named for it) on the healed
paragraphs, and puts an orphan back into a join ``heal`` made over it
(``attach_orphans_inside``, removed in session 10: it needed the word model, and with the
word model the matching below runs instead, so it never ran). Measured with ``ocrfix bench layout --pages 300 --seed 1`` (and
``--skip orphans``): orphan recall 0.301 → 0.438, precision 1.000 → 0.957; column_break
precision 0.903 → 0.920.

With the word model both are replaced by one matching of fragments to cut heads
(:func:`attach_orphans_matched`): heads at block ends, in heal
joins, and in printed lines that stop short of their column; one fragment per head, best
pair first. ``bench layout --pages 300``: seed 1 orphan 0.438 / 0.957 → 0.534 / 0.964,
seed 7 0.465 / 0.953 → 0.504 / 0.957 (recall / precision); column_break precision
0.920 → 0.924 and 0.914 → 0.917.

Pairing on structure where the model cannot tell (README, "Orphan fragments: pairing on
structure"), fragments with a deleted stray space, a block's own first or last sentence
on line-per-line pages, and sentences heal joined to a column break: seed 1 orphan
0.534 / 0.964 → 0.658 / 0.962, seed 7 0.504 / 0.957 → 0.646 / 0.966; column_break
precision 0.925 → 0.941 and 0.917 → 0.938.

Model ties settled by the page's pairing (:func:`_forced_pairs`: a tie pair every largest
one-to-one pairing of fragments with the cut heads after them holds), a fragment that
reads on no worse than a floored or unreadable opening counted as a tie, not a loss
(:func:`_unread`): ``bench layout --pages 300``, seed 1 orphan 0.564 / 0.946 →
0.650 / 0.952, seed 7 0.691 / 0.990 → 0.706 / 0.981; every other class unchanged.

Session 8 (README, "Clauses, copies, long sentences and short heads"): the clauses across
a comma read by the model, a head printed twice paired once on its better-read copy
(:func:`_copies`, with ``dedupe`` keeping the completed copy), long fragments that do not
read on by themselves neither taken nor rivals (:func:`_long_unread`), short prose heads,
and model ties at heal joins as tie edges (:func:`_tie_edge`); the early pass leaves a
block that reads on from the block before it (:func:`_best_head`) or opens like a
paragraph. ``bench layout --pages 200``, tuning seeds: seed 3 orphan 0.709 / 0.970 →
0.779 / 1.000, seed 11 0.731 / 0.959 → 0.796 / 0.963.

Session 9 (README, "Fresh seeds"): each session-8 gate measured on its own on simulated
seeds nobody had looked at (25 / 27 / 29 / 31); the clause reading across a comma and
the short prose heads did nothing there and are gone (the ties at heal joins were
measured too, and kept: :func:`_tie_edge`); of two copies of a cut head the one inside
a heal join is kept (:func:`_copies`); a figure reads on into its unit
(:data:`UNIT_SCORE`).

Session 10 (README, "Heads after the fragment"): measured first on fresh simulated seeds
41 / 43, a cut head printed before a fragment is no longer its partner nor its rival
(:data:`MATCH_AFTER`, :data:`NEAR_AFTER`), and a pair the model does not clearly read on
is taken only within :data:`WEAK_AFTER` blocks. Ten seeds (41, 43, 3, 11, 21, 23, 25, 27,
29, 31; 200 pages each): orphans fixed 720 → 742 of 956, wrong moves 22 → 17.

Session 11 (README, "Heads the page leaves unfinished"): measured first on fresh simulated
seeds 47 / 49. A figure reads on into its own next digit (:func:`_figure_reads_on`: a year
heal joined across two printed lines is no place for a fragment), and a long fragment must
read on by 2 nats (:data:`MATCH_LONG_READ`). Heads whose end the page lost (the biggest
source of wrong moves and of rivals that block true ties) were looked at with the model's
best word completion, a sentence-start reading and distance; none told them from cut
heads (README). A margin met up to rounding (1.9999989 against 2.0) was tried and
dropped: on thirteen seeds it let one right and one wrong pair through.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..chars import (NUMBER_UNITS, OPEN_CLOSE, SENTENCE_END, ends_sentence, is_cjk,
                     unbalanced_openers)
from ..cohesion import cohesion
from ..config import Config
from ..doc import Block, Doc
from ..fluency import Fluency, fluency
from ..geometry import starts_piece
from .heal import running_text

NAME = "orphans"
REQUIRES = ("text", "paragraphs")
ASSIGNS = ("reading_order",)


ORPHAN_MAX = 30
#: Minimum evidence for attaching an orphan, and its margin over the next-best reading.
ORPHAN_SCORE = 3.5
#: A broken junction weighs less than a mended one: word boundaries are common at cuts.
JUNCTION_FLOOR = -1.5
ORPHAN_MARGIN = 2.0
#: The same three with a language model's junction gain (nats) as fluency.
LM_ORPHAN_SCORE, LM_ORPHAN_MARGIN, LM_FLOOR = 3.0, 2.0, -2.0
CLOSERS = {v: k for k, v in OPEN_CLOSE.items()}
#: The early pass looks for a fragment's head in the NEAR_AFTER blocks after it (it is
#: printed near, and before, its head: :data:`MATCH_AFTER`). Session 10: heads up to three
#: blocks before it had been candidates too; on the ten seeds of MATCH_AFTER the one
#: early move to such a head was wrong, and without them as rivals one more right move
#: is made (orphans fixed 741 → 742, wrong moves 18 → 17, nothing else changed).
NEAR_AFTER = 8


def run(doc: Doc, config: Config) -> Doc:
    if "attach_orphan" not in config.disabled_rules:
        if fluency(config.fluency_lm) is not None:
            attach_orphans_matched(doc, config, stage=NAME)
        else:
            attach_orphans(doc, config, stage=NAME)
    return doc


# -- attach_orphan ------------------------------------------------------------------------
def continuation(left: str, right: str, fl: Fluency | None = None) -> float:
    """Evidence that ``right`` continues the sentence ``left`` breaks off (higher = surer).

    The fluency of the junction is the language model's gain when ``fl`` is given
    (:mod:`ocrfix.fluency`), else the dictionary cohesion of the two characters.

    >>> continuation("审议《政府工作报告（讨", "论稿）》。") > continuation("会议召开。", "论稿）》。")
    True
    >>> continuation("力争完成2035", "年规划目标。") > continuation("力争完成2035", "另一方面，")
    True
    """
    if not left or not right or ends_sentence(left):
        return -10.0
    score = 0.0
    opened = unbalanced_openers(left)
    head = right
    for k, ch in enumerate(right):
        if ch in SENTENCE_END:
            head = right[:k]
            break
    if opened:
        score += 5.0 if OPEN_CLOSE[opened[-1]] in head else -1.0
    elif right[0] in CLOSERS:
        score -= 4.0  # closes a bracket the left side never opened
    if is_cjk(left[-1]) and is_cjk(right[0]):
        score += max(fl.gain(left, right), LM_FLOOR) if fl else \
            max(cohesion().junction(left, right), JUNCTION_FLOOR)
    elif left[-1] in "，、：":
        score += 0.5
    elif _figure_reads_on(left, right):
        score += UNIT_SCORE  # a junction the word model cannot read
    return score


def _figure_reads_on(left: str, right: str) -> bool:
    """A figure reads on into its unit or measure word (``违法行为69|件``), or into its own
    next digit (a figure ``heal`` joined across a printed line: ``会议强调，20|23年``).

    >>> _figure_reads_on("违法行为69", "件"), _figure_reads_on("会议强调，20", "23年")
    (True, True)
    >>> _figure_reads_on("会议强调，20", "让各项措施落地见效。")
    False
    """
    return left[-1].isdigit() and (right[0] in NUMBER_UNITS or right[0].isdigit())


#: Evidence that a figure reads on into a unit or measure word (``违法行为69|件``), or into
#: its own next digit (:func:`_figure_reads_on`), where the word model has no junction to
#: score (a digit on one side). Session 11: a year heal joined across two printed lines
#: (``刘振国强调，20|23年``) had scored 0 like any fragment after a digit, so a fragment
#: tied with the join and the page's pairing forced it into the year (simulated seed 49).
UNIT_SCORE = 3.0


def _orphan_like(b: Block, config: Config) -> bool:
    """Short, ends a sentence, one line: a fragment, not a paragraph or a headline."""
    t = b.text
    return "\n" not in t and len(t) <= ORPHAN_MAX and ends_sentence(t) and (
        t[0] in CLOSERS or is_cjk(t[0]))


def attach_orphans(doc: Doc, config: Config, stage: str = NAME) -> None:
    """Attach fragments printed before the paragraph whose end they are."""
    fl = fluency(config.fluency_lm)
    need, margin_need = (LM_ORPHAN_SCORE, LM_ORPHAN_MARGIN) if fl else (ORPHAN_SCORE, ORPHAN_MARGIN)
    blocks = doc.blocks()
    taken: set[int] = set()
    with doc.batch(stage, optional=True) as batch:
        for k, o in enumerate(blocks):
            if not _orphan_like(o, config) or _opens_sentence(o.text, config) or \
                    not _can_move(doc, o.start, o.end):
                continue  # (a block that opens like a paragraph is one: rules/openers.tsv)
            best = _best_head(k, blocks, taken, config, fl, need, margin_need)
            if best is None:
                continue
            t, score, margin, alt = best
            taken.update((t, k))
            head = blocks[t]
            batch.move(o.start, o.end, head.end, "attach_orphan",
                       round(min(0.99, 0.6 + score / 20), 2),
                       f"fragment completes the sentence cut at the end of block {t + 1} "
                       f"({head.text[-6:]}|{o.text[:6]}: evidence {score:.1f} ≥ "
                       f"{need}, margin {margin:.1f} ≥ {margin_need} over {alt}; "
                       f"{'fluency: ' + fl.name if fl else 'dictionary cohesion'})")
            gap_end = blocks[k + 1].start if k + 1 < len(blocks) else o.end
            gap_start = o.end if k + 1 < len(blocks) else blocks[k - 1].end
            if k + 1 == len(blocks) and k > 0:
                batch.delete(gap_start, o.start, "attach_orphan", 0.9,
                             "blank line left where the fragment was")
            elif gap_end > gap_start:
                batch.delete(gap_start, gap_end, "attach_orphan", 0.9,
                             "blank line left where the fragment was")


def _best_head(k: int, blocks: list[Block], taken: set[int], config: Config,
               fl: Fluency | None, need: float, margin_need: float) -> tuple[int, float, float, str] | None:
    """The block whose cut end fragment ``k`` completes, if that reading clearly wins.

    A fragment that already reads on from the block before it (evidence ≥ ``need``) is
    left there: that is a column break ``heal`` mends, and another cut head it reads on
    from better is no reason to move it (simulated seed 11: ``…加速推|动白酒产业…`` taken
    from its own ``…魅力，推``; seeds 3, 5, 13 unchanged).
    """
    o = blocks[k]
    prev_score = continuation(blocks[k - 1].text, o.text, fl) if k > 0 else -10.0
    if prev_score >= need:
        return None  # it reads on from the block before it: a column break heal mends
    candidates = []
    for t in range(k + 1, min(len(blocks), k + NEAR_AFTER + 1)):
        head = blocks[t]
        if t in taken or "\n" in head.text or \
                ends_sentence(head.text) or not (running_text(head.text, config) or
                                                 unbalanced_openers(head.text)):
            continue  # a headline ends unpunctuated by design: only prose can be cut
        s = continuation(head.text, o.text, fl)
        nxt = blocks[t + 1] if t + 1 < len(blocks) and t + 1 != k else None
        natural = continuation(head.text, nxt.text, fl) if nxt else -10.0
        candidates.append((s, t, natural))
    if not candidates:
        return None
    candidates.sort(reverse=True)
    s, t, natural = candidates[0]
    runner_up = max([prev_score, natural] + [c[0] for c in candidates[1:2]])
    alt = "the next-best reading"
    if s < need or s - runner_up < margin_need:
        return None
    return t, s, s - runner_up, alt


def _heal_joins(doc: Doc, origins, rules: tuple[str, ...] = ("join_broken_paragraph",)
                ) -> list[int]:
    """Positions in the current text where ``heal`` joined two blocks (or, with
    ``unwrap_lines`` among ``rules``, two printed lines) into one."""
    ends = {e.end for e in doc.edits if e.stage == "heal" and
            e.rule in rules and not e.after}
    return [i for i in range(1, len(origins)) if origins[i][0] in ends and
            origins[i - 1][1] < origins[i][0]]


# -- attach_orphan, matched after heal ---------------------------------------------------------
#: Matching orphans to heads after heal (word model): a head is prose of at least
#: MATCH_HEAD_MIN characters ending mid-sentence; the orphan must read on from it at least
#: MATCH_SCORE better than what follows the head now (that reading floored at
#: MATCH_NATURAL_FLOOR: a paragraph opening after a cut head reads badly, whatever it is),
#: and beat every other head for this orphan and every other orphan for this head by
#: MATCH_MARGIN. Heads are looked for up to MATCH_AFTER blocks after the orphan, never
#: before it (:data:`MATCH_AFTER`). Tuned on simulated seeds 3 and 11 (600 pages, default
#: mix).
MATCH_HEAD_MIN, MATCH_SCORE, MATCH_NATURAL_FLOOR, MATCH_MARGIN = 20, 1.0, -1.0, 2.0
#: A short fragment (at most MATCH_SHORT characters: a clause, not a sentence of its own)
#: paired one to one with a cut head needs less: the word model has nothing to say
#: across a comma (``…刘世庆、|闫玉萍，…``) or between two names, and then the pairing of the
#: page's cut heads and fragments is the evidence. Such a pair is taken with a margin of
#: MATCH_SHORT_MARGIN when the model prefers it at all (score ≥ MATCH_TIE), or when the
#: model cannot tell the two readings apart (|score| < MATCH_TIE: both junctions back off
#: to the same estimate) and the structure speaks for it (:func:`_structure`). Tuned on
#: simulated seeds 3 and 11 (600 pages, default mix): pairs taken 65 → 86, wrong 2 → 3;
#: taking model ties without structure adds 12 pairs of which 5 are wrong.
MATCH_SHORT, MATCH_TIE, MATCH_SHORT_MARGIN = 20, 0.1, 1.5
#: A longer fragment must read on from the head by itself at least this well (nats).
#: Session 11: 1.0 → 2.0. On thirteen simulated seeds (3, 11, 21–31, 41–49; 200 pages)
#: the moves of fragments longer than MATCH_SHORT reading on by 1.0–2.0 were 0 right and
#: 2 wrong (a 29-character sentence of its own, ``…推动专业|针对发展现状…`` at 1.25 and
#: ``…大数据企业|针对发展现状…`` at 1.3); the right ones read on by 2.7 and more. No longer
#: rivals, such sentences let one true pair be taken (``推动专业|镇释放集群效应。``) and one
#: wrong one (a head the page leaves unfinished): orphans fixed 942 → 943, wrong moves
#: 29 → 28.
MATCH_LONG_READ = 2.0
#: A tie pair is forced (:func:`_forced_pairs`) when every largest pairing of the page
#: holds it; any pair scoring above FORCE_RIVAL counts as a possible pairing there (the
#: model does not rule it out: a head heal joined to a fluent but wrong continuation
#: scores low with its true fragment). Simulated seeds 3 and 11 (400 pages, default
#: mix), with the ties of the floor and :func:`_unread`: orphans fixed 117 -> 126, wrong
#: moves 6 -> 6; counting no such rivals, one more wrong move.
FORCE_RIVAL = -4.0
#: Clause marks that end no paragraph: a block ending with one was cut.
CLAUSE_MARKS = "，、："
#: Page evidence: a string spanning the junction (up to SPAN_SIDE characters of each side)
#: of at least SPAN_MIN characters that is printed elsewhere on the page (``专业|镇`` where
#: the page says ``专业镇`` again).
SPAN_SIDE, SPAN_MIN = 3, 3
SPAN_WEIGHT = 1.0
#: Heads are looked for in the MATCH_AFTER blocks after a fragment and in none before it:
#: the class is a sentence end printed BEFORE the paragraph it ends (it is set where its
#: column ends, and its head's column comes later), so a cut head printed before the
#: fragment is neither its partner nor its rival. (Session 10: heads up to four blocks
#: before, and inside the block just before, had been candidates and rivals; on simulated
#: seeds 41 / 43 / 3 / 11 / 21 / 23 / 25 / 27 / 29 / 31 (200 pages each) every move to
#: such a head was wrong (3 of 3), and as rivals they kept 21 true pairs from being
#: taken: orphans fixed 720 → 741 of 956, wrong moves 22 → 22, column_break wrong joins
#: 91 → 87.)
MATCH_AFTER = 6
#: A pair the model does not clearly read on (a model tie, or a short fragment it prefers
#: by less than MATCH_SCORE) is taken, or counts as a tie edge of the page's pairing
#: (:func:`_tie_edge`), only within WEAK_AFTER blocks: the weaker the evidence, the nearer
#: a fragment must stand to its head. Session 10, the ten seeds above: of such moves to a
#: head five blocks after the fragment 5 were right and 1 wrong, six blocks after 0 right
#: and 4 wrong (true pairs that far are rare: 2 of 301 strong ones); the limit removes 4
#: wrong moves and no right one.
WEAK_AFTER = 5
#: Largest fragments × heads table the pairing is solved for (a page has a few dozen).
MAX_ASSIGNMENT = 40000
#: The joins a head may sit in: a paragraph heal joined on, and a printed line that stops
#: short of its column (< SHORT_LINE of the width of the lines around it) mid-sentence,
#: which ``unwrap_lines`` joined to the next line. (Every unwrapped line was tried too: on
#: seed 3 precision fell, 0.96 → 0.91.)
MATCH_JOINS = ("join_broken_paragraph",)
SHORT_LINE = 0.8


@dataclass(frozen=True)
class Head:
    """Where a sentence is cut: ``text[start:end]`` is the paragraph up to the cut; ``rest``
    is what follows it now (the next block, or the text heal joined on at ``end``)."""

    block: int
    start: int
    end: int
    joined: bool
    rest: str


def _heads(doc: Doc, blocks: list[Block], text: str, config: Config) -> list[Head]:
    """Paragraph ends and heal joins where prose stops mid-sentence."""
    joins = sorted(set(_heal_joins(doc, doc.rendered.origins, MATCH_JOINS)) |
                   set(_short_line_joins(doc)))
    out = []
    for b in blocks:
        if "\n" in b.text:
            continue
        for p in (j for j in joins if b.start < j < b.end):
            out.append(Head(b.index, b.start, p, True, text[p:b.end]))
        nxt = blocks[b.index + 1].text if b.index + 1 < len(blocks) else ""
        out.append(Head(b.index, b.start, b.end, False, nxt))
    return [h for h in out if not ends_sentence(text[h.start:h.end]) and
            h.end - h.start >= MATCH_HEAD_MIN and (running_text(text[h.start:h.end], config)
                                                   or unbalanced_openers(text[h.start:h.end]))]


#: Two cut heads are copies of one paragraph (printed or read twice; ``dedupe`` drops one
#: later) when they are at least COPY_SIMILAR alike, over the whole paragraph up to the
#: cut (a copy differs by a misread character or two; two paragraphs that only end alike,
#: ``今年以来，全县…取得明显`` and ``去年以来，全市…取得明显``, are no copies).
COPY_SIMILAR = 95.0


def _copies(heads: list[Head], blocks: list[Block], text: str) -> set[Head]:
    """Heads that copy another head of the page and are not the copy to keep.

    Why: a paragraph printed twice gives its cut head twice; each copy is a rival of the
    other for the fragment that completes them both, so no pairing can choose (and the
    best pairing without either is as good as with it). The fragment goes to the copy
    ``dedupe`` keeps: where ``heal`` joined one copy to the paragraph after it and the
    other ends its block, the joined one (its block holds the other copy, and dedupe
    drops the copy found inside a longer block; session 9: the fragment had gone to the
    better-read copy at a block end, which dedupe then dropped with it); otherwise the
    better-read one (fewer junctions no dictionary word spans); on a tie the first.
    """
    from rapidfuzz import fuzz

    from .dedupe import broken_junctions
    out: set[Head] = set()
    for i, a in enumerate(heads):
        for b in heads[i + 1:]:
            if a.block == b.block or a in out or b in out:
                continue
            ta, tb = text[a.start:a.end], text[b.start:b.end]
            if min(len(ta), len(tb)) < MATCH_HEAD_MIN or \
                    fuzz.ratio(ta, tb, score_cutoff=COPY_SIMILAR) == 0:
                continue
            if a.joined != b.joined:  # dedupe keeps the block that holds the other copy
                out.add(b if a.joined else a)
                continue
            worse = b if broken_junctions(blocks[b.block].text) >= \
                broken_junctions(blocks[a.block].text) else a
            out.add(worse)
    return out


def _short_line_joins(doc: Doc) -> list[int]:
    """Positions in the current text where ``unwrap_lines`` joined a printed line that
    stopped short of its column to the next line.

    Why: a printed line ends short only where its paragraph ends. If it ends mid-sentence
    and was joined on, the rest of its sentence may stand elsewhere (an orphan printed
    before it), and the join is a candidate head like a join of two blocks. The column's
    width is the median length of the printed lines around it (three on each side).
    """
    src = doc.source
    ends = set()
    for e in doc.edits:
        if e.stage != "heal" or e.rule != "unwrap_lines" or e.after:
            continue
        a = src.rfind("\n", 0, e.start) + 1
        lines = src[max(0, a - 200):min(len(src), e.end + 200)].split("\n")
        prev = src[a:e.start].strip()
        around = [len(ln.strip()) for ln in lines if len(ln.strip()) > 0]
        if len(around) < 5 or not prev:
            continue
        width = sorted(around)[len(around) // 2]
        if len(prev) < SHORT_LINE * width:
            ends.add(e.end)
    if not ends:
        return []
    origins = doc.rendered.origins
    return [i for i in range(1, len(origins)) if origins[i][0] in ends and
            origins[i - 1][1] < origins[i][0]]


def _opens_sentence(t: str, config: Config) -> bool:
    """A block that opens like a paragraph (connective, dateline, date clause) is a short
    paragraph of its own, not the end of someone else's sentence."""
    from .heal import DATE_CLAUSE
    return bool(config.rules.opens_paragraph(t) or config.rules.opens_article(t)
                or DATE_CLAUSE.match(t))


def attach_orphans_matched(doc: Doc, config: Config, stage: str) -> None:
    """After ``heal``, with the word model: pair sentence-end fragments with the heads they
    complete, one to one, best pair first.

    Why a matching: a fragment's junction with its head often reads only a little better
    than with some other cut head nearby (``…全力打好|项目建设攻坚战。``), so a fragment
    judged alone is either missed or misplaced. What settles it is the page as a whole:
    each cut head takes at most one fragment and each fragment one head, so a pair is
    taken when it reads on better than the head's present continuation (a paragraph that
    ``heal`` joined on, or the next block) and clearly better than every competing pair
    still open. The head may end a block, or sit inside a join ``heal`` made; then the
    fragment goes into the join and the paragraph break comes back after it.
    """
    fl = fluency(config.fluency_lm)
    if fl is None:
        return
    text = doc.text
    origins = doc.rendered.origins
    blocks = doc.blocks()
    heads = _heads(doc, blocks, text, config)
    heads = [h for h in heads if h not in _copies(heads, blocks, text)]
    orphans = [Frag(o.index, o.start, o.end, o.text, "block") for o in blocks
               if _orphan_like(o, config) and not _opens_sentence(o.text, config)
               and _can_move(doc, o.start, o.end)] + _inner_fragments(doc, blocks, text, config) \
        + _joined_tails(doc, blocks, text, config)
    if not heads or not orphans:
        return
    pairs = []
    for o in orphans:
        for h in heads:
            d = h.block - o.index
            if not 0 < d <= MATCH_AFTER:
                continue  # its head is printed after it (MATCH_AFTER)
            head = text[h.start:h.end]
            s = continuation(head, o.text, fl)
            natural = continuation(head, h.rest, fl) if h.rest else -10.0
            if h.rest and _unread(head, h.rest):
                natural = min(natural, s)  # no reading of it: it speaks against nothing
            # the floor keeps a bad opening from making a fragment look good; where the
            # fragment reads on no better than that opening, the two are a tie, not a loss
            sc = s - max(natural, min(s, MATCH_NATURAL_FLOOR)) + _span_bonus(text, head, o, h)
            if o.kind == "joined":  # it must read on from the head better than where it is
                sc = min(sc, s - max(continuation(text[blocks[o.index].start:o.start], o.text,
                                              fl), MATCH_NATURAL_FLOOR))
            pairs.append((sc, s, natural, o, h))
    pairs.sort(key=lambda p: -p[0])
    regret = _assignment_regret(pairs)
    forced = _forced_pairs(pairs, text)
    used_o: set[int] = set()
    used_h: set[tuple[int, int]] = set()
    used_pos: set[int] = set()
    breaks: list[tuple[int, int]] = []  # source span of an inner fragment's last character
    with doc.batch(stage, optional=True) as batch:
        for sc, s, natural, o, h in pairs:
            hk = (h.block, h.end)
            if o.start in used_o or hk in used_h:
                continue
            rival_h = max([p[0] for p in pairs if p[3].start == o.start and p[4] is not h
                           and (p[4].block, p[4].end) not in used_h], default=-10.0)
            # (a copy of the same fragment, which dedupe settles later, is no rival)
            rival_o = max([p[1] for p in pairs if p[4] is h and p[3].start != o.start
                           and p[3].start not in used_o and p[3].text != o.text
                           and _admissible(p, text)], default=-10.0)
            margin = min(sc - rival_h, s - rival_o)
            # a rival that has a better partner of its own is no rival: the page's best
            # one-to-one pairing decides (how much worse the best pairing without this pair is)
            margin = max(margin, regret.get((o.start, hk), -10.0))
            if (o.start, hk) in forced:  # every pairing of the page has it: no rival counts
                margin = max(margin, MATCH_SHORT_MARGIN)
            head = text[h.start:h.end]
            verdict = None if _long_unread(o, s) else \
                _pair_verdict(o, head, h, sc, margin, text, (o.start, hk) in forced)
            if verdict is None:
                continue
            edits = _orphan_edits(doc, o, h, blocks, text)
            if edits is None or any(q in used_pos for q in edits[1]):
                continue
            used_o.add(o.start)
            used_h.add(hk)
            used_pos.update(edits[1])
            why = (f"{head[-6:]}|{o.text[:6]} {s:.1f} against {head[-6:]}|{h.rest[:6]} "
                   f"{natural:.1f} (floored at {MATCH_NATURAL_FLOOR}): {verdict}; margin "
                   f"{margin:.1f} over the other heads and fragments ({fl.name})")
            bonus = _span_bonus(text, head, o, h)
            if bonus:
                why += (f"; page evidence {bonus:+.0f} (terms across the junction printed "
                        f"elsewhere on the page) included in {sc:.1f}")
            if o.kind in ("lead", "tail"):
                why += (f"; the fragment is the {'first' if o.kind == 'lead' else 'last'} "
                        f"sentence of block {o.index + 1}, a printed line of its own that "
                        f"unwrap_lines joined on")
            elif o.kind == "joined":
                left = text[blocks[o.index].start:o.start]
                why += (f"; heal had joined the fragment to {left[-6:]}|{o.text[:6]} "
                        f"{continuation(left, o.text, fl):.1f}, which the score also beats")
            conf = round(min(0.99, 0.6 + sc / 20), 2)
            if o.kind != "block":
                batch.move(o.start, o.end, h.end, "attach_orphan", conf,
                           f"fragment completes the sentence cut at this place: {why}")
                if h.joined:
                    breaks.append(origins[o.end - 1])
            elif h.joined:
                batch.move(o.start, o.end + 2, h.end, "attach_orphan", conf,
                           f"fragment completes the sentence heal joined on at this place: {why}")
            else:
                batch.move(o.start, o.end, h.end, "attach_orphan", conf,
                           f"fragment completes the sentence cut at the end of block "
                           f"{h.block + 1}: {why}")
                for a, b_ in edits[0]:
                    batch.delete(a, b_, "attach_orphan", 0.9,
                                 "blank line left where the fragment was")
    _restore_breaks(doc, stage, breaks)


def _assignment_regret(pairs: list) -> dict[tuple[int, tuple[int, int]], float]:
    """For each pair of the best one-to-one pairing of fragments and heads (total score of
    pairs scoring above 0), how much the best pairing *without* it falls short.

    Why: judged one at a time, a fragment's true pair loses to a rival head that another
    fragment completes better (``起底一|批项目`` 7.3 and ``完善三|个报告`` 5.5 against
    ``起底一|个报告`` 6.2); the pairing as a whole tells them apart (12.8 against 10.3).
    """
    import numpy as np
    from scipy.optimize import linear_sum_assignment

    frags = sorted({p[3].start for p in pairs if p[0] > 0})
    heads = sorted({(p[4].block, p[4].end) for p in pairs if p[0] > 0})
    if not frags or not heads or len(frags) * len(heads) > MAX_ASSIGNMENT:
        return {}
    fi = {f: k for k, f in enumerate(frags)}
    hi = {h: k for k, h in enumerate(heads)}
    w = np.zeros((len(frags), len(heads)))
    for sc, _, _, o, h in pairs:
        if sc > 0 and o.start in fi:
            k, j = fi[o.start], hi[(h.block, h.end)]
            w[k, j] = max(w[k, j], sc)

    def best(m) -> tuple[float, list[tuple[int, int]]]:
        r, c = linear_sum_assignment(m, maximize=True)
        return float(m[r, c].sum()), [(a, b) for a, b in zip(r, c) if m[a, b] > 0]

    total, chosen = best(w)
    out = {}
    for k, j in chosen:
        m = w.copy()
        m[k, j] = 0.0
        out[(frags[k], heads[j])] = total - best(m)[0]
    return out


def _unread(head: str, rest: str) -> bool:
    """The word model reads nothing across ``head|rest``: the head ends with a Chinese
    character and what follows opens with a quote, bracket or digit (``…效能|“新义派出所``),
    where :func:`continuation` has no junction to score. Such an opening is no evidence
    against a fragment that reads on badly: the pair is a model tie.

    >>> _unread("辖区社会治安效能", "“新义派出所”"), _unread("辖区社会治安效能", "新义派出所")
    (True, False)
    """
    return is_cjk(head[-1]) and not is_cjk(rest[0]) and rest[0] not in CLOSERS \
        and rest[0] not in SENTENCE_END and not rest[0].isspace()


def _tie_edge(pair: tuple) -> bool:
    """A pair the model cannot judge (|score| < MATCH_TIE) between a short block fragment
    and a cut head printed after it: the direction a fragment strays in (before its
    head: it is set where its column ends, and its head's column comes later). A head
    inside a join ``heal`` made counts too: the pair is a tie only when the joined text
    reads on no better than the fragment (a fluent join leaves the fragment far below),
    so the join is no evidence against it. (Left out in session 7, when long fragments
    still counted as rivals: 2 more right moves, 1 more wrong one; in session 8, with
    _long_unread, simulated seeds 3 / 11 / 5 / 13: orphans fixed +0 / +4 / +6 / +5, wrong
    moves +0 / +1 / +0 / +0, column_break precision up on all four. Session 9, fresh
    seeds 25 / 27 / 29 / 31: +5 right, +4 wrong moves, column_break wrong joins 43 -> 41;
    seeds 3 / 11 +1 / +3 right, +1 / +0 wrong, column_break on seed 11 263 -> 266 of 272
    joins right. A near coin flip for the orphan class, kept for the joins it undoes:
    without it ``orphans`` precision on the fresh seeds is 0.977 at recall 0.731, with it
    0.964 at 0.745 (README, "Fresh seeds"). Session 10, seeds 41 / 43 / 3 / 11 / 21 / 23 /
    25 / 27 / 29 / 31, after heads before the fragment went (:data:`MATCH_AFTER`) and with
    WEAK_AFTER: moves forced at heal joins 18 right / 5 wrong; without the ties at joins
    orphans fixed 741 → 724, wrong moves 18 → 13, column_break wrong joins 86 → 98; no
    score, distance or shape told the five wrong ones (heads whose end the page lost,
    both junctions floored) from the right ones, so the ties stay.)"""
    sc, _, _, o, h = pair
    return o.kind == "block" and len(o.text) <= MATCH_SHORT and abs(sc) < MATCH_TIE \
        and 0 < h.block - o.index <= WEAK_AFTER


def _forced_pairs(pairs: list, text: str) -> set[tuple[int, tuple[int, int]]]:
    """Pairs of fragment and head that every largest one-to-one pairing of the page holds.

    Why: where the model cannot tell (a junction across a name or a rare word backs off
    to the same estimate whatever follows), the page itself can: a cut head must be
    completed by something and a sentence-end fragment must complete something. The
    graph links each fragment to the heads it could end: those with evidence of their own
    (:func:`_admissible`), those the model does not rule out (score > FORCE_RIVAL) and,
    for model ties, heads printed after it (:func:`_tie_edge`). A tie pair that no
    largest pairing can do without is taken. ``set()`` if none.

    >>> f, g = Frag(0, 0, 4, "报告。", "block"), Frag(3, 30, 34, "建议。", "block")
    >>> h, k = Head(2, 10, 30, False, ""), Head(5, 40, 60, False, "")
    >>> page = "".join(chr(0x4e00 + 37 * i) for i in range(60))  # no clause mark, no repeat
    >>> sorted(_forced_pairs([(0.0, 0, 0, f, h), (0.0, 0, 0, g, h), (0.0, 0, 0, g, k)], page))
    [(0, (2, 30)), (30, (5, 60))]
    """
    import numpy as np
    from scipy.optimize import linear_sum_assignment

    edges = {(p[3].start, (p[4].block, p[4].end)): _tie_edge(p) for p in pairs
             if _tie_edge(p) or _admissible(p, text) or
             (p[0] > FORCE_RIVAL and len(p[3].text) <= MATCH_SHORT)}
    if not any(edges.values()):
        return set()
    frags = sorted({f for f, _ in edges})
    heads = sorted({h for _, h in edges})
    if len(frags) * len(heads) > MAX_ASSIGNMENT:
        return set()
    fi = {f: k for k, f in enumerate(frags)}
    hi = {h: k for k, h in enumerate(heads)}
    w = np.zeros((len(frags), len(heads)))
    for f, h in edges:
        w[fi[f], hi[h]] = 1.0

    def size(m) -> float:
        r, c = linear_sum_assignment(m, maximize=True)
        return float(m[r, c].sum())

    full = size(w)
    out = set()
    for (f, h), tie in edges.items():
        if tie:
            m = w.copy()
            m[fi[f], hi[h]] = 0.0
            if size(m) < full:
                out.add((f, h))
    return out


@dataclass(frozen=True)
class Frag:
    """A fragment that may end someone else's sentence: a whole block (``kind`` "block"),
    or the first or last sentence of a block ("lead", "tail") that stood on printed lines
    of its own, which ``unwrap_lines`` joined to a paragraph."""

    index: int  # the block it is in
    start: int
    end: int
    text: str
    kind: str


def _inner_fragments(doc: Doc, blocks: list[Block], text: str, config: Config) -> list[Frag]:
    """Sentence-end fragments inside blocks of a line-per-line page.

    Why: on a page printed one line per text line with no blank line between paragraphs,
    a fragment standing alone is one printed line; when it fills its column, nothing shows
    the paragraph end and ``unwrap_lines`` joins it to the paragraph after it (or the
    paragraph before it onto it). It is then the block's first sentence (ending where a
    printed line ends) or its last one (starting where a printed line starts, after a
    sentence end): a candidate like a block of its own, judged by the same pairing.
    """
    joins = set(_heal_joins(doc, doc.rendered.origins, ("unwrap_lines",)))
    if not joins:
        return []
    out = []
    for b in blocks:
        if "\n" in b.text:
            continue
        inner = sorted(p for p in joins if b.start < p < b.end)
        if not inner:
            continue
        lead_end = next((p for p in inner if _one_sentence(text[b.start:p])), None)
        if lead_end is not None:
            out.append(Frag(b.index, b.start, lead_end, text[b.start:lead_end], "lead"))
        tail_start = next((p for p in reversed(inner) if _one_sentence(text[p:b.end])
                           and ends_sentence(text[b.start:p])), None)
        if tail_start is not None:
            out.append(Frag(b.index, tail_start, b.end, text[tail_start:b.end], "tail"))
    return [f for f in out if len(f.text) <= MATCH_SHORT and (is_cjk(f.text[0]) or
            f.text[0] in CLOSERS) and not _opens_sentence(f.text, config)
            and _can_move(doc, f.start, f.end)]


def _can_move(doc: Doc, start: int, end: int) -> bool:
    """Can ``text[start:end]`` be moved as one source span? Like :meth:`Doc.movable`, but a
    span whose source had characters deleted inside it (a stray space ``normalise`` took
    out of ``招引一批 项目。``) moves too: the deletion lies inside the moved source span
    and travels with it. Its source must run forward, every earlier change touching it
    must lie inside it, and no earlier move may touch it.

    On a page read with boxes only a span that starts a piece of the geometry moves
    (:func:`ocrfix.geometry.starts_piece`): inside a piece the geometry reads the lines
    in order. On 13 bench-scan directories (192 Tesseract pages) keeping such fragments
    in place changed 5 pages, all for the better (stacked seed 10, page 1: 0.034 →
    0.020; mixed seed 14, page 4, not read before: 0.176 → 0.154)."""
    if start >= end or not starts_piece(doc, doc.rendered.origins[start][0]):
        return False
    if doc.movable(start, end):
        return True
    if start >= end:
        return False
    origins = doc.rendered.origins
    for a, b in zip(origins[start:end], origins[start + 1:end]):
        if a != b and b[0] < a[1]:
            return False
    s, e = origins[start][0], origins[end - 1][1]
    for m in doc.edits:
        if m.start < e and s < m.end and (m.dest is not None or m.start < s or m.end > e):
            return False
    return True


def _joined_tails(doc: Doc, blocks: list[Block], text: str, config: Config) -> list[Frag]:
    """Sentence-end fragments that ``heal`` joined to the wrong head.

    Why: a fragment printed right after a paragraph cut by a column break
    (``…要加强医疗物资生产保`` / ``提出意见建议。`` / ``供，完善…``) is taken by ``heal`` for the
    rest of that sentence. It is then the last sentence of a block after a heal join; it
    may go to another head only if it reads on from that head clearly better than from
    the text it was joined to (strong evidence only). The column break is then visible
    again, and ``retouch`` joins the cut paragraph to its real continuation.
    """
    out = []
    for p in _joins_across(doc, MATCH_JOINS):
        b = next((b for b in blocks if b.start < p < b.end), None)
        if b is None or "\n" in b.text:
            continue
        t = text[p:b.end]
        if len(t) <= MATCH_SHORT and _one_sentence(t) and is_cjk(t[0]) and \
                not _opens_sentence(t, config) and _can_move(doc, p, b.end):
            out.append(Frag(b.index, p, b.end, t, "joined"))
    return out


def _joins_across(doc: Doc, rules: tuple[str, ...]) -> list[int]:
    """Positions in the current text where ``heal`` (one of ``rules``) joined two blocks,
    also when the source between them held text an earlier stage moved away (a fragment
    ``fragments`` attached elsewhere): any source gap at the position holding such a join."""
    import bisect
    joins = sorted((e.start, e.end) for e in doc.edits
                   if e.stage == "heal" and e.rule in rules and not e.after)
    if not joins:
        return []
    starts = [j[0] for j in joins]
    origins = doc.rendered.origins
    out = []
    for i in range(1, len(origins)):
        a, b = origins[i - 1][1], origins[i][0]
        if a < b:
            k = bisect.bisect_left(starts, a)
            if k < len(joins) and joins[k][1] <= b:
                out.append(i)
    return out


def _one_sentence(t: str) -> bool:
    """``t`` is one sentence: it ends one, and no sentence ends before its last marks."""
    if not t or not ends_sentence(t):
        return False
    body = t.rstrip("”’）》」』】。！？…")
    return bool(body) and not any(ch in SENTENCE_END for ch in body)


def _restore_breaks(doc: Doc, stage: str, breaks: list[tuple[int, int]]) -> None:
    """Put the paragraph break back after inner fragments moved into a join: the text the
    join had glued on opens the next paragraph again (a block fragment brings its own)."""
    if not breaks:
        return
    origins = doc.rendered.origins
    where = {o: i for i, o in enumerate(origins)}
    with doc.batch(stage, optional=True) as batch:
        for src in breaks:
            i = where.get(src)
            if i is not None and i + 1 < len(origins) and doc.text[i + 1] != "\n":
                batch.insert(i + 1, "\n\n", "attach_orphan", 0.9,
                             "paragraph break after the fragment put back into the join")


def _pair_verdict(o: Frag, head: str, h: Head, sc: float, margin: float, text: str,
                  forced: bool = False) -> str | None:
    """Why the pair (fragment, head) is taken, or None when the evidence is too weak.

    A fragment of a sentence or more must read on from the head clearly better than what
    follows the head now (MATCH_SCORE, margin MATCH_MARGIN), and so must a sentence taken
    from inside a paragraph (it is a paragraph's own first or last sentence far more often
    than a fragment). A short block fragment needs only to be the head's unrivalled
    partner (MATCH_SHORT_MARGIN) when the model prefers it at all, or cannot tell and the
    structure speaks for it, or the page's pairing forces it (``forced``,
    :func:`_forced_pairs`).
    """
    found = _evidence(o, head, h, sc, text, forced)
    if found is None or margin < found[1]:
        return None
    return found[0]


def _evidence(o: Frag, head: str, h: Head, sc: float, text: str, forced: bool = False
              ) -> tuple[str, float] | None:
    """What speaks for a pair, and the margin it needs over its rivals; None if nothing
    does (:func:`_pair_verdict`)."""
    if sc >= MATCH_SCORE:
        return f"{sc:.1f} ≥ {MATCH_SCORE}, margin ≥ {MATCH_MARGIN}", MATCH_MARGIN
    if o.kind != "block" or len(o.text) > MATCH_SHORT or sc <= -MATCH_TIE or \
            h.block - o.index > WEAK_AFTER:
        return None
    if sc >= MATCH_TIE:
        return (f"a short fragment the model prefers ({sc:.1f} ≥ {MATCH_TIE}), unrivalled "
                f"(margin ≥ {MATCH_SHORT_MARGIN})"), MATCH_SHORT_MARGIN
    why = _structure(o.text, head, h, text)
    if not why and forced:
        why = ("every one-to-one pairing of the page's fragments with the cut heads after "
               "them holds this pair")
    if not why:
        return None
    return (f"a short fragment the model cannot tell from the present reading "
            f"(|{sc:.1f}| < {MATCH_TIE}), unrivalled (margin ≥ {MATCH_SHORT_MARGIN}), and "
            f"{why}"), MATCH_SHORT_MARGIN


def _admissible(pair: tuple, text: str) -> bool:
    """Could this pair be taken on its own evidence? A fragment that could not (a
    sentence of its own the model does not read on from the head) is no rival for a
    head: two fragments the model cannot tell apart are told apart by structure."""
    sc, _, _, o, h = pair
    return not _long_unread(o, pair[1]) and \
        _evidence(o, text[h.start:h.end], h, sc, text) is not None


def _long_unread(o: Frag, s: float) -> bool:
    """A fragment longer than a clause (MATCH_SHORT) that the model does not read on from
    the head by itself (``s`` < MATCH_LONG_READ, before the head's present continuation
    is subtracted).

    Why: a sentence of its own is far more often a short paragraph than a sentence end,
    and the floor on the head's present continuation (MATCH_NATURAL_FLOOR) lets any
    fragment with a junction gain near zero score as if it read on (simulated seed 3: a
    29-character paragraph ``针对…问题，市政协…建议。`` moved onto ``…污染物减排等`` at a gain
    of 0.2).
    """
    return len(o.text) > MATCH_SHORT and s < MATCH_LONG_READ


def _structure(frag: str, head: str, h: Head, text: str) -> str:
    """Evidence besides the word model that ``frag`` ends the sentence ``head`` breaks off:
    the head ends with a clause mark (no paragraph ends there, so it was cut), the
    fragment cannot open a paragraph (a one-character clause, closing punctuation, a
    particle), or a string spanning the junction is printed elsewhere on the page and
    none spanning the present join is. ``''`` if there is none."""
    from .heal import cannot_open
    if head[-1] in CLAUSE_MARKS:
        return f"the head ends with {head[-1]!r}, which ends no paragraph"
    why = cannot_open(frag)
    if why:
        return f"the fragment {why}"
    skip = h.end if h.joined else None
    span = page_span(text, head, frag, skip)
    if len(span) >= SPAN_MIN and len(span) > len(page_span(text, head, h.rest, skip)):
        return f"the page prints {span!r} elsewhere"
    return ""


def _span_bonus(text: str, head: str, o: Frag, h: Head) -> float:
    """Page evidence in nats-like units: SPAN_WEIGHT for each character beyond two of the
    longest term across head|fragment printed elsewhere on the page, less the same for
    head|what follows it now."""
    if not SPAN_WEIGHT:
        return 0.0
    skip = h.end if h.joined else None
    frag = len(page_span(text, head, o.text, skip))
    rest = len(page_span(text, head, h.rest, skip)) if h.rest else 0
    return SPAN_WEIGHT * (max(0, frag - 2) - max(0, rest - 2))


def page_span(text: str, left: str, right: str, skip: int | None = None) -> str:
    """The longest string across ``left|right`` (at most SPAN_SIDE Chinese characters of
    each side, at least one) that the page ``text`` prints, not counting a place that
    straddles position ``skip`` (the junction itself, where the two are joined now).

    Why: a page repeats its names and terms (``专业镇``, ``赵亚宏``), so a term the junction
    would complete that is printed elsewhere on the page is evidence the word model does
    not have.

    >>> page_span("汾阳专业镇发展。……专业", "专业", "镇被省政府命名")
    '专业镇'
    >>> page_span("推进专业镇发展。", "推进专业", "镇发展", skip=4)
    ''
    """
    best = ""
    for i in range(1, SPAN_SIDE + 1):
        lw = left[-i:]
        if len(lw) < i or not all(is_cjk(c) for c in lw):
            break
        for j in range(1, SPAN_SIDE + 1):
            rw = right[:j]
            if len(rw) < j or not all(is_cjk(c) for c in rw):
                break
            if len(lw + rw) > len(best) and _printed(text, lw + rw, skip, i):
                best = lw + rw
    return best


def _printed(text: str, s: str, skip: int | None, cut: int) -> bool:
    """Does ``text`` hold ``s`` anywhere but across ``skip`` (``s`` cut after ``cut``)?"""
    at = text.find(s)
    while at >= 0:
        if skip is None or at + cut != skip:
            return True
        at = text.find(s, at + 1)
    return False


def _orphan_edits(doc: Doc, o: Frag, h: Head, blocks: list[Block], text: str
                  ) -> tuple[list[tuple[int, int]], set[int]] | None:
    """The gap deletions an attachment needs and the positions it touches (so that two
    attachments in one batch never overlap); None when the fragment cannot be moved so."""
    if o.kind != "block":
        return [], set(range(o.start - 1, o.end + 1)) | {h.end - 1, h.end}
    if h.joined:
        if text[o.end:o.end + 2] != "\n\n" or not _can_move(doc, o.start, o.end + 2):
            return None
        return [], set(range(o.start, o.end + 2)) | {h.end - 1, h.end}
    k = o.index
    if k + 1 < len(blocks):
        gap = (o.end, blocks[k + 1].start)
    elif k > 0:
        gap = (blocks[k - 1].end, o.start)
    else:
        return None
    touched = set(range(min(gap[0], o.start), max(gap[1], o.end))) | {h.end - 1, h.end}
    return ([gap] if gap[1] > gap[0] else []), touched
