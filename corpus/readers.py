"""Walking corpus folders and reading each supported file into articles.

Problems never stop a run: each is reported once through ``on_problem`` with the file
(and line) and the reason, and everything else is still read.
"""

from __future__ import annotations

import codecs
import csv
import fnmatch
import gzip
import io
import json
import os
import sys
import zlib
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

from corpus.article import Article, ReadProblem
from corpus.records import (
    EMPTY_DATE,
    FieldMap,
    fallback_title,
    record_fields,
    record_publisher,
    resolve_date,
)
from corpus.textformat import NO_HEADER, parse_seed_text

SAMPLE_CORPUS = Path(__file__).resolve().parent / "sample"
TEXT_SUFFIXES = (".txt",)
JSON_SUFFIXES = (".jsonl", ".ndjson", ".json")
TABLE_SUFFIXES = (".csv", ".tsv", ".tab")
SUPPORTED_SUFFIXES = TEXT_SUFFIXES + JSON_SUFFIXES + TABLE_SUFFIXES
SNIFF_BYTES = 1 << 20

ProblemHandler = Callable[[ReadProblem], None]
FieldsHandler = Callable[[str, str], None]

csv.field_size_limit(min(sys.maxsize, 2**31 - 1))


class FileProblem(Exception):
    """A whole file cannot be read; the message says why."""


def read_corpus(
    paths: Iterable[str | os.PathLike],
    *,
    on_problem: ProblemHandler | None = None,
    on_fields: FieldsHandler | None = None,
    exclude: Iterable[str] = (),
    undated_text: bool = False,
) -> Iterator[Article]:
    """Yield every article under ``paths`` (files or folders, walked recursively).

    ``on_problem`` receives a :class:`ReadProblem` for each unreadable file, record or
    header; ``on_fields(path, description)`` says which fields a JSON/CSV file was read by.
    ``exclude``: glob patterns of files and folders to leave out (:func:`excluded`);
    ``undated_text``: see :func:`read_file`.
    """
    report = on_problem or (lambda problem: None)
    patterns = tuple(exclude)
    for root in paths:
        root = Path(root)
        base = root.parent if root.is_file() else root
        for path in iter_corpus_files(root, report, exclude=patterns):
            yield from read_file(path, base=base, on_problem=report, on_fields=on_fields,
                                 undated_text=undated_text)  # fmt: skip


def excluded(relative: str, patterns: tuple[str, ...]) -> bool:
    """Whether a path (relative to the folder given, ``/``-separated) matches a pattern.

    A pattern matches the whole relative path or any one of its parts, so ``*.md``,
    ``SOURCE.txt``, ``drafts`` and ``2019/*.jsonl`` all do what they say.

    >>> excluded("greta/SOURCE.txt", ("SOURCE.txt",)), excluded("a/b.jsonl", ("*.md",))
    (True, False)
    """
    parts = relative.split("/")
    return any(fnmatch.fnmatchcase(relative, pattern)
               or any(fnmatch.fnmatchcase(part, pattern) for part in parts)
               for pattern in patterns)  # fmt: skip


def iter_corpus_files(root: Path, report: ProblemHandler, *,
                      exclude: tuple[str, ...] = ()) -> Iterator[Path]:  # fmt: skip
    """Supported files under ``root`` in a stable order, less those ``exclude`` matches;
    symlink loops are walked once."""
    if not root.exists():
        report(ReadProblem(str(root), "no such file or folder"))
        return
    if not root.is_dir():
        if not excluded(root.name, exclude):
            yield root
        return
    seen: set[tuple[int, int]] = set()

    def on_error(error: OSError) -> None:
        report(ReadProblem(str(error.filename or root), f"cannot list folder: {error.strerror}"))

    for folder, dirnames, filenames in os.walk(root, followlinks=True, onerror=on_error):
        try:
            info = os.stat(folder)
        except OSError:
            dirnames[:] = []
            continue
        if (info.st_dev, info.st_ino) in seen:
            dirnames[:] = []  # a symlink loop or a second link to a folder already read
            continue
        seen.add((info.st_dev, info.st_ino))
        here = Path(folder).relative_to(root).as_posix()
        inside = "" if here == "." else here + "/"
        dirnames[:] = sorted(d for d in dirnames
                             if not d.startswith(".") and not excluded(inside + d, exclude))
        for name in sorted(filenames):
            if name.startswith(".") or excluded(inside + name, exclude):
                continue
            path = Path(folder) / name
            if _format_of(path) is None:
                report(ReadProblem(str(path), "not a supported format (.txt, .jsonl, .csv, .tsv, "
                                   "optionally .gz)", kind="not a supported format"))
                continue
            yield path


def read_file(
    path: Path,
    *,
    base: Path | None = None,
    on_problem: ProblemHandler | None = None,
    on_fields: FieldsHandler | None = None,
    undated_text: bool = False,
) -> Iterator[Article]:
    """Yield the articles in one file; ids are relative to ``base`` where the file has none.

    A ``.txt`` file without a ``date YYYY-MM`` first line is a note (a README), reported
    and skipped, unless ``undated_text`` says to index it as an undated article.
    """
    report = on_problem or (lambda problem: None)
    base = base or path.parent
    try:
        relative = path.relative_to(base).as_posix()
    except ValueError:
        relative = path.name
    kind = _format_of(path)
    try:
        if kind == "text":
            yield from _read_text(path, relative, report, undated_text)
        elif kind == "json":
            yield from _read_json_lines(path, relative, report, on_fields)
        elif kind == "table":
            yield from _read_table(path, relative, report, on_fields)
        else:
            raise FileProblem("not a supported format")
    except FileProblem as problem:
        report(ReadProblem(str(path), str(problem)))
    except PermissionError:
        report(ReadProblem(str(path), "permission denied"))
    except (EOFError, gzip.BadGzipFile, zlib.error):
        report(
            ReadProblem(str(path), "compressed file is truncated or corrupt; read up to the damage")
        )
    except OSError as error:
        report(ReadProblem(str(path), f"cannot read: {error.strerror or error}"))


def _format_of(path: Path) -> str | None:
    name = path.name.lower()
    if name.endswith(".gz"):
        name = name[:-3]
    suffix = os.path.splitext(name)[1]
    if suffix in TEXT_SUFFIXES:
        return "text"
    if suffix in JSON_SUFFIXES:
        return "json"
    if suffix in TABLE_SUFFIXES:
        return "table"
    return None


def _open_binary(path: Path):
    if path.name.lower().endswith(".gz"):
        return gzip.open(path, "rb")
    return open(path, "rb")


def decode(data: bytes) -> tuple[str, str | None]:
    """Decode file bytes: UTF-8 (with or without BOM), UTF-16/32 by BOM, else Windows-1252.

    Returns ``(text, note)`` where ``note`` says when the text was not UTF-8.
    Raises FileProblem for binary data.
    """
    for bom, encoding in (
        (codecs.BOM_UTF32_LE, "utf-32"), (codecs.BOM_UTF32_BE, "utf-32"),
        (codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"),
        (codecs.BOM_UTF16_BE, "utf-16"),
    ):  # fmt: skip
        if data.startswith(bom):
            try:
                return data.decode(encoding), None
            except UnicodeDecodeError:
                raise FileProblem(f"invalid {encoding.upper()} text") from None
    if b"\x00" in data[:SNIFF_BYTES]:
        raise FileProblem("binary file (contains NUL bytes), not text")
    try:
        return data.decode("utf-8"), None
    except UnicodeDecodeError:
        pass
    text = data.decode("cp1252", errors="replace")
    return text, "not UTF-8; read as Windows-1252 (Latin-1)"


def _read_text(path: Path, relative: str, report: ProblemHandler,
               undated_text: bool) -> Iterator[Article]:  # fmt: skip
    with _open_binary(path) as handle:
        data = handle.read()
    text, note = decode(data)
    if note:
        report(ReadProblem(str(path), note, skipped=False))
    if not text.strip():
        raise FileProblem("empty file")
    title, body, month, date, problem = parse_seed_text(text)
    if problem and problem.startswith(NO_HEADER) and not undated_text:
        # A README or SOURCE.txt beside the articles is a note, not an undated article.
        report(ReadProblem(str(path), f"{NO_HEADER}: read as a note, not an article",
                           skipped=False, kind="text file without a date header"))  # fmt: skip
        return
    if problem:
        report(ReadProblem(str(path), problem, line=1, skipped=False))
    if not (title or body):
        raise FileProblem("no article text after the date header")
    yield Article(id=relative, title=title, body=body, month=month, date=date,
                  source=str(path), line=1)  # fmt: skip


def _read_json_lines(path: Path, relative: str, report: ProblemHandler,
                     on_fields: FieldsHandler | None) -> Iterator[Article]:  # fmt: skip
    described: set[FieldMap] = set()
    maps: dict[tuple, FieldMap] = {}
    with _open_binary(path) as handle:
        first = handle.peek(1)[:1] if hasattr(handle, "peek") else b""
        lines = _json_array_lines(handle) if first == b"[" else enumerate(handle, start=1)
        for number, raw in lines:
            if not raw.strip():
                continue
            try:
                record = json.loads(raw)
            except (json.JSONDecodeError, UnicodeDecodeError) as error:
                reason = getattr(error, "msg", None) or "not valid UTF-8"
                report(ReadProblem(str(path), f"broken JSON ({reason})", line=number,
                                   kind="broken JSON"))  # fmt: skip
                continue
            if not isinstance(record, dict):
                report(
                    ReadProblem(
                        str(path), f"not a JSON object but {type(record).__name__}", line=number
                    )
                )
                continue
            key = tuple(record)
            fields = maps.get(key) or maps.setdefault(key, FieldMap.for_names(record))
            if on_fields and fields not in described:
                described.add(fields)
                on_fields(str(path), fields.describe())
            article = _record_article(record, fields, path, relative, number, report)
            if article:
                yield article


def _json_array_lines(handle) -> Iterator[tuple[int, bytes]]:
    """A whole-file JSON array, one element at a time (line numbers are element numbers)."""
    text, _ = decode(handle.read())
    try:
        items = json.loads(text)
    except json.JSONDecodeError as error:
        raise FileProblem(f"broken JSON ({error.msg} at line {error.lineno})") from None
    for number, item in enumerate(items, start=1):
        yield number, json.dumps(item).encode()


def _read_table(path: Path, relative: str, report: ProblemHandler,
                on_fields: FieldsHandler | None) -> Iterator[Article]:  # fmt: skip
    with _open_binary(path) as raw:
        sample = raw.peek(SNIFF_BYTES)[:SNIFF_BYTES] if hasattr(raw, "peek") else b""
        encoding = _table_encoding(sample)
        if encoding != "utf-8" and encoding != "utf-8-sig" and not encoding.startswith("utf-16"):
            report(
                ReadProblem(str(path), "not UTF-8; read as Windows-1252 (Latin-1)", skipped=False)
            )
        handle = io.TextIOWrapper(raw, encoding=encoding, errors="replace", newline="")
        lower = path.name.lower().removesuffix(".gz")
        if lower.endswith((".tsv", ".tab")):
            rows = csv.reader(handle, delimiter="\t", quoting=csv.QUOTE_NONE)
        else:
            delimiter = _sniff_delimiter(sample.decode(encoding, "replace"))
            rows = csv.reader(handle, delimiter=delimiter)
        try:
            header = next(rows)
        except StopIteration:
            raise FileProblem("empty file") from None
        fields = FieldMap.for_names(header)
        if not (fields.title or fields.body):
            raise FileProblem(f"no title or text column in the header ({', '.join(header)[:120]})")
        if on_fields:
            on_fields(str(path), fields.describe())
        for row in rows:
            if not row or not any(cell.strip() for cell in row):
                continue
            if len(row) != len(header):
                reason = f"row has {len(row)} fields, header has {len(header)}"
                report(ReadProblem(str(path), reason, line=rows.line_num,
                                   kind="wrong number of fields"))  # fmt: skip
                continue
            record = dict(zip(header, row, strict=True))
            article = _record_article(record, fields, path, relative, rows.line_num, report)
            if article:
                yield article


def _table_encoding(sample: bytes) -> str:
    if sample.startswith(codecs.BOM_UTF8):
        return "utf-8-sig"
    if sample.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return "utf-16"
    if b"\x00" in sample:
        raise FileProblem("binary file (contains NUL bytes), not text")
    try:
        sample.decode("utf-8")
    except UnicodeDecodeError as error:
        if error.start < len(sample) - 4:  # not just a character cut by the sample's end
            return "cp1252"
    return "utf-8"


def _sniff_delimiter(sample: str) -> str:
    """The delimiter of a CSV file; quoting stays the standard double quote."""
    try:
        return csv.Sniffer().sniff(sample[:65536], delimiters=",;\t|").delimiter
    except csv.Error:
        return ","


def _record_article(record: dict, fields: FieldMap, path: Path, relative: str, number: int,
                    report: ProblemHandler) -> Article | None:  # fmt: skip
    ident, title, body, date_value = record_fields(record, fields)
    if not (title or body):
        report(ReadProblem(str(path), "record has no title and no text", line=number,
                           kind="no title and no text"))  # fmt: skip
        return None
    date, month, problem = resolve_date(date_value) if fields.date else (None, None, None)
    if problem:
        kind = "empty date" if problem == EMPTY_DATE else "bad date"
        report(ReadProblem(str(path), problem, line=number, skipped=False, kind=kind))
    return Article(
        id=ident or f"{relative}:{number}",
        title=fallback_title(title, body),
        body=body,
        month=month,
        date=date,
        source=str(path),
        line=number,
        publisher=record_publisher(record, fields),
    )
