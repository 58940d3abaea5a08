"""Rescoring the best-ranked articles: those holding more of the query's words, and those
where the words stand close together, move up.

*Coverage*: an article gets :data:`COVERAGE_WEIGHT` times the summed idf of the query
words it holds (in the title or the body), as Lucene's classic coordination factor favours
documents matching more of a query's clauses: a soft ``AND`` for ``OR`` queries, so an
article naming one of four words ten times no longer outranks one naming all four.

*Proximity*: BM25F scores each word on its own, so an article naming the query's words in
one sentence and one scattering them over ten paragraphs score alike. Following Büttcher,
Clarke and Lushman (2006), each occurrence of a query word in the body is paired with the query word
that occurs just before it; if that is another word, ``d`` positions earlier, both words
gather ``idf(other) / d**2``. A word's gathered amount ``acc`` then scores like a term
frequency in BM25: ``acc * (k1 + 1) / (acc + k1 * (1 - b + b * length / average))``,
summed over the words and times :data:`PROXIMITY_WEIGHT`. Both boosts are bounded (a word
adds at most ``(k1 + 1)`` times the proximity weight, its idf times the coverage weight)
and depend on the article and the collection's statistics alone.

Only the :data:`RESCORE_DEPTH` best articles by BM25F are re-scored (a re-ranking, as
Elasticsearch's rescore window), so the cost is the positions of a few words in a hundred
articles. Which articles those are depends on the BM25F order alone, never on the page
asked for, so pages do not overlap; they are the best of the matches left after the
query's filters, so a filter can bring an article into the pool (and its boost into its
score). The words are the stems of the query's body terms (their exact forms sit at the
same positions, and keep none); words under ``NOT``, phrases, patterns and fuzzy terms
take no part, and a query of fewer than two words is not rescored. Two terms at the same
position (a compound and its parts) are one word there, not a pair.
"""

from __future__ import annotations

from itertools import accumulate

import numpy as np

from index.schema import unpositioned
from search.queries import nodes

PROXIMITY_FIELD = "body"
COVERAGE_TITLE = "title"  # a query word counts as there when in the title or the body
RESCORE_DEPTH = 100  # the best articles by BM25F that are re-scored
PROXIMITY_WEIGHT = 4.0  # chosen on the dev halves of bench.known_item (1, 2, 4, 8, 16)
COVERAGE_WEIGHT = 8.0  # chosen likewise (0.5, 1, 2, 4, 8, 16, 32: 8 and up alike)
_POSITION_SPACE = np.int64(1) << 32
_NEIGHBOURS = _POSITION_SPACE // 2  # a smaller gap is within one document


def proximity_terms(query: nodes.Query, schema) -> list[bytes]:
    """The distinct positioned body terms of ``query`` that score (not under ``NOT``), in
    query order: the words whose closeness counts."""
    if PROXIMITY_FIELD not in schema:
        return []
    field = schema[PROXIMITY_FIELD]
    if not field.format or not field.format.supports("positions"):
        return []
    found: dict[bytes, None] = {}
    for node in _scoring_terms(query):
        if node.fieldname != PROXIMITY_FIELD:
            continue
        try:
            btext = field.to_bytes(node.text)
        except ValueError:
            continue
        if not unpositioned(field, btext):
            found[btext] = None
    return list(found)


def _scoring_terms(node):
    kind = type(node)
    if kind is nodes.Term:
        yield node
    elif kind is nodes.AndNot:
        yield from _scoring_terms(node.a)
    elif kind not in (nodes.Not, nodes.Phrase):
        for child in node.children():
            yield from _scoring_terms(child)


def pool_boosts(parts: list[np.ndarray], body: list[list], titles: list[list[np.ndarray]],
                idfs: np.ndarray, lengths: np.ndarray, average: float, *, k1: float,
                b: float) -> np.ndarray:  # fmt: skip
    """The boost of each document of the pool: :func:`proximity_scores` times
    :data:`PROXIMITY_WEIGHT` plus :func:`coverage_scores` times :data:`COVERAGE_WEIGHT`.

    The pool is ``parts``, one per segment holding some of it: that segment's ascending
    document numbers, the pool's order being theirs one part after another.
    ``body[word][part]``: the word's :class:`index.store.postings.Postings` with positions
    in that segment's body; ``titles[word][part]`` the ascending documents holding it in
    the title; ``lengths``: the pool's body lengths. Every segment goes in one pass: what
    a pool of a hundred costs is numpy's overhead per call, not the arithmetic.
    """
    counts, firsts = _spans(parts, body)
    held = counts.reshape(len(body), -1) > 0  # a posting has a position (or more)
    held |= _held(parts, titles)
    near = _near(parts, body, counts, firsts, idfs, lengths, average, k1=k1, b=b)
    return PROXIMITY_WEIGHT * near + COVERAGE_WEIGHT * _summed(held, idfs)


def proximity_scores(docs: np.ndarray, postings: list, idfs: np.ndarray, lengths: np.ndarray,
                     average: float, *, k1: float, b: float) -> np.ndarray:  # fmt: skip
    """The proximity score of each of ``docs`` (ascending document numbers of one segment).

    ``postings``: each query word's :class:`index.store.postings.Postings` with positions;
    ``idfs``: their idf; ``lengths``: the documents' field lengths, ``average`` the
    collection's.
    """
    if not len(docs):
        return np.zeros(0)
    body = [[found] for found in postings]
    counts, firsts = _spans([docs], body)
    return _near([docs], body, counts, firsts, idfs, lengths, average, k1=k1, b=b)


def coverage_scores(docs: np.ndarray, present: list[tuple[np.ndarray, ...]],
                    idfs: np.ndarray) -> np.ndarray:  # fmt: skip
    """The summed idf of the query words each of ``docs`` holds (``present``: per word,
    the ascending documents holding it, one array per field)."""
    held = np.zeros((len(present), len(docs)), dtype=bool)
    for word, fields in enumerate(present):
        for found in fields:
            held[word] |= found.searchsorted(docs, side="right") > found.searchsorted(docs)
    return _summed(held, idfs)


def _summed(held: np.ndarray, idfs: np.ndarray) -> np.ndarray:
    """Per document (a column of ``held``, words by documents), the idf of the words it
    holds, added in query order."""
    scores = np.zeros(held.shape[1])
    for there, weight in zip(held, idfs, strict=True):
        scores += weight * there
    return scores


def _spans(parts, body) -> tuple[np.ndarray, np.ndarray]:
    """Per word and pool document (word after word, each over the pool): how many
    positions the word has there in the body and where they start in its positions."""
    firsts, counts = [], []
    for per_part in body:
        for found, docs in zip(per_part, parts, strict=True):
            # a document not there has an empty span: both searches find the same place
            first = found.starts[found.docs.searchsorted(docs)]
            counts.append(found.starts[found.docs.searchsorted(docs, side="right")] - first)
            firsts.append(first)
    return np.concatenate(counts), np.concatenate(firsts)


def _held(parts, titles) -> np.ndarray:
    """Which pool documents hold each word in ``titles`` (words by documents)."""
    lows, highs = [], []
    for per_part in titles:
        for found, docs in zip(per_part, parts, strict=True):
            lows.append(found.searchsorted(docs))
            highs.append(found.searchsorted(docs, side="right"))
    return (np.concatenate(highs) > np.concatenate(lows)).reshape(len(titles), -1)


def _near(parts, body, counts, firsts, idfs, lengths, average, *, k1, b) -> np.ndarray:
    """The proximity scores of the pool (:func:`_spans` gave ``counts`` and ``firsts``).

    Each position of each word in the pool becomes a key, place in the pool * position
    space + position, word after word, so a stable sort keeps one position's words in
    query order; sorted, neighbours in one document of two words pair up.
    """
    count, size = len(body), len(counts) // len(body)
    ends = counts.cumsum()
    total = int(ends[-1])
    if not total:
        return np.zeros(size)
    # each key's index into the positions of its word in its segment
    flat = np.repeat(firsts - (ends - counts), counts) + np.arange(total)
    bounds = list(accumulate(len(docs) for docs in parts))
    cuts = [0, *ends[[word * size + bound - 1 for word in range(count)
                      for bound in bounds]].tolist()]  # fmt: skip
    pieces = zip([found.positions for per_part in body for found in per_part], cuts[:-1],
                 cuts[1:], strict=True)  # fmt: skip
    positions = np.concatenate([piece[flat[start:end]] for piece, start, end in pieces
                                if end > start])  # fmt: skip
    cells = np.repeat(np.arange(count * size), counts)  # word * size + place in the pool
    keys = cells % size * _POSITION_SPACE + positions
    order = keys.argsort(kind="stable")
    keys, words = keys[order], cells[order] // size
    gaps = keys[1:] - keys[:-1]
    # neighbours in one document (a new document jumps by about the position space), of
    # two words, not at one position
    paired = np.flatnonzero((gaps >= 1) & (gaps < _NEIGHBOURS) & (words[1:] != words[:-1]))
    if not len(paired):
        return np.zeros(size)
    closeness = 1.0 / gaps[paired].astype(np.float64) ** 2
    place = keys[paired] // _POSITION_SPACE * count
    left, right = words[paired], words[paired + 1]
    # each (document, word) sums its own pairs in position order: one document's figure
    # is the same whatever other documents are rescored with it (a shard's or all)
    gathered = (np.bincount(place + right, weights=idfs[left] * closeness, minlength=size * count)
                + np.bincount(place + left, weights=idfs[right] * closeness,
                              minlength=size * count)).reshape(size, count)  # fmt: skip
    norm = k1 * ((1 - b) + b * lengths / average)
    return (gathered * (k1 + 1) / (gathered + norm[:, None])).sum(axis=1)
