"""One segment's per-document columns as numpy arrays: field lengths, sort keys, deletions.

Whoosh reads these one document per call; ranking and sorting want a whole segment at once.
"""

from __future__ import annotations

import numpy as np
from whoosh.codec.whoosh3 import LENGTHS_COLUMN
from whoosh.util.numeric import byte_to_length

MISSING = np.iinfo(np.int64).max  # the sort key of a document without a value
# Whoosh stores a field's length in a byte; this table gives the length each byte stands for.
_LENGTH_TABLE = np.array([byte_to_length(b) for b in range(256)], dtype=np.float64)


def field_lengths(leaf_reader, fieldname: str) -> np.ndarray:
    """The length of ``fieldname`` in every document of a segment, as Whoosh stores it
    (byte-encoded, so BM25F sees exactly the lengths Whoosh's scorer sees)."""
    count = leaf_reader.doc_count_all()
    column = leaf_reader._perdoc._cached_reader(f"_{fieldname}_len", LENGTHS_COLUMN)
    codes = np.zeros(count, dtype=np.uint8)
    if column is not None:
        stored = min(column._count, count)
        raw = column._dbfile.get(column._basepos, stored)
        codes[:stored] = np.frombuffer(raw, dtype=np.uint8)
    return _LENGTH_TABLE[codes]


def numbers(leaf_reader, fieldname: str) -> np.ndarray:
    """A numeric column of a segment (``NumericColumn``) for every document, as int64;
    0 where a document has none, or where the segment has no such column."""
    count = leaf_reader.doc_count_all()
    found = np.zeros(count, dtype=np.int64)
    field = leaf_reader.schema[fieldname] if fieldname in leaf_reader.schema else None
    if field is None or not leaf_reader._perdoc.has_column(fieldname):
        return found
    column = leaf_reader._perdoc.column_reader(fieldname, field.column_type)
    stored = min(column._count, count)
    # Whoosh writes fixed-width big-endian values ("!" + typecode), defaults left off the end.
    dtype = np.dtype(">" + column._typecode)
    raw = column._dbfile.get(column._basepos, stored * column._fixedlen)
    found[:stored] = np.frombuffer(raw, dtype=dtype)
    return found


def exact_length_total(leaf_reader, fieldname: str, exact_field: str | None) -> int:
    """Words of ``fieldname`` over a segment's live documents, from the column
    ``exact_field`` of exact word counts; Whoosh's own total (deleted documents in, and
    rounded where a merge copied them) for a segment without that column."""
    if exact_field is None or exact_field not in leaf_reader.schema \
            or not leaf_reader._perdoc.has_column(exact_field):  # fmt: skip
        return int(leaf_reader.field_length(fieldname))
    counts = numbers(leaf_reader, exact_field)
    if leaf_reader.has_deletions():
        counts[deleted_documents(leaf_reader)] = 0
    return int(counts.sum())


def sort_keys(leaf_reader, fieldname: str) -> np.ndarray:
    """Whoosh's sort key of a sortable column for every document; :data:`MISSING` where
    the document has no value."""
    column = leaf_reader.column_reader(fieldname)
    # A document without a value has the column's default, 2**64 - 1 for an unsigned
    # 64-bit column (DATETIME): over int64, so any key that large means "missing".
    keys = [column.sort_key(doc) for doc in range(leaf_reader.doc_count_all())]
    return np.array([key if key < MISSING else MISSING for key in keys], dtype=np.int64)


def deleted_documents(leaf_reader) -> np.ndarray:
    """The document numbers deleted from a segment, ascending."""
    if not leaf_reader.has_deletions():
        return np.zeros(0, dtype=np.int64)
    return np.sort(np.fromiter(leaf_reader._perdoc.deleted_docs(), dtype=np.int64))


def live_documents(leaf_reader, docs: np.ndarray) -> np.ndarray:
    """``docs`` (of one segment) without the ones deleted from it."""
    if not leaf_reader.has_deletions() or not len(docs):
        return docs
    return docs[~np.isin(docs, deleted_documents(leaf_reader))]
