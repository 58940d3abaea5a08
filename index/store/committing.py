"""Writing to an index: taking the write lock, committing segments, cleaning up.

A build's new segments are written by :class:`index.store.segments.SegmentBuilder` (in
worker processes, see :mod:`index.pipeline.parallel`); deletions go through Whoosh's own
writer. :func:`commit` makes both part of the index in one new table of contents, the way
``SegmentWriter.commit`` does, with :func:`index.store.merging.merge_policy` choosing what
to merge. Until then, readers see the previous generation whole.
"""

from __future__ import annotations

from pathlib import Path

from whoosh.index import TOC, LockError

from index.errors import IndexLockedError
from index.store.merging import merge_policy


def open_writer(ix, index_dir: Path, *, limitmb: int):
    """Whoosh's writer of ``ix`` (holding its write lock), or :class:`IndexLockedError`."""
    try:
        return ix.writer(limitmb=limitmb)
    except LockError:
        message = f"another index run is writing to {index_dir}"
        raise IndexLockedError(message, remedy="wait") from None


def commit(writer, new_segments: list) -> None:
    """Commit the writer's deletions and merges together with segments written elsewhere.

    The same steps as ``SegmentWriter.commit`` (merge policy, then one new table of
    contents), with ``new_segments`` added to the list. A merged segment gets its facet
    and sketch files here, as new segments have theirs.
    """
    # numpy: not for `search query`
    from index.store.facetfile import write_merged_segment_file
    from index.store.sketches import write_merged_sketches

    segments = writer._merge_segments(merge_policy, False, True)
    if writer._added:
        merged = writer._finalize_segment()
        write_merged_segment_file(writer.storage, writer.schema, merged)
        write_merged_sketches(writer.storage, writer.schema, merged)
        segments.append(merged)
    else:
        writer._close_segment()
    writer._commit_toc(segments + list(new_segments))
    writer._finish()


def remove_uncommitted_files(ix) -> None:
    """Delete segment files the committed table of contents does not list.

    Only called by the process holding the write lock, so every such file is a leftover
    of this run (or of an earlier crashed one); readers only open listed segments.
    """
    live = {segment.segment_id() for segment in ix._segments()}
    pattern = TOC._segment_pattern(ix.indexname)
    for name in list(ix.storage.list()):
        match = pattern.match(name)
        if match and match.group(1) not in live:
            try:
                ix.storage.delete_file(name)
            except OSError:
                pass
