"""Keyword in context: occurrences as the index analyses words, sorting, the CLI, HTTP."""

from __future__ import annotations

import csv
import io
import json

import pytest
from click.testing import CliRunner

import search
from index.analysis import DutchAnalyzer
from index.dutch.tokens import fold_accents
from search.cli import main
from search.kwic import MatchPatterns, occurrences

ANALYSE = DutchAnalyzer().word_analyser()
TEXT = ("De oorlog in Oekraïne duurt voort. Graanschepen varen over de Zwarte Zee; "
        "de graandeal met Rusland en de zee-route blijven. "
        "Een zwarte kat zag de zee niet.")  # fmt: skip


def found(patterns: MatchPatterns, text: str = TEXT) -> list[str]:
    return [text[start:end] for start, end in occurrences(text, patterns, ANALYSE)]


def test_words_match_as_the_index_analyses_them():
    assert found(MatchPatterns(frozenset({"oekrain"}), ())) == ["Oekraïne"]
    # compound parts are indexed terms of the compound: graandeal holds graan (stem gran)
    assert found(MatchPatterns(frozenset({"gran"}), ())) == ["Graanschepen", "graandeal"]


def test_a_phrase_is_one_occurrence_and_only_where_its_words_follow():
    zwarte_zee = MatchPatterns(frozenset(), ((("zwart", "zee"), 1),))
    assert found(zwarte_zee) == ["Zwarte Zee"]
    # a stop word inside the phrase widens the slop, as the query parser does
    with_stop_word = MatchPatterns(frozenset(), ((("oorlog", "oekrain"), 2),))
    assert found(with_stop_word) == ["oorlog in Oekraïne"]
    both = MatchPatterns(frozenset({"zee"}), ((("zwart", "zee"), 1),))
    assert found(both) == ["Zwarte Zee", "zee-route", "zee"]  # zee-route: one word, holds zee


def test_library_kwic_on_the_sample(engine):
    result = engine.kwic('graan* OR "Zwarte Zee" NOT Trump', width=25)
    assert result.articles == 1 and result.complete
    matches = [line.match for line in result.lines]
    assert "Zwarte Zee" in matches and "Graandeal" in matches and "graantransporten" in matches
    for line in result.lines:
        assert len(line.left) <= 25 and len(line.right) <= 25
        document = engine.document(line.id)
        text = document.body if line.field == "body" else document.title
        assert text[line.offset:].startswith(line.match.split()[0])


def test_not_words_and_filters(engine):
    assert engine.kwic("Poetin NOT Trump").articles == 1
    lines = engine.kwic("Poetin", since="2025-01").lines
    assert lines and {line.month for line in lines} == {"2025-05"}
    assert all(line.match == "Poetin" for line in lines)


def test_sorting_by_left_and_right_words(engine):
    right = engine.kwic("Poetin", sort="right").lines
    keys = [fold_accents(line.right.lower()).split()[:1] for line in right]
    assert keys == sorted(keys)
    left = engine.kwic("Poetin", sort="left").lines
    keys = [fold_accents(line.left.lower()).split()[-1:] for line in left]
    assert keys == sorted(keys)
    newest = engine.kwic("Poetin", sort="date").lines
    assert newest[0].month == "2025-05" and newest[-1].month == "2022-11"
    assert engine.kwic("Poetin", sort="oldest").lines[0].month == "2022-11"


def test_limit_marks_the_lines_incomplete(engine):
    every = engine.kwic("Poetin")
    cut = engine.kwic("Poetin", limit=2)
    assert cut.lines == every.lines[:2] and not cut.complete and every.complete
    assert engine.kwic("Poetin", limit=len(every.lines)).complete


@pytest.mark.parametrize(("options", "parameter"), [
    ({"width": 0}, "width"), ({"sort": "middle"}, "sort"), ({"limit": 0}, "limit"),
])  # fmt: skip
def test_bad_options_name_their_parameter(engine, options, parameter):
    with pytest.raises(search.QueryError) as caught:
        engine.kwic("Poetin", **options)
    assert caught.value.parameter == parameter


def test_a_concordance_needs_words(engine):
    with pytest.raises(search.QueryError, match="needs words"):
        engine.kwic("   ")


# -- the CLI ---------------------------------------------------------------------------------


def run(*args, index_dir):
    return CliRunner().invoke(main, [*args, "--index-dir", str(index_dir)])


def test_cli_lines_are_aligned_on_the_match(sample_index):
    result = run("kwic", "Poetin", "--width", "30", index_dir=sample_index)
    assert result.exit_code == 0, result.output
    heading, *lines = result.stdout.splitlines()
    assert heading == '10 occurrences in 2 articles for "Poetin"'
    assert {line.index("Poetin", 12 + 30) for line in lines} == {12 + 30 + 1}


def test_cli_csv_and_json(sample_index):
    result = run("kwic", '"Zwarte Zee"', "--csv", "--delimiter", ";", index_dir=sample_index)
    assert result.exit_code == 0 and result.stdout_bytes.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(result.stdout_bytes.decode("utf-8-sig"), newline=""),
                           delimiter=";"))  # fmt: skip
    assert rows[0] == ["id", "date", "field", "offset", "left", "match", "right"]
    assert [row[5] for row in rows[1:]] == ["Zwarte Zee"]
    data = json.loads(run("kwic", "Poetin", "--json", "--limit", "1",
                          index_dir=sample_index).stdout)  # fmt: skip
    assert data["articles"] == 2 and not data["complete"] and len(data["lines"]) == 1


def test_cli_bad_input(sample_index):
    usage = run("kwic", "Poetin", "--width", "0", index_dir=sample_index)
    assert usage.exit_code == 2 and "Invalid value for '--width'" in usage.stderr
    assert run("kwic", "Poetin", "--sort", "middle", index_dir=sample_index).exit_code == 2
    empty = run("kwic", "", index_dir=sample_index)
    assert empty.exit_code == 1 and empty.stderr.count("\n") == 1
    assert run("kwic", "Poetin", "--csv", "--json", index_dir=sample_index).exit_code == 2


# -- HTTP ------------------------------------------------------------------------------------


def test_http_kwic_json_and_csv(sample_index):
    pytest.importorskip("fastapi", reason="the serve extra is not installed")
    from fastapi.testclient import TestClient

    from search.server import create_app

    with TestClient(create_app(sample_index), raise_server_exceptions=False) as client:
        data = client.get("/api/kwic", params={"q": "Poetin", "sort": "left"}).json()
        with search.Engine.open(sample_index) as engine:
            assert data == engine.kwic("Poetin", sort="left", limit=100).as_dict()
        response = client.get("/api/kwic", params={"q": "Poetin", "format": "csv"})
        assert response.headers["content-disposition"] == \
            'attachment; filename="nieuwszoeker-kwic-poetin.csv"'  # fmt: skip
        assert response.content.startswith(b"\xef\xbb\xbf") and response.text.count("\r\n") == 11
        for params, status, parameter in [({"q": ""}, 400, "q"), ({"q": "x", "width": 0}, 422,
                                          "width"), ({"q": "x", "sort": "z"}, 422, "sort")]:
            answer = client.get("/api/kwic", params=params)
            assert answer.status_code == status and answer.json()["error"]["parameter"] == parameter


# -- real articles ---------------------------------------------------------------------------


def test_real_articles_kwic(dpg_index):
    with search.Engine.open(dpg_index) as engine:
        result = engine.kwic('klimaat* OR "Tweede Kamer"', sort="right", limit=None)
        total = engine.search('klimaat* OR "Tweede Kamer"', limit=1).total
    assert result.articles == total > 10 and len(result.lines) >= total
    for line in result.lines:  # compounds hold their parts: vestigingsklimaat matches too
        folded = fold_accents(line.match.lower())
        assert "klima" in folded or folded.startswith("tweede kamer"), line
    assert any(line.match == "Tweede Kamer" for line in result.lines)
    cli = run("kwic", "klimaat*", "--limit", "5", index_dir=dpg_index)
    assert cli.exit_code == 0 and len(cli.stdout.splitlines()) == 6
