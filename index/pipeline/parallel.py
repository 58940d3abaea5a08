"""Analysing and writing new segments in worker processes, one per core.

The building process reads the corpus and decides what changed; batches of articles go
to workers that extract entities, analyse the text and write whole Whoosh segments
(:class:`index.store.segments.SegmentBuilder`). The segments become part of the index only when
the building process commits the table of contents, so a crash leaves the previous
commit whole. Small runs (fewer articles than one batch) stay in the building process.

Workers are started fresh (``spawn``), so they inherit no open file of the building
process, the index's write lock included; they die with it (Linux: the kernel kills them
when it exits, even by ``kill -9``; elsewhere they notice within a second), and they leave
Ctrl-C to it. Every wait of the building process is bounded, so a signal stops it at once.
"""

from __future__ import annotations

import contextlib
import functools
import multiprocessing
import os
import queue
import signal
import sys
import traceback
from collections.abc import Callable

from index.schema import ORDER_FIELD
from index.store.committing import remove_uncommitted_files
from index.store.segments import SegmentBuilder, warm_up

BATCH_SIZE = 250
# A segment is written once it holds this many entries (``SegmentBuilder.entry_count``):
# about 10,000 news articles (~223 title and body occurrences each on the bench corpus).
# Measured on the 100k bench corpus with two workers, staggered first segments and freed
# memory handed back, the run peaks at about 0.64 GB of summed RSS. 15,000 articles a
# segment builds 2.5% faster and peaks at 0.73 GB; 25,000 at 0.9 GB.
SEGMENT_ENTRIES = 2_240_000
QUEUED_BATCHES_PER_WORKER = 2
WAIT_SECONDS = 0.5  # the longest the building process waits before it asks stop() again
STOP_SECONDS = 5.0  # a stopped worker that has not exited by then is killed


def worker_count() -> int:
    """How many worker processes to use: one per available core."""
    try:
        cores = len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        cores = os.cpu_count() or 1
    return max(1, cores)


class SegmentPipeline:
    """Turns ``(article, source, fingerprint, order)`` items into finished Whoosh segments.

    ``make_document(article, source, fingerprint, extractor) -> (document, facet values)``
    runs wherever the article is analysed; ``stopping()`` is called while waiting for the
    workers, and raises to end the wait (the caller then cancels).
    """

    def __init__(self, ix, extractor, make_document: Callable, *, workers: int | None = None,
                 batch_size: int = BATCH_SIZE, segment_entries: int = SEGMENT_ENTRIES,
                 stopping: Callable[[], None] = lambda: None) -> None:  # fmt: skip
        self._ix = ix
        self._stopping = stopping
        self._extractor = extractor
        self._make_document = make_document
        self._workers = worker_count() if workers is None else workers
        self._batch_size = batch_size
        self._segment_entries = segment_entries
        self._batch: list = []
        self._processes: list = []
        self._jobs = None
        self._results = None
        self._local: _LocalWriter | None = None
        self.segments: list = []

    def add(self, article, source: str, fingerprint: bytes, order: int) -> None:
        """Queue one article for analysis; ``order`` is its place in the reading order
        (:data:`index.schema.ORDER_FIELD`)."""
        self._batch.append((article, source, fingerprint, order))
        if len(self._batch) >= self._batch_size:
            self._send()

    def finish(self) -> list:
        """Wait for every article to be written; return the new segments."""
        if self._processes:
            if self._batch:
                self._send()
            for _ in self._processes:
                self._put(None)
            self._collect()
            self._close_channels()
        else:
            if self._batch:
                self._local_writer().write(self._batch)
            if self._local is not None:
                self.segments.extend(self._local.finish())
                self._local = None
        self._batch = []
        return self.segments

    def cancel(self) -> None:
        """Stop the workers and delete the segment files written so far."""
        stop_processes(self._processes)
        self._processes = []
        self._close_channels()
        remove_uncommitted_files(self._ix)
        self.segments = []

    def _close_channels(self) -> None:
        # Batches still buffered for stopped workers would block interpreter exit (the
        # queue's feeder thread waits for a reader that is gone): drop them.
        for channel in (self._jobs, self._results):
            if channel is not None:
                channel.cancel_join_thread()
                channel.close()
        self._jobs = self._results = None

    def _send(self) -> None:
        if self._workers <= 1:
            self._local_writer().write(self._batch)
            self._batch = []
            return
        if not self._processes:
            self._start()
        self._put(self._batch)
        self._batch = []

    def _put(self, item) -> None:
        """Queue ``item`` for the workers, in bounded waits (see the module docstring)."""
        while True:
            try:
                self._jobs.put(item, timeout=WAIT_SECONDS)
                return
            except queue.Full:
                self._stopping()  # first: a signal to the group may have ended a worker too
                self._check_workers()

    def _check_workers(self) -> None:
        if any(p.exitcode not in (None, 0) for p in self._processes):
            raise RuntimeError("an indexing worker died (out of memory? killed?)")

    def _local_writer(self) -> _LocalWriter:
        """The writer for runs that stay in this process (one worker or a small run)."""
        if self._local is None:
            self._local = _LocalWriter(self._ix, self._extractor, self._make_document,
                                       (self._segment_entries,) * 2)  # fmt: skip
        return self._local

    def _start(self) -> None:
        # Workers are spawned: each loads the gazetteer and the compound lexicon itself, and
        # this process keeps no copy (~80 MB) for the whole run.
        context = multiprocessing.get_context("spawn")
        self._jobs = context.Queue(maxsize=self._workers * QUEUED_BATCHES_PER_WORKER)
        self._results = context.Queue()
        for number in range(self._workers):
            # Workers write their first segment at different sizes, so they do not all
            # hold a segment's peak memory at the same moment afterwards.
            first = self._segment_entries * (number + 1) // self._workers
            process = context.Process(
                target=_work, args=(self._ix, self._extractor, self._make_document,
                                    (first, self._segment_entries), self._jobs,
                                    self._results, os.getpid()),
                daemon=True,
            )  # fmt: skip
            with _ctrl_c_held_for_children():
                process.start()
            self._processes.append(process)

    def _collect(self) -> None:
        failures = []
        pending = len(self._processes)
        while pending:
            try:
                status, payload = self._results.get(timeout=WAIT_SECONDS)
            except queue.Empty:
                self._stopping()
                self._check_workers()
                continue
            pending -= 1
            if status == "ok":
                self.segments.extend(payload)
            else:
                failures.append(payload)
        if failures:  # cancel() stops the other workers
            raise RuntimeError(f"an indexing worker failed:\n{failures[0]}")
        for process in self._processes:  # each has sent its last result and is exiting
            process.join(STOP_SECONDS)
        stop_processes(self._processes)
        self._processes = []


@contextlib.contextmanager
def _ctrl_c_held_for_children():
    """Start a worker with Ctrl-C blocked; it ignores Ctrl-C once running (:func:`_work`).

    Ctrl-C at a terminal (or a signal to the process group) reaches every process of the
    group, and a worker still starting up would print a traceback for it: stopping is this
    process's to decide. A blocked signal mask survives ``exec``, so the new process starts
    with SIGINT held back; here SIGINT is held for the milliseconds of the start and then
    delivered as usual (blocking, unlike ignoring, loses no signal).
    """
    if not hasattr(signal, "pthread_sigmask"):
        yield
        return
    previous = signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT})
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, previous)


def stop_processes(processes: list) -> None:
    """Stop ``processes`` (ask, then kill after ``STOP_SECONDS``) and reap them."""
    for process in processes:
        if process.exitcode is None:
            process.terminate()
    for process in processes:
        process.join(STOP_SECONDS)
        if process.exitcode is None:
            process.kill()
            process.join()


class _LocalWriter:
    """Analyses batches and writes segments in the current process."""

    def __init__(self, ix, extractor, make_document, segment_entries: tuple[int, int]) -> None:
        """``segment_entries``: the first segment's size (``SegmentBuilder.entry_count``),
        then the others'."""
        self._ix = ix
        self._extractor = extractor
        self._make_document = make_document
        self._segment_entries, self._later_entries = segment_entries
        self._schema = ix.schema
        self._builder: SegmentBuilder | None = None
        self._done: list = []

    def write(self, batch) -> None:
        ordered = ORDER_FIELD in self._schema  # an index made before the column: without
        for article, source, fingerprint, order in batch:
            if self._builder is None:
                self._builder = SegmentBuilder(self._ix.storage, self._ix.indexname, self._schema)
            document, values = self._make_document(article, source, fingerprint,
                                                   self._extractor)  # fmt: skip
            if ordered:
                document[ORDER_FIELD] = order
            self._builder.add(document, values)
            if self._builder.entry_count >= self._segment_entries:
                self._flush()

    def _flush(self) -> None:
        if self._builder is not None:
            segment = self._builder.finish()
            if segment is not None:
                self._done.append(segment)
            self._builder = None
            self._segment_entries = self._later_entries
            _release_free_memory()

    def finish(self) -> list:
        self._flush()
        return self._done


def _release_free_memory() -> None:
    """Hand memory freed by a written segment back to the system (glibc keeps it otherwise).

    A segment's postings are many small objects; without this, the next segment's peak
    stacks on the freed-but-kept heap of the last one.
    """
    trim = _malloc_trim()
    if trim is not None:
        trim(0)


@functools.cache
def _malloc_trim():
    """glibc's ``malloc_trim``, or None where the C library has none (not glibc)."""
    import ctypes

    try:
        return getattr(ctypes.CDLL(None), "malloc_trim", None)
    except OSError:
        return None


def _work(ix, extractor, make_document, segment_entries, jobs, results, parent: int) -> None:
    """A worker process: write segments from batches until it gets None."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C reaches the group: the parent decides
    if hasattr(signal, "pthread_sigmask"):  # started with SIGINT blocked; now ignored instead
        signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGINT})
    _die_with_parent(parent)
    local = _LocalWriter(ix, extractor, make_document, segment_entries)
    try:
        if extractor is not None:
            extractor.extract("Mark Rutte sprak in Den Haag met de NAVO.")
        warm_up(ix.schema)
        while (batch := _next_job(jobs, parent)) is not None:
            local.write(batch)
        results.put(("ok", local.finish()))
    except BaseException:
        results.put(("error", traceback.format_exc()))
        # Keep taking batches so the building process is never blocked on a full queue.
        while _next_job(jobs, parent) is not None:
            pass


def _next_job(jobs, parent: int):
    """The next batch (None: no more), ending this process if its parent is gone."""
    while True:
        try:
            return jobs.get(timeout=1.0)
        except queue.Empty:
            if os.getppid() != parent:
                os._exit(1)


def _die_with_parent(parent: int) -> None:
    """Have the kernel kill this process when its parent exits (Linux), however it exits."""
    if sys.platform.startswith("linux"):
        import ctypes

        try:
            ctypes.CDLL(None, use_errno=True).prctl(_PR_SET_PDEATHSIG, signal.SIGKILL)
        except (OSError, AttributeError):
            pass
    if os.getppid() != parent:  # the parent exited before the line above took effect
        os._exit(1)


_PR_SET_PDEATHSIG = 1
