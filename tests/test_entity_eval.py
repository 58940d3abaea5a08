"""Tests for the CoNLL-2002 entity scorer: its arithmetic on a tiny hand-written snippet."""

from __future__ import annotations

import io

import pytest

from index.entities import Entity
from index.entities.eval_conll import (
    detokenise,
    evaluate_articles,
    evaluate_conll,
    format_report,
    gold_spans,
    read_conll,
)
from tests.conftest import shared_file

SNIPPET = """\
-DOCSTART- -DOCSTART- O
Vladimir N B-PER
Poetin N I-PER
sprak V O
in Prep O
Moskou N B-LOC
met Prep O
de Art O
NAVO N B-ORG
. Punc O

De Art O
Vlaamse Adj B-MISC
regering N O
zweeg V O
. Punc O
-DOCSTART- -DOCSTART- O
Erdogan N B-PER
bezocht V O
Ankara N B-LOC
( Punc O
Turkije N B-LOC
) Punc O
. Punc O
"""


class Scripted:
    """An extractor that finds fixed strings, to check the scorer's counting."""

    version = "scripted"

    def __init__(self, found: dict[str, str]) -> None:
        self.found = found

    def extract(self, text: str) -> list[Entity]:
        result = []
        for surface, kind in self.found.items():
            start = text.find(surface)
            if start >= 0:
                result.append(Entity(kind, surface, start, start + len(surface), surface))
        return sorted(result, key=lambda e: e.start)


def score(found: dict[str, str]) -> dict:
    return evaluate_articles(read_conll(io.StringIO(SNIPPET)), Scripted(found))


def test_reads_articles_and_sentences():
    articles = list(read_conll(io.StringIO(SNIPPET)))
    assert [len(a.sentences) for a in articles] == [2, 1]
    assert articles[1].sentences[0][2] == ("Ankara", "B-LOC")


def test_detokenise_glues_punctuation_and_records_spans():
    doc = detokenise([["Erdogan", "bezocht", "Ankara", "(", "Turkije", ")", "."], ["Ja", "."]])
    assert doc.text == "Erdogan bezocht Ankara (Turkije).\nJa."
    assert [doc.text[s:e] for s, e in zip(doc.starts, doc.ends, strict=True)][3:6] == [
        "(",
        "Turkije",
        ")",
    ]


def test_gold_spans_leave_out_misc_and_follow_conlleval():
    assert gold_spans(["B-PER", "I-PER", "O", "B-MISC", "I-LOC", "I-LOC"]) == {
        ("PER", 0, 1),
        ("LOC", 4, 5),
    }


def test_perfect_extractor_scores_one():
    result = score(
        {
            "Vladimir Poetin": "person",
            "Moskou": "place",
            "NAVO": "org",
            "Erdogan": "person",
            "Ankara": "place",
            "Turkije": "place",
        }
    )
    assert result["mentions"]["micro"] == {"precision": 1.0, "recall": 1.0, "f1": 1.0}
    assert result["documents"]["f1"] == 1.0
    assert (result["articles"], result["tokens"]) == (2, 21)


def test_partial_spans_wrong_types_and_misses():
    # "Poetin" is a partial span (wrong), NAVO typed as a place (wrong), Vlaamse is MISC (a
    # false positive), Ankara and Moskou right; Erdogan and Turkije missed.
    result = score(
        {
            "Poetin": "person",
            "Moskou": "place",
            "NAVO": "place",
            "Vlaamse": "org",
            "Ankara": "place",
        }
    )
    mentions = result["mentions"]
    assert mentions["PER"] == {"precision": 0.0, "recall": 0.0, "f1": 0.0}
    assert mentions["LOC"] == {"precision": 0.6667, "recall": 0.6667, "f1": 0.6667}
    assert mentions["ORG"] == {"precision": 0.0, "recall": 0.0, "f1": 0.0}
    assert mentions["micro"] == {"precision": 0.4, "recall": 0.3333, "f1": 0.3636}
    # Documents: 2 of 5 predicted (type, name) pairs are gold; 6 gold pairs in all.
    assert result["documents"] == {"precision": 0.4, "recall": 0.3333, "f1": 0.3636}


def test_document_level_folds_case_and_accents():
    snippet = "-DOCSTART- -DOCSTART- O\nOEKRAÏNE N B-LOC\n\nOekraine N B-LOC\n"
    result = evaluate_articles(read_conll(io.StringIO(snippet)), Scripted({"OEKRAÏNE": "place"}))
    assert result["mentions"]["LOC"]["recall"] == 0.5
    assert result["documents"]["f1"] == 1.0


def test_format_report_lists_every_row():
    report = format_report(score({"Moskou": "place"}))
    lines = report.splitlines()
    assert [line.split()[0] for line in lines[1:6]] == ["PER", "LOC", "ORG", "micro", "documents"]
    assert lines[-1] == "2 articles, 21 tokens"


def test_result_shape_on_real_data():
    path = shared_file("conll2002-nl", "ned.testa")
    result = evaluate_conll(path)
    assert set(result) == {"mentions", "documents", "articles", "tokens"}
    assert set(result["mentions"]) == {"PER", "LOC", "ORG", "micro"}
    assert result["articles"] == 74
    assert result["mentions"]["micro"]["f1"] > 0.5


@pytest.mark.parametrize("bad", ["", "-DOCSTART- -DOCSTART- O\n"])
def test_empty_input_scores_zero(bad):
    result = evaluate_articles(read_conll(io.StringIO(bad)), Scripted({}))
    assert result["articles"] == 0
    assert result["documents"] == {"precision": 0.0, "recall": 0.0, "f1": 0.0}
