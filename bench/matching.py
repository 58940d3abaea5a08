"""Word pairs that must match or must not: false splits and false conflations, by frequency band.

The pairs come from a fixed, seeded procedure over the parts table
(``index/dutch/data/nl_parts.tsv.gz``, ranked by frequency), written before any pair was
labelled or any analyser measured:

* ``split`` pairs: ``SAMPLE`` words of at least ``MIN_LONG`` letters per frequency band;
  for each, the longest known word it starts with (a linking ``s``/``e``/``en`` allowed)
  and the longest it ends with: (part, word). A reader searching the part should find
  the word only when the word is about the part (``graan`` / ``graantransport``), not
  when it merely contains it (``rijk`` / ``belangrijk``).
* ``conflation`` pairs: ``SAMPLE`` words per band; for each, up to ``PER_WORD`` other
  words of the table that one of the compared analysers gives the same stem, most
  frequent first. They should meet when they are forms of one word.

Each pair was then labelled by hand, ``match`` or ``apart``, into
``tests/data/matching_pairs.tsv``; this module only measures. Pairs are split into dev
and test halves by a seeded shuffle of the sampled words.

**The second set** (``tests/data/matching_pairs2.tsv``, halves ``dev2`` and ``test2``):
the first set has only 16 ``apart`` conflation pairs (4 in its test half), too few to
measure a 10% target. The same conflation construction again, written and committed
before any of its pairs was labelled or measured, with

* a new seed, ``SEED2``, and ``SAMPLE2`` words per band: the first ``SAMPLE2`` words of
  a shuffle of each band's words (seeded), so drawing more extends the sample;
* the compared analysers as they stood when the candidates were drawn (the shipped one
  at analysis 2026.12-2: a later analyser may conflate other pairs, so the labelled file,
  not a rerun, is the set);
* every pair of the first set skipped (in either order).

Every pair is labelled by hand before any analyser is measured on it; halves by a shuffle
of the sampled words seeded with ``SEED2``. The first set's halves stay as they were.

    python -m bench.matching --candidates   # the procedure's pairs, unlabelled
    python -m bench.matching --candidates2  # the second set's pairs, unlabelled
    python -m bench.matching                # dev halves (dev, dev2)
    python -m bench.matching --test         # the first test half too (run once)
    python -m bench.matching --test2        # the second test half too (run once)
"""

from __future__ import annotations

import argparse
import gzip
import random
import sys
from collections import defaultdict
from pathlib import Path

import snowballstemmer

from index.analysis import SURFACE_MARK, DutchAnalyzer
from index.dutch.compounds import LINKS, PARTS_FILE

LABELS = Path(__file__).resolve().parents[1] / "tests" / "data" / "matching_pairs.tsv"
LABELS2 = LABELS.with_name("matching_pairs2.tsv")
SEED = 17
SEED2 = 20261207  # the second set's seed: today's date, fixed before any pair was drawn
SAMPLE2 = 120
BANDS = ((0, 2_000), (2_000, 6_000), (6_000, None))  # ranks in the parts table
SAMPLE = 20
MIN_LONG = 8
MIN_PART = 3
PER_WORD = 2
CLASSES = ("split", "conflation")


def ranked_words() -> list[str]:
    """The parts table's words, most frequent first."""
    rows = gzip.decompress(PARTS_FILE.read_bytes()).decode("utf-8").split()
    frequency = dict(zip(rows[::2], map(float, rows[1::2]), strict=True))
    return sorted(frequency, key=lambda word: (-frequency[word], word))


def band_samples(words: list[str], kind: str, keep) -> list[tuple[int, str]]:
    """``(band, word)``: ``SAMPLE`` words per band that ``keep`` accepts, seeded."""
    chosen = []
    for band, (start, end) in enumerate(BANDS):
        pool = sorted(w for w in words[start:end] if keep(w))
        chosen += [(band, w) for w in random.Random(f"{SEED}:{kind}:{band}").sample(pool, SAMPLE)]
    return chosen


def split_candidates(words: list[str]) -> list[tuple[str, int, str, str]]:
    """``(class, band, part, word)`` for the longest known head and modifier of long words."""
    known = set(words)
    pairs = []
    for band, word in band_samples(words, "split", lambda w: len(w) >= MIN_LONG):
        cuts = range(MIN_PART, len(word) - MIN_PART + 1)
        heads = [word[cut:] for cut in cuts if word[cut:] in known]
        modifiers = [word[:cut - len(link)] for cut in cuts for link in LINKS
                     if word[:cut].endswith(link) and word[:cut - len(link)] in known
                     and cut - len(link) >= MIN_PART]  # fmt: skip
        for part in [*heads[:1], *sorted(modifiers, key=len)[-1:]]:
            pairs.append(("split", band, part, word))
    return list(dict.fromkeys(pairs))


def stems_of(word: str) -> set[str]:
    """The word's query stem under each compared analyser (tagged by analyser)."""
    return {f"{name}:{stem(word)}" for name, stem in _STEMMERS.items()}


def shuffled_samples(words: list[str], kind: str, keep, *, seed: int, size: int):
    """``(band, word)``: the first ``size`` words of a seeded shuffle of each band (the
    second set's draw: a larger ``size`` extends the same sample)."""
    chosen = []
    for band, (start, end) in enumerate(BANDS):
        pool = sorted(w for w in words[start:end] if keep(w))
        random.Random(f"{seed}:{kind}:{band}").shuffle(pool)
        chosen += [(band, w) for w in pool[:size]]
    return chosen


def conflation_candidates(words: list[str], sample=None) -> list[tuple[str, int, str, str]]:
    """``(class, band, word, other)`` for words some analyser gives one stem
    (``sample``: the ``(band, word)`` list to draw from; the first set's by default)."""
    by_stem: dict[str, list[str]] = defaultdict(list)
    for word in words:  # most frequent first, so each list is too
        for key in stems_of(word):
            by_stem[key].append(word)
    if sample is None:
        sample = band_samples(words, "conflation", lambda w: len(w) >= 4)
    pairs = []
    for band, word in sample:
        others = dict.fromkeys(o for key in sorted(stems_of(word)) for o in by_stem[key]
                               if o != word)  # fmt: skip
        ranked = sorted(others, key=words.index)[:PER_WORD]
        pairs += [("conflation", band, word, other) for other in ranked]
    return pairs


def second_set_candidates(words: list[str]) -> list[tuple[str, int, str, str]]:
    """The second set's conflation pairs: seed ``SEED2``, ``SAMPLE2`` words a band, no pair
    of the first set (in either order)."""
    sample = shuffled_samples(words, "conflation", lambda w: len(w) >= 4, seed=SEED2,
                              size=SAMPLE2)  # fmt: skip
    old = {frozenset((a, b)) for _, _, a, b, _ in load_labels(LABELS)}
    return [p for p in conflation_candidates(words, sample) if frozenset(p[2:]) not in old]


def _first_term(analyzer: DutchAnalyzer):
    return lambda word: analyzer.terms(word, mode="query")[0]


_STEMMERS = {
    "shipped": _first_term(DutchAnalyzer(stopwords=False)),
    "dutch": snowballstemmer.stemmer("dutch").stemWord,
    "dutch_porter": snowballstemmer.stemmer("dutch_porter").stemWord,
}


def finds(analyzer: DutchAnalyzer, query: str, document: str) -> bool:
    """Whether the query word finds an article whose only word is ``document``
    (as ``search.queries`` reads a word: its stem, its exact form, or all its parts)."""
    indexed = set(analyzer.terms(document, mode="index"))
    asked = analyzer.terms(query, mode="query-exact")
    stems = [t for t in asked if not t.startswith(SURFACE_MARK)]
    if not stems:  # a stop word finds nothing
        return False
    if any(t in indexed for t in asked if t.startswith(SURFACE_MARK)) or stems[0] in indexed:
        return True
    return len(stems) > 2 and all(part in indexed for part in stems[1:])


SYSTEMS = {
    "shipped": {},
    "dutch": {"stemmer": "dutch", "stopwords": False, "overrides": False, "compounds": False},
    "dutch_porter": {"stemmer": "dutch_porter", "stopwords": False, "overrides": False,
                     "compounds": False},
    "none": {"stem": False, "stopwords": False, "compounds": False},
}  # fmt: skip


def load_labels(path: Path = LABELS) -> list[tuple[str, int, str, str, str]]:
    """``(class, band, a, b, label)`` rows of the hand-labelled file."""
    rows = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            kind, band, a, b, label = line.split("\t")
            rows.append((kind, int(band), a, b, label))
    return rows


def halves(rows: list, seed: int = SEED) -> tuple[list, list]:
    """``(dev, test)``: pairs split by their sampled word, seeded."""
    keys = sorted({row[3] if row[0] == "split" else row[2] for row in rows})
    random.Random(f"{seed}:halves").shuffle(keys)
    dev_keys = set(keys[: (len(keys) + 1) // 2])
    dev = [r for r in rows if (r[3] if r[0] == "split" else r[2]) in dev_keys]
    return dev, [r for r in rows if r not in dev]


def measure(rows: list, settings: dict) -> dict[str, dict[str, float]]:
    """Per class: the share of ``apart`` pairs that match and of ``match`` pairs that do not."""
    analyzer = DutchAnalyzer(**settings)
    result = {}
    for kind in CLASSES:
        mine = [r for r in rows if r[0] == kind]
        apart = [r for r in mine if r[4] == "apart"]
        match = [r for r in mine if r[4] == "match"]
        both_ways = kind == "conflation"
        hit = {r: finds(analyzer, r[2], r[3]) or (both_ways and finds(analyzer, r[3], r[2]))
               for r in mine}  # fmt: skip
        result[kind] = {
            "apart": len(apart), "match": len(match),
            "false": sum(hit[r] for r in apart) / len(apart) if apart else 0.0,
            "missed": sum(not hit[r] for r in match) / len(match) if match else 0.0,
            "errors": [f"{r[2]} / {r[3]} ({r[4]})" for r in mine
                       if hit[r] != (r[4] == "match")],
        }  # fmt: skip
    return result


def report(name: str, rows: list) -> str:
    lines = [f"**{name}** ({len(rows)} pairs)", "",
             "| analyser | false splits | missed part matches | false conflations | "
             "missed conflations |", "| --- | ---: | ---: | ---: | ---: |"]  # fmt: skip
    for system, settings in SYSTEMS.items():
        m = measure(rows, settings)
        s, c = m["split"], m["conflation"]
        lines.append(f"| {system} | {s['false']:.3f} (of {s['apart']}) | {s['missed']:.3f} "
                     f"(of {s['match']}) | {c['false']:.3f} (of {c['apart']}) | "
                     f"{c['missed']:.3f} (of {c['match']}) |")  # fmt: skip
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--candidates", action="store_true", help="print the unlabelled pairs")
    parser.add_argument("--candidates2", action="store_true",
                        help="print the second set's unlabelled pairs")  # fmt: skip
    parser.add_argument("--test", action="store_true", help="also the test half (run once)")
    parser.add_argument("--test2", action="store_true",
                        help="also the second set's test half (run once)")  # fmt: skip
    parser.add_argument("--errors", action="store_true", help="the shipped analyser's errors")
    options = parser.parse_args(argv)
    if options.candidates or options.candidates2:
        words = ranked_words()
        pairs = (second_set_candidates(words) if options.candidates2 else
                 split_candidates(words) + conflation_candidates(words))  # fmt: skip
        for kind, band, a, b in pairs:
            print(f"{kind}\t{band}\t{a}\t{b}")
        return 0
    dev, test = halves(load_labels())
    chosen = [("dev half", dev)] + ([("test half", test)] if options.test else [])
    if LABELS2.exists():
        dev2, test2 = halves(load_labels(LABELS2), SEED2)
        chosen += [("dev2 half", dev2)] + ([("test2 half", test2)] if options.test2 else [])
    for name, rows in chosen:
        print(report(name, rows) + "\n")
        if options.errors:
            for kind, m in measure(rows, SYSTEMS["shipped"]).items():
                print(f"{kind}: " + "; ".join(m["errors"]))
    return 0


if __name__ == "__main__":
    sys.exit(main())
