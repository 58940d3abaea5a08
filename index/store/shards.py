"""A sharded index: N ordinary indexes in one folder, and the view that reads them as one.

Layout::

    INDEX_DIR/shards.json      the manifest: format, number of shards, routing rule
    INDEX_DIR/shard-000/ ...   one complete index each (segments, meta, caches)

An article lives in shard ``blake2b-64(id) mod N`` (:func:`shard_of`), fixed when the index
is created, so an update or deletion of an article always finds its shard. Each shard is an
index like any other: its own write lock, its own commits; a build that stops half-way
leaves every shard at its last commit, and the next run completes it.

:class:`ShardedIndex` opens the shards' current segments as one Whoosh reader (a
``MultiReader`` over every segment of every shard): it answers like one index of the same
articles, because ranking counts live articles only and orders ties by reading order
(:mod:`search.statistics`, :data:`index.schema.ORDER_FIELD`), never by segment layout.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from pathlib import Path

from index.errors import IndexCorruptError, IndexNotFoundError, QueryError
from index.store.storage import open_index, open_index_and_reader

MANIFEST = "shards.json"
FORMAT = "nieuwszoeker-shards"
ROUTING = "blake2b-64 of the UTF-8 id, big-endian, modulo the number of shards"
MAX_SHARDS = 1024


def shard_of(article_id: str, shards: int) -> int:
    """The shard an article id belongs to (stable across runs, machines and versions)."""
    digest = hashlib.blake2b(article_id.encode("utf-8"), digest_size=8).digest()
    return int.from_bytes(digest, "big") % shards


@dataclass(frozen=True)
class ShardLayout:
    """What the manifest records: where the shards are and how articles are routed."""

    index_dir: Path
    shards: int
    plain: bool = False  # an index without shards, as the one shard of itself

    @property
    def shard_dirs(self) -> list[Path]:
        if self.plain:
            return [self.index_dir]
        return [self.index_dir / f"shard-{number:03d}" for number in range(self.shards)]

    def shard_of(self, article_id: str) -> int:
        return shard_of(article_id, self.shards)


def is_sharded(index_dir: Path) -> bool:
    """True if ``index_dir`` holds a sharded index (a manifest)."""
    return (Path(index_dir) / MANIFEST).is_file()


def read_layout(index_dir: Path) -> ShardLayout:
    """The layout the manifest of ``index_dir`` records."""
    path = Path(index_dir) / MANIFEST
    try:
        manifest = json.loads(path.read_text(encoding="utf-8"))
        if manifest.get("format") != FORMAT:
            raise ValueError(f"format {manifest.get('format')!r}")
        shards = int(manifest["shards"])
        if not 1 <= shards <= MAX_SHARDS:
            raise ValueError(f"{shards} shards")
    except FileNotFoundError:
        raise IndexNotFoundError(f"no sharded index at {index_dir}", remedy="build") from None
    except (OSError, ValueError, KeyError, TypeError) as error:
        raise IndexCorruptError(f"the shard manifest {path} is damaged ({error})") from None
    return ShardLayout(Path(index_dir), shards)


def create_layout(index_dir: Path, shards: int) -> ShardLayout:
    """Write the manifest of a new sharded index (or return the existing layout when it has
    the same number of shards; another number is a usage error: it is fixed at creation)."""
    if not 1 <= shards <= MAX_SHARDS:
        raise QueryError(
            f"shards must be between 1 and {MAX_SHARDS}, not {shards}", parameter="shards"
        )
    index_dir = Path(index_dir)
    if is_sharded(index_dir):
        layout = read_layout(index_dir)
        if layout.shards != shards:
            raise QueryError(f"{index_dir} has {layout.shards} shards; the number is fixed when "
                             "the index is created (rebuild to change it)",
                             parameter="shards")  # fmt: skip
        return layout
    index_dir.mkdir(parents=True, exist_ok=True)
    if any(index_dir.glob("_MAIN_*.toc")):
        raise QueryError(
            f"shards: {index_dir} holds an index without shards; rebuild it to shard it",
            parameter="shards",
        )
    manifest = {"format": FORMAT, "version": 1, "shards": shards, "routing": ROUTING}
    temporary = index_dir / f"{MANIFEST}.tmp"
    temporary.write_text(json.dumps(manifest, indent=2) + "\n", encoding="utf-8")
    temporary.replace(index_dir / MANIFEST)
    return ShardLayout(index_dir, shards)


class ShardedIndex:
    """The shards of a sharded index as one Whoosh index, for searching (not writing).

    Has what a Whoosh searcher asks of the index it came from: the schema, a reader of the
    latest generation (every shard's latest commit) and that generation's identity.
    """

    def __init__(self, layout: ShardLayout, indexes: list) -> None:
        self.layout = layout
        self.indexes = indexes
        self.schema = indexes[0].schema

    @classmethod
    def open(cls, index_dir: Path, *, expected_extractor: str | None = None):
        """The sharded index and a reader that checked every shard's segments."""
        layout = read_layout(index_dir)
        indexes, readers = [], []
        try:
            for shard_dir in layout.shard_dirs:
                ix, reader = open_index_and_reader(
                    shard_dir, expected_extractor=expected_extractor
                )
                indexes.append(ix)
                readers.append(reader)
        except BaseException:
            for reader in readers:
                reader.close()
            raise
        sharded = cls(layout, indexes)
        return sharded, sharded._combined(readers)

    def latest_generation(self) -> tuple:
        return tuple(ix.latest_generation() for ix in self.indexes)

    def reader(self, **_):
        """A reader of every shard's latest commit (Whoosh's ``reuse`` is not needed: the
        engine keeps its per-segment caches by segment identity)."""
        return self._combined([ix.reader() for ix in self.indexes])

    def searcher(self, **kwargs):
        from whoosh.searching import Searcher

        return Searcher(self.reader(), fromindex=self, **kwargs)

    def shard_offsets(self, reader) -> list[int]:
        """The first reader-wide document number of each shard in ``reader`` (one more
        entry at the end: the reader's size)."""
        return list(reader.shard_offsets)

    def _combined(self, readers: list):
        """One reader over the segments of every shard, in shard order."""
        from whoosh.reading import EmptyReader, MultiReader

        generation = tuple(reader.generation() for reader in readers)
        leaves, offsets, size = [], [], 0
        for reader in readers:
            offsets.append(size)
            for leaf, _ in reader.leaf_readers():
                if leaf.doc_count_all() or leaf.has_deletions():
                    leaves.append(leaf)
                    size += leaf.doc_count_all()
        offsets.append(size)
        combined = (
            MultiReader(leaves, generation=generation) if leaves else EmptyReader(self.schema)
        )
        combined.shard_offsets = tuple(offsets)
        return combined


def open_shard(shard_dir: Path, *, expected_extractor: str | None = None):
    """One shard as a Whoosh index (for a worker that searches it)."""
    return open_index(shard_dir, expected_extractor=expected_extractor)
