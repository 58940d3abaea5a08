"""Re-export of the project's exception hierarchy (defined in :mod:`index.errors`), and
how the command line and the server word an error's remedy."""

from index.errors import (
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

# remedy -> how the front ends say it (see index.errors.REMEDIES)
COMMAND_REMEDIES = {
    "build": "build one with `search index`",
    "rebuild": "rebuild it with `search index --rebuild`",
    "wait": "wait for it to finish",
}


def for_commands(error: SearchError) -> str:
    """The error's message, its remedy in terms of the ``search`` command."""
    return error.described(COMMAND_REMEDIES)


__all__ = [
    "ArticleNotFoundError",
    "BuildStopped",
    "ClusterError",
    "CorpusError",
    "IndexCorruptError",
    "IndexLockedError",
    "IndexNotFoundError",
    "IndexVersionError",
    "QueryError",
    "SearchError",
    "for_commands",
]
