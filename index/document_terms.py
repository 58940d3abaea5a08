"""The terms of a document's text fields, from one tokenisation of its title and body.

Whoosh's writer runs each field's analyser as a generator of tokens. At index time the
segment builder needs less: per field, each token's terms in order (a term's position is
its token's number). :func:`fused_fields` gives, per field with a
:class:`~index.analysis.DutchAnalyzer`, a table ``raw token -> term bytes`` (filled on first
sight of a token); one regular-expression pass per text gives the tokens. The vocabulary
(:mod:`index.store.vocabulary`) and the near-duplicate sketches (:mod:`index.duplicates`)
use the same tokens.

Each table is checked against its analyser on a sample first: a field whose terms would
differ is left to Whoosh's own path.

A segment numbers its distinct tokens (:class:`TokenCatalogue`): adding a document is then
one dictionary look-up per token, and what a token stands for (its terms, its vocabulary
words, its hash) is expanded for the whole segment at once, in numpy, when it is written.
"""

from __future__ import annotations

from array import array
from collections import Counter
from itertools import chain

import numpy as np

from index import analysis
from index.duplicates import word_hash
from index.dutch.tokens import TOKEN_PATTERN

FUSED_FIELDS = ("title", "body")
TABLE_LIMIT = 300_000  # raw tokens remembered per analyser before starting over
_CHECK_TEXT = (
    "De Oekraïense graantransporten en agenda's: Kremlin-woordvoerder Peskov zei om 17.00 uur "
    "dat 2,5 miljoen ton graan via de Zwarte Zee naar België en het VK ging. G20 ‘s avonds."
)
_TABLES: dict[tuple, _TermTable] = {}

tokenize = TOKEN_PATTERN.findall


class _TermTable(dict):
    """``raw token -> tuple of term bytes`` (empty for a stop word), filled on a miss."""

    def __init__(self, words) -> None:
        super().__init__()
        self._words = words

    def __missing__(self, raw: str) -> tuple[bytes, ...]:
        terms, stopped = self._words(raw, True)
        found = () if stopped else tuple(term.encode("utf-8") for term in terms)
        if len(self) >= TABLE_LIMIT:
            self.clear()
        self[raw] = found
        return found


class FusedField:
    """One field's term table; ``positional`` fields keep positions, the others counts."""

    def __init__(self, table: _TermTable, positional: bool) -> None:
        self.table = table
        self.positional = positional

    def terms(self, tokens: list[str]) -> dict[bytes, list[int]] | Counter:
        """``term -> positions`` (positional) or ``term -> count`` for a token list."""
        lookup = self.table.__getitem__
        if not self.positional:
            return Counter(chain.from_iterable(map(lookup, tokens)))
        found: dict[bytes, list[int]] = {}
        get = found.get
        for pos, terms in enumerate(map(lookup, tokens)):
            for term in terms:
                positions = get(term)
                if positions is None:
                    found[term] = [pos]
                else:
                    positions.append(pos)
        return found


def fused_fields(schema) -> dict[str, FusedField]:
    """The fields of :data:`FUSED_FIELDS` in ``schema`` whose terms the tables give exactly."""
    fused = {}
    for name in FUSED_FIELDS:
        if name in schema:
            field = _fused_field(schema[name])
            if field is not None:
                fused[name] = field
    return fused


def _fused_field(field) -> FusedField | None:
    kind = type(field.format).__name__
    if kind not in ("Positions", "StemPositions", "Frequency"):
        return None
    table = table_for(field.analyzer)
    return None if table is None else FusedField(table, kind != "Frequency")


def table_for(analyzer) -> _TermTable | None:
    """The term table of a :class:`~index.analysis.DutchAnalyzer`, shared by every field
    with the same settings; None when the table would not give the analyser's own terms."""
    if type(analyzer) is not analysis.DutchAnalyzer:
        return None
    try:
        key = analyzer.word_analyser()
        table = _TABLES.get(key)
        if table is None:
            table = _TermTable(key)
        expected: dict[bytes, list[int]] = {}
        for token in analyzer(_CHECK_TEXT, positions=True, mode="index"):
            expected.setdefault(token.text.encode("utf-8"), []).append(token.pos)
        found = FusedField(table, True).terms(tokenize(_CHECK_TEXT))
        if found != expected:
            return None
    except Exception:  # a half-edited analyser: use Whoosh's own path
        return None
    _TABLES[key] = table
    return table


class TokenCatalogue(dict):
    """``raw token -> number`` for one segment's title and body tokens, numbered on first
    sight, and what each number stands for: its terms in each fused field
    (:attr:`fields`, one :class:`Expansion` per term table), its vocabulary words
    (:attr:`words`) and its word hash (:attr:`hashes`, :func:`index.duplicates.word_hash`).

    ``tables``: the fused fields' term tables (:func:`fused_fields`); ``words``: the
    vocabulary's table (:func:`table_for` of :func:`index.schema.surface_analyzer`), or None.
    """

    def __init__(self, tables: dict[str, _TermTable], words: _TermTable | None = None) -> None:
        super().__init__()
        shared: dict[int, Expansion] = {}  # fields with one analyser share one expansion
        self.fields = {name: shared.setdefault(id(table), Expansion(table))
                       for name, table in tables.items()}  # fmt: skip
        self.words = None if words is None else Expansion(words)
        self._expansions = [*shared.values(), *([self.words] if self.words else [])]
        self.hashes = array("I")

    def __missing__(self, raw: str) -> int:
        number = self[raw] = len(self)
        for expansion in self._expansions:
            expansion.add(raw)
        self.hashes.append(word_hash(raw))
        return number

    def numbers(self, text: str) -> list[int]:
        """The number of each token of ``text``, in order."""
        return list(map(self.__getitem__, tokenize(text)))


class Expansion:
    """What one term table gives each token number, kept as flat arrays; the terms (bytes)
    are numbered too, in order of first sight."""

    def __init__(self, table: _TermTable) -> None:
        self._table = table
        self.counts: list[int] = []  # per token number: how many terms (0: a stop word)
        self._starts = array("q")  # per token number: where its terms start in _items
        self._items = array("i")  # term numbers
        self._numbers: dict[bytes, int] = {}

    def add(self, raw: str) -> None:
        """Give the next token number the terms of ``raw``."""
        numbers = self._numbers
        self._starts.append(len(self._items))
        terms = self._table[raw]
        self.counts.append(len(terms))
        for term in terms:
            number = numbers.get(term)
            if number is None:
                number = numbers[term] = len(numbers)
            self._items.append(number)

    def length(self, tokens: list[int]) -> int:
        """How many terms the tokens numbered ``tokens`` have in all."""
        return sum(map(self.counts.__getitem__, tokens))

    def names(self) -> list[bytes]:
        """Each term number's term."""
        return list(self._numbers)

    def expand(self, tokens: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """``(terms, counts)``: the term numbers of each token of ``tokens`` in turn, and
        how many each token has."""
        counts = np.array(self.counts, dtype=np.intc)[tokens]
        starts = np.frombuffer(self._starts, dtype=np.int64)[tokens]
        starts -= np.cumsum(counts) - counts
        index = np.repeat(starts, counts)
        index += np.arange(len(index))
        return np.frombuffer(self._items, dtype=np.intc)[index], counts
