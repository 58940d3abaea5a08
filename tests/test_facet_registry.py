"""The facet registry (index/facets.py) drives every layer; the publisher facet end to end."""

from __future__ import annotations

import csv
import json
from collections import Counter

import pytest
from click.testing import CliRunner
from conftest import shared_file
from fastapi.testclient import TestClient
from test_server import write_jsonl

import search
from corpus import read_corpus
from corpus.article import Article
from index import facets as registry
from index.pipeline.build import build_index
from index.schema import build_schema
from index.store import storage
from search.cli import main
from search.queries import QueryOptions
from search.server import create_app, page_facets_module

NAMES = [facet.name for facet in registry.NAME_FACETS]
ALL = [facet.name for facet in registry.FACETS]

# Outlets as the records name them; "Het Financiële Dagblad" and "het financiele dagblad"
# are one publisher (keyed like entity names: case and accents folded).
RECORDS = [
    ("publisher", "Trouw", "2023-01-05", "Stikstof en boeren in het nieuws."),
    ("publisher", "Trouw", "2023-02-05", "Het kabinet over stikstof en natuur."),
    ("publisher", "NRC Handelsblad", "2023-02-07", "De Tweede Kamer over het klimaat."),
    ("medium", "Het Financiële Dagblad", "2023-03-01", "Beurs daalt na rentebesluit."),
    ("medium", "Het Financiële Dagblad", "2023-03-03", "Banken lenen minder uit."),
    ("outlet", "het financiele dagblad", "2023-03-02", "Rente stijgt, beurs daalt."),
    ("krant", "De Volkskrant", "2023-03-09", "Boeren protesteren tegen de stikstof."),
    ("site", "", "2023-04-01", "Een bericht zonder bron over het weer."),
    ("publisher", "Trouw", "2023-02-20", "Trouw schrijft over de zorg."),
]


def write_outlet_records(folder):
    """One JSON Lines file per field name in RECORDS, so each file maps its own field."""
    by_field: dict[str, list[dict]] = {}
    for n, (field, outlet, date, text) in enumerate(RECORDS):
        record = {"id": f"a{n}", "title": text.split(".")[0], "date": date, "text": text}
        if outlet:
            record[field] = outlet
        by_field.setdefault(field, []).append(record)
    for field, records in by_field.items():
        write_jsonl(folder / f"{field}.jsonl", records)
    with open(folder / "bron.csv", "w", encoding="utf-8", newline="") as out:
        table = csv.writer(out)
        table.writerow(["id", "titel", "datum", "tekst", "Bron"])
        table.writerow(["c1", "Trouw-kop", "2023-05-01", "Nog een stuk over stikstof.", "TROUW"])
    return folder


@pytest.fixture(scope="module")
def publisher_index(tmp_path_factory):
    folder = write_outlet_records(tmp_path_factory.mktemp("publishers"))
    index_dir = folder / "index"
    build_index(index_dir, [folder], extractor=None)
    return index_dir


@pytest.fixture()
def engine(publisher_index):
    with search.Engine.open(publisher_index) as opened:
        yield opened


def counts(results_or_facets, name="publisher"):
    facets = getattr(results_or_facets, "facets", results_or_facets)
    return {c.value: c.count for c in facets[name]}


# -- the registry drives every layer --------------------------------------------------------


def test_the_registry_declares_month_and_the_facets_of_names():
    assert ALL == ["person", "place", "org", "publisher", "month"]
    assert [f.name for f in registry.ENTITY_FACETS] == ["person", "place", "org"]
    assert registry.BY_NAME["publisher"].attribute == "publisher"
    assert not registry.BY_NAME["publisher"].multiple
    assert registry.BY_NAME["month"].histogram


def test_every_facet_of_names_is_a_schema_field_and_a_query_option():
    schema = build_schema()
    for name in NAMES:
        assert name in schema
        assert getattr(QueryOptions(), name) == ()
    assert QueryOptions(publisher=("Trouw",)).facet_filters() == [("publisher", ("Trouw",))]


def test_every_facet_is_in_the_json_the_cli_and_the_http_api(publisher_index):
    with search.Engine.open(publisher_index) as engine:
        assert list(engine.search("").facets) == ALL
        assert list(engine.search("").as_dict()["facets"]) == ALL
    query_help = CliRunner().invoke(main, ["query", "--help"]).output
    facets_help = CliRunner().invoke(main, ["facets", "--help"]).output
    for name in NAMES:
        assert f"--{name} NAME" in query_help and f"--{name} NAME" in facets_help
    with TestClient(create_app(publisher_index)) as client:
        spec = client.get("/openapi.json").json()
        for path in ("/api/search", "/api/facets"):
            parameters = {p["name"] for p in spec["paths"][path]["get"]["parameters"]}
            assert set(NAMES) <= parameters, path
        shape = spec["components"]["schemas"]["FacetsShape"]
        assert list(shape["properties"]) == ALL and sorted(shape["required"]) == sorted(ALL)
        module = client.get("/static/facets.js")
        assert module.status_code == 200
        assert module.headers["content-type"].startswith("text/javascript")
        assert module.text == page_facets_module()
    declared = json.loads(page_facets_module().split("FACETS = ", 1)[1].rstrip(";\n"))
    assert [f["name"] for f in declared] == NAMES
    assert {f["label"] for f in declared} == {f.page_label for f in registry.NAME_FACETS}


# -- where publishers come from ------------------------------------------------------------


def test_publisher_fields_of_records_fill_the_article(tmp_path):
    articles = list(read_corpus([write_outlet_records(tmp_path)]))
    found = {a.id: a.publisher for a in articles}
    assert found == {"a0": "Trouw", "a1": "Trouw", "a2": "NRC Handelsblad",
                     "a3": "Het Financiële Dagblad", "a4": "Het Financiële Dagblad",
                     "a5": "het financiele dagblad", "a6": "De Volkskrant", "a7": "",
                     "a8": "Trouw", "c1": "TROUW"}  # fmt: skip
    assert all(a.source.endswith((".jsonl", ".csv")) for a in articles)  # the file, not the outlet


def test_an_article_without_publisher_keeps_its_fingerprint():
    # as computed before the publisher existed: re-indexing leaves such articles alone
    before = "61d395f3c0b5978c8167c4c6"
    assert Article("a", "Titel", "Tekst", month="2022-11").fingerprint() == before
    assert Article("a", "Titel", "Tekst", publisher="Trouw", month="2022-11").fingerprint() \
        != before


# -- publisher through the engine, the query syntax, the CLI and HTTP -----------------------


def test_publisher_facet_counts_keyed_values_with_their_most_used_spelling(engine):
    assert counts(engine.search("")) == {"Trouw": 4, "Het Financiële Dagblad": 3,
                                         "NRC Handelsblad": 1, "De Volkskrant": 1}  # fmt: skip
    assert [c.value for c in engine.search("").facets["publisher"]][:2] == [
        "Trouw", "Het Financiële Dagblad"]  # fmt: skip
    assert counts(engine.search("stikstof")) == {"Trouw": 3, "De Volkskrant": 1}
    assert counts(engine.search("", facets=1)) == {"Trouw": 4}


def test_publisher_filter_folds_case_and_accents_and_any_of_several_match(engine):
    assert engine.search("", publisher="trouw").total == 4
    assert engine.search("", publisher="HET FINANCIELE DAGBLAD").total == 3
    assert engine.search("", publisher=["Trouw", "NRC Handelsblad"]).total == 5
    assert engine.search("stikstof", publisher="Trouw").total == 3
    assert engine.search("", publisher="Telegraaf").total == 0
    assert counts(engine.facets("", publisher="Trouw"), "month") == {
        "2023-01": 1, "2023-02": 2, "2023-05": 1}  # fmt: skip


def test_publisher_query_syntax(engine):
    assert engine.search("publisher:Trouw").total == 4
    assert engine.search('publisher:"het financiële dagblad"').total == 3
    assert engine.search("beurs publisher:NRC").total == 0
    assert engine.search("publisher:Trouw OR publisher:\"De Volkskrant\"").total == 5
    assert engine.search("stikstof NOT publisher:trouw").total == 1


def test_unknown_facet_keyword_is_a_type_error(engine):
    with pytest.raises(TypeError, match="publisher"):
        engine.search("", outlet="Trouw")


def test_cli_publisher_option_json_and_text(publisher_index):
    runner = CliRunner()
    result = runner.invoke(main, ["query", "--publisher", "Trouw", "--publisher", "NRC Handelsblad",
                                  "--json", "--index-dir", str(publisher_index)])  # fmt: skip
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["total"] == 5
    assert data["facets"]["publisher"] == [{"value": "Trouw", "count": 4},
                                           {"value": "NRC Handelsblad", "count": 1}]  # fmt: skip
    text = runner.invoke(main, ["facets", "stikstof", "--index-dir", str(publisher_index)])
    assert text.exit_code == 0
    assert "Publishers: Trouw (3), De Volkskrant (1)" in text.output.splitlines()
    only = runner.invoke(main, ["facets", "--publisher", "volkskrant", "--json",
                                "--index-dir", str(publisher_index)])  # fmt: skip
    assert json.loads(only.stdout)["publisher"] == []  # "volkskrant" is not "De Volkskrant"


def test_http_publisher_parameter(publisher_index):
    with TestClient(create_app(publisher_index)) as client:
        found = client.get("/api/search", params=[("publisher", "trouw"), ("q", "stikstof")])
        assert found.status_code == 200 and found.json()["total"] == 3
        both = client.get("/api/facets", params=[("publisher", "Trouw"),
                                                 ("publisher", "De Volkskrant")])  # fmt: skip
        assert both.json()["publisher"] == [{"value": "Trouw", "count": 4},
                                            {"value": "De Volkskrant", "count": 1}]  # fmt: skip
        too_many = client.get("/api/search", params=[("publisher", "x")] * 11)
        assert too_many.status_code == 422
        assert too_many.json()["error"]["parameter"] == "publisher"


# -- indexes built before the publisher facet ------------------------------------------------


def test_an_index_without_the_publisher_field_answers_and_updates(tmp_path, monkeypatch):
    (tmp_path / "corpus").mkdir()
    folder = write_outlet_records(tmp_path / "corpus")
    without = build_schema()
    without.remove("publisher")
    monkeypatch.setattr(storage, "build_schema", lambda **options: without)
    index_dir = tmp_path / "index"
    old = tmp_path / "old"
    old.mkdir()
    write_jsonl(old / "news.jsonl", [{"id": "o1", "title": "Stikstof", "date": "2023-01-01",
                                      "text": "Over stikstof."}])  # fmt: skip
    build_index(index_dir, [old], extractor=None)  # as a version without publishers did
    monkeypatch.undo()
    with search.Engine.open(index_dir) as engine:
        assert "publisher" not in engine._searcher()[0].schema
        assert engine.search("stikstof").total == 1
        assert engine.search("", publisher="Trouw").total == 0
        assert engine.search("publisher:Trouw").total == 0
        assert engine.search("").facets["publisher"] == ()
    report = build_index(index_dir, [old, folder], extractor=None)  # an update adds the field
    assert report.added == 10 and report.unchanged == 1
    with search.Engine.open(index_dir) as engine:
        assert engine.search("", publisher="Trouw").total == 4
        assert counts(engine.search(""))["Trouw"] == 4


# -- the real data ---------------------------------------------------------------------------


@pytest.fixture(scope="module")
def greta_index(tmp_path_factory):
    path = shared_file("greta-nl-news", "nl_greta_overview.tsv")
    index_dir = tmp_path_factory.mktemp("greta") / "index"
    build_index(index_dir, [path], extractor=None)
    return index_dir, path


def test_greta_publishers_are_counted_and_filtered(greta_index):
    index_dir, path = greta_index
    with open(path, encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle, delimiter="\t", quoting=csv.QUOTE_NONE))
    expected = Counter(row["Publisher"].strip() for row in rows if row["Publisher"].strip())
    with search.Engine.open(index_dir) as engine:
        found = counts(engine.search("", facets=100))
        assert found == dict(expected)
        top, n = expected.most_common(1)[0]
        assert engine.search("", publisher=top.upper()).total == n
        assert engine.search(f'publisher:"{top}"').total == n


def test_ecosent_medium_is_the_publisher():
    path = shared_file("ecosent-headlines", "metadata.csv")
    publishers = Counter(a.publisher for a in read_corpus([path]))
    assert "" not in publishers
    assert publishers.most_common(1)[0][0] == "FD"
