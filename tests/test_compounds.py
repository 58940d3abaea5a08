"""Compound splitting: the shipped examples, guards, and the hand-checked sets."""

import pytest

from bench.compounds import load_sets, measure
from index.dutch.compounds import best_split, compound_splitter


@pytest.fixture(scope="module")
def split():
    return compound_splitter()


@pytest.mark.parametrize("word, parts", [
    ("graantransporten", ["graan", "transporten"]), ("oorlogsmisdaad", ["oorlog", "misdaad"]),
    ("klimaatactivist", ["klimaat", "activist"]), ("graandeal", ["graan", "deal"]),
])  # fmt: skip
def test_known_compounds_split(split, word, parts):
    assert split(word) == parts


@pytest.mark.parametrize("word", ["bereiken", "verklaring", "regering", "ministers", "graan"])
def test_non_compounds_stay_whole(split, word):
    assert split(word) == []


def test_linking_s_is_dropped():
    assert best_split("oorlogsmisdaad", {"oorlog": 1e-4, "misdaad": 1e-5}) == ["oorlog", "misdaad"]


def test_prefixes_are_not_modifiers():
    assert best_split("verklaring", {"ver": 1e-3, "klaring": 1e-5}) == []


def test_hand_checked_sets_meet_the_precision_target():
    result = measure(*load_sets())
    assert result["compounds"] >= 200 and result["plain"] >= 200
    assert result["precision"] >= 0.90


@pytest.mark.parametrize("fold", [True, False])
def test_the_parts_lexicon_loads_as_the_plain_reading_of_its_file(fold):
    from index.dutch import compounds
    from index.dutch.lexicon import read_pairs
    from index.dutch.tokens import fold_accents

    expected: dict[str, float] = {}
    for word, frequency in read_pairs(compounds.PARTS_FILE):
        key = fold_accents(word) if fold else word
        expected[key] = max(float(frequency), expected.get(key, 0.0))
    assert compounds._lexicon(fold) == expected
    assert any(not word.isascii() for word in compounds._lexicon(False))  # folding matters
