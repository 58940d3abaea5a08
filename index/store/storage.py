"""Where indexes live, and opening them safely.

Opening checks that the folder is an index of ours and that it was built with the
analysis and entity extraction this version uses; anything else is one clear error.
Whoosh unpickles the schema when it opens an index, so only open folders the user named.
"""

from __future__ import annotations

import json
import os
import pickle
import shutil
import struct
import tempfile
import zlib
from contextlib import contextmanager
from pathlib import Path

from whoosh import index as whoosh_index
from whoosh.filedb.filestore import FileStorage

from index.analysis import DutchAnalyzer
from index.errors import (
    IndexCorruptError,
    IndexLockedError,
    IndexNotFoundError,
    IndexVersionError,
    QueryError,
)
from index.schema import SCHEMA_VERSION, build_schema, name_facet_fields, summary_field

APP_NAME = "nieuwszoeker"
INDEX_ENV = "SEARCH_INDEX_DIR"
META_FILE = "nieuwszoeker.json"
WRITE_LOCK = "MAIN_WRITELOCK"  # Whoosh's writer lock; a rebuild holds it in the index folder
SHARD_MANIFEST = "shards.json"  # index.store.shards.MANIFEST (that module imports this one)
DAMAGE_ERRORS = (OSError, EOFError, struct.error, zlib.error, pickle.UnpicklingError, IndexError)


def default_index_dir() -> Path:
    """``$SEARCH_INDEX_DIR``, else the per-user data folder.

    On Linux that is ``~/.local/share/nieuwszoeker/index``.
    """
    configured = os.environ.get(INDEX_ENV)
    if configured:
        return Path(configured).expanduser()
    import platformdirs

    return platformdirs.user_data_path(APP_NAME) / "index"


def index_exists(index_dir: Path) -> bool:
    """True if ``index_dir`` holds a Whoosh index (of any version)."""
    try:
        return index_dir.is_dir() and whoosh_index.exists_in(str(index_dir))
    except Exception:  # a damaged TOC still means "there is something here"
        return any(index_dir.glob("_MAIN_*.toc"))


def _storage(index_dir: Path) -> FileStorage:
    """The index folder as Whoosh storage, reading segment files without memory maps.

    With a memory map Whoosh wraps each file inside a compound segment in a ``BytesIO``,
    which copies it whole (postings, terms, stored fields) every time a reader opens: a
    `search query` on a 10k index copied about 80 MB. Plain file reads copy only
    the blocks a query touches; warm query times are the same.
    """
    storage = FileStorage(str(index_dir))
    storage.supports_mmap = False
    return storage


def open_index(index_dir: Path, *, expected_extractor: str | None = None):
    """Open an existing index, checking its format and analysis settings."""
    ix, reader = open_index_and_reader(index_dir, expected_extractor=expected_extractor)
    reader.close()
    return ix


def open_index_and_reader(index_dir: Path, *, expected_extractor: str | None = None):
    """:func:`open_index`, keeping the reader that checked every segment (for a searcher)."""
    if not index_dir.exists():
        raise IndexNotFoundError(f"no index at {index_dir}", remedy="build")
    if not index_exists(index_dir):
        raise IndexNotFoundError(f"{index_dir} is not an index", remedy="build")
    try:
        ix = _storage(index_dir).open_index()
        schema = ix.schema
    except (pickle.UnpicklingError, AttributeError, ImportError, ModuleNotFoundError) as error:
        raise IndexVersionError(
            f"{index_dir} was built by another version ({type(error).__name__})", remedy="rebuild"
        ) from None
    except Exception as error:
        raise IndexCorruptError(
            f"cannot open the index at {index_dir}: {_describe(error)}"
        ) from None
    check_compatible(index_dir, schema, expected_extractor)
    with damage_guard(index_dir):
        reader = ix.reader()  # opens every segment: missing or cut files show up here
    return ix, reader


@contextmanager
def damage_guard(index_dir: Path):
    """Turn the low-level errors of a damaged index into one IndexCorruptError line."""
    try:
        yield
    except DAMAGE_ERRORS as error:
        raise IndexCorruptError(
            f"the index at {index_dir} is damaged ({_describe(error)}; the corpus files are not"
            " touched)",
            remedy="rebuild",
        ) from None


def check_compatible(index_dir: Path, schema, expected_extractor: str | None) -> None:
    """Raise IndexVersionError unless the index matches this version's analysis."""
    current = DutchAnalyzer().settings()
    try:
        built = schema["body"].analyzer.settings()
        extractor = schema["person"].analyzer.extractor
    except (KeyError, AttributeError):
        raise IndexVersionError(
            f"{index_dir} has an older layout", remedy="rebuild"
        ) from None
    layout = read_meta(index_dir).get("schema_version", SCHEMA_VERSION)
    if layout != SCHEMA_VERSION:
        raise IndexVersionError(
            f"{index_dir} has index layout {layout}; this version uses {SCHEMA_VERSION}",
            remedy="rebuild",
        )
    if built != current:
        differences = ", ".join(
            f"{key} {built.get(key)!r} instead of {value!r}"
            for key, value in current.items()
            if built.get(key) != value
        )
        raise IndexVersionError(
            f"{index_dir} was built with other analysis settings ({differences})",
            remedy="rebuild",
        )
    if expected_extractor is not None and extractor != expected_extractor:
        raise IndexVersionError(
            f"{index_dir} was built with entity extractor {extractor or '(none)'}; this version "
            f"uses {expected_extractor}",
            remedy="rebuild",
        )


def create_index(index_dir: Path, *, extractor: str = ""):
    """Create an empty index (replacing any index already there)."""
    index_dir.mkdir(parents=True, exist_ok=True)
    ix = _storage(index_dir).create_index(build_schema(extractor=extractor))
    write_meta(index_dir, {"schema_version": SCHEMA_VERSION, "roots": []})
    return ix


def add_missing_fields(ix):
    """``ix``, given the fields it was built without that an update fills in: each facet of
    names (``publisher`` came later) and the summary column, so that updating it stores
    those values. Its older articles have none until they change or the index is rebuilt
    (an export reads their whole stored fields instead). Returns the index to write with."""
    schema = ix.schema
    extractor = schema["person"].analyzer.extractor
    later = {**name_facet_fields(extractor=extractor), **summary_field()}
    missing = {name: field for name, field in later.items() if name not in schema}
    if not missing:
        return ix
    writer = ix.writer()
    for name, field in missing.items():
        writer.add_field(name, field)
    writer.commit(merge=False)
    return ix.refresh()


def holds_our_index(index_dir: Path) -> bool:
    """True if ``index_dir`` holds an index of ours: a Whoosh index (also a damaged one),
    our notes, or a shard manifest."""
    return (index_exists(index_dir) or (index_dir / META_FILE).is_file()
            or (index_dir / SHARD_MANIFEST).is_file())  # fmt: skip


def check_index_folder(index_dir: Path, corpus_paths=()) -> None:
    """Refuse an index folder that would destroy or read the user's files.

    An index needs a folder of its own: one that does not exist yet, is empty, or already
    holds an index of ours (a rebuild replaces the whole folder, so a folder of other files
    would be deleted with it). It may not hold a corpus path (a rebuild would delete the
    articles), nor sit inside a corpus folder where reading would take its files for
    articles (a hidden folder there is fine: reading skips those). Raises
    :class:`QueryError` for ``index_dir``.
    """
    index_dir = Path(index_dir).absolute()
    if index_dir.exists() and not index_dir.is_dir():
        raise QueryError(f"index_dir {index_dir} is a file, not a folder", parameter="index_dir")
    real = index_dir.resolve()
    for corpus in corpus_paths:
        corpus = Path(corpus).resolve()
        if corpus == real or real in corpus.parents:
            raise QueryError(f"index_dir {index_dir} holds the corpus {corpus}: an index needs "
                             "a folder of its own", parameter="index_dir")  # fmt: skip
        if corpus in real.parents and corpus.is_dir():
            inside = real.relative_to(corpus).parts
            if not any(part.startswith(".") for part in inside):
                raise QueryError(f"index_dir {index_dir} is inside the corpus folder {corpus}, "
                                 "whose files would be read as articles: choose a folder "
                                 f"outside it (or a hidden one, such as {corpus / '.index'})",
                                 parameter="index_dir")  # fmt: skip
    if index_dir.is_dir() and not holds_our_index(index_dir):
        others = sorted(p.name for p in index_dir.iterdir() if p.name != WRITE_LOCK)
        if others:
            raise QueryError(f"index_dir {index_dir} is not an index and holds other files "
                             f"(such as {others[0]}): an index needs a new or empty folder",
                             parameter="index_dir")  # fmt: skip


@contextmanager
def replacing(index_dir: Path):
    """Build a replacement index beside ``index_dir`` and swap it in only when complete.

    Yields the folder to build in. The run holds the write lock in ``index_dir`` from the
    start (also when there is no index there yet, and for a sharded index), so a second
    run stops with :class:`IndexLockedError` before it touches anything, never clearing
    the first one's half-built folder; meanwhile the old index keeps answering queries. If
    the build fails or is killed, the old index is untouched and the half-built folder is
    cleared by the next run (the lock dies with its process).
    """
    index_dir = Path(index_dir)
    check_index_folder(index_dir)
    staging = index_dir.with_name(f".{index_dir.name}.rebuild")
    with write_locked(index_dir):
        try:
            shutil.rmtree(staging, ignore_errors=True)
            yield staging
            retired = index_dir.with_name(f".{index_dir.name}.old")
            shutil.rmtree(retired, ignore_errors=True)
            os.replace(index_dir, retired)  # the lock's file goes with it, still held
            os.replace(staging, index_dir)
            shutil.rmtree(retired, ignore_errors=True)
        finally:
            shutil.rmtree(staging, ignore_errors=True)


@contextmanager
def write_locked(index_dir: Path):
    """Hold the write lock in ``index_dir`` (made if missing) for the block, or raise
    :class:`IndexLockedError` at once. The lock is an ``flock`` on a file in the folder, so
    it dies with its process (``kill -9`` included)."""
    Path(index_dir).mkdir(parents=True, exist_ok=True)
    lock = FileStorage(str(index_dir)).lock(WRITE_LOCK)
    if not lock.acquire(blocking=False):
        raise IndexLockedError(f"another index run is writing to {index_dir}", remedy="wait")
    try:
        yield
    finally:
        lock.release()


def read_meta(index_dir: Path) -> dict:
    """The project's own notes about an index (corpus roots, schema version)."""
    try:
        return json.loads((index_dir / META_FILE).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}


def write_meta(index_dir: Path, meta: dict) -> None:
    """Replace the notes atomically, so a crash leaves the old or the new file whole."""
    handle, temp = tempfile.mkstemp(dir=index_dir, prefix=".meta-", suffix=".tmp")
    with os.fdopen(handle, "w", encoding="utf-8") as out:
        json.dump(meta, out, indent=2, sort_keys=True)
        out.flush()
        os.fsync(out.fileno())
    os.replace(temp, index_dir / META_FILE)


def _describe(error: Exception) -> str:
    if isinstance(error, OSError) and error.strerror:
        name = os.path.basename(error.filename) if error.filename else ""
        return f"{error.strerror}: {name}" if name else error.strerror
    text = str(error).strip().splitlines()
    return f"{type(error).__name__}: {text[0][:120]}" if text else type(error).__name__
