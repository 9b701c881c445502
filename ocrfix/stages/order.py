"""order: put whole blocks of an article back in reading order.

Runs after ``heal`` (paragraphs are whole) and before ``assemble`` (which names the
roles). Three rules, in this order:

* ``move_trailing_headline`` — a headline printed *after* its article (it is followed by
  another header, not by its own text) goes before the paragraphs it shares the most
  words with; when words are not clear, structure places it: an article with no header
  of its own before it (opened by a byline or ``本报讯…`` inside the body run, or starting
  the page) takes it if the header's words lean its way (:mod:`ocrfix.topic`) or nothing
  follows it on the page. A stacked header run parts where the words of its lines say
  (:func:`_settle_split`; a deck whose words and pairs lean to the article, however
  little, goes with it, :func:`_tilts_to_part`), and a header-shaped line that a word of
  the page reads on from into the paragraph under it is that paragraph's cut-off head
  (:func:`_cut_heads_as_body`, :func:`_word_across`).
* ``move_tail`` — the last paragraphs of an article printed *before* its header
  (``扩种高粱…`` before ``千年传承引领现代经济腾飞``) go to the end of that article.
* ``merge_interleaved_articles`` — when article B is printed inside article A, the
  paragraphs of A after B go back before B's header.

Pages are cut into *regions* at header runs (label, kicker, headline, subtitle and a
byline under them); the evidence that a run of paragraphs at the end of one region
belongs to a neighbouring region is lexical: the share of their character pairs (weighted
by how rare each pair is on the page) found in that region's text against the share in
their own region's. A source line (``据《经济日报》``) or a closing byline ends an article, so
paragraphs after it lean towards the next one. Where that finds nothing, topic evidence
(:mod:`ocrfix.topic`, word-unigram models of the regions) may move a run whose words are
far more likely under the neighbouring article than under its own; a run that opens with
a person speaking moves to the article whose header or lead alone names that person
(:func:`_speaker_suffix`); a run that opens with the meeting as its subject (``会议强调，…``)
moves to the only neighbouring article that reports a meeting (:func:`_meeting_suffix`). A
headerless page start that opens like an article (``本报讯…``) takes its rest back like any
article (:func:`_opened_start`). A run goes to a region's end only if that end is its article's
end (:func:`_fits_target`: no second article in the region, the run and the region's
last paragraph read like its header and lead; for a tail, the next region does not go on
with that article, :func:`_continued`), and not on words alone to an article that does
not name the speaker it opens with (:func:`_speaker_named_elsewhere`), after any sub-head of that article left
at the top of the next header run (:func:`_destination`). For these two rules a paragraph
that opens with a dateline (``本报讯…``) inside a region starts a region of its own
(:func:`_article_regions`): a brief printed without a header ends the article above it.
A run that holds text an earlier stage moved cannot be moved again in the log; the blocks
between it and its place move the other way instead (:func:`_move_between`). On a page
read with boxes a run moves only if it starts a piece of the geometry, and only to a
header that starts one (:func:`_starts_a_piece`). Every move is logged with its evidence.
"""

from __future__ import annotations

import math
import re
import unicodedata
from collections import Counter
from dataclasses import dataclass

from ..chars import ends_sentence, is_cjk
from ..config import Config
from ..errors import EditConflict
from ..doc import Block, Doc
from ..fluency import fluency
from ..geometry import starts_piece
from ..lm import default_model
from ..topic import Topic
from .assemble import HEADER_ROLES, SOURCE, SUBHEAD, SUBTITLE, assign_roles, is_headerish, source_or_byline

NAME = "order"
REQUIRES = ("text", "paragraphs")
ASSIGNS = ("reading_order",)

#: No paragraph of a moved run may lean towards its own region by more than this…
LEAN = 0.05
#: …and the run's mean lean, plus structural hints, must reach this.
RUN_LEAN = 0.2
#: Weight of one structural hint (article closed by a source line; target cut short).
HINT = 0.1
#: At most this many rounds of the three rules (see :func:`run`).
PASSES = 3
#: Topic evidence (:mod:`ocrfix.topic`): a run moves when its words are this much more
#: likely (mean nats a word) under the other article than under its own…
TOPIC_RUN = 2.0
#: …and no paragraph of it is below this.
TOPIC_MIN = 0.3
#: A run at the end of a region is moved on topic evidence when its words are this much
#: more likely (mean nats a word) under the neighbouring article than under its own: at
#: :data:`TOPIC_RUN` only a third of the tails and of the rests of interleaved articles
#: on simulated pages moved; at 1.0 about 60 % do, with the side check below keeping the
#: wrong moves as rare.
TOPIC_MOVE = 1.0
#: …and by this much more than under the article on the region's other side: a run at
#: the end of a region is either a tail of the next article or the rest of the previous
#: one, and a run that reads about as well either way is left where it is.
TOPIC_SIDE = 0.5
#: A headerless run at the page start (an article's tail printed before its header at
#: the top of the page) must read at least this much more like the article after it
#: than like the language at large, besides reading like it by :data:`TOPIC_MOVE` more
#: than like every other article on the page. Below 0: against the language at large a
#: region's model loses on every word the region never used (about log(PRIOR / (n +
#: PRIOR)) nats, -3 for an article of 500 words), so a true tail of a long article often
#: scores a little under 0; the comparison with every other article carries the
#: evidence. On the tuning seeds' headerless tails (6 × 200 pages) -0.5 moves 4 more of
#: 54, none wrongly; the one wrong candidate that passes the article comparison scores -1.0.
HEADLESS_BG = -0.5
#: A run found by shared character pairs (:func:`_misplaced_suffix`) needs its words to
#: lean at least this far (nats a word) to the article it moves to.
PAIRS_LLR = 1.0
#: At most this many paragraphs move as one run…
MAX_RUN = 6
#: …or this many when they go back to an article printed before them (the rest of an
#: article printed after another one inside it is often longer than a tail: A can be cut
#: after its first paragraph or two). Each paragraph of a run moved on words must still
#: read like that article (:data:`TOPIC_MIN`, grown by :data:`TOPIC_MOVE`).
MAX_REST = 12
#: A paragraph that opens with a person speaking is the ``speaker`` row of
#: rules/openers.tsv (``config.rules.opener("speech")``; the name is its ``name`` group);
#: one whose subject is the meeting itself (``会议强调，…``, ``会上，…``) is its ``meeting``
#: row: such a paragraph refers back to a meeting its article reported before and cannot
#: open an article of its own.
#: Confidence of a move on a speaker named in the other article (:func:`_speaker_suffix`).
SPEAKER_CONF = 0.75
#: A header or lead that reports a meeting: a meeting was held (召开) or is named by its
#: kind. 会 alone is not enough (协会, 社会, 机会).
MEETING = re.compile(r"召开|会议|全会|大会|[座约洽]谈会|生活会|常务会|工作会|推进会|部署会|学习会|"
                     r"报告会|发布会|交流会|现场会|调度会|联席会|党组会|理事会|研讨会|论坛")
#: Confidence of a move on a meeting named only in the other article (:func:`_meeting_suffix`).
MEETING_CONF = 0.75
#: ... and the run's words must lean that way by at least this many nats a word. Why
#: not any lean above 0: on a scanned page (bench scan seed 1, page 9) a line broken by
#: the engine was taken for a header, and the meeting paragraphs after it moved 524
#: characters on a lean of 0.01; the meeting moves on simulated tuning seeds 11 and 17
#: leaned 0.10 and 0.34.
MEETING_LEAN = 0.05
#: A speaker's name is rarer than this in the language at large (log-probability of the
#: word under :func:`ocrfix.lm.default_model`): the common nouns that open paragraphs
#: like a speaker (会议 -7.7, 记者 -7.8, 与会 -11.1, 负责人 -9.7) are all more frequent;
#: names not in the dictionary get its floor (about -17.9).
NAME_LOGP = -11.5
#: A run moves to the end of another region only if its words are at least this much more
#: likely (nats a word) under that region's header and lead than under what is left of its
#: own region (:func:`_fits_target`): 0 — more likely, not only as likely as under some
#: later paragraph there (on simulated pages every wrong move it stops had its words from
#: such paragraphs: the rest of an article printed inside the region).
HEAD_LLR = 0.0
#: …and the words of that region's last paragraph (the run will follow it) at least this
#: much more likely under the header and lead than under the run's own region.
TARGET_LLR = 0.0
#: Affinity to a region is the mean similarity to its this many most similar blocks.
TOP = 2
#: Paragraphs shorter than this carry too few character pairs to judge.
MIN_CHARS = 30
#: A header after an article with no header of its own (:func:`_opened_part`) moves to
#: it when its words are this much more likely under it than under the text after…
OPENED_LLR = 0.0
#: …or this much when that article opens the page with a byline or dateline.
OPENED_LLR_START = -1.0
#: …or this much when that article starts the page without a byline or dateline.
OPENED_LLR_BARE = 2.0
#: A header at the page end (no text after it to compare with) over a page that starts
#: mid-article needs its words to read more like that article than like the text above
#: it (or the language at large) by this much: debris there is no header.
PAGE_END_LLR = 0.0
#: …and its lines are at least this share Chinese characters.
HEADER_CJK = 0.6
#: A subtitle under a header printed after its article stays with that header unless its
#: words lean to the text after it by this many nats a word: a feature whose main headline
#: was lost starts with its subtitle (``——我市培育特色专业镇发展纪实``).
SUBTITLE_OWN_LLR = 1.0
#: Confidence of such a move.
OPENED_CONF = 0.8
#: Shared pairs put a trailing header's article start after the paragraph under a
#: byline: the paragraphs from the byline to the split join the article unless their
#: words lean away from it — more likely under the other text around (before the byline,
#: after the header run) than under the article — by more than this many nats a word. A
#: byline opens a feature, and a feature's lead may only set the scene (``春日胜黄金，光景
#: 一时新…``): it shares no pairs with the headline and leans neither way (about 0); a
#: paragraph of another article leans away by several nats. Not after a dateline
#: (``本报讯…``): that may open a brief printed without a header, and a brief on the same
#: person or project as the article after it reads like that article.
OPENER_LLR = 1.0
#: A header-shaped block whose junction into the paragraph under it gains this many nats
#: under the word model is that paragraph's cut-off head (:func:`_cut_heads_as_body`):
#: a gain above 1 nat holds for about half of true junctions and 2 % of random ones
#: (:mod:`ocrfix.fluency`); on the golden pages every header over a paragraph that does
#: not open like an article or a paragraph gains less than 0.
CUT_HEAD_GAIN = 1.0
#: …or whose junction spans a three-character string the page uses this many times
#: elsewhere (:func:`_word_across`): ``“杏花村汾酒”专业`` over ``镇位于吕梁汾阳市…`` in a
#: feature that says 专业镇 thirty times, where the word model does not know the word;
#: on simulated pages (seeds 5, 13, 21) no true header reaches 3 over a paragraph that
#: does not open like an article.
CUT_HEAD_SEEN = 3
#: A deck of two phrases set apart by a space (``强化科技创新 助力高质量发展``): normalise
#: keeps that space only in a header, and no paragraph cut by a column break reads so;
#: it is never taken for a paragraph's cut-off head (:func:`_cut_heads_as_body`), however
#: well its last words read on into the paragraph under it.
DECK = re.compile(r"^[\u4e00-\u9fff“”]{4,}[ \u3000]+[\u4e00-\u9fff“”]{4,}$")
#: A stacked header run (one article's header over the next one's) is split where its
#: lines' words say (:func:`_line_split_score`) rather than where the shared pairs do
#: when that fits by this many nats a word more: moving one line across the split
#: changes the fit by twice its lean, so a line must lean as far as a run of paragraphs
#: moved on topic evidence alone (:data:`TOPIC_RUN`); a slogan banner left in the run
#: (``学习贯彻党的二十大精神``) leans less than that either way.
SPLIT_LLR = 2 * TOPIC_RUN


def run(doc: Doc, config: Config) -> Doc:
    """The rules run again while they still move something: a move changes the regions,
    and what it reveals would otherwise be moved by a second run of the pipeline."""
    for _ in range(PASSES):
        before = len(doc.edits)
        for rule, fn in (("move_trailing_headline", move_trailing_headlines),
                         ("move_tail", move_tails),
                         ("merge_interleaved_articles", merge_interleaved_articles)):
            if rule not in config.disabled_rules:
                fn(doc, config)
        if len(doc.edits) == before:
            break
    return doc


# -- regions and affinity ---------------------------------------------------------------------
@dataclass(frozen=True)
class Region:
    """A header run and the body blocks under it (``header`` is empty for the text before
    the page's first header)."""

    header: tuple[int, ...]
    body: tuple[int, ...]


def regions(blocks: list[Block], config: Config) -> list[Region]:
    """Cut the page at header runs. A short line taken for a header that reads on into
    the paragraph under it is that paragraph's cut-off head (:func:`_cut_heads_as_body`):
    as a header it would cut one article into two regions, and the rules would move
    paragraphs between its halves."""
    roles = _cut_heads_as_body(blocks, assign_roles(blocks, config), config)
    out: list[Region] = []
    header: list[int] = []
    body: list[int] = []
    for i, role in enumerate(roles):
        is_header = role in HEADER_ROLES or (role == "byline" and header and not body)
        if is_header and body:
            out.append(Region(tuple(header), tuple(body)))
            header, body = [], []
        (header if is_header else body).append(i)
    if header or body:
        out.append(Region(tuple(header), tuple(body)))
    return out


def _pairs(text: str) -> set[str]:
    return {text[k:k + 2] for k in range(len(text) - 1)
            if is_cjk(text[k]) and is_cjk(text[k + 1])}


class Affinity:
    """Share of a block's character pairs found in a set of other blocks, each pair weighted
    by its rarity on the page (a pair in every article, like 发展, says nothing)."""

    def __init__(self, blocks: list[Block]) -> None:
        self.pairs = [_pairs(b.text) for b in blocks]
        df = Counter(p for ps in self.pairs for p in ps)
        n = len(blocks) + 1
        self.weight = {p: math.log(n / c) for p, c in df.items()}

    def similarity(self, k: int, o: int) -> float:
        """Weighted share of block ``k``'s pairs that block ``o`` also has."""
        mine = self.pairs[k]
        total = sum(self.weight[p] for p in mine)
        if not total:
            return 0.0
        return sum(self.weight[p] for p in mine & self.pairs[o]) / total

    def __call__(self, k: int, others: list[int]) -> float:
        """Mean similarity to the ``TOP`` most similar of ``others``: a region's size does
        not inflate it (a union of many blocks would cover any paragraph)."""
        sims = sorted((self.similarity(k, o) for o in others), reverse=True)[:TOP]
        return sum(sims) / len(sims) if sims else 0.0


def _ends_article(b: Block, config: Config) -> bool:
    """A source line or a closing byline ends an article."""
    return source_or_byline(b.text, config)


def _lean(aff: Affinity, run: list[int], home: list[int], other: list[int]) -> list[float]:
    return [aff(k, other) - aff(k, home) for k in run]


# -- move_tail ---------------------------------------------------------------------------------
def move_tails(doc: Doc, config: Config) -> None:
    """Move the end of an article printed before its header to after its last paragraph."""
    _move_misplaced_runs(doc, config, "move_tail", lambda x, y: (x, y), lambda home, other, ev: (
        f"paragraphs before the header of “{other}” share its words ({ev}); moved to "
        "that article's end"))


def merge_interleaved_articles(doc: Doc, config: Config) -> None:
    """Move paragraphs of article A printed after an article B inside A back before B."""
    _move_misplaced_runs(doc, config, "merge_interleaved_articles", lambda x, y: (y, x),
                         lambda home, other, ev: (
        f"paragraphs at the end of “{home}” share the words of “{other}” ({ev}); "
        "moved back before the article printed inside it"))


def _move_misplaced_runs(doc: Doc, config: Config, rule: str, pick, reason) -> None:
    """For each pair of neighbouring regions, ``pick(x, y)`` gives (home, other): a run
    at the end of home's body that belongs to other moves to the end of other's body.
    ``reason(home title, other title, evidence)`` words the log entry.

    Runs on one page are decided together, and a region's end may both lose a run and
    receive one: a run arriving at a region whose own last paragraphs leave in this
    round is judged against, and lands after, what stays there; a run that cannot leave
    in this round (its place is taken) keeps other runs from landing after it until the
    next round, since buried under them it would no longer be at its region's end."""
    blocks = doc.blocks()
    regs = _article_regions(blocks, config)
    aff = Affinity(blocks)
    topic = Topic([b.text for b in blocks])
    used: set[int] = set()
    toward = "next" if rule == "move_tail" else "previous"
    planned: list = []  # fills of the batch, each checked to replay with those before it
    pairs = list(enumerate(zip(regs, regs[1:])))
    # a tail leaves its region before another run arrives there: from the page end up,
    # the run arriving after a region's last paragraph would otherwise land after a tail
    # that is about to leave (and keep it from leaving)
    left: set[int] = set()  # blocks of the runs that leave their region in this round
    for n, (x, y) in (pairs[::-1] if toward == "next" else pairs):
        home, other = pick(x, y)
        regs_now = regs
        if left & set(other.body):
            # ``other``'s own end leaves in this round (a tail of the article after it):
            # its article ends where that run began, and a run arriving is judged against
            # and lands after what stays
            kept = Region(other.header, tuple(k for k in other.body if k not in left))
            regs_now = [kept if r is other else r for r in regs]
            if x is other:
                x = kept
            else:
                y = kept
            other = kept
            if not other.body:
                continue
        if toward == "previous" and not (_headed(y, blocks, config) and (
                x.header or _opened_start(x, blocks, config))):
            continue
        if y.header and not _starts_a_piece(doc, blocks[y.header[0]]):
            continue  # a header line in the middle of a piece: a sub-head, or a line cut short
        if toward == "next" and not other.header:
            continue  # a tail is printed before its article's header: ``other`` has one
        # the neighbour on home's other side: a run at home's end could belong there
        side = n - 1 if toward == "next" else n + 2
        rival = regs_now[side] if 0 <= side < len(regs_now) and \
            _headed(regs_now[side], blocks, config) else None
        found = _misplaced_suffix(home, other, blocks, aff, config, toward=toward,
                                  everywhere=regs_now)
        if found is not None and not _words_agree(found[0], home, other, rival, topic):
            found = None  # shared pairs say move, the words do not: no move on pairs
        if found is None:
            found = _topic_suffix(home, other, blocks, topic, config, everywhere=regs_now,
                                  rival=rival)
        if found is None:
            found = _speaker_suffix(home, other, blocks, topic, config, everywhere=regs_now)
        if found is None:
            found = _meeting_suffix(home, other, blocks, topic, config, everywhere=regs_now,
                                    rival=rival)
        if found is None:
            continue
        if used & set(found[0]) or other.body[-1] in used:
            # the run cannot leave in this round (its place is taken); a run arriving
            # at home's end now would land after it and bury it: it waits a round too
            used.update(found[0])
            continue
        if _speaker_named_elsewhere(found[0], other, regs_now, blocks, config):
            continue  # the words say ``other``, the speaker says another article
        if not _starts_a_piece(doc, blocks[found[0][0]]):
            continue  # the geometry reads the run on from the paragraph before it
        run, confidence, evidence = found
        fits = _fits_target(run, home, other, blocks, topic, config)
        if fits is not None and toward == "next" and n + 2 < len(regs) and \
                _continued(other, regs_now[n + 2], regs_now, blocks, topic, config, run):
            fits = None  # the article goes on under a line taken for a header
        if fits is None:
            continue  # the run's place at the end of ``other`` is not that article's end
        after, where = _destination(run, home, other, regs_now, blocks, topic)
        if after in used:
            continue
        evidence = f"{evidence}; {fits}{where}"
        why = reason(_title(home, blocks), _title(other, blocks), evidence)
        # one piece (its source may hold edits of earlier stages: lines unwrapped, a
        # caption taken out between two paragraphs), else block by block; a move the
        # log cannot express is skipped rather than failing the page's other moves
        # a run that holds text an earlier stage moved (an orphaned clause put back at
        # its paragraph's end) cannot move again (the log has no moves of moved text):
        # the blocks between the run and its place move the other way instead
        fills = [(lambda b, run=run, after=after, c=confidence, why=why,
                  whole=whole: _move_run(b, blocks, run, after, rule, c, why, whole))
                 for whole in (True, False)]
        fills.append(lambda b, run=run, after=after, c=confidence, why=why:
                     _move_between(b, blocks, run, after, rule, c, why))
        for n_fill, fill in enumerate(fills):
            if _replays(doc, lambda b: [f(b) for f in planned + [fill]]):
                planned.append(fill)
                used.update(run + [other.body[-1], after])
                left.update(run)
                if n_fill == len(fills) - 1:  # the blocks between moved too
                    used.update(range(min(after + 1, run[-1] + 1), max(after + 1, run[0])))
                break
    if planned:
        with doc.batch(NAME, optional=True) as batch:
            for fill in planned:
                fill(batch)


def _starts_a_piece(doc: Doc, b: Block) -> bool:
    """On a page read with boxes, does ``b`` start a piece of the page (a region of the
    geometry: a column, or a block the engine set apart)? Only whole pieces can be out of
    order there: within a piece the geometry reads lines top to bottom, so a paragraph in
    the middle of one follows the paragraph above it, whatever its words share with
    another article; and a headline, set in its own type, starts a piece, so a header
    line in the middle of one is a sub-head or a line the engine cut short
    (``定调新的一年经济发``, its ``成果，`` and ``展大计。`` lost), not the head of another
    article. On a page of text every block may start a piece.

    Why: on 10 bench-scan directories (152 Tesseract pages) the order stage moved runs
    on two pages, both from the middle of a piece and both wrong (a feature's lead moved
    under its own sub-head, read as another article's header: page CER 0.047 → 0.236); a
    tail printed before its head on an irregular page (an article set around another)
    starts a piece of its own.
    """
    return starts_piece(doc, b.src_start)


def _article_regions(blocks: list[Block], config: Config) -> list[Region]:
    """The page's regions (:func:`regions`), each cut again before every body paragraph
    after its first that opens with a dateline (``本报讯…``, ``新华社…``, ``…日电``): such a
    paragraph starts an article of its own even where no header stands over it (a brief
    printed without one). Left in one region, the article over it ends in the middle of
    the region: a tail moved to the region's end lands after the brief, and the rest of
    an article printed before the brief is not at its region's end and never moves.

    >>> b = Doc(chr(10).join(["小麦喜获丰收", "", "本报讯 全县小麦喜获丰收，亩产创新高，农户抢收小麦，收割机在田间作业。",
    ...     "", "本报讯 县一中新建操场投入使用。", "", "学生在操场上锻炼。"])).blocks()
    >>> [(r.header, r.body) for r in _article_regions(b, Config())]
    [((0,), (1,)), ((), (2, 3))]
    >>> [(r.header, r.body) for r in _article_regions(b[:1] + b[2:], Config())]
    [((0,), (1, 2))]
    """
    out: list[Region] = []
    for r in regions(blocks, config):
        cuts: list[int] = []
        for n in range(1, len(r.body)):
            # a dateline under nothing but fragments (a stray clause before the lead) is
            # the lead of the article over it, not a second article
            if config.rules.opens_with_dateline(blocks[r.body[n]].text) and any(
                    len(blocks[k].text) >= MIN_CHARS for k in r.body[(cuts or [0])[-1]:n]):
                cuts.append(n)
        bounds = [0] + cuts + [len(r.body)]
        out.append(Region(r.header, r.body[:bounds[1]]))
        out.extend(Region((), r.body[a:b]) for a, b in zip(bounds[1:], bounds[2:]))
    return out


def _headed(r: Region, blocks: list[Block], config: Config) -> bool:
    """Is region ``r`` an article in its own right: under a header, or opened like one
    (``本报讯…``, a byline: :func:`_opened_start`)?"""
    return bool(r.header) or _opened_start(r, blocks, config)


def _opened_start(r: Region, blocks: list[Block], config: Config) -> bool:
    """Does headerless region ``r`` start with an article's opening (``本报讯（记者 …）``, a
    byline: rules/openers.tsv)? Then it is a whole article printed without a header (a
    brief), not the end of one continued from elsewhere, and the rest of it printed after
    the next article may go back to it as to any article.

    >>> b = Doc("本报讯 全县小麦喜获丰收。" + 2 * chr(10) + "小麦收割机在田间作业。").blocks()
    >>> _opened_start(Region((), (0, 1)), b, Config()), _opened_start(Region((), (1,)), b, Config())
    (True, False)
    """
    return not r.header and bool(r.body) and config.rules.opens_article(blocks[r.body[0]].text)


def _continued(other: Region, nxt: Region, regs: list[Region], blocks: list[Block],
               topic: Topic, config: Config, run: list[int] = ()) -> bool:
    """Does ``other``'s article go on in the region after it? A line cut from the head of
    a paragraph (``山西强伟纸业有限公司是一个以生产石膏板护面`` over ``纸为主的…``) is taken
    for a header when the word model does not see the cut (:func:`_cut_heads_as_body`),
    and ends ``other``'s region in the middle of its article: a tail moved to that end
    lands inside the article. The region after is a continuation when no byline or
    dateline opens it and its body reads like ``other``'s article by :data:`TOPIC_MOVE`
    more than like every other article on the page (without the ``run`` to be moved; at
    least two others, a single one is too weak a contrast) and it holds at least
    :data:`MIN_CHARS` characters (a stray fragment under a header says nothing).

    >>> b = Doc(chr(10).join(["苹果园里春管忙", "", "本报讯 北山村的苹果园里，果农修剪苹果树枝条，给苹果树刷白涂药。",
    ...     "", "北山村果农老刘告诉记者", "", "苹果树修剪得好，来年苹果坐果多，北山村苹果合作社统一收购苹果。",
    ...     "", "城东大桥主体完工", "", "本报讯 城东大桥主体工程完工，大桥全长八百米，双向六车道。",
    ...     "", "学校新建操场", "", "本报讯 县一中新建塑胶操场投入使用，学生在操场上体育锻炼。"])).blocks()
    >>> regs = regions(b, Config())
    >>> t = Topic([x.text for x in b])
    >>> _continued(regs[0], regs[1], regs, b, t, Config()), _continued(regs[1], regs[2], regs, b, t, Config())
    (True, False)
    """
    if not nxt.body or any(_ends_article(blocks[k], config) or config.rules.opens_article(blocks[k].text)
                           for k in list(nxt.header) + list(nxt.body[:1])):
        return False
    others = [[k for k in list(r.header) + list(r.body) if k not in run]
              for r in regs if r is not other and r is not nxt]
    others = [o for o in others if o]
    if len(others) < 2 or sum(len(blocks[k].text) for k in nxt.body) < MIN_CHARS:
        return False
    body = list(nxt.body)
    ctx = list(other.header) + list(other.body)
    return min(topic.llr(body, o, ctx) for o in others) >= TOPIC_MOVE


def _fits_target(run: list[int], home: Region, other: Region, blocks: list[Block],
                 topic: Topic, config: Config) -> str | None:
    """Evidence that the end of ``other``'s body is the end of the article ``run`` belongs
    to, or ``None``. Words shared with ``other``'s region may come from paragraphs that are
    not its article's: the rest of another article printed inside it, or an article
    without a header of its own under it. Then the run's place is not at that region's
    end, and moving it there tears it from a place that may well be right. Three checks,
    none with a tuned bar:

    * no paragraph of ``other``'s body after its first opens an article (``本报讯…``, a
      dateline: rules/openers.tsv) — the region holds more than one article;
    * the run's words are more likely under ``other``'s header and lead (its first
      paragraph) than under what is left of its own region (:data:`HEAD_LLR`);
    * so are the words of ``other``'s last paragraph, which the run will follow
      (:data:`TARGET_LLR`): a last paragraph that reads like the run's own region is
      that article's, not ``other``'s;
    * a run whose last paragraph stops mid-sentence is not plainly an article's end: it
      may as well be the first part of a paragraph cut by a column break, whose other
      part sits under a line taken for a header. It moves only on the strict word
      evidence (:data:`TOPIC_RUN` against ``other``'s whole region), not the relaxed
      :data:`TOPIC_MOVE`.

    A run with nothing of its region left above it (a headless region at the page top)
    has nothing to compare with: only the opener check applies.

    >>> from ocrfix.doc import Doc
    >>> doc = Doc(chr(10).join(["小麦喜获丰收", "", "本报讯 全县小麦喜获丰收，亩产创新高。", "",
    ...     "农技人员指导农户抢收小麦。", "", "学校新建操场", "", "本报讯 县一中新建操场投入使用。", "",
    ...     "小麦收割机在田间作业，农户抢收小麦。"]))
    >>> blocks = doc.blocks()
    >>> regs = regions(blocks, Config())
    >>> topic = Topic([b.text for b in blocks])
    >>> _fits_target([2], regs[0], regs[1], blocks, topic, Config()) is None
    True
    """
    if any(config.rules.opens_article(blocks[k].text) for k in other.body[1:]):
        return None
    rest = list(home.header) + [k for k in home.body if k not in run]
    if not rest:
        return "nothing of its own region is left to compare with"
    head = list(other.header) + list(other.body[:1])
    own = topic.llr(run, rest, head)
    if own < HEAD_LLR:
        return None
    cut = not (ends_sentence(blocks[run[-1]].text) or _ends_article(blocks[run[-1]], config))
    if cut and topic.llr(run, rest, list(other.header) + list(other.body)) < TOPIC_RUN:
        return None
    last = other.body[-1]
    lead = [k for k in head if k != last]
    tail = topic.llr([last], rest, lead) if lead else 0.0
    if lead and tail < TARGET_LLR:
        return None
    return (f"reads like that article's header and lead by {own:.2f} nats a word, and so "
            f"does the paragraph it will follow ({tail:.2f})")


def _destination(run: list[int], home: Region, other: Region, regs: list[Region],
                 blocks: list[Block], topic: Topic) -> tuple[int, str]:
    """The block the run goes after, and a note for the log: ``other``'s last paragraph,
    or the section sub-heads of ``other``'s article printed at the top of the header run
    that follows it (``建议：…``, ``创新驱动 激活…``). A sub-head heads the paragraphs after
    it; when an article is printed inside another, or the tail of an article is printed
    before its header, the sub-head is left at the end of the first part with nothing
    of its own under it — the run moved back is its section. A leading line of that
    header run counts when it is shaped like a sub-head (:data:`SUBHEAD`), some header
    line stays with the next article, and its words are more likely under ``other``'s
    article and the run than under the rest of the next region (or nothing follows it
    on the page)."""
    after = other.body[-1]
    at = regs.index(other)
    if at + 1 >= len(regs):
        return after, ""
    nxt = regs[at + 1]
    ctx = list(other.header) + list(other.body) + list(run)
    taken: list[int] = []
    for n, k in enumerate(nxt.header):
        if k != after + 1 or not SUBHEAD.match(blocks[k].text) or SUBTITLE.match(blocks[k].text):
            break
        left = list(nxt.header[n + 1:]) + [b for b in nxt.body if b not in run]
        if left and (not nxt.header[n + 1:] or topic.llr([k], left, ctx) <= 0):
            break
        after = k
        taken.append(k)
    if not taken:
        return after, ""
    heads = "、".join(f"“{blocks[k].text}”" for k in taken)
    return after, f"; after the sub-head {heads} left at the end of that article"


def _closing_source(run: list[int], blocks: list[Block]) -> bool:
    """Does the run end with a source line (``据《经济日报》``)? It closes the run's article."""
    t = blocks[run[-1]].text
    return len(run) > 1 and bool(SOURCE.match(t)) and "《" in t


def _judged(run: list[int], blocks: list[Block]) -> list[int]:
    """The paragraphs of a run whose words are judged one by one: a closing source line
    has too few words of its own to lean anywhere, and goes with the paragraphs above it.

    >>> blocks = Doc("甲乙丙丁。" + 2 * chr(10) + "据《经济日报》").blocks()
    >>> _judged([0, 1], blocks), _judged([0], blocks)
    ([0], [0])
    """
    return run[:-1] if _closing_source(run, blocks) else run


def _candidate_runs(home: Region, other: Region, blocks: list[Block], config: Config):
    """``(run, rest)`` for each suffix of ``home``'s body that could move, longest first:
    an article keeps at least one paragraph, a run holds no source line or byline (they
    close the article they follow) but as its last block a source line (``据《经济日报》``:
    it closes the run's own article, which a tail ends), and no paragraph that opens an
    article (本报讯…, a tail never does), starts with a paragraph long enough to judge, and
    does not start right after a byline (that is the body of the byline's article)."""
    body = list(home.body)
    keep = 1 if home.header else 0
    if not other.body or not body:
        return
    limit = MAX_REST if other.body[-1] < body[0] else MAX_RUN
    for size in range(min(limit, len(body) - keep), 0, -1):
        run, rest = body[-size:], body[:-size]
        if any(_ends_article(blocks[k], config) for k in _judged(run, blocks)) or \
                any(config.rules.opens_article(blocks[k].text) for k in run) or \
                len(blocks[run[0]].text) < MIN_CHARS:
            continue
        if run[0] > 0 and config.rules.is_byline(blocks[run[0] - 1].text):
            continue
        yield run, rest


def _misplaced_suffix(home: Region, other: Region, blocks: list[Block], aff: Affinity,
                      config: Config, toward: str, everywhere: list[Region]
                      ) -> tuple[list[int], float, str] | None:
    """The run at the end of ``home``'s body that most clearly belongs to ``other``, by
    shared character pairs and structure: ``(run, confidence, evidence)``.

    Each paragraph of the run must lean towards ``other`` (affinity there minus affinity
    to the rest of ``home``) and the run as a whole must lean by :data:`RUN_LEAN`, after
    two structural hints: the rest of ``home`` ends with a source line or byline (its
    article is closed), and ``other``'s last paragraph is cut mid-sentence (its article
    goes on somewhere).
    """
    other_ctx = list(other.header) + list(other.body)
    best = None
    for run, rest in _candidate_runs(home, other, blocks, config):
        home_ctx = list(home.header) + rest
        judged = _judged(run, blocks)
        if home_ctx:
            leans = _lean(aff, judged, home_ctx, other_ctx)
        else:  # the whole headerless region: it must lean to ``other`` more than anywhere
            leans = [aff(k, other_ctx) - max(0.0, max(
                (aff(k, list(r.header) + list(r.body)) for r in everywhere
                 if r is not other and r is not home), default=0.0)) for k in judged]
        hint = 0.0
        if rest and _ends_article(blocks[rest[-1]], config):
            hint += HINT
        if toward == "next" and not ends_sentence(blocks[other.body[-1]].text):
            hint += HINT
        score = sum(leans) / len(leans) + hint
        if toward == "next" and not hint:
            continue  # shared pairs alone mislead between articles on one topic
        if min(leans) >= -LEAN and score >= RUN_LEAN and (best is None or score > best[1]):
            best = (run, score)
    if best is None:
        return None
    run, score = best
    return run, round(min(0.95, 0.6 + score / 2), 2), f"mean lean {score:.2f} ≥ {RUN_LEAN}"


def _words_agree(run: list[int], home: Region, other: Region, rival: Region | None,
                 topic: Topic) -> bool:
    """A run found by shared character pairs moves only if its words do not contradict
    it: they read like ``other`` by at least :data:`PAIRS_LLR` against the rest of
    ``home``, and more like ``other`` than like ``rival`` (a header taken from a cut
    line splits one article in two regions whose pairs differ by chance, but whose words
    read alike)."""
    rest = list(home.header) + [k for k in home.body if k not in run]
    other_ctx = list(other.header) + list(other.body)
    if not rest:
        return True
    llr = topic.llr(run, rest, other_ctx)
    if llr < PAIRS_LLR:
        return False
    return rival is None or llr > topic.llr(run, rest, list(rival.header) + list(rival.body))


def _topic_suffix(home: Region, other: Region, blocks: list[Block], topic: Topic,
                  config: Config, everywhere: list[Region], rival: Region | None = None
                  ) -> tuple[list[int], float, str] | None:
    """The run at the end of ``home``'s body whose words read most like ``other``'s
    article (:class:`~ocrfix.topic.Topic`): the run's mean log-likelihood ratio must reach
    :data:`TOPIC_MOVE` and each paragraph's :data:`TOPIC_MIN`, and it must read like
    ``other`` by :data:`TOPIC_SIDE` more than like ``rival`` (the article on home's other
    side, where such a run could belong as well). A run with nothing of ``home`` left
    above it (a headerless region at the page's start) must read like ``other`` more than
    like every other region and at least as much as like the language at large
    (:data:`HEADLESS_BG`; by :data:`TOPIC_MOVE` on a page of two articles, where no
    other region can be compared)."""
    other_ctx = list(other.header) + list(other.body)
    passing = []  # (run, llr, per, each paragraph's llr), longest first
    for run, rest in _candidate_runs(home, other, blocks, config):
        if any(SUBHEAD.match(blocks[k].text) for k in run):
            continue  # a run across a sub-head spans sections of one article
        home_ctx = list(home.header) + rest
        if home_ctx:
            rivals = [home_ctx]
        else:
            rivals = [list(r.header) + list(r.body) for r in everywhere
                      if r is not other and r is not home]
            # against the language at large (the empty region: background frequencies
            # only) a small article's model gains less: a lower bar, unless nothing
            # else on the page can be compared
            if topic.llr(run, [], other_ctx) < (HEADLESS_BG if rivals else TOPIC_MOVE):
                continue
            rivals = rivals or [[]]
        llr = min(topic.llr(run, h, other_ctx) for h in rivals)
        each = [min(topic.llr([k], h, other_ctx) for h in rivals) for k in _judged(run, blocks)]
        if rival is not None and home_ctx and llr - topic.llr(
                run, home_ctx, list(rival.header) + list(rival.body)) < TOPIC_SIDE:
            continue  # it reads about as well as the article on the other side
        if llr >= TOPIC_MOVE and min(each) >= TOPIC_MIN:
            passing.append((run, llr, min(each), each))
    if not passing:
        return None
    # the run that reads most like ``other``, grown by paragraphs that each read like it
    # as strongly as a run must (a mean favours the few strongest paragraphs of a tail,
    # and a tail moved in two parts lands in the wrong order)
    run, llr, per, _ = max(passing, key=lambda c: c[1])
    for cand, c_llr, c_per, each in passing:
        if len(cand) > len(run) and all(v >= TOPIC_MOVE for v in each[:len(cand) - len(run)]):
            run, llr, per = cand, c_llr, c_per
            break
    return run, round(min(0.95, 0.5 + llr / 5), 2), (
        f"its words are more likely under that article's by {llr:.2f} nats a word "
        f"(≥ {TOPIC_MOVE}; each paragraph ≥ {per:.2f})")


def _rare(word: str) -> bool:
    """Is ``word`` rarer in the language at large than :data:`NAME_LOGP`? A person's name
    is; the common nouns that open a paragraph the same way (``会议要求，``, ``与会…``,
    ``专家认为，``) are not.

    >>> _rare("吴俊清"), _rare("会议")
    (True, False)
    """
    lm = default_model()
    return lm.logp.get(word, lm.unk) < NAME_LOGP


def _speaker_suffix(home: Region, other: Region, blocks: list[Block], topic: Topic,
                    config: Config, everywhere: list[Region] = ()) -> tuple[list[int], float, str] | None:
    """The run at the end of ``home``'s body that opens with a speaker of ``other``'s
    article: ``(run, confidence, evidence)``.

    A paragraph that opens with a person speaking (``吴俊清指出，…``, the ``speech`` row
    of rules/openers.tsv)
    goes on an article that has named that person already; an article names the people
    it quotes in its header or lead. When that name is in ``other``'s header or lead and
    in no block of the page outside ``other``'s region and the run, the run is the rest
    of ``other``'s article, even where its words, long and general, lean only a little
    that way: they must not lean away (> 0 nats a word against the rest of ``home``;
    against every other article when the page starts with the run), and no later paragraph of the run may quote a person named in ``home`` instead.
    Where both articles name the speaker (two reports on one meeting) nothing moves.

    >>> b = Doc(chr(10).join(["王明主持召开防汛会议", "", "本报讯 王明主持召开防汛会议，部署防汛工作。",
    ...     "", "王明强调，要压实防汛责任，做好防汛准备。"])).blocks()
    >>> Config().rules.opener("speech").match(b[2].text).group("name")
    '王明'
    """
    speaker = config.rules.opener("speech")
    head = "".join(blocks[k].text for k in list(other.header) + list(other.body[:1]))
    inside = set(other.header) | set(other.body)
    for run, rest in _candidate_runs(home, other, blocks, config):  # longest first
        m = speaker.match(blocks[run[0]].text)
        if not m or m.group("name") not in head or not _rare(m.group("name")):
            continue
        name = m.group("name")
        if any(name in blocks[k].text for k in range(len(blocks))
               if k not in inside and k not in run):
            continue
        home_text = "".join(blocks[k].text for k in list(home.header) + rest)
        if any((s := speaker.match(blocks[k].text)) and s.group("name") in home_text
               and s.group("name") not in head for k in run[1:]):
            continue
        other_ctx = list(other.header) + list(other.body)
        if home.header or rest:
            llr = topic.llr(run, list(home.header) + rest, other_ctx)
        else:  # the page starts with the run: its words against every other article's
            llr = min((topic.llr(run, list(r.header) + list(r.body), other_ctx)
                       for r in everywhere if r is not other and r is not home),
                      default=topic.llr(run, [], other_ctx))
        if llr <= 0:
            continue
        return run, SPEAKER_CONF, (
            f"opens with {name} speaking, named in that article's header or lead and "
            f"nowhere else on the page; its words lean that way by {llr:.2f} nats a word")
    return None


def _reports_meeting(r: Region, blocks: list[Block], exclude: list[int] = ()) -> bool:
    """Does region ``r``'s header or lead (its first paragraph not in ``exclude``) report
    a meeting (:data:`MEETING`)? That is where an article says what it is about.

    >>> b = Doc("全市防汛工作会议召开" + 2 * chr(10) + "本报讯 7月1日，全市防汛工作会议召开。").blocks()
    >>> _reports_meeting(Region((0,), (1,)), b), _reports_meeting(Region((), (1,)), b, [1])
    (True, False)
    """
    lead = [k for k in r.body if k not in exclude][:1]
    return any(MEETING.search(blocks[k].text) for k in list(r.header) + lead)


def _meeting_suffix(home: Region, other: Region, blocks: list[Block], topic: Topic,
                    config: Config, everywhere: list[Region], rival: Region | None = None
                    ) -> tuple[list[int], float, str] | None:
    """The run at the end of ``home``'s body that opens with the meeting as its subject
    (``会议强调，…``, the ``meeting`` row of rules/openers.tsv) when ``other`` is the only article around it
    that reports a meeting: ``(run, confidence, evidence)``.

    Such a paragraph continues a meeting report: it refers back to the meeting its
    article's header or lead named. When ``other``'s header or lead reports a meeting and
    neither the rest of ``home`` (its header or lead, or the paragraph that opens a second
    article inside it, ``本报讯…``) nor ``rival`` (the article on home's other side, where
    the run could belong as well) does, the run is the rest of ``other``'s report, even
    where its words, long and general (会议强调，要压实责任…), lean only a little that way:
    they must lean that way at all (:data:`MEETING_LEAN` nats a word against the rest of
    ``home``). A run with
    nothing of ``home`` left (the page starts with it) needs ``other`` to be the only
    article on the page that reports a meeting, and its words to lean to ``other`` over
    every other article. Two meeting reports side by side move nothing.

    >>> b = Doc(chr(10).join(["防汛会议召开", "", "本报讯 全县防汛会议召开，部署防汛工作。", "",
    ...     "小麦丰收", "", "本报讯 全县小麦喜获丰收，亩产创新高，农户抢收小麦。", "",
    ...     "会议强调，要压实防汛责任，加强汛期值守，做好防汛物资准备，确保安全度汛。"])).blocks()
    >>> regs = regions(b, Config())
    >>> _meeting_suffix(regs[1], regs[0], b, Topic([x.text for x in b]), Config(), regs)[0]
    [4]
    """
    if not _reports_meeting(other, blocks):
        return None
    if rival is not None and _reports_meeting(rival, blocks):
        return None
    other_ctx = list(other.header) + list(other.body)
    for run, rest in _candidate_runs(home, other, blocks, config):  # longest first
        if not config.rules.opener("meeting").match(blocks[run[0]].text):
            continue
        if any(SUBHEAD.match(blocks[k].text) for k in run):
            continue  # a run across a sub-head spans sections of one article
        home_ctx = list(home.header) + rest
        if home_ctx:
            # the run's own article: home's, or the last one opened inside home's body
            # (本报讯… after the header's article): its header or lead names no meeting
            opened = [k for k in rest if config.rules.opens_article(blocks[k].text)]
            if _reports_meeting(home, blocks, exclude=run) or \
                    any(MEETING.search(blocks[k].text) for k in opened[-1:]):
                continue
            llr = topic.llr(run, home_ctx, other_ctx)
        else:
            others = [r for r in everywhere if r is not other and r is not home]
            if any(_reports_meeting(r, blocks) for r in others):
                continue
            llr = min((topic.llr(run, list(r.header) + list(r.body), other_ctx)
                       for r in others), default=topic.llr(run, [], other_ctx))
        if llr < MEETING_LEAN:
            continue
        return run, MEETING_CONF, (
            f"opens with the meeting as its subject (“{blocks[run[0]].text[:6]}…”), and "
            f"only that article reports a meeting in its header or lead; its words lean "
            f"that way by {llr:.2f} nats a word")
    return None


def _speaker_named_elsewhere(run: list[int], other: Region, regs: list[Region],
                             blocks: list[Block], config: Config) -> bool:
    """Does the run open with a person speaking (the ``speech`` opener, a name rarer than the
    common nouns, :func:`_rare`) whom ``other`` never names but another article's header
    or lead does? A paragraph quoting 吴俊清 is the rest of the article that named him
    first; two reports on one subject (疫情防控) share their words, not their speakers.

    >>> b = Doc(chr(10).join(["王明主持召开防汛会议", "", "本报讯 王明主持召开防汛会议。", "",
    ...     "全县抗旱工作推进", "", "本报讯 全县抗旱工作有序推进。", "",
    ...     "王明强调，要压实防汛责任，做好防汛准备。"])).blocks()
    >>> regs = regions(b, Config())
    >>> (_speaker_named_elsewhere([4], regs[1], regs, b, Config()),
    ...  _speaker_named_elsewhere([4], regs[0], regs, b, Config()))
    (True, False)
    """
    m = config.rules.opener("speech").match(blocks[run[0]].text)
    if not m or not _rare(m.group("name")):
        return False
    name = m.group("name")
    if any(name in blocks[k].text for k in list(other.header) + list(other.body)
           if k not in run):
        return False
    return any(name in blocks[k].text for r in regs if r is not other
               for k in list(r.header) + [k for k in r.body if k not in run][:1])


def _move_run(batch, blocks: list[Block], run: list[int], after: int, rule: str,
              confidence: float, reason: str, whole: bool = True) -> None:
    """Move blocks ``run`` (contiguous) to follow block ``after``, keeping blank lines.

    Only the blocks' own text moves (a gap's source span may hold text an earlier stage
    moved away); the blank line on one side of the old place is deleted and a new one is
    inserted after the target. Unless ``whole``, the blocks move one by one (the run's
    source is not one stretch): each gap inside the run is deleted, and a blank line
    inserted at the end of each moved block but the last travels with it.
    """
    first, last = blocks[run[0]], blocks[run[-1]]
    dest = blocks[after].end
    batch.insert(dest, "\n\n", rule, confidence, "blank line before the moved paragraphs")
    if not whole:
        for k in run:
            batch.move(blocks[k].start, blocks[k].end, dest, rule, confidence, reason)
            if k != run[-1]:
                batch.insert(blocks[k].end, "\n\n", rule, confidence,
                             "blank line after a moved paragraph")
            if k != run[0]:
                batch.delete(blocks[k - 1].end, blocks[k].start, rule, confidence,
                             "blank line left where the paragraphs were")
    else:
        batch.move(first.start, last.end, dest, rule, confidence, reason)
    if run[0] > 0:
        batch.delete(blocks[run[0] - 1].end, first.start, rule, confidence,
                     "blank line left where the paragraphs were")
    elif run[-1] + 1 < len(blocks):
        batch.delete(last.end, blocks[run[-1] + 1].start, rule, confidence,
                     "blank line left where the paragraphs were")


def _move_between(batch, blocks: list[Block], run: list[int], after: int, rule: str,
                  confidence: float, reason: str) -> None:
    """The same reading order as :func:`_move_run`, reached by moving the blocks between
    the run and its place (the article printed inside, or the one a tail was printed
    before) to the run's other side, block by block, each with its blank line. For a run
    that cannot move itself: its text holds a piece an earlier stage moved there.

    >>> from ocrfix.doc import Doc
    >>> doc = Doc(chr(10).join(["甲。", "", "乙。", "", "丙。"]))
    >>> with doc.batch("order") as b:
    ...     _move_between(b, doc.blocks(), [2], 0, "r", 0.9, "why")
    >>> doc.text == chr(10).join(["甲。", "", "丙。", "", "乙。"])
    True
    """
    between = list(range(after + 1, run[0])) if after < run[0] else \
        list(range(run[-1] + 1, after + 1))
    why = f"{reason} (the paragraphs between moved instead: the run holds text moved earlier)"
    # each moved block takes a blank line after it (an insertion at its end travels with
    # it); after the run, one blank line goes before the first and none after the last
    after_run = after < run[0]
    dest = blocks[run[-1]].end if after_run else blocks[run[0]].start
    if after_run:
        batch.insert(dest, "\n\n", rule, confidence, "blank line before the moved paragraphs")
    for k in between:
        batch.move(blocks[k].start, blocks[k].end, dest, rule, confidence, why)
        if not (after_run and k == between[-1]):
            batch.insert(blocks[k].end, "\n\n", rule, confidence,
                         "blank line after a moved paragraph")
    for k in between:
        batch.delete(blocks[k - 1].end, blocks[k].start, rule, confidence,
                     "blank line left where the paragraphs were")


def _title(r: Region, blocks: list[Block]) -> str:
    """The region's headline (or its first words), to name it in a reason."""
    heads = [blocks[k].text for k in r.header if is_headerish(blocks[k].text, _CFG)]
    return (heads[-1] if heads else blocks[r.body[0]].text)[:20]


_CFG = Config()


# -- headline printed after its article ---------------------------------------------------
def move_trailing_headlines(doc: Doc, config: Config) -> None:
    """Move the header of an article printed after its paragraphs back to their start.

    A header run (label, kicker, headline, subtitle lines) after body text is split into
    the part that closes the article before it and the part that opens the next one: the
    first part is the longest prefix whose character pairs the paragraphs *before* it
    share clearly more than the paragraphs after it (at the page end, the whole run may
    belong to the article before). The part moves to where its article starts (see
    :func:`best_split`), before the article's byline.
    """
    blocks = doc.blocks()
    roles = _cut_heads_as_body(blocks, assign_roles(blocks, config), config)
    header = [r in HEADER_ROLES for r in roles]
    runs = []  # header runs (first, end) that follow body text
    i = 1
    while i < len(blocks):
        if header[i] and not header[i - 1]:
            end = i
            while end < len(blocks) and header[end]:
                end += 1
            runs.append((i, end))
            i = end
        else:
            i += 1
    moves = []
    topic = Topic([b.text for b in blocks])
    prev_end, headless = 0, not header[0] if header else True
    for i, end in runs:
        found = _trailing_part(blocks, roles, prev_end, i, end, headless, topic, config)
        if found is None:
            found = _opened_part(blocks, roles, prev_end, i, end, headless, topic, config)
        headless = False
        if found is not None:
            # one piece, or line by line when an earlier edit split the run's source
            # (markup deleted between its lines, a caption taken out)
            whole = doc.movable(blocks[i].start, blocks[found[0] - 1].end)
            if not whole and not all(doc.movable(blocks[k].start, blocks[k].end)
                                     for k in range(i, found[0])):
                found = None
            else:
                found = (*found, whole)
        if found is not None and _replays(doc, lambda b: _move_header(b, blocks, i, *found)):
            moves.append((i, found))
            headless = found[0] == end  # the whole run left: the next body has no header
        prev_end = end
    if moves and _replays(doc, lambda b: [_move_header(b, blocks, i, *f) for i, f in moves]):
        with doc.batch(NAME, optional=True) as batch:
            for i, found in moves:
                _move_header(batch, blocks, i, *found)


def _cut_heads_as_body(blocks: list[Block], roles: list[str], config: Config) -> list[str]:
    """A short block taken for a header whose text reads on into the paragraph under it
    is the head of that paragraph, cut off by a column break (``迈入2023年，生`` over
    ``机与活力在晋中涌动…``, ``…论坛当日`` over ``在山东省青岛市开幕…``): as a header it would
    cut its article in two and be carried to another article's top. The word model's
    junction gain (:mod:`ocrfix.fluency`) must reach :data:`CUT_HEAD_GAIN`, or a word the
    page uses elsewhere spans the junction (:func:`_word_across`) — or the block
    opens like a paragraph itself (``会议听取了《政府工作报告》…起草``: the ``meeting``,
    ``speaker`` and connective rows of rules/openers.tsv; no headline opens so) — and the
    block under it must not open an article or a paragraph on its own (a header over its
    article's ``本报讯…`` or ``会议指出，…`` may read on too). Without the word model only
    the opening decides.

    >>> blocks = Doc("迈入2023年，生" + 2 * chr(10) + "机与活力在晋中涌动，希望与梦想在这里升腾。").blocks()
    >>> roles = assign_roles(blocks, Config())
    >>> roles[0], _cut_heads_as_body(blocks, roles, Config())[0] == (
    ...     "body" if fluency("auto") else "headline")
    ('headline', True)
    """
    fl = fluency(config.fluency_lm)
    out = list(roles)
    page = "\n".join(b.text for b in blocks)
    for k in range(len(blocks) - 1):
        nxt = blocks[k + 1].text
        if roles[k] in HEADER_ROLES and roles[k + 1] == "body" and \
                not ends_sentence(blocks[k].text) and not DECK.match(blocks[k].text) and \
                not config.rules.opens_article(nxt) and not config.rules.opens_paragraph(nxt) \
                and (config.rules.opens_paragraph(blocks[k].text) or
                     fl is not None and fl.gain(blocks[k].text, nxt) >= CUT_HEAD_GAIN or
                     _word_across(blocks[k].text, nxt, page) >= CUT_HEAD_SEEN):
            out[k] = "body"
    return out


def _word_across(head: str, nxt: str, page: str) -> int:
    """How often ``page`` holds a three-character Chinese string that spans the junction
    of ``head`` and the block ``nxt`` under it: a word of the page's own that a column
    break cut (专业|镇) reads on across it, where a header over its paragraph does not.

    >>> _word_across("“杏花村汾酒”专业", "镇位于汾阳市。", "专业镇多。专业镇强。专业镇新。")
    3
    >>> _word_across("补好智能制造短板弱项", "制造业是立国之本。", "制造业强。智能制造。")
    0
    """
    x, y = head.rstrip(), nxt.lstrip()
    spans = [s for s in (x[-2:] + y[:1], x[-1:] + y[:2]) if len(s) == 3 and all(map(is_cjk, s))]
    return max((page.count(s) for s in spans), default=0)


def _replays(doc: Doc, fill) -> bool:
    """Would this batch commit? Tried on a scratch copy of the log: a move at the page
    edge can meet an insertion there in a way the log cannot express; then it is skipped
    rather than failing the page."""
    scratch = Doc(doc.source, name=doc.name)
    scratch.edits = list(doc.edits)
    try:
        with scratch.batch(NAME) as batch:
            fill(batch)
    except EditConflict:
        return False
    return True


def _trailing_part(blocks: list[Block], roles: list[str], start: int, i: int, end: int,
                   headless: bool, topic: Topic, config: Config
                   ) -> tuple[int, int, float] | None:
    """``(j, target, score, reason)``: blocks ``i..j-1`` are the header of the article starting at
    block ``target`` among the body blocks ``start..i-1``; ``None`` if the evidence is
    weak. ``headless``: no header line opens that body run, so its first paragraph may
    open the article.

    Several splits of a stacked run (one article's header over the next one's) may pass
    the shared-pairs test; the prefix's pairs thin out as lines are added, so the share
    alone favours cutting after the first line. Between passing splits the words of each
    line decide (:func:`_line_split_score`): a line goes with the article it reads like."""
    # paragraphs only: a source line (据《经济日报》) closes its article and shares no
    # words with any header; counted, it would pull an article's mean share down
    body = [k for k in range(start, i)
            if roles[k] not in ("byline", "source") and roles[k] not in HEADER_ROLES]
    follow_end = end
    while follow_end < len(blocks) and roles[follow_end] not in HEADER_ROLES:
        follow_end += 1
    follow = [blocks[k].text for k in range(end, follow_end)]
    follow_ids = [k for k in range(end, follow_end) if roles[k] != "byline"]
    # the last paragraph that opens an article (byline above it, dateline at its start)
    # (the first paragraph too when the run is headless: a page that starts with a byline)
    opener = max((n for n, k in enumerate(body)
                  if (n or headless) and _opens(blocks, roles, k, config)), default=None)
    # a run right above a byline ends with the header of the byline's article (a
    # byline opens a feature, and a feature has a header): its last line stays there
    # unless its words read like the article before, and the lines left there need
    # no shared pairs with the text after them to open it
    above_byline = end < len(blocks) and roles[end] == "byline"
    bylined = [t for t in range(start + 1, i) if roles[t] == "byline"
               and roles[t - 1] not in HEADER_ROLES + ("byline",)]
    best, passing = None, []
    for j in range(i + 1, end + 1):
        if roles[j - 1] == "label":
            continue  # a label goes with the headline under it
        # a subtitle goes with the headline above it, and a subtitle alone is no header
        # (its headline is elsewhere), unless the words say so (:func:`_subtitle_leans`)
        sub_next = j < end and bool(SUBTITLE.match(blocks[j].text))
        sub_alone = all(SUBTITLE.match(blocks[k].text) for k in range(i, j))
        if (sub_next or sub_alone) and not follow_ids:
            continue
        text = "".join(blocks[k].text for k in range(i, j))
        if bylined and (j < end or not follow or sub_alone and above_byline):
            # an article opened by a byline with no header above it, then a header after
            # it: the header is that article's, unless the text after claims it more
            # (a dash subtitle alone over the next byline too: which feature it names,
            # only its words say — :func:`_subtitle_leans` asks them to lean its way)
            t = bylined[-1]
            if not _subtitle_leans(topic, blocks, i, j, end, sub_next, sub_alone,
                                   list(range(t + 1, i)), follow_ids, bylined=True):
                continue
            own = _share(text, [blocks[k].text for k in range(t + 1, i)])
            if own >= _share(text, follow) and (best is None or best[1] != t):
                fit = _line_split_score(topic, i, j, end, list(range(t + 1, i)), follow_ids)
                best = (j, t, 0.5 + own, fit)
                passing.append(best)
            continue
        split, score = best_split(text, [blocks[k].text for k in body], allow_first=headless,
                                  min_after=2, opener=opener)
        if split is None or score < 0.2:
            continue
        split = _past_continuing(blocks, body, split, config)
        if opener is not None and split > opener and roles[body[opener] - 1] == "byline" \
                and (body[:opener] or follow_ids) and \
                topic.llr(body[opener:split], body[:opener] + follow_ids, body[split:]) \
                > -OPENER_LLR:
            split = opener  # the article starts at its byline (see OPENER_LLR)
        if not _subtitle_leans(topic, blocks, i, j, end, sub_next, sub_alone, body[split:],
                               follow_ids):
            continue
        after = _share(text, follow)
        if after > score / (2 if j < end or not follow else 3) and not (
                (_opens(blocks, roles, body[split], config) or
                 headless and split == 0 and start > 0 or
                 headless and split == 0 and j < end and
                 topic.llr(list(range(j, end)), body[split:], follow_ids) >= TOPIC_RUN) and
                _words_claim(topic, blocks, list(range(i, j)), body[split:], follow_ids) and
                _words_claim(topic, blocks, [j - 1], body[split:], follow_ids)):
            continue  # (words overrule the pairs after only for an article that opens
            # like one — a byline or dateline, or the start of a body run whose header
            # moved away, when the page does not start there: a header run is followed
            # by an article's start — as the paragraphs of a tail printed before its
            # header read like it; at the page start only when the lines left read as
            # clearly like the text after: then the run holds two headers, and a tail
            # and the article it ends cannot pull one run's lines both ways so far;
            # and the part's last line must read so itself: a kicker that claims the
            # article carries the next article's headline under it in a mean)
        if j < end and not above_byline:
            # the lines left behind must open the next article, not close this one
            rest = "".join(blocks[k].text for k in range(j, end))
            own = [blocks[k].text for k in body[split:]]
            if _share(rest, own) > _share(rest, follow):
                continue
        if j == end and above_byline and follow_ids and \
                topic.llr([end - 1], body[split:], follow_ids) > -TOPIC_RUN:
            continue  # the line over a byline heads the byline's article unless its words say not
        fit = _line_split_score(topic, i, j, end, body[split:], follow_ids)
        passing.append((j, body[split], score, fit))
        if best is None or score >= best[2]:
            best = (j, body[split], score, fit)
    if best is None:
        return None
    fitted = max(passing, key=lambda c: c[3], default=None)
    if fitted is not None and fitted[3] >= best[3] + SPLIT_LLR:
        best = fitted  # the lines' words say where one header ends and the next starts
    j, target, score = best[:3]
    own = [k for k in range(target, i) if roles[k] not in ("byline", "source")]
    j = _settle_split(blocks, roles, topic, i, j, end, own, follow_ids)
    while target > start and roles[target - 1] == "byline":
        target -= 1  # the header goes above the article's byline
    return j, target, score, (
        f"header follows its article; shares {score:.2f} more of its character pairs "
        f"with the paragraphs before it than with those after")


def _past_continuing(blocks: list[Block], body: list[int], split: int, config: Config) -> int:
    """The article start ``body[split]`` moved past paragraphs that cannot open an
    article: one whose subject is the meeting its article reported before (``会议要求，…``,
    ``会议还研究了其他事项。``) or that opens with a person speaking. The shared pairs put
    a report's start there when a meeting paragraph happens to share the headline's
    pairs (短板 in ``会议要求…短板``) while the paragraphs after it (the other article's
    close) share none. The article keeps at least one paragraph.

    >>> b = Doc(chr(10).join(["会议要求，补齐短板。", "", "会议还研究了其他事项。", "",
    ...     "制造业是立国之本。", "", "智能制造是关键。"])).blocks()
    >>> _past_continuing(b, [0, 1, 2, 3], 0, Config())
    2
    """
    meeting, speaker = config.rules.opener("meeting"), config.rules.opener("speech")
    while split < len(body) - 1 and (meeting.match(blocks[body[split]].text) or
                                     speaker.match(blocks[body[split]].text)):
        split += 1
    return split


def _words_claim(topic: Topic, blocks: list[Block], part: list[int], own: list[int],
                 follow: list[int]) -> bool:
    """Do header lines ``part`` read clearly like the article ``own`` before them rather
    than like the text ``follow`` after the header run, by their words
    (:data:`TOPIC_RUN` nats a word) and by their character pairs both? Then the pairs
    they share with the text after — 我市, 发展, 高质量 are in every report — do not keep
    them there.

    >>> b = Doc(chr(10).join(["专业镇建设加快，专业镇发展。", "", "培育专业镇", "", "小麦喜获丰收。"])).blocks()
    >>> t = Topic([x.text for x in b])
    >>> _words_claim(t, b, [1], [0], [2]), _words_claim(t, b, [1], [2], [0])
    (True, False)
    """
    if not own or not follow or topic.llr(part, follow, own) < TOPIC_RUN:
        return False
    text = "".join(blocks[k].text for k in part)
    return _share(text, [blocks[k].text for k in own]) > \
        _share(text, [blocks[k].text for k in follow])


def _settle_split(blocks: list[Block], roles: list[str], topic: Topic, i: int, j: int,
                  end: int, own: list[int], follow: list[int]) -> int:
    """Where header lines ``i..end-1`` really part, given the split ``j`` chosen for
    the header moving to the article ``own``: the lines under it that read like that
    article (:func:`_words_claim`, line by line) go with it, and lines at its foot that
    share no character pair with the article and whose words do not lean to it by
    :data:`SUBTITLE_OWN_LLR` stay (a section banner such as ``乡村振兴`` missed by
    furniture, over the next header: a word neither text uses leans a little to the
    shorter one, so no lean at all is not asked for).
    The share test that chose ``j`` prefers short parts (a generic deck line such as
    ``强化科技创新 助力高质量发展`` shares pairs with every report and thins the part's
    share), and the words of each line are the better evidence here. A label stays with
    the headline under it; a dash subtitle with the headline over it.

    >>> b = Doc(chr(10).join(["开发区铸造园区投产。", "", "铸造园区投产", "", "园区铸造升级", "",
    ...     "乡村振兴", "", "小麦丰收", "", "小麦喜获丰收。"])).blocks()
    >>> t = Topic([x.text for x in b])
    >>> _settle_split(b, ["body"] + ["headline"] * 4 + ["body"], t, 1, 2, 5, [0], [5])
    3
    >>> _settle_split(b, ["body"] + ["headline"] * 4 + ["body"], t, 1, 4, 5, [0], [5])
    3
    """
    if not own or not follow:
        return j
    while j < end and roles[j] != "label" and _words_claim(topic, blocks, [j], own, follow):
        j += 1
    if _tilts_to_part(blocks, roles, topic, j, end, own, follow):
        j += 1
    while j - 1 > i and roles[j - 2] != "label" and not SUBTITLE.match(blocks[j - 1].text) \
            and _share(blocks[j - 1].text, [blocks[k].text for k in own]) == 0 \
            and topic.llr([j - 1], own, follow) > -SUBTITLE_OWN_LLR:
        j -= 1
    return j


def _tilts_to_part(blocks: list[Block], roles: list[str], topic: Topic, j: int, end: int,
                   own: list[int], follow: list[int]) -> bool:
    """Does header line ``j``, left between the part moving to the article ``own`` and
    the next header, go with the part although its words lean less than
    :func:`_words_claim` asks? It does when words and pairs agree on it, however
    little — its words are more likely under the article than under the text after
    (``follow``) and it shares more of its pairs with the article — and the line
    under it reads like the text after (that is where the next header starts) and is
    no dash subtitle (the headline of one is the line over it). A report's deck
    (``强化科技创新 助力高质量发展`` under ``…举行工作会谈``) is written in the words every
    report uses: it leans its article's way by about one nat a word, not two, and
    left behind it is taken for the next article's kicker.

    >>> b = Doc(chr(10).join(["区长与科技公司会谈，强化科技合作，助力发展。", "", "区长与科技公司会谈", "",
    ...     "强化科技合作 助力发展", "", "柳林县", "", "柳林县大剧院开工。"])).blocks()
    >>> t = Topic([x.text for x in b])
    >>> r = ["body", "headline", "headline", "label", "body"]
    >>> _tilts_to_part(b, r, t, 2, 4, [0], [4]), _tilts_to_part(b, r, t, 2, 4, [4], [0])
    (True, False)
    """
    if not j + 1 < end or roles[j] == "label" or SUBTITLE.match(blocks[j].text) or \
            SUBTITLE.match(blocks[j + 1].text):
        return False
    if topic.llr([j], follow, own) <= 0 or topic.llr([j + 1], own, follow) <= 0:
        return False
    return _share(blocks[j].text, [blocks[k].text for k in own]) > \
        _share(blocks[j].text, [blocks[k].text for k in follow])


def _subtitle_leans(topic: Topic, blocks: list[Block], i: int, j: int, end: int,
                    sub_next: bool, sub_alone: bool, own: list[int], follow: list[int],
                    bylined: bool = False) -> bool:
    """May header lines ``i..end-1`` be split at ``j`` where a subtitle is involved? A
    subtitle goes with the headline above it, and a subtitle alone is no header (its
    headline is elsewhere) — unless its words say otherwise by :data:`SUBTITLE_OWN_LLR`
    nats a word: the subtitle lines left under the split (``sub_next``, from ``j`` to the
    next line that is not one) must read like the text after the run (``follow``) rather
    than like the article before (``own``), and the lines above them the other way (a
    subtitle that reads like the text after fits as well a header that is in its place:
    only the headline's own lean tells them apart); a subtitle moved alone
    (``sub_alone``) must read like that article rather than the text after. When the
    article before opens with a byline and has no header (``bylined``: a feature, and a
    feature has a header), the lines above a subtitle that reads like the text after
    need only not lean away from it by as much.
    A feature whose main headline was lost keeps only its subtitle as its header
    (``——我市培育特色专业镇发展纪实``): printed after its article, or stacked under the
    headline of the article before, only its words place it.

    >>> b = Doc(chr(10).join(["专业镇建设加快。", "", "——我市培育专业镇纪实", "", "小麦喜获丰收。"])).blocks()
    >>> t = Topic([x.text for x in b])
    >>> _subtitle_leans(t, b, 1, 2, 2, False, True, [0], [2]), _subtitle_leans(t, b, 1, 2, 2, False, True, [2], [0])
    (True, False)
    """
    if sub_next:
        subs = list(range(j, next((k for k in range(j, end) if not SUBTITLE.match(
            blocks[k].text)), end)))
        head_bar = -SUBTITLE_OWN_LLR if bylined else SUBTITLE_OWN_LLR
        if topic.llr(subs, own, follow) < SUBTITLE_OWN_LLR or \
                topic.llr(list(range(i, j)), follow, own) < head_bar:
            return False
    if sub_alone and topic.llr(list(range(i, j)), follow, own) < SUBTITLE_OWN_LLR:
        return False
    return True


def _headline_leans(blocks: list[Block], topic: Topic, i: int, j: int, own: list[int],
                    follow: list[int], bar: float) -> bool:
    """Do header lines ``i..j-1``, to be parted from the subtitle under them, belong to
    the article ``own`` rather than the text ``follow`` after the header run? Their
    words lean that way by ``bar`` nats a word, or they share more of their character
    pairs with it: an abstract headline (``书香浸润老城区``) has words of its own
    (书香, 老城区) that its article does not use, while its characters (书, 城区) are there.
    A headline that shows neither (``奋进正当时``) stays with its subtitle.

    >>> b = Doc(chr(10).join(["老城区图书馆开馆，市民借书看书。", "", "书香浸润老城区", "",
    ...     "河道清淤完成。"])).blocks()
    >>> _headline_leans(b, Topic([x.text for x in b]), 1, 2, [0], [2], 1.0)
    True
    """
    if topic.llr(list(range(i, j)), follow, own) >= bar:
        return True
    text = "".join(blocks[k].text for k in range(i, j))
    return _share(text, [blocks[k].text for k in own]) > \
        _share(text, [blocks[k].text for k in follow])


def _line_split_score(topic: Topic, i: int, j: int, end: int, own: list[int],
                      follow: list[int]) -> float:
    """How well splitting header lines ``i..end-1`` at ``j`` fits their words: each line
    before ``j`` scores how much more likely its words are under the article before
    (``own``) than under the text after the run (``follow``), each line from ``j`` on the
    reverse (nats a word, summed over lines). 0 when there is no text after the run to
    compare with.

    >>> t = Topic(["散煤清零改造完成。", "散煤清零", "警察协会", "警察协会召开大会。"])
    >>> max((1, 2, 3), key=lambda j: _line_split_score(t, 1, j, 3, [0], [3]))
    2
    """
    if not follow or not own:
        return 0.0
    return sum(-topic.llr([k], own, follow) if k < j else topic.llr([k], own, follow)
               for k in range(i, end))


def _opens(blocks: list[Block], roles: list[str], k: int, config: Config) -> bool:
    """Does body block ``k`` open an article: a byline right above it, or a dateline or
    byline at its start (``本报讯（记者 …）``, rules/openers.tsv)?"""
    return (k > 0 and roles[k - 1] == "byline") or config.rules.opens_article(blocks[k].text)


def _opened_part(blocks: list[Block], roles: list[str], start: int, i: int, end: int,
                 headless: bool, topic: Topic, config: Config
                 ) -> tuple[int, int, float, str] | None:
    """Structural evidence for a header printed after its article, when shared character
    pairs alone were not clear (:func:`_trailing_part`): ``(j, target, score, reason)``.

    An article needs a header. When the body run before the header run has none for its
    last article — it is headless (page start, or its header moved away), or an article
    opener (byline, ``本报讯…``) starts a new article inside it — that article is
    ``target..i-1``. The header lines ``i..j-1`` are its header when their words read
    more like it than like the text after the header run (:class:`~ocrfix.topic.Topic`,
    at least :data:`OPENED_LLR` nats a word; :data:`OPENED_LLR_START` when the article
    opens with a byline or dateline at the page start: nothing else on a page starts
    like that without a header; :data:`OPENED_LLR_BARE` when it starts the page without
    one, where a tail printed before its header is as likely); at the page end there is
    no text after, and a header with no article under it belongs before. A header right
    above a byline or dateline is where a header belongs: it moves only to an article
    that opens like one too. The lines left (``j..end-1``) must read more like the text
    after them; where the header roles start over (a headline after a subtitle) that is
    where the next header starts. Debris is never moved on structure alone
    (:func:`_reads_like_header`).
    """
    body = [k for k in range(start, i) if roles[k] != "byline" and roles[k] not in HEADER_ROLES]
    if not body:
        return None
    opened = [k for k in body[1:] if _opens(blocks, roles, k, config)]
    if opened:
        target = opened[-1]
    elif headless:
        target = body[0]
    else:
        return None
    own = [k for k in body if k >= target]
    follow_end = end
    while follow_end < len(blocks) and roles[follow_end] not in HEADER_ROLES:
        follow_end += 1
    follow = [k for k in range(end, follow_end) if roles[k] != "byline"]
    # the text after the header run opens an article (byline, dateline): the header is
    # where a header belongs, so moving it needs the article before to open like one too
    # (a tail printed before its header never does) and the words to lean its way
    follow_opens = end < len(blocks) and (roles[end] == "byline" or
                                         config.rules.opens_article(blocks[end].text))
    target_opens = _opens(blocks, roles, target, config)
    if follow_opens and not target_opens:
        return None
    if not target_opens:
        bar = OPENED_LLR_BARE  # a page starting mid-article: a tail as likely as an article
    elif headless and target == body[0] and not follow_opens:
        bar = OPENED_LLR_START
    else:
        bar = OPENED_LLR
    # a headline parted from the subtitle under it must lean to the article by
    # SUBTITLE_OWN_LLR, or by the usual bar when a byline opens it (a feature: it has a
    # header; a report opened by 本报讯 may be a brief printed without one), or share
    # more of its character pairs with it (:func:`_headline_leans`)
    head_bar = bar if target > 0 and roles[target - 1] == "byline" else \
        max(bar, SUBTITLE_OWN_LLR)
    resets = [j for j in range(i + 1, end)
              if _RANK[roles[j]] < _RANK[roles[j - 1]]]  # a new header starts at j
    if resets:
        cands = [resets[0]]
    elif follow:
        cands = list(range(i + 1, end + 1))
    else:
        cands = [end]  # at the page end the whole run goes
    best = None
    for j in cands:
        if roles[j - 1] == "label":
            continue
        parted = j < end and bool(SUBTITLE.match(blocks[j].text))
        if parted and (topic.llr(list(range(j, end)), own, follow) < SUBTITLE_OWN_LLR or
                       not _headline_leans(blocks, topic, i, j, own, follow, head_bar)):
            continue  # a subtitle goes with the headline above it, unless both say not:
            # the subtitle's lean alone fits a header that is in its place
        if all(SUBTITLE.match(blocks[k].text) for k in range(i, j)) and follow \
                and [j] != resets[:1]:
            continue  # a subtitle alone is a header only where a new header starts under it
        part = list(range(i, j))
        if not all(_reads_like_header(blocks[k].text) for k in part):
            continue
        if follow:
            llr = topic.llr(part, follow, own)
        elif target_opens:  # the page end, under an article opened by a byline or
            llr = float("inf")  # dateline: a header with no article under it goes there
        else:  # the page end, under a page that starts mid-article: its words must lean
            # to that article, over the text above it or over the language at large
            before = [k for k in range(target) if roles[k] not in HEADER_ROLES]
            llr = topic.llr(part, before, own)
            bar = PAGE_END_LLR
        if llr < bar:
            continue
        if llr < 0 and follow and not _share("".join(blocks[k].text for k in part),
                                             [blocks[k].text for k in own]):
            continue  # leaning away, it needs some of the article's pairs at least
            # (开栏的话 over a column's intro shares none with the report before it)
        rest = topic.llr(list(range(j, end)), own, follow) if j < end else 0.0
        if j < end and rest < 0 and [j] != resets[:1]:
            continue
        if best is None or llr + rest > best[1]:
            best = (j, llr + rest, llr)
    if best is None:
        return None
    j, _, llr = best
    j = _settle_split(blocks, roles, topic, i, j, end, own, follow)
    while target > start and roles[target - 1] == "byline":
        target -= 1
    how = "the page starts with an article that has none" if not opened else \
        f"“{blocks[opened[-1]].text[:12]}…” opens an article that has none"
    where = ("nothing follows it on the page" if llr == float("inf") else
             f"its words are more likely under that article than under the text after "
             f"it by {llr:.2f} nats a word (≥ {bar})" if follow else
             f"nothing follows it on the page; its words are more likely under that "
             f"article than above it by {llr:.2f} nats a word (≥ {PAGE_END_LLR})")
    return j, target, OPENED_CONF, f"header follows its article: {how}; {where}"


def _reads_like_header(text: str) -> bool:
    """Mostly Chinese characters and nothing an OCR engine makes of a picture (control,
    format or combining marks): only such a line is moved on structure alone — debris
    taken for a header would otherwise be carried to an article's top.

    >>> _reads_like_header("一泓清水润万家"), _reads_like_header("：！（）’[新华社")
    (True, False)
    """
    chars = [c for c in text if not c.isspace() or c in "\u2028\u2029"]
    if not chars or any(unicodedata.category(c)[0] in "CM" or c in "\u2028\u2029"
                        for c in chars):
        return False
    return sum(is_cjk(c) for c in chars) >= HEADER_CJK * len(chars)


#: Order of header lines within one header; a line ranked lower than the one above it
#: starts a new header.
_RANK = {"label": 0, "kicker": 1, "headline": 2, "subtitle": 3}


def _move_header(batch, blocks: list[Block], i: int, j: int, target: int,
                 score: float, reason: str, whole: bool = True) -> None:
    """Move header blocks ``i..j-1`` before block ``target``: as one piece when ``whole``,
    else block by block (each keeps its order: all go before the same position)."""
    conf = round(min(0.95, score), 2)
    dest = blocks[target].start
    pieces = [(i, j)] if whole else [(k, k + 1) for k in range(i, j)]
    for a, b in pieces:
        first, last = blocks[a], blocks[b - 1]
        batch.move(first.start, last.end, dest, "move_trailing_headline", conf, reason)
        batch.insert(last.end, "\n\n", "move_trailing_headline", conf,
                     "blank line after the moved header")
        if j < len(blocks):
            batch.delete(last.end, blocks[b].start, "move_trailing_headline", conf,
                         "blank line left where the header was")
        else:
            batch.delete(blocks[a - 1].end, first.start, "move_trailing_headline", conf,
                         "blank line left where the header was")


def _all_pairs(text: str) -> set[str]:
    return {text[k:k + 2] for k in range(len(text) - 1)}


def _share(headline: str, paragraphs: list[str]) -> float:
    hp = _all_pairs(headline)
    if not hp or not paragraphs:
        return 0.0
    return len(hp & set().union(*(_all_pairs(p) for p in paragraphs))) / len(hp)


def best_split(headline: str, paragraphs: list[str], *, allow_first: bool = False,
               min_after: int = 1, opener: int | None = None) -> tuple[int | None, float]:
    """Where the headline's article starts in ``paragraphs``, and how clear that is.

    Score of a split: the mean share of the headline's character pairs in the paragraphs
    after it minus the mean share in the paragraphs before it. The first paragraph of the
    run is taken only with ``allow_first`` (otherwise it belongs to the article whose
    headline precedes the run). ``opener``: paragraph ``opener`` opens an article (a
    byline or dateline): no article runs across it, so the split is there or after it,
    and there even if fewer than ``min_after`` paragraphs follow (an article of one
    paragraph, or of several that an unwrapped page printed as one).

    >>> best_split("智能制造", ["警察协会开会。", "发展智能制造。", "制造业智能化。"])[0]
    1
    >>> best_split("智能制造", ["智能制造。", "制造业智能化。", "本报讯 智能制造。"], min_after=2,
    ...            opener=2)[0]
    2

    The paragraph before the best split joins the article when its share is nearer the
    article's mean than the mean before it (a mean alone favours the paragraphs that
    echo the headline most and leaves the article's lead behind):

    >>> best_split("补好智能制造短板弱项", ["民警出警。"] * 8 + ["制造业智能化。", "发展智能制造。",
    ...            "智能制造是关键。"], min_after=2)[0]
    8
    """
    hp = _all_pairs(headline)
    if not hp or len(paragraphs) < 2:
        return None, 0.0
    shares = [len(hp & _all_pairs(p)) / len(hp) for p in paragraphs]
    best, best_score = None, 0.0
    ks = range(0 if allow_first else 1, len(paragraphs) - min_after + 1)
    if opener is not None:
        ks = sorted({opener} | {k for k in ks if k > opener})
    for k in ks:
        before = sum(shares[:k]) / k if k else 0.0
        score = sum(shares[k:]) / len(shares[k:]) - before
        if score > best_score:
            best, best_score = k, score
    # a difference of means favours the few paragraphs that echo the headline most:
    # the paragraph before the split joins the article when its share is nearer the
    # article's mean share than the mean of the paragraphs before it
    lo = ks[0] if len(ks) else 0
    while best is not None and best - 1 >= lo and shares[best - 1] > 0 and \
            abs(shares[best - 1] - sum(shares[best:]) / len(shares[best:])) < \
            abs(shares[best - 1] - sum(shares[:best - 1]) / max(1, best - 1)):
        best -= 1
        before = sum(shares[:best]) / best if best else 0.0
        best_score = sum(shares[best:]) / len(shares[best:]) - before
    return best, best_score
