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


class BuildStopped(SearchError):
    """An index run was asked to stop (``stop()`` said so); the last commit stays whole."""


class QueryError(SearchError):
    """The query or one of its options cannot be understood.

    ``parameter`` names the keyword argument at fault (``"limit"``, ``"since"``; ``"text"``
    for the query text itself), so the CLI and the HTTP API can name it their own way
    (``--limit``, ``limit=``); the message names it as the library does.
    """

    def __init__(self, message: str, *, parameter: str = "text") -> None:
        super().__init__(message)
        self.parameter = parameter


class ArticleNotFoundError(SearchError):
    """No article with the given id is in the index."""
