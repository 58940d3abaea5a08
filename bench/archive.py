"""Archive-scale benchmark: this project against stock Whoosh, tantivy-py and SQLite FTS5.

One run builds (or reuses) corpora with ../shared/tools/make_corpus.py, indexes each with
every system in a child process (peak memory of its whole process tree), then runs a
fixed set of queries warm: one warm-up round, then ``--rounds`` timed rounds, top-10
only and with facets. Writes a Markdown table and a JSON file under bench/results/.

    python -m bench.archive --sizes 10000 100000
    python -m bench.archive --sizes 10000 100000 --million   # adds 1,000,000 articles

Peers facet by month only (stock Whoosh: ``groupedby`` on the sortable month field, as in
the issue); this project counts person, place, org and month. Entity filters become a
phrase query on the body for peers, which have no entity fields. Needs the ``bench`` extra
(tantivy, psutil); a missing peer is skipped with a note.

Disk: at 1,000,000 articles the corpus is 2 GB, this project's index 4.4 GB, and stock
Whoosh's writer needs about 44 GB of temporary run files before its final merge (measured
2026-12-06). The indexes stay in ``--data`` after the run; a rerun replaces each one.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
MAKE_CORPUS = ROOT.parent / "shared" / "tools" / "make_corpus.py"
RESULTS = ROOT / "bench" / "results"
SYSTEMS = ("project", "whoosh", "tantivy", "sqlite")
BASELINE = "whoosh"
# Appended to the articles the incremental-update measurement changes.
UPDATE_SENTENCE = " Bijgewerkt: de redactie vulde dit bericht aan."

# (kind, text, options): options are the engine's keyword filters.
QUERIES = [
    ("word", "klimaat", {}), ("word", "politie", {}), ("word", "ziekenhuis", {}),
    ("word", "verkiezingen", {}), ("word", "onderwijs", {}), ("word", "Brexit", {}),
    ("word", "Trump", {}), ("word", "Rotterdam", {}), ("word", "stikstof", {}),
    ("word", "gemeente", {}), ("word", "voetbal", {}), ("word", "woningen", {}),
    ("and", "klimaat scholieren", {}), ("and", "politie Amsterdam", {}),
    ("and", "minister onderwijs", {}), ("and", "rechter vonnis", {}),
    ("and", "gemeente woningen", {}), ("and", "Greta Thunberg", {}),
    ("and", "Venezuela stroom", {}), ("and", "brand school", {}),
    ("phrase", '"Greta Thunberg"', {}), ("phrase", '"Tweede Kamer"', {}),
    ("phrase", '"het Openbaar Ministerie"', {}), ("phrase", '"de politie"', {}),
    ("phrase", '"Europese Unie"', {}), ("phrase", '"in Den Haag"', {}),
    ("date", "klimaat", {"since": "2019-01", "until": "2019-12"}),
    ("date", "politie", {"since": "2022-01", "until": "2022-06"}),
    ("date", "verkiezingen", {"month": "2021-03"}),
    ("date", "gemeente", {"since": "2024-01"}),
    ("entity", "klimaat", {"person": "Greta Thunberg"}),
    ("entity", "politie", {"place": "Amsterdam"}),
    ("entity", "president", {"person": "Donald Trump"}),
    ("entity", "minister", {"place": "Den Haag"}),
]  # fmt: skip


# -- systems ------------------------------------------------------------------------------


def _phrase_for(options: dict) -> str:
    names = [options[k] for k in ("person", "place", "org") if k in options]
    return " ".join(f'"{name}"' for name in names)


class Project:
    """This project: ``search.index_corpus`` and ``Engine.search``."""

    def build(self, corpus: Path, index_dir: Path) -> None:
        import search

        search.index_corpus([corpus], index_dir=index_dir, rebuild=True)

    def open(self, index_dir: Path):
        import search

        self.engine = search.Engine.open(index_dir)
        return self

    def query(self, text: str, options: dict, facets: bool) -> int:
        results = self.engine.search(text, facets=10 if facets else 0, suggest=False, **options)
        return results.total


class StockWhoosh:
    """The issue's straightforward Whoosh: regex tokens, lowercase, accents, Snowball Dutch."""

    def schema(self):
        from whoosh import fields
        from whoosh.analysis import CharsetFilter, LowercaseFilter, RegexTokenizer, StemFilter
        from whoosh.support.charset import accent_map

        analyzer = (RegexTokenizer() | LowercaseFilter() | CharsetFilter(accent_map)
                    | StemFilter(lang="dutch"))  # fmt: skip
        return fields.Schema(
            id=fields.ID(stored=True, unique=True),
            title=fields.TEXT(analyzer=analyzer, stored=True),
            body=fields.TEXT(analyzer=analyzer), month=fields.ID(stored=True, sortable=True),
        )  # fmt: skip

    def build(self, corpus: Path, index_dir: Path) -> None:
        from whoosh import index

        index_dir.mkdir(parents=True, exist_ok=True)
        ix = index.create_in(str(index_dir), self.schema())
        writer = ix.writer(limitmb=256)
        for record in _records(corpus):
            writer.add_document(id=record["id"], title=record["title"], body=record["text"],
                                month=record["date"][:7])  # fmt: skip
        writer.commit()

    def open(self, index_dir: Path):
        from whoosh import index
        from whoosh.qparser import AndGroup, MultifieldParser

        self.ix = index.open_dir(str(index_dir))
        self.searcher = self.ix.searcher()
        self.parser = MultifieldParser(["title", "body"], self.ix.schema, group=AndGroup)
        return self

    def query(self, text: str, options: dict, facets: bool) -> int:
        from whoosh import query

        parsed = self.parser.parse(f"{text} {_phrase_for(options)}".strip())
        filters = []
        if "month" in options:
            filters.append(query.Term("month", options["month"]))
        if "since" in options or "until" in options:
            filters.append(query.TermRange("month", options.get("since"), options.get("until")))
        combined = query.And([parsed, *filters]) if filters else parsed
        results = self.searcher.search(combined, limit=10, groupedby="month" if facets else None)
        if facets:
            results.groups("month")
        return len(results)


class Tantivy:
    """tantivy-py: simple tokenizer, lowercase, ASCII folding, Snowball Dutch stemmer."""

    def schema(self):
        import tantivy

        builder = tantivy.SchemaBuilder()
        builder.add_text_field("id", stored=True, tokenizer_name="raw")
        builder.add_text_field("title", stored=True, tokenizer_name="nl")
        builder.add_text_field("body", tokenizer_name="nl")
        builder.add_text_field("month", stored=True, fast=True, tokenizer_name="raw")
        return builder.build()

    def _register(self, index) -> None:
        import tantivy

        analyzer = (tantivy.TextAnalyzerBuilder(tantivy.Tokenizer.simple())
                    .filter(tantivy.Filter.lowercase()).filter(tantivy.Filter.ascii_fold())
                    .filter(tantivy.Filter.stemmer("dutch")).build())  # fmt: skip
        index.register_tokenizer("nl", analyzer)

    def build(self, corpus: Path, index_dir: Path) -> None:
        import tantivy

        index_dir.mkdir(parents=True, exist_ok=True)
        index = tantivy.Index(self.schema(), path=str(index_dir))
        self._register(index)
        writer = index.writer(heap_size=256_000_000, num_threads=os.cpu_count() or 1)
        for record in _records(corpus):
            document = tantivy.Document(id=record["id"], title=record["title"],
                                        body=record["text"], month=record["date"][:7])  # fmt: skip
            writer.add_document(document)
        writer.commit()
        writer.wait_merging_threads()

    def open(self, index_dir: Path):
        import tantivy

        self.index = tantivy.Index.open(str(index_dir))
        self._register(self.index)
        self.index.reload()
        self.searcher = self.index.searcher()
        return self

    def query(self, text: str, options: dict, facets: bool) -> int:
        words = f"{text} {_phrase_for(options)}".strip()
        terms = " AND ".join(_tantivy_terms(words))
        if "month" in options:
            terms += f" AND month:{options['month']}"
        if "since" in options or "until" in options:
            low, high = options.get("since", "*"), options.get("until", "*")
            terms += f" AND month:[{low} TO {high}]"
        parsed = self.index.parse_query(terms, ["title", "body"])
        hits = self.searcher.search(parsed, limit=10, count=True)
        if facets:
            self.searcher.aggregate(parsed, {"months": {"terms": {"field": "month", "size": 200}}})
        return hits.count


def _tantivy_terms(text: str) -> list[str]:
    parts, current, quoted = [], "", False
    for char in text:
        if char == '"':
            quoted = not quoted
        if char == " " and not quoted:
            if current:
                parts.append(current)
            current = ""
        else:
            current += char
    return [*parts, current] if current else parts


class Sqlite:
    """SQLite FTS5 (unicode61, remove_diacritics 2; no Dutch stemming)."""

    def build(self, corpus: Path, index_dir: Path) -> None:
        import sqlite3

        index_dir.mkdir(parents=True, exist_ok=True)
        db = sqlite3.connect(index_dir / "fts.sqlite")
        db.execute("CREATE TABLE docs(rowid INTEGER PRIMARY KEY, id TEXT, month TEXT)")
        db.execute("CREATE VIRTUAL TABLE fts USING fts5(title, body, "
                   "tokenize='unicode61 remove_diacritics 2')")  # fmt: skip
        rows = ((n, r["id"], r["date"][:7], r["title"], r["text"])
                for n, r in enumerate(_records(corpus), 1))  # fmt: skip
        for n, ident, month, title, body in rows:
            db.execute("INSERT INTO docs VALUES (?, ?, ?)", (n, ident, month))
            db.execute("INSERT INTO fts(rowid, title, body) VALUES (?, ?, ?)", (n, title, body))
        db.execute("CREATE INDEX docs_month ON docs(month)")
        db.commit()
        db.close()

    def open(self, index_dir: Path):
        import sqlite3

        self.db = sqlite3.connect(index_dir / "fts.sqlite")
        return self

    def query(self, text: str, options: dict, facets: bool) -> int:
        words = f"{text} {_phrase_for(options)}".strip()
        match = " AND ".join(_tantivy_terms(words))
        where, params = "fts MATCH ?", [match]
        if "month" in options:
            where += " AND docs.month = ?"
            params.append(options["month"])
        if "since" in options:
            where += " AND docs.month >= ?"
            params.append(options["since"])
        if "until" in options:
            where += " AND docs.month <= ?"
            params.append(options["until"])
        join = "FROM fts JOIN docs ON docs.rowid = fts.rowid WHERE " + where
        self.db.execute(f"SELECT docs.id {join} ORDER BY bm25(fts) LIMIT 10", params).fetchall()
        total = self.db.execute(f"SELECT count(*) {join}", params).fetchone()[0]
        if facets:
            self.db.execute(f"SELECT docs.month, count(*) {join} GROUP BY docs.month", params)
        return total


IMPLEMENTATIONS = {"project": Project, "whoosh": StockWhoosh, "tantivy": Tantivy, "sqlite": Sqlite}


def _records(corpus: Path):
    with corpus.open(encoding="utf-8") as lines:
        for line in lines:
            if line.strip():
                yield json.loads(line)


# -- child processes -----------------------------------------------------------------------


def child_index(system: str, corpus: Path, index_dir: Path) -> dict:
    started = time.perf_counter()
    IMPLEMENTATIONS[system]().build(corpus, index_dir)
    return {"seconds": time.perf_counter() - started}


def child_update(corpus: Path, index_dir: Path) -> dict:
    import search

    started = time.perf_counter()
    search.index_corpus([corpus], index_dir=index_dir)
    return {"seconds": time.perf_counter() - started}


def child_query(system: str, index_dir: Path, rounds: int) -> dict:
    return timed_queries(IMPLEMENTATIONS[system]().open(index_dir), rounds)


def timed_queries(opened, rounds: int) -> dict:
    """p50/p95 of :data:`QUERIES` (top-10, then with facets) after a warm-up round, the
    warm-up's own times, and every total; ``opened.query(text, options, facets)`` runs one."""
    out = {}
    for facets in (False, True):
        first = []
        for _, text, options in QUERIES:  # warm-up round
            started = time.perf_counter()
            opened.query(text, options, facets)
            first.append((time.perf_counter() - started) * 1000)
        if not facets:  # each query's first run in a fresh process: nothing cached yet
            out["first_run"] = {"p50_ms": _percentile(first, 50), "p95_ms": _percentile(first, 95)}
        times, totals = [], {}
        for _ in range(rounds):
            for kind, text, options in QUERIES:
                started = time.perf_counter()
                totals[f"{kind}:{text}:{options}"] = opened.query(text, options, facets)
                times.append((time.perf_counter() - started) * 1000)
        out["facets" if facets else "top10"] = {
            "p50_ms": _percentile(times, 50), "p95_ms": _percentile(times, 95),
            "queries": len(QUERIES), "rounds": rounds,
        }  # fmt: skip
        out["totals"] = totals
    return out


def cli_wall_times(index_dir: Path, runs: int = 10) -> dict:
    """Whole-process wall time of ``search query WORD`` (interpreter start included).

    Run as an installed command runs: with Python's bytecode cache (an environment that
    sets ``PYTHONDONTWRITEBYTECODE`` would otherwise compile every module on each run),
    after one unmeasured run that fills it.
    """
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    times = []
    for number in range(runs + 1):
        word = ("politie", "klimaat", "Rotterdam")[number % 3]
        command = [sys.executable, "-m", "search", "query", word, "--index-dir", str(index_dir)]
        started = time.perf_counter()
        subprocess.run(command, cwd=ROOT, env=env, check=True, stdout=subprocess.DEVNULL)
        if number:
            times.append(time.perf_counter() - started)
    return {"median_s": round(sorted(times)[len(times) // 2], 3), "min_s": round(min(times), 3),
            "max_s": round(max(times), 3), "runs": runs}  # fmt: skip


def incremental_update(corpus: Path, index_dir: Path, changed: int = 100) -> dict:
    """Seconds to re-index ``corpus`` after editing ``changed`` articles, on a copy of the index.

    The edited corpus stands in under the indexed file's own path (as when a user updates
    the file and runs ``search index`` again); the original comes back afterwards.
    """
    copy = index_dir.with_name(index_dir.name + "-incremental")
    backup = _corpus_backup(corpus)
    shutil.rmtree(copy, ignore_errors=True)
    shutil.copytree(index_dir, copy)
    edited = corpus.with_name(corpus.name + ".edited")
    _write_edited_copy(corpus, edited, changed)  # streamed: a 2 GB corpus is never held whole
    corpus.rename(backup)
    try:
        edited.rename(corpus)
        result, _ = run_child(["update", "project", str(corpus), str(copy)])
    finally:
        backup.replace(corpus)
        shutil.rmtree(copy, ignore_errors=True)
    return {"changed": changed, "seconds": round(result["seconds"], 2)}


def _write_edited_copy(corpus: Path, edited: Path, changed: int) -> None:
    """Copy the JSON Lines ``corpus`` to ``edited`` a line at a time, byte for byte but for
    ``changed`` evenly spread articles, which get an extra sentence."""
    with corpus.open("rb") as source:
        lines = sum(1 for _ in source)
    step = max(1, lines // changed)
    with corpus.open("rb") as source, edited.open("wb") as out:
        for number, line in enumerate(source):
            if number % step == 0 and number < step * changed:
                record = json.loads(line)
                record["text"] = record.get("text", "") + UPDATE_SENTENCE
                line = json.dumps(record, ensure_ascii=False).encode("utf-8") + b"\n"
            out.write(line)


def _corpus_backup(corpus: Path) -> Path:
    return corpus.with_name(corpus.name + ".original")


def _percentile(values: list[float], pct: float) -> float:
    ordered = sorted(values)
    return round(ordered[min(len(ordered) - 1, int(round(pct / 100 * (len(ordered) - 1))))], 3)


def run_child(args: list[str]) -> tuple[dict, tuple[float, float]]:
    """Run ``python -m bench.archive --child ...``; return its JSON and the peak memory of
    its process tree in MB: summed RSS, and summed PSS (a page shared by several processes
    counted once in all; equal to RSS where /proc has no ``smaps_rollup``)."""
    import psutil

    process = subprocess.Popen([sys.executable, "-m", "bench.archive", "--child", *args],
                               cwd=ROOT, stdout=subprocess.PIPE, text=True)  # fmt: skip
    watched = psutil.Process(process.pid)
    peak = peak_pss = 0
    while process.poll() is None:
        try:
            tree = [watched, *watched.children(recursive=True)]
            peak = max(peak, sum(_rss(p) for p in tree))
            peak_pss = max(peak_pss, sum(_pss(p) for p in tree))
        except psutil.Error:
            pass
        time.sleep(0.2)
    output = process.stdout.read()
    if process.returncode != 0:
        raise RuntimeError(f"child {args} failed with exit code {process.returncode}")
    return json.loads(output.strip().splitlines()[-1]), (peak / 2**20, peak_pss / 2**20)


def _rss(process) -> int:
    try:
        return process.memory_info().rss
    except Exception:
        return 0


def _pss(process) -> int:
    try:
        with open(f"/proc/{process.pid}/smaps_rollup", encoding="ascii") as rollup:
            for line in rollup:
                if line.startswith("Pss:"):
                    return int(line.split()[1]) * 1024
    except (OSError, ValueError):
        pass
    return _rss(process)


# -- the run -------------------------------------------------------------------------------


def corpus_for(size: int, data: Path) -> Path:
    path = data / f"news{size // 1000}k.jsonl"
    if _corpus_backup(path).exists():  # an interrupted incremental run left its edit behind
        _corpus_backup(path).replace(path)
    if not path.exists():
        data.mkdir(parents=True, exist_ok=True)
        with path.with_suffix(".tmp").open("w") as out:
            subprocess.run([sys.executable, str(MAKE_CORPUS), str(size)], stdout=out, check=True)
        path.with_suffix(".tmp").rename(path)
    return path


def dir_size(path: Path) -> int:
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file())


def bench_size(size: int, systems, data: Path, rounds: int, on_row=None) -> dict:
    """One corpus size, every system; ``on_row(run so far)`` after each system."""
    corpus = corpus_for(size, data)
    megabytes = corpus.stat().st_size / 2**20
    rows = {}
    run = {"articles": size, "corpus_mb": round(megabytes, 1), "systems": rows}
    for system in systems:
        index_dir = data / f"ix-{system}-{size}"
        shutil.rmtree(index_dir, ignore_errors=True)
        try:
            built, peak = run_child(["index", system, str(corpus), str(index_dir)])
            queried, _ = run_child(["query", system, str(index_dir), str(rounds)])
        except (RuntimeError, ImportError) as error:
            rows[system] = {"error": str(error)}
            if on_row:
                on_row(run)
            continue
        seconds = built["seconds"]
        extra = {}
        if system == "project":
            extra["cli_wall"] = cli_wall_times(index_dir)
            extra["incremental"] = incremental_update(corpus, index_dir)
            extra["incremental"]["share_of_full_build"] = round(
                extra["incremental"]["seconds"] / seconds, 4
            )
        rows[system] = {
            "index_seconds": round(seconds, 2), "articles_per_s": round(size / seconds, 1),
            "mb_per_s": round(megabytes / seconds, 2),
            "index_mb": round(dir_size(index_dir) / 2**20, 1),
            "peak_rss_mb": round(peak[0], 1), "peak_pss_mb": round(peak[1], 1),
            "top10": queried["top10"], "facets": queried["facets"],
            "first_run": queried["first_run"], **extra,
        }  # fmt: skip
        print(f"{size:>9,} {system:<8} {json.dumps(rows[system])}", file=sys.stderr, flush=True)
        if on_row:
            on_row(run)
    return run


def ratios(rows: dict) -> dict:
    base = rows.get(BASELINE, {})
    out = {}
    for system, row in rows.items():
        if "error" in row or "error" in base or not base:
            continue
        out[system] = {
            "indexing_speed": round(row["articles_per_s"] / base["articles_per_s"], 2),
            "top10_p95_speedup": round(base["top10"]["p95_ms"] / row["top10"]["p95_ms"], 2),
            "facets_p95_speedup": round(base["facets"]["p95_ms"] / row["facets"]["p95_ms"], 2),
        }  # fmt: skip
    return out


def _pss_mb(row: dict) -> str:
    return f"{row['peak_pss_mb']:,.0f}" if "peak_pss_mb" in row else "-"  # older results


def markdown(results: dict) -> str:
    lines = [
        f"Machine: {results['cores']} cores, Python {results['python']}; one run, "
        f"{results['rounds']} warm rounds of {len(QUERIES)} queries after one warm-up.", "",
        "| articles | system | articles/s | MB/s | index MB | peak RSS / PSS MB "
        "| top-10 p50/p95 ms "
        "| facets p50/p95 ms | first run p50/p95 ms "
        "| x stock Whoosh (index / top-10 p95 / facets p95) |",
        "| ---: | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- |",
    ]  # fmt: skip
    for run in results["sizes"]:
        for system, row in run["systems"].items():
            if "error" in row:
                lines.append(f"| {run['articles']:,} | {system} | failed: {row['error']} ||||||||")
                continue
            r = run["ratios"].get(system, {})
            lines.append(
                f"| {run['articles']:,} | {system} | {row['articles_per_s']:,.0f} "
                f"| {row['mb_per_s']} "
                f"| {row['index_mb']:,} | {row['peak_rss_mb']:,.0f} / {_pss_mb(row)} "
                f"| {row['top10']['p50_ms']:.1f} / {row['top10']['p95_ms']:.1f} "
                f"| {row['facets']['p50_ms']:.1f} / {row['facets']['p95_ms']:.1f} "
                f"| {_pair(row.get('first_run'))} "
                f"| {r.get('indexing_speed', '')} / {r.get('top10_p95_speedup', '')} / "
                f"{r.get('facets_p95_speedup', '')} |"
            )  # fmt: skip
    lines += ["", "Facets: this project counts person, place, org and month over every match; "
              "the peers count months only. First run: each query's first execution in a "
              "fresh query process (top-10), before anything is cached. Peak memory of "
              "the indexing process tree, sampled every 0.2 s: RSS summed over the "
              "processes, and PSS, which counts a page they share once.", ""]  # fmt: skip
    for run in results["sizes"]:
        row = run["systems"].get("project", {})
        if "cli_wall" in row:
            wall, update = row["cli_wall"], row["incremental"]
            lines.append(
                f"- {run['articles']:,} articles: `search query WORD` wall time (whole process, "
                f"{wall['runs']} runs) median {wall['median_s']} s, min {wall['min_s']} s, "
                f"max {wall['max_s']} s; re-indexing after {update['changed']} changed articles "
                f"{update['seconds']} s = {100 * update['share_of_full_build']:.1f}% of the "
                "full build."
            )  # fmt: skip
    return "\n".join(lines) + "\n"


def _pair(timing: dict | None) -> str:
    return f"{timing['p50_ms']:.1f} / {timing['p95_ms']:.1f}" if timing else ""


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000])
    parser.add_argument("--million", action="store_true", help="Also 1,000,000 articles.")
    parser.add_argument("--systems", nargs="+", default=list(SYSTEMS), choices=SYSTEMS)
    parser.add_argument("--rounds", type=int, default=5)
    data = Path(os.environ.get("BENCH_DATA", ROOT.parent / "bench-data"))
    parser.add_argument("--data", type=Path, default=data, help="Where corpora and indexes go.")
    parser.add_argument("--out", type=Path, default=RESULTS)
    parser.add_argument("--child", nargs="+", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child:
        kind, system, *rest = args.child
        if kind == "index":
            result = child_index(system, Path(rest[0]), Path(rest[1]))
        elif kind == "update":
            result = child_update(Path(rest[0]), Path(rest[1]))
        else:
            result = child_query(system, Path(rest[0]), int(rest[1]))
        print(json.dumps(result))
        return 0
    if not MAKE_CORPUS.exists():
        print(f"needs {MAKE_CORPUS} (../shared beside the project)", file=sys.stderr)
        return 1
    sizes = [*args.sizes, *([1_000_000] if args.million else [])]
    results = {
        "cores": os.cpu_count(), "python": platform.python_version(),
        "machine": platform.machine(), "rounds": args.rounds,
        "command": "python -m bench.archive " + " ".join(sys.argv[1:]),
        "started": time.strftime("%Y-%m-%dT%H:%M:%S"), "sizes": [],
    }  # fmt: skip
    def write(run: dict) -> None:
        """Save the sizes done and this one so far (a long run that stops keeps them)."""
        run["ratios"] = ratios(run["systems"])
        partial = {**results, "sizes": [*results["sizes"], run]}
        args.out.mkdir(parents=True, exist_ok=True)
        (args.out / "archive.json").write_text(json.dumps(partial, indent=2) + "\n")
        (args.out / "archive.md").write_text(markdown(partial))

    for size in sizes:
        run = bench_size(size, args.systems, args.data, args.rounds, on_row=write)
        write(run)
        results["sizes"].append(run)
    print(markdown(results))
    return 0


if __name__ == "__main__":
    sys.exit(main())
