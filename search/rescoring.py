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

import numpy as np

from index.schema import unpositioned
from search.queries import nodes

PROXIMITY_FIELD = "body"
COVERAGE_TITLE = "title"  # a query word counts as there when in the title or the body
RESCORE_DEPTH = 100  # the best articles by BM25F that are re-scored
PROXIMITY_WEIGHT = 4.0  # chosen on the dev halves of bench.known_item (1, 2, 4, 8, 16)
COVERAGE_WEIGHT = 8.0  # chosen likewise (0.5, 1, 2, 4, 8, 16, 32: 8 and up alike)
_POSITION_SPACE = np.int64(1) << 32


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


def proximity_scores(docs: np.ndarray, postings: list, idfs: np.ndarray, lengths: np.ndarray,
                     average: float, *, k1: float, b: float) -> np.ndarray:  # fmt: skip
    """The proximity score of each of ``docs`` (ascending document numbers of one segment).

    ``postings``: each query word's :class:`index.store.postings.Postings` with positions;
    ``idfs``: their idf; ``lengths``: the documents' field lengths, ``average`` the
    collection's.
    """
    keys_parts, word_parts = [], []
    for word, found in enumerate(postings):
        chosen = _places(found.docs, docs)
        counts = found.starts[chosen + 1] - found.starts[chosen]
        within = np.arange(int(counts.sum())) - np.repeat(np.cumsum(counts) - counts, counts)
        positions = found.positions[np.repeat(found.starts[chosen], counts) + within]
        keys_parts.append(np.repeat(found.docs[chosen], counts) * _POSITION_SPACE + positions)
        word_parts.append(np.full(len(positions), word, dtype=np.int64))
    scores = np.zeros(len(docs))
    if not keys_parts:
        return scores
    keys = np.concatenate(keys_parts)
    words = np.concatenate(word_parts)
    order = np.argsort(keys, kind="stable")
    keys, words = keys[order], words[order]
    gaps = np.diff(keys)
    # neighbours in one document (a new document jumps by about the position space), of
    # two words, not at one position
    paired = np.flatnonzero((gaps >= 1) & (gaps < _POSITION_SPACE // 2)
                            & (words[1:] != words[:-1]))  # fmt: skip
    if not len(paired):
        return scores
    closeness = 1.0 / gaps[paired].astype(np.float64) ** 2
    place = np.searchsorted(docs, keys[paired] // _POSITION_SPACE)
    count = len(postings)
    size = len(docs) * count
    # each (document, word) sums its own pairs in position order: one document's figure
    # is the same whatever other documents are rescored with it (a shard's or all)
    gathered = (np.bincount(place * count + words[paired + 1],
                            weights=idfs[words[paired]] * closeness, minlength=size)
                + np.bincount(place * count + words[paired],
                              weights=idfs[words[paired + 1]] * closeness, minlength=size))
    gathered = gathered.reshape(len(docs), count)
    norm = k1 * ((1 - b) + b * lengths / average)
    return (gathered * (k1 + 1) / (gathered + norm[:, None])).sum(axis=1)


def _found_in(docs: np.ndarray, others: np.ndarray) -> np.ndarray:
    """Which of ``docs`` are in ``others`` (both ascending): a search per one of ``docs``."""
    if not len(others) or not len(docs):
        return np.zeros(len(docs), dtype=bool)
    at = np.minimum(np.searchsorted(others, docs), len(others) - 1)
    return others[at] == docs


def _places(postings_docs: np.ndarray, docs: np.ndarray) -> np.ndarray:
    """Indexes into ``postings_docs`` of those of ``docs`` it holds (both ascending)."""
    if not len(postings_docs) or not len(docs):
        return np.zeros(0, dtype=np.int64)
    at = np.minimum(np.searchsorted(postings_docs, docs), len(postings_docs) - 1)
    return at[postings_docs[at] == docs]


def coverage_scores(docs: np.ndarray, present: list[tuple[np.ndarray, ...]],
                    idfs: np.ndarray) -> np.ndarray:  # fmt: skip
    """The summed idf of the query words each of ``docs`` holds (``present``: per word,
    the ascending documents holding it, one array per field)."""
    scores = np.zeros(len(docs))
    for fields, weight in zip(present, idfs, strict=True):
        held = np.zeros(len(docs), dtype=bool)
        for found in fields:
            held |= _found_in(docs, found)
        scores += weight * held
    return scores
