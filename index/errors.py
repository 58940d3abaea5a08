"""The project's exception hierarchy; :mod:`search` re-exports it.

Every error a user can cause is a :class:`SearchError` whose message is one line that
says what went wrong and where; the CLI prints it as ``Error: ...`` and exits 1.
"""


class SearchError(Exception):
    """Base class of every error this project raises on purpose."""


class IndexNotFoundError(SearchError):
    """There is no index at the given folder."""


class IndexVersionError(SearchError):
    """The index was built by other analysis settings and must be rebuilt."""


class IndexCorruptError(SearchError):
    """The index folder exists but cannot be read as an index."""


class IndexLockedError(SearchError):
    """Another process is writing to the index."""


class CorpusError(SearchError):
    """The corpus to index does not exist or holds nothing readable."""


class QueryError(SearchError):
    """The query or one of its options cannot be understood."""


class ArticleNotFoundError(SearchError):
    """No article with the given id is in the index."""
