"""Writing a segment's term index and posting lists a whole term at a time.

Whoosh's W3 field writer takes one posting at a time, through several Python calls each,
and keeps block statistics as it goes. The segment builder already holds every term's
postings in memory, so :class:`BulkFieldWriter` takes a term's postings at once and writes
the bytes Whoosh 2.7.4 writes: the same ``.trm`` hash table of term infos, the same ``W3Bl``
posting lists of pickled, zlib-compressed blocks of 128 postings. tests/test_fast_postings.py
compares the two writers' files byte for byte.
"""

from __future__ import annotations

import zlib
from array import array
from operator import sub
from pickle import dumps

from whoosh.codec.whoosh3 import WHOOSH3_HEADER_MAGIC, W3Codec, W3TermInfo
from whoosh.filedb.filetables import OrderedHashWriter
from whoosh.system import pack_int, pack_long, pack_ushort
from whoosh.util.numeric import length_to_byte

_TERM_INFO = W3TermInfo._struct
_FLUSH_BYTES = 1 << 20
# Many blocks are equal (one posting with the same frequency in the same document), and
# zlib.compress costs tens of microseconds even for a few bytes.
_COMPRESSED_LIMIT = 50_000


def supports(codec) -> bool:
    """True if :class:`BulkFieldWriter` writes what this codec's field writer writes."""
    return type(codec) is W3Codec and codec._inlinelimit <= 1  # never inlines a posting


class BulkFieldWriter:
    """Writes one segment's ``.trm`` and ``.pst`` files like ``W3FieldWriter``.

    Call :meth:`add_field` once per field, in field-name order, then :meth:`close`.
    """

    def __init__(self, codec, storage, segment) -> None:
        self._blocklimit = codec._blocklimit
        self._compression = codec._compression
        self._terms = OrderedHashWriter(segment.create_file(storage, W3Codec.TERMS_EXT))
        self._fieldmap = self._terms.extras["fieldmap"] = {}
        self._postfile = segment.create_file(storage, W3Codec.POSTS_EXT)
        self._offset = self._postfile.tell()  # where the buffer starts in the file
        self._buffer = bytearray()
        self._compressed: dict[bytes, bytes] = {}

    def add_field(self, fieldname: str, format_, terms, lengths=None) -> None:
        """Write a field's terms, ``(btext, docnums, weights, values)`` in byte order.

        ``weights`` are the floats Whoosh's writer would be given and ``values`` the encoded
        posting values; ``lengths[docnum]`` is a document's (byte-rounded) field length,
        0 for none, and ``None`` for a field without lengths.
        """
        add_term = self._terms.add
        prefix = None
        fixed = format_.fixed_value_size()
        for btext, docnums, weights, values in terms:
            if prefix is None:  # a field id only once the field has a term, as in Whoosh
                fieldid = self._fieldmap.setdefault(fieldname, len(self._fieldmap))
                prefix = pack_ushort(fieldid)
            add_term(prefix + btext, self._write_postings(docnums, weights, values, fixed,
                                                          lengths))  # fmt: skip

    def _write_postings(self, docnums, weights, values, fixed, lengths) -> bytes:
        """Append one posting list to the postings buffer; return its term info bytes."""
        buffer = self._buffer
        start = self._offset + len(buffer)
        buffer += WHOOSH3_HEADER_MAGIC
        count = len(docnums)
        limit = self._blocklimit
        total = 0
        maxweight = 0
        minlength = None
        maxlength = 0
        for first in range(0, count, limit):
            last = first + limit >= count
            if first == 0 and last:
                ids, ws, vs = docnums, weights, values
            else:
                ids = docnums[first : first + limit]
                ws = weights[first : first + limit]
                vs = values[first : first + limit]
            ids = ids.tolist() if isinstance(ids, array) else list(ids)
            floats = array("f", ws)
            total += sum(floats)
            blockweight = max(ws)
            if not blockweight > 0:
                blockweight = 0
            if blockweight > maxweight:
                maxweight = blockweight
            low = high = None
            if lengths is not None:
                known = [n for n in map(lengths.__getitem__, ids) if n]
                if known:
                    low, high = min(known), max(known)
                    minlength = low if minlength is None else min(minlength, low)
                    maxlength = max(maxlength, high)
            data = (tuple(map(sub, ids, [0, *ids[:-1]])), _mini_weights(floats),
                    _mini_values(vs, fixed))  # fmt: skip
            databytes = self._compress(dumps(data, 2))
            infobytes = dumps((len(ids), ids[-1], blockweight, self._compression,
                               length_to_byte(low), length_to_byte(high or 0)), 2)  # fmt: skip
            size = len(infobytes) + len(databytes)
            buffer += pack_int(-size if last else size)
            buffer += infobytes
            buffer += databytes
        end = self._offset + len(buffer)
        if len(buffer) >= _FLUSH_BYTES:
            self._flush()
        info = _TERM_INFO.pack(False, total, count, length_to_byte(minlength),
                               length_to_byte(maxlength), maxweight, docnums[0],
                               docnums[-1])  # fmt: skip
        return info + pack_long(start) + pack_int(end - start)

    def _compress(self, databytes: bytes) -> bytes:
        if not self._compression:
            return databytes
        compressed = self._compressed.get(databytes)
        if compressed is None:
            if len(self._compressed) >= _COMPRESSED_LIMIT:
                self._compressed.clear()
            compressed = self._compressed[databytes] = zlib.compress(databytes,
                                                                     self._compression)
        return compressed

    def _flush(self) -> None:
        self._postfile.write(self._buffer)
        self._offset += len(self._buffer)
        self._buffer.clear()

    def close(self) -> None:
        """Write the term index and close both files."""
        self._flush()
        self._terms.close()
        self._postfile.close()


def _mini_weights(floats: array):
    """Whoosh's block weights: None when all are 1.0, one float when all are equal."""
    low, high = min(floats), max(floats)
    if low == high:
        return None if low == 1.0 else floats[0]
    return tuple(floats)


def _mini_values(values, fixed: int | None):
    """Whoosh's block values: empty ones dropped, fixed-size ones joined into one string."""
    if fixed is not None and fixed >= 0:
        return b"".join(values) if fixed else None
    return tuple(values) if all(values) else tuple(v for v in values if v)
