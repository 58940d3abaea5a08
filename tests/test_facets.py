"""Facet counts from per-segment ordinal arrays equal the straightforward count."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from whoosh import query

import search
from index.entities import default_extractor
from index.pipeline.build import build_index
from search.facets import count_facets
from search.matches import match_documents
from search.queries import QueryOptions, entity_filter, month_filters, parse_text
from tests.test_build_parallel import ARTICLES, force_two_workers, write_corpus

QUERIES = ["", "klimaat", "Rutte", "België OR Amsterdam", '"Greta Thunberg"', "klim*", "niets"]
FILTERS = [{}, {"since": "2021-01"}, {"month": "2022-11"}, {"place": "Amsterdam"},
           {"person": "Rutte"}]  # fmt: skip


def straightforward(engine, text, filters):
    """What the engine counted before the ordinal arrays: every match, one at a time."""
    searcher, catalogue = engine._searcher()
    options = QueryOptions(text=text, **{k: v if k in ("since", "until", "month") else (v,)
                                         for k, v in filters.items()})  # fmt: skip
    parsed = engine._expand_entities(parse_text(searcher.schema, text), catalogue)
    parts = month_filters(options)
    for kind in ("person", "place", "org"):
        for name in getattr(options, kind):
            parts.append(entity_filter(kind, catalogue.aliases(kind, name)))
    combined = query.And([parsed, *parts]) if parts else parsed
    matched = sorted(searcher.docs_for_query(combined))
    return combined, matched, count_facets(searcher.reader(), matched, catalogue, top=10)


@pytest.fixture(scope="module")
def built_index(tmp_path_factory):
    """Built through two worker processes, then updated (deletions and a new segment)."""
    folder = tmp_path_factory.mktemp("facets")
    with pytest.MonkeyPatch.context() as monkeypatch:
        force_two_workers(monkeypatch)
        corpus = write_corpus(folder / "news.jsonl")
        build_index(folder / "ix", [corpus], extractor=default_extractor())
        body = "Greta Thunberg sprak in Rotterdam en Amsterdam over het klimaat met Mark Rutte."
        changed = [*ARTICLES[:3], ("a4", "Greta Thunberg in Rotterdam", body, "2019-11-02")]
        write_corpus(corpus, changed)
        build_index(folder / "ix", [corpus], extractor=default_extractor())  # deletes and adds
    return folder / "ix"


@pytest.fixture
def updated_index(built_index, tmp_path):
    """A copy of :func:`built_index` of this test's own (a test may change its files)."""
    return Path(shutil.copytree(built_index, tmp_path / "ix"))


@pytest.mark.parametrize("text", QUERIES)
@pytest.mark.parametrize("filters", FILTERS, ids=lambda f: ",".join(f) or "none")
def test_fast_facets_equal_the_straightforward_count(updated_index, text, filters):
    with search.Engine.open(updated_index) as engine:
        combined, matched, expected = straightforward(engine, text, filters)
        results = engine.search(text, facets=10, suggest=False, **filters)
        assert results.total == len(matched)
        assert results.facets == expected
        searcher, _ = engine._searcher()
        assert match_documents(searcher, combined).docnums().tolist() == matched


def test_top_cuts_ties_by_name_like_the_straightforward_count(updated_index):
    with search.Engine.open(updated_index) as engine:
        for top in (1, 2, 3):
            _, matched, _ = straightforward(engine, "", {})
            searcher, catalogue = engine._searcher()
            expected = count_facets(searcher.reader(), matched, catalogue, top=top)
            assert engine.facets("", top=top) == expected


def test_segments_without_a_facet_file_are_counted_from_the_columns(updated_index):
    for path in updated_index.glob("*.facets.npz"):
        path.unlink()
    with search.Engine.open(updated_index) as engine:
        _, _, expected = straightforward(engine, "klimaat", {})
        assert engine.search("klimaat", facets=10, suggest=False).facets == expected


def test_catalogue_from_facet_files_equals_the_lexicon_catalogue(updated_index):
    from whoosh import index

    from search.facets import EntityCatalogue

    with index.open_dir(str(updated_index)).reader() as reader:
        expected = EntityCatalogue(reader)
        fast = EntityCatalogue.for_reader(reader)
        lexicon = [(reader.schema["person"].from_bytes(term), info.doc_frequency())
                   for term, info in reader.iter_field("person")]  # fmt: skip
        assert fast.facet_index(reader).person_frequencies() == lexicon
    assert fast._alias == expected._alias and fast._surnames == expected._surnames
    assert list(fast._alias["person"]) == list(expected._alias["person"])


def test_threads_share_one_catalogue_per_index_generation(updated_index):
    import threading

    with search.Engine.open(updated_index) as engine:
        found = []
        threads = [threading.Thread(target=lambda: found.append(engine._searcher()[1]))
                   for _ in range(3)]  # fmt: skip
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        assert len({id(catalogue) for catalogue in found}) == 1
