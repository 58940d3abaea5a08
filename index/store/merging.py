"""Which existing segments an index run merges: small ones, once enough have piled up.

Whoosh's default policy (``MERGE_SMALL``) sorts the segments by size and merges all of them
below a Fibonacci bound. That suits Whoosh's own writer, which adds one segment per run.
A build here writes many segments of about the same size (some 8,000-10,000 news articles
each), and from about 25 of them (200,000 articles) that bound takes in two
dozen: every later update, even of one article, then rewrote some 200,000 articles through
Whoosh's single-process merge, over ten minutes at 1,000,000 articles.

Here big segments stay as they are, and an update costs what it changes. Small segments
(the one an update of a few articles adds, the last ones of a build) are merged into one
once :data:`SMALL_SEGMENTS_MERGED_AT` of them have piled up, so their number stays bounded,
as in the lowest tier of Lucene's tiered merge policy. A segment whose documents are
mostly deleted (replaced by updates) is merged too, which drops the deleted ones.
"""

from __future__ import annotations

SMALL_SEGMENT_DOCS = 2_000  # fewer documents than this (deleted ones included): small
SMALL_SEGMENTS_MERGED_AT = 8


def segments_to_merge(segments: list) -> list:
    """The segments to merge into the writer's new one (Whoosh ``Segment`` objects)."""
    chosen = [segment for segment in segments if _mostly_deleted(segment)]
    small = [segment for segment in segments if segment.doc_count_all() < SMALL_SEGMENT_DOCS]
    if len(small) >= SMALL_SEGMENTS_MERGED_AT:
        chosen += [segment for segment in small if not _mostly_deleted(segment)]
    return chosen


def merge_policy(writer, segments: list) -> list:
    """A Whoosh merge policy: merge :func:`segments_to_merge`, return the segments kept."""
    from whoosh.reading import SegmentReader

    chosen = segments_to_merge(segments)
    for segment in chosen:
        reader = SegmentReader(writer.storage, writer.schema, segment)
        writer.add_reader(reader)
        reader.close()
    chosen_ids = {id(segment) for segment in chosen}
    return [segment for segment in segments if id(segment) not in chosen_ids]


def _mostly_deleted(segment) -> bool:
    return segment.doc_count() * 2 < segment.doc_count_all()
