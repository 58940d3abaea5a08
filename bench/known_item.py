"""Known-item retrieval through the product's query path, on queries the analyser never saw.

Every article of ``../shared/data`` (DPG Media 2019 and the Greta news overview) is indexed
twice over: by this project's normal path (``search.index_corpus``, its schema and boosts)
and by stock Whoosh with plain Snowball ``dutch``, ``dutch_porter`` and no stemming
(lowercase and accent folding; title and body with the same title boost). Queries are
generated from the articles by the fixed, seeded procedures below, written before any
result was looked at; each is a list of words joined by ``" OR "`` and run through
``Engine.search`` as users run it, and through Whoosh's ``QueryParser`` with ``OrGroup``
for the baselines. Query sets are derived text: they are regenerated here, never stored.

Tasks (one query per eligible article, each with one relevant article):

* ``remembered``: ``WORDS_REMEMBERED`` distinct words of the body from the mid-frequency
  band (document frequency between ``BAND`` of the articles), lowercased;
* ``paraphrase``: one body sentence's words outside the top of the frequency range, up to
  ``WORDS_PARAPHRASE`` of them in order, each swapped with probability ``SWAP`` for an
  inflectional variant seen in the corpus (same base, another ending of ``ENDINGS``: a rule
  of this file, not the analyser's lemma table or either Snowball stemmer);
* ``entity``: a run of capitalised words from inside a body sentence (a name, all its
  words) and the body's most frequent mid-band word (its topic);
* ``duplicate``: where the same story ran twice (5-word shingle Jaccard at least
  ``NEAR_DUPLICATE``) under different headlines, one headline finds the other article;
  the article the headline belongs to is left out of the ranking.

Articles whose body has a near-duplicate are no known item and make no query of the first
three tasks. Each task's queries are split into dev and test halves (seeded); only the dev
half is reported unless ``--test`` is given, which is meant to run once, at the end.

The test halves were reported twice (analyses 2026.12-1 and 2026.12-2), so a third half,
``test2``, draws fresh queries by the same procedures with another seed, ``SEED_TEST2`` =
2027 (fixed before any of its results was seen): for the articles of each task's test half
only (no article a dev query was tuned on), and only where the fresh query's words are
those of no first-seed query. The duplicate task has none (its queries are headlines, the
same under any seed). It is reported with ``--test2``, meant to run once, at the end.

    python -m bench.known_item                  # dev halves, all systems
    python -m bench.known_item --test           # the test halves too (run once)
    python -m bench.known_item --test2          # the fresh test2 halves too (run once)
    python -m bench.known_item --show-queries 5 # a few generated queries, no retrieval
"""

from __future__ import annotations

import argparse
import json
import random
import re
import sys
import tempfile
import time
from collections import Counter, defaultdict
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import snowballstemmer
from whoosh import fields
from whoosh.analysis import CharsetFilter, LowercaseFilter, RegexTokenizer, StemFilter
from whoosh.filedb.filestore import FileStorage
from whoosh.qparser import MultifieldPlugin, OrGroup, QueryParser
from whoosh.support.charset import accent_map

from bench.retrieval import paired_bootstrap, summary
from index.dutch.tokens import iter_tokens
from index.schema import SEARCH_FIELDS, TITLE_BOOST

DATA = Path(__file__).resolve().parents[1].parent / "shared" / "data"
FILES = ("dpgmedia2019/dpgMedia2019-articles-byarticle-all.jsonl",
         "greta-nl-news/nl_greta_overview.tsv")  # fmt: skip
RESULTS = Path(__file__).resolve().parent / "results"
SEED = 17  # the number; fixed before any result was seen
SEED_TEST2 = 2027  # the fresh held-out queries (test2); fixed before any result was seen
CUTOFF = 10
MIN_BODY_WORDS = 50
BAND = (0.002, 0.05)  # mid-frequency band: share of articles a word occurs in
COMMON = 0.2  # paraphrase words: left out when in more than this share of the articles
WORDS_REMEMBERED = 4
WORDS_PARAPHRASE = 6
MIN_QUERY_WORDS = 3
SWAP = 0.5
ENDINGS = ("", "e", "en", "s", "er", "ere", "st", "ste", "t", "te", "ten", "de", "den",
           "je", "jes", "tje", "tjes")  # fmt: skip
MIN_BASE = 4
NEAR_DUPLICATE = 0.5
SHINGLE = 5
OPERATORS = frozenset({"AND", "OR", "NOT", "ANDNOT", "ANDMAYBE", "TO"})
TASKS = ("remembered", "paraphrase", "entity", "duplicate")
SYSTEMS = ("project", "dutch", "dutch_porter", "none")
BASELINES = ("dutch", "dutch_porter", "none")
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+")


class DataMissing(Exception):
    """The benchmark's articles are not there."""


@dataclass(frozen=True)
class Query:
    """One generated query: its words, the article to find, articles left out of the ranking."""

    task: str
    words: tuple[str, ...]
    target: str
    excluded: tuple[str, ...] = ()

    @property
    def text(self) -> str:
        return " OR ".join(self.words)


# -- the articles and their statistics -------------------------------------------------


def load_articles(data: Path = DATA) -> list:
    """Every article of the two files, as the project's reader gives them (ids included)."""
    from corpus import read_corpus

    paths = [data / name for name in FILES]
    missing = [str(p) for p in paths if not p.exists()]
    if missing:
        raise DataMissing(f"missing {', '.join(missing)}: the benchmark needs ../shared/data")
    return list(read_corpus(paths))


def words_of(text: str) -> list[str]:
    """The alphabetic tokens of ``text`` as written (no hyphens, digits or apostrophes)."""
    return [token for token, _, _ in iter_tokens(text) if token.isalpha()]


def document_frequencies(articles) -> Counter:
    """Lowercased word -> number of article bodies it occurs in."""
    counts: Counter = Counter()
    for article in articles:
        counts.update({word.lower() for word in words_of(article.body)})
    return counts


def near_duplicate_groups(articles) -> list[set[int]]:
    """Groups of article indexes whose bodies share ``NEAR_DUPLICATE`` of their shingles."""
    shingles = {}
    postings: dict[tuple, list[int]] = defaultdict(list)
    for i, article in enumerate(articles):
        words = [w.lower() for w in words_of(article.body)]
        shingles[i] = {tuple(words[j : j + SHINGLE]) for j in range(len(words) - SHINGLE + 1)}
        for shingle in shingles[i]:
            postings[shingle].append(i)
    shared: Counter = Counter()
    for ids in postings.values():
        if len(ids) <= 50:  # boilerplate shingles say nothing about one story
            shared.update((a, b) for n, a in enumerate(ids) for b in ids[n + 1 :])
    parent = list(range(len(articles)))

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for (a, b), count in shared.items():
        if count / len(shingles[a] | shingles[b]) >= NEAR_DUPLICATE:
            parent[root(a)] = root(b)
    groups: dict[int, set[int]] = defaultdict(set)
    for i in range(len(articles)):
        groups[root(i)].add(i)
    return [group for group in groups.values() if len(group) > 1]


# -- query generation (fixed before any result was seen) -------------------------------


def _rng(task: str, key: str, seed: int = SEED) -> random.Random:
    return random.Random(f"{seed}:{task}:{key}")


def _in_band(word: str, df: Counter, n: int) -> bool:
    return BAND[0] * n <= df[word] <= BAND[1] * n


def remembered_query(article, df: Counter, n: int, *, seed: int = SEED) -> Query | None:
    """A few mid-frequency words of the body, as a reader remembers them."""
    words = sorted({w.lower() for w in words_of(article.body) if _in_band(w.lower(), df, n)})
    if len(words) < WORDS_REMEMBERED:
        return None
    chosen = _rng("remembered", article.id, seed).sample(words, WORDS_REMEMBERED)
    return Query("remembered", tuple(chosen), article.id)


def variants_index(df: Counter) -> dict[str, list[str]]:
    """Word -> other corpus words with the same base and another of ``ENDINGS``."""
    by_base: dict[str, set[str]] = defaultdict(set)
    for word in df:
        for ending in ENDINGS:
            if word.endswith(ending) and len(word) - len(ending) >= MIN_BASE:
                by_base[word[: len(word) - len(ending)]].add(word)
    variants: dict[str, set[str]] = defaultdict(set)
    for forms in by_base.values():
        for form in forms:
            variants[form] |= forms - {form}
    return {word: sorted(others) for word, others in variants.items() if others}


def paraphrase_query(article, df: Counter, n: int, variants: dict, *,
                     seed: int = SEED) -> Query | None:  # fmt: skip
    """A sentence of the body, shortened to its rarer words, some in another inflection."""
    rng = _rng("paraphrase", article.id, seed)
    sentences = [s for s in _SENTENCE_END.split(article.body) if len(words_of(s)) >= 8]
    if not sentences:
        return None
    sentence = rng.choice(sentences)
    words = [w.lower() for w in words_of(sentence)]
    words = list(dict.fromkeys(w for w in words if len(w) >= MIN_BASE and df[w] <= COMMON * n))
    if len(words) < MIN_QUERY_WORDS:
        return None
    keep = sorted(rng.sample(range(len(words)), min(WORDS_PARAPHRASE, len(words))))
    chosen = []
    for i in keep:
        word = words[i]
        if word in variants and rng.random() < SWAP:
            word = rng.choice(variants[word])
        chosen.append(word)
    return Query("paraphrase", tuple(dict.fromkeys(chosen)), article.id)


def names_in(body: str) -> list[tuple[str, ...]]:
    """Runs of capitalised words inside sentences (not a sentence's first word): names."""
    names = set()
    for sentence in _SENTENCE_END.split(body):
        tokens = [t for t, _, _ in iter_tokens(sentence)]
        run: list[str] = []
        for i, token in enumerate(tokens + [""]):
            if i > 0 and token.isalpha() and token[0].isupper() and not token.isupper():
                run.append(token)
                continue
            if run and any(len(word) >= 3 for word in run) and not OPERATORS & set(run):
                names.add(tuple(run))
            run = []
    return sorted(names)


def entity_query(article, df: Counter, n: int, *, seed: int = SEED) -> Query | None:
    """A name from the article (all its words) and the body's most frequent mid-band word."""
    rng = _rng("entity", article.id, seed)
    names = names_in(article.body)
    counts = Counter(w.lower() for w in words_of(article.body) if _in_band(w.lower(), df, n))
    if not names or not counts:
        return None
    name = rng.choice(names)
    top = max(counts.values())
    lowered = {word.lower() for word in name}
    topics = sorted(w for w, c in counts.items() if c == top and w not in lowered)
    if not topics:
        return None
    return Query("entity", (*name, rng.choice(topics)), article.id)


def duplicate_queries(articles, groups: list[set[int]]) -> list[Query]:
    """The headline of one copy of a story against each other copy with another headline."""
    queries = []
    for group in groups:
        members = sorted(group, key=lambda i: articles[i].id)
        for a in members:
            words = [w for w in words_of(articles[a].title) if w not in OPERATORS]
            if len(words) < 2:
                continue
            for b in members:
                if b != a and _headline(articles[b]) != _headline(articles[a]):
                    others = tuple(articles[i].id for i in members if i != b)
                    queries.append(Query("duplicate", tuple(words), articles[b].id, others))
    return queries


def _headline(article) -> str:
    return " ".join(w.lower() for w in words_of(article.title))


def generate(articles, *, seed: int = SEED) -> dict[str, list[Query]]:
    """Every task's queries, in a fixed order (``seed``: of the random choices)."""
    df = document_frequencies(articles)
    n = len(articles)
    groups = near_duplicate_groups(articles)
    copied = set().union(*groups) if groups else set()
    variants = variants_index(df)
    known = [a for i, a in enumerate(articles)
             if i not in copied and len(words_of(a.body)) >= MIN_BODY_WORDS]  # fmt: skip
    tasks = {
        "remembered": [remembered_query(a, df, n, seed=seed) for a in known],
        "paraphrase": [paraphrase_query(a, df, n, variants, seed=seed) for a in known],
        "entity": [entity_query(a, df, n, seed=seed) for a in known],
        "duplicate": duplicate_queries(articles, groups),
    }
    return {task: [q for q in queries if q is not None] for task, queries in tasks.items()}


def split_halves(queries: list[Query], task: str) -> tuple[list[Query], list[Query]]:
    """``(dev, test)``: a seeded shuffle of the task's queries, cut in two."""
    ordered = sorted(queries, key=lambda q: (q.target, q.words))
    random.Random(f"{SEED}:split:{task}").shuffle(ordered)
    half = (len(ordered) + 1) // 2
    return ordered[:half], ordered[half:]


def fresh_half(fresh: list[Query], test: list[Query], first: list[Query]) -> list[Query]:
    """The ``test2`` half: queries of ``fresh`` (another seed) whose article is one of
    ``test``'s and whose words are those of no query in ``first`` (of any article)."""
    targets = {q.target for q in test}
    seen = {frozenset(q.words) for q in first}
    return [q for q in fresh if q.target in targets and frozenset(q.words) not in seen]


# -- the systems ------------------------------------------------------------------------


def _snowball(algorithm: str) -> Callable[[str], str]:
    return snowballstemmer.stemmer(algorithm).stemWord


def stem_dutch(word: str) -> str:
    """Plain Snowball ``dutch`` (module level: Whoosh pickles the analyser by reference)."""
    return _STEMMERS["dutch"](word)


def stem_dutch_porter(word: str) -> str:
    """Plain Snowball ``dutch_porter``."""
    return _STEMMERS["dutch_porter"](word)


_STEMMERS = {name: _snowball(name) for name in ("dutch", "dutch_porter")}
_STEM_FUNCTIONS = {"dutch": stem_dutch, "dutch_porter": stem_dutch_porter}


def stock_analyzer(stemmer: str):
    """Whoosh's stemming chain: tokenize, lowercase, fold accents, Snowball (or nothing)."""
    chain = RegexTokenizer() | LowercaseFilter() | CharsetFilter(accent_map)
    if stemmer == "none":
        return chain
    return chain | StemFilter(stemfn=_STEM_FUNCTIONS[stemmer])


class StockWhoosh:
    """Stock Whoosh over title and body, the title boosted as in the project's schema."""

    def __init__(self, stemmer: str) -> None:
        self.stemmer = stemmer

    def build(self, articles, folder: Path) -> None:
        analyzer = stock_analyzer(self.stemmer)
        schema = fields.Schema(id=fields.ID(stored=True, unique=True),
                               title=fields.TEXT(analyzer=analyzer, field_boost=TITLE_BOOST),
                               body=fields.TEXT(analyzer=analyzer))  # fmt: skip
        self.index = FileStorage(str(folder)).create_index(schema)
        with self.index.writer() as writer:
            for article in articles:
                writer.add_document(id=article.id, title=article.title, body=article.body)

    def ranked(self, queries: list[Query]) -> list[list[str]]:
        parser = QueryParser(None, self.index.schema, group=OrGroup)
        parser.add_plugin(MultifieldPlugin(list(SEARCH_FIELDS)))
        with self.index.searcher() as searcher:
            return [[hit["id"] for hit in searcher.search(parser.parse(q.text), limit=_depth(q))]
                    for q in queries]  # fmt: skip


class Project:
    """This project: ``search.index_corpus`` and ``Engine.search``, as users run them."""

    def build(self, articles, folder: Path) -> None:
        import search

        self.folder = folder
        search.index_corpus([DATA / name for name in FILES], index_dir=folder, rebuild=True)

    def ranked(self, queries: list[Query]) -> list[list[str]]:
        import search

        with search.Engine.open(self.folder) as engine:
            return [[hit.id for hit in engine.search(q.text, limit=_depth(q)).hits]
                    for q in queries]  # fmt: skip


def _depth(query: Query) -> int:
    return CUTOFF + len(query.excluded)


def reciprocal_rank(query: Query, ranked: list[str]) -> float:
    """1/rank of the target among the first ``CUTOFF`` not excluded (0 past it)."""
    kept = [key for key in ranked if key not in query.excluded][:CUTOFF]
    return 1.0 / (kept.index(query.target) + 1) if query.target in kept else 0.0


def make_system(name: str):
    return Project() if name == "project" else StockWhoosh(name)


def run(articles, queries: list[Query], systems=SYSTEMS) -> dict[str, dict]:
    """Reciprocal ranks of every query and the build seconds, per system."""
    results = {}
    with tempfile.TemporaryDirectory(prefix="bench-known-item-") as scratch:
        for name in systems:
            folder = Path(scratch) / name
            folder.mkdir()
            system = make_system(name)
            started = time.perf_counter()
            system.build(articles, folder)
            built = time.perf_counter() - started
            ranked = system.ranked(queries)
            results[name] = {"ranks": [reciprocal_rank(q, r) for q, r in zip(queries, ranked,
                                                                              strict=True)],
                             "build_s": built}  # fmt: skip
    return results


# -- report -----------------------------------------------------------------------------


def task_rows(name: str, queries: list[Query], ranks: dict[str, list[float]]) -> list[str]:
    """Table rows for one task and half, then the project's gain over the best baseline."""
    lines = [f"**{name}** ({len(queries):,} queries)", "",
             "| system | MRR@10 | success@1 | success@10 |",
             "| --- | ---: | ---: | ---: |"]  # fmt: skip
    for system, values in ranks.items():
        s = summary(values)
        lines.append(f"| {system} | {s['mrr']:.3f} | {s['s1']:.3f} | {s['s10']:.3f} |")
    baselines = [b for b in BASELINES if b in ranks]
    if "project" in ranks and baselines:
        best = max(baselines, key=lambda b: sum(ranks[b]))
        point, low, high = paired_bootstrap(ranks["project"], ranks[best])
        lines += ["", f"project vs best plain baseline ({best}): MRR@10 {point:+.1%}, paired "
                  f"bootstrap 95% interval [{low:+.1%}, {high:+.1%}]"]  # fmt: skip
    return [*lines, ""]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--test", action="store_true", help="also the test halves (run once)")
    parser.add_argument("--test2", action="store_true",
                        help="also the fresh test2 halves (run once)")  # fmt: skip
    parser.add_argument("--systems", nargs="+", default=list(SYSTEMS), choices=SYSTEMS)
    parser.add_argument("--show-queries", type=int, metavar="N",
                        help="print N generated queries per task and stop")  # fmt: skip
    parser.add_argument("--out", type=Path, default=RESULTS)
    options = parser.parse_args(argv)
    try:
        articles = load_articles()
    except DataMissing as error:
        print(f"Error: {error}", file=sys.stderr)
        return 1
    tasks = generate(articles)
    if options.show_queries is not None:
        for task, queries in tasks.items():
            print(f"{task}: {len(queries)} queries")
            for q in queries[: options.show_queries]:
                print(f"  {q.target}: {q.text}")
        return 0
    halves = {task: split_halves(queries, task) for task, queries in tasks.items()}
    chosen = [(task, "dev", dev) for task, (dev, _) in halves.items()]
    if options.test:
        chosen += [(task, "test", test) for task, (_, test) in halves.items()]
    if options.test2:
        fresh = generate(articles, seed=SEED_TEST2)
        chosen += [(task, "test2", fresh_half(fresh[task], test, tasks[task]))
                   for task, (_, test) in halves.items() if task != "duplicate"]  # fmt: skip
    flat = [q for _, _, queries in chosen for q in queries]
    results = run(articles, flat, options.systems)
    lines = [f"{len(articles):,} articles indexed; seed {SEED} (test2: {SEED_TEST2}); "
             "build seconds: " + ", ".join(f"{s} {r['build_s']:.1f}" for s, r in results.items()),
             ""]  # fmt: skip
    start = 0
    report = {"seed": SEED, "seed_test2": SEED_TEST2, "articles": len(articles), "tasks": {}}
    for task, half, queries in chosen:
        ranks = {s: r["ranks"][start : start + len(queries)] for s, r in results.items()}
        start += len(queries)
        lines += task_rows(f"{task}, {half} half", queries, ranks)
        report["tasks"][f"{task}/{half}"] = {s: summary(v) for s, v in ranks.items()}
    text = "\n".join(lines)
    print(text)
    options.out.mkdir(parents=True, exist_ok=True)
    stem = ("known_item_test2" if options.test2 else
            "known_item_test" if options.test else "known_item_dev")  # fmt: skip
    (options.out / f"{stem}.md").write_text(text + "\n")
    (options.out / f"{stem}.json").write_text(json.dumps(report, indent=2) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
