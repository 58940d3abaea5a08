"""Splitting Dutch text into word tokens and normalising their spelling.

Words stay whole: ``agenda's`` is one token (its ``'s`` is dropped), ``2,5`` and
``17.00`` are numbers, ``G20`` is one token, soft hyphens inside words are ignored, and
hyphenated words (``Kremlin-woordvoerder``) are one token whose parts are split later.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator

# Letters with soft hyphens among them. Written as runs of a character class rather than
# ``(?:[^\W_]|\u00ad)*``: the same matches, and sre scans a class run far faster.
_LETTERS = r"[^\W_]+(?:\u00ad+[^\W_]*)*"
_WORD = rf"{_LETTERS}(?:['’]{_LETTERS})*"
# The lookahead only lets the scan skip faster over what starts no token.
TOKEN_PATTERN = re.compile(rf"(?=[^\W_])(?:\d+(?:[.,]\d+)+|{_WORD}(?:-{_WORD})*)")
_INVISIBLE = dict.fromkeys(map(ord, "\u00ad\u200b\u200c\u200d\u2060\ufeff"))
_APOSTROPHES = str.maketrans({"’": "'", "`": "'", "´": "'"})


def iter_tokens(text: str) -> Iterator[tuple[str, int, int]]:
    """Yield ``(raw token, start char, end char)`` for each word or number in ``text``.

    >>> [t for t, _, _ in iter_tokens("Kremlin-woordvoerder zei om 17.00 uur: agenda's!")]
    ['Kremlin-woordvoerder', 'zei', 'om', '17.00', 'uur', "agenda's"]
    """
    for match in TOKEN_PATTERN.finditer(text):
        yield match.group(), match.start(), match.end()


def fold_accents(word: str) -> str:
    """Remove diacritics: ``oekraïne`` -> ``oekraine``, ``geënt`` -> ``geent``.

    >>> fold_accents("België café geënt")
    'Belgie cafe geent'
    """
    if word.isascii():
        return word
    decomposed = unicodedata.normalize("NFKD", word)
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def normalise(raw: str, *, fold: bool = True) -> str:
    """Lowercase, drop invisible characters and a final ``'s``, and fold accents.

    >>> normalise("Agenda's"), normalise("Oekraïne"), normalise("z’n")
    ('agenda', 'oekraine', "z'n")
    """
    word = raw.translate(_INVISIBLE).translate(_APOSTROPHES).lower()
    if word.endswith("'s") and len(word) > 2:
        word = word[:-2]
    return fold_accents(word) if fold else word


def split_hyphenated(word: str) -> list[str]:
    """``kremlin-woordvoerder`` -> ``['kremlin', 'woordvoerder']`` (empty parts dropped)."""
    return [part for part in word.split("-") if part]
