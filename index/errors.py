"""The project's exception hierarchy; :mod:`search` re-exports it.

Every error a user can cause is a :class:`SearchError` whose message is one line that
says what went wrong and where; the CLI prints it as ``Error: ...`` and exits 1.

Where the fix is one of a few known steps (build the index, rebuild it, wait for the other
writer), the error carries it as ``remedy`` and the message words it in the library's
terms (:data:`REMEDIES`); the command line and the server word it their own way.
"""

# remedy -> how the library says it
REMEDIES = {
    "build": "build one with index_corpus()",
    "rebuild": "rebuild it with index_corpus(..., rebuild=True)",
    "wait": "wait for it to finish",
}


class SearchError(Exception):
    """Base class of every error this project raises on purpose.

    ``problem`` is what went wrong and where; ``remedy`` a key of :data:`REMEDIES` or None.
    """

    def __init__(self, problem: str, *, remedy: str | None = None) -> None:
        self.problem = problem
        self.remedy = remedy
        super().__init__(self.described(REMEDIES))

    def described(self, remedies: dict[str, str]) -> str:
        """The message, with the remedy worded by ``remedies``."""
        if self.remedy is None:
            return self.problem
        separator = "; " if self.remedy == "wait" else ": "
        return f"{self.problem}{separator}{remedies[self.remedy]}"


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


class ClusterError(SearchError):
    """The Dask cluster cannot be reached, or a shard found no worker to answer in time."""
