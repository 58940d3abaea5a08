"""The command line through CliRunner: output, JSON contract and exact exit codes."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest
from click.testing import CliRunner
from conftest import SEED_2022, SEED_2025

import search
from search.cli import main


@pytest.fixture()
def run():
    runner = CliRunner()

    def invoke(*args):
        return runner.invoke(main, [str(a) for a in args], catch_exceptions=False)

    return invoke


def test_every_command_has_help(run):
    for name, command in main.commands.items():
        assert command.help, f"{name} has no help text"
        result = run(name, "--help")
        assert result.exit_code == 0 and "Usage:" in result.output


def test_query_builds_the_sample_index_at_the_default_location(run, tmp_path, monkeypatch):
    monkeypatch.setenv("SEARCH_INDEX_DIR", str(tmp_path / "fresh"))
    result = run("query", "graandeal")
    assert result.exit_code == 0
    assert "indexing the bundled sample corpus first" in result.stderr
    assert '1 result for "graandeal"' in result.stdout and SEED_2022 in result.stdout


@pytest.mark.parametrize("command", [["query", "graandeal"], ["facets"], ["stats"],
                                     ["show", SEED_2022], ["serve"]])  # fmt: skip
def test_a_named_index_dir_without_an_index_is_an_error_and_creates_nothing(run, tmp_path,
                                                                           command):  # fmt: skip
    typo = tmp_path / "indx"
    result = run(*command, "--index-dir", typo)
    assert result.exit_code == 1
    assert result.stderr.strip() == f"Error: no index at {typo}: build one with `search index`"
    assert not typo.exists()


def test_query_json_contract(run, sample_index):
    result = run("query", "Oekraine", "--since", "2025-01", "--json", "--index-dir", sample_index)
    assert result.exit_code == 0
    data = json.loads(result.stdout)
    assert data["total"] == 1 and [h["id"] for h in data["hits"]] == [SEED_2025]
    assert data["facets"]["month"] == [{"value": "2025-05", "count": 1}]
    assert "<mark>" in data["hits"][0]["snippet"]
    assert data["suggestion"] is None and data["page"] == 1 and data["limit"] == 10


def test_zero_hits_is_success_with_a_suggestion(run, sample_index):
    result = run("query", "Poeting", "--index-dir", sample_index)
    assert result.exit_code == 0
    assert "0 results" in result.stdout and "Did you mean: Poetin?" in result.stdout


@pytest.mark.parametrize(
    "args, message",
    [
        (["--since", "2022-13"], "Invalid value for '--since': must be a month as YYYY-MM or a "
                                 "day as YYYY-MM-DD, not '2022-13'"),
        (["--since", "gisteren"], "Invalid value for '--since': must be a month as YYYY-MM or a "
                                  "day as YYYY-MM-DD, not 'gisteren'"),
        (["--limit", "5000"], "Invalid value for '--limit': must be between 1 and 1000, not 5000"),
        (["--limit", "0"], "Invalid value for '--limit': must be between 1 and 1000, not 0"),
        (["--page", "0"], "Invalid value for '--page': must be 1 or more, not 0"),
        (["--since", "2025-01", "--until", "2022-01"],
         "Invalid value for '--since': 2025-01 comes after until 2022-01"),
    ],
)  # fmt: skip
def test_bad_option_values_are_usage_errors(run, sample_index, args, message):
    result = run("query", "Poetin", *args, "--index-dir", sample_index)
    assert result.exit_code == 2
    lines = result.stderr.strip().splitlines()
    assert lines[0].startswith("Usage: ") and lines[0].endswith(" query [OPTIONS] [TEXT]")
    assert lines[-1] == f"Error: {message}"


def test_bad_facets_top_is_a_usage_error_named_as_the_option(run, sample_index):
    result = run("facets", "--top", "5000", "--index-dir", sample_index)
    assert result.exit_code == 2
    assert "Error: Invalid value for '--top': must be between 0 and 1000" in result.stderr


def test_query_text_errors_exit_1(run, sample_index):
    result = run("query", "AND OR", "--index-dir", sample_index)
    assert result.exit_code == 1
    assert result.stderr.strip() == (
        "Error: the query 'AND OR' has only operators and no words to search for"
    )


def test_usage_errors_exit_2(run, sample_index):
    assert run("query", "x", "--limit", "abc", "--index-dir", sample_index).exit_code == 2
    assert run("query", "x", "--sort", "popular", "--index-dir", sample_index).exit_code == 2
    assert run("nonsense").exit_code == 2


def test_missing_index_for_show_and_stats_is_one_clear_line(run, tmp_path):
    result = run("stats", "--index-dir", tmp_path / "none")
    assert result.exit_code == 1
    assert result.stderr.strip() == (
        f"Error: no index at {tmp_path / 'none'}: build one with `search index`"
    )


def test_show_and_stats(run, sample_index):
    shown = run("show", SEED_2025, "--index-dir", sample_index)
    assert shown.exit_code == 0 and "Witkoff" in shown.stdout
    missing = run("show", "nope", "--index-dir", sample_index)
    assert missing.exit_code == 1 and "no article with id 'nope'" in missing.stderr
    stats = json.loads(run("stats", "--json", "--index-dir", sample_index).stdout)
    assert (stats["documents"], stats["first_month"], stats["last_month"]) == (
        2,
        "2022-11",
        "2025-05",
    )


def test_analyze_prints_the_terms(run):
    result = run("analyze", "De Oekraïense agenda's")
    assert result.exit_code == 0
    assert result.stdout.split() == search.analyze("De Oekraïense agenda's")
    assert len(result.stdout.split()) == 2 and result.stdout.split()[1] == "agenda"


def test_index_reports_counts_and_updates_incrementally(run, tmp_path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "a.txt").write_text("date 2020-01 Eerste bericht over dijken.", encoding="utf-8")
    (corpus / "b.txt").write_text("date 2020-02 Tweede bericht over sluizen.", encoding="utf-8")
    index_dir = tmp_path / "ix"
    first = run("index", corpus, "--index-dir", index_dir)
    assert first.exit_code == 0
    assert "2 added, 0 updated, 0 removed, 0 unchanged, 0 skipped" in first.stderr
    (corpus / "a.txt").write_text("date 2020-01 Eerste bericht over duinen.", encoding="utf-8")
    (corpus / "b.txt").unlink()
    (corpus / "c.txt").write_text("date 2020-03 Derde bericht over gemalen.", encoding="utf-8")
    second = run("index", corpus, "--index-dir", index_dir)
    assert "1 added, 1 updated, 1 removed, 0 unchanged, 0 skipped" in second.stderr
    found = json.loads(run("query", "duinen OR sluizen OR gemalen", "--json",
                           "--index-dir", index_dir).stdout)  # fmt: skip
    assert sorted(h["id"] for h in found["hits"]) == ["a.txt", "c.txt"]


def test_an_empty_folder_is_a_warning(run, tmp_path):
    (tmp_path / "leeg").mkdir()
    result = run("index", tmp_path / "leeg", "--index-dir", tmp_path / "ix")
    assert result.exit_code == 0
    assert result.stderr.startswith(f"warning: no articles found in {tmp_path / 'leeg'}")
    strict = run("index", tmp_path / "leeg", "--index-dir", tmp_path / "ix", "--strict")
    assert strict.exit_code == 1


def test_index_warns_about_bad_files_and_strict_fails(run, tmp_path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "good.txt").write_text("date 2020-01 Een goed bericht.", encoding="utf-8")
    (corpus / "binary.txt").write_bytes(b"\x00\x01\x02 date")
    (corpus / "empty.txt").write_text("", encoding="utf-8")
    result = run("index", corpus, "--index-dir", tmp_path / "ix")
    assert result.exit_code == 0
    assert (
        f"warning: {corpus / 'binary.txt'}: binary file (contains NUL bytes), not text"
        in result.stderr
    )
    assert f"warning: {corpus / 'empty.txt'}: empty file" in result.stderr
    assert "1 added" in result.stderr and "2 skipped" in result.stderr
    strict = run("index", corpus, "--index-dir", tmp_path / "ix2", "--strict")
    assert strict.exit_code == 1 and "Error: 2 problems in the corpus (--strict)" in strict.stderr


def as_command(*args):
    """Run the CLI as its own process, reporting whether Python's exit handlers ran."""
    code = ("import atexit, sys; atexit.register(lambda: print('torn down', file=sys.stderr)); "
            "from search.cli import main; main()")  # fmt: skip
    return subprocess.run([sys.executable, "-c", code, *map(str, args)], capture_output=True,
                          text=True, check=False)  # fmt: skip


@pytest.mark.parametrize(
    "args, status",
    [(["query", "Poetin", "--json"], 0), (["query", "x", "--since", "2022-13"], 2),
     (["query", "--limit"], 2), (["stats", "--json"], 0)],
)  # fmt: skip
def test_read_only_commands_end_without_teardown_and_keep_status(sample_index, args, status):
    result = as_command(*args, "--index-dir", sample_index)
    assert result.returncode == status
    assert "torn down" not in result.stderr
    if status == 0:
        assert json.loads(result.stdout)  # all of the output, flushed
    else:
        assert "Error: " in result.stderr


def test_commands_that_write_exit_normally(tmp_path):
    corpus = tmp_path / "a.txt"
    corpus.write_text("date 2020-01 Een bericht.", encoding="utf-8")
    result = as_command("index", corpus, "--quiet", "--index-dir", tmp_path / "ix")
    assert result.returncode == 0 and "torn down" in result.stderr


def test_bold_is_what_click_writes():
    import click

    from search import render

    assert render.bold("Poetin") == click.style("Poetin", bold=True)
