"""Matching and BM25F ranking with numpy over Whoosh's own posting blocks.

Whoosh scores one posting per Python call, which costs ~100 ms to 1 s a query on a
100,000-article index. Here each posting block of a query's terms is decoded at once
(one ``pickle.loads`` per 128 postings), and matching, scoring and top-k selection run
on whole numpy arrays per segment. The scores are Whoosh's own BM25F, term for term:
the same byte-encoded document lengths, boosts applied where Whoosh applies them, ``AND``
and ``OR`` summing their children's scores, phrases scoring as the sum of their words.
The idf and average field lengths count live articles only (:mod:`search.statistics`;
Whoosh's own where nothing was deleted or merged). Query filters (months, entities)
restrict the matches without adding to the score, as a filter context does in
Elasticsearch. Equal scores and equal dates are ordered by the order the articles were read
(:data:`index.schema.ORDER_FIELD`), not by where they sit in the segments, so an index
answers the same however its segments were merged or sharded. With ``rescore`` (the
engine's relevance order) the best by BM25F then get the boosts of :mod:`search.rescoring`.

The supported query nodes are the ones the query parser produces for ordinary queries:
terms, ``AND``/``OR``/``NOT``, phrases, prefix, wildcard, range and (bounded) fuzzy
terms, and "every article". For anything else :func:`rank` returns None and the engine
asks Whoosh.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from index.schema import ORDER_FIELD
from index.store.columns import MISSING, live_documents
from index.store.postings import NO_POSTINGS, Postings, UnknownPostingFormat
from index.store.readercache import ReaderCache
from index.store.searching import bm25f_parameters, expanded_terms
from search import rescoring
from search.matches import Matches
from search.queries import nodes
from search.statistics import CollectionStatistics, FixedStatistics

_POSITION_SPACE = np.int64(1) << 32  # doc * space + position: one sortable key per position
_EMPTY_DOCS = np.zeros(0, dtype=np.int64)
_EMPTY_SCORES = np.zeros(0, dtype=np.float64)


@dataclass(frozen=True)
class Ranking:
    """A query's matches (for totals and facets) and the best-first documents asked for."""

    matches: Matches
    docnums: np.ndarray  # reader-wide document numbers, best first
    scores: np.ndarray
    orders: np.ndarray  # their places in the reading order (ties: the earlier first)
    keys: np.ndarray | None = None  # their date sort keys, for a date sort
    # their BM25F scores before rescoring (None: by date), for merging shards
    plain: np.ndarray | None = None


class _Unsupported(Exception):
    """A query node this module does not evaluate: Whoosh answers the query instead."""


def sort_keys_of(matches: Matches, leaf_readers, cache: ReaderCache,
                 segment_ids: list[str | None], fieldname: str = "date", *,
                 numbers: bool = False) -> np.ndarray:  # fmt: skip
    """The sort keys of ``matches``' documents, in :meth:`Matches.docnums` order (the
    values of a numeric column, with ``numbers``)."""
    read = cache.numbers if numbers else cache.sort_keys
    parts = [read(reader, segment_id, fieldname)[docs]
             for docs, reader, segment_id in zip(matches.per_leaf, leaf_readers, segment_ids,
                                                 strict=True)]  # fmt: skip
    return np.concatenate(parts) if parts else _EMPTY_DOCS


def reading_orders(matches: Matches, leaf_readers, cache: ReaderCache,
                   segment_ids: list[str | None]) -> np.ndarray:  # fmt: skip
    """Each of ``matches``' documents' place in the reading order (:data:`ORDER_FIELD`), in
    :meth:`Matches.docnums` order; the document numbers in an index without the column."""
    if not leaf_readers or ORDER_FIELD not in leaf_readers[0].schema:
        return matches.docnums()
    return sort_keys_of(matches, leaf_readers, cache, segment_ids, ORDER_FIELD, numbers=True)


def by_date(docnums: np.ndarray, keys: np.ndarray, *, newest: bool,
            orders: np.ndarray | None = None) -> np.ndarray:  # fmt: skip
    """Indexes putting documents newest (or oldest) first; undated ones last either way.

    Ties go to the later read article first for newest first, the earlier for oldest
    (``orders``: places in the reading order; by default the document numbers).
    """
    orders = docnums if orders is None else orders
    undated = keys == MISSING
    if newest:
        return np.lexsort((-orders, -keys, undated))
    return np.lexsort((orders, keys, undated))


def rank(searcher, scored: nodes.Query, filters: list[nodes.Query], *, top: int,
         cache: ReaderCache, segment_ids: list[str | None], sort: str = "relevance",
         statistics: CollectionStatistics | FixedStatistics | None = None,
         rescore: bool = False) -> Ranking | None:  # fmt: skip
    """Match ``scored`` restricted by ``filters``; the ``top`` first documents.

    ``sort``: ``relevance`` (BM25F, best first), ``date`` (newest first) or ``oldest``,
    (:func:`by_date`: undated documents last). ``statistics``: the collection's figures
    (default: those of the searcher's reader; a shard gets those of all shards).
    ``rescore``: the best by BM25F get the boosts of :mod:`search.rescoring` (the engine's
    relevance order; without it, Whoosh's own). Returns None when the query holds a node
    this module does not evaluate. With ``top`` 0 only the matches count: nothing is
    scored (their ``scores`` are not BM25F).
    """
    weighting = searcher.weighting
    if bm25f_parameters(weighting, "body") is None:  # not BM25F: Whoosh scores it
        return None
    if statistics is None:
        statistics = CollectionStatistics(searcher.reader(), cache)
    ordered = ORDER_FIELD in searcher.schema
    per_leaf, offsets, score_parts, key_parts, order_parts = [], [], [], [], []
    leaves = []
    expansions: dict[tuple, object] = {}  # of filters, index-wide, so shared by segments
    try:
        for (subsearcher, offset), segment_id in zip(searcher.leaf_searchers(), segment_ids,
                                                     strict=True):  # fmt: skip
            leaf = _Leaf(searcher, subsearcher.reader(), segment_id, cache, weighting,
                         statistics, expansions, scores=top > 0)  # fmt: skip
            leaves.append(leaf)
            docs, scores = leaf.evaluate(scored, scoring_on=True)
            for condition in filters:
                allowed, _ = leaf.evaluate(condition, scoring_on=False)
                keep = _found_in(docs, allowed)
                docs, scores = docs[keep], scores[keep]
            if leaf.reader.has_deletions() and len(docs):
                keep = _found_in(docs, live_documents(leaf.reader, docs))
                docs, scores = docs[keep], scores[keep]
            per_leaf.append(docs)
            offsets.append(offset)
            score_parts.append(scores)
            if ordered and top > 0:
                order_parts.append(cache.numbers(leaf.reader, segment_id, ORDER_FIELD)[docs])
            if sort != "relevance":
                key_parts.append(cache.sort_keys(leaf.reader, segment_id, "date")[docs])
    except _Unsupported:
        return None
    matches = Matches(per_leaf, offsets)
    docnums = matches.docnums()
    scores = np.concatenate(score_parts) if score_parts else _EMPTY_SCORES
    orders = np.concatenate(order_parts) if ordered and order_parts else docnums
    if sort == "relevance":
        best = None
        if top > 0 and rescore:
            best = _rescored(scored, searcher.schema, leaves, matches, docnums, scores,
                             orders, top)  # fmt: skip
        if best is None:
            chosen = best_first(docnums, scores, top, orders)
            final = scores[chosen]
        else:
            chosen, final = best
        return Ranking(matches, docnums[chosen], final, orders[chosen], None, scores[chosen])
    keys = np.concatenate(key_parts) if key_parts else _EMPTY_DOCS
    chosen = by_date(docnums, keys, newest=sort == "date", orders=orders)[:top]
    return Ranking(matches, docnums[chosen], scores[chosen], orders[chosen], keys[chosen])


def _rescored(scored, schema, leaves, matches: Matches, docnums: np.ndarray,
              scores: np.ndarray, orders: np.ndarray,
              top: int) -> tuple[np.ndarray, np.ndarray] | None:  # fmt: skip
    """Indexes of the ``top`` best once the :data:`~search.rescoring.RESCORE_DEPTH` best
    by BM25F (``scores``) have the boosts of :mod:`search.rescoring`, and their scores;
    None when the query has fewer than two words to rescore by."""
    terms = rescoring.proximity_terms(scored, schema)
    if len(terms) < 2 or not len(scores):
        return None
    pool = rescoring_pool(docnums, scores, orders)
    boosts = _pool_boosts(leaves, matches, docnums[pool], terms)
    boosted = scores[pool] + boosts
    if top <= len(pool) and boosts.min() >= 0:
        # a boost never lowers a score, so the pool stays above every other match
        best = best_first(docnums[pool], boosted, top, orders[pool])
        return pool[best], boosted[best]
    everything = scores.copy()
    everything[pool] = boosted
    chosen = best_first(docnums, everything, top, orders)
    return chosen, everything[chosen]


def _pool_boosts(leaves, matches: Matches, pool: np.ndarray, terms: list[bytes]) -> np.ndarray:
    """The boosts of ``pool`` (ascending reader-wide document numbers) for the query words
    ``terms`` (:func:`search.rescoring.pool_boosts`), from each word's postings over all
    segments at once (remembered by the reader cache)."""
    fieldname, title = rescoring.PROXIMITY_FIELD, rescoring.COVERAGE_TITLE
    first = leaves[0]
    cache, schema = first.cache, first.searcher.schema
    b, k1 = bm25f_parameters(first.weighting, fieldname)
    statistics = first.statistics  # the collection's, the same for every segment
    idfs = np.array([statistics.idf(fieldname, btext) for btext in terms])
    readers = [leaf.reader for leaf in leaves]
    segment_ids = [leaf.segment_id for leaf in leaves]
    lengths = cache.reader_lengths(readers, segment_ids, fieldname)[pool]

    def postings(name: str, btext: bytes, positions: bool) -> Postings:
        if name not in schema:
            return NO_POSTINGS
        return cache.reader_postings(readers, segment_ids, matches.offsets, schema[name], name,
                                     btext, positions=positions)  # fmt: skip

    try:
        body = [[postings(fieldname, btext, True)] for btext in terms]
        titles = [[postings(title, btext, False).docs] for btext in terms]
    except UnknownPostingFormat:
        raise _Unsupported from None
    return rescoring.pool_boosts([pool], body, titles, idfs, lengths,
                                 statistics.average_length(fieldname), k1=k1, b=b)  # fmt: skip


def rescoring_pool(docnums: np.ndarray, plain: np.ndarray, orders: np.ndarray) -> np.ndarray:
    """Indexes (ascending) of the documents rescoring boosts: the
    :data:`~search.rescoring.RESCORE_DEPTH` best by BM25F (``plain``), ties by reading
    order, whatever page is asked for."""
    return np.sort(best_first(docnums, plain, rescoring.RESCORE_DEPTH, orders))


def best_first(docnums: np.ndarray, scores: np.ndarray, top: int,
               orders: np.ndarray | None = None) -> np.ndarray:  # fmt: skip
    """Indexes of the ``top`` highest scores, ties by ascending reading order (``orders``;
    by default the document numbers, as Whoosh)."""
    if top <= 0 or not len(scores):
        return np.zeros(0, dtype=np.int64)
    orders = docnums if orders is None else orders
    if len(scores) > top:
        threshold = np.partition(scores, len(scores) - top)[len(scores) - top]
        candidates = np.flatnonzero(scores >= threshold)
    else:
        candidates = np.arange(len(scores))
    order = np.lexsort((orders[candidates], -scores[candidates]))
    return candidates[order[:top]]


class _Leaf:
    """Evaluates query nodes on one segment: ``(sorted docnums, scores)`` per node."""

    def __init__(self, searcher, reader, segment_id, cache: ReaderCache, weighting,
                 statistics, expansions: dict, *, scores: bool = True) -> None:  # fmt: skip
        self.searcher = searcher  # the top-level searcher: the schema, filter expansions
        self.reader = reader
        self.segment_id = segment_id
        self.cache = cache
        self.weighting = weighting
        self.statistics = statistics  # the collection's idf, lengths and expansions
        self.expansions = expansions
        # False: only the matches are wanted. The same nodes are evaluated the same way
        # (the same matches, the same unsupported nodes), but BM25F is left out.
        self.scores = scores

    def evaluate(self, node, *, scoring_on: bool) -> tuple[np.ndarray, np.ndarray]:
        kind = type(node)
        if kind is nodes.Term:
            return self._term(node.fieldname, node.text, node.boost, scoring_on)
        if kind is nodes.And:
            return self._scaled(self._intersection(node.subqueries, scoring_on), node.boost)
        if kind is nodes.Or:
            if node.scale is not None:
                raise _Unsupported
            return self._scaled(self._union(node.subqueries, scoring_on), node.boost)
        if kind is nodes.AndNot:
            docs, scores = self.evaluate(node.a, scoring_on=scoring_on)
            excluded, _ = self.evaluate(node.b, scoring_on=False)
            keep = ~_found_in(docs, excluded)
            return self._scaled((docs[keep], scores[keep]), node.boost)
        if kind is nodes.Phrase:
            return self._phrase(node, scoring_on)
        if kind in (nodes.Prefix, nodes.Wildcard, nodes.TermRange, nodes.FuzzyTerm):
            return self._multiterm(node, scoring_on)
        if kind in (nodes.DateRange, nodes.NumericRange) and node.fieldname == "date":
            # the sort keys say it (both hold Whoosh's microseconds)
            if not scoring_on:  # a filter
                return self._date_range(node)
            if node.constantscore:  # Whoosh: every match scores the boost
                docs, _ = self._date_range(node)
                return docs, np.full(len(docs), float(node.boost))
            raise _Unsupported
        if kind is nodes.Every and not node.fieldname:
            docs = np.arange(self.reader.doc_count_all(), dtype=np.int64)
            return docs, np.full(len(docs), float(node.boost))
        if node is nodes.NullQuery or kind is type(nodes.NullQuery):
            return _EMPTY_DOCS, _EMPTY_SCORES
        raise _Unsupported

    @staticmethod
    def _scaled(result, boost: float):
        docs, scores = result
        return (docs, scores * boost) if boost != 1.0 else (docs, scores)

    def _intersection(self, subqueries, scoring_on: bool):
        positive = [sub for sub in subqueries if type(sub) is not nodes.Not]
        negative = [sub.query for sub in subqueries if type(sub) is nodes.Not]
        if not positive:
            raise _Unsupported  # "NOT a AND NOT b" alone: every other article, Whoosh's way
        docs, scores = self.evaluate(positive[0], scoring_on=scoring_on)
        for sub in positive[1:]:
            if not len(docs):
                break
            other_docs, other_scores = self.evaluate(sub, scoring_on=scoring_on)
            mine, theirs = _common(docs, other_docs)
            docs, scores = docs[mine], scores[mine] + other_scores[theirs]
        for sub in negative:
            excluded, _ = self.evaluate(sub, scoring_on=False)
            keep = ~_found_in(docs, excluded)
            # Whoosh's inverse matcher adds a weight of 1 to every document it lets through.
            docs, scores = docs[keep], scores[keep] + 1.0
        return docs, scores

    def _union(self, subqueries, scoring_on: bool):
        parts = [self.evaluate(sub, scoring_on=scoring_on) for sub in subqueries]
        return _summed(parts) if scoring_on and self.scores else _united(parts)

    def _phrase(self, node, scoring_on: bool):
        """Whoosh's ``SpanNear2(ordered, mindist=1)``: each word 1 to ``slop`` after the last."""
        schema = self.searcher.schema
        field = schema[node.fieldname] if node.fieldname in schema else None
        if field is None or not node.words:
            return _EMPTY_DOCS, _EMPTY_SCORES
        if not field.format or not field.format.supports("positions"):
            raise _Unsupported
        postings = [self._postings(node.fieldname, word, positions=True) for word in node.words]
        docs = postings[0].docs
        for other in postings[1:]:
            docs = docs[_found_in(docs, other.docs)]
        if not len(docs):
            return _EMPTY_DOCS, _EMPTY_SCORES
        ends = None
        for word in postings:
            chosen = np.flatnonzero(_found_in(word.docs, docs))
            counts = word.starts[chosen + 1] - word.starts[chosen]
            # Flat indexes of the chosen postings' positions, without a Python loop. Keys come
            # out ascending (documents ascending, positions ascending within one).
            within = np.arange(int(counts.sum())) - np.repeat(np.cumsum(counts) - counts, counts)
            positions = word.positions[np.repeat(word.starts[chosen], counts) + within]
            keys = np.repeat(word.docs[chosen], counts) * _POSITION_SPACE + positions
            if ends is not None:
                before = np.searchsorted(ends, keys, side="left") - 1
                previous = ends[np.maximum(before, 0)]
                keys = keys[(before >= 0) & (keys - previous <= node.slop)]
            ends = keys
            if not len(ends):
                return _EMPTY_DOCS, _EMPTY_SCORES
        found = ends // _POSITION_SPACE
        docs = found[np.concatenate(([True], found[1:] != found[:-1]))]
        scores = np.zeros(len(docs))
        if scoring_on and self.scores:
            for text, word in zip(node.words, postings, strict=True):
                mine = _found_in(word.docs, docs)
                scores = scores + self._bm25(node.fieldname, field.to_bytes(text),
                                             word.docs[mine], word.weights[mine])  # fmt: skip
        return docs, scores * node.boost if node.boost != 1.0 else scores

    def _multiterm(self, node, scoring_on: bool):
        if not scoring_on:  # a filter: expand once for the whole index, not per segment
            key = ("expansion", id(node))
            words = self.expansions.get(key)
            if words is None:
                reader = self.searcher.reader()
                words = self.expansions[key] = list(expanded_terms(node, reader))
            return _united([self._term(node.field(), word, 1.0, False) for word in words])
        # The words of the whole collection (Whoosh takes each segment's own: a segment
        # holding one of them scored differently from one holding several).
        words = self.statistics.expansion(node)
        if len(words) == 1:  # Whoosh: a lone expansion is a plain term, without the boost
            return self._term(node.field(), words[0], 1.0, scoring_on)
        parts = [self._term(node.field(), word, 1.0, scoring_on) for word in words]
        docs, scores = _summed(parts) if self.scores else _united(parts)
        if node.constantscore:  # Whoosh: every matching document scores the boost
            return docs, np.full(len(docs), float(node.boost))
        return self._scaled((docs, scores), node.boost)

    def _date_range(self, node):
        """Documents whose date column lies in the node's range (start and end in
        Whoosh's microseconds, inclusive unless excluded)."""
        keys = self.cache.sort_keys(self.reader, self.segment_id, node.fieldname)
        inside = keys != MISSING
        if node.start is not None:
            inside &= keys > node.start if node.startexcl else keys >= node.start
        if node.end is not None:
            inside &= keys < node.end if node.endexcl else keys <= node.end
        docs = np.flatnonzero(inside).astype(np.int64)
        return docs, np.zeros(len(docs))

    def _term(self, fieldname: str, text, boost: float, scoring_on: bool):
        found = self._postings(fieldname, text, positions=False)
        docs, weights = found.docs, found.weights
        if not scoring_on or not self.scores or not len(docs):
            return docs, weights
        btext = text if isinstance(text, bytes) else self.searcher.schema[fieldname].to_bytes(text)
        scores = self._bm25(fieldname, btext, docs, weights)
        return docs, scores * boost if boost != 1.0 else scores

    def _bm25(self, fieldname: str, btext: bytes, docs: np.ndarray,
              weights: np.ndarray) -> np.ndarray:  # fmt: skip
        if not self.searcher.schema[fieldname].scorable:
            return weights  # Whoosh's WeightScorer
        b, k1 = bm25f_parameters(self.weighting, fieldname)
        idf = self.statistics.idf(fieldname, btext)
        average = self.statistics.average_length(fieldname)
        lengths = self.cache.lengths(self.reader, self.segment_id, fieldname)[docs]
        return idf * ((weights * (k1 + 1)) / (weights + k1 * ((1 - b) + b * lengths / average)))

    def _postings(self, fieldname: str, text, *, positions: bool) -> Postings:
        """One term's postings in this segment (with positions: for phrases)."""
        schema = self.searcher.schema
        if fieldname not in schema:
            return NO_POSTINGS
        field = schema[fieldname]
        try:
            btext = field.to_bytes(text)
        except ValueError:
            return NO_POSTINGS
        try:
            return self.cache.postings(self.reader, self.segment_id, field, fieldname, btext,
                                       positions=positions)  # fmt: skip
        except UnknownPostingFormat:
            raise _Unsupported from None


def _found_in(docs: np.ndarray, others: np.ndarray) -> np.ndarray:
    """Which of ``docs`` are in ``others`` (both ascending, without repeats)."""
    if not len(others) or not len(docs):
        return np.zeros(len(docs), dtype=bool)
    at = np.minimum(np.searchsorted(others, docs), len(others) - 1)
    return others[at] == docs


def _common(docs: np.ndarray, others: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Indexes into ``docs`` and into ``others`` of the documents both hold (ascending)."""
    if not len(others) or not len(docs):
        return np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.int64)
    at = np.minimum(np.searchsorted(others, docs), len(others) - 1)
    mine = np.flatnonzero(others[at] == docs)
    return mine, at[mine]


def _summed(parts) -> tuple[np.ndarray, np.ndarray]:
    """Union of ``(docs, scores)`` parts, scores of the same document added."""
    parts = [part for part in parts if len(part[0])]
    if not parts:
        return _EMPTY_DOCS, _EMPTY_SCORES
    if len(parts) == 1:
        return parts[0]
    docs = np.concatenate([d for d, _ in parts])
    scores = np.concatenate([s for _, s in parts])
    span = int(max(d[-1] for d, _ in parts)) + 1
    if len(docs) * 8 >= span:  # dense enough: add into an array over the segment, no sort
        present = np.bincount(docs, minlength=span).nonzero()[0]
        return present, np.bincount(docs, weights=scores, minlength=span)[present]
    unique, inverse = np.unique(docs, return_inverse=True)
    return unique, np.bincount(inverse, weights=scores, minlength=len(unique))


def _united(parts) -> tuple[np.ndarray, np.ndarray]:
    """Union of ``(docs, scores)`` parts where the scores do not matter (filters, matches
    only): the documents, and zeros."""
    parts = [part for part in parts if len(part[0])]
    if not parts:
        return _EMPTY_DOCS, _EMPTY_SCORES
    if len(parts) == 1:
        return parts[0]
    span = int(max(d[-1] for d, _ in parts)) + 1
    if sum(len(d) for d, _ in parts) * 8 >= span:  # dense enough: mark them in an array
        present = np.zeros(span, dtype=bool)
        for docs, _ in parts:
            present[docs] = True
        docs = np.flatnonzero(present)
    else:  # sorted, each once (numpy 2.4's plain np.unique hashes: 100-1000x slower here)
        docs = np.sort(np.concatenate([d for d, _ in parts]))
        docs = docs[np.r_[True, docs[1:] != docs[:-1]]]
    return docs, np.zeros(len(docs))
