"""Running an engine's work on a Dask cluster, one task per shard, merged here.

:class:`ShardCluster` connects to a Dask scheduler (``tcp://HOST:PORT``, started with
``dask scheduler`` and ``dask worker``); every shard folder must be on a filesystem its
workers see. A query is planned once for the whole collection (the engine's own parsing,
aliases and pattern words, and the BM25F figures of :mod:`search.statistics`), each shard
matches, scores and tallies it on a worker (:mod:`search.shard_worker`), and the answers
are merged here exactly as one index would have ranked and counted them:

- hits: each shard's best ``page x limit`` by (score, reading order) or (date, reading
  order); the merge takes the best of those. In the same round trip each worker makes the
  hits (stored fields, snippets) of the best ``page x limit`` of its own shards, which
  usually hold the page's: only the page's hits not among them take a second round trip;
- totals, facet entries (per name, counted with the catalogue of the whole collection,
  so an alias counts once per article), months and timeline buckets add up.

Queries go straight to the workers: each worker holds a Dask actor
(:class:`search.shard_worker.ShardSearcher`), and a call on it is one round trip from this
client to the worker (about 2 ms), where a task goes through the scheduler (about 15 ms on
a busy two-core machine). A call whose worker dies runs again on another worker; one that
gets no answer within ``timeout`` seconds fails with a line naming its shard. A shard
committed since the query was planned makes the engine plan it again (at most
:data:`search.engine.STALE_RETRIES` times). Builds are long: they run as ordinary Dask tasks,
which the scheduler moves to another worker when theirs dies.
"""

from __future__ import annotations

import asyncio
import contextlib
import dataclasses
import importlib
import itertools
import pickle
import socket
import time
import uuid
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from index.errors import BuildStopped, ClusterError
from search.ranking import best_first, by_date, rescoring_pool
from search.snippets import highlight_terms
from search.statistics import FixedStatistics
from search.timeline import added_counts, timeline_of_counts

CONNECT_SECONDS = 5
DEFAULT_TIMEOUT = 60.0
WORKER_WAIT_SECONDS = 10.0
WORKER_CHECK_SECONDS = 1.0
WORKERS_REFRESH_SECONDS = 2.0  # how often queries ask the scheduler for its workers
SEARCHER_START_SECONDS = 10.0  # for a worker's searcher (an actor) to start
# The deepest page end (page x limit) whose hits the workers make ahead, in the first round
# trip: past it, making every candidate's snippet costs more than a second round trip.
HITS_AHEAD_MOST = 20


@dataclass(frozen=True)
class ShardPlan:
    """One query, planned for the whole collection, as every shard runs it."""

    parsed: object  # search.queries.nodes.Query
    filters: list
    statistics: FixedStatistics
    top: int = 0  # how many of the best (or newest) documents to return
    sort: str = "relevance"
    facets: bool = False  # tally the names of facets (with the collection's catalogue)
    timeline: str | None = None  # the interval of the timeline, if any
    everything: bool = False  # return every match, ordered (an export)
    hits: int = 0  # make the hits of each worker's best this many (the page's, usually)
    terms: frozenset = frozenset()  # the words those hits' snippets mark


@dataclass(frozen=True)
class ShardAnswer:
    """One shard's part of an answer; document numbers are the shard's own."""

    generation: tuple
    total: int
    docnums: np.ndarray
    scores: np.ndarray
    orders: np.ndarray
    keys: np.ndarray | None
    plain: np.ndarray | None = None  # BM25F before rescoring (None: the scores)
    names: tuple | None = None  # (name ordinals of the shard's facet index, entries)
    months: np.ndarray | None = None  # documents per month ordinal (0: none)
    buckets: tuple | None = None  # (starts, counts) of the matches' dates
    undated: int = 0
    all_buckets: tuple | None = None  # (starts, counts) of every live article
    hits: tuple | None = None  # (document numbers, their Hits) made ahead for the page


class StaleShard(Exception):
    """The shard's current generation is not the one the client planned for."""


class NeedsWhoosh(Exception):
    """The query holds a node the vectorised ranking does not evaluate: the client runs it
    through Whoosh over every shard's segments instead."""


class _WorkerLost(Exception):
    """A searcher's worker died, or cannot be reached any more."""


class _NoWorkers(Exception):
    """The cluster has had no worker for a while: its tasks wait for nothing."""


class ShardFailed(Exception):
    """A shard's call raised on its worker (the worker itself is fine): ``type: message``."""


class MissingShared(Exception):
    """A worker's searcher no longer holds the shared value a call names."""


def on_worker(function: str, *args):
    """Run ``search.shard_worker.<function>(*args)`` (what a task of this module runs on a
    worker; named, not imported: the worker module needs the engine, which needs this one)."""
    module = importlib.import_module("search.shard_worker")
    return getattr(module, function)(*args)


class ShardCluster:
    """A connection to a Dask scheduler, and the shard folders its workers search."""

    def __init__(self, address: str, *, timeout: float = DEFAULT_TIMEOUT) -> None:
        _check_reachable(address)  # before importing Dask (a second): a typo fails at once
        try:
            from distributed import Client
        except ImportError:
            raise ClusterError(
                "a cluster needs Dask: pip install 'nieuwszoeker[cluster]'"
            ) from None
        self.address = address
        self.timeout = timeout
        try:
            # Direct to workers: a searcher's calls go from here to its worker, not through
            # the scheduler (the workers' addresses must be reachable from this machine).
            self.client = Client(address, timeout=CONNECT_SECONDS, set_as_default=False,
                                 direct_to_workers=True)  # fmt: skip
        except (OSError, TimeoutError, ValueError) as error:
            reason = (
                str(error).strip().splitlines()[0] if str(error).strip() else type(error).__name__
            )
            raise ClusterError(f"cannot reach the Dask scheduler at {address} ({reason})") from None
        self._searchers: dict[str, object] = {}  # worker address: its searcher actor
        self._shared: dict[str, object] = {}  # worker address: the shared key it holds
        self._checked = 0.0  # when the scheduler was last asked for its workers
        self._dead: set[str] = set()  # workers lost by this client, while still listed

    def close(self) -> None:
        self.client.close()

    def workers(self) -> list[str]:
        return sorted(self.client.scheduler_info().get("workers", {}))

    def _some_workers(self) -> list[str]:
        """The cluster's workers; if none (starting with the scheduler, perhaps), wait a
        moment for one, then fail with a line."""
        workers = self.workers()
        if not workers:
            try:
                self.client.wait_for_workers(1, timeout=WORKER_WAIT_SECONDS)
            except (TimeoutError, OSError):
                message = f"the Dask scheduler at {self.address} has no workers"
                raise ClusterError(message) from None
            workers = self.workers()
        return workers

    # -- queries: calls on each worker's searcher -------------------------------------

    def ask(self, calls: list[tuple[str, str, tuple]], *, shared=None, long=False,
            then: str | None = None) -> list:  # fmt: skip
        """Run ``(label, function, args)`` calls of :mod:`search.shard_worker` on the
        workers' searchers; their results in order.

        ``shared`` is ``(key, value)`` or None: the value (the catalogue) is sent once to
        each worker's searcher and appended, with its key, to every call's arguments.
        Short calls run on the workers' event loops; ``long`` ones (an export's every
        match) in their actor threads. ``then`` names a function of the worker module
        that each worker runs over its own calls and their results, returning the results
        to send back (:func:`search.shard_worker.with_page_hits`).

        A label keeps to one worker while that worker lives (warm caches); each worker
        gets its calls in one message. Calls whose worker is lost run again on another.
        :class:`ClusterError` names the labels of a call that failed, or that found no
        answer or no worker within the timeout; :class:`StaleShard` and
        :class:`NeedsWhoosh` pass through.
        """
        deadline = None if self.timeout is None else time.monotonic() + self.timeout
        results: list = [None] * len(calls)
        pending = list(range(len(calls)))
        attempt = 0
        while True:
            searchers = self._current_searchers(refresh=attempt > 0)
            workers = sorted(searchers)
            batches: dict[str, list[int]] = {}
            for number in pending:
                slot = _worker_slot(calls[number][0], number) + attempt
                batches.setdefault(workers[slot % len(workers)], []).append(number)
            sent = []
            for worker, numbers in batches.items():
                key = self._share(worker, searchers[worker], shared)
                work = [(calls[number][1], calls[number][2]) for number in numbers]
                searcher = searchers[worker]
                call = searcher.run if long else searcher.run_inline
                sent.append((worker, numbers, call(_message(work, key, then))))
            replies = self._replies([future for _, _, future in sent], deadline)
            lost = []
            for (worker, numbers, _), reply in zip(sent, replies, strict=True):
                labels = [calls[number][0] for number in numbers]
                try:
                    for number, result in zip(numbers, self._answer(reply, labels),
                                              strict=True):  # fmt: skip
                        results[number] = result
                except _WorkerLost:
                    self._lose(worker)
                    lost += numbers
                except MissingShared:
                    self._shared.pop(worker, None)
                    lost += numbers
            if not lost:
                return results
            if attempt >= 2 * len(workers) + 2:
                labels = ", ".join(calls[number][0] for number in sorted(lost))
                raise ClusterError(f"{labels}: no worker of the cluster {self.address} answered")
            pending, attempt = sorted(lost), attempt + 1

    def _replies(self, futures: list, deadline: float | None) -> list:
        """What each searcher call's future came to by ``deadline``: its message, its
        error, or :data:`_LATE`; waited for together on the client's event loop (one
        hand-over between threads for every worker, not two per worker)."""
        left = None if deadline is None else max(deadline - time.monotonic(), 0.001)
        return self.client.sync(_outcomes, futures, left)

    def _answer(self, reply, labels: list[str]) -> list:
        if reply is _LATE:
            raise ClusterError(f"{', '.join(labels)} gave no answer within {self.timeout:g} s "
                               f"(cluster {self.address})")  # fmt: skip
        if isinstance(reply, StaleShard | NeedsWhoosh | MissingShared):
            raise reply
        if isinstance(reply, ShardFailed):
            position, detail = reply.args
            raise ClusterError(f"{labels[position]} failed on the cluster {self.address}: "
                               f"{detail}")  # fmt: skip
        if isinstance(reply, OSError | RuntimeError):  # the worker died, or its connection
            raise _WorkerLost
        if isinstance(reply, BaseException):
            raise reply
        return pickle.loads(reply)

    def _current_searchers(self, *, refresh: bool = False) -> dict:
        """Each live worker's searcher actor (started on the workers that have none). The
        scheduler is asked for its workers at most every :data:`WORKERS_REFRESH_SECONDS`,
        or when ``refresh``."""
        # named, not imported: the worker module needs the engine, which needs this one
        searcher_class = importlib.import_module("search.shard_worker").ShardSearcher
        now = time.monotonic()
        if refresh or not self._searchers or now - self._checked >= WORKERS_REFRESH_SECONDS:
            workers = self._live_workers()
            self._checked = now
            for gone in set(self._searchers) - set(workers):
                self._forget(gone)
            starting = {worker: self.client.submit(searcher_class, actor=True,
                                                   workers=[worker],
                                                   allow_other_workers=False, pure=False)
                        for worker in workers if worker not in self._searchers}  # fmt: skip
            with self.client.as_current():  # an actor talks through the current client
                for worker, future in starting.items():
                    try:
                        self._searchers[worker] = future.result(timeout=SEARCHER_START_SECONDS)
                    except Exception:  # the worker went while its searcher started
                        self.client.cancel([future])
                        continue
        if not self._searchers:
            raise ClusterError(f"no worker of the cluster {self.address} could start a searcher")
        return dict(self._searchers)

    def _share(self, worker: str, searcher, shared):
        """The key to pass with a call (None without a shared value), sending the value to
        the worker's searcher first if it does not hold it."""
        if shared is None:
            return None
        key, value = shared
        if self._shared.get(worker) != key:
            searcher.keep(key, value).result(timeout=self.timeout)
            self._shared[worker] = key
        return key

    def _live_workers(self) -> list[str]:
        """The scheduler's workers but those this client lost (a dead worker stays on the
        scheduler's list until it notices; waits up to :data:`WORKER_WAIT_SECONDS` for one
        that is not dead)."""
        deadline = time.monotonic() + WORKER_WAIT_SECONDS
        while True:
            listed = self._some_workers()
            self._dead &= set(listed)  # gone from the list: an address seen again is new
            workers = [worker for worker in listed if worker not in self._dead]
            if workers:
                return workers
            if time.monotonic() > deadline:
                raise ClusterError(f"the Dask scheduler at {self.address} has no live workers")
            time.sleep(0.2)

    def _lose(self, worker: str) -> None:
        """A worker that died or cannot be reached: not asked again while it is listed."""
        self._dead.add(worker)
        self._forget(worker)

    def _forget(self, worker: str) -> None:
        self._searchers.pop(worker, None)
        self._shared.pop(worker, None)

    # -- builds: Dask tasks -----------------------------------------------------------

    def run(self, calls: list[tuple[str, object, tuple]], *, stop=None) -> list:
        """Run ``(label, function, args)`` calls on the workers; their results in order.

        ``stop()`` (if given) is asked about once a second while waiting; once it says
        True, ``stop.signal()`` is called (the calls are expected to end soon, raising
        :class:`~index.errors.BuildStopped`).

        A call keeps to one worker per label while that worker lives (warm caches), and
        moves when it dies. :class:`ClusterError` names the label of a call that failed
        or found no worker within the timeout; :class:`StaleShard` passes through.
        """
        from distributed import TimeoutError as DaskTimeout

        workers = self._some_workers()
        futures = []
        for number, (label, function, args) in enumerate(calls):
            preferred = [workers[_worker_slot(label, number) % len(workers)]]
            futures.append(self.client.submit(on_worker, function, *args, pure=False,
                                              workers=preferred,
                                              allow_other_workers=True))  # fmt: skip
        deadline = None if self.timeout is None else time.monotonic() + self.timeout
        results = []
        try:
            for (label, _, _), future in zip(calls, futures, strict=True):
                try:
                    results.append(self._result(future, deadline, stop))
                except (TimeoutError, DaskTimeout, _NoWorkers) as error:
                    late = [label for (label, _, _), future in zip(calls, futures, strict=True)
                            if not future.done()]  # fmt: skip
                    if isinstance(error, _NoWorkers):
                        message = f"{', '.join(late)}: no worker left on the cluster {self.address}"
                    else:
                        message = (f"{', '.join(late)} gave no answer within {self.timeout:g} s "
                                   f"(cluster {self.address})")  # fmt: skip
                    raise ClusterError(message) from None
                except (StaleShard, NeedsWhoosh, BuildStopped):
                    raise
                except Exception as error:  # the worker's own error, or KilledWorker
                    name = type(error).__name__
                    detail = str(error).strip().splitlines()[0] if str(error).strip() else ""
                    raise ClusterError(f"{label} failed on the cluster {self.address}: {name}"
                                       f"{': ' + detail if detail else ''}") from None  # fmt: skip
        except BaseException:
            self.client.cancel(futures)
            raise
        return results

    def _result(self, future, deadline: float | None, stop=None):
        """The future's result by ``deadline``; :class:`_NoWorkers` once the cluster has had
        no worker for :data:`WORKER_WAIT_SECONDS` (a task then waits for one forever)."""
        from distributed import TimeoutError as DaskTimeout

        alone_since = None
        while True:
            if stop is not None and stop():
                stop.signal()
            left = None if deadline is None else deadline - time.monotonic()
            if left is not None and left <= 0:
                raise TimeoutError
            wait = WORKER_CHECK_SECONDS if left is None else min(left, WORKER_CHECK_SECONDS)
            try:
                return future.result(timeout=wait)
            except (TimeoutError, DaskTimeout):
                if self.workers():
                    alone_since = None
                elif alone_since is None:
                    alone_since = time.monotonic()
                elif time.monotonic() - alone_since > WORKER_WAIT_SECONDS:
                    raise _NoWorkers from None


_LATE = object()  # a searcher call without an answer by its deadline


def _message(work: list, key, then: str | None) -> bytes:
    """A searcher call's arguments, pickled here in one piece: Dask would serialise the
    plan, the statistics and each call apart (a few milliseconds more a round trip);
    :meth:`search.shard_worker.ShardSearcher.run` answers in kind."""
    return pickle.dumps((work, key, then), protocol=pickle.HIGHEST_PROTOCOL)


async def _outcomes(futures: list, timeout: float | None) -> list:
    """Each future's result or exception, or :data:`_LATE` after ``timeout`` seconds."""

    async def outcome(future):
        return await future

    tasks = [asyncio.ensure_future(outcome(future)) for future in futures]
    if not tasks:
        return []
    _, late = await asyncio.wait(tasks, timeout=timeout)
    for task in late:
        task.cancel()
    return [_LATE if task in late else task.exception() or task.result() for task in tasks]


def _check_reachable(address: str) -> None:
    """Fail at once where nothing listens at a ``tcp://HOST:PORT`` address (Dask would
    keep trying until its connect timeout)."""
    host, _, port = address.removeprefix("tcp://").rpartition(":")
    if not address.startswith("tcp://") or not host or not port.isdigit() \
            or not 0 < int(port) < 65536:  # fmt: skip
        raise ClusterError(f"{address!r} is not a Dask scheduler address (tcp://HOST:PORT)")
    try:
        socket.create_connection((host.strip("[]"), int(port)), timeout=CONNECT_SECONDS).close()
    except OSError as error:
        reason = error.strerror or str(error) or type(error).__name__
        raise ClusterError(f"cannot reach the Dask scheduler at {address} ({reason})") from None


def _worker_slot(label: str, number: int) -> int:
    digits = "".join(itertools.takewhile(str.isdigit, reversed(label)))[::-1]
    return int(digits) if digits else number


class ShardedWork:
    """An engine's shards on a cluster: the folders, and the merging of their answers."""

    def __init__(self, cluster: ShardCluster, shard_dirs: list[Path]) -> None:
        self.cluster = cluster
        self.shard_dirs = [str(path) for path in shard_dirs]

    def labels(self) -> list[str]:
        return [f"shard {number} ({path})" for number, path in enumerate(self.shard_dirs)]

    # -- queries ----------------------------------------------------------------------

    def answers(self, reader, generation, plan: ShardPlan, *, catalogue=None) -> list:
        """Every shard's :class:`~search.shard_worker.ShardAnswer` to ``plan``."""
        generations = shard_generations(reader)
        calls = [(label, "search_shard", (path, shard_generation, plan))
                 for label, path, shard_generation in zip(self.labels(), self.shard_dirs,
                                                          generations, strict=True)]  # fmt: skip
        shared = None if catalogue is None else (generation.key, catalogue)
        return self.cluster.ask(calls, shared=shared, long=plan.everything,
                                then="with_page_hits" if plan.hits else None)  # fmt: skip

    def search(self, searcher, generation, parsed, filters, options, catalogue):
        """``(total, hits, facets, timeline)`` of one query over every shard."""
        reader = searcher.reader()
        top = options.page * options.limit
        statistics = generation.statistics(reader).fixed(parsed)
        terms = highlight_terms(parsed, reader)
        plan = ShardPlan(parsed=parsed, filters=filters, statistics=statistics, top=top,
                         sort=options.sort, facets=options.facets > 0,
                         timeline=options.timeline,
                         hits=top if top <= HITS_AHEAD_MOST else 0, terms=terms)  # fmt: skip
        answers = self.answers(reader, generation, plan, catalogue=catalogue)
        offsets = shard_offsets(reader)
        docnums, scores = merged_order(answers, offsets, top, options.sort)
        start = (options.page - 1) * options.limit
        hits = self._hits(reader, offsets, docnums[start:top], scores[start:top], terms,
                          answers)  # fmt: skip
        facet_index = catalogue.facet_index(reader)
        names, months = self._tallies(reader, generation, facet_index, answers, catalogue)
        facets = facet_index.counted(names, months, top=options.facets)
        timeline = None
        if options.timeline:
            timeline = timeline_of_counts(
                added_counts([answer.buckets for answer in answers]),
                sum(answer.undated for answer in answers),
                added_counts([answer.all_buckets for answer in answers]), options.timeline,
            )  # fmt: skip
        return sum(answer.total for answer in answers), hits, facets, timeline

    def every_match(self, searcher, generation, parsed, filters, sort: str) -> np.ndarray:
        """Every match's reader-wide document number, in ``sort`` order."""
        reader = searcher.reader()
        statistics = generation.statistics(reader).fixed(parsed)
        plan = ShardPlan(parsed=parsed, filters=filters, statistics=statistics, sort=sort,
                         everything=True)  # fmt: skip
        answers = self.answers(reader, generation, plan)
        docnums, _ = merged_order(answers, shard_offsets(reader), None, sort)
        return docnums

    def bucket_counts(self, searcher, generation, parsed, filters, interval: str):
        """``((starts, counts), undated, (all starts, all counts))`` of one query."""
        reader = searcher.reader()
        statistics = generation.statistics(reader).fixed(parsed)
        plan = ShardPlan(parsed=parsed, filters=filters, statistics=statistics,
                         timeline=interval)  # fmt: skip
        answers = self.answers(reader, generation, plan)
        return (added_counts([answer.buckets for answer in answers]),
                sum(answer.undated for answer in answers),
                added_counts([answer.all_buckets for answer in answers]))  # fmt: skip

    def _hits(self, reader, offsets, docnums: np.ndarray, scores: np.ndarray, terms,
              answers=()) -> tuple:  # fmt: skip
        """The hits of ``docnums``: those the workers made ahead in ``answers``, with the
        merged scores; the others made (stored fields, snippets) by the workers of their
        shards in a second round trip, for the page alone."""
        hits: list = [None] * len(docnums)
        shard_of_doc = np.searchsorted(offsets, docnums, side="right") - 1
        missing = np.ones(len(docnums), dtype=bool)
        for shard, answer in enumerate(answers):
            if answer.hits is None:
                continue
            ahead = dict(zip(answer.hits[0].tolist(), answer.hits[1], strict=True))
            for place in np.flatnonzero(shard_of_doc == shard).tolist():
                made = ahead.get(int(docnums[place]) - offsets[shard])
                if made is not None:
                    # a hit's score is the merged one; all else is the shard's own
                    hits[place] = dataclasses.replace(made, score=float(scores[place] or 0.0))
                    missing[place] = False
        calls, places = [], []
        for shard in sorted(set(shard_of_doc[missing].tolist())):
            chosen = np.flatnonzero((shard_of_doc == shard) & missing)
            local = (docnums[chosen] - offsets[shard]).tolist()
            generation = shard_generations(reader)[shard]
            calls.append((self.labels()[shard], "shard_hits",
                          (self.shard_dirs[shard], generation, local,
                           scores[chosen].tolist(), terms)))  # fmt: skip
            places.append(chosen.tolist())
        for found, chosen in zip(self.cluster.ask(calls) if calls else [], places, strict=True):
            for place, hit in zip(chosen, found, strict=True):
                hits[place] = hit
        return tuple(hits)

    def _tallies(self, reader, generation, facet_index, answers, catalogue):
        """The shards' facet tallies as tallies over the whole collection's facet index."""
        names = np.zeros(len(facet_index.name_list), dtype=np.int64)
        months = np.zeros(len(facet_index.month_list) + 1, dtype=np.int64)
        maps = generation.remembered("cluster-facet-maps",
                                     lambda: self._facet_maps(reader, generation, facet_index,
                                                              catalogue))  # fmt: skip
        for answer, (name_map, month_map) in zip(answers, maps, strict=True):
            if answer.names is not None:
                ordinals, counts = answer.names
                names[name_map[ordinals]] += counts
            if answer.months is not None:
                months[month_map] += answer.months
        return names, months

    def _facet_maps(self, reader, generation, facet_index, catalogue) -> list:
        """Per shard: its name ordinals and month ordinals in the collection's facet index."""
        everything = {name: number for number, name in enumerate(facet_index.name_list)}
        month_number = {month: number + 1 for number, month in enumerate(facet_index.month_list)}
        calls = [(label, "facet_names", (path, shard_generation))
                 for label, path, shard_generation in zip(self.labels(), self.shard_dirs,
                                                          shard_generations(reader),
                                                          strict=True)]  # fmt: skip
        maps = []
        for name_list, month_list in self.cluster.ask(calls, shared=(generation.key, catalogue)):
            name_map = np.array([everything[name] for name in name_list], dtype=np.intp)
            month_map = np.array([0] + [month_number[month] for month in month_list],
                                 dtype=np.intp)  # fmt: skip
            maps.append((name_map, month_map))
        return maps

    # -- building ---------------------------------------------------------------------

    def build(self, paths: list[str], shards: int, first_order: int, options: dict,
              stop=None) -> list:  # fmt: skip
        """Build or update every shard on the workers; their reports, in shard order.

        Once ``stop()`` says so, the workers are told (a Dask ``Event`` their runs ask
        about once a second), each run cancels and keeps its shard's last commit, and
        :class:`~index.errors.BuildStopped` is raised here.
        """
        from distributed import Event

        name = f"nieuwszoeker-stop-{uuid.uuid4().hex}"
        event = Event(name, client=self.cluster.client)
        options = {**options, "stop_event": name}
        calls = [(label, "build_shard", (path, paths, number, shards, first_order, options))
                 for number, (label, path) in enumerate(zip(self.labels(), self.shard_dirs,
                                                            strict=True))]  # fmt: skip
        asked = _StopRequest(stop, event) if stop is not None else None
        try:
            return self.cluster.run(calls, stop=asked)
        except BaseException:  # Ctrl-C, or a shard's failure: the others stop too
            with contextlib.suppress(Exception):  # (a scheduler that is gone stops nothing)
                event.set()  # a running task is not stopped by cancelling its future
            raise


class _StopRequest:
    """``stop()`` that, once true, stays true and has set the workers' stop event."""

    def __init__(self, stop, event) -> None:
        self._stop, self._event, self.asked = stop, event, False

    def __call__(self) -> bool:
        return self.asked or bool(self._stop())

    def signal(self) -> None:
        if not self.asked:
            self.asked = True
            self._event.set()


def merged_order(answers, offsets, top: int | None, sort: str) -> tuple[np.ndarray, np.ndarray]:
    """The best ``top`` (None: all) of the shards' documents, as one index ranks them."""
    if not answers:
        return np.zeros(0, dtype=np.int64), np.zeros(0)
    docnums = np.concatenate([answer.docnums + offset for answer, offset
                              in zip(answers, offsets, strict=False)])  # fmt: skip
    chosen, scores = merged_places(answers, top, sort)
    return docnums[chosen], scores[chosen]


def merged_places(answers, top: int | None, sort: str) -> tuple[np.ndarray, np.ndarray]:
    """Where the best ``top`` (None: all) of the answers' documents stand in the answers
    laid end to end, best first; and every document's score, as one index gives it.

    The documents' places in the reading order break ties, so document numbers (each
    shard's own) play no part: a worker ranks the answers of its own shards alike.
    """
    scores = np.concatenate([answer.scores for answer in answers])
    orders = np.concatenate([answer.orders for answer in answers])
    count = len(orders) if top is None else top
    if sort == "relevance":
        scores = _rescored(answers, scores, orders)
        chosen = best_first(orders, scores, count, orders)
    else:
        keys = np.concatenate([answer.keys for answer in answers])
        chosen = by_date(orders, keys, newest=sort == "date", orders=orders)[:count]
    return chosen, scores


def _rescored(answers, scores: np.ndarray, orders: np.ndarray) -> np.ndarray:
    """The scores one index gives: rescoring boosts the collection's best by BM25F
    (:func:`search.ranking.rescoring_pool`), which are among each shard's own best, so
    the shards' boosted scores hold theirs; any other document keeps its BM25F score."""
    plain = np.concatenate([answer.scores if answer.plain is None else answer.plain
                            for answer in answers])  # fmt: skip
    final = plain.copy()
    pool = rescoring_pool(orders, plain, orders)
    final[pool] = scores[pool]
    return final


def shard_generations(reader) -> list:
    """The generation of each shard a reader reads (one, for an index without shards)."""
    found = reader.generation()
    return list(found) if isinstance(found, tuple) else [found]


def shard_offsets(reader) -> list[int]:
    """The first reader-wide document number of each shard, then the reader's size."""
    return list(getattr(reader, "shard_offsets", (0, reader.doc_count_all())))
