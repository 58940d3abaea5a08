"""A sharded index on a Dask cluster against one index of the same articles, in one run.

Starts a ``dask scheduler`` and ``--workers`` ``dask worker`` processes on 127.0.0.1 (one
thread each, from this environment), then:

1. builds the corpus (``bench.archive``'s generated news, ``--size`` articles) as one
   index, as ``search index`` does (worker processes, one per core), and as ``--shards``
   shards on the cluster; wall time of each, and the peak memory of the workers;
2. runs ``bench.archive``'s queries warm (one warm-up round, ``--rounds`` timed rounds),
   top-10 only and with the four facets of names, on the single index in this process,
   and on the sharded index through the cluster; checks every total is the same;
3. runs them on one shard alone (the per-shard figures ``docs/scaling.md`` projects
   from), and records each shard's size.

Writes ``sharded.json`` and ``sharded.md`` under ``--out`` (default
``bench/results/sharded-DATE``). Needs the ``bench`` and ``cluster`` extras.
``--queries-only`` skips step 1 and searches the indexes an earlier run left under
``--data`` (the build times are then those of that run, not of this one).

    python -m bench.sharded --size 1000000 --shards 4 --workers 2 --data /tmp/bench-data
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import socket
import subprocess
import sys
import time
from pathlib import Path

from bench.archive import ROOT, Project, corpus_for, dir_size, timed_queries

RESULTS = ROOT / "bench" / "results"


class LocalCluster:
    """A scheduler and workers as separate processes (what `dask scheduler` and `dask
    worker` start on real machines), on 127.0.0.1."""

    def __init__(self, workers: int) -> None:
        with socket.socket() as probe:
            probe.bind(("127.0.0.1", 0))
            port = probe.getsockname()[1]
        self.address = f"tcp://127.0.0.1:{port}"
        self.processes = [self._start(["scheduler", "--host", "127.0.0.1", "--port", str(port),
                                       "--no-dashboard"])]  # fmt: skip
        for _ in range(workers):
            self.processes.append(self._start(["worker", self.address, "--nthreads", "1",
                                               "--no-nanny", "--no-dashboard",
                                               "--memory-limit", "0"]))  # fmt: skip
        from distributed import Client

        with Client(self.address, timeout=60, set_as_default=False) as client:
            client.wait_for_workers(workers, timeout=120)

    @staticmethod
    def _start(args: list[str]) -> subprocess.Popen:
        # As the README starts them: without the workers' statistical profiler, which
        # samples every thread 100 times a second and slows a shard build by about 10%.
        environment = dict(os.environ, DASK_DISTRIBUTED__WORKER__PROFILE__ENABLED="False")
        return subprocess.Popen([sys.executable, "-m", "dask", *args], cwd=ROOT, env=environment,
                                stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)  # fmt: skip

    def worker_memory_mb(self) -> float:
        """The workers' resident memory now, summed."""
        import psutil

        return sum(psutil.Process(p.pid).memory_info().rss for p in self.processes[1:]) / 2**20

    def stop(self) -> None:
        for process in self.processes:
            process.terminate()
        for process in self.processes:
            try:
                process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                process.kill()


def timed_build(corpus: Path, index_dir: Path, **options) -> float:
    import search

    started = time.perf_counter()
    search.index_corpus([corpus], index_dir=index_dir, rebuild=True, **options)
    return time.perf_counter() - started


def query_times(engine, rounds: int) -> dict:
    """``bench.archive``'s query timings (top-10, with facets, every total) on an open engine."""
    opened = Project()
    opened.engine = engine
    return timed_queries(opened, rounds)


def run(size: int, shards: int, workers: int, data: Path, rounds: int,
        queries_only: bool = False) -> dict:  # fmt: skip
    import search
    from index.store.shards import read_layout

    corpus = corpus_for(size, data)
    single_dir = data / f"ix-single-{size}"
    sharded_dir = data / f"ix-{shards}shards-{size}"
    result = {"size": size, "shards": shards, "workers": workers, "cores": os.cpu_count(),
              "machine": platform.platform(), "date": dt.date.today().isoformat()}  # fmt: skip
    cluster = LocalCluster(workers)
    try:
        if queries_only:
            result["queries_only"] = True
        else:
            result["single_build_s"] = timed_build(corpus, single_dir)
            print(f"single build: {result['single_build_s']:.0f} s", file=sys.stderr)
            result["sharded_build_s"] = timed_build(corpus, sharded_dir, shards=shards,
                                                    cluster=cluster.address)  # fmt: skip
            result["worker_memory_mb_after_build"] = round(cluster.worker_memory_mb())
            print(f"sharded build: {result['sharded_build_s']:.0f} s", file=sys.stderr)
        with search.Engine.open(single_dir) as engine:
            result["single"] = query_times(engine, rounds)
        with search.Engine.open(sharded_dir, cluster=cluster.address) as engine:
            result["cluster"] = query_times(engine, rounds)
        result["worker_memory_mb_after_queries"] = round(cluster.worker_memory_mb())
        first_shard = read_layout(sharded_dir).shard_dirs[0]
        with search.Engine.open(first_shard) as engine:
            result["one_shard"] = query_times(engine, rounds)
        result["same_totals"] = result["single"]["totals"] == result["cluster"]["totals"]
        result["index_mb"] = {"single": round(dir_size(single_dir) / 2**20),
                              "sharded": round(dir_size(sharded_dir) / 2**20),
                              "per_shard": [round(dir_size(p) / 2**20) for p in
                                            read_layout(sharded_dir).shard_dirs]}  # fmt: skip
    finally:
        cluster.stop()
    for name in ("single", "cluster", "one_shard"):
        result[name].pop("totals", None)
    result["ratios"] = {
        "build": None if queries_only else
        round(result["sharded_build_s"] / result["single_build_s"], 3),
        "top10_p95": round(result["cluster"]["top10"]["p95_ms"]
                           / result["single"]["top10"]["p95_ms"], 3),
        "facets_p95": round(result["cluster"]["facets"]["p95_ms"]
                            / result["single"]["facets"]["p95_ms"], 3),
    }  # fmt: skip
    return result


def markdown(result: dict) -> str:
    rows = [
        f"# {result['size']:,} articles: one index against {result['shards']} shards on "
        f"{result['workers']} Dask workers ({result['cores']} cores, {result['date']})", "",
        "| | one index | sharded, on the cluster | ratio | target |", "|---|---|---|---|---|",
    ]  # fmt: skip
    if not result.get("queries_only"):
        rows.append(f"| build (s) | {result['single_build_s']:.0f} | "
                    f"{result['sharded_build_s']:.0f} | {result['ratios']['build']:.2f} | "
                    f"<= 1.10 |")  # fmt: skip
    for kind, label in (("top10", "top-10"), ("facets", "with facets")):
        one, other = result["single"][kind], result["cluster"][kind]
        rows.append(f"| {label} p50 / p95 (ms) | {one['p50_ms']:.1f} / {one['p95_ms']:.1f} | "
                    f"{other['p50_ms']:.1f} / {other['p95_ms']:.1f} | "
                    f"{result['ratios'][kind + '_p95']:.2f} at p95 | <= 1.50 |")  # fmt: skip
    shard = result["one_shard"]
    rows += [
        "", f"Same totals for every query: {result['same_totals']}.",
        f"One shard alone ({result['size'] // result['shards']:,} articles): top-10 p50/p95 "
        f"{shard['top10']['p50_ms']:.1f}/{shard['top10']['p95_ms']:.1f} ms, with facets "
        f"{shard['facets']['p50_ms']:.1f}/{shard['facets']['p95_ms']:.1f} ms.",
        f"Index size: one index {result['index_mb']['single']:,} MB, sharded "
        f"{result['index_mb']['sharded']:,} MB (per shard {result['index_mb']['per_shard']}).",
    ]  # fmt: skip
    after_queries = f"{result['worker_memory_mb_after_queries']:,} MB after the queries"
    if result.get("queries_only"):
        rows.append(f"Searches only (the indexes were built by an earlier run). Workers' "
                    f"resident memory: {after_queries}.")  # fmt: skip
    else:
        rows.append(f"Workers' resident memory: {result['worker_memory_mb_after_build']:,} MB "
                    f"after the build, {after_queries}.")  # fmt: skip
    rows.append("")
    return "\n".join(rows)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", type=int, default=1_000_000)
    parser.add_argument("--shards", type=int, default=4)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--data", type=Path, default=Path("/tmp/nieuwszoeker-bench"))
    parser.add_argument("--out", type=Path, default=None)
    parser.add_argument("--queries-only", action="store_true",
                        help="Search the indexes an earlier run built under --data.")  # fmt: skip
    args = parser.parse_args(argv)
    out = args.out or RESULTS / f"sharded-{dt.date.today().isoformat()}"
    result = run(args.size, args.shards, args.workers, args.data, args.rounds,
                 queries_only=args.queries_only)  # fmt: skip
    out.mkdir(parents=True, exist_ok=True)
    (out / "sharded.json").write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
    (out / "sharded.md").write_text(markdown(result), encoding="utf-8")
    print(markdown(result))
    return 0


if __name__ == "__main__":
    sys.exit(main())
