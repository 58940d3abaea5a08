"""The one cache of what a reader decodes from its segments, shared by threads.

One :class:`ReaderCache` belongs to one index generation (``search.generation``): its
entries are keyed on segment identities (:mod:`index.store.generations`), so they stay
right for as long as those segments exist.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable

import numpy as np

from index.store import columns
from index.store.postings import Postings, joined, read_postings


class ReaderCache:
    """Decoded document lengths, sort keys and postings of one index generation.

    Lengths and sort keys are decoded once per segment and field. Postings go into a
    least-recently-used cache of at most ``max_bytes``, so a term's blocks are unpickled
    once while it stays in use (Whoosh's pickled blocks cost far more to decode than to
    read).
    """

    def __init__(self, max_bytes: int = 256 * 1024 * 1024) -> None:
        self.max_bytes = max_bytes
        self._segment_arrays: dict[tuple, np.ndarray] = {}
        self._postings: OrderedDict[tuple, Postings] = OrderedDict()
        self._bytes = 0
        self._lock = threading.Lock()

    def lengths(self, leaf_reader, segment_id: str | None, fieldname: str) -> np.ndarray:
        """:func:`index.store.columns.field_lengths`, once per segment."""
        return self._per_segment((segment_id, fieldname, "lengths"),
                                 lambda: columns.field_lengths(leaf_reader, fieldname))  # fmt: skip

    def numbers(self, leaf_reader, segment_id: str | None, fieldname: str) -> np.ndarray:
        """:func:`index.store.columns.numbers`, once per segment."""
        return self._per_segment((segment_id, fieldname, "numbers"),
                                 lambda: columns.numbers(leaf_reader, fieldname))  # fmt: skip

    def segment_value(self, leaf_reader, segment_id: str | None, key: tuple,
                      build: Callable[[], object]):  # fmt: skip
        """``build()``'s value for one segment, once per ``key`` (it must not depend on
        deletions unless ``key`` says how: deletions change without a new segment)."""
        return self._per_segment((segment_id, *key, "value"), build)

    def sort_keys(self, leaf_reader, segment_id: str | None, fieldname: str) -> np.ndarray:
        """:func:`index.store.columns.sort_keys`, once per segment."""
        return self._per_segment((segment_id, fieldname, "sort"),
                                 lambda: columns.sort_keys(leaf_reader, fieldname))  # fmt: skip

    def postings(self, leaf_reader, segment_id: str | None, field, fieldname: str,
                 btext: bytes, *, positions: bool) -> Postings:  # fmt: skip
        """One term's postings in one segment (:func:`index.store.postings.read_postings`)."""
        key = (segment_id, fieldname, btext, positions)
        return self._remembered(key, lambda: read_postings(leaf_reader, field, fieldname, btext,
                                                           positions=positions))  # fmt: skip

    def reader_postings(self, leaf_readers, segment_ids: list[str | None],
                        offsets: list[int], field, fieldname: str, btext: bytes, *,
                        positions: bool) -> Postings:  # fmt: skip
        """One term's postings in every segment as one list over reader-wide document
        numbers (:func:`index.store.postings.joined`; ``offsets``: each segment's first).
        Remembered as a segment's are, beside them: one search finds a document's."""
        key = (tuple(segment_ids), tuple(offsets), fieldname, btext, positions)

        def join() -> Postings:
            parts = [self.postings(leaf, segment, field, fieldname, btext, positions=positions)
                     for leaf, segment in zip(leaf_readers, segment_ids, strict=True)]  # fmt: skip
            return joined(parts, offsets)

        return self._remembered(key, join)

    def reader_lengths(self, leaf_readers, segment_ids: list[str | None],
                       fieldname: str) -> np.ndarray:  # fmt: skip
        """:meth:`lengths` of every segment, one after another: over reader-wide numbers."""
        key = (tuple(segment_ids), fieldname, "reader lengths")
        found = self._segment_arrays.get(key)
        if found is None:
            # each segment's first, outside the lock: _per_segment builds under it
            parts = [self.lengths(leaf, segment, fieldname)
                     for leaf, segment in zip(leaf_readers, segment_ids, strict=True)]  # fmt: skip
            found = self._per_segment(key, lambda: np.concatenate(parts))
        return found

    def _per_segment(self, key: tuple, build: Callable[[], np.ndarray]) -> np.ndarray:
        found = self._segment_arrays.get(key)
        if found is None:
            with self._lock:
                found = self._segment_arrays.get(key)
                if found is None:
                    found = self._segment_arrays[key] = build()
        return found

    def _remembered(self, key: tuple, decode: Callable[[], Postings]) -> Postings:
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
