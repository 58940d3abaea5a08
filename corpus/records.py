"""Mapping JSON and CSV records with differently named fields onto articles."""

from __future__ import annotations

import re
from dataclasses import dataclass

from corpus.dates import parse_date
from corpus.textformat import first_sentence

# Field-name variants, most specific first; names are compared lowercased with
# everything but letters and digits removed (so "published_at" is "publishedat").
ID_FIELDS = ("id", "articleid", "docid", "documentid", "uuid", "guid", "key", "identifier")
URL_FIELDS = ("url", "link", "permalink", "uri")
TITLE_FIELDS = ("title", "headline", "titel", "kop", "heading", "header", "head", "subject")
BODY_FIELDS = (
    "text", "body", "content", "tekst", "inhoud", "article", "articletext", "bodytext",
    "fulltext", "maintext", "story", "description", "summary", "lead",
)  # fmt: skip
DATE_FIELDS = (
    "date", "publishedat", "published", "publicationdate", "publishdate", "datepublished",
    "pubdate", "datetime", "timestamp", "createdat", "created", "datum", "publicatiedatum",
    "month", "maand",
)  # fmt: skip
# The outlet (not the file an article was read from, which is its ``source``).
PUBLISHER_FIELDS = ("publisher", "medium", "outlet", "site", "krant", "bron", "uitgever",
                    "newspaper")  # fmt: skip

_NOT_ALNUM = re.compile(r"[^0-9a-z]+")


def normalise_name(name: str) -> str:
    """``"Publication Date"`` -> ``"publicationdate"``."""
    return _NOT_ALNUM.sub("", str(name).lower())


@dataclass(frozen=True)
class FieldMap:
    """Which source field feeds which article field (None where the source has none)."""

    id: str | None
    url: str | None
    title: str | None
    body: str | None
    date: str | None
    publisher: str | None = None

    @classmethod
    def for_names(cls, names) -> FieldMap:
        by_normal: dict[str, str] = {}
        for name in names:
            by_normal.setdefault(normalise_name(name), name)

        def pick(candidates):
            return next((by_normal[c] for c in candidates if c in by_normal), None)

        return cls(
            id=pick(ID_FIELDS),
            url=pick(URL_FIELDS),
            title=pick(TITLE_FIELDS),
            body=pick(BODY_FIELDS),
            date=pick(DATE_FIELDS),
            publisher=pick(PUBLISHER_FIELDS),
        )

    def describe(self) -> str:
        """``"id=id, title=title, body=text, date=published_at"``."""
        ident = self.id or (self.url and f"{self.url} (no id field)")
        used = [("id", ident), ("title", self.title),
                ("body", self.body), ("date", self.date)]  # fmt: skip
        return ", ".join(f"{k}={v}" if v else f"{k}=(none)" for k, v in used)


def record_publisher(record: dict, fields: FieldMap) -> str:
    """The record's outlet, white space collapsed ("" where it names none)."""
    return " ".join(_text(record.get(fields.publisher)).split()) if fields.publisher else ""


def record_fields(record: dict, fields: FieldMap) -> tuple[str | None, str, str, object]:
    """Pull ``(id, title, body, date value)`` out of one record as strings."""
    ident = _text(record.get(fields.id)) if fields.id else ""
    if not ident and fields.url:
        ident = _text(record.get(fields.url))
    title = _text(record.get(fields.title)) if fields.title else ""
    body = _text(record.get(fields.body)) if fields.body else ""
    date_value = record.get(fields.date) if fields.date else None
    return ident or None, title.strip(), body.strip(), date_value


EMPTY_DATE = "empty date; indexed without a month"


def resolve_date(date_value: object) -> tuple[object, str | None, str | None]:
    """``(date, month, problem)`` for a record's date value; a bad date is not fatal."""
    if date_value is None or (isinstance(date_value, str) and not date_value.strip()):
        return None, None, EMPTY_DATE
    try:
        date, month = parse_date(date_value)
    except ValueError as error:
        return None, None, f"{error}; indexed without a month"
    return date, month, None


def fallback_title(title: str, body: str) -> str:
    """Use the body's first sentence where a record has no title."""
    return title or first_sentence(body.split("\n", 1)[0]) if body else title


def _text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, list):
        return "\n\n".join(_text(v) for v in value)
    return str(value)
