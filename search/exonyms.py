"""English names of countries and cities with their Dutch names (exonyms), from CLDR.

A name typed the English way is often not a spelling of the Dutch one at all: ``Russia`` is
``Rusland``, ``Spain`` is ``Spanje``, ``Vienna`` is ``Wenen``. No spelling rule reaches
those, so "did you mean" looks them up in the Unicode CLDR data that babel ships
(Unicode licence): the English and Dutch names of every territory (``Locale.territories``)
and the Dutch exemplar cities of the time zones (``Locale.time_zones``; the English city is
CLDR's English one or the zone's own name, ``Europe/Prague`` -> ``Prague``). Nothing is
downloaded; the table is built once per process (about 0.1 s) on the first word that needs
it.

>>> exonyms()[("north", "korea")]
('Noord-Korea',)
"""

from __future__ import annotations

import functools
import re

from index.tokens import normalise

MAX_WORDS = 3  # longer English names ("Bosnia & Herzegovina" is 3 words) are left out
_WORD = re.compile(r"[^\W\d_]+")


def name_key(name: str) -> tuple[str, ...]:
    """The words of a name, lowercase and without accents: ``St. Kitts`` -> ``('st', 'kitts')``."""
    return tuple(normalise(word) for word in _WORD.findall(name))


@functools.cache
def exonyms() -> dict[tuple[str, ...], tuple[str, ...]]:
    """``English name words -> Dutch names as CLDR writes them`` (only where they differ)."""
    from babel import Locale

    english, dutch = Locale("en"), Locale("nl")
    pairs = [(name, dutch.territories.get(code)) for code, name in english.territories.items()]
    for zone, names in dutch.time_zones.items():
        city = names.get("city")
        if city:
            known = english.time_zones.get(zone, {}).get("city")
            pairs.append((known or zone.rsplit("/", 1)[-1].replace("_", " "), city))
    table: dict[tuple[str, ...], list[str]] = {}
    for english_name, dutch_name in pairs:
        key = name_key(english_name)
        if dutch_name and 0 < len(key) <= MAX_WORDS and key != name_key(dutch_name):
            found = table.setdefault(key, [])
            if dutch_name not in found:
                found.append(dutch_name)
    return {key: tuple(names) for key, names in table.items()}
