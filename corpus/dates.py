"""Parsing the many ways news files write a publication date."""

from __future__ import annotations

import datetime as dt
import re

MIN_YEAR, MAX_YEAR = 1000, 2999

_ISO = re.compile(r"^(\d{4})-(\d{1,2})(?:-(\d{1,2}))?(?:[T ].*)?$")
_SLASHED = re.compile(r"^(\d{4})/(\d{1,2})/(\d{1,2})(?:[T ].*)?$")
_DUTCH = re.compile(r"^(\d{1,2})[-/.](\d{1,2})[-/.](\d{4})(?:[T ].*)?$")
_COMPACT = re.compile(r"^(\d{4})(\d{2})(\d{2})$")
_NUMBER = re.compile(r"^-?\d+(?:\.\d+)?$")


def parse_date(value: object) -> tuple[dt.date | None, str]:
    """Return ``(date or None, "YYYY-MM")`` for a date value, or raise ValueError.

    Accepts ISO dates and timestamps (``2019-03-05``, ``2019-03-05T10:00:00Z``), bare
    months (``2019-03``), ``2019/03/05``, Dutch ``05-03-2019``, ``20190305`` and Unix
    timestamps in seconds or milliseconds.

    >>> parse_date("2019-03-05T10:00:00Z")
    (datetime.date(2019, 3, 5), '2019-03')
    >>> parse_date("2022-11")
    (None, '2022-11')
    """
    if isinstance(value, bool) or value is None:
        raise ValueError(f"not a date: {value!r}")
    if isinstance(value, (int, float)):
        return _from_timestamp(float(value))
    text = str(value).strip()
    if not text:
        raise ValueError("empty date")
    match = _ISO.match(text) or _SLASHED.match(text)
    if match:
        year, month, day = match.group(1), match.group(2), match.group(3)
        return _checked(int(year), int(month), int(day) if day else None, text)
    match = _DUTCH.match(text)
    if match:
        return _checked(int(match.group(3)), int(match.group(2)), int(match.group(1)), text)
    match = _COMPACT.match(text)
    if match:
        return _checked(int(match.group(1)), int(match.group(2)), int(match.group(3)), text)
    if _NUMBER.match(text):
        return _from_timestamp(float(text))
    raise ValueError(f"not a date: {text[:40]!r}")


def _checked(year: int, month: int, day: int | None, text: str) -> tuple[dt.date | None, str]:
    if not MIN_YEAR <= year <= MAX_YEAR:
        raise ValueError(f"year out of range in {text[:40]!r}")
    if not 1 <= month <= 12:
        raise ValueError(f"month out of range in {text[:40]!r}")
    date = None
    if day is not None:
        try:
            date = dt.date(year, month, day)
        except ValueError:
            raise ValueError(f"day out of range in {text[:40]!r}") from None
    return date, f"{year:04d}-{month:02d}"


def _from_timestamp(seconds: float) -> tuple[dt.date | None, str]:
    if abs(seconds) > 1e11:  # milliseconds since the epoch
        seconds /= 1000.0
    try:
        moment = dt.datetime.fromtimestamp(seconds, tz=dt.timezone.utc)
    except (OverflowError, OSError, ValueError):
        raise ValueError(f"timestamp out of range: {seconds!r}") from None
    return _checked(moment.year, moment.month, moment.day, str(seconds))
