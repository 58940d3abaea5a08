"""Keyword in context: every occurrence of a query's words in the matching articles.

The occurrences are found as snippets find matched words (:mod:`search.snippets`): the
stored text is split into words as the index split it (``index.dutch.tokens``) and each
word goes through the same analyser, so a word occurs where the index says it does. A
phrase occurs where its words follow one another within its slop (word positions count
stop words, as the index's do), and is one occurrence from its first word to its last;
prefix, wildcard and fuzzy words occur as every word they stand for. Words under ``NOT``
are never occurrences.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from index.dutch.tokens import TOKEN_PATTERN, fold_accents
from index.errors import QueryError
from index.schema import SEARCH_FIELDS
from index.store.searching import expanded_terms
from search.export import iso_date
from search.queries import nodes

KWIC_SORTS = ("date", "oldest", "left", "right")
DEFAULT_WIDTH = 40
MAX_WIDTH = 500
_WHITESPACE = re.compile(r"\s+")


@dataclass(frozen=True)
class KwicLine:
    """One occurrence: the article, the text left of it, the match as written, the text
    right of it (white space collapsed), and where in the title or body it starts."""

    id: str
    date: str | None  # the day where the article has one
    month: str | None
    title: str
    field: str  # "title" or "body"
    offset: int  # character offset of the match in that field
    left: str
    match: str
    right: str

    def as_dict(self) -> dict:
        return {"id": self.id, "date": self.date, "month": self.month, "title": self.title,
                "field": self.field, "offset": self.offset, "left": self.left,
                "match": self.match, "right": self.right}  # fmt: skip


@dataclass(frozen=True)
class Concordance:
    """The lines of a query's occurrences, and how many articles matched.

    ``complete`` is False when ``limit`` cut the lines short.
    """

    query: str
    articles: int
    lines: tuple[KwicLine, ...]
    complete: bool = True

    def as_dict(self) -> dict:
        return {"query": self.query, "articles": self.articles, "complete": self.complete,
                "lines": [line.as_dict() for line in self.lines]}  # fmt: skip


def check_kwic_options(*, sort: str, width: int, limit: int | None) -> None:
    """Raise :class:`QueryError` naming the option that is out of range."""
    if sort not in KWIC_SORTS:
        raise QueryError(f"sort must be one of {', '.join(KWIC_SORTS)}, not {sort!r}",
                         parameter="sort")  # fmt: skip
    if not 1 <= width <= MAX_WIDTH:
        raise QueryError(f"width must be between 1 and {MAX_WIDTH}, not {width}",
                         parameter="width")  # fmt: skip
    if limit is not None and limit < 1:
        raise QueryError(f"limit must be 1 or more, not {limit}", parameter="limit")


@dataclass(frozen=True)
class MatchPatterns:
    """What counts as an occurrence: single terms, and phrases as ``(terms, slop)``."""

    terms: frozenset[str]
    phrases: tuple[tuple[tuple[str, ...], int], ...]

    @classmethod
    def of(cls, parsed: nodes.Query, reader, max_expansion: int) -> MatchPatterns:
        """The title and body terms and phrases of ``parsed``, outside any ``NOT``."""
        terms: set[str] = set()
        phrases: dict[tuple[tuple[str, ...], int], None] = {}

        def walk(node) -> None:
            if isinstance(node, nodes.Not):
                return
            if isinstance(node, nodes.AndNot):
                walk(node.a)
                return
            if isinstance(node, nodes.Phrase):
                if node.fieldname in SEARCH_FIELDS and node.words:
                    phrases[(tuple(_text(word) for word in node.words), node.slop)] = None
                return
            if isinstance(node, nodes.Term):
                if node.fieldname in SEARCH_FIELDS:
                    terms.add(_text(node.text))
                return
            if isinstance(node, nodes.MultiTerm):
                if node.field() in SEARCH_FIELDS:
                    for count, btext in enumerate(expanded_terms(node, reader)):
                        if count >= max_expansion:
                            break
                        terms.add(_text(btext))
                return
            for child in node.children():
                walk(child)

        walk(parsed)
        return cls(frozenset(terms), tuple(phrases))

    @property
    def wanted(self) -> frozenset[str]:
        """Every term that takes part in an occurrence."""
        return self.terms.union(word for words, _ in self.phrases for word in words)


def occurrences(text: str, patterns: MatchPatterns, analyse) -> list[tuple[int, int]]:
    """``(start, end)`` of each occurrence in ``text``, in text order, none overlapping.

    ``analyse`` is the index's word analyser (``(raw word, index_mode) -> (terms, stopped)``).
    """
    wanted = patterns.wanted
    if not text or not wanted:
        return []
    spans: list[tuple[int, int]] = []
    terms_at: dict[int, tuple[str, ...]] = {}  # word position -> its terms, for wanted words
    bounds: dict[int, tuple[int, int]] = {}
    for position, found in enumerate(TOKEN_PATTERN.finditer(text)):
        word_terms = analyse(found.group(), True)[0]
        if not wanted.isdisjoint(word_terms):
            terms_at[position] = word_terms
            bounds[position] = found.span()
            if not patterns.terms.isdisjoint(word_terms):
                spans.append(found.span())
    for words, slop in patterns.phrases:
        for position, word_terms in terms_at.items():
            if words[0] not in word_terms:
                continue
            last = _phrase_end(words, slop, position, terms_at)
            if last is not None:
                spans.append((bounds[position][0], bounds[last][1]))
    spans.sort(key=lambda span: (span[0], -span[1]))
    kept: list[tuple[int, int]] = []
    for start, end in spans:  # a word inside a phrase occurrence is part of it
        if not kept or start >= kept[-1][1]:
            kept.append((start, end))
    return kept


def _phrase_end(words: tuple[str, ...], slop: int, position: int,
                terms_at: dict[int, tuple[str, ...]]) -> int | None:  # fmt: skip
    """The position of the phrase's last word when it starts at ``position``, else None."""
    for word in words[1:]:
        following = next((p for p in range(position + 1, position + slop + 1)
                          if word in terms_at.get(p, ())), None)  # fmt: skip
        if following is None:
            return None
        position = following
    return position


def lines_of(stored: dict, patterns: MatchPatterns, analyse, width: int) -> list[KwicLine]:
    """The concordance lines of one article (its title first)."""
    found = []
    for field in SEARCH_FIELDS:
        text = stored.get(field) or ""
        for start, end in occurrences(text, patterns, analyse):
            left = _WHITESPACE.sub(" ", text[max(0, start - 2 * width) : start])[-width:]
            right = _WHITESPACE.sub(" ", text[end : end + 2 * width])[:width]
            found.append(KwicLine(
                id=stored.get("id", ""), date=iso_date(stored.get("date")),
                month=stored.get("month"), title=stored.get("title") or "", field=field,
                offset=start, left=left, match=_WHITESPACE.sub(" ", text[start:end]),
                right=right,
            ))  # fmt: skip
    return found


def concordance(articles: Iterable[dict], patterns: MatchPatterns, analyse, *,
                total_articles: int, width: int, sort: str, limit: int | None,
                query: str) -> Concordance:  # fmt: skip
    """The lines of ``articles`` (stored fields, in date order for ``date``/``oldest``)."""
    lines: list[KwicLine] = []
    complete = True
    for stored in articles:
        lines.extend(lines_of(stored, patterns, analyse, width))
        if sort in ("date", "oldest") and limit is not None and len(lines) > limit:
            break  # in order already: one line past the limit shows there are more
    if sort == "left":
        lines.sort(key=lambda line: (_words(line.left)[::-1], _fold(line.match),
                                     _words(line.right)))  # fmt: skip
    elif sort == "right":
        lines.sort(key=lambda line: (_words(line.right), _fold(line.match),
                                     _words(line.left)[::-1]))  # fmt: skip
    if limit is not None and len(lines) > limit:
        lines, complete = lines[:limit], False
    return Concordance(query=query, articles=total_articles, lines=tuple(lines),
                       complete=complete)  # fmt: skip


def _fold(text: str) -> str:
    return fold_accents(text.lower())


def _words(text: str) -> list[str]:
    """The words of ``text`` as sort keys: lowercase, accents folded, punctuation left out."""
    return TOKEN_PATTERN.findall(_fold(text))


def _text(value) -> str:
    return value.decode("utf-8") if isinstance(value, bytes) else value
