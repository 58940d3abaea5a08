"""Snowball Dutch stemming with a per-word cache.

snowballstemmer 3 has two Dutch algorithms: ``dutch`` (Kraaij-Pohlmann hybrid) and
``dutch_porter`` (the classic Dutch Porter). ``dutch`` over-stems news words that matter
(``ministers`` -> ``mini``, ``gemeente`` -> ``meen``, ``agenda's``-style plurals), so the
analyser uses ``dutch_porter``; docs/analysis.md has the measurements.
Stemmer objects hold C state and do not pickle, so analysers keep only the algorithm
name and look the stemmer up here.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import lru_cache

import snowballstemmer

from index.dutch.overrides import override_stemmer

DEFAULT_ALGORITHM = "dutch_porter"
DUTCH_ALGORITHMS = ("dutch_porter", "dutch")
CACHE_LIMIT = 400_000


@lru_cache(maxsize=16)
def stemmer_for(algorithm: str, *, overrides: bool = False) -> Callable[[str], str]:
    """A cached ``stem(word) -> str`` for a Snowball algorithm name (``"none"``: identity).

    With ``overrides`` the project's stemmer-override dictionary and rules
    (:mod:`index.dutch.overrides`) decide first and Snowball only stems what they leave.
    """
    if algorithm == "none":
        return lambda word: word
    stem_word = snowballstemmer.stemmer(algorithm).stemWord
    if overrides:
        stem_word = override_stemmer(algorithm, stem_word)
    cache: dict[str, str] = {}

    def stem(word: str) -> str:
        try:
            return cache[word]
        except KeyError:
            if len(cache) >= CACHE_LIMIT:
                cache.clear()
            result = cache[word] = stem_word(word)
            return result

    return stem
