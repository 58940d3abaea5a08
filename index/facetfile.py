"""Per-segment facet ordinals: each document's month and entity keys as small integer arrays.

Counting facets over 100,000 matched articles is then a few numpy operations instead of
decoding every article's facet column. One file per segment, written once when the
segment is written (``<segment>.facets.npz``, plain numpy arrays, no pickles); segments
written by Whoosh itself get the same arrays built in memory from the facet column.

Entity entries are unique per document and ``(kind, facet_key(name))``, in the order of
the facet column, each with the first display name that had that key.
"""

from __future__ import annotations

import io
from dataclasses import dataclass

import numpy as np

from index.schema import ENTITY_FIELDS, decode_facets, facet_key

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

    def add(self, docnum: int, month: str | None, entities: dict[str, list[str]]) -> None:
        """Record one document's month (or None) and entity display names."""
        self._months.extend([-1] * (docnum - len(self._months)))
        ordinal = self._month_ids.setdefault(month, len(self._month_ids)) if month else -1
        self._months.append(ordinal)
        seen: set[str] = set()
        for kind in ENTITY_FIELDS:
            for name in entities.get(kind, ()):
                key = f"{kind}{_SEP}{facet_key(name)}"
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
            "months": _strings(self._month_ids),
            "doc": np.array(self._docs, dtype=np.int32),
            "key": np.array(self._key_ords, dtype=np.int32),
            "name": np.array(self._name_ords, dtype=np.int32),
            "keys": _strings(self._keys),
            "names": _strings(self._names),
        }

    def write(self, storage, filename: str) -> None:
        """Write the arrays as ``filename`` in a Whoosh storage."""
        buffer = io.BytesIO()
        np.savez(buffer, **self.arrays())
        with storage.create_file(filename) as out:
            out.write(buffer.getvalue())


def _strings(vocabulary: dict[str, int]) -> np.ndarray:
    """The vocabulary in ordinal order, as one UTF-8 blob of newline-separated strings."""
    ordered = sorted(vocabulary, key=vocabulary.__getitem__)
    return np.frombuffer("\n".join(ordered).encode("utf-8"), dtype=np.uint8)


def _unpack(blob: np.ndarray) -> list[str]:
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
            month=arrays["month"], months=_unpack(arrays["months"]), doc=arrays["doc"],
            key=arrays["key"], name=arrays["name"], keys=_unpack(arrays["keys"]),
            names=_unpack(arrays["names"]),
        )  # fmt: skip


def load_segment_facets(storage, segment, segment_reader) -> SegmentFacets:
    """The facet ordinals of one segment: its facet file, else built from its columns."""
    filename = segment.make_filename(".facets.npz")
    if storage.file_exists(filename):
        try:
            with storage.open_file(filename) as handle:
                data = handle.read()
            with np.load(io.BytesIO(data), allow_pickle=False) as arrays:
                if int(arrays["version"][0]) == FORMAT_VERSION:
                    return SegmentFacets.from_arrays(arrays)
        except (OSError, ValueError, KeyError):
            pass  # unreadable: rebuild from the columns below
    return SegmentFacets.from_arrays(_from_columns(segment_reader).arrays())


def _from_columns(reader) -> FacetFileWriter:
    writer = FacetFileWriter()
    months = reader.column_reader("month")
    facets = reader.column_reader("facets")
    for docnum in range(reader.doc_count_all()):
        entities: dict[str, list[str]] = {}
        for kind, name in decode_facets(facets[docnum]):
            entities.setdefault(kind, []).append(name)
        writer.add(docnum, months[docnum] or None, entities)
    return writer
