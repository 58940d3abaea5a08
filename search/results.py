"""The values the library returns: frozen dataclasses, never Whoosh objects."""

from __future__ import annotations

import html
from dataclasses import dataclass, field

# The facet registry, for the front ends: ``Results.facets`` has one key per facet, in this
# order (see index.facets).
from index.facets import FACETS, NAME_FACETS, Facet  # noqa: F401
from search.export import table_text
from search.timeline import Timeline

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
class Copy:
    """Another matching article with nearly the same text as a hit (a collapsed copy)."""

    id: str
    source: str

    def as_dict(self) -> dict:
        return {"id": self.id, "source": self.source}


@dataclass(frozen=True)
class Hit:
    """One matching article; with collapsing, ``duplicates`` lists its hidden copies."""

    id: str
    title: str
    month: str | None
    score: float
    snippet: Snippet
    source: str
    entities: Entities = Entities()
    date: str | None = None
    duplicates: tuple[Copy, ...] = ()

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
            "duplicates": [copy.as_dict() for copy in self.duplicates],
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

    With collapsing, ``total`` counts groups of near-duplicates (an article without copies
    is a group of one) and ``collapsed`` is True.
    """

    query: str
    total: int
    page: int
    limit: int
    hits: tuple[Hit, ...]
    facets: dict[str, tuple[FacetCount, ...]] = field(default_factory=dict)
    suggestion: str | None = None
    collapsed: bool = False
    timeline: Timeline | None = None  # when asked for: matches per interval

    def as_dict(self) -> dict:
        """The ``search query --json`` shape."""
        return {
            "query": self.query,
            "total": self.total,
            **({"collapsed": True} if self.collapsed else {}),
            "page": self.page,
            "limit": self.limit,
            "hits": [hit.as_dict() for hit in self.hits],
            "facets": {kind: [c.as_dict() for c in counts] for kind, counts in self.facets.items()},
            "suggestion": self.suggestion,
            **({"timeline": self.timeline.as_dict()} if self.timeline is not None else {}),
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
    shard_documents: tuple[int, ...] = ()  # articles per shard (empty: an index without shards)

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
            "shards": len(self.shard_documents) or None,
            "shard_documents": list(self.shard_documents) or None,
        }  # fmt: skip


@dataclass(frozen=True)
class Comparison:
    """Several labelled queries counted over the same intervals (``search compare``)."""

    interval: str
    labels: tuple[str, ...]
    queries: tuple[str, ...]
    timelines: tuple[Timeline, ...]

    def rows(self):
        """``(label, bucket)`` for every label and interval: the tidy table."""
        for label, found in zip(self.labels, self.timelines, strict=True):
            for bucket in found.buckets:
                yield label, bucket

    def as_csv(self, *, delimiter: str = ",", bom: bool = True,
               keep_formulas: bool = False) -> str:  # fmt: skip
        """Tidy CSV for R, pandas and spreadsheets: ``label,start,count,all``, one row per
        label and interval, written as the other tables are (:func:`search.export.csv_text`:
        a UTF-8 byte-order mark unless ``bom`` is false, ``delimiter``, and a ``'`` before a
        label a spreadsheet would run as a formula unless ``keep_formulas``)."""
        rows = ((label, b.start, b.count, b.all) for label, b in self.rows())
        return table_text(rows, ("label", "start", "count", "all"), delimiter=delimiter,
                          bom=bom, keep_formulas=keep_formulas)  # fmt: skip

    def as_dict(self) -> dict:
        return {
            "interval": self.interval,
            "series": [{"label": label, "query": text, "total": sum(b.count for b in t.buckets),
                        "undated": t.undated, "buckets": [b.as_dict() for b in t.buckets]}
                       for label, text, t in zip(self.labels, self.queries, self.timelines,
                                                 strict=True)],
        }  # fmt: skip
