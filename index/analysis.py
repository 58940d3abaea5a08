"""The Dutch analyser used at index and at query time.

``tokenize -> lowercase -> fold accents -> stop words -> stem (overrides first)``, plus
compound parts at index time, fused into one Whoosh analyser with a per-word cache (a news
archive has a small vocabulary next to its token count).

At index time a hyphenated word yields its parts *and* the joined form at the same position
(``Kremlin-woordvoerder`` -> kremlin, woordvoerder, kremlinwoordvoerder), and a compound
yields its parts after itself at the same position (``graantransporten`` ->
graantransport, graan, transport). At query time words are not split: the joined form of
a hyphenated word matches both spellings, a part (``graan``) finds the compounds indexed
with it, and a whole compound still matches itself. Only rare compounds are split (see
:mod:`index.dutch.compounds`), so ``rijk`` does not find ``belangrijk``.

Every word is also indexed as written (folded, marked with ``SURFACE_MARK``: ``rechters``
-> rechter, =rechters), and :mod:`search.queries` asks for a query word's stem *or* its
exact form (mode ``query-exact``), so an article with the very word a reader typed ranks
above one with another inflection, and stemming still finds the others.
docs/analysis.md has the measurements behind each step.

Whoosh pickles the analyser into every index's schema by import path, so this class
stays at ``index.analysis.DutchAnalyzer`` and holds plain settings only.
"""

from __future__ import annotations

from whoosh.analysis import Analyzer, Token

from index.dutch.compounds import compound_splitter
from index.dutch.stemming import DEFAULT_ALGORITHM, stemmer_for
from index.dutch.stopwords import DUTCH_STOP_WORDS
from index.dutch.tokens import iter_tokens, normalise, split_hyphenated

# 2026.12-1: exact forms beside stems, Koehn & Knight splits. 2026.12-2: lemma-file and
# Snowball classes that merged unrelated words (buurt/buren, jongen/jong, luide/lui), no
# adjective suffixoid heads (hoog|waardig). 2026.12-3: words in -s of their own (hemels,
# loods), -en nouns with an -s plural (deken), verb forms of adjectives and numerals
# (luidt, gevierd) kept apart
ANALYSIS_VERSION = "2026.12-3"
WORD_CACHE_LIMIT = 300_000


class DutchAnalyzer(Analyzer):
    """Dutch words to index terms; settings only, so it pickles into the index.

    >>> [t.text for t in DutchAnalyzer()("De Oekraïense graantransporten en agenda's")]
    ['oekraien', 'graantransport', 'agenda']
    """

    # Analysers pickled before these settings existed had none of these steps.
    overrides = False
    compounds = False
    surface = False

    def __init__(self, *, stemmer: str = DEFAULT_ALGORITHM, stem: bool = True,
                 stopwords: bool = True, fold: bool = True, overrides: bool = True,
                 compounds: bool = True, surface: bool = True,
                 version: str = ANALYSIS_VERSION) -> None:  # fmt: skip
        self.stemmer = stemmer if stem else "none"
        self.stopwords = stopwords
        self.fold = fold
        self.overrides = overrides and stem
        self.compounds = compounds
        self.surface = surface and stem
        self.version = version

    def __repr__(self) -> str:
        return (f"DutchAnalyzer(stemmer={self.stemmer!r}, stopwords={self.stopwords}, "
                f"fold={self.fold}, overrides={self.overrides}, "
                f"compounds={self.compounds}, surface={self.surface}, "
                f"version={self.version!r})")  # fmt: skip

    def settings(self) -> dict:
        """The settings that decide which terms come out (recorded in the index)."""
        return {"stemmer": self.stemmer, "stopwords": self.stopwords, "fold": self.fold,
                "overrides": self.overrides, "compounds": self.compounds,
                "surface": self.surface, "version": self.version}  # fmt: skip

    def word_analyser(self, *, exact: bool = True):
        """The cached ``(raw word, index_mode) -> (terms, stopped)`` of these settings
        (``exact=False``: without the exact-form terms, which mark no other word)."""
        return _word_analyser(self.stemmer, self.stopwords, self.fold, self.overrides,
                              self.compounds, self.surface and exact)  # fmt: skip

    def terms(self, text: str, *, mode: str = "query") -> list[str]:
        """The terms this analyser makes of ``text`` (``mode`` is ``"index"`` or ``"query"``)."""
        return [t.text for t in self(text, mode=mode)]

    def __call__(self, value, positions=False, chars=False, keeporiginal=False,
                 removestops=True, start_pos=0, start_char=0, tokenize=True, mode="",
                 **kwargs):  # fmt: skip
        token = Token(positions, chars, removestops=removestops, mode=mode, **kwargs)
        words = self.word_analyser(exact=mode != INDEX_STEMS)
        if not tokenize:
            # Wildcard, prefix and fuzzy text: normalise, but do not stem a partial word.
            token.text = normalise(value, fold=self.fold)
            token.original = value
            token.stopped = False
            token.boost = 1.0
            token.pos, token.startchar = start_pos, start_char
            token.endchar = start_char + len(value)
            yield token
            return
        # Index mode adds compound and hyphen parts; query mode adds compound parts (so a
        # query word finds what its parts are indexed as, and AND of the parts is implied by
        # the word itself); phrase mode keeps every word whole so positions line up.
        index_mode = True if mode in INDEX_MODES else mode if mode in QUERY_MODES else False
        pos = start_pos
        for raw, start, end in iter_tokens(value):
            terms, stopped = words(raw, index_mode)
            if stopped and removestops:
                pos += 1
                continue
            token.stopped = stopped
            token.boost = 1.0
            if keeporiginal:
                token.original = raw
            if chars:
                token.startchar, token.endchar = start_char + start, start_char + end
            for text in terms:
                token.text = text
                if positions:
                    token.pos = pos
                yield token
            pos += 1


QUERY_PARTS = "query"  # the word analyser's mode for query words: the word and its parts
QUERY_EXACT = "query-exact"  # ... and the word as written (search.queries reads it)
QUERY_MODES = (QUERY_PARTS, QUERY_EXACT)
INDEX_STEMS = "index-stems"  # the index terms without exact forms: what snippets mark
INDEX_MODES = ("index", INDEX_STEMS)
SURFACE_MARK = "="  # starts the term of a word as written; no token starts with it
_ANALYSERS: dict[tuple, object] = {}


def _word_analyser(stemmer: str, stopwords: bool, fold: bool, overrides: bool, compounds: bool,
                   surface: bool):  # fmt: skip
    """A cached ``(raw word, index_mode) -> (terms, stopped)`` for one set of settings."""
    key = (stemmer, stopwords, fold, overrides, compounds, surface)
    analyse = _ANALYSERS.get(key)
    if analyse is None:
        analyse = _ANALYSERS[key] = _make_word_analyser(*key)
    return analyse


def _make_word_analyser(stemmer: str, stopwords: bool, fold: bool, overrides: bool,
                        compounds: bool, surface: bool):  # fmt: skip
    stem = stemmer_for(stemmer, overrides=overrides)
    stops = DUTCH_STOP_WORDS if stopwords else frozenset()
    # The splitter (and its lexicon) loads on the first index-time word, never for queries.
    split = compound_splitter(fold=fold) if compounds else None
    cache: dict[tuple[str, bool], tuple[tuple[str, ...], bool]] = {}

    def stem_term(word: str) -> str:
        # Numbers and codes stay whole; isalpha() first spares most words the digit scan.
        if word.isalpha() or not any(c.isdigit() for c in word):
            return stem(word)
        return word

    def index_terms(word: str) -> list[str]:
        terms = [stem_term(word)]
        if split is not None:
            terms += [stem_term(part) for part in split(word) if part not in stops]
        return terms

    def exact(word: str, index_mode: bool | str) -> list[str]:
        # The word as written (folded), marked apart from stems: an article with the exact
        # form scores above one with another inflection. Numbers are never stemmed.
        if not surface or index_mode not in (True, QUERY_EXACT) or not word.isalpha():
            return []
        return [SURFACE_MARK + word]

    def analyse(raw: str, index_mode: bool | str) -> tuple[tuple[str, ...], bool]:
        key = (raw, index_mode)
        found = cache.get(key)
        if found is not None:
            return found
        word = normalise(raw, fold=fold)
        if word in stops:
            result = ((word,), True)
        elif "-" in word:
            parts = split_hyphenated(word)
            joined = stem_term("".join(parts))
            exact_terms = exact("".join(parts), index_mode)
            if index_mode is True:
                extra = [t for p in parts if p not in stops for t in index_terms(p)]
                result = (tuple(dict.fromkeys([*extra, joined, *exact_terms])), False)
            else:
                result = ((joined, *exact_terms), False)
        elif index_mode:  # index or query: the word, its compound parts (and exact form)
            result = (tuple(dict.fromkeys([*index_terms(word), *exact(word, index_mode)])), False)
        else:
            result = ((stem_term(word),), False)
        if len(cache) >= WORD_CACHE_LIMIT:
            cache.clear()
        cache[key] = result
        return result

    return analyse
