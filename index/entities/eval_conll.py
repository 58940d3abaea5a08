"""Scoring an entity extractor on CoNLL-2002-format data (one token a line, IOB2 tags).

Each article (``-DOCSTART-`` separates them) is detokenised into plain text, one sentence a
line, given to the extractor, and the extracted character spans are mapped back to tokens.
Mentions score by exact span and type as ``conlleval`` counts them, for PER, LOC and ORG
(MISC is no facet and is left out). Documents score by the set of ``(type, folded mention
text)`` pairs per article, micro-averaged over articles.

>>> result = evaluate_conll("ned.testa")  # doctest: +SKIP
>>> result["mentions"]["micro"]["f1"]  # doctest: +SKIP
"""

from __future__ import annotations

import bisect
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from index.entities import EntityExtractor, default_extractor, facet_key

SCORED_TYPES = ("PER", "LOC", "ORG")
_CONLL_TYPE = {"person": "PER", "place": "LOC", "org": "ORG"}
_NO_SPACE_BEFORE = frozenset(".,;:!?)]}%'")
_NO_SPACE_AFTER = frozenset("([{")
_DIGITS = 4


@dataclass
class Article:
    """One CoNLL article: its sentences as ``(token, tag)`` lists."""

    sentences: list[list[tuple[str, str]]] = field(default_factory=list)


@dataclass
class Detokenised:
    """An article's text with each token's character span, in token order."""

    text: str
    starts: list[int]
    ends: list[int]


def read_conll(lines: Iterable[str]) -> Iterator[Article]:
    """Yield the articles of CoNLL-2002 lines (``token POS tag`` or ``token tag``)."""
    article, sentence = Article(), []
    for line in lines:
        parts = line.split()
        if parts and parts[0] == "-DOCSTART-":
            if sentence:
                article.sentences.append(sentence)
            if article.sentences:
                yield article
            article, sentence = Article(), []
        elif not parts:
            if sentence:
                article.sentences.append(sentence)
            sentence = []
        else:
            sentence.append((parts[0], parts[-1]))
    if sentence:
        article.sentences.append(sentence)
    if article.sentences:
        yield article


def detokenise(sentences: list[list[str]]) -> Detokenised:
    """Join tokens as a writer would: no space before ``.``/``)``, none after ``(``.

    >>> detokenise([["Finot", "(", "Fra", ")", "won", "."]]).text
    'Finot (Fra) won.'
    """
    pieces: list[str] = []
    starts: list[int] = []
    ends: list[int] = []
    length = 0
    for number, sentence in enumerate(sentences):
        if number:
            pieces.append("\n")
            length += 1
        previous, open_quote = "", False
        for token in sentence:
            glue = _glue(previous, token, open_quote)
            if token == '"':
                open_quote = not open_quote
            pieces.append(glue + token)
            starts.append(length + len(glue))
            length += len(glue) + len(token)
            ends.append(length)
            previous = token
    return Detokenised("".join(pieces), starts, ends)


def _glue(previous: str, token: str, open_quote: bool) -> str:
    """The space (or none) to put between two tokens."""
    if not previous or previous in _NO_SPACE_AFTER or (previous == '"' and open_quote):
        return ""
    if token in _NO_SPACE_BEFORE or (token == '"' and open_quote):
        return ""
    return " "


def gold_spans(tags: list[str]) -> set[tuple[str, int, int]]:
    """Chunks of IOB tags as ``(type, first token, last token)``, as conlleval reads them."""
    spans: set[tuple[str, int, int]] = set()
    kind, begin = None, 0
    for i, tag in enumerate([*tags, "O"]):
        prefix, _, label = tag.partition("-")
        continues = prefix == "I" and label == kind
        if kind is not None and not continues:
            spans.add((kind, begin, i - 1))
            kind = None
        if prefix == "B" or (prefix == "I" and not continues):
            kind, begin = label, i
    return {span for span in spans if span[0] in SCORED_TYPES}


def predicted_spans(extractor: EntityExtractor, doc: Detokenised) -> set[tuple[str, int, int]]:
    """The extractor's mentions as token spans (every token the mention overlaps)."""
    spans = set()
    for entity in extractor.extract(doc.text):
        kind = _CONLL_TYPE.get(entity.type)
        first = bisect.bisect_right(doc.ends, entity.start)
        last = bisect.bisect_left(doc.starts, entity.end) - 1
        if kind and first <= last:
            spans.add((kind, first, last))
    return spans


def _span_text(doc: Detokenised, span: tuple[str, int, int]) -> tuple[str, str]:
    return span[0], facet_key(doc.text[doc.starts[span[1]] : doc.ends[span[2]]])


def precision_recall_f1(correct: int, predicted: int, gold: int) -> dict[str, float]:
    """Precision, recall and F1 of counts, rounded to four places (0.0 when undefined)."""
    precision = correct / predicted if predicted else 0.0
    recall = correct / gold if gold else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {
        "precision": round(precision, _DIGITS),
        "recall": round(recall, _DIGITS),
        "f1": round(f1, _DIGITS),
    }


def evaluate_articles(articles: Iterable[Article], extractor: EntityExtractor | None = None):
    """Score ``extractor`` (default: the Dutch rules) on parsed articles; see the module doc."""
    extractor = extractor or default_extractor()
    counts = {kind: Counter() for kind in SCORED_TYPES}
    documents = Counter()
    n_articles = n_tokens = 0
    for article in articles:
        doc = detokenise([[tok for tok, _ in s] for s in article.sentences])
        gold = gold_spans([tag for s in article.sentences for _, tag in s])
        predicted = predicted_spans(extractor, doc)
        for kind in SCORED_TYPES:
            counts[kind]["correct"] += sum(1 for s in predicted & gold if s[0] == kind)
            counts[kind]["predicted"] += sum(1 for s in predicted if s[0] == kind)
            counts[kind]["gold"] += sum(1 for s in gold if s[0] == kind)
        gold_names = {_span_text(doc, s) for s in gold}
        found_names = {_span_text(doc, s) for s in predicted}
        documents.update(
            correct=len(gold_names & found_names), predicted=len(found_names), gold=len(gold_names)
        )
        n_articles += 1
        n_tokens += len(doc.starts)
    return _result(counts, documents, n_articles, n_tokens)


def _result(counts, documents, n_articles: int, n_tokens: int) -> dict:
    total = sum(counts.values(), Counter())
    mentions = {
        kind: precision_recall_f1(c["correct"], c["predicted"], c["gold"])
        for kind, c in counts.items()
    }
    mentions["micro"] = precision_recall_f1(total["correct"], total["predicted"], total["gold"])
    return {
        "mentions": mentions,
        "documents": precision_recall_f1(
            documents["correct"], documents["predicted"], documents["gold"]
        ),
        "articles": n_articles,
        "tokens": n_tokens,
    }


def evaluate_conll(path: str | Path, extractor: EntityExtractor | None = None) -> dict:
    """Score ``extractor`` on a CoNLL-2002 file; returns mention and document P/R/F1.

    The result is ``{"mentions": {"PER"|"LOC"|"ORG"|"micro": {"precision", "recall",
    "f1"}}, "documents": {...}, "articles": int, "tokens": int}``, floats to 4 places.
    """
    with open(path, encoding="utf-8") as lines:
        return evaluate_articles(read_conll(lines), extractor)


def format_report(result: dict) -> str:
    """A plain-text table of an :func:`evaluate_conll` result."""
    rows = [f"{'':10}{'precision':>10}{'recall':>10}{'f1':>10}"]
    for label, scores in [*result["mentions"].items(), ("documents", result["documents"])]:
        rows.append(
            f"{label:10}"
            + "".join(f"{scores[key]:>10.4f}" for key in ("precision", "recall", "f1"))
        )
    rows.append(f"{result['articles']} articles, {result['tokens']} tokens")
    return "\n".join(rows)
