"""nieuwszoeker: full-text search for Dutch news archives.

The one public import root. Build an index, then query it::

    import search

    search.index_corpus(["archive/"], index_dir="news-index")
    with search.Engine.open("news-index") as engine:
        results = engine.search("graandeal", since="2022-01", person="Erdogan")
        for hit in results.hits:
            print(hit.month, hit.title, hit.snippet.text)

The library never prints; problems in the corpus reach ``on_problem`` callbacks and
errors are :class:`SearchError` subclasses with a one-line message.
"""

import importlib

import index  # noqa: F401  (first: it loads Whoosh, see index.store.loading)
from search.api import (
    analyze,
    default_index_dir,
    evaluate_entities,
    extract_entities,
    index_corpus,
)
from search.engine import Engine
from search.errors import (
    ArticleNotFoundError,
    BuildStopped,
    ClusterError,
    CorpusError,
    IndexCorruptError,
    IndexLockedError,
    IndexNotFoundError,
    IndexVersionError,
    QueryError,
    SearchError,
)
from search.export import DEFAULT_EXPORT_FIELDS, EXPORT_FIELDS, Export, ExportField
from search.kwic import Concordance, KwicLine
from search.results import (
    Comparison,
    Copy,
    Document,
    Entities,
    FacetCount,
    Hit,
    IndexStats,
    Results,
    Snippet,
)
from search.timeline import Bucket, Timeline

__version__ = "0.1.0"

# Names whose modules load on first use (PEP 562), so that `search query` starts without
# the corpus readers, the index builder and the entity rules.
_LAZY = {
    "Article": "corpus", "ReadProblem": "corpus", "BuildReport": "index.pipeline.build",
    "Entity": "index.entities", "EntityExtractor": "index.entities",
}  # fmt: skip


def __getattr__(name: str):
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'search' has no attribute {name!r}")
    value = globals()[name] = getattr(importlib.import_module(module), name)
    return value


def __dir__() -> list[str]:
    return sorted({*globals(), *_LAZY})


__all__ = [
    "Article",
    "ArticleNotFoundError",
    "BuildReport",
    "BuildStopped",
    "ClusterError",
    "Bucket",
    "Comparison",
    "Copy",
    "Concordance",
    "CorpusError",
    "DEFAULT_EXPORT_FIELDS",
    "Document",
    "Engine",
    "Entities",
    "EXPORT_FIELDS",
    "Entity",
    "EntityExtractor",
    "Export",
    "ExportField",
    "FacetCount",
    "Hit",
    "IndexCorruptError",
    "IndexLockedError",
    "IndexNotFoundError",
    "IndexStats",
    "IndexVersionError",
    "KwicLine",
    "QueryError",
    "ReadProblem",
    "Results",
    "SearchError",
    "Snippet",
    "Timeline",
    "analyze",
    "default_index_dir",
    "evaluate_entities",
    "extract_entities",
    "index_corpus",
]
