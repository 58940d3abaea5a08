""""Did you mean" latency: what a suggestion adds to ``Engine.search``, per kind of query.

On the index of the real articles that ``python -m bench.suggestions --sets`` builds, times
over the queries of one half of :mod:`bench.suggestion_sets` (warm: every query once, then
``--repeats`` rounds; milliseconds, p50 and p95):

* ``Engine.suggest`` on the correctly spelled queries and on the misspelt ones;
* ``Engine.search`` as users run it (10 hits, 10 names per facet) with and without the
  suggestion, over all of them.

Only the public API and the set builder are used, so the same file times an older commit
(``PYTHONPATH=<its checkout> python bench/suggestion_latency.py``). Prints a Markdown table;
the machine's load moves these figures, so compare runs made one after the other.

    python -m bench.suggestion_latency --half dev
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

import search
from bench.suggestion_sets import build_sets
from search.suggest import word_frequencies

INDEX = Path("/work/bench-data/suggest-real")


def _timings(call, queries: list[str], repeats: int) -> list[float]:
    for text in queries:
        call(text)
    found = []
    for _ in range(repeats):
        for text in queries:
            start = time.perf_counter()
            call(text)
            found.append((time.perf_counter() - start) * 1000)
    return sorted(found)


def _row(label: str, timings: list[float]) -> str:
    p95 = timings[int(0.95 * (len(timings) - 1))]
    return f"| {label} | {len(timings)} | {statistics.median(timings):.2f} | {p95:.2f} |"


def measure(index_dir: Path, *, half: str, repeats: int) -> str:
    with search.Engine.open(index_dir) as engine:
        searcher, _ = engine._searcher()
        rows = [r for r in build_sets(engine, word_frequencies(searcher.reader()))
                if r.half == half]  # fmt: skip
        correct = [r.query for r in rows if r.intended is None]
        misspelt = [r.query for r in rows if r.intended is not None]
        everything = correct + misspelt
        engine.suggest(misspelt[0])  # the vocabulary and the name tables, once
        lines = ["| call | calls | p50 ms | p95 ms |", "| --- | ---: | ---: | ---: |"]
        lines.append(_row("suggest, correct queries", _timings(engine.suggest, correct, repeats)))
        lines.append(_row("suggest, misspelt queries",
                          _timings(engine.suggest, misspelt, repeats)))  # fmt: skip
        lines.append(_row("search, no suggestion",
                          _timings(lambda t: engine.search(t, suggest=False), everything,
                                   repeats)))  # fmt: skip
        lines.append(_row("search with suggestion",
                          _timings(lambda t: engine.search(t), everything, repeats)))  # fmt: skip
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--real-index", type=Path, default=INDEX)
    parser.add_argument("--half", choices=("dev", "test"), default="dev")
    parser.add_argument("--repeats", type=int, default=3)
    args = parser.parse_args(argv)
    try:
        search.Engine.open(args.real_index).close()
    except search.IndexNotFoundError:
        print(f"skipped: no index at {args.real_index} (python -m bench.suggestions --sets "
              "builds it)", file=sys.stderr)  # fmt: skip
        return 0
    print(measure(args.real_index, half=args.half, repeats=args.repeats))
    return 0


if __name__ == "__main__":
    sys.exit(main())
