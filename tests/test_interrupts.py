"""Signals to the main process of `search index` alone: it stops at once, leaves nothing behind.

Only the main process is signalled (as `kill PID`, `timeout` or a supervisor does), never its
process group, so its worker processes must be stopped by it, or die with it on `kill -9`,
and must never keep the index's write lock.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from conftest import make_records, write_jsonl

import search

pytestmark = pytest.mark.skipif(not Path("/proc/self/stat").exists(),
                                reason="reads the process table from /proc (Linux)")  # fmt: skip

STOP_SECONDS = 15  # "within seconds": generous for a loaded 2-core CI machine
GONE_SECONDS = 10


def children_of(pid: int) -> set[int]:
    """Every live descendant of ``pid``, from /proc."""
    parents: dict[int, int] = {}
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                stat = Path(f"/proc/{entry}/stat").read_text()
            except OSError:
                continue
            fields = stat.rsplit(")", 1)[1].split()
            if fields[0] != "Z":  # a zombie has exited; its parent reaps it
                parents[int(entry)] = int(fields[1])
    found, frontier = set(), {pid}
    while frontier:
        frontier = {child for child, parent in parents.items() if parent in frontier} - found
        found |= frontier
    return found


def alive(pids: set[int]) -> set[int]:
    left = set()
    for pid in pids:
        try:
            state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
        except OSError:
            continue
        if state != "Z":
            left.add(pid)
    return left


def wait_gone(pids: set[int]) -> set[int]:
    deadline = time.monotonic() + GONE_SECONDS
    while alive(pids) and time.monotonic() < deadline:
        time.sleep(0.1)
    return alive(pids)


@pytest.fixture(scope="module")
def big_corpus(tmp_path_factory) -> Path:
    """Enough articles that a build runs for many seconds with worker processes."""
    return write_jsonl(tmp_path_factory.mktemp("signals") / "veel.jsonl",
                       make_records(20_000, seed=3, prefix="s"))  # fmt: skip


def start(corpus: Path, index_dir: Path, *extra: str) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, "-m", "search", "index", str(corpus), "--index-dir", str(index_dir),
         *extra],
        stderr=subprocess.PIPE, text=True, start_new_session=True,  # not our group's signals
    )  # fmt: skip


def wait_for_workers(process: subprocess.Popen) -> set[int]:
    """The run's worker processes, once they have started."""
    line = process.stderr.readline()  # the first line comes when reading begins
    assert "fields" in line, line
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        found = children_of(process.pid)
        if len(found) >= 2:
            time.sleep(1.0)  # batches in flight
            return children_of(process.pid)
        time.sleep(0.05)
    pytest.fail("no worker processes started")


def stop_and_wait(process: subprocess.Popen, signum: int) -> str:
    os.kill(process.pid, signum)  # the main process alone
    try:
        _, stderr = process.communicate(timeout=STOP_SECONDS)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        pytest.fail(f"`search index` still ran {STOP_SECONDS} s after signal {signum}")
    return stderr


@pytest.mark.parametrize("signum, status", [(signal.SIGINT, 130), (signal.SIGTERM, 143),
                                            (signal.SIGHUP, 129)])  # fmt: skip
@pytest.mark.parametrize("when", ["reading", "workers"])
def test_a_signal_stops_the_run_at_once_and_leaves_no_process(big_corpus, tmp_path, signum,
                                                             status, when):  # fmt: skip
    index_dir = tmp_path / "ix"
    process = start(big_corpus, index_dir)
    if when == "reading":
        assert "fields" in process.stderr.readline()
        workers = children_of(process.pid)
    else:
        workers = wait_for_workers(process)
    stderr = stop_and_wait(process, signum)
    assert process.returncode == status, stderr
    assert "Interrupted; nothing was changed after the last commit." in stderr
    assert "Traceback" not in stderr and "leaked" not in stderr
    assert not wait_gone(workers | children_of(process.pid))
    small = write_jsonl(tmp_path / "klein" / "a.jsonl", make_records(50, seed=8, prefix="k"))
    rerun = search.index_corpus([small], index_dir=index_dir)  # the lock is free
    assert rerun.added == 50


def test_a_second_ctrl_c_while_stopping_prints_no_traceback(big_corpus, tmp_path):
    process = start(big_corpus, tmp_path / "ix")
    workers = wait_for_workers(process)
    os.kill(process.pid, signal.SIGINT)
    time.sleep(0.05)
    os.kill(process.pid, signal.SIGINT)
    _, stderr = process.communicate(timeout=STOP_SECONDS)
    assert process.returncode == 130, stderr
    assert "Traceback" not in stderr
    assert not wait_gone(workers)


@pytest.mark.parametrize("extra", [(), ("--rebuild",)], ids=["update", "rebuild"])
def test_kill_9_of_the_main_process_takes_its_workers_and_frees_the_lock(big_corpus, tmp_path,
                                                                        extra):  # fmt: skip
    index_dir = tmp_path / "ix"
    small = write_jsonl(tmp_path / "klein" / "a.jsonl", make_records(50, seed=8, prefix="k"))
    search.index_corpus([small], index_dir=index_dir)
    process = start(big_corpus, index_dir, *extra)
    workers = wait_for_workers(process)
    os.kill(process.pid, signal.SIGKILL)
    process.communicate(timeout=STOP_SECONDS)
    assert not wait_gone(workers), "worker processes outlived a killed `search index`"
    with search.Engine.open(index_dir) as engine:  # the last commit, whole
        assert engine.search("").total == 50
    started = time.monotonic()
    report = search.index_corpus([small], index_dir=index_dir)  # no "another ... is writing"
    assert report.unchanged == 50 and time.monotonic() - started < 60


@pytest.mark.parametrize("delay", [0.0, 0.3, 1.0])
def test_ctrl_c_to_the_whole_group_while_workers_start_is_one_clean_stop(big_corpus, tmp_path,
                                                                         delay):  # fmt: skip
    """A terminal's Ctrl-C reaches every process of the group, workers starting up included."""
    process = start(big_corpus, tmp_path / "ix")
    assert "fields" in process.stderr.readline()
    time.sleep(delay)
    children = children_of(process.pid)
    os.killpg(process.pid, signal.SIGINT)
    _, stderr = process.communicate(timeout=STOP_SECONDS)
    assert process.returncode == 130, stderr
    assert "Traceback" not in stderr and "internal error" not in stderr
    assert not wait_gone(children | children_of(process.pid))
