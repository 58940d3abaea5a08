"""Every match of a query as records: the export fields, the streaming export, CSV and JSONL.

:meth:`search.Engine.export` finds and orders every match at once (an array of document
numbers), then :class:`Export` reads the stored fields of a chunk of articles at a time, so
memory stays flat however many articles match. The fields are declared once, in
:data:`EXPORT_FIELDS`: the CLI's ``--fields``, the HTTP ``fields`` parameter and the
column order of both formats come from it, and adding a field is one entry.

>>> list(csv_text([["a1", "Één kop", ("A", "B")]], ("id", "title", "person"), bom=False))
['id,title,person\\r\\na1,Één kop,A; B\\r\\n']
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import weakref
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass

import numpy as np

from index.errors import QueryError
from index.schema import ENTITY_FIELDS
from index.store.stored import stored_documents, stored_summaries

# A field's value: text, a list of names (entities), or None where the article has none.
Value = str | tuple[str, ...] | None
Record = dict[str, Value]
CHUNK_ARTICLES = 1_000  # stored fields read per chunk, in document order
CSV_ROWS_PER_PIECE = 500  # rows per piece of CSV or JSONL text handed to the writer
LIST_SEPARATOR = "; "  # between the names of one entity type in a CSV cell
BOM = "\ufeff"  # lets Excel read the CSV as UTF-8 (LibreOffice reads it either way)
DELIMITERS = {",": ",", ";": ";", "tab": "\t", "\t": "\t", "|": "|"}
# A cell starting with one of these is run as a formula by Excel and LibreOffice (CSV
# injection, OWASP); by default such a cell gets FORMULA_GUARD in front, as Kibana's CSV
# reports do, and then shows as the text it is.
FORMULA_STARTS = frozenset("=+-@\t\r")
FORMULA_GUARD = "'"
FORMATS = ("csv", "jsonl")


@dataclass(frozen=True)
class ExportContext:
    """What a field may need beyond the stored fields: the query's snippet of a body."""

    snippet: Callable[[str], str]


@dataclass(frozen=True)
class ExportField:
    """One column of an export: its name, what it holds, and how to read it."""

    name: str
    help: str
    value: Callable[[dict, ExportContext], Value]
    body: bool = False  # reads the body (else the summary of the stored fields will do)


def _stored(name: str) -> Callable[[dict, ExportContext], Value]:
    return lambda stored, context: stored.get(name) or ""


def _entities(kind: str) -> Callable[[dict, ExportContext], Value]:
    return lambda stored, context: tuple((stored.get("entities") or {}).get(kind, ()))


def _date(stored: dict, context: ExportContext) -> Value:
    day = iso_date(stored.get("date"))
    return day or stored.get("month") or None


def _url(stored: dict, context: ExportContext) -> Value:
    ident = stored.get("id", "")
    return ident if ident.startswith(("http://", "https://")) else None


def _snippet(stored: dict, context: ExportContext) -> Value:
    return context.snippet(stored.get("body", ""))


# The order here is the column order of an export; --fields picks and reorders them.
EXPORT_FIELDS: dict[str, ExportField] = {field.name: field for field in (
    ExportField("id", "the article's id", _stored("id")),
    ExportField("date", "its day (YYYY-MM-DD) where the source gives one, else its month "
                        "(YYYY-MM); empty when undated", _date),
    ExportField("month", "its month (YYYY-MM); empty when undated",
                lambda stored, context: stored.get("month") or None),
    ExportField("title", "the headline", _stored("title")),
    ExportField("url", "the id where it is a web address (http or https), else empty", _url),
    *(ExportField(kind, f"the {label} it is about (canonical names)", _entities(kind))
      for kind, label in zip(ENTITY_FIELDS, ("people", "places", "organisations"),
                             strict=True)),
    ExportField("snippet", "the passages with the matched words (plain text)", _snippet,
                body=True),
    ExportField("text", "the whole article text", _stored("body"), body=True),
    ExportField("source", "the file it was read from", _stored("source")),
)}  # fmt: skip
DEFAULT_EXPORT_FIELDS = ("id", "date", "title", "url", *ENTITY_FIELDS)


def export_fields(names: str | Iterable[str] | None) -> tuple[str, ...]:
    """The field names asked for (a comma-separated string or a list), checked.

    >>> export_fields("id, title")
    ('id', 'title')
    """
    if names is None:
        return DEFAULT_EXPORT_FIELDS
    if isinstance(names, str):
        names = names.split(",")
    chosen = tuple(name.strip() for name in names if name.strip())
    unknown = [name for name in chosen if name not in EXPORT_FIELDS]
    if unknown or not chosen:
        what = f"has an unknown field {unknown[0]!r}" if unknown else "names no field"
        raise QueryError(f"fields {what}; choose from {', '.join(EXPORT_FIELDS)}",
                         parameter="fields")  # fmt: skip
    if len(set(chosen)) != len(chosen):
        raise QueryError("fields names a field twice", parameter="fields")
    return chosen


def delimiter_of(name: str) -> str:
    """The CSV delimiter ``name`` stands for (``,``, ``;``, ``tab`` or ``|``)."""
    try:
        return DELIMITERS[name]
    except KeyError:
        raise QueryError(f"delimiter must be one of , ; tab |, not {name!r}",
                         parameter="delimiter") from None  # fmt: skip


class Export:
    """Every match of one query, as records of ``fields``, in the query's order.

    Made by :meth:`search.Engine.export`, which has already found and ordered the matches
    (``total``). Iterating reads the articles' stored fields a chunk at a time; the export
    holds its own searcher (a consistent point in time) until iterated to the end or closed.
    Iterate it once.
    """

    def __init__(self, searcher, docnums: np.ndarray, fields: tuple[str, ...],
                 context: ExportContext, *, guard=None) -> None:  # fmt: skip
        self.total = len(docnums)
        self.fields = fields
        self._searcher = searcher
        self._docnums = docnums
        self._context = context
        self._guard = guard
        self._readers = [EXPORT_FIELDS[name].value for name in fields]
        # without the body, the short stored fields alone: a fraction of the bytes to decode
        self._body = any(EXPORT_FIELDS[name].body for name in fields)
        self._close = weakref.finalize(self, searcher.close)

    def __iter__(self) -> Iterator[Record]:
        names = self.fields
        for values in self.rows():
            yield dict(zip(names, values, strict=True))

    def rows(self) -> Iterator[list[Value]]:
        """Each article's values in the order of ``fields``, without a dict per article
        (what :func:`csv_text` writes)."""
        try:
            for start in range(0, self.total, CHUNK_ARTICLES):
                chunk = self._read(self._docnums[start : start + CHUNK_ARTICLES])
                context, readers = self._context, self._readers
                for stored in chunk:
                    yield [read(stored, context) for read in readers]
        finally:
            self.close()

    def _read(self, docnums: np.ndarray) -> list[dict]:
        """The stored fields of ``docnums`` (but the body, unless a field needs it), read in
        document order (where they lie on disk)."""
        read = stored_documents if self._body else stored_summaries
        if self._guard is None:
            return read(self._searcher.reader(), docnums)
        with self._guard():
            return read(self._searcher.reader(), docnums)

    def close(self) -> None:
        """Release the searcher (done at the end of the iteration too)."""
        self._close()

    def __enter__(self) -> Export:
        return self

    def __exit__(self, *exc) -> None:
        self.close()


def iso_date(value) -> str | None:
    """A stored Whoosh date as ``YYYY-MM-DD``, else None."""
    if isinstance(value, dt.datetime):
        return value.date().isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    return None


# -- formats -----------------------------------------------------------------------------


def guard_formula(value):
    """``value`` with :data:`FORMULA_GUARD` in front if it is text a spreadsheet would run
    as a formula; anything else as it is.

    >>> guard_formula("=HYPERLINK(1)"), guard_formula("- Ja, zei hij"), guard_formula("Rutte")
    ("'=HYPERLINK(1)", "'- Ja, zei hij", 'Rutte')
    """
    if value.__class__ is str and value[:1] in FORMULA_STARTS:
        return FORMULA_GUARD + value
    return value


def csv_text(rows: Iterable[Sequence[Value]], header: Sequence[str], *, delimiter: str = ",",
             bom: bool = True, keep_formulas: bool = False) -> Iterator[str]:  # fmt: skip
    """Rows of values (:meth:`Export.rows`) as CSV under ``header``, in pieces of a few
    hundred rows; a list of names becomes one cell, joined by ``; ``, and None is empty.

    RFC 4180 quoting and line ends, so Excel and LibreOffice read it; ``bom`` starts it
    with a UTF-8 byte-order mark, without which Excel takes the file for Windows-1252.
    A text cell starting with ``= + - @`` (or a tab or carriage return) gets a ``'`` in
    front (:func:`guard_formula`) unless ``keep_formulas``: opened in a spreadsheet, the
    cell then shows its text instead of running it.
    """
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=delimiter)
    if bom:
        buffer.write(BOM)
    writer.writerow(header)
    lists = None  # the columns holding lists: the same in every row
    rows_written = 0
    starts = FORMULA_STARTS
    for row in rows:
        if lists is None:
            lists = [number for number, value in enumerate(row) if isinstance(value, tuple)]
        if lists:
            row = list(row)
            for number in lists:
                row[number] = LIST_SEPARATOR.join(row[number])
        if not keep_formulas:  # guard_formula, inlined: this runs for every cell
            row = [FORMULA_GUARD + value if value.__class__ is str and value[:1] in starts
                   else value for value in row]  # fmt: skip
        writer.writerow(row)
        rows_written += 1
        if rows_written % CSV_ROWS_PER_PIECE == 0:
            yield buffer.getvalue()
            buffer.seek(0)
            buffer.truncate()
    yield buffer.getvalue()


def jsonl_text(records: Iterable[Record]) -> Iterator[str]:
    """The records as JSON Lines (one object a line, UTF-8 as is), in pieces."""
    lines = []
    for record in records:
        lines.append(json.dumps(record, ensure_ascii=False))
        if len(lines) == CSV_ROWS_PER_PIECE:
            yield "\n".join(lines) + "\n"
            lines = []
    if lines:
        yield "\n".join(lines) + "\n"


def table_text(rows: Iterable[Sequence], header: Sequence[str], *, delimiter: str = ",",
               bom: bool = True, keep_formulas: bool = False) -> str:  # fmt: skip
    """A small table (facet counts, concordance lines) as one CSV text."""
    return "".join(csv_text(rows, header, delimiter=delimiter, bom=bom,
                            keep_formulas=keep_formulas))  # fmt: skip
