"""Near-duplicate texts: a small sketch per article, and groups of nearly equal articles.

Regional papers print the same wire copy, and one article is often published under two
URLs. Each article's body gets a MinHash sketch of its word 4-grams ("shingles",
lowercase) by *one permutation hashing* (Li, Owen and Zhang 2012, with Shrivastava's
densification for empty bins): the shingles' 32-bit hashes fall into ``SKETCH_SIZE`` bins by
their top bits, and each bin keeps its smallest hash. Two sketches agree in a bin with
probability equal to the Jaccard similarity of the two shingle sets, so the share of equal
bins estimates it; texts are near-duplicates when that is at least ``SIMILARITY``.

Sketches are computed when a segment is written (from the tokens the segment builder
already has) and kept per segment (:mod:`index.store.sketches`); groups are found over a
whole index generation at once (:func:`near_duplicate_groups`: locality-sensitive hashing
on bands of bins, then the estimate), so adding, changing or deleting articles regroups
exactly what changed. ``datasketch`` (measured: 1.7 to 2.9 ms an article with 64
permutations) would have added over half to indexing time; this costs about 0.1 ms an
article.
"""

from __future__ import annotations

import zlib

import numpy as np

SKETCH_SIZE = 32  # bins, a power of two
BAND_ROWS = 4  # bins per LSH band: 8 bands of 4 find 98% of pairs at 0.8, 6% at 0.3
SHINGLE_WORDS = 4
SIMILARITY = 0.8  # estimated Jaccard similarity of two texts' shingles
ALL_PAIRS_UP_TO = 16  # documents sharing a band, compared pair by pair
MIN_SHINGLES = 12  # shorter texts (a caption, a one-liner) are never grouped
EMPTY = np.uint32(0xFFFFFFFF)  # the sketch of a text too short to have one
_BIN_SHIFT = np.uint32(32 - SKETCH_SIZE.bit_length() + 1)
_MULTIPLIERS = np.array([0x9E3779B97F4A7C15, 0xC2B2AE3D27D4EB4F, 0x165667B19E3779F9,
                         0xD6E8FEB86659FD93], dtype=np.uint64)  # fmt: skip
_DENSIFY_STEP = np.uint32(0x9E3779B1)  # what an empty bin adds per bin it borrows across


class WordHashes(dict):
    """``word -> its hash`` (CRC-32 of the lowercase word), remembered: a builder keeps one
    while it writes a segment, so each distinct word is hashed once."""

    LIMIT = 200_000

    def __missing__(self, word: str) -> int:
        if len(self) >= self.LIMIT:
            self.clear()
        found = self[word] = word_hash(word)
        return found


def sketch(words: list[str], hashes: WordHashes | None = None) -> np.ndarray:
    """The sketch (``SKETCH_SIZE`` uint32, one per bin) of a text's words; all ``EMPTY`` for
    a text of fewer than ``MIN_SHINGLES`` shingles."""
    lookup = (hashes if hashes is not None else WordHashes()).__getitem__
    values = np.fromiter(map(lookup, words), dtype=np.uint32, count=len(words))
    return sketches(values, [len(words)])[0]


def word_hash(word: str) -> int:
    """The hash :class:`WordHashes` gives ``word``."""
    return zlib.crc32(word.lower().encode("utf-8"))


def sketches(hashes: np.ndarray, counts: np.ndarray) -> np.ndarray:
    """The sketches of many texts at once, one row each (see :func:`sketch`).

    ``hashes``: the texts' word hashes (:func:`word_hash`), one text after another;
    ``counts``: each text's number of words. A few numpy passes over all the texts instead
    of a dozen small ones per text (a segment's sketches cost a tenth of what they did one
    text at a time); texts are taken about ``_SKETCH_CHUNK`` words at a time, so the
    temporary arrays stay small.
    """
    counts = np.asarray(counts, dtype=np.int64)
    found = np.full((len(counts), SKETCH_SIZE), EMPTY, dtype=np.uint32)
    ends = np.cumsum(counts)
    first = 0
    while first < len(counts):
        base = ends[first] - counts[first]
        last = max(int(np.searchsorted(ends, base + _SKETCH_CHUNK, side="right")), first + 1)
        found[first:last] = _sketch_rows(hashes[base : ends[last - 1]], counts[first:last])
        first = last
    return found


_SKETCH_CHUNK = 1 << 20  # words


def _sketch_rows(hashes: np.ndarray, counts: np.ndarray) -> np.ndarray:
    """:func:`sketches` of texts whose words' hashes are all of ``hashes``."""
    found = np.full((len(counts), SKETCH_SIZE), EMPTY, dtype=np.uint32)
    shingle_counts = counts - SHINGLE_WORDS + 1
    rows = np.flatnonzero(shingle_counts >= MIN_SHINGLES)
    if not len(rows):
        return found
    hashes = np.asarray(hashes, dtype=np.uint64)
    total = len(hashes) - SHINGLE_WORDS + 1
    with np.errstate(over="ignore"):  # multiplication modulo 2**64, on purpose
        mixed = hashes[:total] * _MULTIPLIERS[0]
        for offset in range(1, SHINGLE_WORDS):
            mixed ^= hashes[offset : offset + total] * _MULTIPLIERS[offset]
        mixed ^= mixed >> np.uint64(31)  # splitmix64's finaliser spreads the bits
        mixed *= np.uint64(0xBF58476D1CE4E5B9)
        mixed ^= mixed >> np.uint64(29)
    # every shingle of the run of texts was mixed; those within one text count
    per_row = shingle_counts[rows]
    starts = (np.cumsum(counts) - counts)[rows]
    taken = np.repeat(starts - (np.cumsum(per_row) - per_row), per_row)
    taken += np.arange(len(taken))
    shingles = (mixed[taken] >> np.uint64(32)).astype(np.uint32)
    del mixed, taken
    # Each (text, bin) cell keeps its smallest hash: sort by cell, then hash, in one key.
    cells = np.repeat(np.arange(len(rows), dtype=np.uint64) * np.uint64(SKETCH_SIZE), per_row)
    cells += (shingles >> _BIN_SHIFT).astype(np.uint64)
    keys = np.sort((cells << np.uint64(32)) | shingles.astype(np.uint64))
    del cells, shingles
    cells = (keys >> np.uint64(32)).astype(np.int64)
    firsts = np.r_[True, cells[1:] != cells[:-1]]
    table = np.zeros((len(rows), SKETCH_SIZE), dtype=np.uint32)
    filled = np.zeros((len(rows), SKETCH_SIZE), dtype=bool)
    table.reshape(-1)[cells[firsts]] = keys[firsts].astype(np.uint32)  # the low 32 bits
    filled.reshape(-1)[cells[firsts]] = True
    sparse = np.flatnonzero(~filled.all(axis=1))
    if len(sparse):  # densify: an empty bin borrows from the next filled one (circularly)
        bins = np.arange(2 * SKETCH_SIZE)
        doubled = np.where(np.tile(filled[sparse], 2), bins, 2 * SKETCH_SIZE)
        ahead = np.minimum.accumulate(doubled[:, ::-1], axis=1)[:, ::-1][:, :SKETCH_SIZE]
        distance = (ahead - bins[:SKETCH_SIZE]).astype(np.uint32)
        with np.errstate(over="ignore"):
            table[sparse] = (np.take_along_axis(table[sparse], ahead % SKETCH_SIZE, axis=1)
                             + distance * _DENSIFY_STEP)  # fmt: skip
    table[table == EMPTY] = EMPTY - 1
    found[rows] = table
    return found


def similarity(first: np.ndarray, second: np.ndarray) -> float:
    """The Jaccard similarity of two texts' shingles, estimated from their sketches."""
    if first[0] == EMPTY or second[0] == EMPTY:
        return 0.0
    return float((first == second).mean())


def near_duplicate_pairs(sketches: np.ndarray) -> np.ndarray:
    """``(pairs, 2)``: the documents whose sketches say their texts are near-duplicates,
    each pair once, the smaller document number first.

    Documents whose sketches agree on a whole band of ``BAND_ROWS`` bins are candidates:
    every pair of them (in a band shared by more than ``ALL_PAIRS_UP_TO``, each with the
    first and with the next), checked with :func:`similarity`. The pairs do not depend on
    deletions, so they can be kept for a set of segments; because a group's copies are
    paired with each other, deleting one of them leaves the others together.
    """
    members = np.flatnonzero(sketches[:, 0] != EMPTY) if len(sketches) else np.zeros(0, int)
    firsts, seconds = [], []
    for band in range(0, SKETCH_SIZE, BAND_ROWS):
        keys = np.ascontiguousarray(sketches[members, band : band + BAND_ROWS]).view(
            np.dtype((np.void, 4 * BAND_ROWS))).ravel()  # fmt: skip
        _, inverse, sizes = np.unique(keys, return_inverse=True, return_counts=True)
        shared = sizes[inverse.ravel()] > 1
        if not shared.any():
            continue
        docs, which = members[shared], inverse.ravel()[shared]
        order = np.lexsort((docs, which))
        docs, which = docs[order], which[order]
        bounds = np.r_[np.flatnonzero(np.r_[True, which[1:] != which[:-1]]), len(docs)]
        for start, end in zip(bounds[:-1].tolist(), bounds[1:].tolist(), strict=True):
            group = docs[start:end]
            if len(group) <= ALL_PAIRS_UP_TO:  # every pair: any of them may be deleted later
                first, second = np.triu_indices(len(group), 1)
            else:  # a big group: each with the first and with its neighbour
                first = np.r_[np.zeros(len(group) - 1, int), np.arange(len(group) - 2)]
                second = np.r_[np.arange(1, len(group)), np.arange(2, len(group))]
            firsts.append(group[first])
            seconds.append(group[second])
    if not firsts:
        return np.zeros((0, 2), dtype=np.int64)
    pairs = np.unique(np.stack([np.concatenate(firsts), np.concatenate(seconds)], axis=1), axis=0)
    agree = (sketches[pairs[:, 0]] == sketches[pairs[:, 1]]).mean(axis=1) >= SIMILARITY
    return pairs[agree].astype(np.int64)


def groups_of(count: int, pairs: np.ndarray, live: np.ndarray | None = None) -> np.ndarray:
    """Each of ``count`` documents' group: the smallest document number among those that
    ``pairs`` connect (its own where none), over the pairs whose both documents are live."""
    parent = list(range(count))

    def root(node: int) -> int:
        while parent[node] != node:
            parent[node] = parent[parent[node]]
            node = parent[node]
        return node

    if live is not None and len(pairs):
        pairs = pairs[live[pairs[:, 0]] & live[pairs[:, 1]]]
    for one, other in pairs.tolist():
        low, high = sorted((root(one), root(other)))
        parent[high] = low
    return np.fromiter((root(node) for node in range(count)), dtype=np.int64, count=count)


def near_duplicate_groups(sketches: np.ndarray, live: np.ndarray | None = None) -> np.ndarray:
    """Each document's group: the smallest document number of its near-duplicates, its own
    number where it has none (:func:`near_duplicate_pairs`, then :func:`groups_of`);
    ``live`` marks the documents to group (deleted ones stay alone)."""
    return groups_of(len(sketches), near_duplicate_pairs(sketches), live)
