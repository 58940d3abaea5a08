"""A sharded index on a real Dask cluster: a ``dask scheduler`` and ``dask worker``
processes on 127.0.0.1, built and searched there, answering exactly as one index; and what
happens when a worker or the scheduler dies."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import threading
import time

import pytest

import search
from index.store.shards import read_layout
from tests.conftest import DaskCluster, make_records, serve_process, shared_file, write_jsonl
from tests.test_sharded import QUERIES, differences, search_grid

pytest.importorskip("distributed", reason="needs Dask (pip install -e '.[test]')")
# Functions of this module go to the workers whole (they cannot import a test module).
__import__("cloudpickle").register_pickle_by_value(sys.modules[__name__])

REAL_QUERIES = ["klimaat", "Rutte", "stikstof", "kabinet OR regering", '"Mark Rutte"',
                "school*", "politie NOT brand", "person:rutte", "ajax~", "title:trump", "",
                "place:amsterdam", "month:[2019-01 TO 2019-03]", "huis* AND prijs"]  # fmt: skip


def slow_down(function: str, seconds: float) -> None:
    """On a worker: make ``search.shard_worker.<function>`` take ``seconds`` longer."""
    import search.shard_worker as worker

    original = getattr(worker, f"_original_{function}", None) or getattr(worker, function)
    setattr(worker, f"_original_{function}", original)

    def slowed(*args, **kwargs):
        time.sleep(seconds)
        return original(*args, **kwargs)

    setattr(worker, function, slowed)


@pytest.fixture(scope="module")
def dpg_shards(dask_cluster, tmp_path_factory):
    """The real DPG articles in three shards, built by the cluster's workers."""
    path = shared_file("dpgmedia2019", "dpgMedia2019-articles-byarticle-all.jsonl")
    index_dir = tmp_path_factory.mktemp("cluster") / "index"
    search.index_corpus([path], index_dir=index_dir, shards=3, cluster=dask_cluster.address)
    return index_dir


def test_the_cluster_builds_what_one_process_builds(dpg_shards, dpg_index):
    with search.Engine.open(dpg_index) as single, search.Engine.open(dpg_shards) as sharded:
        assert single.stats().documents == sharded.stats().documents
        assert differences(single, sharded, list(search_grid(REAL_QUERIES))) == []


def test_searching_on_the_cluster_answers_as_one_index(dask_cluster, dpg_shards, dpg_index):
    with search.Engine.open(dpg_index) as single, \
            search.Engine.open(dpg_shards, cluster=dask_cluster.address) as sharded:  # fmt: skip
        assert differences(single, sharded, list(search_grid(REAL_QUERIES))) == []
        queries = ["klimaat", "Rutte=person:rutte", "stikstof OR boeren"]
        assert single.compare(queries, interval="week") == sharded.compare(queries, interval="week")
        assert single.facets("", top=25) == sharded.facets("", top=25)
        with single.export("kabinet", sort="date") as mine, \
                sharded.export("kabinet", sort="date") as theirs:  # fmt: skip
            assert list(mine) == list(theirs)


def asked_functions(monkeypatch) -> list[str]:
    """The worker functions each of this process's round trips to the searchers called."""
    from search.cluster import ShardCluster

    asked: list[str] = []
    original = ShardCluster.ask

    def ask(self, calls, **options):
        asked.extend(sorted({function for _, function, _ in calls}))
        return original(self, calls, **options)

    monkeypatch.setattr(ShardCluster, "ask", ask)
    return asked


PAGE_QUERIES = ["klimaat", "Rutte", '"Mark Rutte"', "school*", "kabinet OR regering", ""]


def test_a_first_page_comes_in_one_round_trip(dask_cluster, dpg_shards, dpg_index,
                                              monkeypatch):  # fmt: skip
    """The workers make the hits of their best candidates with the answers: the page's
    hits are among them (always by date; by relevance unless a worker's own rescoring
    pushes one out, which these queries do not), so no second round trip is needed."""
    grid = [(text, {"sort": sort, "limit": limit, "facets": 5})
            for text in PAGE_QUERIES for sort in ("relevance", "date", "oldest")
            for limit in (10, 20)]  # fmt: skip
    with search.Engine.open(dpg_index) as single, \
            search.Engine.open(dpg_shards, cluster=dask_cluster.address) as sharded:  # fmt: skip
        sharded.search("warm")  # the catalogue's facet names: once per generation
        asked = asked_functions(monkeypatch)
        assert differences(single, sharded, grid) == []
    assert asked == ["search_shard"] * len(grid)


def drop_first_hit_made_ahead(restore: bool = False) -> None:
    """On a worker: the first hit each shard makes ahead is left out (or, ``restore``,
    no longer)."""
    import dataclasses

    import search.shard_worker as worker

    original = getattr(worker, "_original_with_page_hits", None) or worker.with_page_hits
    worker._original_with_page_hits = original

    def dropped(calls, answers):
        return [dataclasses.replace(answer, hits=(answer.hits[0][1:], answer.hits[1][1:]))
                for answer in original(calls, answers)]  # fmt: skip

    worker.with_page_hits = original if restore else dropped


def test_hits_not_made_ahead_come_in_a_second_round_trip(dask_cluster, dpg_shards, dpg_index,
                                                         monkeypatch):  # fmt: skip
    """A page whose hits were not all made ahead (a shard's left out; a page past
    :data:`search.cluster.HITS_AHEAD_MOST`) gets the others in a second round trip, and
    the same answers."""
    deep = [(text, {"page": 3, "limit": 10}) for text in PAGE_QUERIES]
    partial = [(text, {"sort": sort, "limit": 10})
               for text in PAGE_QUERIES for sort in ("relevance", "date")]  # fmt: skip
    with search.Engine.open(dpg_index) as single, \
            search.Engine.open(dpg_shards, cluster=dask_cluster.address) as sharded:  # fmt: skip
        sharded.search("warm")
        found = {text: bool(single.search(text, **options).hits) for text, options in deep}
        asked = asked_functions(monkeypatch)
        assert differences(single, sharded, deep) == []
        assert asked.count("shard_hits") == sum(found.values()) > 0
        del asked[:]
        with dask_cluster.client() as client:
            client.run(drop_first_hit_made_ahead)
        try:
            assert differences(single, sharded, partial) == []
        finally:
            with dask_cluster.client() as client:
                client.run(drop_first_hit_made_ahead, True)
        assert asked.count("shard_hits") == len(partial)  # each page holds a left-out hit


def test_the_command_line_and_the_server_use_the_cluster(dask_cluster, dpg_shards, dpg_index):
    command = [sys.executable, "-m", "search", "query", "klimaat", "--json", "--limit", "5"]
    one = subprocess.run([*command, "--index-dir", str(dpg_index)], capture_output=True,
                         text=True, check=True)  # fmt: skip
    other = subprocess.run([*command, "--index-dir", str(dpg_shards), "--cluster",
                            dask_cluster.address], capture_output=True, text=True)  # fmt: skip
    assert other.returncode == 0, other.stderr
    assert json.loads(one.stdout) == json.loads(other.stdout)
    with serve_process(dpg_shards, args=("--cluster", dask_cluster.address)) as client:
        answer = client.get("/api/search", params={"q": "klimaat", "limit": 5}).json()
        assert [hit["id"] for hit in answer["hits"]] == [
            hit["id"] for hit in json.loads(one.stdout)["hits"]
        ]


def test_a_scheduler_that_is_not_there_is_one_line_at_once(dpg_shards):
    started = time.monotonic()
    result = subprocess.run([sys.executable, "-m", "search", "query", "x", "--index-dir",
                             str(dpg_shards), "--cluster", "tcp://127.0.0.1:9"],
                            capture_output=True, text=True)  # fmt: skip
    assert result.returncode == 1
    assert result.stderr.startswith("Error: cannot reach the Dask scheduler at tcp://127.0.0.1:9")
    assert len(result.stderr.strip().splitlines()) == 1
    assert time.monotonic() - started < 10


@pytest.fixture
def own_cluster():
    """A cluster of its own, for a test that kills its processes; none may survive it."""
    cluster = DaskCluster(workers=2)
    try:
        yield cluster
    finally:
        cluster.stop()  # SIGTERM, then SIGKILL for a Dask process slow to obey it
        assert all(p.poll() is not None for p in [*cluster.workers, cluster.scheduler])


def test_a_worker_killed_mid_query_leaves_the_answer_whole(own_cluster, dpg_shards, dpg_index):
    with own_cluster.client() as client:
        client.run(slow_down, "search_shard", 1.5)
    pids = own_cluster.worker_pids()
    found = {}
    with search.Engine.open(dpg_shards, cluster=own_cluster.address) as sharded:
        query = threading.Thread(target=lambda: found.update(
            results=sharded.search("klimaat", limit=20)))  # fmt: skip
        query.start()
        time.sleep(0.7)  # every shard's task is sleeping on a worker now
        os.kill(next(iter(pids.values())), signal.SIGKILL)  # the worker process alone
        query.join(timeout=60)
        assert not query.is_alive()
    with search.Engine.open(dpg_index) as single:
        expected = single.search("klimaat", limit=20)
    assert [hit.id for hit in found["results"].hits] == [hit.id for hit in expected.hits]
    assert found["results"].facets == expected.facets


def test_a_shard_without_an_answer_fails_in_time_naming_it(own_cluster, dpg_shards):
    with own_cluster.client() as client:
        client.run(slow_down, "search_shard", 6)
    with search.Engine.open(dpg_shards, cluster=own_cluster.address, timeout=2) as sharded:
        started = time.monotonic()
        with pytest.raises(search.ClusterError, match=r"shard \d \(.*shard-00\d\).* 2 s"):
            sharded.search("klimaat")
        assert time.monotonic() - started < 6
    time.sleep(5)  # the slowed tasks end
    own_cluster.scheduler.kill()  # and a scheduler that dies under an open engine
    own_cluster.scheduler.wait()
    with search.Engine.open(dpg_shards) as local:
        assert local.search("klimaat").total > 0  # the shards themselves are fine


def test_a_build_that_loses_its_workers_keeps_every_shard_and_the_next_run_completes_it(
        own_cluster, tmp_path, monkeypatch):  # fmt: skip
    monkeypatch.setattr("search.cluster.WORKER_WAIT_SECONDS", 2.0)  # no worker left: give up
    corpus = tmp_path / "corpus"
    write_jsonl(corpus / "first.jsonl", make_records(300))
    index_dir = tmp_path / "ix"
    search.index_corpus([corpus], index_dir=index_dir, shards=2, cluster=own_cluster.address,
                        entities=False)  # fmt: skip
    write_jsonl(corpus / "second.jsonl", make_records(300, seed=2, prefix="b"))
    with own_cluster.client() as client:
        client.run(slow_down, "build_shard", 3)
    for worker in own_cluster.workers:  # mid-run, every worker dies
        threading.Timer(1.5, worker.kill).start()
    with pytest.raises(search.ClusterError, match="shard"):
        search.index_corpus([corpus], index_dir=index_dir, cluster=own_cluster.address,
                            entities=False)  # fmt: skip
    with search.Engine.open(index_dir) as engine:  # each shard at its last commit
        assert engine.stats().documents == 300
    own_cluster.start_worker()
    own_cluster.wait_for_workers(1)
    report = search.index_corpus([corpus], index_dir=index_dir, cluster=own_cluster.address,
                                 entities=False)  # fmt: skip
    assert (report.added, report.unchanged) == (300, 300)
    assert len(read_layout(index_dir).shard_dirs) == 2
    with search.Engine.open(index_dir) as engine:
        assert engine.stats().documents == 600


def test_queries_cover_every_syntax():
    assert len(list(search_grid(QUERIES))) >= 200


LIBRARY_BUILD = ("import sys, search; search.index_corpus([sys.argv[1]], index_dir=sys.argv[2], "
                 "shards=2, cluster=sys.argv[3])")


@pytest.mark.parametrize("caller", ["command line", "library"])
def test_ctrl_c_stops_a_cluster_build_and_its_workers_keep_serving(own_cluster, tmp_path,
                                                                   caller):  # fmt: skip
    """SIGINT to the `search index` process alone (or to a program calling index_corpus):
    the workers' runs stop, every shard keeps its last commit, and the workers stay free for
    the next run."""
    corpus = tmp_path / "corpus"
    write_jsonl(corpus / "many.jsonl", make_records(4000))
    index_dir = tmp_path / "ix"
    if caller == "command line":
        command = [sys.executable, "-m", "search", "index", str(corpus), "--index-dir",
                   str(index_dir), "--shards", "2", "--cluster", own_cluster.address]
    else:
        command = [sys.executable, "-c", LIBRARY_BUILD, str(corpus), str(index_dir),
                   own_cluster.address]  # fmt: skip
    process = subprocess.Popen(command, stderr=subprocess.PIPE, text=True)
    with own_cluster.client() as client:  # wait until both workers are building a shard
        deadline = time.monotonic() + 120
        while sum(len(tasks) for tasks in client.processing().values()) < 2:
            assert process.poll() is None and time.monotonic() < deadline
            time.sleep(0.2)
    time.sleep(0.5)  # in the build loop by now; a run of 4,000 articles takes far longer
    process.send_signal(signal.SIGINT)
    started = time.monotonic()
    _, stderr = process.communicate(timeout=60)
    if caller == "command line":
        assert process.returncode == 130, stderr
        assert "Interrupted" in stderr and "Traceback" not in stderr
    else:  # the program's own KeyboardInterrupt
        assert process.returncode in (-signal.SIGINT, 1, 130) and "KeyboardInterrupt" in stderr
    assert time.monotonic() - started < 20
    for shard_dir in read_layout(index_dir).shard_dirs:  # no commit: nothing to open
        assert not any(shard_dir.glob("*.seg")) and not any(shard_dir.glob("_MAIN_1.toc"))
    with own_cluster.client() as client:  # free again: no build left running on them
        deadline = time.monotonic() + 15  # (a run asks about the stop once a second)
        while any(client.processing().values()):
            assert time.monotonic() < deadline, client.processing()
            time.sleep(0.2)
