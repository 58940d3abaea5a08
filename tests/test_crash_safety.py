"""A killed or interrupted indexer never damages what was committed; writers exclude each other."""

from __future__ import annotations

import gc
import shutil
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
from conftest import make_records, write_jsonl

import search

QUERIES = ["regering", "graan OR haven", '"rivier kust"', "", "klimaat NOT oorlog"]

KILLER = r"""
import os, signal, sys
import search
import index.store.storage
from whoosh.filedb.filestore import FileStorage

index_dir, corpus, point = sys.argv[1:4]

def die(*args, **kwargs):
    os.kill(os.getpid(), signal.SIGKILL)

progress = None
if point == "reading":
    progress = lambda count: die() if count >= 200 else None
elif point in ("segment", "rebuild"):
    real_create = FileStorage.create_file
    created = []
    def create_file(self, name, *args, **kwargs):
        created.append(name)
        if len(created) >= 3:
            die()
        return real_create(self, name, *args, **kwargs)
    FileStorage.create_file = create_file
elif point == "commit":
    real_rename = FileStorage.rename_file
    def rename_file(self, old, new, *args, **kwargs):
        if new.endswith(".toc"):
            die()
        return real_rename(self, old, new, *args, **kwargs)
    FileStorage.rename_file = rename_file
elif point == "after-commit":
    index.store.storage.write_meta = die
    import index.pipeline.build
    index.pipeline.build.write_meta = die
search.index_corpus([corpus], index_dir=index_dir, on_progress=progress,
                    rebuild=point == "rebuild")
"""


def snapshot(index_dir):
    with search.Engine.open(index_dir) as engine:
        return {q: (r.total, [h.id for h in r.hits]) for q in QUERIES
                for r in [engine.search(q, limit=20, sort="oldest")]}  # fmt: skip


@pytest.fixture(scope="module")
def committed(tmp_path_factory):
    """An index of 300 articles committed in three runs, and a corpus with 1,200 more."""
    base = tmp_path_factory.mktemp("crash")
    corpus = base / "corpus"
    index_dir = base / "index"
    for part in range(3):
        write_jsonl(corpus / f"deel{part}.jsonl", make_records(100, seed=part, prefix=f"p{part}-"))
        search.index_corpus([corpus], index_dir=index_dir)
    before = snapshot(index_dir)
    write_jsonl(corpus / "nieuw.jsonl", make_records(1200, seed=9, prefix="n"))
    return corpus, index_dir, before


@pytest.mark.parametrize("point", ["reading", "segment", "commit", "after-commit", "rebuild"])
def test_sigkill_keeps_the_committed_index_and_the_next_run_catches_up(committed, tmp_path, point):
    corpus, original, before = committed
    index_dir = tmp_path / "index"
    shutil.copytree(original, index_dir)
    killed = subprocess.run([sys.executable, "-c", KILLER, str(index_dir), str(corpus), point],
                            capture_output=True, text=True, timeout=120)  # fmt: skip
    assert killed.returncode == -signal.SIGKILL, killed.stderr
    after_kill = snapshot(index_dir)
    if point == "after-commit":  # the new generation was committed before the kill
        assert after_kill["regering"][0] > before["regering"][0]
    else:
        assert after_kill == before
    report = search.index_corpus([corpus], index_dir=index_dir)
    assert report.indexed == 1500
    with search.Engine.open(index_dir) as engine:
        assert engine.search("").total == 1500
        assert engine.document("n1199").id == "n1199"


def start_big_index_run(committed, tmp_path, count: int, seed: int):
    """A copy of the committed index and a `search index` of ``count`` new articles into it."""
    index_dir = tmp_path / "index"
    shutil.copytree(committed[1], index_dir)
    big = tmp_path / "groot"
    write_jsonl(big / "veel.jsonl", make_records(count, seed=seed, prefix="g"))
    process = subprocess.Popen(
        [sys.executable, "-m", "search", "index", str(big), "--index-dir", str(index_dir)],
        stderr=subprocess.PIPE, text=True,
    )  # fmt: skip
    return index_dir, process


def wait_until_reading(process) -> None:
    """Return once the index run reads its corpus, which it does holding the write lock.

    Its first line (which fields a file's records use) comes when it starts reading.
    """
    line = process.stderr.readline()
    assert "fields" in line, line


def test_ctrl_c_stops_cleanly_and_keeps_the_last_commit(committed, tmp_path):
    before = committed[2]
    index_dir, process = start_big_index_run(committed, tmp_path, 20_000, seed=5)
    wait_until_reading(process)
    time.sleep(0.5)  # into the run: workers started, batches in flight
    process.send_signal(signal.SIGINT)
    _, stderr = process.communicate(timeout=60)
    assert process.returncode == 130, stderr
    assert "Interrupted; nothing was changed after the last commit." in stderr
    assert "Traceback" not in stderr
    assert snapshot(index_dir) == before


PAUSED_WRITER = r"""
import pathlib, sys, time
import search

index_dir, corpus, gate, mode = sys.argv[1:5]

def progress(count):
    if count >= 1000 and not pathlib.Path(gate).exists():  # the lock held, batches out
        print("paused", file=sys.stderr, flush=True)
        while not pathlib.Path(gate).exists():
            time.sleep(0.02)

search.index_corpus([corpus], index_dir=index_dir, on_progress=progress,
                    rebuild=mode == "rebuild")
"""


def start_paused_index_run(committed, tmp_path, *, rebuild: bool = False):
    """A copy of the committed index and an index run of 2,000 new articles into it (in
    its own process), paused in the middle until :func:`resume` opens its gate."""
    index_dir = tmp_path / "index"
    shutil.copytree(committed[1], index_dir)
    big = tmp_path / "groot"
    write_jsonl(big / "veel.jsonl", make_records(2000, seed=6, prefix="g"))
    gate = tmp_path / "gate"
    process = subprocess.Popen(
        [sys.executable, "-c", PAUSED_WRITER, str(index_dir), str(big), str(gate),
         "rebuild" if rebuild else "update"],
        stderr=subprocess.PIPE, text=True,
    )  # fmt: skip
    line = process.stderr.readline()
    assert line.strip() == "paused", line + process.stderr.read()
    return index_dir, process, gate


def resume(gate: Path) -> None:
    gate.touch()


def test_readers_see_the_last_commit_while_a_writer_runs(committed, tmp_path):
    corpus = committed[0]
    index_dir, writer, gate = start_paused_index_run(committed, tmp_path)
    second = subprocess.run(
        [sys.executable, "-m", "search", "index", str(corpus), "--index-dir", str(index_dir)],
        capture_output=True, text=True, timeout=60,
    )  # fmt: skip
    assert second.returncode == 1
    assert second.stderr.strip() == (
        f"Error: another index run is writing to {index_dir}; wait for it to finish"
    )
    with search.Engine.open(index_dir) as engine:
        totals = {engine.search("").total}
        resume(gate)
        while writer.poll() is None:
            totals.add(engine.search("").total)
            time.sleep(0.02)
        _, stderr = writer.communicate()
        assert writer.returncode == 0, stderr
        final = engine.search("").total
    assert totals <= {300, 2300} and 300 in totals
    assert final == 2300


def test_a_second_run_never_touches_a_running_rebuild(committed, tmp_path):
    """A rebuild holds the lock from its start: a second rebuild or update stops at once
    with one line, and does not clear the first one's half-built folder."""
    index_dir, writer, gate = start_paused_index_run(committed, tmp_path, rebuild=True)
    staging = index_dir.with_name(".index.rebuild")
    assert staging.is_dir()
    command = [sys.executable, "-m", "search", "index", "--index-dir", str(index_dir)]
    message = f"Error: another index run is writing to {index_dir}; wait for it to finish"
    for extra in (["--rebuild"], []):
        second = subprocess.run([*command, str(committed[0]), *extra], capture_output=True,
                                text=True, timeout=60)  # fmt: skip
        assert (second.returncode, second.stderr.strip()) == (1, message)
        assert staging.is_dir()
    resume(gate)
    _, stderr = writer.communicate(timeout=600)
    assert writer.returncode == 0, stderr
    with search.Engine.open(index_dir) as engine:
        assert engine.search("").total == 2000
    assert not staging.exists()


def test_a_sharded_index_takes_one_writer_at_a_time(tmp_path):
    corpus = tmp_path / "corpus"
    write_jsonl(corpus / "a.jsonl", make_records(60, seed=3, prefix="s"))
    index_dir = tmp_path / "index"
    search.index_corpus([corpus], index_dir=index_dir, shards=2)
    from index.store.storage import write_locked

    with write_locked(index_dir):  # another process holding it: flock is per open file
        for rebuild in (False, True):
            with pytest.raises(search.IndexLockedError, match="another index run"):
                search.index_corpus([corpus], index_dir=index_dir, rebuild=rebuild)
    assert search.index_corpus([corpus], index_dir=index_dir, rebuild=True).indexed == 60


@pytest.mark.parametrize("case", ["other files", "holds the corpus", "inside the corpus"])
def test_an_index_folder_of_the_users_files_is_refused_and_kept(tmp_path, case):
    """``--rebuild`` replaces the whole index folder, so a folder that is not an index
    (or holds the corpus) is never written to: exit 2, one line, every file kept."""
    from click.testing import CliRunner

    from search.cli import main

    corpus = tmp_path / "corpus"
    write_jsonl(corpus / "a.jsonl", make_records(5, seed=1))
    folder = {"other files": tmp_path / "mijn-map", "holds the corpus": tmp_path,
              "inside the corpus": corpus / "index"}[case]  # fmt: skip
    folder.mkdir(exist_ok=True)
    (folder / "notities.txt").write_text("bewaren\n")
    files = sorted(p for p in tmp_path.rglob("*"))
    for extra in ([], ["--rebuild"]):
        result = CliRunner().invoke(main, ["index", str(corpus), "--index-dir", str(folder),
                                           "-q", *extra])  # fmt: skip
        assert result.exit_code == 2, result.output
        assert "Invalid value for '--index-dir'" in result.output
        assert case.split()[-1] in result.output.replace("\n", " ")
        assert sorted(p for p in tmp_path.rglob("*")) == files
    assert (folder / "notities.txt").read_text() == "bewaren\n"
    if case == "inside the corpus":  # a hidden folder there is skipped by reading: fine
        report = search.index_corpus([corpus], index_dir=corpus / ".index")
        assert report.indexed == 5
        assert not [problem for problem in report.problems if ".index" in problem.path]


def test_one_engine_answers_the_same_from_many_threads(sample_index):
    with search.Engine.open(sample_index) as engine:
        expected = {q: engine.search(q).as_dict() for q in ("Poetin", "Oekraine", "graandeal")}
        failures = []

        def work():
            for _ in range(15):
                for q, want in expected.items():
                    if engine.search(q).as_dict() != want:
                        failures.append(q)

        threads = [threading.Thread(target=work) for _ in range(8)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
    assert failures == []


def test_searchers_of_ended_threads_are_closed(sample_index):
    """A server's worker threads come and go; their searchers' open files must not pile up."""
    fds = Path("/proc/self/fd")
    if not fds.exists():
        pytest.skip("counts open files through /proc (Linux)")
    with search.Engine.open(sample_index) as engine:

        def one_query():
            engine.search("Poetin")

        def burst():
            threads = [threading.Thread(target=one_query) for _ in range(4)]
            for thread in threads:
                thread.start()
            for thread in threads:
                thread.join()

        burst()
        burst()
        gc.collect()
        settled = len(list(fds.iterdir()))
        for _ in range(5):
            burst()
        gc.collect()
        # Each ended thread's searcher held its segment files: 4 threads a burst left 8 or
        # more files each time. Other tests' stray files may come and go by a few.
        assert len(list(fds.iterdir())) - settled < 8
