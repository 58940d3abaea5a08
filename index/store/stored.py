"""Stored fields of many documents at once, read straight from Whoosh's stored-fields column.

Whoosh reads one document per call (``reader.stored_fields``): a seek and a read per
document, then the codec's and the reader's wrappers around decompressing and unpickling.
An export reads thousands; here the compressed values of neighbouring documents of a
segment come in one read, and only ``zlib`` and ``pickle`` remain per document.
"""

from __future__ import annotations

import pickle
from collections.abc import Callable, Iterator

import numpy as np
from whoosh.codec.whoosh3 import STORED_COLUMN

# Documents whose stored values lie closer than this are read together (one read, some
# bytes of documents in between thrown away); farther ones get a read of their own.
READ_GAP = 1 << 16


def stored_documents(reader, docnums: np.ndarray) -> list[dict]:
    """The stored fields of ``docnums`` (reader-wide numbers, live documents), in that order."""
    found: list = [None] * len(docnums)
    if not len(docnums):
        return found
    leaves = reader.leaf_readers()
    starts = np.array([offset for _, offset in leaves], dtype=np.int64)
    order = np.argsort(docnums, kind="stable")
    ordered = np.asarray(docnums, dtype=np.int64)[order]
    leaf_of = np.searchsorted(starts, ordered, side="right") - 1
    # ``ordered`` ascends, so each segment's documents are one slice of it
    bounds = [0, *(np.flatnonzero(np.diff(leaf_of)) + 1).tolist(), len(ordered)]
    for first, last in zip(bounds, bounds[1:], strict=False):
        leaf, start = leaves[int(leaf_of[first])]
        values = _segment_documents(leaf, (ordered[first:last] - start).tolist())
        for position, value in zip(order[first:last].tolist(), values, strict=True):
            found[position] = value
    return found


def iter_stored(reader, docnums: np.ndarray, *, chunk: int = 1_000) -> Iterator[dict]:
    """The stored fields of ``docnums`` one by one, read ``chunk`` documents at a time."""
    for start in range(0, len(docnums), chunk):
        yield from stored_documents(reader, docnums[start : start + chunk])


def _segment_documents(leaf, docs: list[int]) -> list[dict]:
    """The stored fields of ascending ``docs`` of one segment."""
    column = _compressed_column(leaf)
    if column is None:  # another codec or column layout: Whoosh's own way
        return [leaf.stored_fields(doc) for doc in docs]
    dbfile, base, offsets, lengths, decompress = column
    values: list[dict] = []
    run: list[int] = []
    for doc in docs:
        if run and offsets[doc] - (offsets[run[-1]] + lengths[run[-1]]) > READ_GAP:
            values += _read_run(run, dbfile, base, offsets, lengths, decompress)
            run = []
        run.append(doc)
    return values + _read_run(run, dbfile, base, offsets, lengths, decompress)


def _read_run(run: list[int], dbfile, base: int, offsets, lengths,
              decompress: Callable[[bytes], bytes]) -> list[dict]:  # fmt: skip
    if not run:
        return []
    first = offsets[run[0]]
    end = max(offsets[doc] + lengths[doc] for doc in run)
    data = memoryview(dbfile.get(base + first, end - first))
    loads = pickle.loads
    values = []
    for doc in run:
        length = lengths[doc]
        if not length:
            values.append({})
            continue
        at = offsets[doc] - first
        values.append(loads(decompress(data[at : at + length])) or {})
    return values


def _compressed_column(leaf):
    """``(file, base, offsets, lengths, decompress)`` of a segment's stored-fields column,
    or None where it is not Whoosh 3's pickled, compressed byte column."""
    try:
        pickled = leaf._perdoc._cached_reader("_stored", STORED_COLUMN)
        column = pickled._child
        return (column._dbfile, column._basepos, column._offsets, column._lengths,
                column._decompress)  # fmt: skip
    except AttributeError:
        return None
