"""Misspelling sets for "did you mean", generated from an index of the real articles.

The procedure was fixed (and committed) before any suggestion was looked at; changing it
after seeing results would make the test half worthless, so it stays as written:

* **Vocabulary**: the index's words with their document frequencies (df). A *real word* is
  alphabetic, has at least four letters and a Dutch ``wordfreq`` Zipf frequency of at
  least 2.0 (this keeps typos, English and junk of the articles out of the targets).
* **Bands** of df: 2-4, 5-19, 20-99, 100 and more.
* **typo** set: per band, 50 real words drawn (seeded); one typo each, the operator drawn
  among those that apply: keyboard-neighbour substitution, ij/ei, au/ou, a final d/t/dt
  confusion, a doubled letter, a dropped letter, a transposition (never at the first
  letter, which real typos rarely hit). A typo is redrawn (20 tries) when it equals the
  word, or is a word of the index in 2 or more articles (then it is a real word itself
  and no speller can know).
* **names** set: ``bench/data/transliterations.tsv`` (English spelling -> the Dutch one),
  kept when every word of the Dutch spelling is in >= 2 articles, the two differ, and each
  English word that is not also a word of the Dutch spelling is in at most one article.
* **context** set: 60 queries, 15 target words per band (drawn apart from the typo set's):
  a random article among the target's first 20 hits; one or two other real words of its
  title with df >= 3 whose query alone finds >= 3 articles; the target misspelt as above
  and put at a random place among them.
* **phrase** set: up to 40 person names of the entity facet with two or more words, all in
  >= 2 articles, the name in >= 2; one word of four letters or more misspelt as above;
  every other one quoted as a phrase.
* **correct** set: per band, 40 real words drawn apart from the targets, the correct
  queries of the context and phrase sets and the Dutch spellings of the names set; any
  suggestion for them is a false suggestion.
* **Halves**: a row is dev or test by ``sha256(seed:intended)`` (a correct query and its
  misspellings go to the same half). Tune on dev; the test half is reported once.

A suggestion is right when it equals the intended query up to case, accents, hyphens
(``Saoedi-Arabie`` = ``Saoedi Arabie``) and spaces. Nothing of the articles is written to
the repository: the sets are made from the index when the benchmark runs.
"""

from __future__ import annotations

import hashlib
import random
import re
from dataclasses import dataclass
from pathlib import Path

from wordfreq import zipf_frequency

from index.dutch.tokens import fold_accents, normalise

SEED = 2026
TRANSLITERATIONS = Path(__file__).resolve().parent / "data" / "transliterations.tsv"
BANDS = ((2, 4), (5, 19), (20, 99), (100, None))
TYPO_PER_BAND = 50
CORRECT_PER_BAND = 40
CONTEXT_PER_BAND = 15
PHRASES = 40
MIN_ZIPF = 2.0
_KEYBOARD = ("qwertyuiop", "asdfghjkl", "zxcvbnm")
_TITLE_WORD = re.compile(r"[^\W\d_]+")


@dataclass(frozen=True)
class Row:
    """One query to ask: ``intended`` is None for a correct query (no suggestion wanted)."""

    kind: str
    query: str
    intended: str | None
    half: str


def half_of(intended: str, seed: int = SEED) -> str:
    digest = hashlib.sha256(f"{seed}:{comparable(intended)}".encode()).digest()
    return "dev" if digest[0] % 2 == 0 else "test"


def comparable(text: str) -> str:
    """Case, accents, hyphens and runs of spaces do not count."""
    return " ".join(fold_accents(text).lower().replace("-", " ").split())


def _neighbours() -> dict[str, str]:
    found: dict[str, str] = {}
    for row, keys in enumerate(_KEYBOARD):
        for column, key in enumerate(keys):
            near = []
            for other_row in (row - 1, row, row + 1):
                if 0 <= other_row < len(_KEYBOARD):
                    for other_column in (column - 1, column, column + 1):
                        if 0 <= other_column < len(_KEYBOARD[other_row]):
                            near.append(_KEYBOARD[other_row][other_column])
            found[key] = "".join(k for k in near if k != key)
    return found


NEIGHBOURS = _neighbours()


def _keyboard(word, rng):
    spots = [i for i in range(1, len(word)) if word[i] in NEIGHBOURS]
    if not spots:
        return None
    i = rng.choice(spots)
    return word[:i] + rng.choice(NEIGHBOURS[word[i]]) + word[i + 1 :]


def _swap_pair(first, second):
    def operator(word, rng):
        spots = [m.start() for m in re.finditer(f"{first}|{second}", word) if m.start() > 0]
        if not spots:
            return None
        i = rng.choice(spots)
        other = second if word[i : i + 2] == first else first
        return word[:i] + other + word[i + 2 :]

    return operator


def _final_dt(word, rng):
    for ending, options in (("dt", ("d", "t")), ("d", ("t", "dt")), ("t", ("d", "dt"))):
        if word.endswith(ending) and len(word) > len(ending) + 1:
            return word[: -len(ending)] + rng.choice(options)
    return None


def _double(word, rng):
    i = rng.randrange(1, len(word))
    return word[:i] + word[i] + word[i:]


def _drop(word, rng):
    i = rng.randrange(1, len(word))
    return word[:i] + word[i + 1 :]


def _transpose(word, rng):
    spots = [i for i in range(1, len(word) - 1) if word[i] != word[i + 1]]
    if not spots:
        return None
    i = rng.choice(spots)
    return word[:i] + word[i + 1] + word[i] + word[i + 2 :]


OPERATORS = {
    "keyboard": _keyboard, "ij/ei": _swap_pair("ij", "ei"), "au/ou": _swap_pair("au", "ou"),
    "d/t/dt": _final_dt, "double": _double, "drop": _drop, "transpose": _transpose,
}  # fmt: skip


def misspell(word: str, rng: random.Random, frequencies: dict[str, int]) -> str | None:
    """A typo of ``word`` (lowercase) that the index knows in at most one article."""
    lower = word.lower()
    for _ in range(20):
        operators = list(OPERATORS.values())
        rng.shuffle(operators)
        typo = None
        for operator in operators:
            typo = operator(lower, rng)
            if typo is not None:
                break
        if typo and typo != lower and typo.isalpha() and frequencies.get(typo, 0) <= 1:
            return _same_case(word, typo)
    return None


def _same_case(original: str, typo: str) -> str:
    return typo[:1].upper() + typo[1:] if original[:1].isupper() else typo


def real_words(frequencies: dict[str, int]) -> dict[tuple, list[str]]:
    """The real words of each df band, sorted (so a seeded draw is reproducible)."""
    bands: dict[tuple, list[str]] = {band: [] for band in BANDS}
    for word, documents in sorted(frequencies.items()):
        if len(word) < 4 or not word.isalpha() or not word.isascii():
            continue
        band = next((b for b in BANDS if b[0] <= documents and (b[1] is None or documents <= b[1])),
                    None)  # fmt: skip
        if band is not None and zipf_frequency(word, "nl") >= MIN_ZIPF:
            bands[band].append(word)
    return bands


def read_pairs(path: Path = TRANSLITERATIONS) -> list[tuple[str, str]]:
    """``[(first, second), ...]`` from a two-column TSV (``#`` lines are comments)."""
    rows = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            first, second = line.split("\t")
            rows.append((first, second))
    return rows


def build_sets(engine, frequencies: dict[str, int], *, seed: int = SEED) -> list[Row]:
    """Every row of every set, for an open :class:`search.Engine` over the real articles.

    Queries go through ``engine`` with ``suggest=False`` only to find articles and titles.
    """
    rng = random.Random(seed)
    bands = real_words(frequencies)
    used: set[str] = set()
    rows: list[Row] = []

    def add(kind, query, intended):
        rows.append(Row(kind, query, intended, half_of(intended or query, seed)))

    for band in BANDS:
        for word in rng.sample(bands[band], min(TYPO_PER_BAND, len(bands[band]))):
            used.add(word)
            typo = misspell(word, rng, frequencies)
            if typo is not None:
                add("typo", typo, word)
    for english, dutch in read_pairs(TRANSLITERATIONS):
        parts = comparable(dutch).split()
        english_only = [w for w in comparable(english).split() if w not in parts]
        if (english_only and all(frequencies.get(w, 0) <= 1 for w in english_only)
                and all(frequencies.get(p, 0) >= 2 for p in parts)):  # fmt: skip
            add("names", english, dutch)
            add("correct", dutch, None)
    for band in BANDS:
        pool = [w for w in bands[band] if w not in used]
        made = 0
        for word in rng.sample(pool, len(pool)):
            if made == CONTEXT_PER_BAND:
                break
            row = _context_row(engine, word, rng, frequencies)
            if row is not None:
                used.add(word)
                made += 1
                add("context", *row)
                add("correct", row[1], None)
    for query, intended in _phrase_rows(engine, rng, frequencies):
        add("phrase", query, intended)
        add("correct", intended, None)
    for band in BANDS:
        pool = [w for w in bands[band] if w not in used]
        for word in rng.sample(pool, min(CORRECT_PER_BAND, len(pool))):
            add("correct", word, None)
    return rows


def _context_row(engine, word, rng, frequencies):
    hits = engine.search(word, limit=20, facets=0, suggest=False).hits
    if not hits:
        return None
    title = rng.choice(hits).title
    others = []
    for token in _TITLE_WORD.findall(title):
        key = normalise(token)
        if (key != word and len(key) >= 4 and key.isalpha() and frequencies.get(key, 0) >= 3
                and zipf_frequency(key, "nl") >= MIN_ZIPF and key not in others):  # fmt: skip
            others.append(key)
    if not others:
        return None
    chosen = sorted(rng.sample(others, min(len(others), rng.choice((1, 2)))), key=others.index)
    if engine.search(" ".join(chosen), limit=1, facets=0, suggest=False).total < 3:
        return None
    typo = misspell(word, rng, frequencies)
    if typo is None:
        return None
    place = rng.randrange(len(chosen) + 1)
    wrong = [*chosen[:place], typo, *chosen[place:]]
    right = [*chosen[:place], word, *chosen[place:]]
    return " ".join(wrong), " ".join(right)


def _phrase_rows(engine, rng, frequencies):
    people = engine.facets("", top=400)["person"]
    names = []
    for count in people:
        parts = count.value.split()
        if (count.count >= 2 and len(parts) >= 2 and all(p.isalpha() for p in parts)
                and all(frequencies.get(comparable(p), 0) >= 2 for p in parts)):  # fmt: skip
            names.append(count.value)
    names.sort()
    for number, name in enumerate(rng.sample(names, min(PHRASES, len(names)))):
        parts = name.split()
        spots = [i for i, part in enumerate(parts) if len(part) >= 4]
        if not spots:
            continue
        i = rng.choice(spots)
        typo = misspell(parts[i], rng, frequencies)
        if typo is None:
            continue
        wrong = " ".join([*parts[:i], typo, *parts[i + 1 :]])
        if number % 2:
            yield f'"{wrong}"', f'"{name}"'
        else:
            yield wrong, name
