"""Matching and BM25F ranking with numpy over Whoosh's own posting blocks.

Whoosh scores one posting per Python call, which costs ~100 ms to 1 s a query on a
100,000-article index. Here each posting block of a query's terms is decoded at once
(one ``pickle.loads`` per 128 postings), and matching, scoring and top-k selection run
on whole numpy arrays per segment. The scores are Whoosh's own BM25F, term for term:
the same idf and average field lengths (from Whoosh's searcher), the same byte-encoded
document lengths, boosts applied where Whoosh applies them, ``AND`` and ``OR`` summing
their children's scores, phrases scoring as the sum of their words. Query filters
(months, entities) restrict the matches without adding to the score, as a filter
context does in Elasticsearch.

The supported query nodes are the ones the query parser produces for ordinary queries:
terms, ``AND``/``OR``/``NOT``, phrases, prefix, wildcard, range and (bounded) fuzzy
terms, and "every article". For anything else :func:`rank` returns None and the engine
asks Whoosh.
"""

from __future__ import annotations

import io
import pickle
import threading
import zlib
from collections import OrderedDict
from dataclasses import dataclass
from struct import Struct

import numpy as np
from whoosh import query, scoring
from whoosh.codec.whoosh3 import LENGTHS_COLUMN, WHOOSH3_HEADER_MAGIC
from whoosh.reading import TermNotFound
from whoosh.util.numeric import byte_to_length

from search.facetcache import Matches, live_documents

_BLOCK_LENGTH = Struct("!i")
_POSITION_SPACE = np.int64(1) << 32  # doc * space + position: one sortable key per position
_EMPTY_DOCS = np.zeros(0, dtype=np.int64)
MISSING = np.iinfo(np.int64).max  # the sort key of a document without a value
_EMPTY_SCORES = np.zeros(0, dtype=np.float64)
_LENGTH_TABLE = np.array([byte_to_length(b) for b in range(256)], dtype=np.float64)


@dataclass(frozen=True)
class Ranking:
    """A query's matches (for totals and facets) and the best-first documents asked for."""

    matches: Matches
    docnums: np.ndarray  # reader-wide document numbers, best first
    scores: np.ndarray


class _Unsupported(Exception):
    """A query node this module does not evaluate: Whoosh answers the query instead."""


@dataclass(frozen=True)
class Postings:
    """One term's postings in one segment; ``positions`` flat, ``starts`` per posting."""

    docs: np.ndarray
    weights: np.ndarray
    starts: np.ndarray | None = None  # where each posting's positions begin (len docs + 1)
    positions: np.ndarray | None = None

    @property
    def nbytes(self) -> int:
        arrays = (self.docs, self.weights, self.starts, self.positions)
        return sum(a.nbytes for a in arrays if a is not None) + 200


_NO_POSTINGS = Postings(_EMPTY_DOCS, _EMPTY_SCORES, np.zeros(1, dtype=np.int64), _EMPTY_DOCS)


class RankingCache:
    """Decoded document lengths and postings of one index generation, shared by threads.

    Lengths are decoded once per segment and field. Postings go into a least-recently-used
    cache of at most ``max_bytes``, so a term's blocks are unpickled once while it stays in
    use (Whoosh's pickled blocks cost far more to decode than to read).
    """

    def __init__(self, max_bytes: int = 256 * 1024 * 1024) -> None:
        self.max_bytes = max_bytes
        self._segment_arrays: dict[tuple, np.ndarray] = {}
        self._postings: OrderedDict[tuple, Postings] = OrderedDict()
        self._bytes = 0
        self._lock = threading.Lock()

    def lengths(self, leaf_reader, segment_id: str | None, fieldname: str) -> np.ndarray:
        """Whoosh's stored (byte-encoded) length of ``fieldname`` for every document."""
        return self._per_segment((segment_id, fieldname, "lengths"),
                                 lambda: _read_lengths(leaf_reader, fieldname))  # fmt: skip

    def sort_keys(self, leaf_reader, segment_id: str | None, fieldname: str) -> np.ndarray:
        """Whoosh's sort key of ``fieldname`` (a sortable column) for every document;
        :data:`MISSING` where the document has no value."""
        return self._per_segment((segment_id, fieldname, "sort"),
                                 lambda: _read_sort_keys(leaf_reader, fieldname))  # fmt: skip

    def _per_segment(self, key: tuple, build) -> np.ndarray:
        found = self._segment_arrays.get(key)
        if found is None:
            with self._lock:
                found = self._segment_arrays.get(key)
                if found is None:
                    found = self._segment_arrays[key] = build()
        return found

    def postings(self, key: tuple, decode) -> Postings:
        """The cached postings under ``key``, or ``decode()``'s, remembered."""
        with self._lock:
            found = self._postings.get(key)
            if found is not None:
                self._postings.move_to_end(key)
                return found
        found = decode()
        if found.nbytes <= self.max_bytes // 4:
            with self._lock:
                if key not in self._postings:
                    self._postings[key] = found
                    self._bytes += found.nbytes
                while self._bytes > self.max_bytes:
                    _, dropped = self._postings.popitem(last=False)
                    self._bytes -= dropped.nbytes
        return found


def _read_lengths(leaf_reader, fieldname: str) -> np.ndarray:
    count = leaf_reader.doc_count_all()
    perdoc = leaf_reader._perdoc
    column = perdoc._cached_reader(f"_{fieldname}_len", LENGTHS_COLUMN)
    codes = np.zeros(count, dtype=np.uint8)
    if column is not None:
        stored = min(column._count, count)
        raw = column._dbfile.get(column._basepos, stored)
        codes[:stored] = np.frombuffer(raw, dtype=np.uint8)
    return _LENGTH_TABLE[codes]


def _read_sort_keys(leaf_reader, fieldname: str) -> np.ndarray:
    column = leaf_reader.column_reader(fieldname)
    # A document without a value has the column's default, 2**64 - 1 for an unsigned
    # 64-bit column (DATETIME): over int64, so any key that large means "missing".
    keys = [column.sort_key(doc) for doc in range(leaf_reader.doc_count_all())]
    return np.array([key if key < MISSING else MISSING for key in keys], dtype=np.int64)


def sort_keys_of(matches: Matches, leaf_readers, cache: RankingCache,
                 segment_ids: list[str | None], fieldname: str = "date") -> np.ndarray:
    """The sort keys of ``matches``' documents, in :meth:`Matches.docnums` order."""
    parts = [cache.sort_keys(reader, segment_id, fieldname)[docs]
             for docs, reader, segment_id in zip(matches.per_leaf, leaf_readers, segment_ids,
                                                 strict=True)]  # fmt: skip
    return np.concatenate(parts) if parts else _EMPTY_DOCS


def by_date(docnums: np.ndarray, keys: np.ndarray, *, newest: bool) -> np.ndarray:
    """Indexes putting documents newest (or oldest) first; undated ones last either way.

    Ties go as Whoosh breaks them: for newest first the higher document number first.
    """
    undated = keys == MISSING
    if newest:
        return np.lexsort((-docnums, -keys, undated))
    return np.lexsort((docnums, keys, undated))


def rank(searcher, scored: query.Query, filters: list[query.Query], *, top: int,
         cache: RankingCache, segment_ids: list[str | None],
         sort: str = "relevance") -> Ranking | None:  # fmt: skip
    """Match ``scored`` restricted by ``filters``; the ``top`` first documents.

    ``sort``: ``relevance`` (BM25F, best first), ``date`` (newest first) or ``oldest``,
    (:func:`by_date`: undated documents last).
    Returns None when the query holds a node this module does not evaluate.
    """
    weighting = searcher.weighting
    if type(weighting) is not scoring.BM25F:
        return None
    per_leaf, offsets, score_parts, key_parts = [], [], [], []
    statistics: dict[tuple, object] = {}  # index-wide, so shared by segments
    try:
        for (subsearcher, offset), segment_id in zip(searcher.leaf_searchers(), segment_ids,
                                                     strict=True):  # fmt: skip
            leaf = _Leaf(searcher, subsearcher.reader(), segment_id, cache, weighting, statistics)
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
            if sort != "relevance":
                key_parts.append(cache.sort_keys(leaf.reader, segment_id, "date")[docs])
    except _Unsupported:
        return None
    matches = Matches(per_leaf, offsets)
    docnums = matches.docnums()
    scores = np.concatenate(score_parts) if score_parts else _EMPTY_SCORES
    if sort == "relevance":
        chosen = best_first(docnums, scores, top)
    else:
        keys = np.concatenate(key_parts) if key_parts else _EMPTY_DOCS
        chosen = by_date(docnums, keys, newest=sort == "date")[:top]
    return Ranking(matches, docnums[chosen], scores[chosen])


def best_first(docnums: np.ndarray, scores: np.ndarray, top: int) -> np.ndarray:
    """Indexes of the ``top`` highest scores, ties by ascending document number (as Whoosh)."""
    if top <= 0 or not len(scores):
        return np.zeros(0, dtype=np.int64)
    if len(scores) > top:
        threshold = np.partition(scores, len(scores) - top)[len(scores) - top]
        candidates = np.flatnonzero(scores >= threshold)
    else:
        candidates = np.arange(len(scores))
    order = np.lexsort((docnums[candidates], -scores[candidates]))
    return candidates[order[:top]]


class _Leaf:
    """Evaluates query nodes on one segment: ``(sorted docnums, scores)`` per node."""

    def __init__(self, searcher, reader, segment_id, cache: RankingCache, weighting,
                 statistics: dict) -> None:  # fmt: skip
        self.searcher = searcher  # the top-level searcher: index-wide idf and lengths
        self.reader = reader
        self.segment_id = segment_id
        self.cache = cache
        self.weighting = weighting
        self.statistics = statistics

    def evaluate(self, node, *, scoring_on: bool) -> tuple[np.ndarray, np.ndarray]:
        kind = type(node)
        if kind is query.Term:
            return self._term(node.fieldname, node.text, node.boost, scoring_on)
        if kind is query.And:
            return self._scaled(self._intersection(node.subqueries, scoring_on), node.boost)
        if kind is query.Or:
            if node.scale is not None:
                raise _Unsupported
            return self._scaled(self._union(node.subqueries, scoring_on), node.boost)
        if kind is query.AndNot:
            docs, scores = self.evaluate(node.a, scoring_on=scoring_on)
            excluded, _ = self.evaluate(node.b, scoring_on=False)
            keep = ~_found_in(docs, excluded)
            return self._scaled((docs[keep], scores[keep]), node.boost)
        if kind is query.Phrase:
            return self._phrase(node, scoring_on)
        if kind in (query.Prefix, query.Wildcard, query.TermRange, query.FuzzyTerm):
            return self._multiterm(node, scoring_on)
        if kind is query.Every and not node.fieldname:
            docs = np.arange(self.reader.doc_count_all(), dtype=np.int64)
            return docs, np.full(len(docs), float(node.boost))
        if node is query.NullQuery or kind is type(query.NullQuery):
            return _EMPTY_DOCS, _EMPTY_SCORES
        raise _Unsupported

    @staticmethod
    def _scaled(result, boost: float):
        docs, scores = result
        return (docs, scores * boost) if boost != 1.0 else (docs, scores)

    def _intersection(self, subqueries, scoring_on: bool):
        positive = [sub for sub in subqueries if type(sub) is not query.Not]
        negative = [sub.query for sub in subqueries if type(sub) is query.Not]
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
        return _summed(parts)

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
        if scoring_on:
            for text, word in zip(node.words, postings, strict=True):
                mine = _found_in(word.docs, docs)
                scores = scores + self._bm25(node.fieldname, text, word.docs[mine],
                                             word.weights[mine])  # fmt: skip
        return docs, scores * node.boost if node.boost != 1.0 else scores

    def _multiterm(self, node, scoring_on: bool):
        if not scoring_on:  # a filter: expand once for the whole index, not per segment
            key = ("expansion", id(node))
            words = self.statistics.get(key)
            if words is None:
                reader = self.searcher.reader()
                words = self.statistics[key] = [w for w in node._btexts(reader) if w]
            return _summed([self._term(node.field(), word, 1.0, False) for word in words])
        # Whoosh expands per segment, and a lone expansion there scores as a plain term.
        words = [word for word in node._btexts(self.reader) if word]
        if len(words) == 1:  # Whoosh: a lone expansion is a plain term, without the boost
            return self._term(node.field(), words[0], 1.0, scoring_on)
        parts = [self._term(node.field(), word, 1.0, scoring_on) for word in words]
        docs, scores = _summed(parts)
        if node.constantscore:  # Whoosh: every matching document scores the boost
            return docs, np.full(len(docs), float(node.boost))
        return self._scaled((docs, scores), node.boost)

    def _term(self, fieldname: str, text, boost: float, scoring_on: bool):
        found = self._postings(fieldname, text, positions=False)
        docs, weights = found.docs, found.weights
        if not scoring_on or not len(docs):
            return docs, weights
        scores = self._bm25(fieldname, text, docs, weights)
        return docs, scores * boost if boost != 1.0 else scores

    def _bm25(self, fieldname: str, text, docs: np.ndarray, weights: np.ndarray) -> np.ndarray:
        if not self.searcher.schema[fieldname].scorable:
            return weights  # Whoosh's WeightScorer
        b = self.weighting._field_B.get(fieldname, self.weighting.B)
        k1 = self.weighting.K1
        found = self.statistics.get((fieldname, text))
        if found is None:
            found = self.statistics[(fieldname, text)] = (
                self.searcher.idf(fieldname, text),
                self.searcher.avg_field_length(fieldname) or 1,
            )
        idf, average = found
        lengths = self.cache.lengths(self.reader, self.segment_id, fieldname)[docs]
        return idf * ((weights * (k1 + 1)) / (weights + k1 * ((1 - b) + b * lengths / average)))

    def _postings(self, fieldname: str, text, *, positions: bool) -> Postings:
        """One term's postings in this segment (with positions: for phrases)."""
        schema = self.searcher.schema
        if fieldname not in schema:
            return _NO_POSTINGS
        field = schema[fieldname]
        try:
            btext = field.to_bytes(text)
        except ValueError:
            return _NO_POSTINGS
        terms = getattr(self.reader, "_terms", None)
        if terms is None:  # an empty segment reader
            return _NO_POSTINGS
        key = (self.segment_id, fieldname, btext, positions)
        return self.cache.postings(key, lambda: _read_postings(terms, field, fieldname, btext,
                                                               positions))  # fmt: skip


def _read_postings(terms, field, fieldname: str, btext: bytes, positions: bool) -> Postings:
    try:
        info = terms.term_info(fieldname, btext)
    except TermNotFound:
        return _NO_POSTINGS
    if info.is_inlined():
        ids, weights, values = info.inlined_postings()
        docs = np.asarray(ids, dtype=np.int64)
        weights = np.asarray(weights, dtype=np.float64)
    else:
        offset, length = info.extent()
        if isinstance(length, tuple):  # Whoosh 2.7 reads the stored length as a 1-tuple
            (length,) = length
        raw = terms._postfile.get(offset, length)
        docs, weights, values = _decode_blocks(raw, field.format, positions)
    if not positions:
        return Postings(docs, weights)
    counts, flat = _positions(values)
    starts = np.zeros(len(counts) + 1, dtype=np.int64)
    np.cumsum(counts, out=starts[1:])
    return Postings(docs, weights, starts, flat)


def _decode_blocks(raw: bytes, field_format, want_values: bool):
    """Every posting of one term from its W3 blocks (see ``W3PostingsWriter._write_block``)."""
    if raw[:4] != WHOOSH3_HEADER_MAGIC:
        raise _Unsupported  # not the codec this reader knows: let Whoosh read it
    stream = io.BytesIO(raw)
    position = 4
    id_parts, weight_parts, values = [], [], []
    fixed_size = field_format.fixed_value_size()
    while position < len(raw):
        (length,) = _BLOCK_LENGTH.unpack_from(raw, position)
        end = position + 4 + abs(length)
        stream.seek(position + 4)
        count, _, _, compression, _, _ = pickle.load(stream)
        data = raw[stream.tell() : end]
        if compression:
            data = zlib.decompress(data)
        quick = None if want_values else _quick_block(data, count)
        if quick is None:
            ids, weights, vals = pickle.loads(data)
            quick = np.asarray(ids, dtype=np.int64), _weights(weights, count)
            if want_values:
                values.extend(_block_values(vals, fixed_size, count))
        id_parts.append(quick[0])
        weight_parts.append(quick[1])
        position = end
        if length < 0:
            break
    # Each block stores its ids as deltas from the previous id, the first from zero.
    docs = np.concatenate([np.cumsum(ids) for ids in id_parts])
    return docs, np.concatenate(weight_parts), values if want_values else None


def _weights(weights, count: int) -> np.ndarray:
    if weights is None:
        return np.ones(count)
    if isinstance(weights, float):
        return np.full(count, weights)
    return np.asarray(weights, dtype=np.float64)


_SMALL_INT, _MEDIUM_INT, _INT = 0x4B, 0x4D, 0x4A  # pickle opcodes K, M, J
_FLOAT_ITEM = np.dtype([("opcode", "u1"), ("value", ">f8")])


def _quick_block(data: bytes, count: int):
    """The ids and weights of a block's pickle read with numpy, or None if it is unusual.

    ``pickle.loads`` spends most of its time rebuilding the block's value strings (byte
    strings pickled with protocol 2, as Whoosh writes them, become ``_codecs.encode``
    calls), which ranking does not need. The ids and weights come first in the pickle, the
    same in protocol 2 and in protocol 3 (:mod:`index.store.postings`): ``PROTO, MARK, ids as K
    (one byte) items after a first K/M/J item, TUPLE, BINPUT 0``, then ``NONE`` (all
    weights 1), ``BINFLOAT`` (one weight) or ``MARK, BINFLOAT..., TUPLE``. Anything else
    (short tuples, wide deltas) returns None and is unpickled whole.
    """
    if count < 4 or data[:3] not in (b"\x80\x02(", b"\x80\x03("):
        return None
    opcode = data[3]
    if opcode == _SMALL_INT:
        first, at = data[4], 5
    elif opcode == _MEDIUM_INT:
        first, at = int.from_bytes(data[4:6], "little"), 6
    elif opcode == _INT:
        first, at = int.from_bytes(data[4:8], "little", signed=True), 8
    else:
        return None
    rest = at + 2 * (count - 1)
    if data[rest : rest + 3] != b"tq\x00":
        return None
    pairs = np.frombuffer(data, dtype=np.uint8, count=2 * (count - 1), offset=at)
    if (pairs[0::2] != _SMALL_INT).any():
        return None
    ids = np.empty(count, dtype=np.int64)
    ids[0] = first
    ids[1:] = pairs[1::2]
    at = rest + 3
    marker = data[at]
    if marker == 0x4E:  # NONE
        return ids, np.ones(count)
    if marker == 0x47:  # BINFLOAT
        (weight,) = np.frombuffer(data, dtype=">f8", count=1, offset=at + 1)
        return ids, np.full(count, float(weight))
    if marker != 0x28:  # MARK
        return None
    items = np.frombuffer(data, dtype=_FLOAT_ITEM, count=count, offset=at + 1)
    if (items["opcode"] != 0x47).any() or data[at + 1 + 9 * count] != 0x74:  # TUPLE
        return None
    return ids, items["value"].astype(np.float64)


def _positions(values: list) -> tuple[np.ndarray, np.ndarray]:
    """``(counts, positions)`` of Whoosh ``Positions`` values (a count, then pickled deltas)."""
    deltas = [pickle.loads(value[4:]) for value in values]
    counts = np.fromiter(map(len, deltas), dtype=np.int64, count=len(deltas))
    flat = np.fromiter((d for group in deltas for d in group), dtype=np.int64,
                       count=int(counts.sum()))  # fmt: skip
    running = np.cumsum(flat)
    starts = np.cumsum(counts) - counts
    return counts, running - np.repeat(running[starts] - flat[starts], counts)


def _block_values(vals, fixed_size, count: int) -> list:
    if fixed_size is None or fixed_size < 0:
        return list(vals)
    if fixed_size == 0:
        return [None] * count
    return [vals[i : i + fixed_size] for i in range(0, len(vals), fixed_size)]


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
