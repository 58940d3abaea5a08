"""Stored fields of many documents at once, read straight from Whoosh's stored-fields column.

Whoosh reads one document per call (``reader.stored_fields``): a seek and a read per
document, then the codec's and the reader's wrappers around decompressing and unpickling.
An export reads thousands; here the compressed values of neighbouring documents of a
segment come in one read, and only ``zlib`` and ``pickle`` remain per document.

Most exports want none of an article's body, which is most of its stored bytes: the
summary column (:data:`index.schema.SUMMARY_FIELD`) holds the other stored fields once
more, pickled without compression (:func:`encode_summary`), and :func:`stored_summaries`
reads those, falling back to the stored fields where a segment or a document has none.
"""

from __future__ import annotations

import pickle
from collections.abc import Callable, Iterator

import numpy as np
from whoosh.codec.whoosh3 import STORED_COLUMN
from whoosh.columns import VarBytesColumn

from index.schema import SUMMARY_FIELD, SUMMARY_LEAVES_OUT

# Documents whose stored values lie closer than this are read together (one read, some
# bytes of documents in between thrown away); farther ones get a read of their own.
READ_GAP = 1 << 16
SUMMARY_PICKLE_PROTOCOL = 4  # an on-disk format: Python 3.4 and later read it


def encode_summary(stored: dict) -> bytes:
    """The summary column's value for a document's stored fields (``{field: value}``, as
    Whoosh stores them): all but the long ones (:data:`index.schema.SUMMARY_LEAVES_OUT`)."""
    short = {name: value for name, value in stored.items() if name not in SUMMARY_LEAVES_OUT}
    return pickle.dumps(short, protocol=SUMMARY_PICKLE_PROTOCOL)


def stored_documents(reader, docnums: np.ndarray) -> list[dict]:
    """The stored fields of ``docnums`` (reader-wide numbers, live documents), in that order."""
    return _per_segment(reader, docnums, _segment_documents)


def stored_summaries(reader, docnums: np.ndarray) -> list[dict]:
    """:func:`stored_documents` without the long fields (the body): each document's stored
    fields but those, as :func:`encode_summary` kept them. A document of a segment written
    without summaries gets its whole stored fields instead (the body included)."""
    return _per_segment(reader, docnums, _segment_summaries)


def _per_segment(reader, docnums: np.ndarray, read: Callable[[object, list[int]], list[dict]],
                 ) -> list[dict]:  # fmt: skip
    """``read(segment reader, ascending docs)`` of each segment's share of ``docnums``,
    put back in the order of ``docnums``."""
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
        values = read(leaf, (ordered[first:last] - start).tolist())
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
    return _read_runs(docs, dbfile, base, offsets, lengths,
                      lambda data: pickle.loads(decompress(data)), lacking=dict)  # fmt: skip


def _segment_summaries(leaf, docs: list[int]) -> list[dict]:
    """The summaries of ascending ``docs`` of one segment; the stored fields of those
    without one."""
    column = _bytes_column(leaf, SUMMARY_FIELD)
    if column is None:
        return _segment_documents(leaf, docs)
    dbfile, base, offsets, lengths = column
    found = _read_runs(docs, dbfile, base, offsets, lengths, pickle.loads,
                       lacking=lambda: None)  # fmt: skip
    lacking = [doc for doc, value in zip(docs, found, strict=True) if value is None]
    if lacking:  # documents a merge brought from a segment written without summaries
        whole = iter(_segment_documents(leaf, lacking))
        found = [next(whole) if value is None else value for value in found]
    return found


def _read_runs(docs: list[int], dbfile, base: int, offsets, lengths,
               decode: Callable[[memoryview], dict], *,
               lacking: Callable[[], dict | None]) -> list:  # fmt: skip
    """``decode`` of the values of ascending ``docs`` in a byte column, neighbours read
    together; ``lacking()`` for a document without a value."""
    values: list = []
    run: list[int] = []
    for doc in docs:
        if run and offsets[doc] - (offsets[run[-1]] + lengths[run[-1]]) > READ_GAP:
            values += _read_run(run, dbfile, base, offsets, lengths, decode, lacking)
            run = []
        run.append(doc)
    return values + _read_run(run, dbfile, base, offsets, lengths, decode, lacking)


def _read_run(run: list[int], dbfile, base: int, offsets, lengths,
              decode: Callable[[memoryview], dict], lacking) -> list:  # fmt: skip
    if not run:
        return []
    first = offsets[run[0]]
    end = max(offsets[doc] + lengths[doc] for doc in run)
    data = memoryview(dbfile.get(base + first, end - first))
    values: list = []
    for doc in run:
        length = lengths[doc]
        if not length:
            values.append(lacking())
            continue
        at = offsets[doc] - first
        values.append(decode(data[at : at + length]) or {})
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


def _bytes_column(leaf, fieldname: str):
    """``(file, base, offsets, lengths)`` of a segment's byte column of ``fieldname``, or
    None where the segment has none (or it is not Whoosh 3's variable-length bytes)."""
    field = leaf.schema[fieldname] if fieldname in leaf.schema else None
    if field is None or not isinstance(field.column_type, VarBytesColumn):
        return None
    try:
        column = leaf._perdoc._cached_reader(fieldname, field.column_type)
        if column is None:
            return None
        return column._dbfile, column._basepos, column._offsets, column._lengths
    except AttributeError:
        return None
