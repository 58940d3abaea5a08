""" "Did you mean": correcting query words from the index's own vocabulary.

Each plain query word that the index does not know (or barely knows) is replaced by the
indexed word a noisy-channel score likes best: a weighted edit distance (cheap for the
typos people make: swapped, doubled or dropped letters, vowel mix-ups, and Dutch sound-alike
spellings such as ij/ei, au/ou, d/t/dt, c/k/s, ph/f, g/ch) minus a bonus that grows with the
candidate's document frequency. Two adjacent words whose join is a known word that is more
common than the pair together (``klimaat activist``) become that word. Operators, phrase
quotes, field filters and words the index knows stay as they are. A name typed the
English way (``Putin``, ``Ukraine``) also meets its Dutch spelling (``Poetin``,
``Oekraine``) through a few spelling rewrites, its Dutch name when it is no spelling of it
(``Spain`` -> ``Spanje``, ``North Korea`` -> ``Noord-Korea``: :mod:`search.exonyms`), and
transliterations with other vowels (``Muhammad`` -> ``Mohammed``). When the query has
several words, the caller may pass a check that a query ``finds`` articles: the
best-scoring combination of candidates that finds any wins, names tried first as phrases
(``Ed Nipels`` -> ``Ed Nijpels``, not ``Ed Napels``; ``Benny Gatz`` -> ``Benny Gantz``).

The vocabulary (the index's unstemmed words with document frequencies, see
:mod:`index.store.vocabulary`) is a :class:`Vocabulary` with lazily built candidate buckets; the
engine keeps one per index generation (:class:`search.generation.Generation`), so a
suggestion costs a few thousand dictionary look-ups rather than a scan of the words.
"""

from __future__ import annotations

import bisect
import math
import re
import threading
from collections import defaultdict

import numpy as np

from index.dutch.stopwords import DUTCH_STOP_WORDS
from index.dutch.tokens import normalise
from index.store.facetfile import (
    pack_strings,
    read_reader_cache,
    segment_words,
    unpack_strings,
    write_reader_cache,
)
from search.exonyms import MAX_WORDS, exonyms, name_key, other_names

VOCABULARY_CACHE_VERSION = 102  # the cache file of the vocabulary (the facets use their own)
# A word in fewer documents than this, with a correction in far more, is corrected too.
RARE_DOCUMENTS = 2
BETTER_BY = 20
# Score = weighted edits - FREQUENCY_WEIGHT * ln(document frequency); lower is better.
FREQUENCY_WEIGHT = 0.1
MAX_COST = 2.0
# Join two query words when the joined word is in at least 1/JOIN_RATIO of the rarer's documents.
JOIN_RATIO = 10
# With no candidate at all, compare with every word sharing the first half (compounds).
PREFIX_SCAN_MIN = 8
_OPERATORS = frozenset({"AND", "OR", "NOT", "ANDNOT", "ANDMAYBE", "TO"})
_QUERY_WORD = re.compile(
    r"(?P<field>\b\w+:(?:\"[^\"]*\"|\[[^\]]*\]|\S+))|(?P<word>[^\W\d_][\w'’\-]*[~*]?\d*)"
)
# Candidates kept per word for the combination check, and how much worse than the best.
ALTERNATIVES = 3
ALTERNATIVE_MARGIN = 0.6
MAX_COMBINATIONS = 8
# English spellings of names and their Dutch counterparts, tried in order, each optional:
# Putin/Poetin, Yemen/Jemen, Zelensky/Zelenski, Chechnya/Tsjetsjenie, Libya/Libie.
_ENGLISH_SPELLINGS = (
    (re.compile(r"u"), ("oe",)), (re.compile(r"oo"), ("oe",)),
    (re.compile(r"\by|(?<=[aeiou])y(?=[aeiou])"), ("j",)), (re.compile(r"ay"), ("ei",)),
    (re.compile(r"ai"), ("ei",)), (re.compile(r"y"), ("i",)), (re.compile(r"sh"), ("sj",)),
    (re.compile(r"ch"), ("tsj", "ch", "k")), (re.compile(r"kh"), ("ch",)),
    (re.compile(r"zh"), ("zj",)),
    (re.compile(r"j"), ("dzj", "j")), (re.compile(r"w"), ("v",)),
    (re.compile(r"c(?![eiyh])"), ("k",)), (re.compile(r"ph"), ("f",)), (re.compile(r"th"), ("t",)),
    (re.compile(r"(?<=[aeiou])s(?=[aeiou])"), ("z",)), (re.compile(r"ia\b"), ("ie", "ije")),
    (re.compile(r"s\b"), ("", "en")),
)  # fmt: skip
STOP_WORD_COST = 0.5
SKELETON_MIN = 5  # names this long also meet the words with their consonants (skeleton)
_NO_VOWELS = str.maketrans("", "", "aeiouy")
_DOUBLED = re.compile(r"(.)\1+")
# Two or more capitalised words (operators and acronyms are all capitals) with the particles
# of names between them, not part of a field filter.
_CAPITALISED = r"[A-ZÀ-Þ][a-zß-ÿ'’\-]+"
_PARTICLES = r"(?:van|von|de|der|den|ter|ten|te|la|le|da|di|du|del|al|el|bin|ibn)"
_NAME_RUN = re.compile(rf"(?<![\S]){_CAPITALISED}(?:\s+(?:{_PARTICLES}\s+)*{_CAPITALISED})+(?!\S)")
EXONYM_COST = 0.1  # an English name for the Dutch one CLDR gives (Spain/Spanje)
CITY_NAME_COST = 0.3  # a city's English name for another GeoNames gives (Venice/Venetië)
FIRST_LETTER_COST = 0.5  # added to an edit of the first letter
SOUND_COST = 0.6  # a sound-alike spelling (frankreik/frankrijk)
KEYBOARD_COST = 0.8  # a letter for its neighbour on the keyboard
DROPPED_COST = 0.8  # a letter of the intended word missing from the typed one
SPELLING_COST = 0.3  # per rewrite
LOWERCASE_NAME_COST = 0.3  # added to the cost of a name's spelling for a lowercase word
EXTENSION_COST = 0.3  # per letter a name's Dutch form adds at the end (Antwerp/Antwerpen)
MAX_EXTENSION = 3
MAX_SPELLINGS = 128
_VOWELS = frozenset("aeiouy")
# Letters people swap for one another in Dutch (by sound or by neighbouring keys).
_CONFUSED = frozenset(
    frozenset(pair)
    for pair in ("ck", "cs", "sz", "fv", "dt", "gch", "ij", "iy", "jy", "xk", "qk", "wv")
    if len(pair) == 2
)
_ALPHABET = "abcdefghijklmnopqrstuvwxyz"
_KEYBOARD = ("qwertyuiop", "asdfghjkl", "zxcvbnm")
_KEY_PLACE = {key: (row, column) for row, keys in enumerate(_KEYBOARD)
              for column, key in enumerate(keys)}  # fmt: skip
# First letters a sound-alike spelling may start with instead (korona/corona, filosoof/ph...).
_SAME_SOUND_START = {"c": "ks", "k": "c", "s": "cz", "z": "s", "f": "pv", "p": "f", "v": "fw",
                     "w": "v", "e": "i", "i": "e", "d": "t", "t": "d", "g": "c"}  # fmt: skip
_SOUNDS = (
    (re.compile(r"ph"), "f"), (re.compile(r"ij|ei"), "ei"), (re.compile(r"ou"), "au"),
    (re.compile(r"ch"), "g"), (re.compile(r"c(?=[eiy])"), "s"), (re.compile(r"c"), "k"),
    (re.compile(r"ti(?=[aeou])"), "si"), (re.compile(r"z"), "s"), (re.compile(r"v"), "f"),
    (re.compile(r"dt\b|d\b"), "t"), (re.compile(r"(.)\1+"), r"\1"),
)  # fmt: skip


def suggest_query(reader, text: str, *, finds=None) -> str | None:
    """A corrected version of ``text``, or None when no word needs correcting.

    Reads the vocabulary of ``reader`` anew: to correct many queries, keep
    :func:`vocabulary_of` and call its :meth:`Vocabulary.suggest`.

    ``finds(text) -> bool`` (optional) tells whether a query finds any article; with it,
    the best-scoring combination of candidates that finds one wins.

    ``"Zwarte Zeee" month:2022-11`` -> ``"Zwarte Zee" month:2022-11``.
    """
    return vocabulary_of(reader).suggest(text, finds=finds)


def _slots(vocabulary: Vocabulary, text: str) -> list:
    """The query as pieces: text kept as typed, and lists of ``(score, replacement)``."""
    matches = list(_QUERY_WORD.finditer(text))
    slots: list = []
    last = 0
    skip = 0
    for number, match in enumerate(matches):
        if skip:
            skip -= 1
            continue
        word = match.group("word")
        slots.append(text[last : match.start()])
        last = match.end()
        if not _is_plain(word):
            slots.append(match.group(0))
            continue
        run = _plain_run(text, matches, number)
        for length in range(min(len(run), MAX_WORDS), 1, -1):  # North Korea -> Noord-Korea
            ranked = vocabulary.exonym(run[:length])
            if ranked:
                slots.append([(score, _match_case(word, name)) for score, name in ranked])
                last = matches[number + length - 1].end()
                skip = length - 1
                break
        if skip:
            continue
        if len(run) > 1:
            joined = vocabulary.join(word, run[1])
            if joined is not None:
                slots.append([(0.0, _match_case(word, joined))])
                last = matches[number + 1].end()
                skip = 1
                continue
        ranked = vocabulary.ranked(word, alone=len(matches) == 1)
        slots.append([(score, _match_case(word, found)) for score, found in ranked] or word)
    slots.append(text[last:])
    return slots


def _plain_run(text: str, matches: list, number: int) -> list[str]:
    """The plain words from ``matches[number]`` on that only single spaces separate (at
    most ``MAX_WORDS``)."""
    run = [matches[number].group("word")]
    following_words = matches[number + 1 : number + MAX_WORDS]
    for before, following in zip(matches[number:], following_words, strict=False):
        word = following.group("word")
        if not _is_plain(word) or text[before.end() : following.start()] != " ":
            break
        run.append(word)
    return run


def _combinations(choices: list[list[tuple[float, str]]]) -> list[tuple[float, tuple]]:
    """The best picks of one replacement per word, best total score first (at most
    ``MAX_COMBINATIONS``, so a long query costs at most that many checks)."""
    combinations = [(0.0, ())]
    for options in choices:
        combinations = sorted((total + score, (*picked, replacement))
                              for total, picked in combinations for score, replacement in options)
        del combinations[MAX_COMBINATIONS:]
    return combinations


def _fill(slots: list, picked: tuple) -> str:
    replacements = iter(picked)
    return "".join(next(replacements) if isinstance(slot, list) else slot for slot in slots)


def correct_word(reader, word: str) -> str | None:
    """The best indexed replacement for ``word``, or None if it is fine as it is."""
    return vocabulary_of(reader).correct(word)


def _is_plain(word: str | None) -> bool:
    return not (word is None or word in _OPERATORS or word[-1] in "~*" or word[-1].isdigit())


class Vocabulary:
    """An index's words with document frequencies, and lazily built candidate buckets.

    Candidates of a typed word are the indexed words one edit away (looked up directly),
    the words with its first letter that share a "deletion key" with it (the word with
    up to one letter dropped on the index side and up to two on the typed side, SymSpell
    style), and the words with its sound key. Buckets are built per first letter on first
    use, so a cold index pays for the letters its queries start with, not every word.
    """

    def __init__(self, frequencies: dict[str, int]) -> None:
        self.frequencies = frequencies
        self._sorted = sorted(frequencies)
        self._letters: dict[str, tuple[dict, dict]] = {}
        self._skeletons: dict[str, dict[str, list[str]]] = {}
        self._lock = threading.Lock()

    def suggest(self, text: str, *, finds=None) -> str | None:
        """A corrected ``text``, or None: see :func:`suggest_query`."""
        slots = _slots(self, text)
        choices = [slot for slot in slots if isinstance(slot, list)]
        if not choices:
            return None
        combinations = _combinations(choices)
        # A query of one word: every candidate is an indexed word, and only a stop word
        # (which the search leaves out) would "find" nothing, so the check would only
        # turn ``hir`` away from ``hier``.
        several = len(_QUERY_WORD.findall(text)) > 1
        if finds is not None and several and len(combinations) > 1:
            candidates = [_fill(slots, picked) for _, picked in combinations]
            # A name must be found as written (Benny Gantz, not Benny Gat), then any words.
            for check in (names_as_phrases, None):
                for candidate in candidates:
                    checked = candidate if check is None else check(candidate)
                    if checked is not None and finds(checked):
                        return candidate
        return _fill(slots, combinations[0][1])

    def correct(self, word: str) -> str | None:
        """The best replacement for ``word``, or None."""
        ranked = self.ranked(word)
        return ranked[0][1] if ranked else None

    def ranked(self, word: str, *, alone: bool = True) -> list[tuple[float, str]]:
        """Replacements for ``word`` as ``(score, word)``, best first: the best and up to
        ``ALTERNATIVES - 1`` others within ``ALTERNATIVE_MARGIN`` of it; empty when the word
        needs none. Among other words (not ``alone``), a stop word costs ``STOP_WORD_COST``
        more and gets no frequency bonus: the search leaves it out, so that correction
        would drop the word."""
        key = normalise(word)
        if len(key) < 3 or not key.isalpha():
            return []
        known = self.frequencies.get(key, 0)
        if known >= RARE_DOCUMENTS:
            return []
        limit = 1.0 if len(key) <= 4 else MAX_COST
        costs = {}
        for candidate in self._candidates(key, name=word[:1].isupper()):
            cost = typo_cost(key, candidate)
            if cost <= limit:
                costs[candidate] = cost
        # The spelling rules and other names are for names: a word typed in lowercase pays
        # more for them.
        penalty = 0.0 if word[:1].isupper() else LOWERCASE_NAME_COST
        for candidate, cost in self._spellings(key).items():
            costs[candidate] = min(cost + penalty, costs.get(candidate, cost + penalty))
        for name, cost in self._known_exonyms((key,)).items():
            costs[name] = min(cost + penalty, costs.get(name, cost + penalty))
        dropped = frozenset() if alone else costs.keys() & DUTCH_STOP_WORDS
        ranked = sorted((cost + STOP_WORD_COST if candidate in dropped
                         else cost - FREQUENCY_WEIGHT * math.log(self.documents(candidate)),
                         candidate) for candidate, cost in costs.items())  # fmt: skip
        if known:  # a word of one article gives way only to a far more common one
            ranked = [r for r in ranked if self.documents(r[1]) >= known * BETTER_BY]
        if not ranked:
            return []
        best = ranked[0][0]
        return [r for r in ranked[:ALTERNATIVES] if r[0] <= best + ALTERNATIVE_MARGIN]

    def exonym(self, words: list[str]) -> list[tuple[float, str]]:
        """The Dutch names of the English name ``words`` (``North Korea`` -> ``Noord-Korea``)
        as ``(score, name)``, best first, when one of its words is not (or barely) indexed
        and every word of the Dutch name is; else empty."""
        key = tuple(normalise(word) for word in words)
        if all(self.frequencies.get(word, 0) >= RARE_DOCUMENTS for word in key):
            return []
        penalty = 0.0 if words[0][:1].isupper() else LOWERCASE_NAME_COST
        return sorted((cost + penalty - FREQUENCY_WEIGHT * math.log(self.documents(name)), name)
                      for name, cost in self._known_exonyms(key).items())  # fmt: skip

    def _known_exonyms(self, key: tuple[str, ...]) -> dict[str, float]:
        """The Dutch names CLDR gives for the English name ``key``, and the other names
        GeoNames gives a city of that name, whose words are all indexed in at least
        ``RARE_DOCUMENTS`` articles, with their cost."""
        found = {}
        sources = ((other_names(key), CITY_NAME_COST), (exonyms().get(key, ()), EXONYM_COST))
        for names, cost in sources:
            for name in names:  # (GeoNames has abbreviations too: Palu, Pal)
                if len(name) >= 4 and self.documents(name) >= RARE_DOCUMENTS:
                    # one word: as the other candidates (and the same one as a spelling's)
                    word = normalise(name)
                    found[word if word in self.frequencies else name] = cost
        return found

    def documents(self, candidate: str) -> int:
        """The document frequency of a word, or of the rarest word of a name."""
        found = self.frequencies.get(candidate)
        if found is not None:
            return found
        return min((self.frequencies.get(word, 0) for word in name_key(candidate)), default=0)

    def _spellings(self, key: str) -> dict[str, float]:
        """Indexed words (in >= 2 articles) that a Dutch spelling of ``key`` (or ``key``
        itself) is or starts, or is a typo away from (``ukraine`` -> ``oekraine``,
        ``antwerp`` -> ``antwerpen``, ``chechnya`` -> ``tsjetsjnie`` -> ``tsjetsjenie``),
        with their cost."""
        found: dict[str, float] = {}

        def add(word: str, cost: float) -> None:
            if cost <= MAX_COST and self.frequencies[word] >= RARE_DOCUMENTS:
                found[word] = min(cost, found.get(word, cost))

        for spelling, rewrites in dutch_spellings(key).items():
            if len(spelling) < 4:
                continue
            base = rewrites * SPELLING_COST
            for word in self._sharing_prefix(spelling, None):
                extra = len(word) - len(spelling)
                # one more letter of the word as typed is an ordinary typo (typo_cost)
                if extra <= MAX_EXTENSION and (rewrites or extra >= 2):
                    add(word, base + extra * EXTENSION_COST)
            if rewrites:
                deletions, _ = self._buckets(spelling[0])
                for deleted in _deletion_keys(spelling):
                    for word in deletions.get(deleted, ()):
                        add(word, base + typo_cost(spelling, word))
        return found

    def join(self, first: str, second: str) -> str | None:
        """``first + second`` when that is a known word about as common as the rarer half."""
        a, b = normalise(first), normalise(second)
        if not (a.isalpha() and b.isalpha()) or len(a) < 3 or len(b) < 3:
            return None
        joined = self.frequencies.get(a + b, 0)
        if joined < RARE_DOCUMENTS:
            return None
        if joined * JOIN_RATIO >= min(self.frequencies.get(a, 0), self.frequencies.get(b, 0)):
            return a + b
        return None

    def _candidates(self, key: str, *, name: bool = False) -> set[str]:
        found = {edit for edit in _single_edits(key) if edit in self.frequencies}
        deletions, _ = self._buckets(key[0])
        typed = _deletion_keys(key)
        if len(key) > 5:  # two edits: one more deletion on the typed side
            typed |= {twice for once in _single_deletions(key) for twice in _single_deletions(once)}
        for deleted in typed:
            found.update(deletions.get(deleted, ()))
        sound = sound_key(key)
        for letter in {key[0], *_SAME_SOUND_START.get(key[0], "")}:
            found.update(self._buckets(letter)[1].get(sound, ()))
        if name and len(key) >= SKELETON_MIN:  # Muhammad/Mohammed: the vowels of a name
            found.update(self._skeleton_bucket(key[0]).get(skeleton(key), ()))
        found.discard(key)
        if not found and len(key) >= PREFIX_SCAN_MIN:
            found.update(self._sharing_prefix(key[: len(key) // 2], len(key)))
        return found

    def _buckets(self, letter: str) -> tuple[dict, dict]:
        """Deletion-key and sound-key buckets of the words starting with ``letter``."""
        buckets = self._letters.get(letter)
        if buckets is not None:
            return buckets
        deletions: dict[str, list[str]] = defaultdict(list)
        sounds: dict[str, list[str]] = defaultdict(list)
        for word in self._sharing_prefix(letter, None):
            if len(word) >= 3 and word.isalpha():
                for deleted in _deletion_keys(word):
                    deletions[deleted].append(word)
                sounds[sound_key(word)].append(word)
        with self._lock:
            return self._letters.setdefault(letter, (dict(deletions), dict(sounds)))

    def _skeleton_bucket(self, letter: str) -> dict[str, list[str]]:
        """The words starting with ``letter`` by :func:`skeleton` (built for names only)."""
        bucket = self._skeletons.get(letter)
        if bucket is not None:
            return bucket
        words: dict[str, list[str]] = defaultdict(list)
        for word in self._sharing_prefix(letter, None):
            if len(word) >= SKELETON_MIN and word.isalpha():
                words[skeleton(word)].append(word)
        with self._lock:
            return self._skeletons.setdefault(letter, dict(words))

    def _sharing_prefix(self, prefix: str, length: int | None) -> list[str]:
        """Indexed words starting with ``prefix`` (and within two letters of ``length``)."""
        words = []
        for position in range(bisect.bisect_left(self._sorted, prefix), len(self._sorted)):
            word = self._sorted[position]
            if not word.startswith(prefix):
                break
            if length is None or abs(len(word) - length) <= 2:
                words.append(word)
        return words


def dutch_spellings(word: str) -> dict[str, int]:
    """Dutch spellings of an English-spelled name, each with the number of rewrites made.

    >>> sorted(dutch_spellings("putin").items())
    [('poetin', 1), ('putin', 0)]
    """
    spellings = {word: 0}
    for pattern, replacements in _ENGLISH_SPELLINGS:
        for spelling, rewrites in list(spellings.items()):
            if len(spellings) >= MAX_SPELLINGS:
                break
            if pattern.search(spelling) is None:
                continue
            for replacement in replacements:
                rewritten = pattern.sub(replacement, spelling)
                if rewritten != spelling and rewritten not in spellings:
                    spellings[rewritten] = rewrites + 1
    return spellings


def names_as_phrases(text: str) -> str | None:
    """``text`` with each run of two or more capitalised words (a name, particles such as
    ``van der`` allowed inside) quoted as a phrase, or None when it has no such run.

    >>> names_as_phrases("Ellen van Loon architect")
    '"Ellen van Loon" architect'
    """
    parts = text.split('"')
    for number in range(0, len(parts), 2):  # outside quotes
        parts[number] = _NAME_RUN.sub(lambda match: f'"{match.group(0)}"', parts[number])
    quoted = '"'.join(parts)
    return None if quoted == text else quoted


def skeleton(word: str) -> str:
    """The first letter and the consonants of a word, doubled ones once: names
    transliterated with other vowels share it.

    >>> skeleton("muhammad"), skeleton("mohammed")
    ('mhmd', 'mhmd')
    """
    return word[0] + _DOUBLED.sub(r"\1", word[1:].translate(_NO_VOWELS))


def sound_key(word: str) -> str:
    """A rough Dutch pronunciation key: ``frankreik`` and ``frankrijk`` share one."""
    for pattern, replacement in _SOUNDS:
        word = pattern.sub(replacement, word)
    return word


def typo_cost(typed: str, intended: str) -> float:
    """Weighted Damerau-Levenshtein distance, or the sound-alike cost when that is lower.

    Inserting or dropping a doubled letter costs 0.5, swapping neighbours 0.7, a vowel
    for a vowel or a commonly confused consonant 0.7, any other edit 1.
    """
    cost = _weighted_distance(typed, intended)
    if typed[:1] != intended[:1]:  # people rarely get the first letter wrong
        cost += FIRST_LETTER_COST
    if cost > SOUND_COST and sound_key(typed) == sound_key(intended):
        # Sound keys write doubled letters once; each doubled letter more or less is an
        # edit of its own (reddden is redden, a letter away, before reden, two away).
        spoken_typed, spoken_intended = _spoken(typed), _spoken(intended)
        extra = abs(len(spoken_typed) - len(spoken_intended)) * 0.5
        return min(cost, SOUND_COST + extra)
    return cost


def _spoken(word: str) -> str:
    """The sound key without writing doubled letters once."""
    for pattern, replacement in _SOUNDS[:-1]:
        word = pattern.sub(replacement, word)
    return word


def _weighted_distance(a: str, b: str) -> float:
    # The shared start and end cost nothing; keep one letter of each as context for the
    # doubled-letter and swap rules.
    start = 0
    while start < min(len(a), len(b)) and a[start] == b[start]:
        start += 1
    end = 0
    while end < min(len(a), len(b)) - start and a[-1 - end] == b[-1 - end]:
        end += 1
    start, end = max(start - 1, 0), max(end - 1, 0)
    a, b = a[start : len(a) - end], b[start : len(b) - end]
    if abs(len(a) - len(b)) * 0.5 > MAX_COST:
        return abs(len(a) - len(b)) * 0.5
    a_indel, b_indel = _indel_costs(a), _indel_costs(b, DROPPED_COST)
    previous2: list[float] = []
    previous = [0.0]
    for j in range(len(b)):
        previous.append(previous[-1] + b_indel[j])
    for i, x in enumerate(a, 1):
        row = [previous[0] + a_indel[i - 1]]
        for j, y in enumerate(b, 1):
            if x == y:
                best = previous[j - 1]
            else:
                best = previous[j - 1] + _substitution_cost(x, y)
                if i > 1 and j > 1 and x == b[j - 2] and a[i - 2] == y:
                    best = min(best, previous2[j - 2] + 0.7)
            best = min(best, previous[j] + a_indel[i - 1], row[j - 1] + b_indel[j - 1])
            row.append(best)
        previous2, previous = previous, row
    return previous[-1]


def _indel_costs(word: str, single: float = 1.0) -> list[float]:
    """Inserting or dropping each letter: 0.5 for one of a doubled pair, else ``single``."""
    last = len(word) - 1
    return [
        0.5 if (i > 0 and word[i - 1] == c) or (i < last and word[i + 1] == c) else single
        for i, c in enumerate(word)
    ]


def _substitution_cost(x: str, y: str) -> float:
    if x == y:
        return 0.0
    if (x in _VOWELS and y in _VOWELS) or frozenset((x, y)) in _CONFUSED:
        return 0.7
    if _neighbouring_keys(x, y):
        return KEYBOARD_COST
    return 1.0


def _neighbouring_keys(x: str, y: str) -> bool:
    a, b = _KEY_PLACE.get(x), _KEY_PLACE.get(y)
    return a is not None and b is not None and abs(a[0] - b[0]) <= 1 and abs(a[1] - b[1]) <= 1


def _single_edits(word: str) -> set[str]:
    """Every string one deletion, swap, substitution or insertion away (Norvig's edits1)."""
    splits = [(word[:i], word[i:]) for i in range(len(word) + 1)]
    edits = {a + b[1:] for a, b in splits if b}
    edits |= {a + b[1] + b[0] + b[2:] for a, b in splits if len(b) > 1}
    edits |= {a + c + b[1:] for a, b in splits if b for c in _ALPHABET}
    edits |= {a + c + b for a, b in splits for c in _ALPHABET}
    return edits


def _single_deletions(word: str) -> set[str]:
    return {word[:i] + word[i + 1 :] for i in range(len(word))}


def _deletion_keys(word: str) -> set[str]:
    return {word, *_single_deletions(word)}


def vocabulary_of(reader) -> Vocabulary:
    """The vocabulary of the index ``reader`` reads, from its cache file when there is one.

    The words and their document frequencies are kept in a cache file next to the index
    (:func:`index.store.facetfile.write_reader_cache`), which ``search index`` writes when it
    finishes: merging the words of a 100,000-article index's segments takes a second.
    """
    return Vocabulary(word_frequencies(reader))


def word_frequencies(reader) -> dict[str, int]:
    """Every indexed word (:mod:`index.store.vocabulary`) with its document frequency, cached on
    disk."""
    arrays = read_reader_cache(reader, VOCABULARY_CACHE_VERSION)
    if arrays is not None:
        try:
            return dict(zip(unpack_strings(arrays["words"]), arrays["documents"].tolist(),
                            strict=True))  # fmt: skip
        except (KeyError, ValueError):
            pass  # an incomplete cache file: read the segments again
    frequencies: dict[str, int] = {}
    for leaf, _ in reader.leaf_readers():
        for word, documents in segment_words(leaf).items():
            frequencies[word] = frequencies.get(word, 0) + documents
    write_reader_cache(reader, VOCABULARY_CACHE_VERSION, {
        "words": pack_strings(frequencies),
        "documents": np.fromiter(frequencies.values(), dtype=np.int64, count=len(frequencies)),
    })  # fmt: skip
    return frequencies


def _match_case(original: str, replacement: str) -> str:
    if original.isupper() and len(original) > 1:
        return replacement.upper()
    if original[:1].isupper():
        return replacement[:1].upper() + replacement[1:]
    return replacement
