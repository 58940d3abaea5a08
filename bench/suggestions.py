""""Did you mean" benchmark: accuracy@1 on hand-written misspellings, and latency.

Indexes the real articles of ``../shared/data`` (DPG Media 2019 and greta-nl-news) plus the
bundled seed corpus into a work folder outside the repository, keeps the misspellings of
``tests/data/misspellings.tsv`` whose intended words that index knows, and asks
``Engine.suggest`` for each. A suggestion is right when it equals the intended query,
compared case- and accent-insensitively; no suggestion is wrong. Correct queries (the
intended ones) are asked too: any suggestion for them is a false alarm.

Latency is timed on that index and on a 100,000-article index (``--big``; by default the
first index of 90,000 or more articles found under ``/work/bench-data``), warm: each query
once to warm the caches, then timed over ``--repeats`` rounds. The first call (which loads
the vocabulary) is reported on its own.

    python -m bench.suggestions
    python -m bench.suggestions --big /work/bench-data/suggest100k --failures

``--sets`` instead asks ``Engine.search`` (what users run: the suggestion comes only when
the engine decides to ask for one) for the generated misspelling sets of
:mod:`bench.suggestion_sets`, on an index of the real articles only, for one half
(``--half dev``, the default, or ``test``) and one corrector (``--corrector hand``, ours,
or ``symspell``: symspellpy's lookup in place of our word correction, everything else
the same):

    python -m bench.suggestions --sets --half dev --failures
    python -m bench.suggestions --sets --half test --corrector symspell

Prints a Markdown table and writes ``bench/results/suggestions.json`` (numbers only: no
text from the shared data).
"""

from __future__ import annotations

import argparse
import json
import math
import re
import statistics
import sys
import time
from pathlib import Path

from whoosh.index import open_dir

import search
import search.generation
from bench.suggestion_sets import SEED, Row, build_sets, comparable, half_of, read_pairs
from corpus import SAMPLE_CORPUS
from index.dutch.tokens import fold_accents, normalise
from search.suggest import ALTERNATIVES, Vocabulary, word_frequencies

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared" / "data"
SOURCES = (
    SHARED / "dpgmedia2019" / "dpgMedia2019-articles-byarticle-all.jsonl",
    SHARED / "greta-nl-news" / "nl_greta_overview.tsv",
)
MISSPELLINGS = ROOT / "tests" / "data" / "misspellings.tsv"
WORK = Path("/work/bench-data")
RESULTS = ROOT / "bench" / "results" / "suggestions.json"
BIG_MINIMUM = 90_000
_FIELD_PART = re.compile(r"\b\w+:(?:\"[^\"]*\"|\[[^\]]*\]|\S+)")
_WORD = re.compile(r"[^\W\d_][\w'’\-]*")
_OPERATORS = frozenset({"AND", "OR", "NOT", "ANDNOT", "ANDMAYBE", "TO"})


class DataMissing(Exception):
    """The benchmark's corpus is not there."""


def load_misspellings(path: Path = MISSPELLINGS) -> list[tuple[str, str]]:
    """``[(misspelling, intended), ...]`` from the TSV (``#`` lines are comments)."""
    return read_pairs(path)


def query_words(text: str) -> list[str]:
    """The plain words of a query (field filters and operators left out), normalised."""
    words = _WORD.findall(_FIELD_PART.sub(" ", text))
    return [normalise(w) for w in words if w not in _OPERATORS]


def same_query(a: str | None, b: str) -> bool:
    """Equal up to case, accents and runs of spaces."""
    if a is None:
        return False
    return _comparable(a) == _comparable(b)


def _comparable(text: str) -> str:
    return " ".join(fold_accents(text).lower().split())


def ensure_index(index_dir: Path, *, rebuild: bool = False) -> Path:
    """The benchmark index over the shared articles and the seed corpus (built if absent)."""
    missing = [str(p) for p in SOURCES if not p.exists()]
    if missing:
        raise DataMissing(f"needs {', '.join(missing)} (../shared/data is not beside the project)")
    if not rebuild and (index_dir / "nieuwszoeker.json").exists():
        try:
            search.Engine.open(index_dir).close()
        except search.IndexVersionError:
            rebuild = True
    else:
        rebuild = True
    if rebuild:
        print(f"building {index_dir} ...", file=sys.stderr)
        search.index_corpus([*SOURCES, SAMPLE_CORPUS], index_dir=index_dir, rebuild=True)
    return index_dir


def find_big_index(work: Path = WORK) -> Path | None:
    """An index of at least 90,000 articles under ``work`` (a finished one), or None."""
    for meta in sorted(work.glob("*/nieuwszoeker.json")):
        try:
            documents = open_dir(str(meta.parent)).doc_count()
        except Exception:  # noqa: BLE001 - a folder being written or not an index: skip it
            continue
        if documents >= BIG_MINIMUM:
            return meta.parent
    return None


def measure_accuracy(engine: search.Engine, rows: list[tuple[str, str]]) -> dict:
    """accuracy@1 over the rows whose intended words the index knows, and false alarms."""
    vocabulary = word_frequencies(_reader(engine))
    kept, unknown, indexed_typos = [], 0, 0
    for wrong, right in rows:
        if all(vocabulary.get(w, 0) > 0 for w in query_words(right)):
            kept.append((wrong, right))
            if any(vocabulary.get(w, 0) > 0 for w in query_words(wrong)):
                indexed_typos += 1
        else:
            unknown += 1
    failures = []
    for wrong, right in kept:
        suggestion = engine.suggest(wrong)
        if not same_query(suggestion, right):
            failures.append((wrong, right, suggestion))
    intended = sorted({right for _, right in kept})
    alarms = [(right, s) for right in intended if (s := engine.suggest(right)) is not None]
    return {
        "rows": len(rows), "n": len(kept), "intended_not_indexed": unknown,
        "typos_that_are_indexed_words": indexed_typos,
        "correct": len(kept) - len(failures),
        "accuracy_at_1": round((len(kept) - len(failures)) / len(kept), 4) if kept else None,
        "correct_queries": len(intended), "false_alarms": len(alarms),
        "_failures": failures, "_alarms": alarms,
    }  # fmt: skip


def measure_latency(engine: search.Engine, queries: list[str], *, repeats: int) -> dict:
    """First-call, p50 and p95 milliseconds of ``Engine.suggest`` (warm after the first).

    The first call on a freshly opened index reads the vocabulary; later calls reuse it.
    """
    start = time.perf_counter()
    engine.suggest(queries[0])
    first = time.perf_counter() - start
    for text in queries:
        engine.suggest(text)
    timings = []
    for _ in range(repeats):
        for text in queries:
            start = time.perf_counter()
            engine.suggest(text)
            timings.append(time.perf_counter() - start)
    timings.sort()
    reader = _reader(engine)
    return {
        "documents": reader.doc_count(),
        "vocabulary": len(word_frequencies(reader)),
        "calls": len(timings), "first_call_ms": round(first * 1000, 1),
        "p50_ms": round(statistics.median(timings) * 1000, 2),
        "p95_ms": round(timings[int(0.95 * (len(timings) - 1))] * 1000, 2),
        "max_ms": round(timings[-1] * 1000, 2),
    }  # fmt: skip


def run(index_dir: Path, big: Path | None, *, repeats: int, rebuild: bool) -> dict:
    rows = load_misspellings()
    queries = [wrong for wrong, _ in rows]
    result: dict = {"misspellings_file": str(MISSPELLINGS.relative_to(ROOT))}
    with open_suggester(ensure_index(index_dir, rebuild=rebuild)) as engine:
        latency = measure_latency(engine, queries, repeats=repeats)
        result["dpg"] = {**measure_accuracy(engine, rows), **latency}
    if big is not None:
        with open_suggester(big) as engine:
            latency = measure_latency(engine, queries, repeats=repeats)
            result["big"] = {**measure_accuracy(engine, rows), **latency, "index": str(big),
                             "through": type(engine).__name__}  # fmt: skip
    return result


class RawIndex:
    """An index this version's analysis does not match, opened for suggestions only.

    Suggestions read only the index's words, so an index built by a slightly different
    analyser (another engineer's change while the 100k index was building) still times
    ``suggest_query`` fairly. Has the two methods of :class:`search.Engine` used here.
    """

    def __init__(self, folder: Path) -> None:
        self._searcher = open_dir(str(folder)).searcher()
        self._vocabulary: Vocabulary | None = None

    def __enter__(self) -> RawIndex:
        return self

    def __exit__(self, *exc) -> None:
        self._searcher.close()

    def suggest(self, text: str) -> str | None:
        if self._vocabulary is None:  # as the engine does (patched by use_symspell too)
            self._vocabulary = search.generation.vocabulary_of(self._searcher.reader())
        return self._vocabulary.suggest(text)


def open_suggester(folder: Path):
    """``Engine.open(folder)``, or a :class:`RawIndex` when the analysis version differs."""
    try:
        return search.Engine.open(folder)
    except search.IndexVersionError as error:
        print(f"note: {error}; timing suggest_query on the raw index", file=sys.stderr)
        return RawIndex(folder)


def _reader(engine):
    if isinstance(engine, RawIndex):
        return engine._searcher.reader()
    searcher, _ = engine._searcher()
    return searcher.reader()


def report(result: dict) -> str:
    lines = [
        "| index | articles | vocabulary | n | accuracy@1 | false alarms | first call ms "
        "| p50 ms | p95 ms |",
        "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    labels = {"dpg": "DPG 2019 + greta + seeds", "big": "generated 100k"}
    for key, label in labels.items():
        if key not in result:
            continue
        r = result[key]
        lines.append(
            f"| {label} | {r['documents']:,} | {r['vocabulary']:,} | {r['n']} "
            f"| {r['accuracy_at_1']:.3f} ({r['correct']}/{r['n']}) "
            f"| {r['false_alarms']}/{r['correct_queries']} | {r['first_call_ms']} "
            f"| {r['p50_ms']} | {r['p95_ms']} |"
        )
    return "\n".join(lines)


SET_KINDS = ("typo", "names", "context", "phrase")


def ensure_real_index(index_dir: Path) -> Path:
    """An index of the real articles only (no seed corpus), built if absent or outdated."""
    missing = [str(p) for p in SOURCES if not p.exists()]
    if missing:
        raise DataMissing(f"needs {', '.join(missing)} (../shared/data is not beside the project)")
    try:
        search.Engine.open(index_dir).close()
    except (search.IndexNotFoundError, search.IndexVersionError):
        print(f"building {index_dir} ...", file=sys.stderr)
        search.index_corpus(list(SOURCES), index_dir=index_dir, rebuild=True)
    return index_dir


def evaluate_sets(engine: search.Engine, rows, *, half: str) -> dict:
    """Accuracy per set and pooled, and the false-suggestion rate, through ``Engine.search``."""
    counts = {kind: [0, 0] for kind in (*SET_KINDS, "correct")}
    failures = []
    for row in rows:
        if row.half != half:
            continue
        got = engine.search(row.query, limit=1, facets=0).suggestion
        if row.intended is None:
            right = got is None
        else:
            right = got is not None and comparable(got) == comparable(row.intended)
        counts[row.kind][0] += right
        counts[row.kind][1] += 1
        if not right:
            failures.append((row.kind, row.query, row.intended, got))
    misspelt = [counts[kind] for kind in SET_KINDS]
    right, total = sum(c[0] for c in misspelt), sum(c[1] for c in misspelt)
    wrong_alarms = counts["correct"][1] - counts["correct"][0]
    return {
        "half": half,
        "sets": {kind: {"right": r, "n": n} for kind, (r, n) in counts.items()},
        "accuracy": round(right / total, 4) if total else None, "right": right, "n": total,
        "false_suggestions": wrong_alarms, "correct_queries": counts["correct"][1],
        "false_suggestion_rate": round(wrong_alarms / counts["correct"][1], 4)
        if counts["correct"][1] else None,
        "_failures": failures,
    }  # fmt: skip


class SymSpellWords(Vocabulary):
    """symspellpy's lookup over the index's own words and document frequencies in place of
    :meth:`search.suggest.Vocabulary.ranked`: the rest of the suggestion (which words to
    correct, joins, English names of one or more words from the tables of
    :mod:`search.exonyms`, the check of combinations against the index) stays ours."""

    def __init__(self, frequencies: dict[str, int]) -> None:
        from symspellpy import SymSpell

        super().__init__(frequencies)
        self._symspell = SymSpell(max_dictionary_edit_distance=2, prefix_length=7)
        for word, documents in frequencies.items():
            self._symspell.create_dictionary_entry(word, documents)

    def ranked(self, word: str, *, alone: bool = True) -> list[tuple[float, str]]:
        from symspellpy import Verbosity

        key = normalise(word)
        if len(key) < 3 or not key.isalpha():
            return []
        found = self._symspell.lookup(key, Verbosity.CLOSEST, max_edit_distance=2)
        if found and found[0].term == key:  # a word it knows: left alone
            return []
        # symspellpy's order (distance, then count), as scores for the combination check;
        # the Dutch names of an English one (search.exonyms) first, as for ours: they are
        # the pipeline's name tables, not spelling correction
        names = [(-1.0 - 0.01 * math.log(self.documents(name)), name)
                 for name in self._known_exonyms((key,))]  # fmt: skip
        return sorted(names) + [(s.distance - 0.01 * math.log(s.count), s.term)
                                for s in found[:ALTERNATIVES]]  # fmt: skip


def use_symspell() -> None:
    """Make :mod:`search.suggest` correct words with symspellpy (for this process)."""
    import search.generation as generation

    original = generation.vocabulary_of

    def vocabulary(reader):  # the engine keeps one per index generation
        return SymSpellWords(original(reader).frequencies)

    generation.vocabulary_of = vocabulary


def run_sets(index_dir: Path, *, half: str, corrector: str, extra_seeds: int = 0) -> dict:
    with search.Engine.open(ensure_real_index(index_dir)) as engine:
        frequencies = word_frequencies(_reader(engine))
        rows = build_sets(engine, frequencies)
        if extra_seeds:
            rows = [*rows, *more_dev_rows(engine, frequencies, extra_seeds, seen=rows)]
        if corrector == "symspell":
            use_symspell()
        result = evaluate_sets(engine, rows, half=half)
    return {"corrector": corrector, **result}


def more_dev_rows(engine, frequencies, seeds: int, *, seen) -> list[Row]:
    """More development rows for tuning: the sets drawn again with ``seeds`` other seeds,
    keeping only the rows that the official split (:data:`bench.suggestion_sets.SEED`) puts
    in the dev half, so no word of the test half is ever looked at."""
    known = {(row.kind, row.query) for row in seen}
    rows = []
    for seed in range(SEED + 1, SEED + 1 + seeds):
        for row in build_sets(engine, frequencies, seed=seed):
            half = half_of(row.intended or row.query)
            if half == "dev" and (row.kind, row.query) not in known:
                known.add((row.kind, row.query))
                rows.append(Row(row.kind, row.query, row.intended, "dev+"))
    return rows


def report_sets(result: dict) -> str:
    lines = [f"corrector {result['corrector']}, {result['half']} half",
             "| set | right | n | accuracy |", "| --- | ---: | ---: | ---: |"]  # fmt: skip
    for kind, count in result["sets"].items():
        label = "correct (no suggestion wanted)" if kind == "correct" else kind
        accuracy = f"{count['right'] / count['n']:.3f}" if count["n"] else "-"
        lines.append(f"| {label} | {count['right']} | {count['n']} | {accuracy} |")
    lines.append(f"| **misspelt, pooled** | {result['right']} | {result['n']} "
                 f"| **{result['accuracy']:.3f}** |")  # fmt: skip
    lines.append(f"\nfalse suggestions: {result['false_suggestions']}/"
                 f"{result['correct_queries']} ({result['false_suggestion_rate']:.3f})")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--index-dir", type=Path, default=WORK / "suggest-index")
    parser.add_argument("--big", type=Path, default=None,
                        help="a ~100,000-article index (default: found under /work/bench-data)")
    parser.add_argument("--no-big", action="store_true", help="skip the 100k latency run")
    parser.add_argument("--rebuild", action="store_true")
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--failures", action="store_true", help="list wrong suggestions")
    parser.add_argument("--no-write", action="store_true", help="do not write the JSON")
    parser.add_argument("--sets", action="store_true",
                        help="the generated misspelling sets through Engine.search")
    parser.add_argument("--half", choices=("dev", "test", "dev+"), default="dev",
                        help="dev+: only the extra dev rows of --extra-seeds (for tuning)")
    parser.add_argument("--extra-seeds", type=int, default=0,
                        help="draw the sets again with this many other seeds, dev rows only")
    parser.add_argument("--corrector", choices=("hand", "symspell"), default="hand")
    parser.add_argument("--real-index", type=Path, default=WORK / "suggest-real")
    args = parser.parse_args(argv)  # fmt: skip
    if args.sets:
        return _main_sets(args)
    big = None if args.no_big else (args.big or find_big_index())
    try:
        result = run(args.index_dir, big, repeats=args.repeats, rebuild=args.rebuild)
    except DataMissing as error:
        print(f"skipped: {error}", file=sys.stderr)
        return 0
    for key in ("dpg", "big"):
        if key not in result:
            continue
        failures = result[key].pop("_failures")
        alarms = result[key].pop("_alarms")
        if args.failures:
            print(f"-- {key}: wrong suggestions", file=sys.stderr)
            for wrong, right, got in failures:
                print(f"  {wrong!r:32} want {right!r:32} got {got!r}", file=sys.stderr)
            for right, got in alarms:
                print(f"  false alarm {right!r:24} -> {got!r}", file=sys.stderr)
    if big is None and not args.no_big:
        print("no 100k index found under /work/bench-data (pass --big)", file=sys.stderr)
    print(report(result))
    if not args.no_write:
        RESULTS.parent.mkdir(parents=True, exist_ok=True)
        RESULTS.write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
    return 0


def _main_sets(args) -> int:
    if args.extra_seeds and args.half == "test":
        print("--extra-seeds is for tuning: dev rows only", file=sys.stderr)
        return 2
    try:
        result = run_sets(args.real_index, half=args.half, corrector=args.corrector,
                          extra_seeds=args.extra_seeds)
    except DataMissing as error:
        print(f"skipped: {error}", file=sys.stderr)
        return 0
    failures = result.pop("_failures")
    if args.failures:
        for kind, query, intended, got in failures:
            print(f"  {kind:8} {query!r:36} want {intended!r:32} got {got!r}", file=sys.stderr)
    print(report_sets(result))
    if not args.no_write and args.half != "dev+":
        path = RESULTS.with_name(f"suggestion_sets_{args.half}_{args.corrector}.json")
        path.write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
