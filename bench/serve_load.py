"""Load on a real ``search serve``: throughput, latency, errors and memory, then an update.

One run builds (or reuses) a corpus with ../shared/tools/make_corpus.py and an index with
``search index``, copies that index to a scratch folder, starts ``search serve`` on a free
port of 127.0.0.1 and sends it a fixed, seeded mix of requests from ``--clients`` threads
(one httpx client each): a warm-up, then ``--seconds`` of steady load, then ``--seconds``
more while ``search index`` adds ``--update`` new articles from a second corpus file.
Writes bench/results/serve_load.md and .json.

    python -m bench.serve_load                       # 100,000 articles, 8 clients, 60 s
    python -m bench.serve_load --articles 10000 --seconds 20 --data /tmp/serve-load

An error is any transport error (timeout, refused or dropped connection) and any answer
whose status is not the one the request expects: 200, or 400/404/422 for the few
deliberate mistakes in the mix. The server's RSS is sampled every second (psutil). The
server and the indexer are stopped at the end (SIGTERM, then SIGKILL), also on an error
or Ctrl-C. Only 127.0.0.1 is ever contacted; proxy settings are ignored.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import random
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

ROOT = Path(__file__).resolve().parents[1]
MAKE_CORPUS = ROOT.parent / "shared" / "tools" / "make_corpus.py"
RESULTS = ROOT / "bench" / "results"
HOST = "127.0.0.1"
SORTS = ("relevance", "date", "oldest")
UPDATE_PREFIX = "update/"  # ids of the added articles: a slash, so they need encoding
REQUEST_TIMEOUT = 30.0  # seconds; a slower answer counts as an error (a hang)
STOP_GRACE = 10.0  # seconds between SIGTERM and SIGKILL

WORDS = ("klimaat", "politie", "ziekenhuis", "verkiezingen", "onderwijs", "Brexit", "Trump",
         "Rotterdam", "gemeente", "voetbal", "woningen", "minister", "rechter", "school",
         "Venezuela", "scholieren", "brandweer", "economie")  # fmt: skip
PHRASES = ('"Tweede Kamer"', '"de politie"', '"Europese Unie"', '"in Den Haag"',
           '"Greta Thunberg"', '"het Openbaar Ministerie"', '"de gemeente"')  # fmt: skip
PREFIXES = ("klima*", "verkiez*", "woning*", "zieken*", "onderw*", "voetbal*", "brandw*")
BOOLEANS = ("klimaat AND scholieren", "politie OR brandweer", "minister NOT premier",
            "(klimaat OR milieu) AND NOT Trump", "rechter AND (vonnis OR uitspraak)",
            "school OR onderwijs NOT leraar", "Amsterdam AND politie")  # fmt: skip
MISSPELLED = ("klimaaat", "politei", "verkiezngen", "ziekenhuiz", "onderwjis", "voetbl",
              "gemeenet", "klimaat")  # fmt: skip
# (path, parameters, status): mistakes a client makes, answered with an error on purpose.
DELIBERATE = (
    ("/api/search", (("q", "klimaat"), ("limit", "0")), 422),
    ("/api/search", (("q", "politie"), ("since", "2021-01"), ("until", "2019-01")), 400),
    ("/api/search", (("month", "maart"),), 422),
    ("/api/articles/" + quote("bestaat/niet?", safe=""), (), 404),
)
# Relative weights of the kinds of request in the mix.
WEIGHTS = {
    "search:word": 16, "search:phrase": 9, "search:prefix": 8, "search:boolean": 9,
    "search:month": 10, "search:entity": 12, "facets": 9, "suggest": 7, "stats": 3,
    "article": 14, "deliberate 4xx": 3,
}  # fmt: skip


@dataclass(frozen=True)
class Request:
    """One request of the mix: a GET of ``path`` with ``params``, answered with ``expect``."""

    kind: str
    path: str
    params: tuple[tuple[str, str], ...] = ()
    expect: int = 200


# -- the request mix ------------------------------------------------------------------------


def request_mix(seed: int, count: int, names: dict[str, list[str]],
                ids: list[str]) -> list[Request]:  # fmt: skip
    """``count`` requests drawn with ``seed``: the same arguments give the same list.

    ``names`` holds entity names per type (from ``/api/facets``), ``ids`` article ids (from
    search hits).

    >>> mix = request_mix(1, 50, {"person": ["Mark Rutte"]}, ["gen0000001"])
    >>> mix == request_mix(1, 50, {"person": ["Mark Rutte"]}, ["gen0000001"])
    True
    """
    rng = random.Random(seed)
    kinds = list(WEIGHTS)
    weights = [WEIGHTS[kind] for kind in kinds]
    entities = [(kind, name) for kind, values in sorted(names.items()) for name in values]
    mix = []
    for _ in range(count):
        kind = rng.choices(kinds, weights)[0]
        if kind == "search:entity" and not entities or kind == "article" and not ids:
            kind = "search:word"
        mix.append(_request(rng, kind, entities, ids))
    return mix


def _request(rng: random.Random, kind: str, entities: list[tuple[str, str]],
             ids: list[str]) -> Request:  # fmt: skip
    if kind.startswith("search:"):
        return Request(kind, "/api/search", _search_params(rng, kind, entities))
    if kind == "facets":
        params = [("q", rng.choice(("", *WORDS))), ("top", str(rng.choice((10, 20))))]
        if rng.random() < 0.3:
            params.append(("since", _month(rng)))
        return Request(kind, "/api/facets", tuple(params))
    if kind == "suggest":
        return Request(kind, "/api/suggest", (("q", rng.choice(MISSPELLED)),))
    if kind == "stats":
        return Request(kind, "/api/stats")
    if kind == "article":
        return Request(kind, "/api/articles/" + quote(rng.choice(ids), safe=""))
    path, params, status = rng.choice(DELIBERATE)
    return Request(kind, path, params, status)


def _search_params(rng: random.Random, kind: str,
                   entities: list[tuple[str, str]]) -> tuple[tuple[str, str], ...]:  # fmt: skip
    text = {
        "search:word": lambda: rng.choice(WORDS),
        "search:phrase": lambda: rng.choice(PHRASES),
        "search:prefix": lambda: rng.choice(PREFIXES),
        "search:boolean": lambda: rng.choice(BOOLEANS),
        "search:month": lambda: rng.choice(WORDS),
        "search:entity": lambda: rng.choice(("", *WORDS[:6])),
    }[kind]()
    params = [("q", text)]
    if kind == "search:month":
        if rng.random() < 0.5:
            params.append(("month", _month(rng)))
        else:
            since = _month(rng)
            params += [("since", since), ("until", max(since, _month(rng)))]
    if kind == "search:entity":
        params.append(rng.choice(entities))
    params += [("sort", rng.choice(SORTS)), ("page", str(rng.randint(1, 5)))]
    return tuple(params)


def _month(rng: random.Random) -> str:
    return f"{rng.randint(2015, 2025)}-{rng.randint(1, 12):02d}"


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
    """Samples the server's RSS (MB, children included) every second in a thread."""

    pid: int
    samples: list[tuple[float, float]] = field(default_factory=list)
    _stop: threading.Event = field(default_factory=threading.Event)

    def start(self) -> None:
        import psutil

        self._process = psutil.Process(self.pid)
        self._thread = threading.Thread(target=self._run, daemon=True)
        self._thread.start()

    def _run(self) -> None:
        while not self._stop.is_set():
            self.samples.append((time.monotonic(), self.rss_mb()))
            self._stop.wait(1.0)

    def rss_mb(self) -> float:
        import psutil

        try:
            tree = [self._process, *self._process.children(recursive=True)]
            return sum(p.memory_info().rss for p in tree) / 2**20
        except psutil.Error:
            return 0.0

    def children(self) -> list[int]:
        return [child.pid for child in self._process.children(recursive=True)]

    def cpu_s(self) -> float:
        times = self._process.cpu_times()
        return times.user + times.system

    def between(self, start: float, end: float) -> list[float]:
        return [mb for at, mb in sorted(self.samples) if start <= at <= end]

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


def summary(outcomes: list[Outcome], seconds: float, rss: list[float],
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
        "rss_mb": _rss_figures(rss),
        "load_average": [round(x, 2) for x in os.getloadavg()],
    }  # fmt: skip


def _rss_figures(rss: list[float]) -> dict:
    if not rss:
        return {}
    return {"start": round(rss[0], 1), "max": round(max(rss), 1), "end": round(rss[-1], 1),
            "growth": round(rss[-1] - rss[0], 1), "samples": len(rss)}  # fmt: skip


def run_phase(base_url: str, mix: list[Request], clients: int, seconds: float,
              sampler: Sampler) -> dict:  # fmt: skip
    """One phase of load: its figures, and the CPU seconds the server and the clients used
    (on a shared machine, what they got of it)."""
    failures: list[dict] = []
    started, server_cpu, client_cpu = time.monotonic(), sampler.cpu_s(), time.process_time()
    sampler.samples.append((started, sampler.rss_mb()))
    outcomes = run_load(base_url, mix, clients, seconds, failures)
    ended = time.monotonic()
    sampler.samples.append((ended, sampler.rss_mb()))
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
        run["rss_mb_all"] = _rss_figures([mb for _, mb in sampler.samples])
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
        "seed": args.seed, "load_average_start": [round(x, 2) for x in os.getloadavg()],
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
    phases = [run.get(name, {}) for name in ("warmup", "steady", "update")]
    update = run.get("update", {}).get("update", {})
    return (all(p.get("errors") == 0 for p in phases) and not update.get("watch_errors")
            and not results["left_running"])  # fmt: skip


# -- results --------------------------------------------------------------------------------


PHASES = (("warmup", "warm-up"), ("steady", "steady load"), ("update", "load + update"))


def write_results(results: dict, out: Path) -> None:
    out.mkdir(parents=True, exist_ok=True)
    (out / "serve_load.json").write_text(json.dumps(results, indent=2) + "\n")
    (out / "serve_load.md").write_text(markdown(results))


def markdown(results: dict) -> str:
    """The Markdown report of one run."""
    run = results["run"]
    lines = [
        "# `search serve` under load", "",
        f"`{results['command']}`, started {results['started']}: {run['documents']:,} "
        f"articles, {results['clients']} client threads (one httpx client each, in one "
        f"process beside the server), {results['warmup']:g} s warm-up, then "
        f"{results['seconds']:g} s per phase. {results['cores']} cores shared with other "
        f"work (load average {results['load_average_start'][0]} at the start): expect "
        "noise. Latency is measured by the clients, queueing included.", "",
        "| phase | requests | req/s | p50 ms | p95 ms | p99 ms | errors | deliberate 4xx "
        "| RSS start / max / end MB | RSS growth MB | CPU s server / clients |",
        "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]  # fmt: skip
    for key, name in PHASES:
        phase, rss = run[key], run[key]["rss_mb"]
        lat = phase["latency_ms"]
        lines.append(
            f"| {name} | {phase['requests']:,} | {phase['requests_per_s']} | {lat['p50']} | "
            f"{lat['p95']} | {lat['p99']} | {phase['errors']} | {phase['deliberate_4xx']} | "
            f"{rss.get('start')} / {rss.get('max')} / {rss.get('end')} | {rss.get('growth')} | "
            f"{phase['server_cpu_s']} / {phase['client_cpu_s']} |"
        )  # fmt: skip
    lines += ["", *_kind_table(run), ""]
    lines += [*_update_lines(run["update"]["update"], results["seconds"]), ""]
    lines += _failure_lines(run)
    codes = ", ".join(f"`search {name}` {code}" for name, code in results["exit_codes"].items())
    lines += [f"Stopped at the end (SIGTERM): exit codes {codes} (-15: uvicorn shuts down "
              "cleanly, then ends by the signal it caught); processes left running: "
              f"{results['left_running'] or 'none'}.", ""]  # fmt: skip
    return "\n".join(lines)


def _kind_table(run: dict) -> list[str]:
    lines = ["Per kind of request (ms), steady load and load + update:", "",
             "| kind | in the mix | steady p50 / p95 / p99 | with update p50 / p95 / p99 |",
             "| --- | ---: | ---: | ---: |"]  # fmt: skip
    for kind, count in run["mix"].items():
        cells = []
        for key in ("steady", "update"):
            lat = run[key]["by_kind"].get(kind, {})
            cells.append(f"{lat.get('p50')} / {lat.get('p95')} / {lat.get('p99')}")
        lines.append(f"| {kind} | {count} | {cells[0]} | {cells[1]} |")
    return lines


def _update_lines(update: dict, seconds: float) -> list[str]:
    visible = update.get("all_documents_visible")
    during = visible is not None and visible <= seconds
    return [
        f"Update: `search index` added {update['articles']:,} articles (a second corpus "
        f"file) during the load, started {update.get('index_started')} s into the phase, "
        f"ended at {update.get('index_ended')} s (exit code {update.get('index_exit_code')}). "
        f"`/api/stats` documents went from {update.get('documents_before')} to "
        f"{update.get('documents_after')}: the first new count at "
        f"{update.get('first_new_documents')} s, all {update['articles']:,} at "
        f"{update.get('all_documents_visible')} s; the first added article answered 200 "
        f"(404 before) at {update.get('article_visible')} s. The switch came "
        f"{'during' if during else 'after'} the {seconds:g} s of load. Errors of these "
        f"polls: {len(update['watch_errors'])}.",
    ]  # fmt: skip


def _failure_lines(run: dict) -> list[str]:
    failures = [f for key, _ in PHASES for f in run[key]["failures"]]
    failures += run["update"]["update"]["watch_errors"]
    if not failures:
        return []
    return ["Failures (the first of each phase):", "", "```",
            *(json.dumps(f, ensure_ascii=False) for f in failures), "```", ""]  # fmt: skip


if __name__ == "__main__":
    sys.exit(main())
