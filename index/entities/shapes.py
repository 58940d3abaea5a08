"""Word-shape tests the rules share: acronyms, initials, compounds, cue words."""

from __future__ import annotations

from functools import lru_cache

from index.entities import lexicon

# Endings of adjectives and languages derived from names (``Russische``, ``Vlaamse``).
ADJECTIVE_ENDINGS = ("se", "sch", "sche", "isch", "ees")
# Inhabitants and members, not names: ``Indiër``, ``Egyptenaren``, ``Cubanen``, ``VLD'er``,
# ``Statenleden``, ``Brinkstraatbewoner``.
DEMONYM_ENDINGS = ("iër", "iërs", "enaar", "enaren", "anen", "'er", "'ers", "’er", "’ers",
                   "leden", "bewoner", "bewoners", "gangers", "strijders")  # fmt: skip
_MAX_ACRONYM = 6
_NAME_PREFIXES = ("Mc", "Mac", "O'", "D'", "L'", "De", "Di", "Da", "La", "Le", "Van", "Ver")
# Cue words long enough to recognise at the end of a compound (``Kremlinwoordvoerder``,
# ``GroenLinksleider``).
_CUE_SUFFIXES = tuple(cue for cue in lexicon.PERSON_CUES if len(cue) >= 7) + (
    "leider",
    "topman",
    "voorman",
)
# The rules ask about the same words again and again (names recur): answers are remembered.
_WORDS_REMEMBERED = 1 << 16


@lru_cache(maxsize=_WORDS_REMEMBERED)
def is_acronym(word: str) -> bool:
    """True for ``NAVO``, ``G20``, ``CD&V``: two to six capitals, digits or ``&``.

    >>> is_acronym("NAVO"), is_acronym("G20"), is_acronym("Navo"), is_acronym("2000")
    (True, True, False, False)
    """
    letters = word.replace("&", "").replace(".", "")
    return (
        2 <= len(letters) <= _MAX_ACRONYM
        and letters.isalnum()
        and letters.upper() == letters
        and not letters.isdigit()
    )


def is_initial(word: str) -> bool:
    """True for initials such as ``J.`` or ``J.P.``."""
    return len(word) >= 2 and word.endswith(".") and word.replace(".", "").isupper()


def is_compound_common(word: str) -> bool:
    """True for a hyphenated word with a lowercase part: ``Kremlin-woordvoerder``."""
    return "-" in word and any(part[:1].islower() for part in word.split("-")[1:])


@lru_cache(maxsize=_WORDS_REMEMBERED)
def is_person_cue(word: str) -> bool:
    """True for ``president`` and compounds ending in a cue: ``Kremlin-woordvoerder``.

    >>> is_person_cue("Kremlinwoordvoerder"), is_person_cue("Poetin")
    (True, False)
    """
    lower = word.lower()
    if lower in lexicon.PERSON_CUES:
        return True
    tail = lower.rsplit("-", 1)[-1]
    if tail != lower and tail in lexicon.PERSON_CUES:
        return True
    return len(lower) > 9 and lower.endswith(_CUE_SUFFIXES)


def is_plural_person_cue(word: str) -> bool:
    """True for the plural of a cue in ``-ers`` or ``-en``: ``Kamervoorzitters``,
    ``Presidenten`` (not ``Presidents``, English, as in ``Presidents Park``).

    >>> is_plural_person_cue("Kamervoorzitters"), is_plural_person_cue("Presidents")
    (True, False)
    """
    lower = word.lower()
    if lower.endswith("ers") and len(lower) > 5:
        return is_person_cue(lower[:-1])
    return lower.endswith("en") and len(lower) > 5 and is_person_cue(lower[:-2])


def has_inner_capital(word: str) -> bool:
    """True for ``QuizPeople`` and ``eBay``-like brand names, not for ``McRae``."""
    if word.isupper() or word.startswith(_NAME_PREFIXES):
        return False
    return any(c.isupper() and word[i - 1].islower() for i, c in enumerate(word) if i > 0)


def cue_kind(word: str) -> str:
    """What a lowercase noun just before a name says it names: ``"org"``
    (``stichting``, ``modezaak``, ``energiebedrijf``), ``"place"`` (``stad``,
    ``havenstad``, ``woonwijk``), ``"work"`` (a title or a ship: ``tv-programma``,
    ``speelfilm``, ``cruiseschip``), else ``""``.

    >>> cue_kind("energiebedrijf"), cue_kind("havenstad"), cue_kind("tv-programma")
    ('org', 'place', 'work')
    """
    if word in lexicon.PLACE_CUE_WORDS:
        return "place"
    if word in lexicon.ORG_CUE_WORDS:
        return "org"
    if len(word) < 5:
        return ""
    if word.endswith(lexicon.WORK_CUE_ENDINGS):
        return "work"
    if word.endswith(lexicon.ORG_CUE_ENDINGS):
        return "place" if word in lexicon.VENUE_CENTRES else "org"
    if len(word) > 7 and word.endswith(lexicon.PLACE_CUE_ENDINGS):
        return "place"
    return ""
