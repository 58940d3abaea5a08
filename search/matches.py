"""A query's matching documents, one sorted array per segment.

The engine needs every matching document (for the total, the facets and date order), not
just the top ten. :mod:`search.ranking` finds them with numpy; :func:`match_documents`
asks Whoosh's matchers, for the queries ranking does not evaluate and for "every article".
"""

from __future__ import annotations

import numpy as np

from index.store.searching import whoosh_matches


class Matches:
    """A query's matching documents: one sorted int array per segment of the reader."""

    def __init__(self, per_leaf: list[np.ndarray], offsets: list[int]) -> None:
        self.per_leaf = per_leaf
        self.offsets = offsets
        self.total = int(sum(len(docs) for docs in per_leaf))

    def __len__(self) -> int:
        return self.total

    def docnums(self) -> np.ndarray:
        """Every matching document number in the whole reader, ascending."""
        if not self.per_leaf:
            return np.zeros(0, dtype=np.int64)
        return np.concatenate([docs + offset for docs, offset in zip(self.per_leaf, self.offsets,
                                                                     strict=True)])  # fmt: skip

    def keeping(self, docnums: np.ndarray) -> Matches:
        """These matches, of which only ``docnums`` (reader-wide, ascending) are kept."""
        cuts = [*np.searchsorted(docnums, self.offsets[1:]).tolist(), len(docnums)]
        starts = [0, *cuts[:-1]]
        bounds = zip(starts, cuts, self.offsets, strict=True)
        per_leaf = [docnums[start:end] - offset for start, end, offset in bounds]
        return Matches(per_leaf, list(self.offsets))

    def one_per_group(self, groups: np.ndarray) -> Matches:
        """These matches with one document (the first) of each near-duplicate group;
        ``groups`` gives each reader-wide document's group."""
        docnums = self.docnums()
        _, first = np.unique(groups[docnums], return_index=True)
        return self.keeping(np.sort(docnums[first]))


def match_documents(searcher, q) -> Matches:
    """Every live document matching the query ``q``, segment by segment, as Whoosh
    matches them."""
    return Matches(*whoosh_matches(searcher, q))
