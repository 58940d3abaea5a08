"""Vectorised ranking gives Whoosh's own matches, scores and order where Whoosh's figures
count live articles only (no deletions), and the answers of a fresh build after updates."""

from __future__ import annotations

import pytest
from whoosh import query

import search
from corpus import SAMPLE_CORPUS
from index.analysis import SURFACE_MARK
from index.pipeline import parallel
from index.pipeline.build import build_index
from index.store.generations import segment_ids as segment_ids_of
from index.store.readercache import ReaderCache
from search.queries import QueryOptions, bound_patterns, entity_filter, month_filters, parse_text
from search.ranking import best_first, rank
from tests.conftest import make_records, write_jsonl
from tests.test_build_parallel import ARTICLES, two_workers, write_corpus  # noqa: F401

QUERIES = [
    "klimaat", "politie", "haven schip", "graandeal", "Rutte", "klimaat NOT politie",
    "politie OR brandweer", "(regering OR kabinet) AND minister", '"graan boer"',
    '"de graandeal"', '"markt prijs"~3', '"haven schip graan"', "kli*", "sch?p", "klimat~",
    "title:klimaat", "person:rutte", "month:[2015-01 TO 2016-06] water", "regering^3 kabinet",
    "water ANDNOT dijk", "*", "", "zzzqqq", "België", "oorlog vrede overleg",
    "date:[2015-03-01 TO 2016-06-30]", "date:[2015-03-01 TO 2016-06-30] OR water",
]  # fmt: skip
FILTERS = [{}, {"since": "2015-01", "until": "2019-12"}, {"month": "2012-03"},
           {"person": "Rutte"}, {"place": "Amsterdam"}]  # fmt: skip


def _changed_records() -> list[dict]:
    changed = make_records(700)
    for record in changed[:40]:
        record["text"] += " Greta Thunberg sprak in Amsterdam over het klimaat."
    return changed


@pytest.fixture(scope="module")
def ranked_index(tmp_path_factory):
    """Several segments, one with deletions: synthetic articles, the seeds and real names."""
    root = tmp_path_factory.mktemp("ranking")
    corpus = root / "corpus"
    write_jsonl(corpus / "bulk.jsonl", make_records(700))
    write_corpus(corpus / "named.jsonl")
    build_index(root / "ix", [corpus, SAMPLE_CORPUS])
    write_jsonl(corpus / "bulk.jsonl", _changed_records())  # deletions in the first segment
    build_index(root / "ix", [corpus, SAMPLE_CORPUS])
    return root / "ix"


@pytest.fixture(scope="module")
def whoosh_index(tmp_path_factory):
    """The articles ``ranked_index`` ends with, in several segments and without deletions,
    written in reading order (one process): Whoosh's figures and ties are then ours."""
    root = tmp_path_factory.mktemp("whoosh")
    corpus = root / "corpus"
    write_jsonl(corpus / "bulk.jsonl", _changed_records())
    write_corpus(corpus / "named.jsonl")
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(parallel, "worker_count", lambda: 1)
        build_index(root / "ix", [corpus])
        build_index(root / "ix", [corpus, SAMPLE_CORPUS])  # a second segment
    return root / "ix"


def _prepared(engine, text: str, filters: dict):
    searcher, catalogue = engine._searcher()
    options = QueryOptions(text=text, **{k: v if k in ("since", "until", "month") else (v,)
                                         for k, v in filters.items()})  # fmt: skip
    parsed = engine._expand_entities(parse_text(searcher.schema, text), catalogue)
    parsed = bound_patterns(parsed, searcher.reader())
    parts = month_filters(options)
    for kind in ("person", "place", "org"):
        for name in getattr(options, kind):
            parts.append(entity_filter(kind, catalogue.aliases(kind, name)))
    return searcher, parsed, parts


def _ranked(searcher, parsed, filters, top=20, cache=None):
    segment_ids = segment_ids_of(searcher.reader())
    return rank(searcher, parsed, filters, top=top, cache=cache or ReaderCache(),
                segment_ids=segment_ids)  # fmt: skip


def _whoosh_hits(searcher, parsed, parts) -> list[tuple[int, float]]:
    """Whoosh's matches and scores of ``parsed``, best first.

    Whoosh's own ``AndNot`` matcher lets some articles through that have the excluded word,
    depending on how the articles fall into segments (its skipping over a union of terms):
    for ``a ANDNOT b`` the reference is Whoosh's ``a`` less Whoosh's matches of ``b``,
    which is what the query means and what the ranking computes.
    """
    restrict = query.And(parts) if parts else None
    if isinstance(parsed, query.AndNot):
        excluded = {hit.docnum for hit in searcher.search(parsed.b, limit=None)}
        hits = searcher.search(parsed.a, filter=restrict, limit=None)
        return [(hit.docnum, hit.score) for hit in hits if hit.docnum not in excluded]
    return [(hit.docnum, hit.score) for hit in searcher.search(parsed, filter=restrict,
                                                               limit=None)]  # fmt: skip


def test_the_index_has_what_the_comparison_needs(ranked_index, whoosh_index):
    with search.Engine.open(ranked_index) as engine:
        reader = engine._searcher()[0].reader()
        assert len(reader.leaf_readers()) > 1
        assert any(leaf.has_deletions() for leaf, _ in reader.leaf_readers())
        assert reader.doc_frequency("body", "klimat") > 128  # several posting blocks
    with search.Engine.open(whoosh_index) as engine:
        reader = engine._searcher()[0].reader()
        assert len(reader.leaf_readers()) > 1
        assert not any(leaf.has_deletions() for leaf, _ in reader.leaf_readers())


@pytest.mark.parametrize("filters", FILTERS, ids=lambda f: ",".join(f) or "none")
@pytest.mark.parametrize("text", QUERIES)
def test_matches_scores_and_order_equal_whoosh(whoosh_index, text, filters):
    with search.Engine.open(whoosh_index) as engine:
        searcher, parsed, parts = _prepared(engine, text, filters)
        ranking = _ranked(searcher, parsed, parts)
        assert ranking is not None, f"{parsed!r} was not evaluated"
        expected = _whoosh_hits(searcher, parsed, parts)
        assert sorted(ranking.matches.docnums().tolist()) == sorted(d for d, _ in expected)
        assert ranking.docnums.tolist() == [d for d, _ in expected[:20]]
        assert ranking.scores.tolist() == pytest.approx([s for _, s in expected[:20]], rel=1e-9)


def test_phrases_read_the_stems_positions_never_the_exact_forms(whoosh_index):
    """Exact forms keep no positions (index.schema.StemPositions): a parsed phrase holds
    stems only, and a phrase of exact forms made by hand matches nothing, as in Whoosh."""
    with search.Engine.open(whoosh_index) as engine:
        searcher, parsed, _ = _prepared(engine, '"graan boer"', {})
        words = [word for node in parsed.leaves() if isinstance(node, query.Phrase)
                 for word in node.words]  # fmt: skip
        assert words and not any(word.startswith(SURFACE_MARK) for word in words)
        assert len(_ranked(searcher, parsed, []).matches.docnums())
        exact = query.Phrase("body", [SURFACE_MARK + word for word in ("graan", "boer")])
        assert all(searcher.reader().doc_frequency("body", word) for word in exact.words)
        assert _ranked(searcher, exact, []).matches.docnums().tolist() == []
        assert _whoosh_hits(searcher, exact, []) == []


@pytest.mark.parametrize("filters", FILTERS, ids=lambda f: ",".join(f) or "none")
def test_matching_without_scores_finds_the_same_matches(ranked_index, filters):
    """``top=0`` (matches only) skips BM25F but evaluates the same nodes: the same matches,
    and None for the same queries."""
    with search.Engine.open(ranked_index) as engine:
        for text in [*QUERIES, "water ANDMAYBE dijk", "kli* OR sch?p NOT haven"]:
            searcher, parsed, parts = _prepared(engine, text, filters)
            scored, unscored = (_ranked(searcher, parsed, parts, top=top) for top in (20, 0))
            assert (scored is None) == (unscored is None), text
            if scored is not None:
                assert unscored.matches.docnums().tolist() == scored.matches.docnums().tolist()
                assert [len(docs) for docs in unscored.matches.per_leaf] == \
                    [len(docs) for docs in scored.matches.per_leaf]  # fmt: skip
                assert len(unscored.docnums) == 0


def test_a_small_cache_evicts_and_answers_the_same(ranked_index):
    with search.Engine.open(ranked_index) as engine:
        searcher, parsed, parts = _prepared(engine, "haven schip OR klimaat", {})
        roomy = _ranked(searcher, parsed, parts)
        tiny = ReaderCache(max_bytes=4_000)
        for _ in range(2):
            again = _ranked(searcher, parsed, parts, cache=tiny)
            assert again.docnums.tolist() == roomy.docnums.tolist()
            assert again.scores.tolist() == roomy.scores.tolist()
        assert tiny._bytes <= tiny.max_bytes


def test_filters_restrict_without_changing_scores(ranked_index):
    with search.Engine.open(ranked_index) as engine:
        everything = {hit.id: hit.score for hit in engine.search("water", limit=1000).hits}
        filtered = engine.search("water", since="2015-01", until="2019-12", limit=1000).hits
        assert filtered and len(filtered) < len(everything)
        assert all(hit.score == pytest.approx(everything[hit.id]) for hit in filtered)


def test_queries_it_does_not_evaluate_go_to_whoosh(ranked_index):
    with search.Engine.open(ranked_index) as engine:
        searcher, parsed, parts = _prepared(engine, "water ANDMAYBE dijk", {})
        assert _ranked(searcher, parsed, parts) is None
        results = engine.search("water ANDMAYBE dijk", limit=5)
        expected = searcher.search(parsed, limit=5)
        assert [hit.id for hit in results.hits] == [hit["id"] for hit in expected]
        assert results.total == len(searcher.search(parsed, limit=None))


def test_ties_go_to_the_lower_document_number():
    import numpy as np

    docnums = np.array([9, 3, 7, 1, 5])
    scores = np.array([1.0, 2.0, 2.0, 0.5, 2.0])
    assert docnums[best_first(docnums, scores, 2)].tolist() == [3, 5]
    assert docnums[best_first(docnums, scores, 10)].tolist() == [3, 5, 7, 9, 1]
    assert best_first(docnums, scores, 0).tolist() == []


def test_pages_follow_the_ranking(ranked_index):
    with search.Engine.open(ranked_index) as engine:
        both = engine.search("klimaat", limit=20).hits
        second = engine.search("klimaat", limit=10, page=2).hits
        assert [hit.id for hit in second] == [hit.id for hit in both[10:]]


@pytest.mark.parametrize("filters", [{}, {"since": "2012-01"}], ids=["all", "since"])
@pytest.mark.parametrize("sort", ["date", "oldest"])
@pytest.mark.parametrize("text", ["klimaat", "haven OR schip", "", '"Greta Thunberg"'])
def test_date_sorts_equal_whoosh(whoosh_index, text, sort, filters):
    with search.Engine.open(whoosh_index) as engine:
        searcher, parsed, parts = _prepared(engine, text, filters)
        segment_ids = segment_ids_of(searcher.reader())
        ranking = rank(searcher, parsed, parts, top=30, cache=ReaderCache(),
                       segment_ids=segment_ids, sort=sort)  # fmt: skip
        expected = searcher.search(parsed, filter=query.And(parts) if parts else None,
                                   limit=None, sortedby="date", reverse=sort == "date")  # fmt: skip
        # Whoosh's order, but undated articles last in both directions (Whoosh puts them
        # first when newest come first: their key is the column's largest value).
        dated = [hit.docnum for hit in expected if hit.get("month")]
        undated = [hit.docnum for hit in expected if not hit.get("month")]
        assert ranking.docnums.tolist() == (dated + undated)[:30]
        hits = engine.search(text, sort=sort, limit=30, **filters).hits
        when = [hit.date or hit.month for hit in hits]
        known = [w for w in when if w]
        assert when == known + [None] * (len(when) - len(known))
        assert known == sorted(known, reverse=sort == "date")


@pytest.mark.parametrize("text", QUERIES)
def test_an_updated_index_scores_as_a_fresh_build(ranked_index, whoosh_index, text):
    """Deleted articles awaiting a merge change no score: the updated index and a fresh
    build of the same articles give every match the same score."""
    scores = []
    for index_dir in (ranked_index, whoosh_index):
        with search.Engine.open(index_dir) as engine:
            results = engine.search(text, limit=1000, suggest=False)
            scores.append({hit.id: hit.score for hit in results.hits})
    updated, fresh = scores
    assert updated.keys() == fresh.keys()
    for article_id, score in fresh.items():
        assert updated[article_id] == pytest.approx(score, rel=1e-9), article_id
