"""Queries through the library on the seed articles: Dutch words, filters, sorting, paging."""

from __future__ import annotations

import pytest
from conftest import SEED_2022, SEED_2025

import search


def ids(results):
    return [hit.id for hit in results.hits]


@pytest.mark.parametrize("word", ["graandeal", "graantransporten", "Graandeal"])
def test_grain_words_find_the_2022_article(engine, word):
    assert ids(engine.search(word)) == [SEED_2022]


def test_witkoff_finds_the_2025_article(engine):
    assert ids(engine.search("Witkoff")) == [SEED_2025]


def test_ukraine_without_diaeresis_finds_both(engine):
    assert sorted(ids(engine.search("Oekraine"))) == [SEED_2022, SEED_2025]


def test_since_excludes_the_2022_article(engine):
    assert ids(engine.search("Oekraine", since="2025-01")) == [SEED_2025]
    assert ids(engine.search("Oekraine", until="2022-12")) == [SEED_2022]
    assert ids(engine.search("Oekraine", month="2022-11")) == [SEED_2022]


def test_plural_matches_singular(engine):
    # "gesprek" is only in the 2025 article as "gesprek", "gesprekken" in both forms.
    assert ids(engine.search("gesprekken")) == ids(engine.search("gesprek"))
    assert SEED_2025 in ids(engine.search("gesprekken"))


def test_month_syntax_in_the_query_text(engine):
    assert ids(engine.search("month:2022-11")) == [SEED_2022]
    assert ids(engine.search("Poetin month:[2025-01 TO 2025-12]")) == [SEED_2025]


def test_boolean_operators_phrases_and_prefixes(engine):
    assert ids(engine.search("Erdogan OR Witkoff", sort="oldest")) == [SEED_2022, SEED_2025]
    assert ids(engine.search("Poetin NOT Erdogan")) == [SEED_2025]
    assert ids(engine.search('"Zwarte Zee"')) == [SEED_2022]
    assert ids(engine.search('"Zee Zwarte"')) == []
    assert ids(engine.search("Witko*")) == [SEED_2025]
    assert ids(engine.search("Witkof~")) == [SEED_2025]
    assert ids(engine.search("title:Witkoff")) == []
    assert ids(engine.search("body:Witkoff")) == [SEED_2025]


def test_hyphenated_words_meet_both_spellings(engine):
    # 2022: "Kremlinwoordvoerder", 2025: "Kremlin-woordvoerder".
    assert sorted(ids(engine.search("Kremlin-woordvoerder"))) == [SEED_2022, SEED_2025]
    assert ids(engine.search('"Kremlin-woordvoerder Dmitry"')) == [SEED_2025]


def test_sort_by_date_newest_first(engine):
    assert ids(engine.search("Poetin", sort="date")) == [SEED_2025, SEED_2022]
    assert ids(engine.search("Poetin", sort="oldest")) == [SEED_2022, SEED_2025]


def test_paging(engine):
    first = engine.search("Poetin", limit=1, page=1, sort="date")
    second = engine.search("Poetin", limit=1, page=2, sort="date")
    beyond = engine.search("Poetin", limit=1, page=3)
    assert (first.total, ids(first), ids(second), ids(beyond)) == (2, [SEED_2025], [SEED_2022], [])


def test_snippet_marks_the_matched_words(engine):
    hit = engine.search("graantransporten").hits[0]
    assert "<mark>graantransporten</mark>" in hit.snippet.marked()
    assert ("graantransporten", True) in hit.snippet.fragments


def test_month_facet_counts_all_matches(engine):
    results = engine.search("Poetin", limit=1)
    assert len(results.hits) == 1
    assert [(c.value, c.count) for c in sorted(results.facets["month"], key=lambda c: c.value)] == [
        ("2022-11", 1),
        ("2025-05", 1),
    ]


def test_did_you_mean_from_the_index_vocabulary(engine):
    results = engine.search("Poeting")
    assert results.total == 0 and results.suggestion == "Poetin"
    assert engine.suggest("Witkof Oekrajne") == "Witkoff Oekraine"
    assert engine.search("Witkoff").suggestion is None


def test_empty_query_with_filter_browses(engine):
    assert ids(engine.search("", since="2025-01")) == [SEED_2025]


@pytest.mark.parametrize(
    "options, parameter, message",
    [
        ({"since": "2022-13"}, "since", "since must be a month as YYYY-MM"),
        ({"since": "2025-01", "until": "2022-01"}, "since", "since 2025-01 comes after until"),
        ({"limit": 0}, "limit", "limit must be between 1 and"),
        ({"page": 0}, "page", "page must be 1 or more"),
        ({"sort": "popular"}, "sort", "sort must be one of"),
        ({"facets": -1}, "facets", "facets must be between 0 and"),
    ],
)
def test_bad_options_raise_query_error_naming_the_parameter(engine, options, parameter, message):
    with pytest.raises(search.QueryError, match=f"^{message}") as raised:
        engine.search("Poetin", **options)
    assert raised.value.parameter == parameter
    assert "--" not in str(raised.value)  # the library speaks of its own keywords


@pytest.mark.parametrize("text", ["graan AND", "OR Poetin", '"Zwarte Zee', "(Poetin", "foo:bar"])
def test_malformed_queries_are_read_leniently(engine, text):
    engine.search(text)  # no exception


def test_only_operators_is_a_clear_error(engine):
    with pytest.raises(search.QueryError, match="only operators") as raised:
        engine.search("AND OR")
    assert raised.value.parameter == "text"


def test_document_and_stats(engine):
    document = engine.document(SEED_2025)
    assert document.month == "2025-05" and "Witkoff" in document.body
    with pytest.raises(search.ArticleNotFoundError):
        engine.document("nope")
    stats = engine.stats()
    assert (stats.documents, stats.first_month, stats.last_month) == (2, "2022-11", "2025-05")
    assert stats.analysis["stemmer"] == "dutch_porter" and stats.size_bytes > 0


def test_results_json_shape(engine):
    data = engine.search("Oekraine").as_dict()
    assert set(data) == {"query", "total", "page", "limit", "hits", "facets", "suggestion"}
    assert set(data["hits"][0]) >= {"id", "title", "month", "score", "snippet", "source"}
    assert set(data["facets"]) >= {"month"}


def _engine_of_texts(tmp_path_factory, name: str, articles: dict[str, str]):
    """An engine on an index of ``.txt`` articles (file name: text), without entities."""
    base = tmp_path_factory.mktemp(name)
    corpus = base / "corpus"
    corpus.mkdir()
    for file_name, text in articles.items():
        (corpus / file_name).write_text(text, encoding="utf-8")
    search.index_corpus([corpus], index_dir=base / "index", entities=False)
    with search.Engine.open(base / "index") as opened:
        yield opened


@pytest.fixture(scope="module")
def compound_engine(tmp_path_factory):
    yield from _engine_of_texts(tmp_path_factory, "samenstellingen", {
        "a.txt": "date 2023-01 Klimaatactivist lijmt zich vast\n\nDe klimaatactivist zat vast.",
        "b.txt": "date 2023-02 Actie\n\nEen activist voor het klimaat protesteerde in Den Haag.",
        "c.txt": "date 2023-03 Haven\n\nDe graantransporten uit de haven liepen vertraging op.",
        "d.txt": "date 2023-04 Oorlog\n\nDe oorlog in Oekraïne duurt voort.",
    })  # fmt: skip


def test_a_part_finds_the_compound(compound_engine):
    assert ids(compound_engine.search("graan")) == ["c.txt"]
    assert ids(compound_engine.search("transport")) == ["c.txt"]
    assert sorted(ids(compound_engine.search("klimaat"))) == ["a.txt", "b.txt"]


def test_a_compound_finds_its_parts_written_apart(compound_engine):
    assert sorted(ids(compound_engine.search("klimaatactivist"))) == ["a.txt", "b.txt"]
    assert ids(compound_engine.search('"klimaatactivist lijmt"')) == ["a.txt"]


def test_phrases_skip_stop_words_but_keep_order(compound_engine):
    assert ids(compound_engine.search('"oorlog in Oekraïne"')) == ["d.txt"]
    assert ids(compound_engine.search('"Oekraïne in oorlog"')) == []


def test_indexing_leaves_the_query_cache_ready(tmp_path):
    """The first query after `search index` reads the catalogue and the vocabulary for
    "did you mean" from their cache files instead of building them."""
    from corpus import SAMPLE_CORPUS

    search.index_corpus([SAMPLE_CORPUS], index_dir=tmp_path / "ix")
    before = {p: p.stat().st_mtime_ns for p in (tmp_path / "ix").glob("*.facetcache")}
    assert len(before) == 2
    with search.Engine.open(tmp_path / "ix") as opened:
        assert opened.search("graan").total >= 1
        assert opened.search("graandaal").suggestion == "graandeal"
    after = {p: p.stat().st_mtime_ns for p in (tmp_path / "ix").glob("*.facetcache")}
    assert after == before


def test_warm_reads_the_vocabulary_once_per_index_generation(monkeypatch, sample_index):
    from search import generation

    read = []
    original = generation.vocabulary_of
    monkeypatch.setattr(generation, "vocabulary_of",
                        lambda reader: read.append(reader) or original(reader))  # fmt: skip
    with search.Engine.open(sample_index) as engine:
        engine.warm()
        assert len(read) == 1
        engine.search("graandael")
        engine.suggest("Oekraine")
        assert len(read) == 1


@pytest.fixture(scope="module")
def inflection_engine(tmp_path_factory):
    yield from _engine_of_texts(tmp_path_factory, "inflections", {
        "one.txt": "date 2023-01 Uitspraak\n\nDe oorlog ging door, zei de krant.",
        "many.txt": "date 2023-02 Uitspraak\n\nDe oorlogen gingen door, zei de krant.",
    })  # fmt: skip


@pytest.mark.parametrize("word, first", [("oorlog", "one.txt"), ("oorlogen", "many.txt")])
def test_the_word_as_written_ranks_first(inflection_engine, word, first):
    # Whether the word is its own stem (oorlog) or not (oorlogen), the article with the
    # very word ranks above the one with the other inflection (exact forms, 2026.12-1).
    assert ids(inflection_engine.search(word)) == [first, *{"one.txt", "many.txt"} - {first}]
