"""Dutch compound splitting, learned from word frequencies (Koehn & Knight style).

A word is cut into a modifier and a head (``graantransporten`` -> graan, transporten;
``oorlogsmisdaad`` -> oorlog, misdaad, dropping the linking ``s``, ``e`` or ``en``) when
both are known Dutch words (in the OpenTaal lemma file) and their geometric-mean frequency
beats the whole word's own (Koehn & Knight: the parts say more than the whole). A word
that is itself frequent (``MAX_SPLIT_FREQUENCY``) is never split: ``belangrijk`` is not
about ``rijk``, nor ``hoogleraar`` about a ``leraar``. Frequencies come from the
``wordfreq`` Dutch list, so the splitter is data, not a hand list. The parts and their
frequencies ship as ``index/dutch/data/nl_parts.tsv.gz``, every word's frequency down to
``MIN_PART_FREQUENCY`` as ``index/dutch/data/nl_words.tsv.gz`` (both rebuilt by
``python tools/build_word_tables.py compounds``), so the analysis does not change with the installed
``wordfreq`` version and loads in a blink.
Guards against over-splitting: parts of at least three letters (and then common
words), no prefix or particle as modifier (``ver|klaring``, ``be|reiken``,
``samen|werking``), no suffix-like head (``-schap``, ``-heid``, ``-eert``, ``-waardig``),
and only words of eight letters or more. Results are cached per word.

Part of the analysis: changing anything here changes ``ANALYSIS_VERSION``.
"""

from __future__ import annotations

import gzip
import math
from collections.abc import Callable
from functools import lru_cache
from pathlib import Path

from index.dutch.stopwords import DUTCH_STOP_WORDS
from index.dutch.tokens import fold_accents

MIN_WORD = 8
MIN_MODIFIER = 3
MIN_HEAD = 3
MIN_PART_FREQUENCY = 1e-6
MIN_SHORT_PART_FREQUENCY = 2e-5  # three-letter parts must be common words (not "wan")
# A split must beat WHOLE_WORD_WEIGHT x the whole word's frequency (Koehn & Knight: 1), and
# a word at least MAX_SPLIT_FREQUENCY frequent stays whole. Chosen on the dev halves of
# bench.known_item and bench.matching (docs/analysis.md).
WHOLE_WORD_WEIGHT = 1.0
MAX_SPLIT_FREQUENCY = 3e-6
LINKS = ("", "s", "en", "e")
CACHE_LIMIT = 300_000
# Modifiers that make derivations or particle verbs rather than compounds.
NOT_MODIFIERS = frozenset("""
aan af op uit over voor door onder om mee na toe samen terug weg tegen achter bij in
ver be ge ont her er mis tentoon ten des daar hier waar zelf wel niet mede
""".split()) | DUTCH_STOP_WORDS
# Heads that are suffixes or inflections in disguise.
NOT_HEADS = frozenset("""
heid heden schap schappen lijk lijke baar bare ling lingen ning ingen isch ische tje tjes
ende enden erij erijen ster sters aars ers ties tie atie aties eren ende ter der ming
eer eert eerd eerde eerden den ten
waardig waardige matig matige vormig vormige
""".split()) | DUTCH_STOP_WORDS  # the last line: adjective-making suffixoids (hoog|waardig)


PARTS_FILE = Path(__file__).resolve().parent / "data" / "nl_parts.tsv.gz"
WORDS_FILE = Path(__file__).resolve().parent / "data" / "nl_words.tsv.gz"


@lru_cache(maxsize=4)
def _lexicon(fold: bool) -> dict[str, float]:
    """Word -> frequency of the splitter's parts (accent-folded when the analyser folds)."""
    return _read_frequencies(PARTS_FILE, fold)


@lru_cache(maxsize=4)
def _whole_words(fold: bool) -> dict[str, float]:
    """Word -> frequency of every word the splitter may be asked to split."""
    return _read_frequencies(WORDS_FILE, fold)


def _read_frequencies(path: Path, fold: bool) -> dict[str, float]:
    # word<TAB>frequency lines (each word once: write_table writes a dict), neither with
    # white space inside: one split reads them all.
    fields = gzip.decompress(path.read_bytes()).decode("utf-8").split()
    lexicon = dict(zip(fields[::2], map(float, fields[1::2]), strict=True))
    if fold:  # only the few words with accents change (``search query`` loads this)
        for word in [word for word in lexicon if not word.isascii()]:
            frequency = lexicon.pop(word)
            key = fold_accents(word)
            lexicon[key] = max(frequency, lexicon.get(key, 0.0))
    return lexicon


def best_split(word: str, lexicon: dict[str, float],
               whole: dict[str, float] | None = None) -> list[str]:  # fmt: skip
    """``[modifier, head]`` for a compound, ``[]`` otherwise.

    ``lexicon`` holds the possible parts, ``whole`` every word's frequency (default:
    ``lexicon``); a word as frequent as its parts, or frequent at all, stays whole.

    >>> best_split("oorlogsmisdaad", {"oorlog": 2e-4, "misdaad": 3e-5})
    ['oorlog', 'misdaad']
    >>> best_split("belangrijk", {"belang": 4e-5, "rijk": 2e-4}, {"belangrijk": 2e-4})
    []
    """
    if len(word) < MIN_WORD or not word.isalpha():
        return []
    own = (lexicon if whole is None else whole).get(word, 0.0)
    if own >= MAX_SPLIT_FREQUENCY:
        return []
    best: list[str] = []
    best_score = own * WHOLE_WORD_WEIGHT
    for cut in range(MIN_MODIFIER, len(word) - MIN_HEAD + 1):
        head = word[cut:]
        head_frequency = lexicon.get(head)
        if head_frequency is None or head in NOT_HEADS:
            continue
        # A modifier that is a word as it stands keeps its ending (kranten, drugs, pers).
        links = ("",) if word[:cut] in lexicon else LINKS
        for link in links:
            if not word[:cut].endswith(link) or cut - len(link) < MIN_MODIFIER:
                continue
            modifier = word[: cut - len(link)] if link else word[:cut]
            frequency = lexicon.get(modifier)
            if frequency is None or modifier in NOT_MODIFIERS:
                continue
            score = math.sqrt(frequency * head_frequency)
            if score > best_score:
                best, best_score = [modifier, head], score
    return best


def compound_splitter(*, fold: bool = True) -> Callable[[str], list[str]]:
    """A per-word cached ``split(word) -> parts``; the lexicon loads on the first call."""
    cache: dict[str, list[str]] = {}
    lexicon: dict[str, float] = {}
    whole: dict[str, float] = {}

    def split(word: str) -> list[str]:
        if len(word) < MIN_WORD:  # too short to split: no need to load the lexicons
            return []
        found = cache.get(word)
        if found is None:
            if not lexicon:
                lexicon.update(_lexicon(fold))
                whole.update(_whole_words(fold))
            if len(cache) >= CACHE_LIMIT:
                cache.clear()
            found = cache[word] = best_split(word, lexicon, whole)
        return found

    return split
