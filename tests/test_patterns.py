"""Prefix and wildcard words match the words as written, not their stems, and are ranked."""

from __future__ import annotations

import pytest
from conftest import write_jsonl

import search
from search.patterns import SurfaceVocabulary

ARTICLES = [
    ("alleen", "Het klimaat", "Over het klimaat en niets anders."),  # stem of klimaat: klimat
    ("vaak", "Klimaatakkoord", "Klimaatakkoord, klimaatbeleid, klimaatwet: klimaat overal."),
    ("samen", "Kabinet", "Het kabinet sprak over klimaatbeleid."),
    ("anders", "Klimop", "De klimop groeit langs de muur."),
    ("accent", "Oekraïne", "Graan uit Oekraïne en de Oekraïense havens."),
    ("niets", "Weer", "Regen en wind in het hele land."),
]


@pytest.fixture(scope="module")
def engine(tmp_path_factory):
    folder = tmp_path_factory.mktemp("patterns")
    records = [{"id": i, "title": t, "text": x, "date": "2021-05-01"} for i, t, x in ARTICLES]
    index_dir = folder / "ix"
    search.index_corpus([write_jsonl(folder / "a.jsonl", records)], index_dir=index_dir)
    with search.Engine.open(index_dir) as opened:
        yield opened


def ids(results) -> list[str]:
    return [hit.id for hit in results.hits]


def test_a_prefix_finds_the_word_itself_whatever_its_stem(engine):
    assert engine.search("klimaat NOT klimaat*").total == 0
    assert sorted(ids(engine.search("klimaat*"))) == ["alleen", "samen", "vaak"]


@pytest.mark.parametrize("text", ["Oekraïn*", "oekrain*", "OEKRAINE*", "Oekra?ne"])
def test_patterns_fold_case_and_accents(engine, text):
    assert ids(engine.search(text)) == ["accent"]


def test_a_wildcard_matches_words_as_written(engine):
    assert sorted(ids(engine.search("kli?op"))) == ["anders"]
    assert sorted(ids(engine.search("klima*beleid"))) == ["samen", "vaak"]


def test_prefix_hits_are_ranked_not_tied(engine):
    results = engine.search("klimaat*")
    scores = [hit.score for hit in results.hits]
    assert scores == sorted(scores, reverse=True) and len(set(scores)) > 1
    assert results.hits[0].id == "vaak"  # the article full of klimaat- words comes first


def test_prefix_words_are_marked_in_snippets(engine):
    hit = engine.search("klimaat*").hits[0]
    assert any(marked for _, marked in hit.snippet.fragments)


def test_surface_vocabulary_matching_and_terms():
    words = SurfaceVocabulary(["klimaat", "klimaten", "klimop", "klimaatwet", "klim"], None)
    assert list(words.matching("klima*")) == ["klimaat", "klimaatwet", "klimaten"]
    assert list(words.matching("klim?p")) == ["klimop"]
    assert list(words.matching("*wet")) == ["klimaatwet"]
    assert list(words.matching("KLÏM")) == ["klim"]  # folded like the words
