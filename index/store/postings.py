"""The W3 posting format, written and read a whole term at a time.

Whoosh's W3 field writer takes one posting at a time, through several Python calls each,
and keeps block statistics as it goes. The segment builder already holds every term's
postings in memory, so :class:`BulkFieldWriter` takes a term's postings at once and writes
the files Whoosh 2.7.4 writes: the same ``.trm`` hash table of term infos, the same ``W3Bl``
posting lists of pickled, zlib-compressed blocks of 128 postings. With Whoosh's block
settings (:data:`BLOCK_PICKLE_PROTOCOL` 2, :data:`COMPRESSED_FROM_BYTES` 0) the bytes are
Whoosh's own: tests/test_fast_postings.py compares the two writers' files byte for byte.

:func:`read_postings` reads a term's posting list back whole: one ``pickle.loads`` per
block of 128 postings (or numpy over the pickle's bytes, :func:`_quick_block`), where
Whoosh's matchers make several Python calls per posting.
"""

from __future__ import annotations

import io
import pickle
import struct
import zlib
from array import array
from collections.abc import Mapping
from dataclasses import dataclass
from hashlib import md5
from itertools import starmap
from operator import sub
from pickle import dumps

import numpy as np
from whoosh.codec.whoosh3 import WHOOSH3_HEADER_MAGIC, W3Codec, W3TermInfo
from whoosh.filedb import filetables
from whoosh.reading import TermNotFound
from whoosh.system import pack_int, pack_long, pack_uint, pack_ushort
from whoosh.util.numeric import byte_to_length, length_to_byte

from index.schema import unpositioned_value

_TERM_INFO = W3TermInfo._struct
# Whoosh pickles a block with protocol 2, in which each byte string (a posting's positions)
# becomes a ``_codecs.encode`` call: ten times slower to write and to read than protocol 3's
# plain byte strings, and twice the size. Readers unpickle any protocol, so blocks are
# written with 3. Each block records whether it is compressed, and zlib makes a pickle of
# under 80 bytes (most blocks of rare words) no smaller, so those are stored as they are.
# (2 and 0 give Whoosh's own bytes: tests/test_fast_postings.py compares them.)
BLOCK_PICKLE_PROTOCOL = 3
COMPRESSED_FROM_BYTES = 80
_FLUSH_BYTES = 1 << 20
# Many blocks are equal (one posting with the same frequency in the same document), and
# zlib.compress costs tens of microseconds even for a few bytes.
_COMPRESSED_LIMIT = 50_000
_COMPRESSED_BYTES = 256


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
        self._protocol = BLOCK_PICKLE_PROTOCOL
        self._compressed_from = COMPRESSED_FROM_BYTES
        self._terms = _TermIndexWriter(segment.create_file(storage, W3Codec.TERMS_EXT))
        self._fieldmap = self._terms.extras["fieldmap"] = {}
        self._postfile = segment.create_file(storage, W3Codec.POSTS_EXT)
        self._offset = self._postfile.tell()  # where the buffer starts in the file
        self._buffer = bytearray()
        self._compressed: dict[bytes, bytes] = {}

    def add_field(self, fieldname: str, format_, terms: dict, lengths=None, *,
                  boost: float | None = None) -> None:  # fmt: skip
        """Write a field's ``terms``: ``term bytes -> (docnums, weights, values)``.

        ``weights`` are the floats Whoosh's writer would be given, or with ``boost`` the
        frequencies (the weight is frequency x boost). ``values`` are the encoded posting
        values; with ``boost`` also None, each value the packed frequency (Whoosh's
        ``Frequency`` format), or an array of each posting's positions in turn (Whoosh's
        ``Positions`` format).
        ``lengths[docnum]`` is a document's byte-rounded field length, 0 for none, and
        ``None`` for a field without lengths.
        """
        if not terms:
            return  # Whoosh gives a field a number only once it has a term
        if boost is not None and not boost > 0:
            raise ValueError(f"boost must be positive, not {boost!r}")
        fieldid = self._fieldmap.setdefault(fieldname, len(self._fieldmap))
        prefix = pack_ushort(fieldid)
        fixed = format_.fixed_value_size()
        keys = sorted(terms)
        write = self._write_postings
        if lengths is not None:  # each document's length byte (0: none), worked out once
            lengths = bytes(map(_length_byte, lengths))
        # Terms the format keeps no positions for (index.schema.StemPositions: exact forms).
        bare = getattr(format_, "UNPOSITIONED_PREFIX", None)
        if bare is None:
            infos = [write(*terms[key], fixed, lengths, boost) for key in keys]
        else:
            infos = [write(*terms[key], fixed, lengths, boost, key.startswith(bare))
                     for key in keys]  # fmt: skip
        self._terms.add_sorted([prefix + key for key in keys], infos)

    def _write_postings(self, docnums, weights, values, fixed, lengths, boost,
                        bare: bool = False) -> bytes:  # fmt: skip
        """Append one posting list to the postings buffer; return its term info bytes
        (``bare``: positions given, but each value records the frequency alone;
        ``lengths[docnum]``: a document's length byte, or None)."""
        if len(docnums) == 1:
            return self._write_posting(docnums, weights, values, fixed, lengths, boost, bare)
        return self._write_blocks(docnums, weights, values, fixed, lengths, boost, bare)

    def _write_blocks(self, docnums, weights, values, fixed, lengths, boost,
                      bare: bool) -> bytes:  # fmt: skip
        """:meth:`_write_postings` in blocks of up to ``blocklimit`` postings: any term."""
        buffer = self._buffer
        start = self._offset + len(buffer)
        buffer += WHOOSH3_HEADER_MAGIC
        count = len(docnums)
        limit = self._blocklimit
        total = 0
        maxweight = 0
        minlength = None
        maxlength = 0
        positions = 0  # where the block's first posting's positions start
        for first in range(0, count, limit):
            last = first + limit >= count
            if first == 0 and last:
                ids, ws, vs = docnums.tolist(), weights, values
            else:
                ids = docnums[first : first + limit].tolist()
                ws = weights[first : first + limit]
                vs = values  # None or positions: read from ``positions`` on
                if values is not None and type(values) is not array:
                    vs = values[first : first + limit]
            if boost is None:
                floats = array("f", ws)
                blockweight = max(ws)
            else:
                floats = array("f", ws if boost == 1.0 else [w * boost for w in ws])
                blockweight = max(ws) * boost
            total += sum(floats)
            if not blockweight > 0:
                blockweight = 0
            if blockweight > maxweight:
                maxweight = blockweight
            low = high = 0  # length bytes: a length's byte grows with it, 0 for none
            if lengths is not None:
                known = [n for n in map(lengths.__getitem__, ids) if n]
                if known:
                    low, high = min(known), max(known)
                    minlength = low if minlength is None else min(minlength, low)
                    maxlength = max(maxlength, high)
            if vs is None:
                vs = _pack_uints(len(ws))(*ws)
            elif type(vs) is array:
                vs = tuple(encode_positions(ws, values, positions, bare=bare))
                positions += sum(ws)
            elif fixed is not None and fixed >= 0:
                vs = b"".join(vs) if fixed else None
            else:
                vs = tuple(vs) if all(vs) else tuple(v for v in vs if v)
            deltas = (ids[0],) if len(ids) == 1 else tuple(map(sub, ids, [0, *ids[:-1]]))
            data = dumps((deltas, _mini_weights(floats), vs), self._protocol)
            compression = self._compression if len(data) >= self._compressed_from else 0
            if compression:
                data = self._compress(data)
            info = dumps((len(ids), ids[-1], blockweight, compression, low, high), 2)
            size = len(info) + len(data)
            buffer += pack_int(-size if last else size)
            buffer += info
            buffer += data
        end = self._offset + len(buffer)
        if len(buffer) >= _FLUSH_BYTES:
            self._flush()
        info = _TERM_INFO.pack(False, total, count, minlength or 0, maxlength, maxweight,
                               docnums[0], docnums[-1])  # fmt: skip
        return info + pack_long(start) + pack_int(end - start)

    def _write_posting(self, docnums, weights, values, fixed, lengths, boost,
                       bare: bool) -> bytes:  # fmt: skip
        """:meth:`_write_postings` of a term in one document (most terms of a segment):
        the same bytes, with the statistics of one posting taken as they are."""
        buffer = self._buffer
        start = self._offset + len(buffer)
        docnum = docnums[0]
        weight = weights[0]
        if boost is None:
            floats = array("f", weights)
            blockweight = weight
        else:
            floats = array("f", weights if boost == 1.0 else [weight * boost])
            blockweight = weight * boost
        total = 0 + floats[0]  # sum(floats), as the loop adds it up
        if not blockweight > 0:
            blockweight = 0
        low = lengths[docnum] if lengths is not None else 0
        if values is None:
            vs = _pack_uints(1)(weight)
        elif type(values) is array:
            vs = tuple(encode_positions(weights, values, 0, bare=bare))
        elif fixed is not None and fixed >= 0:
            vs = b"".join(values) if fixed else None
        else:
            vs = (values[0],) if values[0] else ()
        mini = None if floats[0] == 1.0 else floats[0]  # _mini_weights of one weight
        data = dumps(((docnum,), mini, vs), self._protocol)
        compression = self._compression if len(data) >= self._compressed_from else 0
        if compression:
            data = self._compress(data)
        info = dumps((1, docnum, blockweight, compression, low, low), 2)
        size = len(info) + len(data)
        buffer += WHOOSH3_HEADER_MAGIC
        buffer += pack_int(-size)
        buffer += info
        buffer += data
        end = self._offset + len(buffer)
        if len(buffer) >= _FLUSH_BYTES:
            self._flush()
        info = _TERM_INFO.pack(False, total, 1, low, low, blockweight, docnum, docnum)
        return info + pack_long(start) + pack_int(end - start)

    def _compress(self, databytes: bytes) -> bytes:
        if not self._compression:
            return databytes
        if len(databytes) > _COMPRESSED_BYTES:  # big blocks hardly repeat: do not keep them
            return zlib.compress(databytes, self._compression)
        compressed = self._compressed.get(databytes)
        if compressed is None:
            if len(self._compressed) >= _COMPRESSED_LIMIT:
                self._compressed.clear()
            compressed = zlib.compress(databytes, self._compression)
            self._compressed[databytes] = compressed
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


def group_occurrences(terms: np.ndarray, docs: np.ndarray, positions: np.ndarray | None,
                      names: list[bytes]) -> GroupedPostings:  # fmt: skip
    """A field's postings from its occurrences, given in document order (and position order
    within a document): each one's term number (``names[number]`` is the term), document
    and (or None) position. Only terms that occur are in the result."""
    count = len(terms)
    if not count:
        return GroupedPostings({}, [0], array("i"), array("i"), None, None)
    order = np.argsort(terms, kind="stable")  # keeps documents and positions in order
    sorted_terms = terms[order]
    del terms
    docs = docs[order]
    # A posting starts where the term or the document changes.
    changes = sorted_terms[1:] != sorted_terms[:-1]
    changes |= docs[1:] != docs[:-1]
    starts = np.flatnonzero(np.concatenate(([True], changes)))
    del changes
    ends = np.append(starts[1:], count)
    posting_terms = sorted_terms[starts]
    del sorted_terms
    bounds = np.searchsorted(posting_terms, np.arange(len(names) + 1))
    occurring = posting_terms[np.flatnonzero(np.r_[True, posting_terms[1:] != posting_terms[:-1]])]
    del posting_terms
    docnums = array("i", docs[starts].astype(np.intc).tobytes())
    del docs
    frequencies = array("i", (ends - starts).astype(np.intc).tobytes())
    found = position_bounds = None
    if positions is not None:
        found = array("i", positions[order].astype(np.intc).tobytes())
        position_bounds = np.append(starts, count)[bounds].tolist()
    del order
    numbers = occurring.tolist()
    ids = dict(zip(map(names.__getitem__, numbers), numbers, strict=True))
    return GroupedPostings(ids, bounds.tolist(), docnums, frequencies, found,
                           position_bounds)  # fmt: skip


class GroupedPostings(Mapping):
    """``term bytes -> (docnums, frequencies, positions or None)``, sliced on demand.

    The postings of all terms sit in three flat arrays; a term's slices exist only while
    it is written.
    """

    def __init__(self, ids: dict[bytes, int], bounds: list[int], docnums: array,
                 frequencies: array, positions: array | None,
                 position_bounds: list[int] | None) -> None:  # fmt: skip
        self._ids = ids
        self._bounds = bounds
        self._docnums = docnums
        self._frequencies = frequencies
        self._positions = positions
        self._position_bounds = position_bounds

    def __getitem__(self, term: bytes) -> tuple[array, array, array | None]:
        number = self._ids[term]
        low, high = self._bounds[number], self._bounds[number + 1]
        positions = None
        if self._positions is not None:
            bounds = self._position_bounds
            positions = self._positions[bounds[number] : bounds[number + 1]]
        return self._docnums[low:high], self._frequencies[low:high], positions

    def __iter__(self):
        return iter(self._ids)

    def __len__(self) -> int:
        return len(self._ids)


class _TermIds(dict):
    """``term bytes -> number``, numbering a new term on first sight."""

    def __missing__(self, term: bytes) -> int:
        number = self[term] = len(self)
        return number


class _TermIndexWriter(filetables.OrderedHashWriter):
    """Whoosh's ordered hash file, taking a field's sorted keys in one call."""

    def add_sorted(self, keys: list[bytes], values: list[bytes]) -> None:
        """``add(key, value)`` for each pair; ``keys`` must be ascending."""
        if keys[0] <= self.lastkey or any(map(bytes.__ge__, keys, keys[1:])):
            raise ValueError("keys must increase")
        hashfn = _md5_hash if self.hashfn is filetables.md5_hash else self.hashfn
        pack = filetables._lengths.pack
        buckets = self.buckets
        position = self.dbfile.tell()
        chunk = bytearray()
        positions = []
        for key, value in zip(keys, values, strict=True):
            positions.append(position)
            record = pack(len(key), len(value)) + key + value
            chunk += record
            h = hashfn(key)
            buckets[h & 255].append((h, position))
            position += len(record)
        self.dbfile.write(chunk)
        self.index.extend(positions)
        self.lastkey = keys[-1]

    def _write_hashes(self) -> None:
        # HashWriter._write_hashes, writing each table at once instead of slot by slot.
        dbfile = self.dbfile
        null = (0, 0)
        for entries in self.buckets:
            self.directory.append((dbfile.tell(), 2 * len(entries)))
            numslots = 2 * len(entries)
            table = [null] * numslots
            for hashval, position in entries:
                slot = (hashval >> 8) % numslots
                while table[slot] != null:
                    slot = (slot + 1) % numslots
                table[slot] = (hashval, position)
            dbfile.write(b"".join(starmap(filetables._pointer.pack, table)))


def _md5_hash(key: bytes) -> int:
    """``filetables.md5_hash``: the low 32 bits of the key's MD5 digest."""
    return int.from_bytes(md5(key).digest()[12:], "big")


_UINT_PACKERS: dict[int, object] = {}


def _pack_uints(count: int):
    """``pack(*numbers)``: ``count`` big-endian unsigned ints, as ``pack_uint`` each."""
    packer = _UINT_PACKERS.get(count)
    if packer is None:
        packer = _UINT_PACKERS[count] = struct.Struct(f"!{count}I").pack
    return packer


_BARE = list(map(unpositioned_value, range(256)))  # the very objects it returns
_LENGTH_BYTES = {byte_to_length(byte): byte for byte in range(256)}


def _length_byte(length: int | None) -> int:
    """``length_to_byte``, looked up for the lengths a segment holds (already byte-rounded)."""
    byte = _LENGTH_BYTES.get(length)
    return length_to_byte(length) if byte is None else byte


def encode_positions(frequencies, positions: array, start: int = 0, *,
                     bare: bool = False) -> list[bytes]:  # fmt: skip
    """``Positions.encode`` of each posting's positions, read in turn from ``start``
    (``bare``: of no positions, but counting the frequency: :func:`unpositioned_value`).

    Each value is a new bytes object, as in Whoosh: pickle writes an object met twice in
    a block as a back-reference, which would change the block's bytes.
    """
    if bare:
        if max(frequencies) < len(_BARE):  # the shared values, looked up directly
            return list(map(_BARE.__getitem__, frequencies))
        return list(map(unpositioned_value, frequencies))
    if max(frequencies) == 1:  # one position each, the common case: no Python loop
        found = positions[start : start + len(frequencies)]
        if max(found) < len(_ONE_POSITION):
            return list(map(_ONE.__add__, map(_ONE_POSITION.__getitem__, found)))
    encoded = []
    append = encoded.append
    known = len(_ONE_POSITION)
    at = start
    for count in frequencies:
        if count == 1:
            pos = positions[at]
            append(_ONE + (_ONE_POSITION[pos] if pos < known else dumps([pos], 2)))
        else:
            found = positions[at : at + count].tolist()
            deltas = list(map(sub, found, [0, *found[:-1]]))
            append(pack_uint(count) + dumps(deltas, 2))
        at += count
    return encoded


_ONE = pack_uint(1)
_ONE_POSITION = [dumps([pos], 2) for pos in range(4096)]


def _mini_weights(floats: array):
    """Whoosh's block weights: None when all are 1.0, one float when all are equal."""
    low, high = min(floats), max(floats)
    if low == high:
        return None if low == 1.0 else floats[0]
    return tuple(floats)


# Reading: a whole term's postings at once, as numpy arrays.

_BLOCK_LENGTH = struct.Struct("!i")
_EMPTY_INTS = np.zeros(0, dtype=np.int64)
_EMPTY_FLOATS = np.zeros(0, dtype=np.float64)


class UnknownPostingFormat(Exception):
    """Posting blocks this reader does not know (not the W3 codec): let Whoosh read them."""


@dataclass(frozen=True)
class Postings:
    """One term's postings in one segment; ``positions`` flat, ``starts`` per posting."""

    docs: np.ndarray
    weights: np.ndarray
    starts: np.ndarray | None = None  # where each posting's positions begin (len docs + 1)
    positions: np.ndarray | None = None

    @property
    def nbytes(self) -> int:
        arrays = (self.docs, self.weights, self.starts, self.positions)
        return sum(a.nbytes for a in arrays if a is not None) + 200


NO_POSTINGS = Postings(_EMPTY_INTS, _EMPTY_FLOATS, np.zeros(1, dtype=np.int64), _EMPTY_INTS)


def joined(parts: list[Postings], offsets: list[int]) -> Postings:
    """Several segments' postings of one term as one list over reader-wide document
    numbers (``offsets``: each segment's first), positions kept where every part has
    them."""
    parts = [(found, offset) for found, offset in zip(parts, offsets, strict=True)
             if len(found.docs)]  # fmt: skip
    if not parts:
        return NO_POSTINGS
    docs = np.concatenate([found.docs + offset for found, offset in parts])
    weights = np.concatenate([found.weights for found, _ in parts])
    if any(found.positions is None for found, _ in parts):
        return Postings(docs, weights)
    before = np.cumsum([0] + [len(found.positions) for found, _ in parts])
    starts = np.concatenate([found.starts[:-1] + base for (found, _), base
                             in zip(parts, before.tolist(), strict=False)]
                            + [before[-1:]])  # fmt: skip
    return Postings(docs, weights, starts, np.concatenate([found.positions for found, _ in parts]))


def read_postings(leaf_reader, field, fieldname: str, btext: bytes, *,
                  positions: bool) -> Postings:  # fmt: skip
    """Every posting of one term in one segment (with positions: for phrases).

    Raises :class:`UnknownPostingFormat` for posting lists another codec wrote.
    """
    terms = getattr(leaf_reader, "_terms", None)
    if terms is None:  # an empty segment reader
        return NO_POSTINGS
    try:
        info = terms.term_info(fieldname, btext)
    except TermNotFound:
        return NO_POSTINGS
    if info.is_inlined():
        ids, weights, values = info.inlined_postings()
        docs = np.asarray(ids, dtype=np.int64)
        weights = np.asarray(weights, dtype=np.float64)
    else:
        offset, length = info.extent()
        if isinstance(length, tuple):  # Whoosh 2.7 reads the stored length as a 1-tuple
            (length,) = length
        raw = terms._postfile.get(offset, length)
        docs, weights, values = _decode_blocks(raw, field.format, positions)
    if not positions:
        return Postings(docs, weights)
    counts, flat = _positions(values)
    starts = np.zeros(len(counts) + 1, dtype=np.int64)
    np.cumsum(counts, out=starts[1:])
    return Postings(docs, weights, starts, flat)


def _decode_blocks(raw: bytes, field_format, want_values: bool):
    """Every posting of one term from its W3 blocks (as :class:`BulkFieldWriter` writes them)."""
    if raw[:4] != WHOOSH3_HEADER_MAGIC:
        raise UnknownPostingFormat
    stream = io.BytesIO(raw)
    position = 4
    id_parts, weight_parts, values = [], [], []
    fixed_size = field_format.fixed_value_size()
    while position < len(raw):
        (length,) = _BLOCK_LENGTH.unpack_from(raw, position)
        end = position + 4 + abs(length)
        stream.seek(position + 4)
        count, _, _, compression, _, _ = pickle.load(stream)
        data = raw[stream.tell() : end]
        if compression:
            data = zlib.decompress(data)
        quick = None if want_values else _quick_block(data, count)
        if quick is None:
            ids, weights, vals = pickle.loads(data)
            quick = np.asarray(ids, dtype=np.int64), _weights(weights, count)
            if want_values:
                values.extend(_block_values(vals, fixed_size, count))
        id_parts.append(quick[0])
        weight_parts.append(quick[1])
        position = end
        if length < 0:
            break
    # Each block stores its ids as deltas from the previous id, the first from zero.
    docs = np.concatenate([np.cumsum(ids) for ids in id_parts])
    return docs, np.concatenate(weight_parts), values if want_values else None


def _weights(weights, count: int) -> np.ndarray:
    if weights is None:
        return np.ones(count)
    if isinstance(weights, float):
        return np.full(count, weights)
    return np.asarray(weights, dtype=np.float64)


_SMALL_INT, _MEDIUM_INT, _INT = 0x4B, 0x4D, 0x4A  # pickle opcodes K, M, J
_FLOAT_ITEM = np.dtype([("opcode", "u1"), ("value", ">f8")])


def _quick_block(data: bytes, count: int):
    """The ids and weights of a block's pickle read with numpy, or None if it is unusual.

    ``pickle.loads`` spends most of its time rebuilding the block's value strings (byte
    strings pickled with protocol 2, as Whoosh writes them, become ``_codecs.encode``
    calls), which ranking does not need. The ids and weights come first in the pickle, the
    same in protocol 2 and in protocol 3 (:mod:`index.store.postings`): ``PROTO, MARK, ids as K
    (one byte) items after a first K/M/J item, TUPLE, BINPUT 0``, then ``NONE`` (all
    weights 1), ``BINFLOAT`` (one weight) or ``MARK, BINFLOAT..., TUPLE``. Anything else
    (short tuples, wide deltas) returns None and is unpickled whole.
    """
    if count < 4 or data[:3] not in (b"\x80\x02(", b"\x80\x03("):
        return None
    opcode = data[3]
    if opcode == _SMALL_INT:
        first, at = data[4], 5
    elif opcode == _MEDIUM_INT:
        first, at = int.from_bytes(data[4:6], "little"), 6
    elif opcode == _INT:
        first, at = int.from_bytes(data[4:8], "little", signed=True), 8
    else:
        return None
    rest = at + 2 * (count - 1)
    if data[rest : rest + 3] != b"tq\x00":
        return None
    pairs = np.frombuffer(data, dtype=np.uint8, count=2 * (count - 1), offset=at)
    if (pairs[0::2] != _SMALL_INT).any():
        return None
    ids = np.empty(count, dtype=np.int64)
    ids[0] = first
    ids[1:] = pairs[1::2]
    at = rest + 3
    marker = data[at]
    if marker == 0x4E:  # NONE
        return ids, np.ones(count)
    if marker == 0x47:  # BINFLOAT
        (weight,) = np.frombuffer(data, dtype=">f8", count=1, offset=at + 1)
        return ids, np.full(count, float(weight))
    if marker != 0x28:  # MARK
        return None
    items = np.frombuffer(data, dtype=_FLOAT_ITEM, count=count, offset=at + 1)
    if (items["opcode"] != 0x47).any() or data[at + 1 + 9 * count] != 0x74:  # TUPLE
        return None
    return ids, items["value"].astype(np.float64)


def _positions(values: list) -> tuple[np.ndarray, np.ndarray]:
    """``(counts, positions)`` of Whoosh ``Positions`` values (a count, then pickled deltas).

    A posting may hold no positions (an exact form, :class:`index.schema.StemPositions`).
    """
    deltas = [pickle.loads(value[4:]) for value in values]
    counts = np.fromiter(map(len, deltas), dtype=np.int64, count=len(deltas))
    flat = np.fromiter((d for group in deltas for d in group), dtype=np.int64,
                       count=int(counts.sum()))  # fmt: skip
    if not len(flat):
        return counts, flat
    running = np.cumsum(flat)
    # Where each posting's positions start; one without any repeats nothing below.
    starts = np.minimum(np.cumsum(counts) - counts, len(flat) - 1)
    return counts, running - np.repeat(running[starts] - flat[starts], counts)


def _block_values(vals, fixed_size, count: int) -> list:
    if fixed_size is None or fixed_size < 0:
        return list(vals)
    if fixed_size == 0:
        return [None] * count
    return [vals[i : i + fixed_size] for i in range(0, len(vals), fixed_size)]
