"""Re-export of the project's exception hierarchy (defined in :mod:`index.errors`)."""

from index.errors import (
    ArticleNotFoundError,
    BuildStopped,
    CorpusError,
    IndexCorruptError,
    IndexLockedError,
    IndexNotFoundError,
    IndexVersionError,
    QueryError,
    SearchError,
)

__all__ = [
    "ArticleNotFoundError",
    "BuildStopped",
    "CorpusError",
    "IndexCorruptError",
    "IndexLockedError",
    "IndexNotFoundError",
    "IndexVersionError",
    "QueryError",
    "SearchError",
]
