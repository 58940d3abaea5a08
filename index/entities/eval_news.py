"""Scoring the entity facets on annotated modern news (``bench/entities_news``).

Document level, as that folder's README defines it: per article, the facet values the
indexer stores (:func:`index.entities.extractor.article_entities` of title and body) are checked in
order against the annotated entities of the same type. A value is right when its
:func:`~index.entities.facet_key` equals the key of an alias of an entity not matched
earlier in that article; a second value for an entity is wrong. Recall is the share of
annotated entities that some value matched. Scores are micro-averaged per type and over
the three types together.

>>> article = Annotation("1", "dpg", {"person": [["Greta Thunberg", "Greta"]]})
>>> score_articles([(article, {"person": ["Greta Thunberg", "Greta", "Cookies"]})])["micro"]
{'precision': 0.3333, 'recall': 1.0, 'f1': 0.5, 'correct': 1, 'predicted': 3, 'gold': 1}
"""

from __future__ import annotations

import csv
import json
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from index.entities import ENTITY_TYPES, EntityExtractor, default_extractor, facet_key
from index.entities.eval_conll import precision_recall_f1
from index.entities.extractor import article_entities
from index.errors import CorpusError

PROJECT = Path(__file__).resolve().parents[2]
NEWS_DIR = PROJECT / "bench" / "entities_news"
SHARED_DATA = PROJECT.parent / "shared" / "data"
# "test2" was drawn after "test" had been scored in three tuning rounds, "test3" after
# "test2" had been scored in one, "test4" after "test3" had, "test5" after "test4" had,
# "test6" after "test5" had, "test7" after "test6" had; the newest is the held-out half.
SPLITS = ("dev", "test", "test2", "test3", "test4", "test5", "test6", "test7")
# Where each sampled source lives under the shared data folder.
SOURCE_FILES = {
    "dpg": ("dpgmedia2019", "dpgMedia2019-articles-byarticle-all.jsonl"),
    "greta": ("greta-nl-news", "nl_greta_overview.tsv"),
}


class NewsDataMissing(CorpusError):
    """The annotations or the articles they refer to are not there."""


@dataclass(frozen=True)
class Annotation:
    """One annotated article: per type, its entities, each a list of aliases."""

    id: str
    source: str
    entities: dict[str, list[list[str]]]


@dataclass
class _Counts:
    correct: Counter = field(default_factory=Counter)
    predicted: Counter = field(default_factory=Counter)
    gold: Counter = field(default_factory=Counter)


def match_article(annotation: Annotation, facets: dict[str, list[str]]) -> dict:
    """Match one article's facet values to its entities.

    Returns ``{"right": [(type, value)], "wrong": [(type, value, reason)], "missed": [(type,
    aliases)]}``; ``reason`` is ``"repeat"`` (a second value for a matched entity),
    ``"type"`` (an alias of another type's entity) or ``"spurious"``.
    """
    right, wrong, missed = [], [], []
    for kind in ENTITY_TYPES:
        entities = [e for e in annotation.entities.get(kind, []) if e]
        keys = [{facet_key(alias) for alias in entity} for entity in entities]
        matched = [False] * len(entities)
        for value in facets.get(kind, []):
            key = facet_key(value)
            hits = [i for i, aliases in enumerate(keys) if key in aliases]
            free = [i for i in hits if not matched[i]]
            if free:
                matched[free[0]] = True
                right.append((kind, value))
            else:
                wrong.append(
                    (kind, value, "repeat" if hits else _other_type(annotation, kind, key))
                )
        missed += [(kind, e) for e, found in zip(entities, matched, strict=True) if not found]
    return {"right": right, "wrong": wrong, "missed": missed}


def _other_type(annotation: Annotation, kind: str, key: str) -> str:
    for other, entities in annotation.entities.items():
        if other != kind and any(key == facet_key(a) for e in entities for a in e):
            return "type"
    return "spurious"


def _scores(correct: int, predicted: int, gold: int) -> dict:
    counts = {"correct": correct, "predicted": predicted, "gold": gold}
    return {**precision_recall_f1(correct, predicted, gold), **counts}


def score_articles(pairs: Iterable[tuple[Annotation, dict[str, list[str]]]]) -> dict:
    """Score ``(annotation, facet values by type)`` pairs; see the module doc.

    Returns per type and ``"micro"`` the scores and counts, ``"articles"``, and
    ``"errors"``: per article with a wrong or missed value, its id, source and
    :func:`match_article` lists.
    """
    counts = _Counts()
    errors = []
    n_articles = 0
    for annotation, facets in pairs:
        n_articles += 1
        found = match_article(annotation, facets)
        counts.correct.update(kind for kind, _ in found["right"])
        counts.predicted.update(kind for kind, _ in found["right"])
        counts.predicted.update(kind for kind, _, _ in found["wrong"])
        counts.gold.update(
            kind for kind in ENTITY_TYPES for e in annotation.entities.get(kind, []) if e
        )
        if found["wrong"] or found["missed"]:
            errors.append({"id": annotation.id, "source": annotation.source,
                           "wrong": found["wrong"], "missed": found["missed"]})  # fmt: skip
    result: dict = {kind: _scores(counts.correct[kind], counts.predicted[kind], counts.gold[kind])
                    for kind in ENTITY_TYPES}  # fmt: skip
    result["micro"] = _scores(
        *(sum(c.values()) for c in (counts.correct, counts.predicted, counts.gold))
    )
    result["articles"] = n_articles
    result["errors"] = errors
    return result


def sample_splits(news_dir: Path = NEWS_DIR) -> dict[str, tuple[str, str]]:
    """``id -> (source, split)`` from ``sample.tsv``."""
    path = news_dir / "sample.tsv"
    if not path.is_file():
        raise NewsDataMissing(f"no sample table at {path}")
    with path.open(encoding="utf-8", newline="") as table:
        return {row["id"]: (row["source"], row["split"])
                for row in csv.DictReader(table, delimiter="\t")}  # fmt: skip


def read_annotations(split: str, news_dir: Path = NEWS_DIR) -> tuple[list[Annotation], int]:
    """The annotated articles of one half, and how many lines were left out because their
    id is not in that half of ``sample.tsv`` (the table decides, not the line's own
    ``split``). A later line for the same id replaces an earlier one."""
    if split not in SPLITS:
        raise NewsDataMissing(f"no such half: {split} (use one of {', '.join(SPLITS)})")
    samples = sample_splits(news_dir)
    path = news_dir / f"annotations-{split}.jsonl"
    if not path.is_file():
        raise NewsDataMissing(f"no annotations at {path}")
    found: dict[str, Annotation] = {}
    outside = 0
    with path.open(encoding="utf-8") as lines:
        for line in lines:
            if not line.strip():
                continue
            record = json.loads(line)
            ident = str(record["id"])
            if samples.get(ident, ("", ""))[1] != split:
                outside += 1
                continue
            entities = {kind: [list(e) for e in record.get(kind, [])] for kind in ENTITY_TYPES}
            found[ident] = Annotation(ident, samples[ident][0], entities)
    return list(found.values()), outside


def read_articles(wanted: dict[str, str], data_dir: Path = SHARED_DATA) -> dict:
    """The articles with the ``id -> source`` of ``wanted``, read as the indexer reads them
    (first article of an id wins, as in the sample)."""
    from corpus.readers import read_file

    articles = {}
    for source in sorted(set(wanted.values())):
        path = data_dir.joinpath(*SOURCE_FILES[source])
        if not path.is_file():
            raise NewsDataMissing(
                f"no articles at {path} (../shared/data is not beside the project)"
            )
        for article in read_file(path):
            if wanted.get(article.id) == source and article.id not in articles:
                articles[article.id] = article
    return articles


def article_facets(article, extractor: EntityExtractor) -> dict[str, list[str]]:
    """The facet values the indexer stores for ``article``: names by type, each once."""
    from index.schema import searchable_part

    return article_entities(article.title, searchable_part(article.body), extractor)


def evaluate_news(split: str = "dev", *, extractor: EntityExtractor | None = None,
                  news_dir: Path = NEWS_DIR, data_dir: Path = SHARED_DATA) -> dict:  # fmt: skip
    """Score ``extractor`` (default: the Dutch rules) on one annotated half.

    The result is that of :func:`score_articles` plus ``"split"``, ``"outside"`` (annotation
    lines of another half, left out) and ``"unread"`` (annotated ids with no article).
    """
    extractor = extractor or default_extractor()
    annotations, outside = read_annotations(split, news_dir)
    articles = read_articles({a.id: a.source for a in annotations}, data_dir)
    present = [a for a in annotations if a.id in articles]
    result = score_articles((a, article_facets(articles[a.id], extractor)) for a in present)
    result.update(split=split, outside=outside, unread=len(annotations) - len(present))
    return result


def format_news_report(result: dict, *, errors: bool = False) -> str:
    """A plain-text table of an :func:`evaluate_news` result, optionally with its errors."""
    rows = [f"{'':10}{'precision':>10}{'recall':>10}{'f1':>10}{'right':>7}{'found':>7}{'gold':>7}"]
    for label in (*ENTITY_TYPES, "micro"):
        s = result[label]
        rows.append(f"{label:10}{s['precision']:>10.4f}{s['recall']:>10.4f}{s['f1']:>10.4f}"
                    f"{s['correct']:>7}{s['predicted']:>7}{s['gold']:>7}")  # fmt: skip
    rows.append(f"{result['articles']} articles ({result.get('split', '?')})")
    if result.get("outside"):
        rows.append(f"note: {result['outside']} annotation lines left out: their ids are in "
                    "another half of sample.tsv")  # fmt: skip
    if result.get("unread"):
        rows.append(f"note: {result['unread']} annotated articles not found in the data")
    if errors:
        for article in result["errors"]:
            rows.append(f"\n== {article['source']} {article['id']}")
            rows += [
                f"  wrong {kind:7}{value}  ({reason})" for kind, value, reason in article["wrong"]
            ]
            rows += [
                f"  missed {kind:6}{' | '.join(aliases)}" for kind, aliases in article["missed"]
            ]
    return "\n".join(rows)
