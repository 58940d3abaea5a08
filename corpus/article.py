"""The article record every reader yields, and the problem record readers report."""

from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import dataclass


@dataclass(frozen=True)
class Article:
    """One news article as read from the corpus.

    ``id`` is stable across runs: the record's own id where the file has one, otherwise
    the file path relative to the corpus root (plus the line for multi-record files).
    ``month`` is ``YYYY-MM`` or None when the source gives no usable date. ``publisher``
    is the outlet where the record names one (a newspaper, a site), else empty.
    """

    id: str
    title: str
    body: str
    month: str | None = None
    date: dt.date | None = None
    source: str = ""
    line: int | None = None
    publisher: str = ""

    def fingerprint(self) -> str:
        """A short digest of the content, used to spot changed articles on re-indexing."""
        digest = hashlib.blake2b(digest_size=12)
        for part in (self.title, self.body, self.month or "", str(self.date or "")):
            digest.update(part.encode("utf-8", "surrogatepass"))
            digest.update(b"\x00")
        if self.publisher:  # (so articles without one keep the digest they had before it)
            digest.update(f"publisher\x00{self.publisher}".encode("utf-8", "surrogatepass"))
        return digest.hexdigest()


@dataclass(frozen=True)
class ReadProblem:
    """Something in the corpus that could not be read (fully); ``line`` is 1-based.

    ``kind`` names the sort of problem without its particulars (``"duplicate id"``), so
    many of one kind in one file can be told as one; it defaults to the reason itself.
    """

    path: str
    reason: str
    line: int | None = None
    skipped: bool = True
    kind: str = ""

    @property
    def group(self) -> str:
        """What problems of one sort share: ``kind``, else the reason."""
        return self.kind or self.reason

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}" if self.line else self.path
        return f"{where}: {self.reason}"
