"""Prefix and wildcard words (``klimaat*``, ``kl?maat``) matched against the words as written.

Title and body are indexed as stems, so a pattern compared with the indexed terms misses
words whose stem is shorter than the pattern (``klimaat*`` against the stem ``klimat``).
As a Lucene prefix query on an unstemmed field does, a pattern here matches the index's
vocabulary of words as written (lowercase, accents folded: :mod:`index.store.vocabulary`); each
matching word then stands for its own indexed term, so the hits are ranked by BM25F like
any other words, and snippets mark them.
"""

from __future__ import annotations

import bisect
import fnmatch
import re
from collections.abc import Iterable

from index.dutch.tokens import fold_accents

WILDCARDS = "*?"


class SurfaceVocabulary:
    """The words of one index generation, sorted, and the term each is indexed as."""

    def __init__(self, words: Iterable[str], field) -> None:
        """``field``: the Whoosh text field whose analyser made the indexed terms."""
        self._words = sorted(words)
        self._field = field
        self._terms: dict[str, str | None] = {}

    def matching(self, pattern: str) -> Iterable[str]:
        """The words matching ``pattern`` (``*``: any letters, ``?``: one), in order.

        >>> list(SurfaceVocabulary(["klimaat", "klimaten", "klimop"], None).matching("klima*"))
        ['klimaat', 'klimaten']
        """
        pattern = fold_accents(pattern.lower())
        fixed = re.split(r"[*?]", pattern, maxsplit=1)[0]
        start = bisect.bisect_left(self._words, fixed)
        whole = None if fixed == pattern[:-1] and pattern.endswith("*") else pattern
        matcher = re.compile(fnmatch.translate(whole)).match if whole else None
        for word in self._words[start:]:
            if not word.startswith(fixed):
                break
            if matcher is None or matcher(word):
                yield word

    def term(self, word: str) -> str | None:
        """The indexed term of ``word`` (its stem), or None for a stop word."""
        if word not in self._terms:
            terms = list(self._field.process_text(word, mode="query"))
            self._terms[word] = terms[0] if terms else None  # the whole word; parts follow
        return self._terms[word]
