"""What a Dask worker runs for a sharded index: one shard's part of a query or a build.

The client (:mod:`search.cluster`) plans a query on the whole collection (parsing, entity
aliases, pattern words, BM25F figures: :mod:`search.statistics`) and sends each shard the
finished plan. Here a worker matches and scores it on one shard with the collection's
figures, counts the shard's facet entries and timeline buckets, and returns arrays the
client adds up. In the same round trip it makes the hits (stored fields and snippets) of
the best documents of its shards that can reach the page (:func:`with_page_hits`); any
hit of the page not among them, the client asks for again (:func:`shard_hits`).

The client calls these through a :class:`ShardSearcher`, a Dask actor on each worker (a
call goes straight to the worker, not through the scheduler). A worker keeps each shard it
has searched open (an :class:`~search.engine.Engine` per shard folder), so later queries
find its caches warm. Shards live on a filesystem every
worker sees: any worker can answer for any shard, which is what lets the scheduler move a
task to another worker when one dies.
"""

from __future__ import annotations

import dataclasses
import pickle
import threading
import time
from pathlib import Path

import numpy as np

from search.cluster import (
    MissingShared,
    NeedsWhoosh,
    ShardAnswer,
    ShardFailed,
    ShardPlan,
    StaleShard,
    merged_places,
)
from search.engine import Engine
from search.facetcache import FacetIndex
from search.ranking import rank
from search.rescoring import RESCORE_DEPTH
from search.snippets import positions_pay_off, term_positions
from search.timeline import counts_by_bucket

SHARED_KEPT = 4  # shared values (catalogues of recent generations) a searcher holds

_engines: dict[str, Engine] = {}
_facet_indexes: dict[tuple, FacetIndex] = {}
_lock = threading.Lock()


class ShardSearcher:
    """A worker's searcher (a Dask actor): runs this module's query functions by name, with
    the shared value (the catalogue of a generation) the client sent it once."""

    def __init__(self) -> None:
        self._shared: dict = {}

    def keep(self, key, value) -> None:
        """Hold ``value`` for the calls that name ``key`` (the oldest goes past a few)."""
        self._shared[key] = value
        while len(self._shared) > SHARED_KEPT:
            del self._shared[next(iter(self._shared))]

    async def run_inline(self, message: bytes) -> bytes:
        """:meth:`run` on the worker's event loop, not the actors' thread: for short calls
        (a page of hits, a query's counts), which then skip two hand-overs between
        threads (about 5 ms of a query on a busy machine)."""
        return self.run(message)

    def run(self, message: bytes) -> bytes:
        """The results of a pickled ``(calls, key, then)``, pickled (one piece each way:
        Dask's own serialisation of plans and answers part by part costs a few ms).

        ``calls`` are ``(function, args)``: ``function(*args)`` of each, or
        ``function(*args, shared value, key)`` with a key; the results in order, passed
        through ``then(calls, results)`` when ``then`` names a function of this module.

        A failure of a shard's own is raised as :class:`ShardFailed` (the call's position,
        ``type: message``; ``then``'s counts as the first call's), so the client tells it
        from a lost worker."""
        calls, key, then = pickle.loads(message)
        if key is not None and key not in self._shared:
            raise MissingShared(key)
        extra = () if key is None else (self._shared[key], key)
        results = []
        for position, (function, args) in enumerate(calls):
            results.append(_reported(position, globals()[function], *args, *extra))
        if then is not None:
            results = _reported(0, globals()[then], calls, results)
        return pickle.dumps(results, protocol=pickle.HIGHEST_PROTOCOL)


def _reported(position: int, function, *args):
    """``function(*args)``; its failure as :class:`ShardFailed` of the call at ``position``."""
    try:
        return function(*args)
    except (StaleShard, NeedsWhoosh):
        raise
    except Exception as error:
        text = str(error).strip().splitlines()[0] if str(error).strip() else ""
        name = type(error).__name__
        raise ShardFailed(position, f"{name}{': ' + text if text else ''}") from None


def shard_engine(shard_dir: str) -> Engine:
    """This process's engine on one shard, opened once."""
    with _lock:
        engine = _engines.get(shard_dir)
        if engine is None:
            engine = _engines[shard_dir] = Engine.open(Path(shard_dir))
    return engine


def _current(shard_dir: str, generation: tuple):
    engine = shard_engine(shard_dir)
    searcher, state = engine._state()
    found = searcher.reader().generation()
    if found != generation:
        raise StaleShard(f"{shard_dir}: generation {found}, planned for {generation}")
    return engine, searcher, state


def search_shard(shard_dir: str, generation, plan: ShardPlan, catalogue=None,
                 catalogue_key=None) -> ShardAnswer:  # fmt: skip
    """Match, score and tally ``plan`` on one shard (its generation must be ``generation``)."""
    engine, searcher, state = _current(shard_dir, generation)
    reader = searcher.reader()
    everything = reader.doc_count_all()
    if not everything:  # a shard no article went to (yet): no segments, no facet files
        return _nothing(generation)
    top = everything if plan.everything else plan.top
    if plan.sort == "relevance" and top:
        # the shard's part of the collection's rescoring pool, whatever the page
        top = max(top, RESCORE_DEPTH)
    ranking = rank(searcher, plan.parsed, plan.filters, top=top, cache=state.ranking,
                   segment_ids=list(state.key), sort=plan.sort,
                   statistics=plan.statistics, rescore=True)  # fmt: skip
    if ranking is None:
        raise NeedsWhoosh(repr(plan.parsed))
    names = months = None
    if catalogue is not None:  # the months always; the names when facets are asked for
        facets = _facet_index(shard_dir, generation, reader, catalogue, catalogue_key)
        counts, months = facets.tallies(ranking.matches, names=plan.facets)
        if plan.facets:
            present = np.flatnonzero(counts)  # most names of a shard are not in the matches
            names = (present.astype(np.int32), counts[present].astype(np.int32))
    buckets = all_buckets = None
    undated = 0
    if plan.timeline:
        keys = engine._date_keys(searcher, state, ranking.matches)
        buckets = counts_by_bucket(keys, plan.timeline)
        undated = int((keys == np.iinfo(np.int64).max).sum())
        all_buckets = engine._all_by_bucket(searcher, state, plan.timeline)
    return ShardAnswer(
        generation=generation, total=len(ranking.matches), docnums=ranking.docnums,
        scores=ranking.scores, orders=ranking.orders, keys=ranking.keys, plain=ranking.plain,
        names=names,
        months=months, buckets=buckets, undated=undated, all_buckets=all_buckets,
    )  # fmt: skip


def shard_hits(shard_dir: str, generation, docnums: list[int], scores: list[float],
               terms: frozenset) -> list:  # fmt: skip
    """The hits (stored fields, snippet marking ``terms``) of some of a shard's documents,
    in that order."""
    engine, searcher, state = _current(shard_dir, generation)
    return _hits(engine, searcher, state, docnums, scores, terms)


def with_page_hits(calls: list[tuple[str, tuple]], answers: list[ShardAnswer]) -> list:
    """``answers`` to :func:`search_shard` ``calls`` (one worker's), each with the hits of
    its documents among the best ``plan.hits`` of them all.

    A shard's documents on the collection's page are among its worker's best ``page x
    limit``, but for the rescoring: the collection boosts its own best 100 by BM25F, where
    this ranking boosts the worker's, so a document boosted here may push one of the page
    out of them. The client makes such a hit in a second round trip. Scores are the
    shard's own: the client sets the merged ones.
    """
    plan = calls[0][1][2]
    chosen, _ = merged_places(answers, plan.hits, plan.sort)
    starts = np.cumsum([0] + [len(answer.docnums) for answer in answers])
    which = np.searchsorted(starts, chosen, side="right") - 1
    found = []
    for number, ((_, (shard_dir, generation, _)), answer) in enumerate(
            zip(calls, answers, strict=True)):  # fmt: skip
        places = np.sort(chosen[which == number] - starts[number])
        docnums = answer.docnums[places]
        hits = ()
        if len(docnums):
            engine, searcher, state = _current(shard_dir, generation)
            hits = tuple(_hits(engine, searcher, state, docnums.tolist(),
                               answer.scores[places].tolist(), plan.terms))  # fmt: skip
        found.append(dataclasses.replace(answer, hits=(docnums, hits)))
    return found


def _hits(engine, searcher, state, docnums: list[int], scores: list[float], terms) -> list:
    if not docnums:
        return []
    reader = searcher.reader()
    analyzer = searcher.schema["body"].analyzer
    positions = None
    if terms and positions_pay_off(analyzer, state.snippets):
        positions = term_positions(reader, "body", terms, docnums)
    return [
        engine._hit(searcher.stored_fields(docnum), score, terms, analyzer,
                    None if positions is None else positions[docnum], state)
        for docnum, score in zip(docnums, scores, strict=True)
    ]  # fmt: skip


def facet_names(shard_dir: str, generation, catalogue, catalogue_key) -> tuple[list, list]:
    """The name and month lists a shard's tallies count over (with the whole collection's
    catalogue: cross-article aliases decide which entries count once)."""
    _, searcher, _ = _current(shard_dir, generation)
    if not searcher.reader().doc_count_all():
        return [], []
    facets = _facet_index(shard_dir, generation, searcher.reader(), catalogue, catalogue_key)
    return list(facets.name_list), list(facets.month_list)


def _nothing(generation) -> ShardAnswer:
    empty = np.zeros(0, dtype=np.int64)
    return ShardAnswer(generation=generation, total=0, docnums=empty, scores=np.zeros(0),
                       orders=empty, keys=empty, months=np.zeros(1, dtype=np.int64))  # fmt: skip


def _facet_index(shard_dir: str, generation, reader, catalogue, catalogue_key) -> FacetIndex:
    key = (shard_dir, generation, catalogue_key)
    with _lock:
        found = _facet_indexes.get(key)
    if found is None:
        found = FacetIndex(reader, catalogue)
        with _lock:
            for old in [k for k in _facet_indexes if k[0] == shard_dir]:
                del _facet_indexes[old]
            _facet_indexes[key] = found
    return found


def build_shard(shard_dir: str, paths: list[str], number: int, shards: int, first_order: int,
                options: dict):  # fmt: skip
    """Build or update one shard from its part of the corpus (in this worker process)."""
    from index.entities import default_extractor
    from index.pipeline.build import build_index
    from index.store.shards import shard_of

    options = dict(options)
    stop_event = options.pop("stop_event", None)
    if stop_event is not None:
        options["stop"] = _asked_to_stop(stop_event)
    entities = options.pop("entities", True)
    extractor = options.pop("extractor", None)
    if entities and extractor is None:
        extractor = default_extractor()
    # A Dask worker's processes may not start processes of their own: analyse here.
    return build_index(
        Path(shard_dir), paths, extractor=extractor if entities else None,
        belongs=lambda article_id: shard_of(article_id, shards) == number,
        first_order=first_order, jobs=1, **options,
    )  # fmt: skip


def _asked_to_stop(event_name: str):
    """``stop()`` for a shard's build: whether the client set the Dask event, asked at most
    once a second (a round trip to the scheduler)."""
    from distributed import Event, get_client

    event = Event(event_name, client=get_client())
    asked = {"at": 0.0, "set": False}

    def stop() -> bool:
        now = time.monotonic()
        if not asked["set"] and now - asked["at"] >= 1.0:
            asked["at"] = now
            asked["set"] = event.is_set()
        return asked["set"]

    return stop
