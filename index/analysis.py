"""The Dutch analyser used at index and at query time.

``tokenize -> lowercase -> fold accents -> stop words -> stem``, fused into one Whoosh
analyser with a per-word cache (a news archive has a small vocabulary next to its token
count). At index time a hyphenated word yields its parts *and* the joined form at the
same position (``Kremlin-woordvoerder`` -> kremlin, woordvoerder, kremlinwoordvoerder);
at query time it yields the joined form only, which matches both spellings.

Whoosh pickles the analyser into every index's schema by import path, so this class
stays at ``index.analysis.DutchAnalyzer`` and holds plain settings only.
"""

from __future__ import annotations

from whoosh.analysis import Analyzer, Token

from index.stemming import DEFAULT_ALGORITHM, stemmer_for
from index.stopwords import DUTCH_STOP_WORDS
from index.tokens import iter_tokens, normalise, split_hyphenated

ANALYSIS_VERSION = "2026.11-1"
WORD_CACHE_LIMIT = 300_000


class DutchAnalyzer(Analyzer):
    """Dutch words to index terms; settings only, so it pickles into the index.

    >>> [t.text for t in DutchAnalyzer()("De Oekraïense graantransporten en agenda's")]
    ['oekraien', 'graantransport', 'agenda']
    """

    def __init__(self, *, stemmer: str = DEFAULT_ALGORITHM, stem: bool = True,
                 stopwords: bool = True, fold: bool = True,
                 version: str = ANALYSIS_VERSION) -> None:  # fmt: skip
        self.stemmer = stemmer if stem else "none"
        self.stopwords = stopwords
        self.fold = fold
        self.version = version

    def __repr__(self) -> str:
        return (f"DutchAnalyzer(stemmer={self.stemmer!r}, stopwords={self.stopwords}, "
                f"fold={self.fold}, version={self.version!r})")  # fmt: skip

    def settings(self) -> dict:
        """The settings that decide which terms come out (recorded in the index)."""
        return {"stemmer": self.stemmer, "stopwords": self.stopwords, "fold": self.fold,
                "version": self.version}  # fmt: skip

    def terms(self, text: str, *, mode: str = "query") -> list[str]:
        """The terms this analyser makes of ``text`` (``mode`` is ``"index"`` or ``"query"``)."""
        return [t.text for t in self(text, mode=mode)]

    def __call__(self, value, positions=False, chars=False, keeporiginal=False,
                 removestops=True, start_pos=0, start_char=0, tokenize=True, mode="",
                 **kwargs):  # fmt: skip
        token = Token(positions, chars, removestops=removestops, mode=mode, **kwargs)
        words = _word_analyser(self.stemmer, self.stopwords, self.fold)
        if not tokenize:
            # Wildcard, prefix and fuzzy text: normalise, but do not stem a partial word.
            token.text = normalise(value, fold=self.fold)
            token.original = value
            token.stopped = False
            token.boost = 1.0
            token.pos, token.startchar, token.endchar = start_pos, start_char, start_char + len(value)
            yield token
            return
        index_mode = mode == "index"
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


_ANALYSERS: dict[tuple, object] = {}


def _word_analyser(stemmer: str, stopwords: bool, fold: bool):
    """A cached ``(raw word, index_mode) -> (terms, stopped)`` for one set of settings."""
    key = (stemmer, stopwords, fold)
    analyse = _ANALYSERS.get(key)
    if analyse is None:
        analyse = _ANALYSERS[key] = _make_word_analyser(stemmer, stopwords, fold)
    return analyse


def _make_word_analyser(stemmer: str, stopwords: bool, fold: bool):
    stem = stemmer_for(stemmer)
    stops = DUTCH_STOP_WORDS if stopwords else frozenset()
    cache: dict[tuple[str, bool], tuple[tuple[str, ...], bool]] = {}

    def stem_term(word: str) -> str:
        return word if any(c.isdigit() for c in word) else stem(word)

    def analyse(raw: str, index_mode: bool) -> tuple[tuple[str, ...], bool]:
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
            if index_mode:
                extra = [stem_term(p) for p in parts if p not in stops]
                result = (tuple(dict.fromkeys([*extra, joined])), False)
            else:
                result = ((joined,), False)
        else:
            result = ((stem_term(word),), False)
        if len(cache) >= WORD_CACHE_LIMIT:
            cache.clear()
        cache[key] = result
        return result

    return analyse
