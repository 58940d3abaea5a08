"""Benchmark: precision of the entity facet values by the evidence behind them.

Over the annotated development halves of ``bench/entities_news`` (never the held-out one),
every facet value the indexer would store is tagged with what supports it in its article
(a gazetteer entry, a cue word, how often it is mentioned, where) and with whether the
scorer of :mod:`index.entities.eval_news` counts it right or wrong. Prints, per evidence
class, how many values fall in it and their precision; prints counts only, never article
text.

    python bench/entity_evidence.py                  # dev test test2 test3 test4, pooled
    python bench/entity_evidence.py --halves dev test --by-half --features
"""

from __future__ import annotations

import argparse
from collections import Counter
from dataclasses import dataclass

from index.entities import ENTITY_TYPES, default_extractor, facet_key, lexicon
from index.entities.candidates import previous_word, sentence_start
from index.entities.eval_news import match_article, read_annotations, read_articles
from index.entities.shapes import cue_kind, has_inner_capital, is_acronym, is_person_cue

# The held-out half is left out on purpose: tuning on it would spoil it.
DEVELOPMENT_HALVES = ("dev", "test", "test2", "test3", "test4")
# The last share of the text that holds a closing byline, a signature or a teaser.
TAIL_SHARE = 0.15
# What each feature of a value says (a value is one facet value of one article).
FEATURES = {
    "mentions=N": "the article names it N times (3: three or more)",
    "multi": "a name of two or more words",
    "known": "a gazetteer lists it (place, town, organisation, alias, well-known person)",
    "first-name": "its first word is a listed first name",
    "dictionary-name": "its first word is a name the Dutch dictionary lists, no first name",
    "acronym": "written as an acronym",
    "org-shape": "one word with an inner capital or an organisation head glued on",
    "cue": "a cue word of its type stands before a mention (minister, stichting, in)",
    "title-only": "only in the headline",
    "in-title": "in the headline and the body",
    "tail-only": f"only in the last {TAIL_SHARE:.0%} of the text",
    "initial-only": "only opening sentences",
    "caps": "only in capitals, no acronym",
    "word": "one of its words is a frequent Dutch word",
}


@dataclass(frozen=True)
class Value:
    """One facet value of one article, its evidence and its verdict."""

    half: str
    type: str
    name: str
    right: bool
    verdict: str  # "right", or why the scorer counts it wrong: "repeat", "type", "spurious"
    features: frozenset[str]
    evidence: str


def _known(rules, text: str) -> bool:
    gaz = rules.gaz
    bare = text[:-2] if text.endswith(("'s", "’s")) else text
    return any(
        t in rules._known or t in gaz.cities or t in gaz.towns or t in gaz.people
        for t in (text, bare, text.title())
    )


def _cued(rules, document: str, start: int, kind: str) -> bool:
    before = previous_word(document, start)
    if not before:
        return False
    if kind == "person":
        return is_person_cue(before) or before in lexicon.SOURCE_CUES
    if kind == "org":
        return before in lexicon.ORG_CUES or cue_kind(before) == "org"
    return before in lexicon.PLACE_CUES or cue_kind(before) == "place"


def _org_head_glued(word: str) -> bool:
    """``Klimaatberaad``, ``VN-comité``: a word ending in an organisation head (the test
    of ``index.entities.rules``, restated here so the script runs on older rules too)."""
    lower = word.lower()
    return lower.rsplit("-", 1)[-1] in lexicon.ORG_HEADS or (
        len(lower) > 7 and lower.endswith(lexicon.ORG_HEAD_ENDINGS)
    )


def value_features(rules, document: str, title_end: int, kind: str, name: str, mentions) -> set:
    """What supports one value: a set of the names of :data:`FEATURES`."""
    gaz = rules.gaz
    texts = {m.text for m in mentions}
    words = name.split()
    features = {f"mentions={min(len(mentions), 3)}"}
    if len(words) > 1 or any(" " in t for t in texts):
        features.add("multi")
    if _known(rules, name) or any(_known(rules, t) for t in texts):
        features.add("known")
    if words[0].split("-")[0] in gaz.first_names:
        features.add("first-name")
    elif words[0] in gaz.proper_names:
        features.add("dictionary-name")
    if is_acronym(name) or any(is_acronym(t) for t in texts):
        features.add("acronym")
    elif len(words) == 1 and (has_inner_capital(name) or _org_head_glued(name)):
        features.add("org-shape")
    if any(_cued(rules, document, m.start, kind) for m in mentions):
        features.add("cue")
    if all(m.end <= title_end for m in mentions):
        features.add("title-only")
    elif any(m.end <= title_end for m in mentions):
        features.add("in-title")
    if all(m.start >= len(document) * (1 - TAIL_SHARE) for m in mentions):
        features.add("tail-only")
    if all(sentence_start(document, m.start) for m in mentions):
        features.add("initial-only")
    if all(t.isupper() and not is_acronym(t) for t in texts):
        features.add("caps")
    if any(w.lower() in gaz.used_words or w.lower() in gaz.common_words for w in words):
        features.add("word")
    return features


def evidence_class(features: set) -> str:
    """One class per value: its strongest support, then its length and how often the
    article names it."""
    if "title-only" in features:
        return "title only, " + ("gazetteer" if "known" in features else "no gazetteer")
    size = "multi-word" if "multi" in features else "one word"
    if "known" in features:
        support = "gazetteer"
    elif "cue" in features:
        support = "cue word"
    elif "first-name" in features:
        support = "first name"
    elif "dictionary-name" in features:
        support = f"dictionary name, {size}"
    elif "acronym" in features:
        support = "acronym"
    elif "org-shape" in features:
        support = "organisation shape, one word"
    else:
        support = f"none of these, {size}"
    return f"{support}, {'once' if 'mentions=1' in features else 'repeated'}"


def iter_values(halves, extractor=None):
    """Every facet value of every article of ``halves``, as :class:`Value`."""
    from index.schema import searchable_part

    extractor = extractor or default_extractor()
    rules = extractor.rules
    for half in halves:
        annotations, _ = read_annotations(half)
        articles = read_articles({a.id: a.source for a in annotations})
        for annotation in annotations:
            article = articles.get(annotation.id)
            if article is None:
                continue
            document = f"{article.title}\n\n{searchable_part(article.body)}"
            groups: dict[tuple[str, str], list] = {}
            for entity in extractor.extract(document):
                if entity.type in ENTITY_TYPES:
                    groups.setdefault((entity.type, entity.name), []).append(entity)
            facets = {kind: [n for k, n in groups if k == kind] for kind in ENTITY_TYPES}
            found = match_article(annotation, facets)
            # per value key, its verdicts in the order the scorer gave them: a key's first
            # value is the one matched, if any is
            verdicts: dict[tuple[str, str], list[str]] = {}
            for kind, value in found["right"]:
                verdicts.setdefault((kind, facet_key(value)), []).append("right")
            for kind, value, reason in found["wrong"]:
                verdicts.setdefault((kind, facet_key(value)), []).append(reason)
            for (kind, name), mentions in groups.items():
                title_end = len(article.title)
                features = value_features(rules, document, title_end, kind, name, mentions)
                verdict = verdicts[kind, facet_key(name)].pop(0)
                yield Value(half, kind, name, verdict == "right", verdict, frozenset(features),
                            evidence_class(features))  # fmt: skip


def table(values: list[Value], key, title: str) -> str:
    """Count, right and precision per class, per type and all types, largest first."""
    counts: dict[str, Counter] = {}
    every = Counter()
    for value in values:
        every[value.type, value.right] += 1
        every["all", value.right] += 1
        for label in key(value):
            for kind in (value.type, "all"):
                counts.setdefault(label, Counter())[kind, value.right] += 1
    rows = [f"{title:44}" + "".join(f"{kind:>16}" for kind in (*ENTITY_TYPES, "all"))]
    total = lambda c, k: c[k, True] + c[k, False]  # noqa: E731
    ranked = sorted(counts.items(), key=lambda item: -total(item[1], "all"))
    for label, c in [*ranked, ("all values", every)]:
        cells = []
        for kind in (*ENTITY_TYPES, "all"):
            n = total(c, kind)
            cells.append(f"{c[kind, True] / n:6.3f} {c[kind, False]:3d}/{n:<4d}" if n else " " * 16)
        rows.append(f"{label:44}" + "".join(f"{cell:>16}" for cell in cells))
    return "\n".join(rows)


def main(argv: list[str] | None = None) -> None:
    """Print the evidence tables."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--halves", nargs="+", default=list(DEVELOPMENT_HALVES),
                        choices=DEVELOPMENT_HALVES, help="annotated halves to pool")  # fmt: skip
    parser.add_argument("--features", action="store_true", help="also a table per feature")
    parser.add_argument("--by-half", action="store_true", help="also the classes per half")
    args = parser.parse_args(argv)
    values = list(iter_values(args.halves))
    print("cells: precision wrong/values\n")
    print(table(values, lambda v: [v.evidence], "class (pooled)"))
    if args.features:
        print()
        print(table(values, lambda v: sorted(v.features), "feature (pooled)"))
    if args.by_half:
        for half in args.halves:
            print()
            print(table([v for v in values if v.half == half], lambda v: [v.evidence], half))


if __name__ == "__main__":
    main()
