"""Exporting every match: the library's stream, `search export`, `GET /api/export`, and
facet tables as CSV; on the sample, on synthetic articles and on the real DPG articles."""

from __future__ import annotations

import csv
import io
import json

import pytest
from click.testing import CliRunner
from conftest import make_records, serve_process, write_jsonl

import search
from search import export as export_module
from search.cli import main
from search.export import (
    DEFAULT_EXPORT_FIELDS,
    EXPORT_FIELDS,
    csv_text,
    export_fields,
    guard_formula,
)

BOM = b"\xef\xbb\xbf"


@pytest.fixture(scope="module")
def many_index(tmp_path_factory):
    """1,200 synthetic articles: more than the 1,000 hits a query page may hold."""
    folder = tmp_path_factory.mktemp("many")
    corpus = write_jsonl(folder / "many.jsonl", make_records(1_200, seed=7))
    index_dir = folder / "index"
    search.index_corpus([corpus], index_dir=index_dir)
    return index_dir


def run(*args: str, index_dir) -> object:
    return CliRunner().invoke(main, [*args, "--index-dir", str(index_dir)])


def read_csv(data: bytes, delimiter: str = ",") -> list[list[str]]:
    assert data.startswith(BOM)
    return list(csv.reader(io.StringIO(data.decode("utf-8-sig"), newline=""),
                           delimiter=delimiter))  # fmt: skip


# -- the library -----------------------------------------------------------------------------


def test_export_gives_every_field_of_every_match(engine):
    with engine.export("", sort="oldest", fields=list(EXPORT_FIELDS)) as rows:
        assert rows.total == 2 and rows.fields == tuple(EXPORT_FIELDS)
        records = list(rows)
    first, second = records
    assert (first["date"], second["date"]) == ("2022-11", "2025-05")
    assert first["month"] == "2022-11" and first["url"] is None
    assert "Poetin" in first["person"] and isinstance(first["person"], tuple)
    assert first["text"].startswith("De Russische president") and first["source"]
    assert first["snippet"]  # the opening of the text for a query without words


def test_default_fields_and_field_validation():
    assert DEFAULT_EXPORT_FIELDS == ("id", "date", "title", "url", "person", "place", "org")
    assert export_fields(" id , title ") == ("id", "title")
    for bad in ("id,nope", "", "id,id"):
        with pytest.raises(search.QueryError) as caught:
            export_fields(bad)
        assert caught.value.parameter == "fields"


def test_export_order_and_total_follow_the_query(engine):
    hits = engine.search("Poetin", limit=10).hits
    with engine.export("Poetin", fields="id,snippet") as rows:
        records = list(rows)
    assert [r["id"] for r in records] == [hit.id for hit in hits]
    assert [r["snippet"] for r in records] == [hit.snippet.text for hit in hits]


@pytest.mark.parametrize(("fields", "reader"), [("id,date", "stored_summaries"),
                                               ("id,date,text", "stored_documents")])  # fmt: skip
def test_export_has_no_hit_cap_and_reads_a_chunk_at_a_time(many_index, monkeypatch, fields,
                                                            reader):  # fmt: skip
    """Short fields come from the summaries, the text from the whole stored fields."""
    monkeypatch.setattr(export_module, "CHUNK_ARTICLES", 64)
    with search.Engine.open(many_index) as engine:
        total = engine.search("", limit=1).total
        rows = engine.export("", sort="date", fields=fields)
        reads = []
        original = getattr(export_module, reader)
        monkeypatch.setattr(export_module, reader,
                            lambda reader, docnums: reads.extend(docnums) or
                            original(reader, docnums))  # fmt: skip
        stream = iter(rows)
        next(stream)
        assert len(reads) == 64  # one chunk read, not every match
        records = [*stream]
    assert total == 1_200 and len(records) == total - 1 and len(reads) == total
    dates = [r["date"] for r in records]
    assert dates == sorted(dates, reverse=True)


def test_export_keeps_its_own_point_in_time(tmp_path):
    corpus = write_jsonl(tmp_path / "a.jsonl", make_records(30, seed=3))
    search.index_corpus([corpus], index_dir=tmp_path / "ix")
    with search.Engine.open(tmp_path / "ix") as engine:
        rows = engine.export("", fields="id")
        write_jsonl(tmp_path / "a.jsonl", make_records(30, seed=3) + make_records(5, prefix="b"))
        search.index_corpus([corpus], index_dir=tmp_path / "ix")
        assert len(list(rows)) == 30
        assert engine.export("", fields="id").total == 35


def test_export_errors_name_their_parameter(engine):
    for options, parameter in [({"sort": "random"}, "sort"), ({"since": "2022-13"}, "since"),
                               ({"fields": "id,body"}, "fields")]:  # fmt: skip
        with pytest.raises(search.QueryError) as caught:
            engine.export("x", **options)
        assert caught.value.parameter == parameter


def test_csv_quotes_and_lists():
    rows = [["a", 'Kop met "quotes", komma\nen regel', ("A", "B; C"), None],
            ["b", "Één", (), "2019-03"]]
    text = "".join(csv_text(rows, ("id", "title", "person", "date"), bom=False))
    assert list(csv.reader(io.StringIO(text, newline=""))) == [
        ["id", "title", "person", "date"],
        ["a", 'Kop met "quotes", komma\nen regel', "A; B; C", ""], ["b", "Één", "", "2019-03"]]


def test_csv_cells_a_spreadsheet_would_run_get_a_quote():
    rows = [["=1+1", "+31 6", "-5", "@SUM(A1)", "\tx", "Één", "", None, ("=A",), 7]]
    header = ("a", "b", "c", "d", "e", "f", "g", "h", "i", "j")
    guarded = "".join(csv_text(rows, header, bom=False))
    assert list(csv.reader(io.StringIO(guarded, newline="")))[1] == [
        "'=1+1", "'+31 6", "'-5", "'@SUM(A1)", "'\tx", "Één", "", "", "'=A", "7"]
    kept = "".join(csv_text(rows, header, bom=False, keep_formulas=True))
    assert list(csv.reader(io.StringIO(kept, newline="")))[1][:5] == [
        "=1+1", "+31 6", "-5", "@SUM(A1)", "\tx"]


@pytest.fixture(scope="module")
def formula_index(tmp_path_factory):
    """Articles whose title and text start like a spreadsheet formula."""
    folder = tmp_path_factory.mktemp("formulas")
    corpus = write_jsonl(folder / "formules.jsonl", [
        {"id": "f1", "title": "=HYPERLINK(\"http://x\";\"klik\") havenstaking",
         "text": "- Ja, zei de havenarbeider, de staking gaat door.", "date": "2019-03-01"},
        {"id": "f2", "title": "Havenstaking voorbij", "text": "De haven ligt weer open.",
         "date": "2019-03-02"}])  # fmt: skip
    index_dir = folder / "index"
    search.index_corpus([corpus], index_dir=index_dir)
    return index_dir


# -- the CLI ---------------------------------------------------------------------------------


def test_cli_guards_formulas_unless_asked_to_keep_them(formula_index):
    fields = ("--fields", "id,title,text", "--sort", "oldest")
    rows = read_csv(run("export", "", *fields, index_dir=formula_index).stdout_bytes)
    assert rows[1][1].startswith("'=HYPERLINK(") and rows[1][2].startswith("'- Ja,")
    assert rows[2][1] == "Havenstaking voorbij"
    kept = read_csv(run("export", "", *fields, "--keep-formulas",
                        index_dir=formula_index).stdout_bytes)  # fmt: skip
    assert kept[1][1].startswith("=HYPERLINK(") and kept[1][2].startswith("- Ja,")
    kwic = read_csv(run("kwic", "havenarbeider", "--csv", index_dir=formula_index).stdout_bytes)
    lefts = {row[2]: row[4] for row in kwic[1:]}  # field: left context
    assert lefts["body"] == "'- Ja, zei de " and lefts["title"].startswith("'=HYPERLINK(")
    labelled = run("compare", "@haven=haven", "--csv", index_dir=formula_index)
    assert labelled.exit_code == 0, labelled.output
    assert labelled.stdout.splitlines()[1].startswith("'@haven,2019-03-01,")
    assert "--keep-formulas" in CliRunner().invoke(main, ["facets", "--help"]).output


def test_http_guards_formulas_unless_asked_to_keep_them(formula_index):
    params = {"q": "", "fields": "id,title", "sort": "oldest"}
    with serve_process(formula_index, timeout=60) as client:
        guarded = read_csv(client.get("/api/export", params=params).content)
        kept = read_csv(client.get("/api/export", params={**params, "keep_formulas": "true"})
                        .content)  # fmt: skip
        described = client.get("/openapi.json").json()["paths"]
    assert guarded[1][1].startswith("'=HYPERLINK(") and kept[1][1].startswith("=HYPERLINK(")
    for path in ("/api/export", "/api/facets", "/api/kwic", "/api/compare"):
        names = [parameter["name"] for parameter in described[path]["get"]["parameters"]]
        assert "keep_formulas" in names, path


def test_cli_csv_has_a_bom_dutch_letters_and_every_row(many_index, sample_index):
    result = run("export", "", index_dir=many_index)
    assert result.exit_code == 0, result.output
    rows = read_csv(result.stdout_bytes)
    assert rows[0] == list(DEFAULT_EXPORT_FIELDS) and len(rows) == 1_201
    sample = read_csv(run("export", "Poetin", "--delimiter", ";",
                          index_dir=sample_index).stdout_bytes, delimiter=";")  # fmt: skip
    assert len(sample) == 3 and any("Oekraïne" in row[5] for row in sample[1:])


def test_cli_jsonl_fields_and_filters(sample_index):
    result = run("export", "", "--format", "jsonl", "--fields", "id,date,org",
                 "--since", "2025-01", index_dir=sample_index)  # fmt: skip
    assert result.exit_code == 0, result.output
    (record,) = [json.loads(line) for line in result.stdout.splitlines()]
    assert list(record) == ["id", "date", "org"] and record["date"] == "2025-05"
    assert "NAVO" in record["org"]


def test_cli_output_file_and_progress(sample_index, tmp_path):
    target = tmp_path / "uit.csv"
    result = run("export", "Poetin", "-o", str(target), "--progress", "--no-bom",
                 index_dir=sample_index)  # fmt: skip
    assert result.exit_code == 0, result.output
    assert result.stdout == "" and "Exported 2 articles to" in result.stderr
    assert target.read_bytes().startswith(b"id,date,title")
    assert not (tmp_path / "uit.csv.part").exists()


@pytest.mark.parametrize(("args", "flag"), [
    (["--fields", "id,nope"], "--fields"), (["--delimiter", "xx"], "--delimiter"),
    (["--format", "xml"], "--format"), (["--since", "2025-01", "--until", "2022-01"], "--since"),
])  # fmt: skip
def test_cli_bad_options_are_usage_errors(sample_index, args, flag):
    result = run("export", "x", *args, index_dir=sample_index)
    assert result.exit_code == 2, result.output
    assert f"Invalid value for '{flag}'" in result.stderr
    assert "Traceback" not in result.output


def test_cli_bad_query_is_one_error_line(sample_index):
    result = run("export", "AND OR", index_dir=sample_index)
    assert result.exit_code == 1
    assert result.stderr.count("\n") == 1 and result.stderr.startswith("Error: ")


def test_cli_facets_as_csv(sample_index):
    result = run("facets", "Poetin", "--csv", "--top", "2", index_dir=sample_index)
    assert result.exit_code == 0, result.output
    rows = read_csv(result.stdout_bytes)
    assert rows[0] == ["facet", "value", "count"]
    assert ["person", "Vladimir Poetin", "2"] in rows and ["month", "2025-05", "1"] in rows
    both = run("facets", "--csv", "--json", index_dir=sample_index)
    assert both.exit_code == 2


def test_every_command_has_help():
    for command in ("export", "kwic", "facets"):
        result = CliRunner().invoke(main, [command, "--help"])
        assert result.exit_code == 0 and "Examples:" in result.output


# -- over HTTP: a real `search serve` --------------------------------------------------------


@pytest.fixture(scope="module")
def served(many_index):
    with serve_process(many_index, timeout=60) as client:
        yield client

def test_http_export_streams_what_the_cli_writes(served, many_index):
    with served.stream("GET", "/api/export", params={"q": "", "sort": "oldest",
                                                     "delimiter": ";"}) as response:  # fmt: skip
        assert response.status_code == 200
        assert response.headers["content-type"] == "text/csv; charset=utf-8"
        assert response.headers["content-disposition"] == \
            'attachment; filename="nieuwszoeker-alles.csv"'  # fmt: skip
        assert "content-length" not in response.headers  # streamed
        body = response.read()
    cli = run("export", "", "--sort", "oldest", "--delimiter", ";", index_dir=many_index)
    assert body == cli.stdout_bytes and len(read_csv(body, ";")) == 1_201


def test_http_export_jsonl_and_errors(served):
    response = served.get("/api/export", params={"q": "haven", "format": "jsonl",
                                                 "fields": "id,title"})  # fmt: skip
    assert response.headers["content-type"] == "application/x-ndjson; charset=utf-8"
    lines = [json.loads(line) for line in response.text.splitlines()]
    assert lines and all(list(line) == ["id", "title"] for line in lines)
    for params, status, parameter in [({"fields": "id,nope"}, 400, "fields"),
                                      ({"format": "xml"}, 422, "format"),
                                      ({"q": "AND OR"}, 400, "q"),
                                      ({"delimiter": "x"}, 422, "delimiter")]:  # fmt: skip
        response = served.get("/api/export", params=params)
        assert response.status_code == status, response.text
        assert response.json()["error"]["parameter"] == parameter


def test_http_facets_as_csv(served):
    response = served.get("/api/facets", params={"q": "haven", "format": "csv", "top": 3})
    assert response.status_code == 200 and response.headers["content-type"].startswith("text/csv")
    rows = read_csv(response.content)
    assert rows[0] == ["facet", "value", "count"] and any(row[0] == "month" for row in rows)


# -- real articles ---------------------------------------------------------------------------


def test_real_articles_export_whole_and_intact(dpg_index):
    with search.Engine.open(dpg_index) as engine:
        documents = engine.stats().documents
        with engine.export("", fields="id,date,title,text") as rows:
            records = list(rows)
        assert len(records) == documents > 1_000
        assert len({r["id"] for r in records}) == documents
        titled = engine.export("klimaat", sort="date", fields="id,date")
        dates = [r["date"] for r in titled if r["date"]]
    assert dates == sorted(dates, reverse=True)
    result = run("export", "", "--fields", "id,title,text", index_dir=dpg_index)
    rows = read_csv(result.stdout_bytes)
    assert len(rows) == documents + 1
    assert any("ë" in row[2] or "é" in row[2] for row in rows[1:])
    by_id = {r["id"]: r for r in records}
    assert all(row[2] == guard_formula(by_id[row[0]]["text"]) for row in rows[1:])
    kept = read_csv(run("export", "", "--fields", "id,title,text", "--keep-formulas",
                        index_dir=dpg_index).stdout_bytes)  # fmt: skip
    assert all(row[2] == by_id[row[0]]["text"] for row in kept[1:])


def _without_body(stored: dict) -> dict:
    return {name: value for name, value in stored.items() if name != "body"}


@pytest.fixture(scope="module")
def mixed_index(tmp_path_factory):
    """An index built before summaries existed, then updated (new articles get summaries;
    changed ones are deleted) and merged into one segment where only some have one."""
    from whoosh.index import open_dir

    from index.schema import SUMMARY_FIELD
    from index.store import storage

    folder = tmp_path_factory.mktemp("mixed")
    extra = [{"id": "https://nieuws.example/1", "title": "Rutte in Brussel", "date": "2019-03",
              "text": "Mark Rutte sprak in Brussel met Ursula von der Leyen over de NAVO."},
             {"id": "http://nieuws.example/2", "title": "Zonder datum, met \"quotes\"",
              "text": "Een bericht over Amsterdam en Den Haag."}]  # fmt: skip
    records = make_records(150, seed=11) + extra
    corpus = write_jsonl(folder / "a.jsonl", records)
    with pytest.MonkeyPatch.context() as patch:
        build_schema = storage.build_schema

        def old_schema(**kwargs):
            schema = build_schema(**kwargs)
            schema.remove(SUMMARY_FIELD)
            return schema

        patch.setattr(storage, "build_schema", old_schema)
        search.index_corpus([corpus], index_dir=folder / "ix")
    assert SUMMARY_FIELD not in open_dir(str(folder / "ix")).schema
    changed = [{**record, "title": record["title"] + " (bijgewerkt)"} for record in records[:20]]
    write_jsonl(folder / "a.jsonl", changed + records[20:] + make_records(40, prefix="n"))
    search.index_corpus([corpus], index_dir=folder / "ix")
    ix = open_dir(str(folder / "ix"))
    assert SUMMARY_FIELD in ix.schema
    ix.writer().commit(optimize=True)  # Whoosh's own merge: one segment, summaries copied
    return folder / "ix"


def test_summaries_are_the_stored_fields_without_the_body(many_index, mixed_index):
    import numpy as np

    from index.schema import SUMMARY_FIELD
    from index.store.stored import stored_documents, stored_summaries

    for index_dir in (many_index, mixed_index):
        with search.Engine.open(index_dir) as engine:
            searcher, _ = engine._searcher()
            reader = searcher.reader()
            docnums = np.random.default_rng(2).permutation(engine.export("")._docnums)
            expected = [_without_body(stored) for stored in stored_documents(reader, docnums)]
            found = stored_summaries(reader, docnums)
            assert [_without_body(summary) for summary in found] == expected
            assert stored_summaries(reader, docnums[:0]) == []
            if index_dir == mixed_index:  # some documents have a summary, some not
                (leaf, _), = reader.leaf_readers()
                lengths = leaf.column_reader(SUMMARY_FIELD, translate=False)._lengths
                assert min(lengths) == 0 < max(lengths)
                assert sum(map(bool, found)) and any("body" in summary for summary in found)
            else:
                assert not any("body" in summary for summary in found)


@pytest.mark.parametrize("fields", [None, "id,date,month,title,url,source,person,place,org"])
def test_exports_from_summaries_equal_those_from_the_stored_fields(mixed_index, monkeypatch,
                                                                   fields):  # fmt: skip
    def export(file_format: str) -> str:
        with search.Engine.open(mixed_index) as engine:
            rows = engine.export("", sort="date", fields=fields)
            pieces = csv_text(rows.rows(), rows.fields) if file_format == "csv" else \
                export_module.jsonl_text(rows)  # fmt: skip
            return "".join(pieces)

    fast = [export("csv"), export("jsonl")]
    monkeypatch.setattr(export_module, "stored_summaries", export_module.stored_documents)
    assert fast == [export("csv"), export("jsonl")]
    assert "\r\nhttps://nieuws.example/1,2019-03," in fast[0]  # a month, and a url
    assert "Mark Rutte" in fast[0] and "Amsterdam; Den Haag" in fast[0]
    assert fast[0].count("\r\n") == 1 + 150 + 2 + 40


def test_stored_documents_equal_whooshs_one_by_one(many_index, tmp_path):
    """Read in runs straight from the column, with deleted documents and several segments."""
    import numpy as np

    from index.store.stored import stored_documents

    corpus = write_jsonl(tmp_path / "a.jsonl", make_records(300, seed=5))
    search.index_corpus([corpus], index_dir=tmp_path / "ix")
    write_jsonl(tmp_path / "a.jsonl", make_records(300, seed=5)[::2] + make_records(50, prefix="n"))
    search.index_corpus([corpus], index_dir=tmp_path / "ix")  # deletes 150, adds a segment
    for index_dir in (many_index, tmp_path / "ix"):
        with search.Engine.open(index_dir) as engine:
            searcher, _ = engine._searcher()
            docnums = engine.export("")._docnums
            shuffled = np.random.default_rng(1).permutation(docnums)
            expected = [searcher.stored_fields(int(doc)) for doc in shuffled]
            assert stored_documents(searcher.reader(), shuffled) == expected
            assert stored_documents(searcher.reader(), shuffled[:0]) == []
