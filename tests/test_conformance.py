"""Every reader format with ugly but valid values, through every command and endpoint.

Empty and partial dates, URL ids and ids with every reserved character, duplicate texts,
empty and very long titles, in seed text, JSON Lines, a JSON array, CSV and TSV (gzipped
too). Every CLI command and every HTTP endpoint (a real `search serve` on 127.0.0.1) runs
over the index: no traceback, no 5xx, no hang, and every id opens again.
"""

from __future__ import annotations

import csv
import gzip
import io
import json
from pathlib import Path
from urllib.parse import quote

import pytest
from click.testing import CliRunner
from conftest import serve_process

import search
from search.cli import main

httpx = pytest.importorskip("httpx", reason="needs httpx (pip install -e '.[test]')")

RESERVED = "/?#[]@!$&'()*+,;=%:"
IDS = [
    "https://www.nu.nl/politiek/6012345/kabinet-valt.html?utm_source=rss&x=1#reacties",
    "https://nos.nl/artikel/2349826-actievoerders.html",
    "id met spaties en één ü",
    f"alle tekens {RESERVED} einde",
    "50% korting & meer",
    "../../etc/passwd",
    "a/b/c/",
    "..",
    "x/./y/../z",
    "鉄道-ニュース",
]
DATES = ["2019-03-15", "2019-03", "2019", "", "15-03-2019", "2020-02-29T10:00:00Z", None]
LONG_TITLE = "Heel lange kop " * 200
SHARED_TEXT = "Dezelfde wervingstekst over dijken en gemalen verscheen in drie kranten tegelijk."


def records() -> list[dict]:
    """One record per id, cycling through the awkward dates and titles."""
    found = []
    for number, ident in enumerate(IDS):
        date = DATES[number % len(DATES)]
        title = ["", LONG_TITLE, "Kop met 'quotes' en \"dubbele\"", "Gewone kop"][number % 4]
        text = SHARED_TEXT if number % 3 == 0 else f"Artikel {number} over polders en klimaat."
        record = {"id": ident, "title": title, "text": text}
        if date is not None:
            record["date"] = date
        found.append(record)
    return found


def write_every_format(root: Path) -> list[str]:
    """The records in every format the readers take; returns every id indexed."""
    root.mkdir(parents=True)
    rows = records()
    ids = []

    def tag(prefix: str) -> list[dict]:
        tagged = [{**row, "id": f"{prefix}:{row['id']}"} for row in rows]
        ids.extend(row["id"] for row in tagged)
        return tagged

    (root / "a.jsonl").write_text("".join(json.dumps(r) + "\n" for r in tag("jsonl")), "utf-8")
    with gzip.open(root / "b.jsonl.gz", "wt", encoding="utf-8") as out:
        out.writelines(json.dumps(r, ensure_ascii=False) + "\n" for r in tag("gz"))
    (root / "c.json").write_text(json.dumps(tag("array")), "utf-8")
    for name, delimiter in (("d.csv", ","), ("e.tsv", "\t")):
        buffer = io.StringIO()
        writer = csv.DictWriter(buffer, ["id", "title", "text", "date"], delimiter=delimiter,
                                quoting=csv.QUOTE_MINIMAL if delimiter == "," else csv.QUOTE_NONE,
                                escapechar="\\")  # fmt: skip
        writer.writeheader()
        for row in tag(name.split(".")[1]):
            writer.writerow({"date": "", **row, "title": row["title"].replace('"', "")})
        (root / name).write_text(buffer.getvalue(), "utf-8")
    seeds = root / "seeds" / "map met spaties"
    seeds.mkdir(parents=True)
    for number, header in enumerate(["date 2019-03", "  date 2020-11-05", "date 2019"]):
        (seeds / f"bericht {number} #?&.txt").write_text(
            f"{header} Kop {number}\n\n{SHARED_TEXT}", "utf-8")
        ids.append(f"seeds/map met spaties/bericht {number} #?&.txt")
    return ids


@pytest.fixture(scope="module")
def ugly(tmp_path_factory):
    base = tmp_path_factory.mktemp("conformance")
    ids = write_every_format(base / "corpus")
    index_dir = base / "index"
    problems = []
    report = search.index_corpus([base / "corpus"], index_dir=index_dir,
                                 on_problem=problems.append)  # fmt: skip
    return index_dir, ids, report, problems


def test_every_record_is_indexed_and_undated_ones_are_counted(ugly):
    index_dir, ids, report, problems = ugly
    assert report.indexed == len(ids) and report.skipped == 0
    assert all(not p.skipped for p in problems)
    with search.Engine.open(index_dir) as engine:
        stats = engine.stats()
        assert stats.documents == len(ids)
        assert stats.undated == report.undated > 0


CLI_RUNS = [
    ["query", "polders"], ["query", "polders", "--json"], ["query", ""],
    ["query", "klimaat*", "--json"], ["query", "kl?maat"], ["query", '"dijken en gemalen"'],
    ["query", "polders", "--page", "99"], ["query", "NOT polders AND NOT dijken"],
    ["query", "polderz"], ["facets", "polders"], ["facets", "--json"], ["stats"],
    ["stats", "--json"], ["export", ""], ["export", "polders", "--format", "jsonl"],
    ["export", "", "--sort", "date", "--fields", "id,date,month,url,snippet,source"],
    ["kwic", "polders"], ["kwic", '"dijken en gemalen"', "--sort", "right", "--csv"],
    ["facets", "--csv"],
] + [["query", text, "--sort", sort, *page] for text in ("", "polders", "NOT polders")
     for sort in ("relevance", "date", "oldest") for page in ([], ["--page", "2", "--limit", "3"])]


@pytest.mark.parametrize("args", CLI_RUNS, ids=lambda args: " ".join(args) or "empty")
def test_every_command_answers_without_a_traceback(ugly, args):
    result = CliRunner().invoke(main, [*args, "--index-dir", str(ugly[0])])
    assert result.exit_code == 0, result.output
    assert "Traceback" not in result.output and "internal error" not in result.output


@pytest.mark.parametrize("sort", ["date", "oldest"])
def test_date_sorts_put_undated_articles_last(ugly, sort):
    with search.Engine.open(ugly[0]) as engine:
        hits = engine.search("", sort=sort, limit=1000, facets=0).hits
    when = [hit.date or hit.month for hit in hits]
    dated = [w for w in when if w]
    assert when[: len(dated)] == dated and not any(when[len(dated):])
    assert dated == sorted(dated, reverse=sort == "date")


def test_every_id_shows_from_the_cli(ugly):
    index_dir, ids, _, _ = ugly
    runner = CliRunner()
    for ident in ids:
        result = runner.invoke(main, ["show", ident, "--json", "--index-dir", str(index_dir)])
        assert result.exit_code == 0, (ident, result.output)
        assert json.loads(result.stdout)["id"] == ident


@pytest.fixture(scope="module")
def server(ugly):
    """A real `search serve` process on loopback over the ugly index."""
    with serve_process(ugly[0]) as client:
        yield client

API_CALLS = [
    "/api/search?q=polders", "/api/search?q=", "/api/search?q=klimaat*",
    "/api/search?q=polders&page=99", "/api/search?q=NOT+polders+AND+NOT+dijken",
    "/api/facets?q=polders", "/api/facets", "/api/stats", "/api/suggest?q=polderz",
    "/healthz", "/", "/openapi.json", "/api/export?q=", "/api/export?q=polders&format=jsonl",
    "/api/export?q=&sort=oldest&fields=id,date,url,snippet,text,source&delimiter=tab",
    "/api/kwic?q=polders", "/api/kwic?q=klimaat*&sort=left&format=csv",
    "/api/facets?format=csv",
] + [f"/api/search?q={q}&sort={sort}&page={page}&limit=3" for q in ("", "polders")
     for sort in ("relevance", "date", "oldest") for page in (1, 2, 50)]


@pytest.mark.parametrize("path", API_CALLS)
def test_every_endpoint_answers_without_a_server_error(server, path):
    response = server.get(path)
    assert response.status_code == 200, response.text


def test_every_id_round_trips_through_the_api(server, ugly):
    for ident in ugly[1]:
        response = server.get("/api/article", params={"id": ident})
        assert response.status_code == 200, (ident, response.text)
        assert response.json()["id"] == ident
        if not any(part in (".", "..") for part in ident.split("/")):  # clients rewrite those
            response = server.get(f"/api/articles/{quote(ident, safe='')}")
            assert response.status_code == 200, (ident, response.text)
            assert response.json()["id"] == ident


def test_bad_parameters_are_400_or_422_naming_the_parameter(server):
    for path, parameter, status in [("/api/search?q=x&since=2022-13", "since", 422),
                                    ("/api/search?q=AND+OR", "q", 400),
                                    ("/api/search?q=x&since=2025-01&until=2022-01", "since", 400),
                                    ("/api/articles/geen%2Fartikel", "article_id", 404),
                                    ("/api/article?id=geen/artikel", "id", 404),
                                    ("/api/article", "id", 422)]:
        response = server.get(path)
        assert response.status_code == status, (path, response.text)
        assert response.json()["error"]["parameter"] == parameter


def test_hit_lines_and_show_print_the_day_where_there_is_one(ugly):
    index_dir = str(ugly[0])
    runner = CliRunner()
    listed = runner.invoke(main, ["query", "", "--sort", "oldest", "--limit", "100",
                                  "--index-dir", index_dir]).stdout  # fmt: skip
    assert " 2019-03-15 · jsonl:" in listed and " 2019-03 · " in listed and " undated · " in listed
    shown = runner.invoke(main, ["show", f"jsonl:{IDS[0]}", "--index-dir", index_dir]).stdout
    assert shown.splitlines()[1].startswith("2019-03-15 · ")
