"""Per-segment facet ordinals: each document's month and facet keys as small integer arrays.

Counting facets over 100,000 matched articles is then a few numpy operations instead of
decoding every article's facet column. One file per segment, written once when the
segment is written (``<segment>.facets.npz``, plain numpy arrays, no pickles), or when an
index run commits a segment Whoosh's own writer merged; segments of an index written by
plain Whoosh get the same arrays built in memory from the facet column. The file also holds
the segment's vocabulary (:mod:`index.store.vocabulary`).

The facets of names (:data:`index.facets.NAME_FACETS`: entities, the publisher) share one
list of entries, labelled ``facet\x1fkey``: unique per document and ``(facet, key)``, in
the order of the facet column, each with the first display name that had that key. A facet
added later is more labels in the same arrays: the format does not change with it.

A reader merges its segments' vocabularies into reader-wide ordinals
(:func:`merge_segment_facets`), a Python dictionary lookup per label and segment. What
the search layer derives from that can be kept next to the index, one file per set of
segments (:func:`read_reader_cache`, :func:`write_reader_cache`): named like a segment
file (``<index>_<digest>.facetcache``), it is deleted with the obsolete segments when a
writer commits. It is a cache only: written atomically, checked against the segments it
was made from, and skipped when stale, unreadable or in a read-only folder.
"""

from __future__ import annotations

import contextlib
import hashlib
import io
import itertools
import json
import os
import stat
from collections.abc import Iterable
from dataclasses import dataclass

import numpy as np
from whoosh.filedb.filestore import OverlayStorage

from index.facets import NAME_FACETS
from index.schema import decode_facets
from index.store.generations import leaf_segment, segment_id
from index.store.vocabulary import stored_vocabulary

FORMAT_VERSION = 1
_SEP = "\x1f"


class FacetFileWriter:
    """Collects one segment's facet ordinals, document by document (docnums ascending)."""

    def __init__(self) -> None:
        self._months: list[int] = []
        self._month_ids: dict[str, int] = {}
        self._keys: dict[str, int] = {}
        self._names: dict[str, int] = {}
        self._docs: list[int] = []
        self._key_ords: list[int] = []
        self._name_ords: list[int] = []
        self._words: dict[str, np.ndarray] = {}

    def set_words(self, words: list[str], documents: list[int]) -> None:
        """Record the segment's vocabulary (:mod:`index.store.vocabulary`) and each word's
        document count."""
        self._words = {
            "words": pack_strings(words),
            "word_documents": np.array(documents, dtype=np.int64),
        }

    def add(self, docnum: int, month: str | None, values: dict[str, list[str]]) -> None:
        """Record one document's month (or None) and facet display values (``{"person":
        [names], "publisher": [name], ...}``)."""
        self._months.extend([-1] * (docnum - len(self._months)))
        ordinal = self._month_ids.setdefault(month, len(self._month_ids)) if month else -1
        self._months.append(ordinal)
        seen: set[str] = set()
        for facet in NAME_FACETS:
            kind = facet.name
            for name in values.get(kind, ()):
                key = f"{kind}{_SEP}{facet.key(name)}"
                if key in seen:
                    continue
                seen.add(key)
                self._docs.append(docnum)
                self._key_ords.append(self._keys.setdefault(key, len(self._keys)))
                label = f"{kind}{_SEP}{name}"
                self._name_ords.append(self._names.setdefault(label, len(self._names)))

    def arrays(self) -> dict[str, np.ndarray]:
        """The arrays as they are stored."""
        return {
            "version": np.array([FORMAT_VERSION], dtype=np.int32),
            "month": np.array(self._months, dtype=np.int16),
            "months": pack_strings(self._month_ids),
            "doc": np.array(self._docs, dtype=np.int32),
            "key": np.array(self._key_ords, dtype=np.int32),
            "name": np.array(self._name_ords, dtype=np.int32),
            "keys": pack_strings(self._keys),
            "names": pack_strings(self._names),
            **self._words,
        }

    def write(self, storage, filename: str) -> None:
        """Write the arrays as ``filename`` in a Whoosh storage."""
        buffer = io.BytesIO()
        np.savez(buffer, **self.arrays())
        with storage.create_file(filename) as out:
            out.write(buffer.getvalue())


def pack_strings(labels: Iterable[str]) -> np.ndarray:
    """Labels in ordinal order (a vocabulary's insertion order), as one UTF-8 blob."""
    return np.frombuffer("\n".join(labels).encode("utf-8"), dtype=np.uint8)


def unpack_strings(blob: np.ndarray) -> list[str]:
    """The labels :func:`pack_strings` packed."""
    text = blob.tobytes().decode("utf-8")
    return text.split("\n") if text else []


@dataclass
class SegmentFacets:
    """One segment's facet ordinals (see the module docstring)."""

    month: np.ndarray
    months: list[str]
    doc: np.ndarray
    key: np.ndarray
    name: np.ndarray
    keys: list[str]
    names: list[str]

    @classmethod
    def from_arrays(cls, arrays) -> SegmentFacets:
        return cls(
            month=arrays["month"], months=unpack_strings(arrays["months"]), doc=arrays["doc"],
            key=arrays["key"], name=arrays["name"], keys=unpack_strings(arrays["keys"]),
            names=unpack_strings(arrays["names"]),
        )  # fmt: skip


@contextlib.contextmanager
def _facet_file(storage, segment):
    """The segment's facet file as numpy arrays, or None when it has none of this format.

    Raises ``OSError``, ``ValueError`` or ``KeyError`` for a damaged file.
    """
    filename = segment.make_filename(".facets.npz")
    if not storage.file_exists(filename):
        yield None
        return
    with storage.open_file(filename) as handle:
        data = handle.read()
    with np.load(io.BytesIO(data), allow_pickle=False) as arrays:
        yield arrays if int(arrays["version"][0]) == FORMAT_VERSION else None


def load_segment_facets(storage, segment, segment_reader) -> SegmentFacets:
    """The facet ordinals of one segment: its facet file, else built from its columns."""
    try:
        with _facet_file(storage, segment) as arrays:
            if arrays is not None:
                return SegmentFacets.from_arrays(arrays)
    except (OSError, ValueError, KeyError):
        pass  # unreadable: rebuild from the columns below
    return SegmentFacets.from_arrays(_from_columns(segment_reader).arrays())


def segment_words(leaf_reader) -> dict[str, int]:
    """``word -> documents`` of one segment: from its facet file, else from its stored text
    (:func:`index.store.vocabulary.stored_vocabulary`)."""
    found = load_segment_words(leaf_reader)
    return stored_vocabulary(leaf_reader) if found is None else found


def load_segment_words(leaf_reader) -> dict[str, int] | None:
    """The vocabulary with document counts that a segment's facet file holds, else None.

    Counts include deleted documents, as Whoosh's document frequencies do. Segments
    written by Whoosh itself give None, as does an empty index's reader.
    """
    segment = leaf_segment(leaf_reader)
    if segment is None:
        return None
    try:
        with _facet_file(leaf_reader._storage, segment) as arrays:
            if arrays is None or "words" not in arrays.files:
                return None
            words = unpack_strings(arrays["words"])
            return dict(zip(words, arrays["word_documents"].tolist(), strict=True))
    except (OSError, ValueError, KeyError):
        return None


def write_merged_segment_file(storage, schema, segment) -> None:
    """Write the facet file of a segment Whoosh's own writer made (a merge): facets from
    its columns, the vocabulary from its stored text."""
    from whoosh.reading import SegmentReader

    reader = SegmentReader(storage, schema, segment)
    try:
        writer = _from_columns(reader)
        vocabulary = stored_vocabulary(reader)
    finally:
        reader.close()
    writer.set_words(list(vocabulary), list(vocabulary.values()))
    writer.write(storage, segment.make_filename(".facets.npz"))


def _from_columns(reader) -> FacetFileWriter:
    writer = FacetFileWriter()
    months = reader.column_reader("month")
    facets = reader.column_reader("facets")
    for docnum in range(reader.doc_count_all()):
        values: dict[str, list[str]] = {}
        for kind, name in decode_facets(facets[docnum]):
            values.setdefault(kind, []).append(name)
        writer.add(docnum, months[docnum] or None, values)
    return writer


@dataclass
class ReaderFacets:
    """Every segment's facet ordinals in reader-wide ordinals, segment by segment.

    ``month[i]`` holds segment ``i``'s documents' month ordinals plus one (0: no month);
    ``doc[i]``, ``key[i]`` and ``name[i]`` its entries; ``key_totals`` the entries per key.
    """

    months: list[str]
    keys: list[str]
    names: list[str]
    sizes: list[int]
    month: list[np.ndarray]
    doc: list[np.ndarray]
    key: list[np.ndarray]
    name: list[np.ndarray]
    key_totals: np.ndarray


def merge_segment_facets(reader) -> ReaderFacets:
    """The facet ordinals of every segment of ``reader``, in reader-wide vocabularies."""
    months: dict[str, int] = {}
    keys: dict[str, int] = {}
    names: dict[str, int] = {}
    merged = ReaderFacets([], [], [], [], [], [], [], [], np.zeros(0, dtype=np.int64))
    for leaf, _ in reader.leaf_readers():
        segment = leaf_segment(leaf)  # None: an empty index's reader
        facets = _EMPTY if segment is None else load_segment_facets(leaf._storage, segment, leaf)
        size = leaf.doc_count_all()
        month_map = np.append(_global(facets.months, months) + 1, 0).astype(np.int16)
        month = np.zeros(size, dtype=np.int16)
        month[: len(facets.month)] = month_map[facets.month]  # -1 (no month) -> 0
        merged.sizes.append(size)
        merged.month.append(month)
        merged.doc.append(facets.doc.astype(np.int32))
        merged.key.append(_global(facets.keys, keys)[facets.key])
        merged.name.append(_global(facets.names, names)[facets.name])
    merged.months, merged.keys, merged.names = list(months), list(keys), list(names)
    merged.key_totals = np.zeros(len(keys), dtype=np.int64)
    for key in merged.key:
        merged.key_totals += np.bincount(key, minlength=len(keys))
    return merged


def _global(local_labels: list[str], vocabulary: dict[str, int]) -> np.ndarray:
    """Local ordinal -> reader-wide ordinal, adding new labels to ``vocabulary``."""
    if not vocabulary:
        vocabulary.update(zip(local_labels, itertools.count()))
        if len(vocabulary) == len(local_labels):  # (a segment's labels are unique)
            return np.arange(len(local_labels), dtype=np.int32)
        vocabulary.clear()
    # Most labels are known from earlier segments: look them all up at once, then add
    # the few new ones one by one.
    found = list(map(vocabulary.get, local_labels))
    if None in found:
        for position, ordinal in enumerate(found):
            if ordinal is None:
                found[position] = vocabulary.setdefault(local_labels[position], len(vocabulary))
    return np.array(found, dtype=np.int32)


_EMPTY = SegmentFacets(np.zeros(0, dtype=np.int16), [], *[np.zeros(0, dtype=np.int32)] * 3,
                       [], [])  # fmt: skip
_MAGIC = b"NZFACETS"


def read_reader_cache(reader, version: int) -> dict[str, np.ndarray] | None:
    """The arrays cached for exactly this reader's segments by ``version``, else None.

    The arrays are read-only views of the file's bytes.
    """
    place = _cache_place(reader, version)
    if place is None:
        return None
    path, segments = place
    try:
        with open(path, "rb") as handle:
            data = handle.read()
        if not data.startswith(_MAGIC):
            return None
        start = len(_MAGIC) + 8
        length = int.from_bytes(data[len(_MAGIC) : start], "little")
        header = json.loads(data[start : start + length])
        if header["segments"] != segments:
            return None
        base = _aligned(start + length)
        return {name: np.frombuffer(data, dtype=dtype, count=count, offset=base + offset)
                for name, (dtype, count, offset) in header["arrays"].items()}  # fmt: skip
    except (OSError, ValueError, KeyError, TypeError):
        return None  # missing, stale or damaged: the caller computes the arrays


def write_reader_cache(reader, version: int, arrays: dict[str, np.ndarray]) -> None:
    """Keep one-dimensional ``arrays`` for this reader's segments (:func:`read_reader_cache`).

    Quietly does nothing where the index folder is read-only or cannot be written.
    """
    place = _cache_place(reader, version)
    if place is None or not _writable(os.path.dirname(place[0])):
        return
    path, segments = place
    layout, end = {}, 0
    for name, array in arrays.items():
        layout[name] = (array.dtype.str, len(array), _aligned(end))
        end = _aligned(end) + array.nbytes
    header = json.dumps({"segments": segments, "arrays": layout}).encode("utf-8")
    base = _aligned(len(_MAGIC) + 8 + len(header))
    data = bytearray(base + end)
    data[: len(_MAGIC) + 8 + len(header)] = _MAGIC + len(header).to_bytes(8, "little") + header
    for name, array in arrays.items():
        offset = base + layout[name][2]
        data[offset : offset + array.nbytes] = np.ascontiguousarray(array).tobytes()
    # Named like a segment file too: a commit deletes what a crash left behind (or one
    # being written, which then fails to move and is simply not cached this time).
    temporary = f"{path}.{os.getpid()}.tmp"
    try:
        with open(temporary, "wb") as out:
            out.write(data)
        os.replace(temporary, path)
    except OSError:
        with contextlib.suppress(OSError):
            os.remove(temporary)


def _writable(folder: str) -> bool:
    """Whether to write into ``folder``: not where its owner made it read-only (even for root)."""
    try:
        return os.access(folder, os.W_OK) and bool(os.stat(folder).st_mode & stat.S_IWUSR)
    except OSError:
        return False


def _aligned(offset: int) -> int:
    return offset + -offset % 8


def _cache_place(reader, version: int) -> tuple[str, list] | None:
    """The cache file's path and what it must record, or None where there is no folder."""
    leaves = [leaf for leaf, _ in reader.leaf_readers()]
    segments = [leaf_segment(leaf) for leaf in leaves]
    if not leaves or None in segments:  # an empty index's reader
        return None
    storage = leaves[0]._storage
    while isinstance(storage, OverlayStorage):  # a compound segment's files over the folder
        storage = storage.b
    folder = getattr(storage, "folder", None)
    if folder is None or getattr(storage, "readonly", False):
        return None
    # Deletions do not change a segment's id, but the cached arrays do not depend on them.
    recorded = [
        version,
        FORMAT_VERSION,
        *[[segment_id(leaf), leaf.doc_count_all()] for leaf in leaves],
    ]
    digest = hashlib.blake2b(json.dumps(recorded).encode("utf-8"), digest_size=10).hexdigest()
    return os.path.join(folder, f"{segments[0].indexname}_{digest}.facetcache"), recorded
