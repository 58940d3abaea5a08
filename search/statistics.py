"""The collection-wide figures of BM25F, counted over live articles only.

A score's idf and average field length come from the whole collection. Whoosh counts
deleted documents in them until a merge drops them, and a merge rounds the field lengths
it copies, so the same articles scored differently depending on how their segments had
been merged, and a sharded index (:mod:`search.sharded`) could not give the scores of one
index. Here every figure is a property of the live articles alone:

- the number of articles is the number of live ones;
- a term's document frequency counts the live articles holding it;
- a field's average length is the exact word count (:data:`index.schema.EXACT_LENGTH_FIELDS`)
  summed over live articles, divided by their number;
- a prefix, wildcard or fuzzy term stands for the same words in every segment (those of
  the whole collection), where Whoosh expands it segment by segment.

With no deletions and no merged segments these equal Whoosh's own figures, so scores equal
Whoosh's. Indexes built before the exact-length columns fall back to Whoosh's totals.

:class:`CollectionStatistics` computes the figures lazily from a reader (one index, or the
shards' segments together); :meth:`CollectionStatistics.fixed` freezes the ones a query
needs into :class:`FixedStatistics`, which travels to the workers of a cluster, so every
shard scores with the figures of the whole collection (as Elasticsearch's
``dfs_query_then_fetch``).
"""

from __future__ import annotations

import math
import threading
from dataclasses import dataclass, field

from index.schema import EXACT_LENGTH_FIELDS
from index.store.columns import exact_length_total, live_documents
from index.store.generations import segment_id
from index.store.postings import UnknownPostingFormat
from index.store.readercache import ReaderCache
from index.store.searching import expanded_terms
from search.queries import nodes


def idf(documents: int, frequency: int) -> float:
    """Whoosh's BM25F idf, ``log(N / (df + 1)) + 1``."""
    return math.log(documents / (frequency + 1)) + 1


@dataclass(frozen=True)
class FixedStatistics:
    """The figures one query needs, computed once for the whole collection."""

    documents: int
    totals: dict[str, float]  # fieldname -> words over live articles
    frequencies: dict[tuple[str, bytes], int] = field(default_factory=dict)
    expansions: dict[nodes.Query, tuple[bytes, ...]] = field(default_factory=dict)

    def idf(self, fieldname: str, btext: bytes) -> float:
        return idf(self.documents, self.frequencies.get((fieldname, btext), 0))

    def average_length(self, fieldname: str) -> float:
        return self.totals.get(fieldname, 0) / (self.documents or 1) or 1

    def expansion(self, node) -> tuple[bytes, ...]:
        return self.expansions.get(node, ())

    @classmethod
    def combined(cls, parts: list[FixedStatistics]) -> FixedStatistics:
        """The figures of several disjoint parts (shards) together."""
        totals: dict[str, float] = {}
        frequencies: dict[tuple[str, bytes], int] = {}
        expansions: dict[nodes.Query, set[bytes]] = {}
        for part in parts:
            for name, value in part.totals.items():
                totals[name] = totals.get(name, 0) + value
            for key, value in part.frequencies.items():
                frequencies[key] = frequencies.get(key, 0) + value
            for node, words in part.expansions.items():
                expansions.setdefault(node, set()).update(words)
        return cls(
            documents=sum(part.documents for part in parts), totals=totals,
            frequencies=frequencies,
            expansions={node: tuple(sorted(words)) for node, words in expansions.items()},
        )  # fmt: skip


class StatisticsMemo:
    """What :class:`CollectionStatistics` found for one set of live articles (one index
    generation and its deletions), shared by the threads reading it."""

    def __init__(self) -> None:
        self.frequencies: dict[tuple[str, bytes], int] = {}
        self.totals: dict[str, float] = {}
        self.expansions: dict[nodes.Query, tuple[bytes, ...]] = {}
        self.lock = threading.Lock()


class CollectionStatistics:
    """The figures of one reader's live articles, computed on demand and remembered in
    ``memo`` (one per generation and live count: see :meth:`memo_key`; by default its own).

    Per-segment parts are kept in the generation's
    :class:`~index.store.readercache.ReaderCache`.
    """

    def __init__(self, reader, cache: ReaderCache, memo: StatisticsMemo | None = None) -> None:
        self._reader = reader
        self._cache = cache
        self._leaves = [leaf for leaf, _ in reader.leaf_readers()]
        self._documents = reader.doc_count()
        memo = memo or StatisticsMemo()
        self._frequencies = memo.frequencies
        self._totals = memo.totals
        self._expansions = memo.expansions
        self._lock = memo.lock

    @staticmethod
    def memo_key(reader) -> str:
        """Under which name a generation keeps the memo of ``reader``'s live articles
        (deleting articles keeps the segments, and changes the live count)."""
        return f"statistics-{reader.doc_count()}"

    @property
    def documents(self) -> int:
        return self._documents

    def idf(self, fieldname: str, btext: bytes) -> float:
        return idf(self._documents, self.frequency(fieldname, btext))

    def average_length(self, fieldname: str) -> float:
        return self.total(fieldname) / (self._documents or 1) or 1

    def frequency(self, fieldname: str, btext: bytes) -> int:
        """Live articles holding the term."""
        key = (fieldname, btext)
        found = self._frequencies.get(key)
        if found is None:
            found = sum(self._live_frequency(leaf, fieldname, btext) for leaf in self._leaves)
            with self._lock:
                self._frequencies[key] = found
        return found

    def total(self, fieldname: str) -> float:
        """Words of ``fieldname`` over live articles."""
        found = self._totals.get(fieldname)
        if found is None:
            exact = EXACT_LENGTH_FIELDS.get(fieldname)
            # keyed on the live count too: deleting articles keeps a segment's identity
            found = sum(self._cache.segment_value(
                leaf, segment_id(leaf), (fieldname, "live words", leaf.doc_count()),
                lambda leaf=leaf: exact_length_total(leaf, fieldname, exact))
                for leaf in self._leaves)  # fmt: skip
            with self._lock:
                self._totals[fieldname] = found
        return found

    def expansion(self, node) -> tuple[bytes, ...]:
        """The indexed words a prefix, wildcard, range or fuzzy term stands for."""
        found = self._expansions.get(node)
        if found is None:
            found = tuple(expanded_terms(node, self._reader))
            with self._lock:
                self._expansions[node] = found
        return found

    def fixed(self, scored: nodes.Query) -> FixedStatistics:
        """The figures scoring ``scored`` needs, frozen (for the workers of a cluster)."""
        frequencies, expansions = {}, {}
        schema = self._reader.schema
        for fieldname, words, node in scored_terms(scored):
            if fieldname not in schema:
                continue
            if node is not None:
                words = expansions[node] = self.expansion(node)
            for word in words:
                btext = word if isinstance(word, bytes) else _to_bytes(schema[fieldname], word)
                if btext is not None:
                    frequencies[(fieldname, btext)] = self.frequency(fieldname, btext)
        totals = {name: self.total(name) for name in EXACT_LENGTH_FIELDS if name in schema}
        return FixedStatistics(self._documents, totals, frequencies, expansions)

    def _live_frequency(self, leaf, fieldname: str, btext: bytes) -> int:
        if not leaf.has_deletions():
            return leaf.doc_frequency(fieldname, btext)
        schema_field = leaf.schema[fieldname]
        try:
            postings = self._cache.postings(leaf, segment_id(leaf), schema_field, fieldname,
                                            btext, positions=False)  # fmt: skip
        except UnknownPostingFormat:
            return leaf.doc_frequency(fieldname, btext)
        return len(live_documents(leaf, postings.docs))


def scored_terms(node):
    """``(fieldname, words, pattern node or None)`` for each part of ``node`` that scores:
    terms and phrase words, and patterns (whose words are their expansion)."""
    kind = type(node)
    if kind is nodes.Term:
        yield node.fieldname, (node.text,), None
    elif kind is nodes.Phrase:
        yield node.fieldname, tuple(node.words), None
    elif kind in (nodes.Prefix, nodes.Wildcard, nodes.TermRange, nodes.FuzzyTerm):
        yield node.field(), (), node
    elif kind is nodes.AndNot:
        yield from scored_terms(node.a)
    elif kind is not nodes.Not:
        for child in node.children():
            yield from scored_terms(child)


def _to_bytes(schema_field, text) -> bytes | None:
    try:
        return schema_field.to_bytes(text)
    except ValueError:
        return None
