"""A sharded index answers exactly as one index of the same articles, through updates.

Every query syntax, filters, the three sorts and two pages, with facets, timelines and
suggestions; compare, export, KWIC, articles and statistics too. (On a Dask cluster:
tests/test_cluster.py.)
"""

from __future__ import annotations

import dataclasses
import json
import subprocess
import sys

import pytest

import search
from corpus import SAMPLE_CORPUS
from index.store.shards import MANIFEST, read_layout, shard_of
from tests.conftest import make_records, write_jsonl
from tests.test_build_parallel import write_corpus

WORDS = ["klimaat", "regering", "haven", "Rutte", "water", "graandeal", "school", "boer"]
QUERIES = [
    *WORDS, *(word[:4].lower() + "*" for word in WORDS), "sch?ol", "klimat~", "regring~2",
    '"haven schip"', '"markt prijs"~3', "title:klimaat", "body:water", "person:rutte",
    "place:amsterdam", "klimaat OR water", "klimaat NOT water", "water ANDNOT dijk",
    "(regering OR kabinet) AND minister", "regering^3 kabinet", "month:[2015-01 TO 2016-06]",
    "date:[2015-03-01 TO 2016-06-30]", "date:[2015-03-01 TO 2016-06-30] OR water", "",
    "*", "zzzqqq", "België", "id:a7", "publisher:x",
]  # fmt: skip
FILTERS = [{}, {"since": "2015-01"}, {"until": "2016-06-30"}, {"person": "Rutte"},
           {"place": "Amsterdam"}, {"since": "2013-02-10", "until": "2019-11"}]  # fmt: skip


def search_grid(queries=QUERIES, filters=FILTERS):
    """``(query, options)`` pairs: each query with one filter set (in turn), three sorts
    and two pages, with a timeline."""
    for number, text in enumerate(queries):
        chosen = filters[number % len(filters)]
        for sort in ("relevance", "date", "oldest"):
            for page in (1, 2):
                yield text, {"sort": sort, "page": page, "limit": 6, "timeline": "month",
                             **chosen}  # fmt: skip


def differences(single, sharded, grid) -> list[str]:
    """Where two engines answer differently (ids, order, scores to 1e-9, snippets, totals,
    facets, timelines, suggestions)."""
    found = []
    for text, options in grid:
        one, other = single.search(text, **options), sharded.search(text, **options)
        if one.total != other.total or [h.id for h in one.hits] != [h.id for h in other.hits]:
            found.append(f"{text!r} {options}: hits {one.total} {[h.id for h in one.hits]} "
                         f"against {other.total} {[h.id for h in other.hits]}")  # fmt: skip
            continue
        for mine, theirs in zip(one.hits, other.hits, strict=True):
            same_score = mine.score == pytest.approx(theirs.score, rel=1e-9)
            if not same_score or dataclasses.replace(theirs, score=mine.score) != mine:
                found.append(f"{text!r} {options}: hit {mine.id} differs")
        for name, value in (("facets", one.facets), ("timeline", one.timeline),
                            ("suggestion", one.suggestion)):  # fmt: skip
            if getattr(other, name) != value:
                found.append(f"{text!r} {options}: {name} differ")
    return found


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    root = tmp_path_factory.mktemp("sharded-corpus")
    write_jsonl(root / "bulk.jsonl", make_records(500))
    write_corpus(root / "named.jsonl")
    return root


@pytest.fixture(scope="module")
def indexes(corpus, tmp_path_factory):
    """One index and a sharded index (three shards) of the same articles."""
    root = tmp_path_factory.mktemp("sharded")
    paths = [corpus, SAMPLE_CORPUS]
    search.index_corpus(paths, index_dir=root / "one")
    report = search.index_corpus(paths, index_dir=root / "three", shards=3)
    return root / "one", root / "three", report


def test_articles_go_to_the_shard_of_their_id(indexes):
    one, three, report = indexes
    layout = read_layout(three)
    assert json.loads((three / MANIFEST).read_text())["shards"] == 3
    assert {shard_of(f"a{number}", 3) for number in range(50)} == {0, 1, 2}
    assert shard_of("a1", 3) == 0  # blake2b-64 of "a1": the same on every machine, always
    with search.Engine.open(one) as single:
        assert report.added == single.stats().documents
    for number, shard_dir in enumerate(layout.shard_dirs):
        with search.Engine.open(shard_dir) as shard:
            ids = [hit.id for hit in shard.search("", limit=1000).hits]
            assert ids and all(shard_of(i, 3) == number for i in ids)


def test_every_answer_is_that_of_one_index(indexes):
    one, three, _ = indexes
    with search.Engine.open(one) as single, search.Engine.open(three) as sharded:
        assert differences(single, sharded, list(search_grid())) == []


def test_the_research_tools_answer_as_one_index(indexes):
    one, three, _ = indexes
    with search.Engine.open(one) as single, search.Engine.open(three) as sharded:
        for interval in ("week", "year"):
            queries = ["klimaat", "water OR haven", "boer"]
            assert single.compare(queries, interval=interval, since="2012-01") == \
                sharded.compare(queries, interval=interval, since="2012-01")  # fmt: skip
        fields = "id,date,title,snippet"
        for sort in ("relevance", "date"):
            with single.export("water", sort=sort, fields=fields) as mine, \
                    sharded.export("water", sort=sort, fields=fields) as theirs:  # fmt: skip
                assert list(mine) == list(theirs)
        assert single.kwic("haven", width=30).lines == sharded.kwic("haven", width=30).lines
        assert single.document("a7") == sharded.document("a7")
        assert single.suggest("klimat regring") == sharded.suggest("klimat regring")
        mine, theirs = single.stats(), sharded.stats()
        assert (mine.documents, mine.months, mine.undated) == (theirs.documents, theirs.months,
                                                                theirs.undated)  # fmt: skip
        assert mine.shard_documents == () and len(theirs.shard_documents) == 3
        assert sum(theirs.shard_documents) == theirs.documents
        assert single.search("water", collapse=True, count="groups") == \
            sharded.search("water", collapse=True, count="groups")  # fmt: skip


def test_updates_keep_the_answers_of_one_index(indexes, corpus):
    """Changed and removed articles (deleted ones awaiting a merge) change no answer."""
    one, three, _ = indexes
    changed = make_records(500)
    for record in changed[:60]:
        record["text"] += " De regering sprak in Amsterdam over klimaat en water."
    write_jsonl(corpus / "bulk.jsonl", changed[:450])  # 60 changed, 50 gone
    paths = [corpus, SAMPLE_CORPUS]
    first = search.index_corpus(paths, index_dir=one)
    second = search.index_corpus(paths, index_dir=three)
    assert (first.updated, first.removed) == (second.updated, second.removed) == (60, 50)
    with search.Engine.open(one) as single, search.Engine.open(three) as sharded:
        assert differences(single, sharded, list(search_grid(QUERIES[::2]))) == []


def test_the_number_of_shards_is_fixed_when_the_index_is_made(indexes, tmp_path):
    one, three, _ = indexes
    for index_dir, shards, message in [(three, 2, "has 3 shards"),
                                       (one, 2, "holds an index without shards")]:  # fmt: skip
        result = subprocess.run([sys.executable, "-m", "search", "index", str(SAMPLE_CORPUS),
                                 "--index-dir", str(index_dir), "--shards", str(shards)],
                                capture_output=True, text=True)  # fmt: skip
        assert result.returncode == 2, result.stderr
        assert message in result.stderr and "Traceback" not in result.stderr
    damaged = tmp_path / "damaged"
    damaged.mkdir()
    (damaged / MANIFEST).write_text("{not json")
    result = subprocess.run([sys.executable, "-m", "search", "query", "x", "--index-dir",
                             str(damaged)], capture_output=True, text=True)  # fmt: skip
    assert result.returncode == 1
    assert result.stderr.startswith("Error: the shard manifest") and len(
        result.stderr.strip().splitlines()) == 1  # fmt: skip


def test_the_command_line_builds_and_searches_shards(tmp_path, corpus):
    index_dir = tmp_path / "ix"
    built = subprocess.run([sys.executable, "-m", "search", "index", str(SAMPLE_CORPUS),
                            "--index-dir", str(index_dir), "--shards", "2", "-q"],
                           capture_output=True, text=True)  # fmt: skip
    assert built.returncode == 0, built.stderr
    found = subprocess.run([sys.executable, "-m", "search", "query", "graandeal", "--json",
                            "--index-dir", str(index_dir)],
                           capture_output=True, text=True)  # fmt: skip
    assert found.returncode == 0, found.stderr
    assert json.loads(found.stdout)["total"] == 1
    stats = subprocess.run([sys.executable, "-m", "search", "stats", "--index-dir",
                            str(index_dir)], capture_output=True, text=True)  # fmt: skip
    assert "Shards:    2 (articles: " in stats.stdout, stats.stderr
