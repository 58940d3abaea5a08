"""Which index generation a reader shows: the Whoosh segments under it and their identity.

Every committed set of segments is one *generation* of the index. What the search layer
derives from an index (caches, catalogues, vocabularies, the cache files next to the index)
is valid for exactly the segments it was made from, so it is keyed on their identities,
computed here and nowhere else. A segment's identity does not change when documents in it
are deleted: whatever is keyed on it either does not depend on deletions or checks them
itself.
"""

from __future__ import annotations


def leaf_segment(leaf_reader):
    """The Whoosh segment a leaf reader reads, or None (an empty index's reader)."""
    return getattr(leaf_reader, "_segment", None)


def segment_id(leaf_reader) -> str | None:
    """The identity of the segment a leaf reader reads, or None (an empty index's reader)."""
    segment = leaf_segment(leaf_reader)
    return segment.segment_id() if segment is not None else None


def segment_ids(reader) -> list[str | None]:
    """The identities of the segments of ``reader``, in the order of its leaf readers."""
    return [segment_id(leaf) for leaf, _ in reader.leaf_readers()]
