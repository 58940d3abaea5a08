"""Building and incrementally updating an index from a corpus.

A run reads the corpus once, adds new articles, replaces changed ones (by content
fingerprint), removes articles that vanished from the folders it was given, and commits
once at the end: until then the previous index stays whole and readable. Problems in
the corpus are reported, never fatal.

Rules (documented in the README): an article without a usable date is indexed without a
month; when two articles share an id, the first one read wins (files are read in sorted
path order) and the other is reported; articles from a file that could not be read this
time are kept as they were.
"""

from __future__ import annotations

import datetime as dt
import functools
import os
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from corpus import Article, ReadProblem, read_corpus
from index.entities.extractor import article_entities
from index.errors import BuildStopped, CorpusError
from index.facets import name_values
from index.schema import (
    ENTITY_SEPARATOR,
    MAX_SEARCHABLE_CHARS,
    encode_facets,
    searchable_part,
)
from index.store.committing import commit, open_writer
from index.store.storage import (
    add_missing_fields,
    create_index,
    index_exists,
    open_index,
    read_meta,
    write_meta,
)

WRITER_MEMORY_MB = 256
# Like Lucene's old maxFieldLength: the rest of a giant article is stored, not analysed, so
# a 50 MB "article" (a dump, a log) costs seconds and bounded memory, not minutes.
PROGRESS_EVERY = 200


@dataclass
class BuildReport:
    """What an index run did; ``problems`` holds every corpus problem reported."""

    added: int = 0
    updated: int = 0
    removed: int = 0
    unchanged: int = 0
    skipped: int = 0
    undated: int = 0  # articles read without a date (indexed without a month)
    problems: list[ReadProblem] = field(default_factory=list)
    seconds: float = 0.0
    index_dir: str = ""

    @property
    def indexed(self) -> int:
        """Articles now in the index from this run's corpus (new, changed or unchanged)."""
        return self.added + self.updated + self.unchanged


def build_index(
    index_dir: Path,
    paths: Iterable[str | os.PathLike],
    *,
    rebuild: bool = False,
    extractor=None,
    on_problem: Callable[[ReadProblem], None] | None = None,
    on_fields: Callable[[str, str], None] | None = None,
    on_progress: Callable[[int], None] | None = None,
    exclude: Iterable[str] = (),
    undated_text: bool = False,
    stop: Callable[[], bool] | None = None,
    belongs: Callable[[str], bool] | None = None,
    first_order: int | None = None,
    jobs: int | None = None,
) -> BuildReport:
    """Index every article under ``paths`` into ``index_dir`` and commit once.

    ``extractor`` fills the person/place/org fields (see :mod:`index.entities`);
    ``on_progress(n)`` is called with the number of articles read so far; ``exclude`` and
    ``undated_text`` choose what the folders contribute (:func:`corpus.read_corpus`);
    ``stop()`` is asked between articles and while waiting for workers: once it says
    True, the run is cancelled and :class:`BuildStopped` raised. ``belongs(id)`` keeps
    only the articles of one shard (:mod:`index.pipeline.sharded`); new and changed
    articles get their place in the reading order from ``first_order`` on (default: after
    the index's last run). ``jobs``: analysing processes (default: one per core; 1:
    in this process).
    """
    stopping = _stop_check(stop)
    roots = [Path(p).resolve() for p in paths]
    missing = [str(p) for p in roots if not p.exists()]
    if missing:
        raise CorpusError(f"no such file or folder: {', '.join(missing)}")
    started = time.perf_counter()
    extractor_version = getattr(extractor, "version", "") if extractor else ""
    if rebuild or not index_exists(index_dir):
        ix = create_index(index_dir, extractor=extractor_version)
    else:
        ix = open_index(index_dir, expected_extractor=extractor_version)
        ix = add_missing_fields(ix)
    report = BuildReport(index_dir=str(index_dir))
    meta = read_meta(index_dir)
    first_order = meta.get("next_order", 0) if first_order is None else first_order
    existing = _existing_documents(ix)
    writer = open_writer(ix, index_dir, limitmb=WRITER_MEMORY_MB)
    from index.pipeline.parallel import (
        SegmentPipeline,  # numpy and the codec: not for `search query`
    )

    pipeline = SegmentPipeline(ix, extractor, analysed_document, stopping=stopping,
                               workers=jobs)  # fmt: skip
    deletions = _Deletions(writer)
    try:
        read = functools.partial(read_corpus, roots, exclude=tuple(exclude),
                                 undated_text=undated_text, on_fields=on_fields)  # fmt: skip
        seen, unreadable, read_count = _write_corpus(
            deletions, pipeline, read, existing, report, on_problem, on_progress, stopping,
            belongs=belongs, first_order=first_order)  # fmt: skip
        _remove_vanished(deletions, roots, existing, seen, unreadable, report)
        deletions.close()
        segments = pipeline.finish()
        stopping()
        commit(writer, segments)
    except BaseException:
        deletions.close()
        writer.cancel()
        pipeline.cancel()  # after the writer closed its files: deletes uncommitted ones
        raise
    meta = read_meta(index_dir)
    meta["next_order"] = first_order + read_count
    meta["roots"] = sorted(set(meta.get("roots", [])) | {str(r) for r in roots})
    meta["exclude"] = list(exclude)
    write_meta(index_dir, meta)
    report.seconds = time.perf_counter() - started
    return report


def _stop_check(stop: Callable[[], bool] | None) -> Callable[[], None]:
    """A function that raises :class:`BuildStopped` once ``stop()`` says so."""

    def stopping() -> None:
        if stop is not None and stop():
            raise BuildStopped("the index run was stopped; the last commit is unchanged")

    return stopping


def _existing_documents(ix) -> dict[str, tuple[bytes, str]]:
    """``id -> (fingerprint, source)`` for every live document."""
    existing = {}
    with ix.reader() as reader:
        if reader.doc_count() == 0:
            return existing
        ids = reader.column_reader("id")
        prints = reader.column_reader("fingerprint")
        sources = reader.column_reader("source")
        for docnum in reader.all_doc_ids():
            existing[ids[docnum]] = (prints[docnum], sources[docnum])
    return existing


class _Deletions:
    """Deletes the indexed copies of articles by id, all through one searcher of the writer.

    Whoosh's ``delete_by_term`` opens a searcher over every segment for each call when it
    is given none: 156 ms of CPU a deletion in a 100,000-article index of 18 segments,
    against 0.7 ms through one searcher, so re-indexing every article of a moved corpus
    took hours and 100 changed articles 15 s.
    """

    def __init__(self, writer) -> None:
        self._writer = writer
        self._searcher = None

    def delete(self, ident: str) -> None:
        if self._searcher is None:
            self._searcher = self._writer.searcher()
        self._writer.delete_by_term("id", ident, searcher=self._searcher)

    def close(self) -> None:
        """Close the searcher's files (before the commit, which may merge segments)."""
        if self._searcher is not None:
            self._searcher.close()
            self._searcher = None


def _write_corpus(deletions, pipeline, read, existing, report, on_problem, on_progress, stopping,
                  *, belongs, first_order: int) -> tuple[dict, set[str], int]:  # fmt: skip
    """Queue new and changed articles for the pipeline; delete the old copies of changed ones.

    ``read(on_problem=...)`` yields the corpus's articles; ``belongs`` (if given) keeps
    those of one shard. Returns ``id -> source`` of everything kept, the files that
    reported a skip (their earlier articles are kept) and how many articles were read.
    """
    seen: dict[str, str] = {}
    protected: set[str] = set()
    resolved: dict[str, str] = {}

    def problem(item: ReadProblem) -> None:
        report.problems.append(item)
        if item.skipped:
            report.skipped += 1
            protected.add(str(Path(item.path).resolve()))
        if on_problem:
            on_problem(item)

    count = 0
    for count, article in enumerate(read(on_problem=problem), 1):
        stopping()
        if on_progress and count % PROGRESS_EVERY == 0:
            on_progress(count)
        if belongs is not None and not belongs(article.id):
            continue
        source = resolved.get(article.source)
        if source is None:  # one look-up per file, not per article of a JSONL file
            source = resolved[article.source] = str(Path(article.source).resolve())
        if article.id in seen:
            first = seen[article.id]
            reason = f"duplicate id {article.id!r}, first read from {first}; kept the first"
            problem(ReadProblem(article.source, reason, line=article.line, kind="duplicate id"))
            continue
        seen[article.id] = source
        if article.month is None:
            report.undated += 1
        fingerprint = _fingerprint(article, source)
        previous = existing.get(article.id)
        if previous is not None and previous[0] == fingerprint:
            report.unchanged += 1
            continue
        if previous is None:
            report.added += 1
        else:
            deletions.delete(article.id)
            report.updated += 1
        if len(article.body) > MAX_SEARCHABLE_CHARS:
            reason = (f"article is {len(article.body) / 1e6:.1f} million characters long; the "
                      f"first {MAX_SEARCHABLE_CHARS / 1e6:g} million are searchable, all of it "
                      "is stored")  # fmt: skip
            problem(ReadProblem(article.source, reason, line=article.line, skipped=False,
                                kind="article over the searchable length"))  # fmt: skip
        pipeline.add(article, source, fingerprint, first_order + count - 1)
    return seen, protected, count


def _remove_vanished(deletions, roots, existing, seen, unreadable, report) -> None:
    """Delete articles that came from these roots but were not read this time."""
    prefixes = [str(r) if r.is_file() else str(r) + os.sep for r in roots]
    for ident, (_, source) in existing.items():
        if ident in seen or source in unreadable:
            continue
        if any(source == p or source.startswith(p) for p in prefixes):
            deletions.delete(ident)
            report.removed += 1


def _fingerprint(article: Article, source: str) -> bytes:
    return f"{article.fingerprint()}:{source}".encode()


def article_document(article: Article, source: str, fingerprint: bytes, extractor) -> dict:
    """The Whoosh document for one article, entities included."""
    return analysed_document(article, source, fingerprint, extractor)[0]


def analysed_document(article: Article, source: str, fingerprint: bytes,
                      extractor) -> tuple[dict, dict[str, list[str]]]:  # fmt: skip
    """The Whoosh document for one article and its facet values (``{"person": [display
    names], "publisher": [...], ...}``, see :func:`index.facets.name_values`).

    Only the first ``MAX_SEARCHABLE_CHARS`` of a body are analysed (words, entities); the
    whole body is stored, so ``search show`` prints all of it.
    """
    body = searchable_part(article.body)
    entities = article_entities(article.title, body, extractor)
    document = {
        "id": article.id,
        "title": article.title,
        "body": body,
        "source": source,
        "line": article.line,
        "entities": entities,
        "fingerprint": fingerprint,
    }
    values = name_values(article, entities)
    document["facets"] = encode_facets(values)
    if body is not article.body:
        document["_stored_body"] = article.body
    if article.month:
        document["month"] = article.month
        day = article.date or dt.date(int(article.month[:4]), int(article.month[5:7]), 1)
        document["date"] = dt.datetime(day.year, day.month, day.day)
        if article.date is None:  # sorted and queried by its month's first day, shown as a month
            document["_stored_date"] = None
    for name, found in values.items():
        document[name] = ENTITY_SEPARATOR.join(found)
    return document, values
