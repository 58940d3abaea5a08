"""Library functions around the engine: building indexes and inspecting the analysis."""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import TYPE_CHECKING

from index.analysis import DutchAnalyzer
from index.errors import CorpusError
from index.store.shards import is_sharded, read_layout
from index.store.storage import check_index_folder, read_meta, replacing
from index.store.storage import default_index_dir as _default_index_dir

# The corpus readers, the builder and the entity rules load on first use: `search query`
# needs none of them, and they cost a quarter of its start-up.
if TYPE_CHECKING:
    from corpus import ReadProblem
    from index.entities import Entity, EntityExtractor
    from index.pipeline.build import BuildReport


def default_index_dir() -> Path:
    """Where indexes go without ``index_dir``: ``$SEARCH_INDEX_DIR`` or the user's data folder."""
    return _default_index_dir()


def index_corpus(
    paths: Iterable[str | Path] | None = None,
    *,
    index_dir: str | Path | None = None,
    rebuild: bool = False,
    entities: bool = True,
    extractor: EntityExtractor | None = None,
    on_problem: Callable[[ReadProblem], None] | None = None,
    on_fields: Callable[[str, str], None] | None = None,
    on_progress: Callable[[int], None] | None = None,
    exclude: Iterable[str] | None = None,
    undated_text: bool = False,
    stop: Callable[[], bool] | None = None,
    shards: int | None = None,
    cluster: str | None = None,
) -> BuildReport:
    """Build or update the index from ``paths`` and return what changed.

    Without ``paths`` the corpus folders indexed before are read again; for a new index
    that is the bundled sample corpus. Re-running adds new and changed articles and
    removes articles that vanished from those folders. ``extractor`` plugs in another
    entity extractor (anything with ``version`` and ``extract(text)``, see
    :class:`index.entities.EntityExtractor`); ``entities=False`` skips extraction.
    ``exclude``: glob patterns of files and folders to leave out (``"*.md"``,
    ``"drafts"``); without it, the patterns of the last run apply. ``undated_text``: also
    index ``.txt`` files without a ``date YYYY-MM`` first line, as undated articles (by
    default they are notes, such as a README, and are reported and left out). ``stop``:
    asked between articles and while waiting; once it returns True the run cancels, keeps
    the last commit, and raises :class:`BuildStopped` (a signal handler can set it).
    ``shards``: make a sharded index of this many shards (fixed at creation; an existing
    sharded index keeps its number). ``cluster``: the address of a Dask scheduler whose
    workers build the shards (they must see the corpus and the index at the same paths).
    """
    from corpus import SAMPLE_CORPUS
    from index.entities import default_extractor

    target = Path(index_dir) if index_dir else _default_index_dir()
    chosen = [Path(p) for p in paths] if paths else None
    if not chosen:
        chosen = [Path(r) for r in read_meta(target).get("roots", [])] or [SAMPLE_CORPUS]
    if exclude is None:
        exclude = read_meta(target).get("exclude", [])
    reading = {"exclude": tuple(exclude), "undated_text": undated_text, "stop": stop}
    custom = extractor
    if not entities:
        extractor = None
    elif extractor is None:
        extractor = default_extractor()
    check_index_folder(target, chosen)
    if shards is None and is_sharded(target):
        shards = read_layout(target).shards
    connection = None
    if cluster:
        from search.cluster import ShardCluster

        connection = ShardCluster(cluster, timeout=None)  # a build takes as long as it takes
    try:
        build = _builder(shards, connection, custom_extractor=custom, extractor=extractor,
                         on_problem=on_problem, on_fields=on_fields, on_progress=on_progress,
                         **reading)  # fmt: skip
        if rebuild:
            chosen = [p.resolve() for p in chosen]  # before the folder they may sit in moves
            with replacing(target) as staging:
                report = build(staging, chosen, rebuild=True)
            report.index_dir = str(target)
        else:
            report = build(target, chosen, rebuild=False)
    finally:
        if connection is not None:
            connection.close()
    _prepare_for_queries(target)
    return report


def _builder(shards: int | None, connection, *, custom_extractor,
             **options) -> Callable[..., BuildReport]:  # fmt: skip
    """``build(index_dir, paths, rebuild=...)``: one index here, or shards (here, or on the
    cluster of ``connection``: there, each worker makes the default extractor unless a
    ``custom_extractor`` is sent)."""
    from index.pipeline.build import build_index

    if shards is None and connection is None:
        return functools.partial(build_index, **options)
    from index.pipeline.sharded import build_sharded

    work_for = None
    if connection is not None:
        from search.cluster import ShardedWork

        work_for = functools.partial(ShardedWork, connection)
        options["entities"] = options["extractor"] is not None
        options["extractor"] = custom_extractor if options["entities"] else None
    return functools.partial(build_sharded, shards=shards, work_for=work_for, **options)


def _prepare_for_queries(index_dir: Path) -> None:
    """Build the cache files of the entity catalogue and of "did you mean" now, so the
    first query does not pay for them."""
    from search.engine import Engine

    with Engine.open(index_dir) as engine:
        engine.warm()


def analyze(text: str, *, mode: str = "query") -> list[str]:
    """The index terms the Dutch analyser makes of ``text``.

    >>> analyze("Oekraïense graantransporten")
    ['oekraien', 'graantransport']
    """
    return DutchAnalyzer().terms(text, mode=mode)


def extract_entities(text: str, *, extractor: EntityExtractor | None = None) -> list[Entity]:
    """The people, places and organisations in ``text``, in text order.

    >>> [(e.type, e.name) for e in extract_entities("Minister Hoekstra sprak in Kyiv.")]
    [('person', 'Hoekstra'), ('place', 'Kyiv')]
    """
    from index.entities import default_extractor

    return (extractor or default_extractor()).extract(text)


def evaluate_entities(path: str | Path | None = None, *, news: str | None = None,
                      extractor: EntityExtractor | None = None) -> dict:  # fmt: skip
    """Score the extractor on a CoNLL-2002 file (per-type and document-level facet F1), or
    with ``news="dev"``, ``"test"``, ``"test2"`` to ``"test7"`` on that half of
    the annotated modern-news sample (``bench/entities_news``: document-level facet P/R/F1
    per type, and the errors)."""
    if news is not None:
        from index.entities.eval_news import evaluate_news

        return evaluate_news(news, extractor=extractor)
    from index.entities.eval_conll import evaluate_conll

    if path is None or not Path(path).is_file():
        raise CorpusError(f"no such file: {path}")
    return evaluate_conll(path, extractor)
