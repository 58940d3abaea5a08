"""bench.matching: how a query word is said to find a document word, and the labelled pairs."""

import pytest

from bench.matching import CLASSES, finds, halves, load_labels, measure
from index.analysis import DutchAnalyzer


@pytest.fixture(scope="module")
def analyzer():
    return DutchAnalyzer()


@pytest.mark.parametrize("query, document", [
    ("graan", "graantransporten"), ("oorlog", "oorlogen"), ("school", "scholen"),
    ("graandeal", "graandeal"),
])  # fmt: skip
def test_finds(analyzer, query, document):
    assert finds(analyzer, query, document)


@pytest.mark.parametrize("query, document", [
    ("rijk", "belangrijk"), ("leraar", "hoogleraar"), ("de", "draaiden"), ("over", "overheid"),
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
    assert measure(dev, {"stem": False, "stopwords": False, "compounds": False})[
        "conflation"]["false"] == 0.0
