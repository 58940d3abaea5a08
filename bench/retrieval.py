"""Known-item retrieval benchmark: each article's title finds its own body.

Only the bodies of ``../shared/data/dpgmedia2019/*-all.jsonl`` are indexed (duplicates
dropped); each title with at least three content words is an OR query of its analysed
terms, ranked by Whoosh BM25F. Reports MRR@10 and success@1/@10 for every analyser
variant, and a paired bootstrap 95% interval for the relative MRR@10 gain of the shipped
analyser over the best plain Snowball baseline.

    python -m bench.retrieval                 # the full table (about a minute)
    python -m bench.retrieval --only shipped dutch_porter
"""

from __future__ import annotations

import argparse
import glob
import json
import random
import sys
import tempfile
import time
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path

from whoosh import fields, query, scoring
from whoosh.filedb.filestore import FileStorage

from index.analysis import DutchAnalyzer

DATA = Path(__file__).resolve().parents[1].parent / "shared" / "data" / "dpgmedia2019"
MIN_CONTENT_WORDS = 3
CUTOFF = 10

# name -> (row label, analyser settings). "Plain" rows are the baselines of issue 4.
VARIANTS: dict[str, tuple[str, dict]] = {
    "raw": ("no stemming, no folding, no stop words",
            {"stem": False, "fold": False, "stopwords": False, "compounds": False}),
    "none": ("no stemming (folding, stop words)", {"stem": False, "compounds": False}),
    "none_compounds": ("no stemming + compounds (folding, stop words)", {"stem": False}),
    "dutch_porter_plain": ("plain dutch_porter (folding)",
                           {"stemmer": "dutch_porter", "stopwords": False,
                            "overrides": False, "compounds": False}),
    "dutch_plain": ("plain dutch (folding)",
                    {"stemmer": "dutch", "stopwords": False, "overrides": False,
                     "compounds": False}),
    "dutch_porter": ("dutch_porter (folding, stop words)",
                     {"stemmer": "dutch_porter", "overrides": False, "compounds": False}),
    "dutch": ("dutch (folding, stop words)",
              {"stemmer": "dutch", "overrides": False, "compounds": False}),
    "dutch_overrides": ("dutch + overrides (no compounds)",
                        {"stemmer": "dutch", "compounds": False}),
    "ours_nofold": ("ours without accent folding", {"fold": False}),
    "ours_nostops": ("ours without stop words", {"stopwords": False}),
    "ours_nooverrides": ("ours without overrides", {"overrides": False}),
    "ours_nocompounds": ("ours without compound splitting", {"compounds": False}),
    "shipped": ("**shipped analyser** (all steps)", {}),
}  # fmt: skip
BASELINES = ("dutch_porter_plain", "dutch_plain", "dutch_porter", "dutch")


class DataMissing(Exception):
    """The benchmark's corpus is not there."""


@dataclass(frozen=True)
class Task:
    """Bodies to index and title queries, each query naming its one relevant body."""

    bodies: dict[str, str]
    queries: list[tuple[str, str]]


def load_task(data: Path = DATA) -> Task:
    """Read the articles; drop empty and duplicate bodies and titles of < 3 content words."""
    files = sorted(glob.glob(str(data / "*-all.jsonl")))
    if not files:
        raise DataMissing(f"no *-all.jsonl under {data}: the benchmark needs ../shared/data")
    counter = DutchAnalyzer(stem=False)
    bodies: dict[str, str] = {}
    seen: set[str] = set()
    queries = []
    for name in files:
        with open(name, encoding="utf-8") as handle:
            for line in handle:
                record = json.loads(line)
                body, title = record["text"].strip(), (record["title"] or "").strip()
                if not body or body in seen:
                    continue
                seen.add(body)
                key = str(record["id"])
                bodies[key] = body
                if len(counter.terms(title, mode="query")) >= MIN_CONTENT_WORDS:
                    queries.append((key, title))
    return Task(bodies, queries)


def reciprocal_ranks(analyzer: DutchAnalyzer, task: Task) -> tuple[list[float], float]:
    """Index the bodies with ``analyzer``; the reciprocal rank (0 past 10) of each query."""
    schema = fields.Schema(id=fields.ID(stored=True), body=fields.TEXT(analyzer=analyzer))
    with tempfile.TemporaryDirectory(prefix="bench-retrieval-") as folder:
        # A folder of our own: RamStorage's shared temp folder breaks parallel runs.
        index = FileStorage(folder).create_index(schema)
        started = time.perf_counter()
        with index.writer() as writer:
            for key, body in task.bodies.items():
                writer.add_document(id=key, body=body)
        seconds = time.perf_counter() - started
        return _search(index, analyzer, task), seconds


def _search(index, analyzer: DutchAnalyzer, task: Task) -> list[float]:
    ranks = []
    with index.searcher(weighting=scoring.BM25F()) as searcher:
        for key, title in task.queries:
            terms = dict.fromkeys(analyzer.terms(title, mode="query"))
            found = searcher.search(query.Or([query.Term("body", t) for t in terms]),
                                    limit=CUTOFF)  # fmt: skip
            ids = [hit["id"] for hit in found]
            ranks.append(1.0 / (ids.index(key) + 1) if key in ids else 0.0)
    return ranks


def summary(ranks: list[float]) -> dict[str, float]:
    """MRR@10, success@1 and success@10 of a list of reciprocal ranks."""
    n = len(ranks)
    return {"mrr": sum(ranks) / n, "s1": sum(r == 1.0 for r in ranks) / n,
            "s10": sum(r > 0 for r in ranks) / n}  # fmt: skip


def paired_bootstrap(ours: list[float], base: list[float], *, samples: int = 10_000,
                     seed: int = 4) -> tuple[float, float, float]:  # fmt: skip
    """Relative MRR gain of ``ours`` over ``base`` and its 95% paired bootstrap interval."""
    rng = random.Random(seed)
    n = len(ours)
    pairs = list(zip(ours, base, strict=True))
    gains = []
    for _ in range(samples):
        a = b = 0.0
        for i in rng.choices(range(n), k=n):
            a += pairs[i][0]
            b += pairs[i][1]
        gains.append(a / b - 1.0 if b else 0.0)
    gains.sort()
    point = sum(ours) / sum(base) - 1.0
    return point, gains[int(0.025 * samples)], gains[int(0.975 * samples) - 1]


def _run(args: tuple[str, Task]) -> tuple[str, list[float], float]:
    name, task = args
    ranks, seconds = reciprocal_ranks(DutchAnalyzer(**VARIANTS[name][1]), task)
    return name, ranks, seconds


def run(names: list[str], task: Task, *, workers: int = 2) -> dict[str, tuple[list[float], float]]:
    """Reciprocal ranks and indexing seconds of each named variant."""
    with ProcessPoolExecutor(max_workers=workers) as pool:
        results = pool.map(_run, [(name, task) for name in names])
        return {name: (ranks, seconds) for name, ranks, seconds in results}


def report(results: dict[str, tuple[list[float], float]], task: Task) -> str:
    """The Markdown table, then the bootstrap line when the baselines and ours are there."""
    lines = [f"{len(task.queries):,} title queries over {len(task.bodies):,} bodies "
             "(Whoosh BM25F, OR queries)", "",
             "| analyser | MRR@10 | success@1 | success@10 | index s |",
             "| --- | ---: | ---: | ---: | ---: |"]  # fmt: skip
    for name, (ranks, seconds) in results.items():
        s = summary(ranks)
        lines.append(f"| {VARIANTS[name][0]} | {s['mrr']:.3f} | {s['s1']:.3f} | "
                     f"{s['s10']:.3f} | {seconds:.1f} |")  # fmt: skip
    baselines = [b for b in BASELINES if b in results]
    if "shipped" in results and baselines:
        best = max(baselines, key=lambda b: sum(results[b][0]))
        point, low, high = paired_bootstrap(results["shipped"][0], results[best][0])
        lines += ["", f"Shipped vs best baseline ({VARIANTS[best][0]}): MRR@10 "
                  f"{point:+.1%} relative, paired bootstrap 95% interval "
                  f"[{low:+.1%}, {high:+.1%}] (10,000 resamples of the queries)."]  # fmt: skip
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--only", nargs="*", choices=list(VARIANTS), help="variants to run")
    parser.add_argument("--workers", type=int, default=2)
    options = parser.parse_args(argv)
    try:
        task = load_task()
    except DataMissing as error:
        print(f"Error: {error}", file=sys.stderr)
        return 1
    names = options.only or list(VARIANTS)
    print(report(run(names, task, workers=options.workers), task))
    return 0


if __name__ == "__main__":
    sys.exit(main())
