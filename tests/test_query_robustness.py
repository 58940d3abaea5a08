"""Any query string or filter value: a result or one clear QueryError, fast, never a crash."""

from __future__ import annotations

import time

import pytest
from click.testing import CliRunner
from conftest import make_records, write_jsonl
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import search
from search.cli import main

SYNTAX = st.sampled_from(
    ["AND", "OR", "NOT", "(", ")", '"', "*", "?", "~", "~2", "^2", ":", "[", "]", "TO", "{", "}",
     "title:", "body:", "month:", "person:", "place:", "org:", "date:", "id:", "words:",
     "graan", "oorlog", "Oekraïne", "regering", "haven", "-", "'", "\\", "/"]
)  # fmt: skip
QUERY_TEXT = st.lists(st.one_of(SYNTAX, st.text(max_size=12)), max_size=12).map(" ".join)
SECONDS_PER_QUERY = 3.0


@pytest.fixture(scope="module")
def big_engine(tmp_path_factory):
    """A 10,000-article index of synthetic Dutch articles."""
    base = tmp_path_factory.mktemp("tienduizend")
    write_jsonl(base / "corpus" / "nieuws.jsonl", make_records(10_000, seed=3))
    search.index_corpus([base / "corpus"], index_dir=base / "index", entities=False)
    with search.Engine.open(base / "index") as engine:
        yield engine


def timed_search(engine, *args, **kwargs):
    started = time.perf_counter()
    try:
        result = engine.search(*args, **kwargs)
    except search.QueryError as error:
        assert str(error) and "\n" not in str(error)
        result = error
    assert time.perf_counter() - started < SECONDS_PER_QUERY, (args, kwargs)
    return result


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=QUERY_TEXT)
def test_any_query_text_gives_results_or_a_clear_error(big_engine, text):
    timed_search(big_engine, text)


@settings(max_examples=60, deadline=None)
@given(
    since=st.one_of(st.none(), st.text(max_size=8), st.just("2015-01")),
    month=st.one_of(st.none(), st.text(max_size=8)),
    person=st.lists(st.text(max_size=15), max_size=3),
    limit=st.integers(-5, 5000),
    page=st.integers(-5, 10**9),
)
def test_any_filter_values_give_results_or_a_clear_error(big_engine, since, month, person, limit,
                                                          page):  # fmt: skip
    timed_search(big_engine, "regering", since=since, month=month, person=person, limit=limit,
                 page=page)  # fmt: skip


@pytest.mark.parametrize(
    "text, expected",
    [
        ("*", "results"),
        ("a*", "at least two letters"),
        ("?*", "at least two letters"),
        ("*a", "at least two letters"),
        ("x" * 10_000, "the limit is 2000"),
        (" ".join(["regering"] * 1000)[:1999], "results"),
        ("(" * 200 + "graan" + ")" * 200, "nested 200 deep"),
        ("NOT " * 400 + "graan", "results-or-error"),
        ("regering~2 haven~2 storm~2", "results"),
        ("r*", "at least two letters"),
    ],
)
def test_pathological_queries_are_bounded(big_engine, text, expected):
    result = timed_search(big_engine, text)
    if expected == "results":
        assert isinstance(result, search.Results)
    elif expected != "results-or-error":
        assert isinstance(result, search.QueryError) and expected in str(result)


def test_broad_patterns_are_capped_with_a_message(tmp_path):
    records = [{"id": f"w{i}", "title": "t", "text": f"zzwoord{i}", "date": "2020-01"}
               for i in range(1100)]  # fmt: skip
    write_jsonl(tmp_path / "c" / "w.jsonl", records)
    search.index_corpus([tmp_path / "c"], index_dir=tmp_path / "ix", entities=False)
    with search.Engine.open(tmp_path / "ix") as engine:
        with pytest.raises(search.QueryError, match="matches more than 1,024 different words"):
            engine.search("zzwoord*")
        assert engine.search("zzwoord10*").total == 111  # 10, 100-109, 1000-1099


def test_huge_limit_and_page_from_the_cli(sample_index):
    runner = CliRunner()
    for args, message in [
        (["--limit", "100000000"], "Invalid value for '--limit': must be between 1 and 1000"),
        (["--page", "99999999"], "Invalid value for '--page': 99999999 with limit 10 goes"),
        (["--facets", "-1"], "Invalid value for '--facets': must be between 0 and 1000"),
    ]:
        result = runner.invoke(main, ["query", "Poetin", *args, "--index-dir", str(sample_index)])
        assert result.exit_code == 2 and message in result.stderr
