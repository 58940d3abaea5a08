"""Timelines, compared queries and near-duplicate groups at archive scale.

Targets (issue "research workflow", at 100,000 articles, warm): a timeline by day p95 at
most 50 ms; a comparison of 5 queries over 120 monthly buckets p95 at most 100 ms;
near-duplicate detection at most 15% of indexing time. Also reported: the first collapsed
query of a generation (it groups near-duplicates once).

Near-duplicate detection at index time is one MinHash sketch per article
(:func:`index.duplicates.sketch`, from the body's words the segment builder already has):
timed alone over the corpus' first articles (best of 3, CPU time), and, when this run
builds the index, set against the CPU time the build took per article (the build's worker
processes included), which gives its share of indexing.

    python3 ../shared/tools/make_corpus.py 100000 --out /work/bench-data/news100k.jsonl
    python -m bench.timeline --corpus /work/bench-data/news100k.jsonl --index-dir /tmp/bench-100k

Builds the index when the folder holds none. Prints one JSON object. Timings are warm:
every query is run once before the timed rounds, as in ``bench.archive``.
"""

from __future__ import annotations

import argparse
import itertools
import json
import resource
import statistics
import time
from pathlib import Path

import search
from index.duplicates import WordHashes, sketch
from index.store.sketches import TOKEN_PATTERN

SKETCHED_ARTICLES = 5_000

QUERIES = ["klimaat", "Rutte", "stikstof OR landbouw", "brexit", "corona OR virus"]
WORDS = ["klimaat", "Rutte", "oorlog", "school", "politie", "Europa", "voetbal", "kabinet",
         "zorg", "economie"]  # fmt: skip


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def timed(call, rounds: int) -> dict:
    seconds = []
    for _ in range(rounds):
        started = time.perf_counter()
        call()
        seconds.append(time.perf_counter() - started)
    return {"p50_ms": round(1000 * statistics.median(seconds), 1),
            "p95_ms": round(1000 * percentile(seconds, 0.95), 1), "rounds": rounds}  # fmt: skip


def cpu_seconds() -> float:
    """CPU time of this process and of its children that ended (the build's workers)."""
    own, children = resource.getrusage(resource.RUSAGE_SELF), \
        resource.getrusage(resource.RUSAGE_CHILDREN)  # fmt: skip
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def sketch_ms_per_article(corpus: Path, articles: int = SKETCHED_ARTICLES) -> float:
    """CPU milliseconds :func:`index.duplicates.sketch` takes per article (best of 3)."""
    with corpus.open(encoding="utf-8") as lines:
        records = [json.loads(line) for line in itertools.islice(lines, articles)]
    words = [TOKEN_PATTERN.findall(r.get("text") or r.get("body") or "") for r in records]
    best = float("inf")
    for _ in range(3):
        hashes = WordHashes()  # a segment builder starts with an empty one too
        started = time.process_time()
        for one in words:
            sketch(one, hashes)
        best = min(best, time.process_time() - started)
    return 1000 * best / len(words)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--corpus", type=Path, required=True)
    parser.add_argument("--index-dir", type=Path, required=True)
    parser.add_argument("--rounds", type=int, default=40)
    options = parser.parse_args(argv)
    report: dict = {}
    build_cpu = None
    if not (options.index_dir / "nieuwszoeker.json").exists():
        started, cpu_before = time.perf_counter(), cpu_seconds()
        search.index_corpus([options.corpus], index_dir=options.index_dir)
        report["index_seconds"] = round(time.perf_counter() - started, 1)
        build_cpu = cpu_seconds() - cpu_before
    with search.Engine.open(options.index_dir) as engine:
        report["articles"] = engine.stats().documents
        sketching = {"sketch_ms_per_article": round(sketch_ms_per_article(options.corpus), 3)}
        if build_cpu is not None:
            per_article = 1000 * build_cpu / report["articles"]
            sketching["index_cpu_ms_per_article"] = round(per_article, 2)
            sketching["share_of_indexing"] = round(sketching["sketch_ms_per_article"]
                                                   / per_article, 4)  # fmt: skip
        report["near_duplicates"] = sketching
        started = time.perf_counter()
        engine.search("klimaat", collapse=True, facets=0)
        report["first_collapsed_query_ms"] = round(1000 * (time.perf_counter() - started), 1)
        engine.search("", timeline="day", facets=0)  # warm: the per-interval totals
        engine.compare(QUERIES, interval="month")
        for word in WORDS:  # warm, as bench.archive's warm-up round: a word's first query
            engine.search(word, facets=0, limit=10)  # decodes its postings (50-100 ms)
        words = iter(WORDS * options.rounds)
        report["timeline_day"] = timed(
            lambda: engine.search(next(words), timeline="day", facets=0, limit=10),
            options.rounds)  # fmt: skip
        report["search_same_words"] = timed(
            lambda: engine.search(next(words), facets=0, limit=10), options.rounds)
        comparison = engine.compare(QUERIES, interval="month")
        report["compare_buckets"] = len(comparison.timelines[0].buckets)
        report["compare_5_monthly"] = timed(
            lambda: engine.compare(QUERIES, interval="month"), options.rounds)
        report["collapsed_search"] = timed(
            lambda: engine.search(next(words), collapse=True, facets=0), options.rounds)
    print(json.dumps(report, indent=1))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
