"""The values the library returns: frozen dataclasses, never Whoosh objects."""

from __future__ import annotations

import html
from dataclasses import dataclass, field

# The facet registry, for the front ends: ``Results.facets`` has one key per facet, in this
# order (see index.facets).
from index.facets import FACETS, NAME_FACETS, Facet  # noqa: F401

HIGHLIGHT_START = "<mark>"
HIGHLIGHT_END = "</mark>"


@dataclass(frozen=True)
class Snippet:
    """A piece of an article, as ``(text, highlighted)`` fragments."""

    fragments: tuple[tuple[str, bool], ...] = ()

    @property
    def text(self) -> str:
        """The plain text, without highlight marks."""
        return "".join(text for text, _ in self.fragments)

    def marked(self, start: str = HIGHLIGHT_START, end: str = HIGHLIGHT_END, *,
               escape: bool = True) -> str:  # fmt: skip
        """The text with matched words wrapped in ``start``/``end`` (HTML-escaped by default).

        >>> Snippet((("de ", False), ("oorlog", True))).marked()
        'de <mark>oorlog</mark>'
        """
        quote = html.escape if escape else str
        return "".join(
            f"{start}{quote(text)}{end}" if hit else quote(text) for text, hit in self.fragments
        )


@dataclass(frozen=True)
class Entities:
    """The people, places and organisations an article is about (canonical names)."""

    person: tuple[str, ...] = ()
    place: tuple[str, ...] = ()
    org: tuple[str, ...] = ()

    @classmethod
    def from_stored(cls, stored: dict | None) -> Entities:
        stored = stored or {}
        return cls(*(tuple(stored.get(kind, ())) for kind in ("person", "place", "org")))

    def as_dict(self) -> dict[str, list[str]]:
        return {"person": list(self.person), "place": list(self.place), "org": list(self.org)}


@dataclass(frozen=True)
class Hit:
    """One matching article."""

    id: str
    title: str
    month: str | None
    score: float
    snippet: Snippet
    source: str
    entities: Entities = Entities()
    date: str | None = None

    def as_dict(self) -> dict:
        return {
            "id": self.id,
            "title": self.title,
            "month": self.month,
            "date": self.date,
            "score": round(self.score, 4),
            "snippet": self.snippet.marked(),
            "source": self.source,
            "entities": self.entities.as_dict(),
        }


@dataclass(frozen=True)
class FacetCount:
    """How many matching articles have ``value``."""

    value: str
    count: int

    def as_dict(self) -> dict:
        return {"value": self.value, "count": self.count}


@dataclass(frozen=True)
class Results:
    """One page of results, the total, facet counts over *all* matches, and a suggestion.

    ``facets`` has a key per facet (:data:`FACETS`): the top values of each facet of names,
    most frequent first, and every month.
    """

    query: str
    total: int
    page: int
    limit: int
    hits: tuple[Hit, ...]
    facets: dict[str, tuple[FacetCount, ...]] = field(default_factory=dict)
    suggestion: str | None = None

    def as_dict(self) -> dict:
        """The ``search query --json`` shape."""
        return {
            "query": self.query,
            "total": self.total,
            "page": self.page,
            "limit": self.limit,
            "hits": [hit.as_dict() for hit in self.hits],
            "facets": {kind: [c.as_dict() for c in counts] for kind, counts in self.facets.items()},
            "suggestion": self.suggestion,
        }


@dataclass(frozen=True)
class Document:
    """One whole stored article, as ``search show`` prints it."""

    id: str
    title: str
    body: str
    month: str | None
    date: str | None
    source: str
    line: int | None
    entities: Entities = Entities()

    def as_dict(self) -> dict:
        return {
            "id": self.id, "title": self.title, "body": self.body, "month": self.month,
            "date": self.date, "source": self.source, "line": self.line,
            "entities": self.entities.as_dict(),
        }  # fmt: skip


@dataclass(frozen=True)
class IndexStats:
    """What an index holds."""

    index_dir: str
    documents: int
    months: tuple[FacetCount, ...]
    size_bytes: int
    analysis: dict
    extractor: str
    roots: tuple[str, ...] = ()
    undated: int = 0  # articles without a date (nor a month)

    @property
    def first_month(self) -> str | None:
        return self.months[0].value if self.months else None

    @property
    def last_month(self) -> str | None:
        return self.months[-1].value if self.months else None

    def as_dict(self) -> dict:
        return {
            "index_dir": self.index_dir, "documents": self.documents, "undated": self.undated,
            "first_month": self.first_month, "last_month": self.last_month,
            "months": [m.as_dict() for m in self.months], "size_bytes": self.size_bytes,
            "analysis": self.analysis, "extractor": self.extractor, "roots": list(self.roots),
        }  # fmt: skip
