"""Snippets: the best passages of an article with the matched words marked.

The passages are the ones Whoosh's highlighter picks (``ContextFragmenter`` with 220
characters and 60 characters of context, scored like ``BasicFragmentScorer``, the best two
in text order). For the Dutch analyser this module makes the same choice without pushing
every token of the body through the analyser and Whoosh: the pieces of text between white
space are analysed once and remembered by term, so the matching ones are found with set
operations, and only the words in windows around them are read and walked the way Whoosh
walks its tokens. Where a window might not be enough, the whole body is read instead.
Other analysers go through Whoosh's own fragmenter. The tests hold both to Whoosh's output.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections import deque
from collections.abc import Callable, Collection
from itertools import accumulate
from typing import NamedTuple

from index import analysis
from index.dutch.tokens import TOKEN_PATTERN
from index.schema import unpositioned
from index.store.searching import expanded_terms, highlighted_fragments
from search.queries import nodes
from search.results import Snippet

MAX_HIGHLIGHT_EXPANSION = 200  # words of one prefix or fuzzy term marked in snippets

SNIPPET_CHARS = 220
SNIPPET_FRAGMENTS = 2
SURROUND = 60  # characters of context before the first and after the last matched word
FRAGMENT_SEPARATOR = " … "
# The fragmenter reads at most this many characters of a body, so a 50 MB article costs
# no more than a short one.
HIGHLIGHT_CHAR_LIMIT = 100_000
# Words read around each match when not reading a whole body (enough for the context
# before a match and for a fragment to end after one; checked, see _fragments).
CONTEXT_BEFORE = 100
CONTEXT_AFTER = 160
# Pieces of text between white space, indexed by their terms, remembered across calls
# (per word function): (pieces seen, term -> pieces with it). About 25 MB when full.
CHUNK_CACHE_LIMIT = 100_000
# More query terms than this (a wide prefix query) are not looked up in the postings for
# their positions; the words of the text are analysed instead.
POSITION_TERMS_LIMIT = 16
_WHITESPACE = re.compile(r"\s+")
# With the whole pattern captured, re.split returns gap, word, gap, word, ..., gap.
_SPLIT_WORDS = re.compile(f"({TOKEN_PATTERN.pattern})").split



class SnippetMemory:
    """What making snippets remembers between calls: one per index generation.

    The engine keeps one on its :class:`search.generation.Generation`; without one, each
    call starts from nothing (the same snippets, found with more analysis).
    """

    def __init__(self) -> None:
        # per word function: (pieces seen, term -> pieces with it)
        self.chunk_index: dict[object, tuple[set[str], dict[str, set[str]]]] = {}
        self.positions_used: set = set()  # word functions whose first page used positions


# (start, end, matched term) of one marked word; a fragment is (start, end, marks).
Mark = tuple[int, int, str]
Fragment = tuple[int, int, list[Mark]]


def make_snippet(text: str, terms: frozenset[str], analyzer,
                 hit_positions: Collection[int] | None = None, *,
                 memory: SnippetMemory | None = None) -> Snippet:  # fmt: skip
    """The passages of ``text`` richest in ``terms`` (analysed index terms), marked.

    ``hit_positions``, when given, are the positions of the words of ``text`` that hold
    one of ``terms``, as the index recorded them (:func:`term_positions`): the words
    that match are then found without analysing every word of the text. ``memory``
    keeps the analysed pieces of text for the next call.
    """
    if terms and text:
        terms = frozenset(terms)
        analyse = _word_function(analyzer)
        if analyse is None:
            fragments = _whoosh_fragments(text, terms, analyzer)
        else:
            fragments = _dutch_fragments(text, terms, analyse, hit_positions,
                                         memory if memory is not None else SnippetMemory())
        pieces = _format(text, _best_fragments(fragments))
        if any(hit for _, hit in pieces):
            return Snippet(tuple(_squeeze(pieces)))
    return Snippet(((_opening(text), False),)) if text else Snippet()


def positions_pay_off(analyzer, memory: SnippetMemory) -> bool:
    """Whether a page of snippets should take its matches from the index's positions.

    True once per ``memory`` (an index generation) and analyser: for a one-shot command,
    analysing every word of ten articles from cold caches costs ~0.1 s at 100,000 articles,
    reading the positions a tenth of that. A long-running process analyses instead: its word
    and piece caches make that cheaper than reading positions again for every page (6-14 ms).
    """
    analyse = _word_function(analyzer)
    if analyse is None or analyse in memory.positions_used:
        return False
    memory.positions_used.add(analyse)
    return True


def term_positions(reader, fieldname: str, terms: frozenset[str],
                   docnums: Collection[int]) -> dict[int, list[int]] | None:  # fmt: skip
    """Per document of ``docnums``, the positions in ``fieldname`` of words with a term.

    Read from the postings of ``terms`` (the index made them with the same analyser, so a
    word holds a term exactly where the term's postings say), skipping to each document.
    Exact forms keep no positions (:class:`index.schema.StemPositions`) and are skipped:
    their words hold the stem too. None when the field keeps no positions or there are
    too many terms to look up.
    """
    if not terms or len(terms) > POSITION_TERMS_LIMIT:
        return None
    field = reader.schema[fieldname] if fieldname in reader.schema else None
    if field is None or not field.format or not field.format.supports("positions"):
        return None
    wanted = sorted(set(docnums))
    found: dict[int, list[int]] = {docnum: [] for docnum in wanted}
    for term in sorted(terms):
        if unpositioned(field, term.encode("utf-8")) or (fieldname, term) not in reader:
            continue
        matcher = reader.postings(fieldname, term)
        for docnum in wanted:
            if not matcher.is_active():
                break
            if matcher.id() < docnum:
                matcher.skip_to(docnum)
            if matcher.is_active() and matcher.id() == docnum:
                found[docnum].extend(matcher.value_as("positions"))
    return found


def _dutch_fragments(text: str, terms: frozenset[str], analyse,
                     hit_positions: Collection[int] | None,
                     memory: SnippetMemory) -> list[Fragment]:  # fmt: skip
    """The fragments, from the words around the matches when that is provably the same."""
    if len(text) <= HIGHLIGHT_CHAR_LIMIT:
        if hit_positions is None:
            chunks = _hit_chunks(text, terms, analyse, memory.chunk_index)
        else:
            chunks = _chunks_at(text, hit_positions)
        if not chunks:
            return []
        fragments = _fragments(_Words.around(text, chunks, terms, analyse), terms, analyse)
        if fragments is not None:
            return fragments
    return _fragments(_Words.read(text, terms, analyse), terms, analyse)


def _word_function(analyzer) -> Callable | None:
    """The Dutch analyser's cached ``(raw word, index_mode) -> (terms, stopped)``, or None."""
    if type(analyzer) is not analysis.DutchAnalyzer:
        return None
    try:
        # A word with the exact form of a query word has its stem too: stems mark enough.
        return analyzer.word_analyser(exact=False)
    except (AttributeError, TypeError):  # an analyser pickled by another version
        return None


def _hit_chunks(text: str, terms: frozenset[str], analyse, chunk_index: dict) -> set[str]:
    """The distinct white-space-separated pieces of ``text`` holding a word with a term.

    No word spans white space, so a piece's words are the same on its own as in the text.
    Pieces are analysed once and indexed by term across calls (a news archive repeats
    them), so finding the matching ones is a few set operations.
    """
    state = chunk_index.get(analyse)
    if state is None or len(state[0]) >= CHUNK_CACHE_LIMIT:
        # A new object rather than clear(): a call in another thread keeps a whole one.
        state = chunk_index[analyse] = (set(), {})
    known, by_term = state
    chunks = set(text.split())
    for chunk in chunks.difference(known):
        _index_chunk(chunk, by_term, analyse)
        known.add(chunk)  # after indexing, so other threads never see half of it
    hits: set[str] = set()
    for term in terms:
        with_term = by_term.get(term)
        if with_term:
            hits |= chunks.intersection(with_term)
    return hits


def _chunks_at(text: str, positions: Collection[int]) -> set[str]:
    """:func:`_hit_chunks` from the positions of the words with a term (no analysis).

    The analysis of a word depends on the word alone, so every occurrence of a word seen
    at one of ``positions`` matches, and the pieces holding such a word are the hits.
    """
    raws = TOKEN_PATTERN.findall(text)
    hit_raws = {raws[position] for position in positions if position < len(raws)}
    if not hit_raws:
        return set()
    return {
        chunk for chunk in set(text.split())
        if chunk in hit_raws
        or (not chunk.isalpha() and not hit_raws.isdisjoint(TOKEN_PATTERN.findall(chunk)))
    }  # fmt: skip


def _index_chunk(chunk: str, by_term: dict[str, set[str]], analyse) -> None:
    if chunk.isalpha():  # one word (letters only), the common case
        chunk_terms = analyse(chunk, True)[0]
    else:
        chunk_terms = [
            term for raw in TOKEN_PATTERN.findall(chunk) for term in analyse(raw, True)[0]
        ]
    for term in chunk_terms:
        with_term = by_term.get(term)
        if with_term is None:
            by_term[term] = {chunk}
        else:
            with_term.add(chunk)


class _Words(NamedTuple):
    """Words of a text as the Dutch analyser reads them, and which ones match.

    Either all words (up to the character limit) or only those in windows around the
    matches; ``gaps`` maps the first word of each window after left-out text to the
    window's first character.
    """

    raws: list[str]
    starts: list[int]
    ends: list[int]
    hits: list[int]  # indexes of the words with at least one term in the query's terms
    stop_end: int | None = None  # end of the word past the character limit, if any
    gaps: dict[int, int] | None = None  # first word of a window after a gap -> its start
    complete: bool = True  # False: words after the last window were left out

    @classmethod
    def read(cls, text: str, terms: frozenset[str], analyse) -> _Words:
        raws, starts, ends, stop_end = _split_words(text)
        hit_raws = {raw for raw in set(raws) if not terms.isdisjoint(analyse(raw, True)[0])}
        hits = [n for n, raw in enumerate(raws) if raw in hit_raws] if hit_raws else []
        return cls(raws, starts, ends, hits, stop_end)

    @classmethod
    def around(cls, text: str, chunks: set[str], terms: frozenset[str], analyse) -> _Words:
        """The words of windows around the pieces ``chunks`` (from :func:`_hit_chunks`).

        A window starts after a space at least ``CONTEXT_BEFORE`` characters before a
        match and ends at a space ``CONTEXT_AFTER`` characters after one; windows that
        overlap are joined.
        """
        hit_raws = {raw for chunk in chunks for raw in TOKEN_PATTERN.findall(chunk)
                    if not terms.isdisjoint(analyse(raw, True)[0])}  # fmt: skip
        windows: list[list[int]] = []
        for position, size in sorted(_occurrences(text, chunks)):
            start = text.rfind(" ", 0, max(0, position - CONTEXT_BEFORE)) + 1
            end = text.find(" ", position + size + CONTEXT_AFTER)
            end = len(text) if end < 0 else end
            if windows and start <= windows[-1][1]:
                windows[-1][1] = max(windows[-1][1], end)
            else:
                windows.append([start, end])
        raws: list[str] = []
        starts: list[int] = []
        ends: list[int] = []
        gaps = {}
        for start, end in windows:
            if start:
                gaps[len(raws)] = start
            parts = _SPLIT_WORDS(text[start:end])
            bounds = list(accumulate(map(len, parts), initial=start))
            raws += parts[1::2]
            starts += bounds[1:-1:2]
            ends += bounds[2::2]
        hits = [n for n, raw in enumerate(raws) if raw in hit_raws]
        return cls(raws, starts, ends, hits, None, gaps, windows[-1][1] == len(text))


def _occurrences(text: str, chunks: set[str]):
    """``(start, length)`` of every white-space-separated occurrence of ``chunks``."""
    last = len(text)
    for chunk in chunks:
        size = len(chunk)
        position = text.find(chunk)
        while position >= 0:
            after = position + size
            if (position == 0 or text[position - 1].isspace()) and (
                after == last or text[after].isspace()
            ):
                yield position, size
            position = text.find(chunk, after)


def _split_words(text: str) -> tuple[list[str], list[int], list[int], int | None]:
    """``(words, starts, ends, stop_end)``: ``index.dutch.tokens.iter_tokens`` up to the limit."""
    if len(text) <= HIGHLIGHT_CHAR_LIMIT:
        parts = _SPLIT_WORDS(text)
        bounds = list(accumulate(map(len, parts)))
        return parts[1::2], bounds[0:-1:2], bounds[1::2], None
    raws, starts, ends = [], [], []
    for match in TOKEN_PATTERN.finditer(text):  # lazily: stops at the limit
        start, end = match.span()
        if end > HIGHLIGHT_CHAR_LIMIT:
            return raws, starts, ends, end
        raws.append(match.group())
        starts.append(start)
        ends.append(end)
    return raws, starts, ends, None


def _fragments(words: _Words, terms: frozenset[str], analyse) -> list[Fragment] | None:
    """Whoosh's ``ContextFragmenter`` over ``words``, skipping the stretches without a match.

    Every analysed term is a token to Whoosh (a compound counts once per term), so the
    words in and next to a fragment are walked term by term exactly as Whoosh does; outside
    a fragment a word without a match only moves the window of context before the next
    match (``firsts``), which is computed in one step when jumping to that match.

    None when ``words`` left out text that Whoosh's answer depends on: a fragment running
    into a gap, or context before a match reaching back into one.
    """
    starts, ends, hits = words.starts, words.ends, words.hits
    gaps = words.gaps or {}
    gap_firsts = sorted(gaps)
    fragments: list[Fragment] = []
    firsts: deque[int] = deque()  # starts of the words in the context window
    first = None  # start of the current fragment
    countdown = -1  # < 0: not in a fragment
    marks: list[Mark] = []
    length_so_far = 0
    end = 0
    next_hit = 0
    index = 0
    while index < len(starts):
        if countdown < 0:
            while next_hit < len(hits) and hits[next_hit] < index:
                next_hit += 1
            if next_hit == len(hits):
                break
            target = hits[next_hit]
            window = bisect_right(gap_firsts, target) - 1
            if window >= 0:  # the words before the match must reach past the gap
                window_first = gap_firsts[window]
                if target == window_first or ends[target - 1] - SURROUND < gaps[window_first]:
                    return None
            if target > index:  # Whoosh appends these words, dropping those too far back
                floor = ends[target - 1] - SURROUND
                kept = [start for start in firsts if start >= floor]
                kept += starts[bisect_left(starts, floor, index, target) : target]
                firsts = deque(kept)
                index = target
        elif index in gaps:
            return None
        start, end = starts[index], ends[index]
        length = end - start
        for term in analyse(words.raws[index], True)[0]:
            matched = term in terms
            if countdown < 0 and not matched:
                firsts.append(start)
                while firsts and end - firsts[0] > SURROUND:
                    firsts.popleft()
            elif length_so_far + length > SNIPPET_CHARS:
                countdown = 0
            elif matched:
                countdown = SURROUND
                if first is None:
                    if firsts:
                        first = firsts[0]
                    else:
                        first = start
                        countdown += SURROUND
                marks.append((start, end, term))
            if countdown >= 0:
                length_so_far += length
                countdown -= length
                if countdown <= 0:
                    # Whoosh also ends fragments without marks here; they never score.
                    if marks:
                        fragments.append((first, end, marks))
                    marks, firsts, first, length_so_far = [], deque(), None, 0
        index += 1
    if marks:  # Whoosh ends the last fragment at the last word it read
        if not words.complete:
            return None
        fragments.append((first, end if words.stop_end is None else words.stop_end, marks))
    return fragments


def _whoosh_fragments(text: str, terms: frozenset[str], analyzer) -> list[Fragment]:
    """The fragments of Whoosh's own highlighter, for analysers without a word function."""
    tokens = analyzer(text, chars=True, mode=analysis.INDEX_STEMS, removestops=False)
    return highlighted_fragments(text, tokens, terms, maxchars=SNIPPET_CHARS, surround=SURROUND,
                                 charlimit=HIGHLIGHT_CHAR_LIMIT)  # fmt: skip


def _score(fragment: Fragment) -> int:
    """Whoosh's ``BasicFragmentScorer``: marks times 100 per distinct term marked."""
    marks = fragment[2]
    return len(marks) * (len({term for _, _, term in marks}) * 100 or 1)


def _best_fragments(fragments: list[Fragment]) -> list[Fragment]:
    """The highest-scoring fragments, earliest first on ties, in text order.

    (Whoosh's own ``top_fragments`` breaks ties by object address, so the same query
    could show different snippets from one run to the next.)
    """
    ranked = sorted(fragments, key=lambda f: (-_score(f), f[0]))
    best = [f for f in ranked[:SNIPPET_FRAGMENTS] if _score(f) >= 1]
    return sorted(best, key=lambda f: f[0])


def _format(text: str, fragments: list[Fragment]) -> list[tuple[str, bool]]:
    """``(text, highlighted)`` pieces of the fragments, with separators between them."""
    pieces: list[tuple[str, bool]] = []
    for number, (startchar, endchar, marks) in enumerate(fragments):
        if number:
            pieces.append((FRAGMENT_SEPARATOR, False))
        index = startchar
        for start, end, _ in marks:
            if start < index:  # a second term of a word already marked
                continue
            if start > index:
                pieces.append((text[index:start], False))
            pieces.append((text[start:end], True))
            index = end
        pieces.append((text[index:endchar], False))
    return pieces


def _squeeze(pieces: list[tuple[str, bool]]):
    """Collapse runs of white space (line breaks in the body) to one space."""
    for text, hit in pieces:
        yield _WHITESPACE.sub(" ", text), hit


def _opening(text: str) -> str:
    opening = " ".join(text[: SNIPPET_CHARS * 2].split())
    if len(opening) <= SNIPPET_CHARS:
        return opening
    return opening[:SNIPPET_CHARS].rsplit(" ", 1)[0] + " …"


def highlight_terms(combined: nodes.Query, reader) -> frozenset[str]:
    """The analysed terms to mark in snippets, prefix and fuzzy expansions included."""
    terms = set()
    for fieldname, text in combined.iter_all_terms(phrases=True):
        if fieldname in ("title", "body"):
            terms.add(text.decode("utf-8") if isinstance(text, bytes) else text)
    for node in combined.leaves():
        if isinstance(node, nodes.MultiTerm) and node.field() in ("title", "body"):
            for count, btext in enumerate(expanded_terms(node, reader)):
                if count >= MAX_HIGHLIGHT_EXPANSION:
                    break
                terms.add(btext.decode("utf-8") if isinstance(btext, bytes) else btext)
    return frozenset(terms)
