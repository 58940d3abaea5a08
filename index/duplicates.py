"""Near-duplicate texts: a small sketch per article, and groups of nearly equal articles.

Regional papers print the same wire copy, and one article is often published under two
URLs. Each article's body gets a *bottom-k MinHash sketch* (Broder 1997; the same estimate
of Jaccard similarity as k-permutation MinHash, from one hash function): the ``SKETCH_SIZE``
smallest hashes of its word 4-grams ("shingles", lowercase). Two texts are near-duplicates
when the estimated Jaccard similarity of their shingle sets is at least ``SIMILARITY``.

Sketches are computed when a segment is written (from the tokens the segment builder
already has) and kept per segment (:mod:`index.store.sketches`); groups are found over a
whole index generation at once (:func:`near_duplicate_groups`), so adding, changing or
deleting articles regroups exactly what changed. ``datasketch`` (measured: 1.7 to 2.9 ms an
article with 64 permutations) would have added over half to indexing time; this costs
about 0.1 ms an article.
"""

from __future__ import annotations

import zlib

import numpy as np

SKETCH_SIZE = 32  # hashes kept per article
SHINGLE_WORDS = 4
SIMILARITY = 0.8  # estimated Jaccard similarity of two texts' shingles
MIN_SHINGLES = 12  # shorter texts (a caption, a one-liner) are never grouped
# A hash shared by more articles than this comes from boilerplate (a footer, a standard
# sentence), not from copies of one text: it proposes no pairs.
MAX_SHARING = 200
EMPTY = np.uint32(0xFFFFFFFF)  # pads the sketch of a text with fewer shingles than hashes
_MULTIPLIERS = np.array([0x9E3779B97F4A7C15, 0xC2B2AE3D27D4EB4F, 0x165667B19E3779F9,
                         0xD6E8FEB86659FD93], dtype=np.uint64)  # fmt: skip


class WordHashes(dict):
    """``word -> its hash`` (CRC-32 of the lowercase word), remembered: a builder keeps one
    while it writes a segment, so each distinct word is hashed once."""

    LIMIT = 200_000

    def __missing__(self, word: str) -> int:
        if len(self) >= self.LIMIT:
            self.clear()
        found = self[word] = zlib.crc32(word.lower().encode("utf-8"))
        return found


def sketch(words: list[str], hashes: WordHashes | None = None) -> np.ndarray:
    """The bottom-k sketch (``SKETCH_SIZE`` uint32, ascending, padded with ``EMPTY``) of a
    text's words; all ``EMPTY`` for a text of fewer than ``MIN_SHINGLES`` shingles."""
    lookup = (hashes if hashes is not None else WordHashes()).__getitem__
    hashes = np.fromiter(map(lookup, words), dtype=np.uint64, count=len(words))
    found = np.full(SKETCH_SIZE, EMPTY, dtype=np.uint32)
    count = len(hashes) - SHINGLE_WORDS + 1
    if count < MIN_SHINGLES:
        return found
    with np.errstate(over="ignore"):  # multiplication modulo 2**64, on purpose
        mixed = hashes[:count] * _MULTIPLIERS[0]
        for offset in range(1, SHINGLE_WORDS):
            mixed ^= hashes[offset : offset + count] * _MULTIPLIERS[offset]
        mixed ^= mixed >> np.uint64(31)  # splitmix64's finaliser spreads the bits
        mixed *= np.uint64(0xBF58476D1CE4E5B9)
        mixed ^= mixed >> np.uint64(29)
    shingles = (mixed >> np.uint64(32)).astype(np.uint32)
    if len(shingles) > 2 * SKETCH_SIZE:  # the smallest few, then their distinct values
        candidates = np.partition(shingles, 2 * SKETCH_SIZE)[: 2 * SKETCH_SIZE + 1]
        smallest = np.unique(candidates)
        if len(smallest) < SKETCH_SIZE:  # a text that repeats itself: look at every shingle
            smallest = np.unique(shingles)
    else:
        smallest = np.unique(shingles)
    smallest = smallest[:SKETCH_SIZE]
    found[: len(smallest)] = np.minimum(smallest, EMPTY - 1)
    return found


def similarity(first: np.ndarray, second: np.ndarray) -> float:
    """The Jaccard similarity of two texts' shingles, estimated from their sketches."""
    first, second = first[first != EMPTY], second[second != EMPTY]
    if not len(first) or not len(second):
        return 0.0
    union = np.union1d(first, second)[:SKETCH_SIZE]
    both = np.intersect1d(first, second)
    return float(np.isin(union, both).sum()) / len(union)


def near_duplicate_groups(sketches: np.ndarray, live: np.ndarray | None = None) -> np.ndarray:
    """Each document's group: the smallest document number of its near-duplicates, its own
    number where it has none.

    ``sketches`` is ``(documents, SKETCH_SIZE)``; ``live`` marks the documents to group
    (deleted ones stay alone). Candidate pairs share a hash (one shared by more than
    ``MAX_SHARING`` documents proposes none); each is checked with :func:`similarity`;
    groups are the connected components of the pairs that pass.
    """
    count = len(sketches)
    groups = np.arange(count, dtype=np.int64)
    if count < 2:
        return groups
    documents = np.repeat(np.arange(count, dtype=np.int64), SKETCH_SIZE)
    values = sketches.reshape(-1)
    keep = values != EMPTY
    if live is not None:
        keep &= np.repeat(live, SKETCH_SIZE)
    documents, values = documents[keep], values[keep]
    order = np.argsort(values, kind="stable")
    documents, values = documents[order], values[order]
    starts = np.flatnonzero(np.r_[True, values[1:] != values[:-1]])
    sizes = np.diff(np.r_[starts, len(values)])
    pairs = set()
    for start, size in zip(starts[sizes > 1].tolist(), sizes[sizes > 1].tolist(), strict=True):
        if size > MAX_SHARING:
            continue
        members = sorted(set(documents[start : start + size].tolist()))
        for index, first in enumerate(members):
            for second in members[index + 1 :]:
                pairs.add((first, second))
    parent = list(range(count))

    def root(node: int) -> int:
        while parent[node] != node:
            parent[node] = parent[parent[node]]
            node = parent[node]
        return node

    for first, second in sorted(pairs):
        if root(first) != root(second) and \
                similarity(sketches[first], sketches[second]) >= SIMILARITY:  # fmt: skip
            low, high = sorted((root(first), root(second)))
            parent[high] = low
    return np.fromiter((root(node) for node in range(count)), dtype=np.int64, count=count)
