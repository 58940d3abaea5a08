"""Per-segment near-duplicate sketches (:mod:`index.duplicates`): one ``.sketches.npy``
file beside each segment, and the groups of a whole reader.

The file holds a ``(documents, SKETCH_SIZE)`` uint32 array and is written with the segment
(or, for a segment Whoosh's writer merged, from its stored bodies when the run commits).
Named like the segment's own files, it goes when a merge replaces the segment. Segments
without one (an index built before sketches existed, or by plain Whoosh) get theirs from
their stored bodies when first read.
"""

from __future__ import annotations

import io

import numpy as np

from index.duplicates import SKETCH_SIZE, WordHashes, groups_of, near_duplicate_pairs, sketch
from index.dutch.tokens import TOKEN_PATTERN
from index.schema import searchable_part
from index.store.columns import deleted_documents
from index.store.facetfile import read_reader_cache, write_reader_cache
from index.store.generations import leaf_segment

EXTENSION = ".sketches.npy"
PAIRS_CACHE_VERSION = 301  # the reader cache of near-duplicate pairs (its own file)


def body_sketch(body: str | None, hashes: WordHashes) -> np.ndarray:
    """The sketch of an article's (searchable) body."""
    return sketch(TOKEN_PATTERN.findall(body) if isinstance(body, str) else [], hashes)


def write_sketches(storage, segment, sketches: list[np.ndarray]) -> None:
    """Write a segment's sketches, one row per document."""
    array = np.array(sketches, dtype=np.uint32).reshape(-1, SKETCH_SIZE)
    buffer = io.BytesIO()
    np.save(buffer, array, allow_pickle=False)
    with storage.create_file(segment.make_filename(EXTENSION)) as out:
        out.write(buffer.getvalue())


def write_merged_sketches(storage, schema, segment) -> None:
    """Write the sketches of a segment Whoosh's own writer made (a merge)."""
    from whoosh.reading import SegmentReader

    reader = SegmentReader(storage, schema, segment)
    try:
        write_sketches(storage, segment, _from_stored_bodies(reader))
    finally:
        reader.close()


def segment_sketches(leaf_reader) -> np.ndarray:
    """A segment's sketches: from its file, else from its stored bodies."""
    segment = leaf_segment(leaf_reader)
    if segment is None:  # an empty index's reader
        return np.zeros((0, SKETCH_SIZE), dtype=np.uint32)
    filename = segment.make_filename(EXTENSION)
    storage = leaf_reader._storage
    try:
        if storage.file_exists(filename):
            with storage.open_file(filename) as handle:
                array = np.load(io.BytesIO(handle.read()), allow_pickle=False)
            if array.shape == (leaf_reader.doc_count_all(), SKETCH_SIZE):
                return array
    except (OSError, ValueError):
        pass  # damaged: read the bodies instead
    return np.array(_from_stored_bodies(leaf_reader), dtype=np.uint32).reshape(-1, SKETCH_SIZE)


def reader_groups(reader) -> np.ndarray:
    """Each reader-wide document number's near-duplicate group (the smallest document
    number in it); deleted documents stay alone.

    The near-duplicate pairs of a set of segments are kept beside the index (a reader
    cache: they do not depend on deletions), so the next process only joins them up.
    """
    live = []
    for leaf, _ in reader.leaf_readers():
        alive = np.ones(leaf.doc_count_all(), dtype=bool)
        alive[deleted_documents(leaf)] = False
        live.append(alive)
    if not live:
        return np.zeros(0, dtype=np.int64)
    cached = read_reader_cache(reader, PAIRS_CACHE_VERSION)
    if cached is not None and "pairs" in cached:
        pairs = cached["pairs"].reshape(-1, 2)
    else:
        sketches = np.concatenate([segment_sketches(leaf) for leaf, _ in reader.leaf_readers()])
        pairs = near_duplicate_pairs(sketches)
        write_reader_cache(reader, PAIRS_CACHE_VERSION, {"pairs": pairs.reshape(-1)})
    return groups_of(sum(map(len, live)), pairs, np.concatenate(live))


def _from_stored_bodies(reader) -> list[np.ndarray]:
    hashes = WordHashes()
    return [body_sketch(searchable_part(reader.stored_fields(docnum).get("body") or ""), hashes)
            for docnum in range(reader.doc_count_all())]  # fmt: skip
