"""Rescoring the best by BM25F: the query's words close together rank higher."""

from __future__ import annotations

import numpy as np
import pytest

import search
from index.store.generations import segment_ids as segment_ids_of
from index.store.postings import Postings
from index.store.readercache import ReaderCache
from search import rescoring
from search.queries import nodes
from search.statistics import CollectionStatistics
from tests.test_engine import _engine_of_texts, ids
from tests.test_ranking import ranked_index  # noqa: F401

FILLER = ("de boeren op het platteland verkochten hun oogst aan een handelaar uit het "
          "zuiden en de prijzen stegen die zomer flink door het droge weer")  # fmt: skip


@pytest.fixture(scope="module")
def engine(tmp_path_factory):
    # The same words in the same numbers (so the same BM25F), only their order differs;
    # the article with the words apart is read first and wins a tie.
    yield from _engine_of_texts(tmp_path_factory, "proximity", {
        "apart.txt": f"date 2023-01 Bericht\n\nHet schip {FILLER} bij de haven.",
        "together.txt": f"date 2023-02 Bericht\n\nHet schip bij de haven {FILLER}.",
        "one.txt": f"date 2023-03 Bericht\n\nHet schip {FILLER}.",
        "often.txt": "date 2023-04 Schip\n\nHet schip, het schip en nog eens het schip.",
        "graan.txt": f"date 2023-05 Bericht\n\nHet graan {FILLER} en het schip, de haven.",
    })  # fmt: skip


@pytest.mark.parametrize("text", ["schip haven", "schip OR haven", "haven OR schip"])
def test_words_close_together_rank_first(engine, text):
    found = ids(engine.search(text))
    assert found.index("together.txt") < found.index("apart.txt")


def test_articles_with_more_of_the_words_rank_first(engine):
    # "often" has the most of schip (and in its title): BM25F puts it first; the articles
    # holding all three words, and then two of them, go above it
    assert ids(engine.search("schip"))[0] == "often.txt"
    assert ids(engine.search("graan OR schip OR haven"))[:2] == ["graan.txt", "together.txt"]
    assert ids(engine.search("schip OR haven")).index("often.txt") > 2


def test_one_word_is_not_rescored(engine):
    hits = {hit.id: hit.score for hit in engine.search("schip").hits}
    assert hits["apart.txt"] == hits["together.txt"]  # a tie: the same BM25F, no boost
    found = ids(engine.search("schip"))
    assert found.index("apart.txt") == found.index("together.txt") - 1  # read first


def test_the_boost_is_added_to_the_bm25f_score(engine):
    hits = {hit.id: hit.score for hit in engine.search("schip OR haven").hits}
    plain = {hit.id: hit.score for hit in engine.search("schip").hits}
    # both words, both close; both words; one word (coverage only, nothing to pair)
    assert hits["together.txt"] > hits["apart.txt"] > hits["one.txt"] > plain["one.txt"]


def _postings(*documents: list[int]) -> Postings:
    """A word's postings: its positions in documents 0, 1, ... (empty: not there)."""
    docs = np.array([n for n, found in enumerate(documents) if found], dtype=np.int64)
    positions = [found for found in documents if found]
    starts = np.concatenate(([0], np.cumsum([len(p) for p in positions]))).astype(np.int64)
    flat = np.array([p for found in positions for p in found], dtype=np.int64)
    return Postings(docs, np.array([len(p) for p in positions], dtype=np.float64), starts, flat)


def _scores(*words: Postings, documents: int = 3) -> list[float]:
    return rescoring.proximity_scores(
        np.arange(documents, dtype=np.int64), list(words), np.ones(len(words)),
        np.full(documents, 100.0), 100.0, k1=1.2, b=0.75,
    ).tolist()  # fmt: skip


def test_closer_scores_more_and_the_boost_is_bounded():
    near, far, absent = _scores(_postings([1], [1], [1]), _postings([2], [30], []))
    assert near > far > absent == 0.0
    many = _scores(_postings(list(range(0, 400, 2))), _postings(list(range(1, 400, 2))),
                   documents=1)[0]  # fmt: skip
    assert near < many < 2 * (1.2 + 1)  # each word at most k1 + 1


def test_coverage_sums_the_idf_of_the_words_there():
    docs = np.array([2, 5, 9])
    present = [(np.array([2]), np.array([9])), (np.array([9]),), (np.array([], dtype=int),)]
    assert rescoring.coverage_scores(docs, present, np.array([1.0, 2.0, 4.0])).tolist() == [
        1.0, 0.0, 3.0]  # fmt: skip


def test_words_at_one_position_are_no_pair():
    # a compound and its part stand at the same position: they are one word there
    assert _scores(_postings([5]), _postings([5]), documents=1) == [0.0]


def test_the_words_are_positioned_body_terms_that_score(engine):
    schema = engine._searcher()[0].schema
    query = nodes.Or([nodes.Term("body", "schip"), nodes.Term("body", "=schip"),
                      nodes.Term("title", "haven"), nodes.Term("body", "haven"),
                      nodes.Not(nodes.Term("body", "boer"))])  # fmt: skip
    assert rescoring.proximity_terms(query, schema) == [b"schip", b"haven"]


def test_shards_merge_to_the_collections_pool(monkeypatch):
    """Each shard boosts its own best by BM25F; merged, only the collection's best keep
    their boost, as one index gives it (a shard's 7 + 20 is outside the best two)."""
    from search.cluster import ShardAnswer, merged_order
    from search.ranking import rescoring_pool

    monkeypatch.setattr(rescoring, "RESCORE_DEPTH", 2)

    def answer(plain, boosted, orders):
        return ShardAnswer(generation=(), total=len(plain), docnums=np.arange(len(plain)),
                           scores=np.array(boosted), orders=np.array(orders), keys=None,
                           plain=np.array(plain))  # fmt: skip

    first = answer([10.0, 9.0, 1.0], [10.0, 14.0, 1.0], [0, 1, 2])
    second = answer([8.0, 7.0], [8.0, 27.0], [3, 4])
    docnums, scores = merged_order([first, second], [0, 3], 10, "relevance")
    assert docnums.tolist() == [1, 0, 3, 4, 2]
    assert scores.tolist() == [14.0, 10.0, 8.0, 7.0, 1.0]
    assert rescoring_pool(np.arange(5), np.array([10.0, 9.0, 1.0, 8.0, 7.0]),
                          np.arange(5)).tolist() == [0, 1]  # fmt: skip


# -- against a reference: every boost as the docstring defines it, one article at a time --

WORDS = ("klimaat haven schip graan boer politie brandweer minister regering kabinet water "
         "dijk oorlog vrede overleg akkoord stroom energie staking werk").split()  # fmt: skip


def _reference_queries(count: int = 60) -> list[tuple[str, dict]]:
    """Queries of two to five words, ``OR`` or ``AND``, some with a filter, a ``NOT`` or a
    phrase beside the words (seeded: the same every run)."""
    import random

    rng = random.Random(20261207)
    found = []
    for number in range(count):
        words = rng.sample(WORDS, rng.randint(2, 5))
        text = (" OR " if number % 3 else " ").join(words)
        if number % 7 == 3:
            text += f" NOT {rng.choice(WORDS)}"
        if number % 11 == 5:
            text += ' "graan boer"'
        filters = {"since": "2015-01", "until": "2019-12"} if number % 5 == 4 else {}
        found.append((text, filters))
    return found


def _reference_boosts(reader, statistics, weighting, pool, terms) -> list[float]:
    """Each of ``pool``'s boosts (reader-wide document numbers) from Whoosh's own postings,
    in plain Python, adding up in the order the numpy code does."""
    from index.store.searching import bm25f_parameters

    b, k1 = bm25f_parameters(weighting, rescoring.PROXIMITY_FIELD)
    idfs = [statistics.idf("body", btext) for btext in terms]
    average = statistics.average_length("body")
    positions, titles = [], []
    for btext in terms:
        body = reader.postings("body", btext) if ("body", btext) in reader else None
        positions.append(dict(body.items_as("positions")) if body else {})
        title = reader.postings("title", btext) if ("title", btext) in reader else None
        titles.append(set(title.all_ids()) if title else set())
    boosts = []
    for docnum in pool:
        found = sorted((place, word) for word in range(len(terms))
                       for place in positions[word].get(docnum, ()))  # fmt: skip
        right, left = [0.0] * len(terms), [0.0] * len(terms)  # the word after, before
        for (first, one), (second, other) in zip(found, found[1:], strict=False):
            if second > first and one != other:
                closeness = 1.0 / float(second - first) ** 2
                right[other] += idfs[one] * closeness
                left[one] += idfs[other] * closeness
        norm = k1 * ((1 - b) + b * reader.doc_field_length(docnum, "body") / average)
        gathered = [r + s for r, s in zip(right, left, strict=True)]
        near = [g * (k1 + 1) / (g + norm) for g in gathered]
        covered = 0.0
        for word, weight in enumerate(idfs):
            held = docnum in positions[word] or docnum in titles[word]
            covered += weight * held
        boosts.append(rescoring.PROXIMITY_WEIGHT * float(np.sum(near))
                      + rescoring.COVERAGE_WEIGHT * covered)  # fmt: skip
    return boosts


@pytest.mark.parametrize("depth", [100, 7])
def test_boosts_and_order_equal_a_reference(request, monkeypatch, depth):
    """Many queries on an index of several segments, one with deletions: the pool is the
    best ``depth`` by BM25F, each gets the reference's boost (the same float), and the
    page is their order; asked for more than the pool, the rest follow on BM25F."""
    from search.ranking import rank
    from tests.test_ranking import _prepared

    monkeypatch.setattr(rescoring, "RESCORE_DEPTH", depth)
    rescored = 0
    with search.Engine.open(request.getfixturevalue("ranked_index")) as engine:
        for text, filters in _reference_queries():
            searcher, parsed, parts = _prepared(engine, text, filters)
            reader = searcher.reader()
            cache = ReaderCache()
            statistics = CollectionStatistics(reader, cache)
            options = {"cache": cache, "segment_ids": segment_ids_of(reader),
                       "statistics": statistics}  # fmt: skip
            everything = reader.doc_count_all()
            plain = rank(searcher, parsed, parts, top=everything, **options)
            terms = rescoring.proximity_terms(parsed, searcher.schema)
            final = plain.scores.copy()
            if len(terms) >= 2:
                rescored += 1
                final[:depth] += _reference_boosts(reader, statistics, searcher.weighting,
                                                   plain.docnums[:depth], terms)  # fmt: skip
            expected = np.lexsort((plain.orders, -final))
            for top in (3, 10, depth + 20):  # from the pool alone, and not
                found = rank(searcher, parsed, parts, top=top, rescore=True, **options)
                assert found.docnums.tolist() == plain.docnums[expected[:top]].tolist(), text
                assert found.scores.tolist() == final[expected[:top]].tolist(), text
                assert found.plain.tolist() == plain.scores[expected[:top]].tolist(), text
    assert rescored > 40


def test_reader_wide_lengths_and_postings_from_a_fresh_cache(request):
    """The reader cache joins every segment's lengths and postings, reading the segments'
    own first (a fresh cache has none of them yet)."""
    from index.store.columns import field_lengths

    with search.Engine.open(request.getfixturevalue("ranked_index")) as engine:
        searcher = engine._searcher()[0]
        reader = searcher.reader()
        leaves = [leaf for leaf, _ in reader.leaf_readers()]
        ids = segment_ids_of(reader)
        lengths = ReaderCache().reader_lengths(leaves, ids, "body")
        assert lengths.tolist() == np.concatenate([field_lengths(leaf, "body")
                                                   for leaf in leaves]).tolist()  # fmt: skip
        offsets = [offset for _, offset in reader.leaf_readers()]
        found = ReaderCache().reader_postings(leaves, ids, offsets, searcher.schema["body"],
                                              "body", b"klimat", positions=True)  # fmt: skip
        expected = dict(reader.postings("body", b"klimat").items_as("positions"))  # live ones
        spans = zip(found.docs.tolist(), found.starts[:-1], found.starts[1:], strict=True)
        live = {doc: found.positions[a:b].tolist() for doc, a, b in spans
                if not reader.is_deleted(doc)}  # fmt: skip
        assert len(live) < len(found.docs)  # the deleted ones are there too
        assert live == {doc: list(places) for doc, places in expected.items()}
