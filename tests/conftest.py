"""Shared fixtures: a sample index per session, and the shared real-data folder."""

from __future__ import annotations

import contextlib
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

import search
from corpus import SAMPLE_CORPUS

SHARED_DATA = Path(__file__).resolve().parents[1].parent / "shared" / "data"
SEED_2022 = "000_83c8f1858d10a797.txt"
SEED_2025 = "003_463c9f2ccdc7d6fc.txt"


def free_port() -> int:
    """A TCP port on 127.0.0.1 that nothing listens on now (for a test server)."""
    import socket

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def shared_file(*parts: str) -> Path:
    """A file under ../shared/data, or skip the test with a message when it is absent."""
    path = SHARED_DATA.joinpath(*parts)
    if not path.exists():
        pytest.skip(f"needs {path} (../shared/data is not beside the project)")
    return path


@pytest.fixture(scope="session")
def sample_index(tmp_path_factory) -> Path:
    """An index of the bundled sample corpus (the two seed articles)."""
    index_dir = tmp_path_factory.mktemp("sample") / "index"
    search.index_corpus([SAMPLE_CORPUS], index_dir=index_dir)
    return index_dir


@pytest.fixture(scope="session")
def dpg_index(tmp_path_factory) -> Path:
    """An index of the 1,438 real DPG Media articles in ../shared/data (skips without them)."""
    path = shared_file("dpgmedia2019", "dpgMedia2019-articles-byarticle-all.jsonl")
    index_dir = tmp_path_factory.mktemp("dpg") / "index"
    search.index_corpus([path], index_dir=index_dir)
    return index_dir


@pytest.fixture()
def engine(sample_index):
    with search.Engine.open(sample_index) as opened:
        yield opened


@pytest.fixture(autouse=True)
def _no_user_index(monkeypatch, tmp_path):
    """Never touch the user's real index: the default location is a temp folder."""
    monkeypatch.setenv("SEARCH_INDEX_DIR", str(tmp_path / "default-index"))


DUTCH_WORDS = (
    "regering kabinet minister gemeente provincie dijk sluis polder water haven schip graan "
    "boer markt prijs economie bank rente inflatie school leraar leerling ziekenhuis zorg "
    "verkiezing partij stem debat wet rechter politie brand storm regen trein station fiets "
    "weg brug tunnel stad dorp land grens oorlog vrede overleg akkoord verdrag handel export "
    "energie gas stroom klimaat natuur bos duin strand zee rivier kust haven werk loon staking"
).split()


def make_records(count: int, *, seed: int = 1, prefix: str = "a") -> list[dict]:
    """Deterministic JSON records of synthetic Dutch articles (made here, nothing shared)."""
    import random

    rng = random.Random(seed)
    records = []
    for number in range(count):
        words = [rng.choice(DUTCH_WORDS) for _ in range(60)]
        month = f"20{10 + number % 15:02d}-{1 + number % 12:02d}"
        records.append({
            "id": f"{prefix}{number}",
            "title": " ".join(words[:6]).capitalize(),
            "text": ". ".join(" ".join(words[i : i + 12]) for i in range(6, 60, 12)) + ".",
            "date": f"{month}-15",
        })  # fmt: skip
    return records


def write_jsonl(path: Path, records: list[dict]) -> Path:
    import json

    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    return path


@contextlib.contextmanager
def serve_process(index_dir: Path, *, timeout: float = 30, args: tuple[str, ...] = ()):
    """A real `search serve` process on 127.0.0.1 over ``index_dir`` (more options in
    ``args``): yields an httpx client for it once it answers ``/healthz``; stopped with
    SIGTERM afterwards, which it must obey."""
    httpx = pytest.importorskip("httpx", reason="needs httpx (pip install -e '.[test]')")
    pytest.importorskip("uvicorn", reason="the serve extra is not installed")
    port = free_port()
    process = subprocess.Popen([sys.executable, "-m", "search", "serve", "--index-dir",
                                str(index_dir), "--port", str(port), *args],
                               stderr=subprocess.PIPE, text=True)  # fmt: skip
    deadline = time.monotonic() + 60
    with httpx.Client(base_url=f"http://127.0.0.1:{port}", timeout=timeout) as client:
        while True:
            try:
                if client.get("/healthz").status_code == 200:
                    break
            except httpx.TransportError:
                pass
            if process.poll() is not None or time.monotonic() > deadline:
                process.kill()
                pytest.fail(f"`search serve` did not start: {process.stderr.read()}")
            time.sleep(0.1)
        yield client
    process.terminate()
    try:
        process.wait(timeout=15)
    except subprocess.TimeoutExpired:
        process.kill()
        pytest.fail("`search serve` did not stop on SIGTERM")


@contextlib.contextmanager
def page_server(index_dir: Path):
    """The server app over ``index_dir`` in a thread of this process (uvicorn on
    127.0.0.1), for browser tests: yields its base URL."""
    import threading

    uvicorn = pytest.importorskip("uvicorn", reason="the serve extra is not installed")
    from search.server import create_app

    config = uvicorn.Config(create_app(index_dir, allowed_hosts=["127.0.0.1"]),
                            host="127.0.0.1", port=free_port(), log_level="warning")  # fmt: skip
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 10
    while not server.started:
        if time.monotonic() > deadline or not thread.is_alive():
            pytest.fail("the test server did not start")
        time.sleep(0.05)
    try:
        yield f"http://127.0.0.1:{config.port}"
    finally:
        server.should_exit = True
        thread.join(timeout=10)


class DaskCluster:
    """A real ``dask scheduler`` and ``dask worker`` processes on 127.0.0.1, started from
    this environment (the project's ``test`` extra installs Dask). Workers run without a
    nanny, one thread each, in the project folder: killing one kills that worker."""

    def __init__(self, workers: int = 2) -> None:
        pytest.importorskip("distributed", reason="needs Dask (pip install -e '.[test]')")
        self.port = free_port()
        self.address = f"tcp://127.0.0.1:{self.port}"
        self.project = Path(__file__).resolve().parents[1]
        self.scheduler = self._start(["scheduler", "--host", "127.0.0.1", "--port",
                                      str(self.port), "--no-dashboard"])  # fmt: skip
        self.workers: list[subprocess.Popen] = []
        self._wait_until_listening()
        for _ in range(workers):
            self.start_worker()
        self.wait_for_workers(workers)

    def _start(self, args: list[str]) -> subprocess.Popen:
        # As the README starts them: without the workers' statistical profiler.
        environment = dict(os.environ, DASK_DISTRIBUTED__WORKER__PROFILE__ENABLED="False")
        return subprocess.Popen([sys.executable, "-m", "dask", *args], cwd=self.project,
                                env=environment, stdout=subprocess.DEVNULL,
                                stderr=subprocess.DEVNULL)  # fmt: skip

    def start_worker(self) -> subprocess.Popen:
        worker = self._start(["worker", self.address, "--nthreads", "1", "--no-nanny",
                              "--no-dashboard", "--memory-limit", "0"])  # fmt: skip
        self.workers.append(worker)
        return worker

    def _wait_until_listening(self) -> None:
        import socket

        deadline = time.monotonic() + 60
        while True:
            try:
                socket.create_connection(("127.0.0.1", self.port), timeout=1).close()
                return
            except OSError:
                if self.scheduler.poll() is not None or time.monotonic() > deadline:
                    self.stop()
                    pytest.fail("the Dask scheduler did not start")
                time.sleep(0.2)

    def client(self):
        from distributed import Client

        return Client(self.address, timeout=30, set_as_default=False)

    def wait_for_workers(self, count: int) -> None:
        with self.client() as client:
            client.wait_for_workers(count, timeout=90)

    def worker_pids(self) -> dict[str, int]:
        """Each live worker's address and process id."""
        import os

        with self.client() as client:
            return client.run(os.getpid)

    def stop(self) -> list[subprocess.Popen]:
        """Stop every process; return those that had to be killed (they ignored SIGTERM)."""
        stubborn = []
        # Workers first: a worker closing while its scheduler is gone retries it for 20 s.
        for group in (self.workers, [self.scheduler]):
            for process in group:
                if process.poll() is None:
                    process.terminate()
            for process in group:
                try:
                    process.wait(timeout=20)
                except subprocess.TimeoutExpired:
                    process.kill()
                    process.wait()
                    stubborn.append(process)
        return stubborn


@pytest.fixture(scope="session")
def dask_cluster():
    """A scheduler and two workers for the whole session (tests that kill processes start
    their own :class:`DaskCluster`)."""
    cluster = DaskCluster(workers=2)
    try:
        yield cluster
    finally:
        cluster.stop()
