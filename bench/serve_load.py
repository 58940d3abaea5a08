"""Load on a real ``search serve``: throughput, latency, errors and memory, then an update.

One run builds (or reuses) a corpus with ../shared/tools/make_corpus.py and an index with
``search index``, copies that index to a scratch folder, starts ``search serve`` on a free
port of 127.0.0.1 and sends it a fixed, seeded mix of requests from ``--clients`` threads
(one httpx client each): a warm-up, then ``--seconds`` of steady load, then ``--seconds``
more while ``search index`` adds ``--update`` new articles from a second corpus file, then
``--bursts`` bursts of 3 s, each after 12 s without requests (the server's worker threads
end and new ones start). Writes bench/results/serve_load.md and .json; exits 1 if a
request failed, a process was left running or the open files grew from burst to burst.

    python -m bench.serve_load                       # 100,000 articles, 8 clients, 60 s
    python -m bench.serve_load --articles 10000 --seconds 20 --data /tmp/serve-load

An error is any transport error (timeout, refused or dropped connection) and any answer
whose status is not the one the request expects: 200, or 400/404/422 for the few
deliberate mistakes in the mix. The server's RSS and open files are sampled every second
(psutil). The server and the indexer are stopped at the end (SIGTERM, then SIGKILL), also
on an error or Ctrl-C. Only 127.0.0.1 is ever contacted; proxy settings are ignored.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import quote

from bench.request_mix import WORDS, Request, request_mix
from bench.serve_report import PHASES, write_results

ROOT = Path(__file__).resolve().parents[1]
MAKE_CORPUS = ROOT.parent / "shared" / "tools" / "make_corpus.py"
RESULTS = ROOT / "bench" / "results"
HOST = "127.0.0.1"
UPDATE_PREFIX = "update/"  # ids of the added articles: a slash, so they need encoding
REQUEST_TIMEOUT = 30.0  # seconds; a slower answer counts as an error (a hang)
STOP_GRACE = 10.0  # seconds between SIGTERM and SIGKILL
IDLE_SPELL = 12.0  # seconds of quiet before a burst: anyio ends worker threads idle for 10 s
BURST_SECONDS = 3.0

# -- corpus, index and processes ------------------------------------------------------------


def make_corpus(size: int, path: Path, *, seed: int = 1, id_prefix: str = "") -> Path:
    """Write ``size`` generated articles to ``path`` (kept, and reused, if it exists), their
    ids prefixed with ``id_prefix``."""
    if path.exists():
        return path
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_name(path.name + ".partial")
    subprocess.run([sys.executable, str(MAKE_CORPUS), str(size), "--seed", str(seed),
                    "--out", str(partial)], check=True)  # fmt: skip
    if id_prefix:
        lines = partial.read_text(encoding="utf-8").splitlines()
        records = [json.loads(line) for line in lines]
        for record in records:
            record["id"] = id_prefix + record["id"]
        partial.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records),
                           encoding="utf-8")  # fmt: skip
    partial.replace(path)
    return path


def search_command(*args: str) -> list[str]:
    """The real CLI of this environment: the ``search`` script beside this Python."""
    script = Path(sys.executable).with_name("search")
    return [str(script) if script.exists() else "search", *args]


def build_index(corpus: Path, index_dir: Path) -> float:
    """Index ``corpus`` into ``index_dir`` with ``search index`` unless done before; seconds."""
    done = index_dir / "serve_load.done"
    if done.exists():
        return 0.0
    if index_dir.exists():
        shutil.rmtree(index_dir)  # an interrupted build
    started = time.monotonic()
    subprocess.run(search_command("index", str(corpus), "--index-dir", str(index_dir), "-q"),
                   check=True)  # fmt: skip
    done.write_text("built by bench.serve_load\n")
    return time.monotonic() - started


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind((HOST, 0))
        return probe.getsockname()[1]


def stop(process: subprocess.Popen | None) -> int | None:
    """SIGTERM, then SIGKILL after ``STOP_GRACE`` seconds; the exit code."""
    if process is None:
        return None
    if process.poll() is None:
        process.send_signal(signal.SIGTERM)
        try:
            process.wait(STOP_GRACE)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(STOP_GRACE)
    return process.returncode


def still_running(pids: set[int]) -> list[int]:
    """Which of ``pids`` (this run's processes) still exist, zombies aside."""
    import psutil

    alive = []
    for pid in sorted(pids):
        try:
            if psutil.Process(pid).status() != psutil.STATUS_ZOMBIE:
                alive.append(pid)
        except psutil.NoSuchProcess:
            pass
    return alive


def wait_healthy(client, process: subprocess.Popen, deadline: float = 120.0) -> float:
    """Poll /healthz until it answers 200; seconds it took. Fails if the server exits."""
    import httpx

    started = time.monotonic()
    while time.monotonic() - started < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"search serve exited with code {process.returncode}")
        try:
            if client.get("/healthz").status_code == 200:
                return time.monotonic() - started
        except httpx.TransportError:
            pass
        time.sleep(0.2)
    raise RuntimeError(f"search serve not healthy after {deadline:.0f} s")


# -- load and measurements ------------------------------------------------------------------


@dataclass
class Outcome:
    """What one request got: its kind, latency in ms, status (0: transport error)."""

    kind: str
    ms: float
    status: int
    ok: bool


@dataclass
class Sampler:
    """Samples the server's RSS (MB, children included) and its open files every second,
    in a thread."""

    pid: int
    samples: list[tuple[float, float, int]] = field(default_factory=list)
    _stop: threading.Event = field(default_factory=threading.Event)

    def start(self) -> None:
        import psutil

        self._process = psutil.Process(self.pid)
        self._thread = threading.Thread(target=self._run, daemon=True)
        self._thread.start()

    def _run(self) -> None:
        while not self._stop.is_set():
            self.sample()
            self._stop.wait(1.0)

    def sample(self) -> tuple[float, int]:
        """Take a sample now: RSS in MB and open files (regular files: sockets aside)."""
        rss, files = self.rss_mb(), self.open_files()
        self.samples.append((time.monotonic(), rss, files))
        return rss, files

    def rss_mb(self) -> float:
        import psutil

        try:
            tree = [self._process, *self._process.children(recursive=True)]
            return sum(p.memory_info().rss for p in tree) / 2**20
        except psutil.Error:
            return 0.0

    def open_files(self) -> int:
        import psutil

        try:
            return len(self._process.open_files())
        except psutil.Error:
            return 0

    def children(self) -> list[int]:
        return [child.pid for child in self._process.children(recursive=True)]

    def cpu_s(self) -> float:
        times = self._process.cpu_times()
        return times.user + times.system

    def between(self, start: float, end: float) -> tuple[list[float], list[int]]:
        """The RSS and open-files samples taken from ``start`` to ``end``."""
        inside = [(mb, files) for at, mb, files in sorted(self.samples) if start <= at <= end]
        return [mb for mb, _ in inside], [files for _, files in inside]

    def close(self) -> None:
        self._stop.set()
        self._thread.join(5)


def run_load(base_url: str, mix: list[Request], clients: int, seconds: float,
             failures: list[dict]) -> list[Outcome]:  # fmt: skip
    """``clients`` threads going through ``mix`` (each from its own offset) for ``seconds``.

    Each loop is bounded in time and in count (at most ``len(mix)`` * 100 requests per
    client); a failure's request and answer go to ``failures`` (the first 20).
    """
    outcomes: list[Outcome] = []
    lock = threading.Lock()
    deadline = time.monotonic() + seconds

    def client(number: int) -> None:
        mine = []
        with _http_client(base_url) as http:
            for step in range(len(mix) * 100):
                if time.monotonic() >= deadline:
                    break
                request = mix[(number * len(mix) // clients + step) % len(mix)]
                mine.append(_send(http, request, failures, lock))
        with lock:
            outcomes.extend(mine)

    threads = [threading.Thread(target=client, args=(n,), daemon=True) for n in range(clients)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(seconds + REQUEST_TIMEOUT + 30)
    return outcomes


def _http_client(base_url: str):
    import httpx

    # trust_env=False: no proxy from the environment, the requests stay on 127.0.0.1.
    return httpx.Client(base_url=base_url, timeout=REQUEST_TIMEOUT, trust_env=False)


def _send(http, request: Request, failures: list[dict], lock: threading.Lock) -> Outcome:
    import httpx

    started = time.perf_counter()
    try:
        response = http.get(request.path, params=request.params)
        status, body = response.status_code, response.text
    except httpx.HTTPError as error:
        status, body = 0, f"{type(error).__name__}: {error}"
    ms = (time.perf_counter() - started) * 1000
    ok = status == request.expect
    if not ok:
        with lock:
            if len(failures) < 20:
                failures.append({"path": request.path, "params": list(request.params),
                                 "expected": request.expect, "status": status,
                                 "answer": body[:500]})  # fmt: skip
    return Outcome(request.kind, ms, status, ok)


def latency(values: list[float]) -> dict:
    """Count, p50, p95 and p99 in ms (inclusive quantiles)."""
    if len(values) < 2:
        return {"count": len(values), "p50": None, "p95": None, "p99": None}
    cuts = statistics.quantiles(values, n=100, method="inclusive")
    return {"count": len(values), "p50": round(cuts[49], 1), "p95": round(cuts[94], 1),
            "p99": round(cuts[98], 1)}  # fmt: skip


def summary(outcomes: list[Outcome], seconds: float, samples: tuple[list, list],
            failures: list[dict]) -> dict:  # fmt: skip
    """The figures of one phase."""
    kinds = sorted({o.kind for o in outcomes})
    return {
        "seconds": round(seconds, 1),
        "requests": len(outcomes),
        "requests_per_s": round(len(outcomes) / seconds, 1) if seconds else None,
        "latency_ms": latency([o.ms for o in outcomes]),
        "by_kind": {k: latency([o.ms for o in outcomes if o.kind == k]) for k in kinds},
        "errors": sum(not o.ok for o in outcomes),
        "transport_errors": sum(o.status == 0 for o in outcomes),
        "deliberate_4xx": sum(o.ok and o.status >= 400 for o in outcomes),
        "failures": list(failures),
        "rss_mb": trend(samples[0]),
        "open_files": trend(samples[1]),
        "load_average": [round(x, 2) for x in os.getloadavg()],
    }  # fmt: skip


def trend(values: list[float]) -> dict:
    """Start, max, end and growth (end - start) of a series of samples."""
    if not values:
        return {}
    return {"start": round(values[0], 1), "max": round(max(values), 1),
            "end": round(values[-1], 1), "growth": round(values[-1] - values[0], 1),
            "samples": len(values)}  # fmt: skip


def run_phase(base_url: str, mix: list[Request], clients: int, seconds: float,
              sampler: Sampler) -> dict:  # fmt: skip
    """One phase of load: its figures, and the CPU seconds the server and the clients used
    (on a shared machine, what they got of it)."""
    failures: list[dict] = []
    started, server_cpu, client_cpu = time.monotonic(), sampler.cpu_s(), time.process_time()
    sampler.sample()
    outcomes = run_load(base_url, mix, clients, seconds, failures)
    ended = time.monotonic()
    sampler.sample()
    figures = summary(outcomes, ended - started, sampler.between(started, ended), failures)
    figures["server_cpu_s"] = round(sampler.cpu_s() - server_cpu, 1)
    figures["client_cpu_s"] = round(time.process_time() - client_cpu, 1)
    return figures


# -- phase 2: an update while serving ---------------------------------------------------------


@dataclass
class UpdateWatch:
    """Starts ``search index`` on the update after ``delay`` seconds and watches the server
    switch to the new generation: ``/api/stats`` documents and one added article, polled
    every quarter second (its own requests; their errors count too)."""

    base_url: str
    corpus: Path
    index_dir: Path
    added: int
    first_id: str
    delay: float
    processes: list
    events: dict = field(default_factory=dict)
    errors: list = field(default_factory=list)

    def run(self, stop_event: threading.Event) -> None:
        with _http_client(self.base_url) as http:
            before = self._documents(http)
            self.events["documents_before"] = before
            started = time.monotonic()
            stop_event.wait(self.delay)
            command = search_command("index", str(self.corpus), "--index-dir",
                                     str(self.index_dir), "-q")  # fmt: skip
            indexer = subprocess.Popen(command)
            self.processes.append(indexer)
            self.events["index_started"] = round(time.monotonic() - started, 2)
            article = "/api/articles/" + quote(self.first_id, safe="")
            limit = time.monotonic() + 900  # the indexer and the switch, at most
            while time.monotonic() < limit and not self._switched():
                now = round(time.monotonic() - started, 2)
                self._note(now, indexer, self._documents(http), before,
                           self._status(http, article))  # fmt: skip
                time.sleep(0.25)

    def _switched(self) -> bool:
        return all(key in self.events
                   for key in ("index_ended", "article_visible", "all_documents_visible"))

    def _note(self, now: float, indexer, documents, before, article_status) -> None:
        events = self.events
        if indexer.poll() is not None and "index_ended" not in events:
            events["index_ended"], events["index_exit_code"] = now, indexer.returncode
            if indexer.returncode != 0:
                self.errors.append({"what": "search index", "exit_code": indexer.returncode})
                events.setdefault("article_visible", None)
                events.setdefault("all_documents_visible", None)
        if documents is not None and documents > before:
            events.setdefault("first_new_documents", now)
            events["documents_after"] = documents
        if documents == before + self.added:
            events.setdefault("all_documents_visible", now)
        if article_status == 200:
            events.setdefault("article_visible", now)

    def _documents(self, http) -> int | None:
        answer = self._get(http, "/api/stats", (200,))
        return answer.json()["documents"] if answer is not None else None

    def _status(self, http, path: str) -> int | None:
        answer = self._get(http, path, (200, 404))
        return answer.status_code if answer is not None else None

    def _get(self, http, path: str, expected: tuple[int, ...]):
        import httpx

        try:
            answer = http.get(path)
        except httpx.HTTPError as error:
            self.errors.append({"path": path, "error": f"{type(error).__name__}: {error}"})
            return None
        if answer.status_code not in expected:
            self.errors.append({"path": path, "status": answer.status_code,
                                "answer": answer.text[:500]})  # fmt: skip
            return None
        return answer


def run_update_phase(base_url: str, mix: list[Request], args, sampler: Sampler,
                     watch: UpdateWatch) -> dict:  # fmt: skip
    """The load of phase 1 while ``watch`` runs the update; its figures and the switch."""
    stop_event = threading.Event()
    watcher = threading.Thread(target=watch.run, args=(stop_event,), daemon=True)
    watcher.start()
    try:
        figures = run_phase(base_url, mix, args.clients, args.seconds, sampler)
    finally:
        stop_event.set()  # starts the indexer now if the load ended first
    watcher.join(960)
    figures["update"] = {"articles": watch.added, **watch.events, "watch_errors": watch.errors}
    if watcher.is_alive():
        figures["update"]["watch_errors"].append({"what": "gave up waiting for the switch"})
    return figures


# -- phase 3: bursts after idle spells ------------------------------------------------------


def run_bursts(base_url: str, mix: list[Request], args, sampler: Sampler) -> dict:
    """``--bursts`` short bursts of the load, each after ``IDLE_SPELL`` seconds of quiet.

    The server's worker threads (anyio's) end after 10 s without work and new ones start
    with the next burst, as they do on a server that is not busy all the time. Records the
    RSS and open files after each burst: they should not grow from burst to burst.
    """
    failures: list[dict] = []
    outcomes: list[Outcome] = []
    after: list[dict] = []
    busy, server_cpu, client_cpu = 0.0, sampler.cpu_s(), time.process_time()
    for _ in range(args.bursts):
        time.sleep(IDLE_SPELL)
        started = time.monotonic()
        outcomes += run_load(base_url, mix, args.clients, BURST_SECONDS, failures)
        busy += time.monotonic() - started
        rss, files = sampler.sample()
        after.append({"rss_mb": round(rss, 1), "open_files": files})
    figures = summary(outcomes, busy, ([a["rss_mb"] for a in after],
                                       [a["open_files"] for a in after]), failures)  # fmt: skip
    figures["after_each_burst"] = after
    figures["server_cpu_s"] = round(sampler.cpu_s() - server_cpu, 1)
    figures["client_cpu_s"] = round(time.process_time() - client_cpu, 1)
    return figures


# -- the run --------------------------------------------------------------------------------


def probe(base_url: str) -> tuple[dict[str, list[str]], list[str], int]:
    """Entity names (top 10 a type, from /api/facets), article ids from search hits, and the
    number of documents: what the mix is drawn from."""
    with _http_client(base_url) as http:
        facets = http.get("/api/facets", params={"top": 10}).raise_for_status().json()
        names = {kind: [c["value"] for c in facets[kind]] for kind in ("person", "place", "org")}
        ids: list[str] = []
        for word in WORDS[:8]:
            hits = http.get("/api/search", params={"q": word, "limit": 25}).raise_for_status()
            ids += [hit["id"] for hit in hits.json()["hits"] if hit["id"] not in ids]
        documents = http.get("/api/stats").raise_for_status().json()["documents"]
    return names, ids, documents


def serve_and_load(args, index_dir: Path, update_corpus: Path, processes: list) -> dict:
    """Start ``search serve`` over ``index_dir`` and run the three phases against it."""
    port = free_port()
    base_url = f"http://{HOST}:{port}"
    command = search_command("serve", "--index-dir", str(index_dir), "--host", HOST,
                             "--port", str(port))  # fmt: skip
    with (args.data / "serve.log").open("w") as log:  # the server keeps its own copy
        server = subprocess.Popen(command, stdout=log, stderr=subprocess.STDOUT)
    processes.append(server)
    with _http_client(base_url) as http:
        ready = wait_healthy(http, server)
    sampler = Sampler(server.pid)
    sampler.start()
    try:
        names, ids, documents = probe(base_url)
        mix = request_mix(args.seed, args.mix, names, ids)
        run = {"port": port, "ready_s": round(ready, 2), "documents": documents,
               "names": names, "article_ids": len(ids), "mix": _mix_counts(mix)}  # fmt: skip
        run["warmup"] = run_phase(base_url, mix, args.clients, args.warmup, sampler)
        print(_line("warm-up", run["warmup"]), flush=True)
        run["steady"] = run_phase(base_url, mix, args.clients, args.seconds, sampler)
        print(_line("steady", run["steady"]), flush=True)
        watch = UpdateWatch(base_url, update_corpus, index_dir, args.update,
                            UPDATE_PREFIX + "gen0000000", args.seconds / 6, processes)  # fmt: skip
        run["update"] = run_update_phase(base_url, mix, args, sampler, watch)
        print(_line("update", run["update"]), flush=True)
        run["bursts"] = run_bursts(base_url, mix, args, sampler)
        print(_line("bursts", run["bursts"]), flush=True)
        run["rss_mb_all"] = trend([mb for _, mb, _ in sorted(sampler.samples)])
        run["server_children"] = sampler.children()
    finally:
        sampler.close()
    return run


def _mix_counts(mix: list[Request]) -> dict[str, int]:
    counts: dict[str, int] = {}
    for request in mix:
        counts[request.kind] = counts.get(request.kind, 0) + 1
    return dict(sorted(counts.items()))


def _line(name: str, phase: dict) -> str:
    lat, rss = phase["latency_ms"], phase["rss_mb"]
    return (f"{name}: {phase['requests_per_s']} req/s, p50/p95/p99 {lat['p50']}/{lat['p95']}/"
            f"{lat['p99']} ms, errors {phase['errors']}, RSS {rss.get('start')} -> "
            f"max {rss.get('max')} -> {rss.get('end')} MB")  # fmt: skip


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=100_000)
    parser.add_argument("--clients", type=int, default=8)
    parser.add_argument("--seconds", type=float, default=60.0, help="Of each measured phase.")
    parser.add_argument("--warmup", type=float, default=10.0, help="Seconds before measuring.")
    parser.add_argument("--update", type=int, default=2_000, help="Articles added in phase 2.")
    parser.add_argument("--bursts", type=int, default=5,
                        help=f"Bursts of {BURST_SECONDS:g} s after {IDLE_SPELL:g} s idle.")
    parser.add_argument("--seed", type=int, default=1, help="Of the request mix.")
    parser.add_argument("--mix", type=int, default=5_000, help="Requests in the mix.")
    parser.add_argument("--data", type=Path, default=ROOT / "bench" / "work" / "serve_load",
                        help="Where the corpora and the base index are kept and reused.")
    parser.add_argument("--out", type=Path, default=RESULTS)
    args = parser.parse_args(argv)
    if not MAKE_CORPUS.exists():
        print(f"needs {MAKE_CORPUS} (../shared beside the project)", file=sys.stderr)
        return 1
    # SIGTERM ends the run like Ctrl-C: through the finally below.
    signal.signal(signal.SIGTERM, signal.default_int_handler)
    processes: list[subprocess.Popen] = []
    results = {
        "command": " ".join(["python -m bench.serve_load", *(argv or sys.argv[1:])]),
        "started": time.strftime("%Y-%m-%dT%H:%M:%S"), "cores": os.cpu_count(),
        "python": platform.python_version(), "articles": args.articles,
        "clients": args.clients, "seconds": args.seconds, "warmup": args.warmup,
        "seed": args.seed, "idle_spell": IDLE_SPELL, "burst_seconds": BURST_SECONDS,
        "load_average_start": [round(x, 2) for x in os.getloadavg()],
    }  # fmt: skip
    try:
        results.update(prepare(args))
        results["run"] = serve_and_load(args, Path(results["index_dir"]),
                                        Path(results["update_corpus"]), processes)  # fmt: skip
    finally:
        pids = {p.pid for p in processes} | set(results.get("run", {}).get("server_children", []))
        # The indexer first (if still running), then the server; named by their command.
        results["exit_codes"] = {p.args[1]: stop(p) for p in reversed(processes)}
        results["left_running"] = still_running(pids)
        print(f"stopped: exit codes {results['exit_codes']}, still running: "
              f"{results['left_running'] or 'none'}", flush=True)  # fmt: skip
    write_results(results, args.out)
    return 0 if results_clean(results) else 1


def prepare(args) -> dict:
    """The corpora, the base index (built once per ``--data``) and a scratch copy of it."""
    data = args.data
    corpus = make_corpus(args.articles, data / f"news{args.articles}.jsonl")
    update = data / f"update{args.update}.jsonl"
    make_corpus(args.update, update, seed=2, id_prefix=UPDATE_PREFIX)
    base = data / f"index{args.articles}"
    print(f"index {corpus} -> {base}", flush=True)
    build_seconds = build_index(corpus, base)
    scratch = data / f"index{args.articles}-serving"
    if scratch.exists():
        shutil.rmtree(scratch)
    shutil.copytree(base, scratch)  # phase 2 changes it: each run starts from the same state
    return {"corpus": str(corpus), "update_corpus": str(update), "index_dir": str(scratch),
            "index_build_s": round(build_seconds, 1)}  # fmt: skip


def results_clean(results: dict) -> bool:
    run = results.get("run", {})
    phases = [run.get(name, {}) for name, _ in PHASES]
    update = run.get("update", {}).get("update", {})
    files = run.get("bursts", {}).get("open_files", {})
    return (all(p.get("errors") == 0 for p in phases) and not update.get("watch_errors")
            and not results["left_running"] and files.get("growth", 0) <= 0)  # fmt: skip


if __name__ == "__main__":
    sys.exit(main())
