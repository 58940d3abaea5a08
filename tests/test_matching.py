"""bench.matching: how a query word is said to find a document word, and the labelled pairs."""

import pytest

from bench.matching import CLASSES, LABELS, LABELS2, SEED2, finds, halves, load_labels, measure
from index.analysis import DutchAnalyzer


@pytest.fixture(scope="module")
def analyzer():
    return DutchAnalyzer()


@pytest.mark.parametrize("query, document", [
    ("graan", "graantransporten"), ("oorlog", "oorlogen"), ("school", "scholen"),
    ("graandeal", "graandeal"),
    ("hemelse", "hemels"), ("loodsen", "loods"), ("dekens", "deken"), ("luidde", "luidt"),
    ("ruimt", "ruimen"), ("vieren", "gevierd"),  # ... which keep these together
])  # fmt: skip
def test_finds(analyzer, query, document):
    assert finds(analyzer, query, document)


@pytest.mark.parametrize("query, document", [
    ("rijk", "belangrijk"), ("leraar", "hoogleraar"), ("de", "draaiden"), ("over", "overheid"),
    ("hemel", "hemelse"), ("lood", "loods"), ("deken", "dekken"), ("luid", "luidt"),
    ("ruim", "ruimen"), ("vier", "gevierd"), ("acht", "achten"),  # the 2026.12-3 rules
])  # fmt: skip
def test_does_not_find(analyzer, query, document):
    assert not finds(analyzer, query, document)


def test_labels_and_halves():
    rows = load_labels()
    assert {row[0] for row in rows} == set(CLASSES)
    assert {row[4] for row in rows} == {"match", "apart"}
    dev, test = halves(rows)
    assert sorted(dev + test) == sorted(rows) and not set(dev) & set(test)


def test_unstemmed_analyser_conflates_nothing():
    dev, _ = halves(load_labels())
    assert (
        measure(dev, {"stem": False, "stopwords": False, "compounds": False})["conflation"]["false"]
        == 0.0
    )


def test_second_set_is_conflations_with_at_least_40_apart_pairs_a_half():
    rows = load_labels(LABELS2)
    assert {row[0] for row in rows} == {"conflation"}
    old = {frozenset(row[2:4]) for row in load_labels(LABELS)}
    assert not old & {frozenset(row[2:4]) for row in rows}
    dev, test = halves(rows, SEED2)
    assert sorted(dev + test) == sorted(rows) and not {r[2] for r in dev} & {r[2] for r in test}
    assert min(sum(r[4] == "apart" for r in half) for half in (dev, test)) >= 40
