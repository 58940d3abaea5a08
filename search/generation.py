"""One index generation's read side: everything the engine derives from one set of segments.

A Lucene ``IndexReader`` owns the caches of its point in time; here a :class:`Generation`
does, for the set of segments a searcher reads (:func:`index.store.generations.segment_ids`).
The engine keeps the current one and every thread's searcher on those segments shares it.
Nothing in it is ever invalidated: a newer generation gets a new object, and the old one
goes when no searcher holds it any more. No module keeps a cache of its own.
"""

from __future__ import annotations

import threading

from index.store.generations import segment_ids
from index.store.readercache import ReaderCache
from index.store.sketches import reader_groups
from search.facets import EntityCatalogue
from search.patterns import SurfaceVocabulary
from search.snippets import SnippetMemory
from search.statistics import CollectionStatistics, StatisticsMemo
from search.suggest import Vocabulary, vocabulary_of, word_frequencies


class Generation:
    """The caches, catalogue and vocabularies of one index generation, built on first use."""

    def __init__(self, key: tuple) -> None:
        self.key = key
        self.ranking = ReaderCache()
        self.snippets = SnippetMemory()
        self._built: dict[str, object] = {}
        self._lock = threading.Lock()

    @staticmethod
    def key_of(reader) -> tuple:
        """The generation ``reader`` reads: the identities of its segments."""
        return tuple(segment_ids(reader))

    def catalogue(self, reader) -> EntityCatalogue:
        """The entity catalogue (and its facet index)."""
        return self._once("catalogue", lambda: EntityCatalogue.for_reader(reader))

    def vocabulary(self, reader) -> Vocabulary:
        """The words "did you mean" corrects to (:mod:`search.suggest`)."""
        return self._once("vocabulary", lambda: vocabulary_of(reader))

    def surface_vocabulary(self, reader, schema) -> SurfaceVocabulary:
        """The index's words as written, for prefix and wildcard words."""
        return self._once("surface", lambda: SurfaceVocabulary(word_frequencies(reader),
                                                               schema["body"]))  # fmt: skip

    def statistics(self, reader) -> CollectionStatistics:
        """BM25F's figures of the reader's live articles, remembered across queries."""
        memo = self._once(CollectionStatistics.memo_key(reader), StatisticsMemo)
        return CollectionStatistics(reader, self.ranking, memo)

    def duplicate_groups(self, reader):
        """Each document's group of near-duplicates (:mod:`index.duplicates`), as an array
        over reader-wide document numbers: the smallest document number in the group."""
        return self._once("duplicates", lambda: reader_groups(reader))

    def remembered(self, name: str, build):
        """What ``build()`` gives, built once for this generation under ``name``."""
        return self._once(name, build)

    def _once(self, name: str, build):
        with self._lock:  # other threads wait for the one building it
            found = self._built.get(name)
            if found is None:
                found = self._built[name] = build()
        return found
