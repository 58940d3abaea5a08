"""The seed text format: ``date YYYY-MM`` then the article; the title is derived."""

from __future__ import annotations

import re

from corpus.dates import parse_date

HEADLINE_MAX_CHARS = 150
TITLE_MAX_CHARS = 200

_HEADER = re.compile(r"^\s*date\b[ \t]*(\S*)[ \t]*(.*)$", re.IGNORECASE)
_PARAGRAPH_BREAK = re.compile(r"\n[ \t]*\n\s*")
# A sentence ends at . ! or ? (optionally closed by a quote or bracket) followed by space
# and a capital, digit or opening quote.
_SENTENCE_END = re.compile(r"[.!?][\"'”’)]*\s+(?=[\"'“‘(A-ZÀ-Ý0-9])")
_ABBREVIATIONS = frozenset(
    "dhr mevr mr dr drs ir ing prof st o.a b.v bijv d.w.z m.a.w e.d enz resp ca nr jl blz vs"
    .split()
)


NO_HEADER = "no 'date YYYY-MM' header on the first line"


class HeaderProblem(ValueError):
    """The date header is missing or unusable; the article is still read."""


def parse_seed_text(text: str) -> tuple[str, str, str | None, object, str | None]:
    """Split a seed-format document into ``(title, body, month, date, problem)``.

    ``problem`` is None or a one-line reason why no month could be taken from the header.

    >>> parse_seed_text(" date 2022-11 Graandeal\\n\\nErdogan sprak met Poetin.")[:3]
    ('Graandeal', 'Erdogan sprak met Poetin.', '2022-11')
    """
    text = text.replace("\r\n", "\n").replace("\r", "\n").lstrip("\ufeff")
    first_line, _, rest = text.partition("\n")
    header = _HEADER.match(first_line)
    month = date = problem = None
    if header is None:
        problem = f"{NO_HEADER}; indexed without a month"
        content = text
    else:
        try:
            date, month = parse_date(header.group(1))
        except ValueError as error:
            problem = f"bad date header ({error}); indexed without a month"
        content = header.group(2) + "\n" + rest
    title, body = split_title(content)
    return title, body, month, date, problem


def split_title(content: str) -> tuple[str, str]:
    """Return ``(title, body)``: a short stand-alone first line, else the first sentence."""
    paragraphs = [p.strip() for p in _PARAGRAPH_BREAK.split(content.strip()) if p.strip()]
    if not paragraphs:
        return "", ""
    first = paragraphs[0]
    if (
        len(paragraphs) > 1
        and "\n" not in first
        and len(first) <= HEADLINE_MAX_CHARS
        and not first.endswith(".")
    ):
        return first, "\n\n".join(paragraphs[1:])
    return first_sentence(first), "\n\n".join(paragraphs)


def first_sentence(text: str) -> str:
    """The first sentence of ``text``, cut at a word boundary when very long."""
    text = " ".join(text.split())
    for match in _SENTENCE_END.finditer(text):
        words = text[: match.start()].rsplit(None, 1)
        last_word = words[-1].lower() if words else ""
        if last_word in _ABBREVIATIONS or (len(last_word) == 1 and last_word.isalpha()):
            continue
        if text[match.start()] == "." and text[match.start() - 1 : match.start()].isdigit():
            if text[match.end() : match.end() + 1].isdigit():
                continue
        text = text[: match.start() + 1]
        break
    if len(text) > TITLE_MAX_CHARS:
        text = text[:TITLE_MAX_CHARS].rsplit(" ", 1)[0] + "…"
    return text
