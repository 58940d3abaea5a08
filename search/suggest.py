""" "Did you mean": correcting query words from the index's own vocabulary.

Each plain query word that the index does not know (or barely knows) is replaced by
the most frequent indexed word within the fewest edits (Damerau-Levenshtein, at most
one edit for short words and two for longer ones). Operators, phrases' quotes, field
filters and words the index knows stay as they are.
"""

from __future__ import annotations

import re

from index.tokens import normalise

VOCABULARY_FIELD = "words"
# A word in fewer documents than this, with a correction in far more, is corrected too.
RARE_DOCUMENTS = 2
BETTER_BY = 20
_OPERATORS = frozenset({"AND", "OR", "NOT", "ANDNOT", "ANDMAYBE", "TO"})
_QUERY_WORD = re.compile(
    r"(?P<field>\b\w+:(?:\"[^\"]*\"|\[[^\]]*\]|\S+))|(?P<word>[^\W\d_][\w'’\-]*[~*]?\d*)"
)


def suggest_query(reader, text: str) -> str | None:
    """A corrected version of ``text``, or None when no word needs correcting."""
    changed = False
    pieces: list[str] = []
    last = 0
    for match in _QUERY_WORD.finditer(text):
        word = match.group("word")
        pieces.append(text[last : match.start()])
        last = match.end()
        if word is None or word in _OPERATORS or word[-1] in "~*" or word[-1].isdigit():
            pieces.append(match.group(0))
            continue
        replacement = correct_word(reader, word)
        if replacement is None:
            pieces.append(word)
        else:
            pieces.append(_match_case(word, replacement))
            changed = True
    pieces.append(text[last:])
    return "".join(pieces) if changed else None


def correct_word(reader, word: str) -> str | None:
    """The best indexed replacement for ``word``, or None if it is fine as it is."""
    key = normalise(word)
    if len(key) < 3 or "-" in key:
        return None
    known = reader.doc_frequency(VOCABULARY_FIELD, key)
    if known >= RARE_DOCUMENTS:
        return None
    best: tuple[int, int, str] | None = None
    for maxdist in (1, 2) if len(key) > 4 else (1,):
        for candidate in _within(reader, key, maxdist):
            if candidate == key:
                continue
            frequency = reader.doc_frequency(VOCABULARY_FIELD, candidate)
            rank = (maxdist, -frequency, candidate)
            if best is None or rank < best:
                best = rank
        if best is not None:
            break
    if best is None:
        return None
    frequency = -best[1]
    if known and frequency < known * BETTER_BY:
        return None
    return best[2]


def _within(reader, key: str, maxdist: int):
    """Indexed words within ``maxdist`` edits; first letter kept, then free."""
    found = set(reader.terms_within(VOCABULARY_FIELD, key, maxdist, prefix=1))
    if not found:
        found = set(reader.terms_within(VOCABULARY_FIELD, key, maxdist, prefix=0))
    return found


def _match_case(original: str, replacement: str) -> str:
    if original.isupper() and len(original) > 1:
        return replacement.upper()
    if original[:1].isupper():
        return replacement[:1].upper() + replacement[1:]
    return replacement
