"""Timelines: matching articles per day, ISO week, month or year, beside all articles.

A count of matches per month grows with the archive; researchers plot the *share* of
coverage instead, so every bucket also says how many articles the whole archive holds in
it (``all``). Both come from the articles' sort keys of the ``date`` column (one array per
segment, kept in the generation's reader cache), so a timeline is a few numpy operations
over the matches, whatever the interval; the labels and the counts of all articles of
every bucket are made once per index generation (:class:`Calendar`). Undated articles are
in no bucket; they are counted apart (``undated``).
"""

from __future__ import annotations

import datetime as dt
import functools
from dataclasses import dataclass
from typing import NamedTuple

import numpy as np

from index.store.columns import MISSING

INTERVALS = ("day", "week", "month", "year")
_MICROSECONDS_A_DAY = 86_400_000_000
# Whoosh keys a date by microseconds since 0001-01-01; numpy counts days from 1970-01-01.
_EPOCH_DAYS = dt.date(1970, 1, 1).toordinal() - 1
_UNIT = {"day": "D", "week": "D", "month": "M", "year": "Y"}
_DTYPE = {interval: np.dtype(f"datetime64[{unit}]") for interval, unit in _UNIT.items()}
_STEP = {"day": 1, "week": 7, "month": 1, "year": 1}  # in units of _UNIT


class Bucket(NamedTuple):
    """One interval: its first day, the matching articles in it and all articles in it.

    (A named tuple: a timeline by day over decades has thousands, made in one go.)
    """

    start: str
    count: int
    all: int

    def as_dict(self) -> dict:
        return {"start": self.start, "count": self.count, "all": self.all}


@dataclass(frozen=True)
class Timeline:
    """Matches per interval, every interval from the first to the last match's included."""

    interval: str
    buckets: tuple[Bucket, ...]
    undated: int = 0  # matching articles without a date

    def as_dict(self) -> dict:
        return {"interval": self.interval, "undated": self.undated,
                "buckets": [bucket.as_dict() for bucket in self.buckets]}  # fmt: skip


_new_bucket = functools.partial(tuple.__new__, Bucket)


def bucket_starts(keys: np.ndarray, interval: str) -> np.ndarray:
    """Each dated key's bucket as ``datetime64`` (days for day and week, else months or
    years); keys without a date are left out."""
    days = keys[keys != MISSING] // _MICROSECONDS_A_DAY - _EPOCH_DAYS
    dates = days.astype("datetime64[D]")
    if interval == "week":  # ISO weeks start on Monday; 1970-01-01 was a Thursday
        return dates - ((days + 3) % 7).astype("timedelta64[D]")
    return dates.astype(f"datetime64[{_UNIT[interval]}]")


def counts_by_bucket(keys: np.ndarray, interval: str) -> tuple[np.ndarray, np.ndarray]:
    """``(bucket starts, counts)`` of the dated keys, ascending."""
    starts = bucket_starts(keys, interval)
    if not len(starts):
        return starts, np.zeros(0, dtype=np.int64)
    # datetime64 counts days, months or years since 1970: a bucket's number is its start
    numbers = starts.view(np.int64)
    step = _STEP[interval]
    low = int(numbers.min())
    width = (int(numbers.max()) - low) // step + 1
    if width > 4 * len(numbers) + 4096:  # a few dates far apart: sorting is cheaper
        return np.unique(starts, return_counts=True)
    counts = np.bincount((numbers - low) // step, minlength=width)
    present = np.flatnonzero(counts)
    return (low + present * step).astype(starts.dtype), counts[present]


def timeline(keys: np.ndarray, everything: tuple[np.ndarray, np.ndarray] | Calendar,
             interval: str, span: tuple[np.datetime64, np.datetime64] | None = None,
             ) -> Timeline:  # fmt: skip
    """The timeline of the matches' date keys; ``everything`` is :func:`counts_by_bucket`
    of all articles (or their :class:`Calendar`); ``span`` (first and last bucket)
    overrides the matches' own."""
    return timeline_of_counts(counts_by_bucket(keys, interval), int((keys == MISSING).sum()),
                              everything, interval, span)  # fmt: skip


def added_counts(parts: list[tuple | None]) -> tuple[np.ndarray, np.ndarray]:
    """Several :func:`counts_by_bucket` results (of disjoint sets) as one (None: nothing)."""
    parts = [part for part in parts if part is not None and len(part[0])]
    if not parts:
        return np.zeros(0, dtype="datetime64[D]"), np.zeros(0, dtype=np.int64)
    starts = np.concatenate([starts for starts, _ in parts])
    counts = np.concatenate([counts for _, counts in parts])
    unique, inverse = np.unique(starts, return_inverse=True)
    return unique, np.bincount(inverse, weights=counts, minlength=len(unique)).astype(np.int64)


class Calendar:
    """Every bucket of one interval from the first to the last bucket of all articles,
    with its label and its count of all articles, as Python lists: the part of a timeline
    every query over the same articles shares (the engine keeps one per generation).

    A timeline by day over a decade has thousands of buckets; their labels cost more to
    make than the matches' counts.
    """

    def __init__(self, everything: tuple[np.ndarray, np.ndarray], interval: str) -> None:
        self.interval = interval
        self.everything = everything
        starts, counts = everything
        span = (starts[0], starts[-1]) if len(starts) else None
        self._first = _number(starts[0], interval) if len(starts) else 0
        self._labels, self._totals = _labelled(starts, counts, interval, span)

    def labels_and_totals(self, span: tuple[np.datetime64, np.datetime64]):
        """The labels and the counts of all articles of the buckets from ``span[0]`` to
        ``span[1]`` (two lists)."""
        step = _STEP[self.interval]
        start = (_number(span[0], self.interval) - self._first) // step
        stop = (_number(span[1], self.interval) - self._first) // step + 1
        if self._labels and 0 <= start and stop <= len(self._labels):
            return self._labels[start:stop], self._totals[start:stop]
        starts, counts = self.everything  # beyond all articles' span: not from a query
        return _labelled(starts, counts, self.interval, span)


def _number(start: np.datetime64, interval: str) -> int:
    """A bucket's start as a number of days, months or years since 1970."""
    return int(np.datetime64(start, _UNIT[interval]).astype(np.int64))


def _labelled(starts: np.ndarray, counts: np.ndarray, interval: str, span,
              ) -> tuple[list[str], list[int]]:  # fmt: skip
    """The labels of every bucket of ``span`` and the ``counts`` at ``starts`` in them."""
    if span is None:
        return [], []
    every = _range(span[0], span[1], interval)
    total = np.zeros(len(every), dtype=np.int64)
    inside = (starts >= span[0]) & (starts <= span[1])
    total[np.searchsorted(every, starts[inside])] = counts[inside]
    return every.astype("datetime64[D]").astype(str).tolist(), total.tolist()


def timeline_of_counts(found: tuple[np.ndarray, np.ndarray], undated: int,
                       everything: tuple[np.ndarray, np.ndarray] | Calendar, interval: str,
                       span: tuple[np.datetime64, np.datetime64] | None = None,
                       ) -> Timeline:  # fmt: skip
    """:func:`timeline` from the matches' :func:`counts_by_bucket` and undated count."""
    starts, counts = found
    if span is None:
        if not len(starts):
            return Timeline(interval, (), undated)
        span = (starts[0], starts[-1])
    if isinstance(everything, Calendar):
        labels, totals = everything.labels_and_totals(span)
    else:
        labels, totals = _labelled(*everything, interval, span)
    places = (starts.astype(_DTYPE[interval]).view(np.int64) - _number(span[0], interval)) \
        // _STEP[interval]  # fmt: skip
    inside = (places >= 0) & (places < len(labels))
    matched = np.zeros(len(labels), dtype=np.int64)
    matched[places[inside]] = counts[inside]
    # tuple.__new__ straight from zip: thousands of buckets without a Python call each
    rows = zip(labels, matched.tolist(), totals, strict=True)
    buckets = tuple(map(_new_bucket, rows))
    return Timeline(interval, buckets, undated)


def span_of(timelines_keys: list[np.ndarray], interval: str):
    """The first and last bucket over several sets of keys, or None if none is dated."""
    return span_of_starts([bucket_starts(keys, interval) for keys in timelines_keys])


def span_of_starts(found: list[np.ndarray]):
    """The first and last of several arrays of bucket starts, or None if all are empty."""
    found = [starts for starts in found if len(starts)]
    if not found:
        return None
    return min(starts.min() for starts in found), max(starts.max() for starts in found)


def _range(first: np.datetime64, last: np.datetime64, interval: str) -> np.ndarray:
    step = 7 if interval == "week" else 1
    unit = "D" if interval in ("day", "week") else _UNIT[interval]
    return np.arange(first, last + np.timedelta64(step, unit), np.timedelta64(step, unit))
