"""Research exports at archive scale: `search export` to CSV and JSON Lines, and concordances.

Builds (or reuses) a corpus with ../shared/tools/make_corpus.py and its index, then runs
each measurement in a fresh child process: every matching article of a query written to
a file on disk through ``Engine.export`` and the CSV/JSONL writers the CLI uses, with the
process's RSS sampled every 5 ms (peak minus the RSS just before the export started:
what the export itself holds). Queries of very different sizes show whether memory
stays flat as the number of hits grows. Concordances (``Engine.kwic``) are timed too, and
``--compare DIR`` times the ordinary search path (the 34 queries of ``bench.archive``,
top 10 with facets, warm) with the code in DIR against this checkout, alternating.

    python -m bench.research --articles 100000
    python -m bench.research --articles 20000 --compare /tmp/base-checkout

Needs the ``bench`` extra (psutil) and ../shared. Results: bench/results/research.md
and research.json.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import statistics
import subprocess
import sys
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
MAKE_CORPUS = ROOT.parent / "shared" / "tools" / "make_corpus.py"
RESULTS = ROOT / "bench" / "results"
# (label, query text, engine options): from every article down to a few hundred.
EXPORTS = [
    ("every article", "", {}),
    ("politie", "politie", {}),
    ("klimaat, 2019", "klimaat", {"since": "2019-01", "until": "2019-12"}),
    ('"Tweede Kamer"', '"Tweede Kamer"', {}),
]
FIELD_SETS = {"default": None, "with text": "id,date,title,url,person,place,org,text"}
KWIC_QUERIES = ["stikstof", '"Tweede Kamer"', "klimaat*"]


# -- children ------------------------------------------------------------------------------


class PeakMemory:
    """The process's peak RSS, sampled in a thread, above a baseline taken at start()."""

    def __init__(self, interval: float = 0.005) -> None:
        import psutil

        self._process = psutil.Process()
        self.interval = interval
        self.baseline = self.peak = 0
        self._stop = threading.Event()

    def start(self) -> None:
        self.baseline = self.peak = self._process.memory_info().rss
        self._thread = threading.Thread(target=self._sample, daemon=True)
        self._thread.start()

    def _sample(self) -> None:
        while not self._stop.wait(self.interval):
            self.peak = max(self.peak, self._process.memory_info().rss)

    def stop(self) -> None:
        self._stop.set()
        self._thread.join()
        self.peak = max(self.peak, self._process.memory_info().rss)


def child_export(index_dir: str, text: str, options: dict, fields: str | None, file_format: str,
                 out: str) -> dict:  # fmt: skip
    import search
    from search.export import csv_text, jsonl_text

    with search.Engine.open(index_dir) as engine:
        engine.warm()
        engine.search("", limit=1, facets=0, suggest=False)
        memory = PeakMemory()
        memory.start()
        started, cpu = time.perf_counter(), time.process_time()
        with engine.export(text, fields=fields, **options) as rows:
            found = time.perf_counter()
            if file_format == "csv":
                pieces = csv_text(rows.rows(), rows.fields)
            else:
                pieces = jsonl_text(rows)
            with open(out, "w", encoding="utf-8", newline="") as handle:
                handle.writelines(pieces)
            total = rows.total
        seconds = time.perf_counter() - started
        cpu = time.process_time() - cpu
        memory.stop()
        loop_ms = calibration_ms()
    return {"calibration_ms": loop_ms, "hits": total, "seconds": seconds,
            "find_seconds": found - started,
            "hits_per_second": total / seconds if seconds else None, "cpu_seconds": cpu,
            "hits_per_cpu_second": total / cpu if cpu else None,
            "bytes": os.path.getsize(out), "rss_before_mb": memory.baseline / 1e6,
            "rss_growth_mb": (memory.peak - memory.baseline) / 1e6}  # fmt: skip


def calibration_ms() -> float:
    """Best of five wall times of a fixed pure-Python loop: 15-25 ms on an idle machine of
    2020s vintage; more shows how much of a core this process got while measuring."""
    timings = []
    for _ in range(5):
        started = time.perf_counter()
        sum(range(1_000_000))
        timings.append((time.perf_counter() - started) * 1000)
    return min(timings)


def child_kwic(index_dir: str, queries: list[str]) -> dict:
    import search

    found = {}
    with search.Engine.open(index_dir) as engine:
        engine.warm()
        for text in queries:
            started = time.perf_counter()
            result = engine.kwic(text, sort="right")
            seconds = time.perf_counter() - started
            found[text] = {"articles": result.articles, "lines": len(result.lines),
                           "seconds": seconds}  # fmt: skip
    return found


def child_search(index_dir: str, rounds: int) -> dict:
    import search
    from bench.archive import QUERIES

    timings = []
    with search.Engine.open(index_dir) as engine:
        engine.warm()
        for _, text, options in QUERIES:  # warm-up
            engine.search(text, limit=10, facets=10, **options)
        for _ in range(rounds):
            for _, text, options in QUERIES:
                started = time.perf_counter()
                engine.search(text, limit=10, facets=10, **options)
                timings.append((time.perf_counter() - started) * 1000)
    timings.sort()
    return {"p50_ms": statistics.median(timings),
            "p95_ms": timings[int(0.95 * (len(timings) - 1))], "queries": len(timings)}  # fmt: skip


# -- the parent ----------------------------------------------------------------------------


def run_child(args: list[str], *, code: Path = ROOT) -> dict:
    env = {**os.environ, "PYTHONPATH": f"{code}{os.pathsep}{ROOT}"}
    result = subprocess.run([sys.executable, "-m", "bench.research", "--child", *args],
                            capture_output=True, text=True, env=env, cwd=code,
                            check=False)  # fmt: skip
    if result.returncode != 0:
        raise SystemExit(f"child {args[:2]} failed:\n{result.stderr}")
    return json.loads(result.stdout.strip().splitlines()[-1])


def corpus_and_index(articles: int, data: Path) -> tuple[Path, Path]:
    data.mkdir(parents=True, exist_ok=True)
    corpus = data / f"news{articles}.jsonl"
    if not corpus.exists():
        subprocess.run([sys.executable, str(MAKE_CORPUS), str(articles), "--out", str(corpus)],
                       check=True)  # fmt: skip
    index_dir = data / f"index{articles}"
    if not (index_dir / "nieuwszoeker.json").exists():
        import search

        started = time.perf_counter()
        search.index_corpus([corpus], index_dir=index_dir)
        print(f"indexed {articles:,} articles in {time.perf_counter() - started:.0f} s",
              file=sys.stderr)  # fmt: skip
    return corpus, index_dir


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", type=int, default=100_000)
    parser.add_argument("--data", type=Path, default=Path("/tmp/nieuwszoeker-bench"),
                        help="Where corpora and indexes are built and kept.")  # fmt: skip
    parser.add_argument("--index", type=Path, help="Use this index instead of building one.")
    parser.add_argument("--compare", type=Path, help="Another checkout to time searches with.")
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--parts", default="export,kwic,search",
                        help="Which measurements: export, kwic, search (with --compare).")
    parser.add_argument("--pairs", type=int, default=2,
                        help="Alternating pairs of search runs with --compare.")
    parser.add_argument("--child", nargs=argparse.REMAINDER, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child:
        kind, *rest = args.child
        if kind == "export":
            index_dir, text, options, fields, file_format, out = rest
            result = child_export(index_dir, text, json.loads(options), fields or None,
                                  file_format, out)  # fmt: skip
        elif kind == "kwic":
            result = child_kwic(rest[0], json.loads(rest[1]))
        else:
            result = child_search(rest[0], int(rest[1]))
        print(json.dumps(result))
        return 0
    index_dir = args.index or corpus_and_index(args.articles, args.data)[1]
    run = {"articles": args.articles, "index": str(index_dir), "machine": platform.node(),
           "cpus": os.cpu_count(), "load_before": os.getloadavg()[0],
           "date": time.strftime("%Y-%m-%d %H:%M"), "exports": [], "kwic": {},
           "search": {}}  # fmt: skip
    parts = set(args.parts.split(","))
    out = args.data / "export.out"
    for label, text, options in EXPORTS if "export" in parts else ():
        for fields_label, fields in FIELD_SETS.items():
            for file_format in ("csv", "jsonl") if fields_label == "default" else ("csv",):
                row = run_child(["export", str(index_dir), text, json.dumps(options),
                                 fields or "", file_format, str(out)])  # fmt: skip
                row.update(query=label, fields=fields_label, format=file_format)
                run["exports"].append(row)
                print(f"{label:<16} {fields_label:<10} {file_format:<5} {row['hits']:>7,} hits "
                      f"{row['hits_per_second']:>9,.0f}/s {row['hits_per_cpu_second']:>9,.0f}"
                      f"/CPU-s +{row['rss_growth_mb']:.1f} MB, loop {row['calibration_ms']:.0f}"
                      " ms", file=sys.stderr)  # fmt: skip
    out.unlink(missing_ok=True)
    if "kwic" in parts:
        run["kwic"] = run_child(["kwic", str(index_dir), json.dumps(KWIC_QUERIES)])
    if args.compare and "search" in parts:
        for name, code in (("this", ROOT), ("compare", args.compare)) * args.pairs:
            found = run_child(["search", str(index_dir), str(args.rounds)], code=code)
            run["search"].setdefault(name, []).append(found)
            print(f"search {name}: p50 {found['p50_ms']:.1f} ms, p95 {found['p95_ms']:.1f} ms",
                  file=sys.stderr)  # fmt: skip
    run["load_after"] = os.getloadavg()[0]
    RESULTS.mkdir(parents=True, exist_ok=True)
    name = "research" if parts == {"export", "kwic", "search"} else "research-" + "-".join(
        sorted(parts))  # fmt: skip
    (RESULTS / f"{name}.json").write_text(json.dumps(run, indent=2) + "\n", "utf-8")
    (RESULTS / f"{name}.md").write_text(markdown(run), "utf-8")
    print(markdown(run))
    return 0


def markdown(run: dict) -> str:
    lines = [f"# Research exports at {run['articles']:,} articles", "",
             f"{run['date']}, {run['cpus']} CPUs, load average {run['load_before']:.1f} before "
             f"and {run['load_after']:.1f} after (shared machine). One run each, a fresh "
             "process per export, written to a file on disk.", "",
             "`loop ms` is a fixed pure-Python loop timed in the same process right after "
             "the export (15-25 ms on an idle machine): how much of a core it got.", "",
             "| query | fields | format | hits | seconds | hits/s | hits/CPU-s | MB written "
             "| RSS growth MB | loop ms |",
             "| --- | --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |"]  # fmt: skip
    for row in run["exports"]:
        lines.append(f"| {row['query']} | {row['fields']} | {row['format']} | {row['hits']:,} "
                     f"| {row['seconds']:.2f} | {row['hits_per_second']:,.0f} "
                     f"| {row['hits_per_cpu_second']:,.0f} | {row['bytes'] / 1e6:.1f} "
                     f"| {row['rss_growth_mb']:.1f} | {row['calibration_ms']:.0f} |")  # fmt: skip
    if run["kwic"]:
        lines += ["", "Concordances (`Engine.kwic`, sorted by the right word, every line):", "",
                  "| query | articles | lines | seconds |", "| --- | ---: | ---: | ---: |"]
    for text, row in run["kwic"].items():
        lines.append(f"| `{text}` | {row['articles']:,} | {row['lines']:,} "
                     f"| {row['seconds']:.2f} |")  # fmt: skip
    if run["search"]:
        lines += ["", "Search, top 10 with facets, warm (34 queries x rounds), alternating:", "",
                  "| code | p50 ms | p95 ms |", "| --- | ---: | ---: |"]
        for name, found in run["search"].items():
            for row in found:
                lines.append(f"| {name} | {row['p50_ms']:.1f} | {row['p95_ms']:.1f} |")
    return "\n".join(lines) + "\n"


if __name__ == "__main__":
    sys.exit(main())
