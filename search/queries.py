"""Turning a user's query text and options into Whoosh queries.

Syntax (Whoosh's, through the Dutch analyser): words are ANDed; ``OR``, ``NOT``,
``"phrases"``, ``prefix*``, ``fuzzy~`` (``~2`` for two edits), ``(groups)`` and
``field:term`` for title, body, month, date, id and each facet of names (person, place,
org, publisher: :data:`index.facets.NAME_FACETS`). Readings that
are lenient on purpose: a dangling operator (``graan AND``, ``OR graan``) is ignored,
an unclosed quote or bracket is read as plain words, an unknown ``field:`` is read as
plain words, and ``*`` alone matches every article.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass

from whoosh import fields
from whoosh import query as nodes  # the query model: ranking and the engine evaluate it
from whoosh.qparser import (
    AndGroup,
    FuzzyTermPlugin,
    MultifieldPlugin,
    PhrasePlugin,
    QueryParser,
    SingleQuotePlugin,
)
from whoosh.qparser.syntax import attach

from index.analysis import QUERY_EXACT, SURFACE_MARK
from index.errors import QueryError
from index.facets import NAME_FACET_NAMES, NAME_FACETS
from index.schema import SEARCH_FIELDS, name_facet_fields
from index.store.searching import expanded_terms
from search.patterns import SurfaceVocabulary

QUERY_FIELDS = ("title", "body", "month", "date", *NAME_FACET_NAMES, "id")
SORTS = ("relevance", "date", "oldest")
COUNTS = ("articles", "groups")  # what facets count: every copy, or near-duplicates once
MAX_QUERY_CHARS = 2_000
MAX_LIMIT = 1_000
MAX_RESULT_WINDOW = 100_000
MAX_FACETS = 1_000
MAX_EXPANSION = 1_024  # like Lucene's clause limit: a pattern may stand for this many words
MAX_NESTING = 32
MAX_FUZZY_EXPANSION = 50
# The weight of a query word's exact form next to its stem (both match an article that has
# the word as written). Chosen on the dev halves of bench.known_item.
EXACT_BOOST = 1.0
_MONTH = re.compile(r"^\d{4}-(0[1-9]|1[0-2])$")
_DAY = re.compile(r"^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$")
INTERVALS = ("day", "week", "month", "year")


def _with_facet_filters(cls):
    """Add a ``tuple[str, ...]`` option, default empty, per facet of names (the registry's)."""
    for name in NAME_FACET_NAMES:
        cls.__annotations__[name] = "tuple[str, ...]"
        setattr(cls, name, ())
    return cls


@dataclass(frozen=True)
@_with_facet_filters
class QueryOptions:
    """Validated options of one query (the CLI's flags, the library's keywords).

    Besides these, one option per facet of names (``person``, ``place``, ``org``,
    ``publisher``): the values an article must have (see :meth:`facet_filters`).
    """

    text: str = ""
    since: str | None = None
    until: str | None = None
    month: str | None = None
    sort: str = "relevance"
    limit: int = 10
    page: int = 1
    facets: int = 10
    collapse: bool = False  # one hit per group of near-duplicates
    count: str = "articles"
    timeline: str | None = None  # an interval: day, week, month or year

    def facet_filters(self) -> list[tuple[str, tuple[str, ...]]]:
        """``[(facet, values), ...]``: each an article must match, in registry order.

        An article has many values of a facet such as ``person`` (each value given is one
        more condition) but one of a facet such as ``publisher`` (the values given are
        alternatives: one condition).
        """
        found = []
        for facet in NAME_FACETS:
            values = getattr(self, facet.name)
            if facet.multiple:
                found += [(facet.name, (value,)) for value in values]
            elif values:
                found.append((facet.name, values))
        return found

    def __post_init__(self) -> None:
        if len(self.text) > MAX_QUERY_CHARS:
            raise QueryError(
                f"query is {len(self.text)} characters; the limit is {MAX_QUERY_CHARS}"
            )
        if self.month is not None and not _MONTH.match(self.month):
            raise QueryError(f"month must be a month as YYYY-MM, not {self.month!r}",
                             parameter="month")  # fmt: skip
        for name in ("since", "until"):
            value = getattr(self, name)
            if value is not None and not (_MONTH.match(value) or _is_day(value)):
                raise QueryError(f"{name} must be a month as YYYY-MM or a day as YYYY-MM-DD, "
                                 f"not {value!r}", parameter=name)  # fmt: skip
            if value is not None and value < "0001":
                raise QueryError(f"{name} {value!r} is before the year 1", parameter=name)
        if self.since and self.until and _order_key(self.since) > _order_key(self.until, last=True):
            raise QueryError(f"since {self.since} comes after until {self.until}",
                             parameter="since")  # fmt: skip
        if self.sort not in SORTS:
            raise QueryError(f"sort must be one of {', '.join(SORTS)}, not {self.sort!r}",
                             parameter="sort")  # fmt: skip
        if not 1 <= self.limit <= MAX_LIMIT:
            raise QueryError(f"limit must be between 1 and {MAX_LIMIT}, not {self.limit}",
                             parameter="limit")  # fmt: skip
        if self.page < 1:
            raise QueryError(f"page must be 1 or more, not {self.page}", parameter="page")
        if self.page * self.limit > MAX_RESULT_WINDOW:
            raise QueryError(
                f"page {self.page} with limit {self.limit} goes past result "
                f"{MAX_RESULT_WINDOW:,}; narrow the query instead", parameter="page",
            )  # fmt: skip
        if not 0 <= self.facets <= MAX_FACETS:
            raise QueryError(f"facets must be between 0 and {MAX_FACETS}, not {self.facets}",
                             parameter="facets")  # fmt: skip
        if self.timeline is not None and self.timeline not in INTERVALS:
            raise QueryError(f"timeline must be one of {', '.join(INTERVALS)}, not "
                             f"{self.timeline!r}", parameter="timeline")  # fmt: skip
        if self.count not in COUNTS:
            raise QueryError(f"count must be one of {', '.join(COUNTS)}, not {self.count!r}",
                             parameter="count")  # fmt: skip


class _WholeWordPhraseNode(PhrasePlugin.PhraseNode):
    """A phrase analysed in ``phrase`` mode: compound words stay whole, so the words'
    positions line up with the indexed ones (query mode adds compound parts). Stop words
    left out of a phrase (``"oorlog in Oekraïne"``) widen its slop by the gaps they leave.
    """

    def query(self, parser):
        fieldname = self.fieldname or parser.fieldname
        field = parser.schema[fieldname]
        start = self.textstartchar
        words, char_ranges, positions = [], [], []
        for token in field.tokenize(self.text, mode="phrase", chars=True, positions=True):
            words.append(token.text)
            char_ranges.append((start + token.startchar, start + token.endchar))
            positions.append(token.pos)
        gaps = sum(b - a - 1 for a, b in zip(positions, positions[1:], strict=False))
        phrase = parser.phraseclass(fieldname, words, slop=self.slop + gaps, boost=self.boost,
                                    char_ranges=char_ranges)  # fmt: skip
        return attach(phrase, self)


class _WholeWordPhraseTagger(PhrasePlugin.PhraseTagger):
    def create(self, parser, match):
        slop = match.group("slop")
        return _WholeWordPhraseNode(match.group("text"), match.start("text"),
                                    int(slop) if slop else 1)  # fmt: skip


class _WholeWordPhrasePlugin(PhrasePlugin):
    def taggers(self, parser):
        return [(_WholeWordPhraseTagger(self.expr), 0)]


class _DutchParser(QueryParser):
    """Whoosh's parser, reading a compound query word as "the word, or all its parts".

    The analyser gives a query word followed by its compound parts (``graandeal`` ->
    graandeal, graan, deal). Articles that contain the word contain its parts as indexed
    terms too, so ``graandeal OR (graan AND deal)`` finds every article with the word and
    also those that write it apart, and a wrong split (``gesprekken`` -> gesprek + ken)
    never loses an article.
    """

    def term_query(self, fieldname, text, termclass, boost=1.0, tokenize=True,
                   removestops=True):  # fmt: skip
        field = self.schema[fieldname] if self.schema and fieldname in self.schema else None
        if field is None or field.self_parsing() or not isinstance(field, fields.TEXT):
            return super().term_query(fieldname, text, termclass, boost, tokenize, removestops)
        texts = list(field.process_text(text, mode=QUERY_EXACT, tokenize=tokenize,
                                        removestops=removestops))  # fmt: skip
        if not texts:
            return None
        exact = [t for t in texts if t.startswith(SURFACE_MARK)]
        word, *parts = [t for t in texts if not t.startswith(SURFACE_MARK)]
        alternatives = [termclass(fieldname, word, boost=boost)]
        if len(parts) >= 2:  # one part stems like the word itself: the word says it all
            alternatives.append(nodes.And([termclass(fieldname, p, boost=boost) for p in parts]))
        alternatives += [termclass(fieldname, t, boost=boost * EXACT_BOOST) for t in exact]
        return alternatives[0] if len(alternatives) == 1 else nodes.Or(alternatives)


def query_parser(schema: fields.Schema) -> QueryParser:
    """A parser over title and body that only knows the public fields.

    A facet field an older index lacks is parsed as this version declares it (and matches
    nothing there).
    """
    declared = name_facet_fields()
    public = fields.Schema(**{name: schema[name] if name in schema else declared[name]
                              for name in QUERY_FIELDS})  # fmt: skip
    parser = _DutchParser(None, public, group=AndGroup)
    parser.add_plugin(MultifieldPlugin(list(SEARCH_FIELDS)))
    parser.remove_plugin_class(SingleQuotePlugin)  # headlines quote with ' all the time
    parser.remove_plugin_class(PhrasePlugin)
    parser.add_plugin(_WholeWordPhrasePlugin())
    parser.add_plugin(FuzzyTermPlugin())
    return parser


_LEADING_OPERATOR = re.compile(r"^\s*(?:(?:AND|OR|ANDNOT|ANDMAYBE)\s+)+")
_TRAILING_OPERATOR = re.compile(r"(?:\s+(?:AND|OR|NOT|ANDNOT|ANDMAYBE))+\s*$")
_ONLY_OPERATORS = re.compile(r"^\s*(?:(?:AND|OR|NOT|ANDNOT|ANDMAYBE)\s*)+$")


def parse_text(schema: fields.Schema, text: str) -> nodes.Query:
    """The query for ``text``; an empty text matches every article."""
    if not text.strip():
        return nodes.Every()
    if _ONLY_OPERATORS.match(text):
        raise QueryError(f"the query {text!r} has only operators and no words to search for")
    text = _TRAILING_OPERATOR.sub("", _LEADING_OPERATOR.sub("", text))
    depth = _nesting(text)
    if depth > MAX_NESTING:
        raise QueryError(f"brackets are nested {depth} deep; at most {MAX_NESTING}")
    try:
        parsed = query_parser(schema).parse(text)
    except Exception as error:  # Whoosh's parser raises bare exceptions on odd input
        raise QueryError(f"cannot read the query {_short(text)}: {type(error).__name__}") from None
    _check_patterns(parsed)
    return parsed


def _nesting(text: str) -> int:
    depth = deepest = 0
    for char in text:
        if char == "(":
            depth += 1
            deepest = max(deepest, depth)
        elif char == ")" and depth:
            depth -= 1
    return deepest


def _short(text: str) -> str:
    return repr(text if len(text) <= 60 else text[:57] + "...")


def bound_patterns(parsed: nodes.Query, reader,
                   vocabulary: Callable[[], SurfaceVocabulary] | None = None) -> nodes.Query:
    """Make pattern terms cheap to run, or refuse them with a clear message.

    ``*`` on a field becomes "every article" (Whoosh would union every posting list);
    prefix and wildcard terms may stand for at most ``MAX_EXPANSION`` words; fuzzy terms get
    at most ``auto_fuzziness`` edits and their ``MAX_FUZZY_EXPANSION`` most frequent
    neighbours sharing the first letter, as Lucene and Elasticsearch do. With
    ``vocabulary`` (called once, when a pattern on title or body needs it), such patterns
    match the words as written and become their indexed terms (:mod:`search.patterns`).
    """
    found: list[SurfaceVocabulary] = []

    def words() -> SurfaceVocabulary:
        if not found:
            found.append(vocabulary())
        return found[0]

    def rewrite(node):
        if isinstance(node, nodes.Every):
            return nodes.Every()
        if isinstance(node, nodes.FuzzyTerm):
            return _bounded_fuzzy(node, reader)
        if isinstance(node, (nodes.Prefix, nodes.Wildcard)) and vocabulary is not None \
                and node.fieldname in SEARCH_FIELDS:  # fmt: skip
            return _surface_pattern(node, words())
        if isinstance(node, nodes.MultiTerm):
            for count, _ in enumerate(expanded_terms(node, reader), start=1):
                if count > MAX_EXPANSION:
                    raise _too_many(node.text)
            return node
        return node.apply(rewrite)

    return rewrite(parsed)


def _surface_pattern(node: nodes.PatternQuery, vocabulary: SurfaceVocabulary) -> nodes.Query:
    """The indexed terms of the words matching ``node``'s pattern, OR-ed (scored)."""
    pattern = node.text + "*" if isinstance(node, nodes.Prefix) else node.text
    terms: dict[str, None] = {}
    for count, word in enumerate(vocabulary.matching(pattern), start=1):
        if count > MAX_EXPANSION:
            raise _too_many(pattern)
        term = vocabulary.term(word)
        if term is not None:
            terms[term] = None
    if not terms:
        return nodes.NullQuery
    found = [nodes.Term(node.fieldname, term, boost=node.boost) for term in terms]
    return nodes.Or(found) if len(found) > 1 else found[0]


def _too_many(pattern: str) -> QueryError:
    return QueryError(f"{pattern!r} matches more than {MAX_EXPANSION:,} different words; "
                      "add letters to narrow it", parameter="text")  # fmt: skip


def auto_fuzziness(word: str) -> int:
    """Edits a fuzzy term may make: none up to 2 letters, 1 up to 5, else 2."""
    return 0 if len(word) <= 2 else 1 if len(word) <= 5 else 2


def _bounded_fuzzy(node: nodes.FuzzyTerm, reader) -> nodes.Query:
    maxdist = min(node.maxdist, auto_fuzziness(node.text))
    if maxdist == 0:
        return nodes.Term(node.fieldname, node.text, boost=node.boost)
    # The first letter is kept (Whoosh's automaton walk is 15x slower without it).
    prefix = max(node.prefixlength, 1)
    found = reader.terms_within(node.fieldname, node.text, maxdist, prefix=prefix)
    words = sorted(
        (str(word) for word in found),
        key=lambda word: (word != node.text, -reader.doc_frequency(node.fieldname, word), word),
    )[:MAX_FUZZY_EXPANSION]
    if not words:
        return nodes.NullQuery
    return nodes.Or([nodes.Term(node.fieldname, word, boost=node.boost) for word in words])


def _check_patterns(parsed: nodes.Query) -> None:
    for node in parsed.leaves():
        if isinstance(node, (nodes.Prefix, nodes.Wildcard)):
            bare = node.text.replace("*", "").replace("?", "")
            if len(bare) < 2:
                raise QueryError(
                    f"the pattern {node.text!r} is too broad: "
                    "give at least two letters before * or ?"
                )
        if isinstance(node, nodes.FuzzyTerm) and node.maxdist > 2:
            raise QueryError(f"fuzzy {node.text}~{node.maxdist}: at most 2 edits (~2)")


def month_filters(options: QueryOptions) -> list[nodes.Query]:
    """Filters for ``--month``, ``--since`` and ``--until`` (inclusive; months, or days)."""
    filters: list[nodes.Query] = []
    if options.month:
        filters.append(nodes.Term("month", options.month))
    days = [value for value in (options.since, options.until) if value and _DAY.match(value)]
    if days:  # to the day: a range of the date column (an article dated by month only
        # stands on its month's first day, as it does when sorted)
        start = _first_day(options.since) if options.since else None
        end = _last_day(options.until) if options.until else None
        filters.append(nodes.DateRange(
            "date", start and dt.datetime.combine(start, dt.time()),
            end and dt.datetime.combine(end, dt.time.max)))  # fmt: skip
    elif options.since or options.until:
        filters.append(nodes.TermRange("month", options.since, options.until))
    return filters


def _is_day(value: str) -> bool:
    if not _DAY.match(value):
        return False
    try:
        dt.date.fromisoformat(value)
    except ValueError:  # 2019-02-30
        return False
    return True


def _order_key(value: str, *, last: bool = False) -> str:
    """A month or day as the ``YYYY-MM-DD`` string of its first (or last) day, for
    comparing bounds (a month's last day as ``-31``: no day sorts after it)."""
    return value if len(value) == 10 else f"{value}-{'31' if last else '01'}"


def _first_day(value: str) -> dt.date:
    """The first day ``value`` (a month or a day) covers."""
    return dt.date.fromisoformat(value if len(value) == 10 else f"{value}-01")


def _last_day(value: str) -> dt.date:
    """The last day ``value`` (a month or a day) covers."""
    if len(value) == 10:
        return dt.date.fromisoformat(value)
    year, month = int(value[:4]), int(value[5:7])
    following = dt.date(year + month // 12, month % 12 + 1, 1)
    return following - dt.timedelta(days=1)


def entity_filter(kind: str, keys: set[str]) -> nodes.Query:
    """Documents with any of ``keys`` (one canonical value and its aliases) in the facet of
    names ``kind`` (an entity type or another, such as ``publisher``)."""
    if kind not in NAME_FACET_NAMES:
        raise QueryError(f"unknown facet {kind!r}")
    terms = [nodes.Term(kind, key) for key in sorted(keys)]
    return terms[0] if len(terms) == 1 else nodes.Or(terms)
