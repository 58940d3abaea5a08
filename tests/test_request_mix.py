"""The request mix of the serving benchmark (bench/request_mix.py): fixed for a seed."""

from bench.request_mix import SORTS, WEIGHTS, request_mix

NAMES = {"person": ["Mark Rutte"], "place": ["Den Haag"], "org": ["Tweede Kamer"]}
IDS = ["gen0000001", "https://nos.nl/artikel/1?a=b&c=d"]


def test_the_same_seed_gives_the_same_mix():
    assert request_mix(7, 500, NAMES, IDS) == request_mix(7, 500, NAMES, IDS)
    assert request_mix(7, 500, NAMES, IDS) != request_mix(8, 500, NAMES, IDS)


def test_the_mix_covers_every_kind_sort_page_and_filter():
    mix = request_mix(1, 2_000, NAMES, IDS)
    assert {r.kind for r in mix} == set(WEIGHTS)
    searches = [dict(r.params) for r in mix if r.kind.startswith("search:")]
    assert {p["sort"] for p in searches} == set(SORTS)
    assert {p["page"] for p in searches} == {"1", "2", "3", "4", "5"}
    for key in ("since", "until", "month", "person", "place", "org"):
        assert any(key in p for p in searches), key


def test_article_ids_are_percent_encoded_as_a_whole():
    paths = {r.path for r in request_mix(1, 2_000, NAMES, IDS) if r.kind == "article"}
    assert paths == {"/api/articles/gen0000001",
                     "/api/articles/https%3A%2F%2Fnos.nl%2Fartikel%2F1%3Fa%3Db%26c%3Dd"}


def test_only_the_deliberate_mistakes_expect_an_error():
    mix = request_mix(1, 2_000, NAMES, IDS)
    assert {r.expect for r in mix if r.kind != "deliberate 4xx"} == {200}
    assert {r.expect for r in mix if r.kind == "deliberate 4xx"} == {400, 404, 422}


def test_without_names_or_ids_those_kinds_become_word_searches():
    kinds = {r.kind for r in request_mix(1, 500, {}, [])}
    assert "search:entity" not in kinds and "article" not in kinds
