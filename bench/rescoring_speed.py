"""What rescoring costs a query: each query run with rescoring on and off in turn, in one
process on one index, so a busy machine slows both alike (the thread's CPU time is
shown too: a loaded machine inflates it less than the wall-clock).

The queries are the 34 of :mod:`bench.archive` (top-10, no facets, as it times them) and a
few longer ``OR`` and ``AND`` queries, the ones rescoring has most words to pair in. Each
round runs every query twice, on then off or off then on (alternating by round and
query), after one unmeasured round; "off" is :func:`search.ranking.rank` with
``rescore=False``, what the engine ran before rescoring.

    python -m bench.rescoring_speed --index INDEX_DIR
    python -m bench.rescoring_speed --index INDEX_DIR --dump hits.json     # the hits too
    python -m bench.rescoring_speed --index INDEX_DIR --compare hits.json  # same hits?

Run as a file with ``PYTHONPATH`` set to another checkout, it times that checkout's code
(``PYTHONPATH=../main python bench/rescoring_speed.py ...``). ``--dump`` writes every
query's best 100 (the whole rescored pool) with their scores, on and off; ``--compare``
checks them against such a file, score for score.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import statistics
import sys
import time
from pathlib import Path

from bench.archive import QUERIES

# The longer queries: where rescoring pairs most words (and cost most).
LONG_QUERIES = [
    ("or", "klimaat OR scholieren OR staking OR Thunberg", {}),
    ("or", "politie OR brandweer OR ongeluk OR snelweg OR ambulance", {}),
    ("or", "minister OR onderwijs OR leraren OR scholen OR salaris OR staking", {}),
    ("or", "rechter OR vonnis OR celstraf OR officier OR justitie", {}),
    ("or", "Venezuela OR stroom OR Maduro OR Guaidó OR sancties OR China", {}),
    ("or", "gemeente OR woningen OR huur OR bouwen", {}),
    ("and", "klimaat scholieren staking", {}),
    ("and", "politie Amsterdam verdachte", {}),
]  # fmt: skip
POOL = 100  # the rescored pool: --dump keeps all of it


@contextlib.contextmanager
def rescoring(on: bool, spent: list[float] | None = None):
    """The engine's ranking with rescoring ``on`` or off, whatever its code passes; the
    thread's CPU seconds inside :func:`search.ranking.rank` are added to ``spent[0]``."""
    import search.engine

    original = search.engine.rank

    def rank(*args, **kwargs):
        kwargs["rescore"] = on
        started = time.thread_time()
        try:
            return original(*args, **kwargs)
        finally:
            if spent is not None:
                spent[0] += time.thread_time() - started

    search.engine.rank = rank
    try:
        yield
    finally:
        search.engine.rank = original


CLOCKS = {"wall": "wall-clock", "cpu": "the thread's CPU time",
          "rank": "the thread's CPU time in search.ranking.rank alone"}  # fmt: skip


def timings(engine, queries, rounds: int) -> dict[str, dict[str, list[list[float]]]]:
    """Milliseconds of each query per round by each of :data:`CLOCKS`:
    ``{"wall": {"on": [...], "off": [...]}, ...}`` (one list per query), after one
    unmeasured round of both. Rescoring changes the page, so the hits' snippets cost
    differently too; ``rank`` leaves them out."""
    found = {clock: {"on": [[] for _ in queries], "off": [[] for _ in queries]}
             for clock in CLOCKS}  # fmt: skip
    for number in range(rounds + 1):
        for place, (_, text, options) in enumerate(queries):
            order = (True, False) if (number + place) % 2 == 0 else (False, True)
            for on in order:
                spent = [0.0]
                with rescoring(on, spent):
                    wall, cpu = time.perf_counter(), time.thread_time()
                    engine.search(text, facets=0, suggest=False, **options)
                    wall, cpu = time.perf_counter() - wall, time.thread_time() - cpu
                if number:
                    side = "on" if on else "off"
                    for clock, seconds in (("wall", wall), ("cpu", cpu), ("rank", spent[0])):
                        found[clock][side][place].append(seconds * 1000)
    return found


def percentile(values: list[float], pct: float) -> float:
    """As :func:`bench.archive._percentile` (the nearest rank)."""
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(pct / 100 * (len(ordered) - 1))))]


def summary(times: list[float]) -> dict[str, float]:
    return {"p50": percentile(times, 50), "p95": percentile(times, 95),
            "mean": statistics.fmean(times)}  # fmt: skip


def table(groups: dict[str, tuple[list, dict]]) -> list[str]:
    """A Markdown table: per group of queries, off and on p50 / p95 / mean and the change."""
    lines = ["| queries | off p50 / p95 / mean ms | on p50 / p95 / mean ms | change |",
             "| --- | ---: | ---: | ---: |"]  # fmt: skip
    for name, (chosen, found) in groups.items():
        off = summary([t for place in chosen for t in found["off"][place]])
        on = summary([t for place in chosen for t in found["on"][place]])
        change = " / ".join(f"{on[k] / off[k] - 1:+.1%}" for k in ("p50", "p95", "mean"))
        lines.append(f"| {name} ({len(chosen)}) | "
                     + " / ".join(f"{off[k]:.2f}" for k in ("p50", "p95", "mean")) + " | "
                     + " / ".join(f"{on[k]:.2f}" for k in ("p50", "p95", "mean"))
                     + f" | {change} |")  # fmt: skip
    return lines


def hits(engine, queries) -> dict[str, dict[str, list]]:
    """Each query's best :data:`POOL` ``[id, score]``, rescoring on and off."""
    found = {}
    for kind, text, options in queries:
        key = f"{kind}:{text}:{json.dumps(options, sort_keys=True)}"
        found[key] = {}
        for on in (True, False):
            with rescoring(on):
                results = engine.search(text, limit=POOL, facets=0, suggest=False, **options)
            found[key]["on" if on else "off"] = [[hit.id, hit.score] for hit in results.hits]
    return found


def compared(mine: dict, theirs: dict) -> list[str]:
    """Where two :func:`hits` differ: the ids in another order, or a score."""
    lines = []
    for key in sorted(set(mine) | set(theirs)):
        for side in ("on", "off"):
            a, b = mine.get(key, {}).get(side), theirs.get(key, {}).get(side)
            if a is None or b is None:
                lines.append(f"{key} {side}: only in one")
            elif [i for i, _ in a] != [i for i, _ in b]:
                lines.append(f"{key} {side}: another order")
            elif a != b:
                worst = max(abs(x - y) for (_, x), (_, y) in zip(a, b, strict=True))
                lines.append(f"{key} {side}: scores differ by up to {worst:.3g}")
    return lines


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--index", type=Path, required=True, help="an index folder")
    parser.add_argument("--rounds", type=int, default=40)
    parser.add_argument("--dump", type=Path, help="write every query's best 100 here")
    parser.add_argument("--compare", type=Path, help="check the best 100 against this dump")
    options = parser.parse_args(argv)
    import search

    queries = QUERIES + LONG_QUERIES
    with search.Engine.open(options.index) as engine:
        if options.dump or options.compare:
            found = hits(engine, queries)
            if options.dump:
                options.dump.write_text(json.dumps(found, ensure_ascii=False, indent=0))
            if options.compare:
                differences = compared(found, json.loads(options.compare.read_text()))
                print("\n".join(differences) or f"same hits and scores: {len(found)} queries")
                if differences:
                    return 1
            return 0
        found = timings(engine, queries, options.rounds)
    archive = range(len(QUERIES))
    rescored = [n for n, (kind, _, _) in enumerate(QUERIES) if kind == "and"]
    long = range(len(QUERIES), len(queries))
    groups = {"bench.archive": archive, "its two-word AND": rescored,
              "4-6 word OR, 3 word AND": long,
              "4-6 word OR": [n for n in long if queries[n][0] == "or"]}  # fmt: skip
    print(f"{search.__file__}: {options.rounds} rounds, top-10")
    for clock, name in CLOCKS.items():
        print(f"\n{name}:\n")
        print("\n".join(table({group: (chosen, found[clock])
                               for group, chosen in groups.items()})))  # fmt: skip
    return 0


if __name__ == "__main__":
    sys.exit(main())
