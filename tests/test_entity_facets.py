"""Entity facets and filters through the engine and the CLI, on the seed articles."""

from __future__ import annotations

import json

from click.testing import CliRunner
from conftest import SEED_2022, SEED_2025

from search.cli import main


def facet(results, kind):
    return {c.value: c.count for c in results.facets[kind]}


def test_oorlog_counts_poetin_among_people(sample_index):
    result = CliRunner().invoke(
        main, ["query", "oorlog", "--json", "--index-dir", str(sample_index)]
    )
    assert result.exit_code == 0
    data = json.loads(result.stdout)
    people = {f["value"]: f["count"] for f in data["facets"]["person"]}
    assert "Poetin" in people or "Vladimir Poetin" in people
    # every facet of the registry (index.facets), publisher included since it was added
    assert set(data["facets"]) == {"month", "person", "place", "org", "publisher"}
    assert "Erdogan" in data["hits"][0]["entities"]["person"]


def test_vladimir_poetin_and_poetin_are_one_facet_value(engine):
    people = facet(engine.search("Poetin"), "person")
    assert people.get("Vladimir Poetin") == 2
    assert "Poetin" not in people


def test_facets_cover_all_matches_not_just_the_page(engine):
    results = engine.search("Poetin", limit=1)
    assert len(results.hits) == 1
    places = facet(results, "place")
    assert places["Rusland"] == 2 and places["Moskou"] == 2


def test_person_filter_narrows_to_the_2025_article(engine):
    assert [h.id for h in engine.search("Poetin", person="Trump").hits] == [SEED_2025]
    assert [h.id for h in engine.search("", person=["trump", "PESKOV"]).hits] == [SEED_2025]
    assert [h.id for h in engine.search("", person="Erdogan", place="Armenië").hits] == [SEED_2022]
    assert engine.search("", person="Erdogan", org="OVSE").total == 0


def test_filters_match_canonical_names_case_and_accent_insensitively(engine):
    assert engine.search("", place="armenie").total == 1
    assert engine.search("", person="Vladimir Poetin").total == 2
    assert engine.search("", person="poetin").total == 2


def test_entity_fields_in_the_query_text(engine):
    assert [h.id for h in engine.search('person:"Donald Trump"').hits] == [SEED_2025]
    assert engine.search('person:"vladimir poetin"').total == 2
    assert [h.id for h in engine.search("org:CSTO").hits] == [SEED_2022]


def test_facets_command_explores_the_index(sample_index):
    result = CliRunner().invoke(
        main, ["facets", "--month", "2025-05", "--json", "--index-dir", str(sample_index)]
    )
    assert result.exit_code == 0
    data = json.loads(result.stdout)
    assert {"value": "2025-05", "count": 1} in data["month"]
    assert any(f["value"] == "Donald Trump" for f in data["person"])
    assert all(f["value"] != "Erdogan" for f in data["person"])


def test_terminal_output_shows_facets_and_month_bars(sample_index):
    result = CliRunner().invoke(main, ["query", "Poetin", "--index-dir", str(sample_index)])
    assert result.exit_code == 0
    people = next(line for line in result.stdout.splitlines() if line.startswith("People: "))
    assert "Vladimir Poetin (2)" in people
    assert "Months:" in result.stdout and "2022-11 █" in result.stdout


def test_entities_command_prints_type_and_position():
    result = CliRunner().invoke(main, ["entities", "Peskov sprak in Moskou met de NAVO."])
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    assert lines[0].split()[:3] == ["person", "0-6", "Peskov"]
    assert [line.split()[0] for line in lines] == ["person", "place", "org"]
    usage = CliRunner().invoke(main, ["entities"])
    assert usage.exit_code == 2
