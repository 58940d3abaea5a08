"""The search engine over one index: queries, facets, articles and statistics.

>>> from search import Engine
>>> with Engine.open("/tmp/nieuwszoeker-doctest", create=True) as engine:  # doctest: +SKIP
...     engine.search("graandeal").hits[0].title
"""

from __future__ import annotations

import functools
import threading
from collections.abc import Iterable
from pathlib import Path

import numpy as np

from index.errors import ArticleNotFoundError, ClusterError, QueryError
from index.facets import NAME_FACET_NAMES
from index.store.readercache import ReaderCache
from index.store.searching import open_searcher
from index.store.shards import ShardedIndex, is_sharded
from index.store.storage import damage_guard, default_index_dir, open_index_and_reader, read_meta
from index.store.stored import iter_stored
from search.exonyms import city_names, exonyms
from search.export import Export, ExportContext, export_fields, iso_date
from search.facets import EntityCatalogue
from search.generation import Generation
from search.kwic import (
    DEFAULT_WIDTH,
    Concordance,
    MatchPatterns,
    check_kwic_options,
    concordance,
)
from search.matches import Matches, match_documents
from search.queries import (
    QueryOptions,
    bound_patterns,
    entity_filter,
    month_filters,
    nodes,
    parse_text,
)
from search.ranking import by_date, rank, reading_orders, sort_keys_of
from search.results import (
    Comparison,
    Copy,
    Document,
    Entities,
    FacetCount,
    Hit,
    IndexStats,
    Results,
)
from search.snippets import (
    MAX_HIGHLIGHT_EXPANSION,
    highlight_terms,
    make_snippet,
    positions_pay_off,
    term_positions,
)
from search.timeline import Calendar, Timeline, counts_by_bucket, span_of
from search.timeline import timeline as timeline_of

STALE_RETRIES = 3  # plans of one cluster query, when shards commit while it runs


def _guarded(method):
    """Report a damaged index as one IndexCorruptError instead of a low-level traceback."""

    @functools.wraps(method)
    def guarded(self, *args, **kwargs):
        with damage_guard(self.index_dir):
            return method(self, *args, **kwargs)

    return guarded


class Engine:
    """Queries over one index. Safe to share between threads: each gets its own searcher.

    Open with :meth:`Engine.open` and close it (or use it as a context manager). A sharded
    index (:mod:`index.store.shards`) answers exactly as one index of the same articles;
    with a cluster its shards are searched by Dask workers (:mod:`search.cluster`).
    """

    def __init__(self, ix, reader, index_dir: Path) -> None:
        self._ix = ix
        self._work = None  # search.cluster.ShardedWork (Engine.open), None: all in this process
        self._first_reader = reader  # open() checked the index with it: the first searcher uses it
        self.index_dir = index_dir
        self._local = threading.local()
        self._searchers: list[tuple[threading.Thread, object]] = []  # (its thread, searcher)
        self._lock = threading.Lock()
        # What is built once per set of segments, shared by threads; older generations are
        # no longer opened, so a new one replaces it (threads still on it keep theirs).
        self._generation: Generation | None = None
        self._generation_lock = threading.Lock()

    @classmethod
    def open(cls, index_dir: str | Path | None = None, *, cluster: str | None = None,
             timeout: float | None = None) -> Engine:  # fmt: skip
        """Open the index at ``index_dir`` (default: ``$SEARCH_INDEX_DIR`` or the data folder).

        ``cluster``: the address of a Dask scheduler (``tcp://HOST:PORT``) whose workers
        search the shards (they must see the index folder at the same path); ``timeout``:
        seconds a shard may take to answer there (default
        :data:`search.cluster.DEFAULT_TIMEOUT`).
        """
        path = Path(index_dir) if index_dir else default_index_dir()
        # A different entity extractor does not make the index unreadable (its facets stay
        # valid), so only `search index` insists on a rebuild for it.
        if is_sharded(path):
            ix, reader = ShardedIndex.open(path, expected_extractor=None)
            shard_dirs = ix.layout.shard_dirs
        else:
            ix, reader = open_index_and_reader(path, expected_extractor=None)
            shard_dirs = [path]
        engine = cls(ix, reader, path)
        if cluster:
            from search.cluster import DEFAULT_TIMEOUT, ShardCluster, ShardedWork

            try:
                connection = ShardCluster(cluster, timeout=timeout or DEFAULT_TIMEOUT)
            except BaseException:
                engine.close()
                raise
            engine._work = ShardedWork(connection, shard_dirs)
        return engine

    def __enter__(self) -> Engine:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def close(self) -> None:
        """Release the searchers' open files (and the connection to a cluster)."""
        if self._work is not None:
            self._work.cluster.close()
            self._work = None
        with self._lock:
            for _, searcher in self._searchers:
                searcher.close()
            self._searchers.clear()
            if self._first_reader is not None:
                self._first_reader.close()
                self._first_reader = None

    # -- searching --------------------------------------------------------------------

    @_guarded
    def search(self, text: str = "", *, since: str | None = None, until: str | None = None,
               month: str | None = None, sort: str = "relevance", limit: int = 10,
               page: int = 1, facets: int = 10, suggest: bool = True, collapse: bool = False,
               count: str = "articles", timeline: str | None = None,
               **names) -> Results:  # fmt: skip
        """Run a query; every option works as the CLI flag of the same name.

        ``names``: one keyword per facet of names (``person``, ``place``, ``org``,
        ``publisher``; :data:`index.facets.FACETS`), each one value or several (all must
        match; for a facet of one value per article, such as ``publisher``, any of them);
        ``facets`` is how many values per facet of names to count (0: month histogram only);
        ``collapse`` shows one hit per group of near-duplicate texts (the others listed as
        its ``duplicates``, ``total`` counting groups); ``count="groups"`` counts each such
        group once in the facets and the timeline; ``timeline`` (``day``, ``week``,
        ``month`` or ``year``) adds the matches per interval beside all articles.
        """
        options = QueryOptions(
            text=text, since=since, until=until, month=month, sort=sort, limit=limit,
            page=page, facets=facets, collapse=collapse, count=count, timeline=timeline,
            **facet_filter_options(names),
        )  # fmt: skip
        # Groups of near-duplicates join articles of every shard: those run here.
        if self._work is not None and not (options.collapse or options.count == "groups"):
            found = self._on_cluster(lambda searcher, generation: self._cluster_search(
                searcher, generation, options, suggest))  # fmt: skip
            if found is not None:
                return found
        searcher, generation = self._state()
        catalogue = generation.catalogue(searcher.reader())
        parsed, filters = self._query_and_filters(searcher, generation, options)
        matched, page_hits = self._ranked_hits(searcher, generation, parsed, filters, options)
        total = len(matched)
        counted = matched
        if options.collapse or options.count == "groups":
            groups = generation.duplicate_groups(searcher.reader())
            distinct = matched.one_per_group(groups)
            total = len(distinct) if options.collapse else total
            counted = distinct if options.count == "groups" else matched
        facet_counts = catalogue.facet_index(searcher.reader()).count(counted, top=options.facets)
        found_timeline = None
        if options.timeline:
            found_timeline = self._timeline(searcher, generation, counted, options)
        suggestion = None
        if suggest and options.text.strip():
            suggestion = self._suggestion(searcher, generation, options.text)
        return Results(
            query=options.text, total=total, page=options.page, limit=options.limit,
            hits=page_hits, facets=facet_counts, suggestion=suggestion,
            collapsed=options.collapse, timeline=found_timeline,
        )  # fmt: skip

    @_guarded
    def export(self, text: str = "", *, since: str | None = None, until: str | None = None,
               month: str | None = None, sort: str = "relevance",
               fields: str | Iterable[str] | None = None, **names) -> Export:  # fmt: skip
        """Every match (no limit), as records of ``fields``, streamed in ``sort`` order.

        ``fields`` are names of :data:`search.export.EXPORT_FIELDS` (a list or a
        comma-separated string; default :data:`~search.export.DEFAULT_EXPORT_FIELDS`).
        The matches are found and ordered now (a bad query raises here); iterating the
        :class:`~search.export.Export` reads the articles a chunk at a time. It holds its
        own searcher until iterated to the end or closed, so it sees one index generation
        and may be iterated from any thread.

        >>> with engine.export("stikstof", fields="id,date,title") as rows:  # doctest: +SKIP
        ...     for row in rows:
        ...         print(row["date"], row["title"])
        """
        options = QueryOptions(
            text=text, since=since, until=until, month=month, sort=sort,
            **facet_filter_options(names),
        )  # fmt: skip
        names = export_fields(fields)
        searcher = open_searcher(self._ix)
        try:
            generation = self._generation_of(searcher.reader())
            parsed, filters = self._query_and_filters(searcher, generation, options)
            docnums = None
            if self._work is not None:
                docnums = self._cluster_matches(searcher, generation, parsed, filters,
                                                options.sort)  # fmt: skip
            if docnums is None:
                docnums = self._every_match(searcher, generation, parsed, filters, options.sort)
            context = ExportContext(snippet=self._snippet_maker(searcher, generation, parsed))
        except BaseException:
            searcher.close()
            raise
        return Export(searcher, docnums, names, context,
                      guard=lambda: damage_guard(self.index_dir))  # fmt: skip

    @_guarded
    def kwic(self, text: str, *, since: str | None = None, until: str | None = None,
             month: str | None = None, sort: str = "date", width: int = DEFAULT_WIDTH,
             limit: int | None = None, **names) -> Concordance:  # fmt: skip
        """Keyword in context: one line per occurrence of the query's words in the matches.

        Each :class:`~search.kwic.KwicLine` holds the article, ``width`` characters of
        text left and right, and the match as written (a whole phrase for a phrase query;
        every word a prefix or fuzzy term stands for). ``sort``: ``date`` (newest first),
        ``oldest``, ``left`` or ``right`` (by the words just left or right of the match).
        ``limit``: at most this many lines (None: all).
        """
        check_kwic_options(sort=sort, width=width, limit=limit)
        options = QueryOptions(
            text=text, since=since, until=until, month=month,
            sort="oldest" if sort == "oldest" else "date", **facet_filter_options(names),
        )  # fmt: skip
        if not options.text.strip():
            raise QueryError("a concordance needs words to look for", parameter="text")
        searcher, generation = self._state()
        parsed, filters = self._query_and_filters(searcher, generation, options)
        docnums = self._every_match(searcher, generation, parsed, filters, options.sort)
        patterns = MatchPatterns.of(parsed, searcher.reader(), MAX_HIGHLIGHT_EXPANSION)
        analyse = searcher.schema["body"].analyzer.word_analyser(exact=False)
        return concordance(
            iter_stored(searcher.reader(), docnums), patterns, analyse,
            total_articles=len(docnums), width=width, sort=sort, limit=limit,
            query=options.text,
        )  # fmt: skip

    def facets(
        self, text: str = "", *, top: int = 10, **filters
    ) -> dict[str, tuple[FacetCount, ...]]:
        """Facet counts for a query (or the whole index), without hits."""
        return self.search(text, facets=top, limit=1, suggest=False, **filters).facets

    @_guarded
    def compare(self, queries, *, interval: str = "month", count: str = "articles",
                **filters) -> Comparison:  # fmt: skip
        """Labelled queries counted per interval over one common span (``search compare``).

        ``queries`` maps labels to query texts, or is a list of ``"label=query"`` or plain
        query texts (the text is then its own label); ``filters`` are those of
        :meth:`search` (``since``, ``person``, ...) and apply to every query.
        """
        labelled = _labelled(queries)
        if self._work is not None and count != "groups":
            found = self._on_cluster(lambda searcher, generation: self._cluster_compare(
                searcher, generation, labelled, interval, filters))  # fmt: skip
            if found is not None:
                return found
        keys = []
        searcher, generation = self._state()
        for _, text in labelled:
            options = QueryOptions(text=text, timeline=interval, count=count, limit=1,
                                   facets=0, **_filter_options(filters))  # fmt: skip
            matched = self._matches(searcher, generation, options)
            if count == "groups":
                matched = matched.one_per_group(generation.duplicate_groups(searcher.reader()))
            keys.append(self._date_keys(searcher, generation, matched))
        everything = self._calendar(searcher, generation, interval, count)
        span = span_of(keys, interval)
        return Comparison(
            interval=interval, labels=tuple(label for label, _ in labelled),
            queries=tuple(text for _, text in labelled),
            timelines=tuple(timeline_of(found, everything, interval, span) for found in keys),
        )  # fmt: skip

    @_guarded
    def suggest(self, text: str) -> str | None:
        """A corrected query built from the index's vocabulary, or None."""
        searcher, generation = self._state()
        return self._suggestion(searcher, generation, text)

    @_guarded
    def document(self, article_id: str) -> Document:
        """The stored article with this id."""
        searcher, _ = self._state()
        fields = searcher.document(id=article_id)
        if fields is None:
            raise ArticleNotFoundError(f"no article with id {article_id!r} in {self.index_dir}")
        return Document(
            id=fields["id"], title=fields.get("title", ""), body=fields.get("body", ""),
            month=fields.get("month"), date=iso_date(fields.get("date")),
            source=fields.get("source", ""), line=fields.get("line"),
            entities=Entities.from_stored(fields.get("entities")),
        )  # fmt: skip

    @_guarded
    def stats(self) -> IndexStats:
        """Document count, months covered and size on disk."""
        searcher, generation = self._state()
        reader = searcher.reader()
        catalogue = generation.catalogue(reader)
        everything = match_documents(searcher, nodes.Every())
        months = catalogue.facet_index(reader).count(everything, top=0)["month"]
        size = sum(p.stat().st_size for p in self.index_dir.rglob("*") if p.is_file())
        shard_starts = getattr(reader, "shard_offsets", None)  # a sharded index's reader
        per_shard = ()
        if shard_starts is not None:
            found = np.searchsorted(shard_starts, everything.docnums(), side="right") - 1
            per_shard = tuple(np.bincount(found, minlength=len(shard_starts) - 1).tolist())
        schema = searcher.schema
        return IndexStats(
            index_dir=str(self.index_dir), documents=reader.doc_count(),
            months=tuple(sorted(months, key=lambda m: m.value)), size_bytes=size,
            analysis=schema["body"].analyzer.settings(),
            extractor=schema["person"].analyzer.extractor,
            roots=tuple(read_meta(self.index_dir).get("roots", ())),
            undated=reader.doc_count() - sum(m.count for m in months),
            shard_documents=per_shard,
        )  # fmt: skip

    @_guarded
    def warm(self) -> None:
        """Build now what the first queries of this thread would: its searcher, the entity
        catalogue and the vocabulary of "did you mean" (with their cache files next to the
        index, where it is writable) and its tables of English names (0.15 s a process)."""
        searcher, generation = self._state()
        generation.vocabulary(searcher.reader())
        exonyms()
        city_names()

    # -- on a cluster (search.cluster) ---------------------------------------------------

    def _on_cluster(self, work):
        """``work(searcher, generation)`` planned on this thread's generation, planned again
        when a shard committed meanwhile; None when the query needs Whoosh's own matching
        (the caller then runs it here)."""
        from search.cluster import NeedsWhoosh, StaleShard

        for _ in range(STALE_RETRIES):
            searcher, generation = self._state()
            try:
                return work(searcher, generation)
            except StaleShard:
                continue
            except NeedsWhoosh:
                return None
        raise ClusterError("the shards kept changing while the query ran; run it again")

    def _cluster_search(self, searcher, generation: Generation, options: QueryOptions,
                        suggest: bool) -> Results:  # fmt: skip
        catalogue = generation.catalogue(searcher.reader())
        parsed, filters = self._query_and_filters(searcher, generation, options)
        total, hits, facet_counts, found_timeline = self._work.search(
            searcher, generation, parsed, filters, options, catalogue)  # fmt: skip
        suggestion = None
        if suggest and options.text.strip():
            suggestion = self._suggestion(searcher, generation, options.text)
        return Results(
            query=options.text, total=total, page=options.page, limit=options.limit,
            hits=hits, facets=facet_counts, suggestion=suggestion, collapsed=False,
            timeline=found_timeline,
        )  # fmt: skip

    def _cluster_matches(self, searcher, generation: Generation, parsed, filters,
                         sort: str) -> np.ndarray | None:  # fmt: skip
        """Every match in ``sort`` order, found by the cluster (None: run it here)."""
        from search.cluster import NeedsWhoosh, StaleShard

        try:
            return self._work.every_match(searcher, generation, parsed, filters, sort)
        except StaleShard:
            message = "a shard committed while the export was planned; run it again"
            raise ClusterError(message) from None
        except NeedsWhoosh:
            return None

    def _cluster_compare(self, searcher, generation: Generation, labelled, interval: str,
                         filters: dict) -> Comparison:  # fmt: skip
        from search.timeline import span_of_starts, timeline_of_counts

        found = []
        for _, text in labelled:
            options = QueryOptions(text=text, timeline=interval, limit=1, facets=0,
                                   **_filter_options(filters))  # fmt: skip
            parsed, parts = self._query_and_filters(searcher, generation, options)
            found.append(self._work.bucket_counts(searcher, generation, parsed, parts, interval))
        span = span_of_starts([buckets[0] for buckets, _, _ in found])
        return Comparison(
            interval=interval, labels=tuple(label for label, _ in labelled),
            queries=tuple(text for _, text in labelled),
            timelines=tuple(timeline_of_counts(buckets, undated, everything, interval, span)
                            for buckets, undated, everything in found),
        )  # fmt: skip

    # -- internals ---------------------------------------------------------------------

    def _suggestion(self, searcher, generation: Generation, text: str) -> str | None:
        """A correction of ``text`` whatever its number of hits (a misspelt word among
        right ones still finds articles): :meth:`search.suggest.Vocabulary.suggest` leaves
        words the index knows alone, and checks its candidates against the index."""

        def finds(candidate: str) -> bool:
            parsed = self._parse(searcher, generation, candidate)
            # the first match will do: no need to walk (or count) every posting
            return any(parsed.matcher(leaf).is_active() for leaf, _ in searcher.leaf_searchers())

        return generation.vocabulary(searcher.reader()).suggest(text, finds=finds)

    def _searcher(self) -> tuple[object, EntityCatalogue]:
        """This thread's searcher and its generation's entity catalogue (for tests)."""
        searcher, generation = self._state()
        return searcher, generation.catalogue(searcher.reader())

    def _state(self) -> tuple[object, Generation]:
        """This thread's searcher, refreshed when a newer index generation was committed,
        and its generation (whose entity catalogue is built by then)."""
        current = getattr(self._local, "state", None)
        if current is not None and current[0].up_to_date():
            return current
        searcher = current[0].refresh() if current else self._new_searcher()
        generation = self._generation_of(searcher.reader())
        generation.catalogue(searcher.reader())
        state = (searcher, generation)
        me = threading.current_thread()
        with self._lock:
            # A server's worker threads come and go: a thread that ended leaves its
            # searcher (and its open files) behind, so close those here.
            ended = [(t, old) for t, old in self._searchers if not t.is_alive()]
            self._searchers = [(t, old) for t, old in self._searchers
                               if t.is_alive() and t is not me]  # fmt: skip
            self._searchers.append((me, searcher))
        for _, old in ended:
            old.close()
        self._local.state = state
        return state

    def _new_searcher(self):
        """A searcher on the reader :meth:`open` checked the index with, or on a new one."""
        with self._lock:
            reader, self._first_reader = self._first_reader, None
        return open_searcher(self._ix, reader)

    def _every_match(self, searcher, generation: Generation, parsed, filters,
                     sort: str) -> np.ndarray:  # fmt: skip
        """Every matching document number, in ``sort`` order (an array: no page limit)."""
        segment_ids = list(generation.key)
        everything = searcher.reader().doc_count_all()
        ranking = rank(searcher, parsed, filters, top=everything, segment_ids=segment_ids,
                       cache=generation.ranking, sort=sort,
                       statistics=generation.statistics(searcher.reader()),
                       rescore=True)  # fmt: skip
        if ranking is not None:
            return ranking.docnums
        whoosh_filter = nodes.And(filters) if filters else None
        if sort == "relevance":
            found = searcher.search(parsed, filter=whoosh_filter, limit=None)
            return np.fromiter((hit.docnum for hit in found), dtype=np.int64)
        matched = match_documents(searcher, nodes.And([parsed, *filters]) if filters else parsed)
        docnums = matched.docnums()
        leaves = [leaf for leaf, _ in searcher.reader().leaf_readers()]
        keys = sort_keys_of(matched, leaves, generation.ranking, segment_ids)
        orders = reading_orders(matched, leaves, generation.ranking, segment_ids)
        return docnums[by_date(docnums, keys, newest=sort == "date", orders=orders)]

    def _snippet_maker(self, searcher, generation: Generation, parsed):
        """``body -> snippet text`` for this query, as hits show it (without marks)."""
        terms = highlight_terms(parsed, searcher.reader())
        analyzer = searcher.schema["body"].analyzer
        memory = generation.snippets
        return lambda body: make_snippet(body, terms, analyzer, memory=memory).text

    def _parse(self, searcher, generation: Generation, text: str) -> nodes.Query:
        """The query of ``text``: entity names expanded, prefix and wildcard words bounded."""
        reader = searcher.reader()
        parsed = self._expand_entities(parse_text(searcher.schema, text),
                                       generation.catalogue(reader))  # fmt: skip
        return bound_patterns(parsed, reader,
                              lambda: generation.surface_vocabulary(reader, searcher.schema))

    def _generation_of(self, reader) -> Generation:
        """The generation ``reader`` reads: the current one, or a new one replacing it."""
        key = Generation.key_of(reader)
        with self._generation_lock:
            if self._generation is None or self._generation.key != key:
                self._generation = Generation(key)
            return self._generation

    def _query_and_filters(self, searcher, generation: Generation, options: QueryOptions):
        """The parsed query text, and the filters of the dates and names in ``options``."""
        catalogue = generation.catalogue(searcher.reader())
        parsed = self._parse(searcher, generation, options.text)
        filters = month_filters(options)
        for kind, values in options.facet_filters():
            keys = set().union(*(catalogue.aliases(kind, value) for value in values))
            filters.append(entity_filter(kind, keys))
        return parsed, filters

    def _matches(self, searcher, generation: Generation, options: QueryOptions) -> Matches:
        """Every match of ``options``' query and filters (no hits, no facets)."""
        parsed, filters = self._query_and_filters(searcher, generation, options)
        ranking = rank(searcher, parsed, filters, top=0, cache=generation.ranking,
                       segment_ids=list(generation.key),
                       statistics=generation.statistics(searcher.reader()))  # fmt: skip
        if ranking is not None:
            return ranking.matches
        return match_documents(searcher, nodes.And([parsed, *filters]) if filters else parsed)

    def _timeline(self, searcher, generation: Generation, matched: Matches,
                  options: QueryOptions) -> Timeline:  # fmt: skip
        everything = self._calendar(searcher, generation, options.timeline, options.count)
        return timeline_of(self._date_keys(searcher, generation, matched), everything,
                           options.timeline)  # fmt: skip

    def _date_keys(self, searcher, generation: Generation, matched: Matches) -> np.ndarray:
        leaves = [leaf for leaf, _ in searcher.reader().leaf_readers()]
        return sort_keys_of(matched, leaves, generation.ranking, list(generation.key))

    def _all_by_bucket(self, searcher, generation: Generation, interval: str,
                       count: str = "articles"):  # fmt: skip
        """Every live article (``count="groups"``: every group of near-duplicates, once)
        per bucket of ``interval``, once per generation."""
        # built outside the generation's lock, which count_all would otherwise take twice
        groups = generation.duplicate_groups(searcher.reader()) if count == "groups" else None

        def count_all():
            everything = match_documents(searcher, nodes.Every())
            if groups is not None:
                everything = everything.one_per_group(groups)
            return counts_by_bucket(self._date_keys(searcher, generation, everything), interval)

        return generation.remembered(f"all-by-{interval}-{count}", count_all)

    def _calendar(self, searcher, generation: Generation, interval: str,
                  count: str = "articles") -> Calendar:  # fmt: skip
        """The :class:`~search.timeline.Calendar` of every live article (or group of
        near-duplicates, as ``count`` says: the same as the matches) by ``interval``,
        once per generation."""
        # not while building the calendar (the generation's lock is taken once at a time)
        everything = self._all_by_bucket(searcher, generation, interval, count)
        return generation.remembered(f"calendar-{interval}-{count}",
                                     lambda: Calendar(everything, interval))  # fmt: skip

    def _ranked_hits(self, searcher, generation: Generation, parsed, filters,
                     options: QueryOptions):  # fmt: skip
        """Every match (for the total and facets) and this page's hits, best first.

        Filters restrict the matches without adding to their scores. Ranking runs
        vectorised (:mod:`search.ranking`), the best by BM25F rescored
        (:mod:`search.rescoring`); query nodes it does not evaluate go through Whoosh,
        which gives the same BM25F scores and order, without rescoring.
        """
        top = options.page * options.limit
        start = (options.page - 1) * options.limit
        segment_ids = list(generation.key)
        cache = generation.ranking
        groups = generation.duplicate_groups(searcher.reader()) if options.collapse else None
        statistics = generation.statistics(searcher.reader())
        ranking = rank(searcher, parsed, filters, top=top, segment_ids=segment_ids,
                       cache=cache, sort=options.sort, statistics=statistics,
                       rescore=True)  # fmt: skip
        if ranking is not None:
            matched = ranking.matches
            docnums, scores = ranking.docnums, ranking.scores
            if groups is not None:
                # copies ranked above this page's last group push it further down
                extra = len(matched) - len(matched.one_per_group(groups))
                if extra and len(docnums) < len(matched):
                    ranking = rank(searcher, parsed, filters, top=top + extra, cache=cache,
                                   segment_ids=segment_ids, sort=options.sort,
                                   statistics=statistics, rescore=True)  # fmt: skip
                    docnums, scores = ranking.docnums, ranking.scores
        else:
            combined = nodes.And([parsed, *filters]) if filters else parsed
            matched = match_documents(searcher, combined)
            first = len(matched) if groups is not None else top  # collapsing needs them all
            docnums, scores = self._whoosh_hits(searcher, parsed, filters, options.sort,
                                                matched, first, cache, segment_ids)  # fmt: skip
        copies: dict[int, list[int]] = {}
        if groups is not None:
            docnums, scores, copies = _collapsed(docnums, scores, groups, matched)
        scored = list(zip(docnums[start:top].tolist(), scores[start:top].tolist(), strict=True))
        if not scored:
            return matched, ()
        terms = highlight_terms(parsed, searcher.reader())
        analyzer = searcher.schema["body"].analyzer
        positions = None
        # a browse without words marks nothing
        if terms and positions_pay_off(analyzer, generation.snippets):
            docnums = [docnum for docnum, _ in scored]
            positions = term_positions(searcher.reader(), "body", terms, docnums)
        hits = tuple(
            self._hit(searcher.stored_fields(docnum), score, terms, analyzer,
                      None if positions is None else positions[docnum], generation,
                      _copies(searcher, copies.get(docnum, ())))
            for docnum, score in scored
        )  # fmt: skip
        return matched, hits

    def _whoosh_hits(self, searcher, parsed, filters, sort: str, matched: Matches, top: int,
                     cache: ReaderCache, segment_ids: list) -> tuple[np.ndarray, ...]:  # fmt: skip
        """The ``top`` first document numbers and their scores by Whoosh, for queries
        :func:`rank` leaves to it."""
        whoosh_filter = nodes.And(filters) if filters else None
        if not len(matched) or top <= 0:
            found = []
        elif sort == "relevance":
            results = searcher.search(parsed, filter=whoosh_filter, limit=top)
            found = [(hit.docnum, hit.score) for hit in results]
        else:
            # Dates ordered as rank() orders them (undated last); Whoosh gives the scores.
            docnums = matched.docnums()
            leaves = [leaf for leaf, _ in searcher.reader().leaf_readers()]
            keys = sort_keys_of(matched, leaves, cache, segment_ids)
            orders = reading_orders(matched, leaves, cache, segment_ids)
            first = docnums[by_date(docnums, keys, newest=sort == "date", orders=orders)[:top]]
            scores = {hit.docnum: hit.score for hit in
                      searcher.search(parsed, filter=whoosh_filter, limit=None)}  # fmt: skip
            found = [(docnum, scores.get(docnum, 0.0)) for docnum in first.tolist()]
        return (np.array([d for d, _ in found], dtype=np.int64),
                np.array([s for _, s in found], dtype=np.float64))  # fmt: skip

    def _hit(self, fields: dict, score, terms: frozenset[str], analyzer, positions,
             generation: Generation, duplicates: tuple[Copy, ...] = ()) -> Hit:  # fmt: skip
        return Hit(
            id=fields["id"], title=fields.get("title", ""), month=fields.get("month"),
            score=float(score or 0.0),
            snippet=make_snippet(fields.get("body", ""), terms, analyzer, positions,
                                 memory=generation.snippets),
            source=fields.get("source", ""),
            entities=Entities.from_stored(fields.get("entities")),
            date=iso_date(fields.get("date")),
            duplicates=duplicates,
        )  # fmt: skip

    def _expand_entities(self, parsed: nodes.Query, catalogue: EntityCatalogue) -> nodes.Query:
        """``person:poetin`` in the query text also finds articles naming "Vladimir Poetin"
        (the aliases of any facet of names)."""

        def expand(node):
            if isinstance(node, nodes.Term) and node.fieldname in NAME_FACET_NAMES:
                keys = catalogue.aliases(node.fieldname, node.text)
                if len(keys) > 1:
                    return entity_filter(node.fieldname, keys)
                return node
            return node.apply(expand)

        return expand(parsed)


def _collapsed(docnums: np.ndarray, scores: np.ndarray, groups: np.ndarray,
               matched: Matches) -> tuple[np.ndarray, np.ndarray, dict[int, list[int]]]:
    """The first document of each near-duplicate group in ``docnums``' order (and its
    score), and for each such document the group's other matching documents."""
    _, first = np.unique(groups[docnums], return_index=True)
    leaders = np.sort(first)
    docnums, scores = docnums[leaders], scores[leaders]
    everything = matched.docnums()
    everything_groups = groups[everything]
    copies = {}
    for docnum in docnums.tolist():
        same = everything[(everything_groups == groups[docnum]) & (everything != docnum)]
        if len(same):
            copies[docnum] = same.tolist()
    return docnums, scores, copies


def _copies(searcher, docnums) -> tuple[Copy, ...]:
    """The ids and sources of collapsed copies."""
    found = []
    for docnum in docnums:
        fields = searcher.stored_fields(docnum)
        found.append(Copy(id=fields["id"], source=fields.get("source", "")))
    return tuple(found)


def _labelled(queries) -> list[tuple[str, str]]:
    """``(label, query)`` pairs from a mapping or from ``label=query`` / plain texts."""
    if isinstance(queries, dict):
        pairs = [(str(label), str(text)) for label, text in queries.items()]
    else:
        pairs = []
        for item in queries:
            label, sign, text = str(item).partition("=")
            plain = not sign or not label.strip() or any(c in label for c in ' :"()')
            pairs.append((str(item), str(item)) if plain else (label.strip(), text.strip()))
    if not pairs:
        raise QueryError("compare needs at least one query", parameter="queries")
    if len({label for label, _ in pairs}) < len(pairs):
        raise QueryError("two queries have the same label", parameter="queries")
    return pairs


def _filter_options(filters: dict) -> dict:
    """The filter keywords of :meth:`Engine.search` in ``filters``: dates as they are,
    facets of names as tuples."""
    dates = {name: value for name, value in filters.items() if name in ("since", "until", "month")}
    names = {name: value for name, value in filters.items() if name not in dates}
    return {**dates, **facet_filter_options(names)}


def facet_filter_options(filters: dict) -> dict[str, tuple[str, ...]]:
    """``{facet: (value, ...)}`` from keyword filters; TypeError for a keyword that is no
    facet of names, as for any unknown keyword."""
    unknown = sorted(set(filters) - set(NAME_FACET_NAMES))
    if unknown:
        raise TypeError(f"unexpected keyword argument {unknown[0]!r}; the facet filters are "
                        f"{', '.join(NAME_FACET_NAMES)}")  # fmt: skip
    return {name: _names(value) for name, value in filters.items()}


def _names(value) -> tuple[str, ...]:
    if value is None:
        return ()
    if isinstance(value, str):
        return (value,)
    return tuple(value)
