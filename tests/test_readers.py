"""Corpus readers on real Dutch files: seed text, JSON Lines, CSV/TSV, gzip, folders."""

from __future__ import annotations

import gzip
import json
from pathlib import Path

import pytest
from conftest import SEED_2022, SEED_2025, shared_file

from corpus import SAMPLE_CORPUS, read_corpus
from corpus.dates import parse_date
from corpus.readers import iter_corpus_files
from corpus.textformat import first_sentence, parse_seed_text


def read(paths, **options):
    problems, fields = [], []
    articles = list(read_corpus(paths, on_problem=problems.append,
                                on_fields=lambda p, d: fields.append(d), **options))  # fmt: skip
    return articles, problems, fields


def test_sample_corpus_holds_both_seed_articles():
    articles, problems, _ = read([SAMPLE_CORPUS])
    assert [a.id for a in articles] == [SEED_2022, SEED_2025]
    assert [a.month for a in articles] == ["2022-11", "2025-05"]
    assert problems == []
    first = articles[0]
    assert first.title == (
        "De Russische president Poetin en zijn Turkse ambtgenoot Erdogan hebben telefonisch "
        "overleg gehad over de oorlog in Oekraïne."
    )
    assert "Graandeal" in first.body and first.body.startswith("De Russische president")


def test_headline_line_becomes_the_title():
    title, body, month, _, problem = parse_seed_text(
        " date 2019-03 Kabinet valt over stikstof\n\nHet kabinet is gevallen. Dat meldt de NOS."
    )
    assert (title, body, month, problem) == (
        "Kabinet valt over stikstof",
        "Het kabinet is gevallen. Dat meldt de NOS.",
        "2019-03",
        None,
    )


def test_first_sentence_skips_abbreviations_and_times():
    text = "Dhr. Jansen sprak om 17.00 uur met o.a. de burgemeester. Daarna ging hij naar huis."
    assert first_sentence(text) == "Dhr. Jansen sprak om 17.00 uur met o.a. de burgemeester."


def test_a_text_file_without_a_date_header_is_a_note_unless_asked(tmp_path):
    (tmp_path / "a.txt").write_text("date 2022-13 Een zin over graan.", encoding="utf-8")
    (tmp_path / "README.txt").write_text("Hoe dit archief werkt.\n\nUitleg.", encoding="utf-8")
    articles, problems, _ = read([tmp_path])
    assert [a.id for a in articles] == ["a.txt"]
    note = next(p for p in problems if p.path.endswith("README.txt"))
    assert "read as a note, not an article" in note.reason and not note.skipped
    articles, _, _ = read([tmp_path], undated_text=True)
    assert [(a.id, a.month) for a in articles] == [("README.txt", None), ("a.txt", None)]


@pytest.mark.parametrize("pattern, left", [
    ("*.md", ["a.txt", "sub/b.jsonl"]), ("sub", ["LEESMIJ.md", "a.txt"]),
    ("sub/*.jsonl", ["LEESMIJ.md", "a.txt"]), ("b.jsonl", ["LEESMIJ.md", "a.txt"]),
])  # fmt: skip
def test_exclude_patterns_leave_out_files_and_folders(tmp_path, pattern, left):
    (tmp_path / "a.txt").write_text("date 2022-01 Kop\n\nTekst.", encoding="utf-8")
    (tmp_path / "LEESMIJ.md").write_text("notities", encoding="utf-8")
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "b.jsonl").write_text('{"id": "b", "title": "T", "text": "x"}\n', "utf-8")
    problems = []
    files = [p.relative_to(tmp_path).as_posix()
             for p in iter_corpus_files(tmp_path, problems.append, exclude=(pattern,))]
    assert files == [name for name in left if not name.endswith(".md")]
    assert [Path(p.path).name for p in problems] == [n for n in left if n.endswith(".md")]


def test_bad_or_missing_date_header_keeps_the_article(tmp_path):
    (tmp_path / "a.txt").write_text("date 2022-13 Een zin over graan.", encoding="utf-8")
    (tmp_path / "b.txt").write_text("Geen datumregel hier. Wel tekst.", encoding="utf-8")
    articles, problems, _ = read([tmp_path], undated_text=True)
    assert [(a.id, a.month, a.title) for a in articles] == [
        ("a.txt", None, "Een zin over graan."),
        ("b.txt", None, "Geen datumregel hier."),
    ]
    assert [(p.line, p.skipped) for p in problems] == [(1, False), (1, False)]
    assert "month out of range" in problems[0].reason
    assert "no 'date YYYY-MM' header" in problems[1].reason


def test_json_lines_field_variants_are_found_and_reported(tmp_path):
    path = tmp_path / "news.jsonl.gz"
    records = [
        {"uuid": "x1", "headline": "Kop één", "content": "Tekst één.", "published": 1552003200},
        {"uuid": "x2", "headline": "Kop twee", "content": "Tekst twee.", "published": "2019-04"},
    ]
    with gzip.open(path, "wt", encoding="utf-8") as out:
        out.write("\n".join(json.dumps(r) for r in records))
    articles, problems, fields = read([path])
    assert [(a.id, a.title, a.body, a.month) for a in articles] == [
        ("x1", "Kop één", "Tekst één.", "2019-03"),
        ("x2", "Kop twee", "Tekst twee.", "2019-04"),
    ]
    assert problems == []
    assert fields == ["id=uuid, title=headline, body=content, date=published"]


def test_broken_json_line_is_reported_and_the_rest_read(tmp_path):
    path = tmp_path / "news.jsonl"
    path.write_text('{"id": 1, "title": "Een", "text": "x"}\n{broken\n[1, 2]\n'
                    '{"id": 2, "title": "Twee", "text": "y"}\n', encoding="utf-8")  # fmt: skip
    articles, problems, _ = read([path])
    assert [a.id for a in articles] == ["1", "2"]
    assert [(p.line, p.reason.split(" (")[0]) for p in problems] == [
        (2, "broken JSON"),
        (3, "not a JSON object but list"),
    ]


def test_dates_in_many_spellings():
    assert parse_date("2019-03-05T10:00:00Z")[1] == "2019-03"
    assert parse_date("05-03-2019")[1] == "2019-03"
    assert parse_date("20190305")[1] == "2019-03"
    assert parse_date(1551780000000)[1] == "2019-03"  # milliseconds
    for bad in ("2019-13", "0000-05", "gisteren", ""):
        try:
            parse_date(bad)
        except ValueError:
            continue
        raise AssertionError(f"{bad!r} should not parse")


def test_real_dpgmedia_jsonl_loads():
    path = shared_file("dpgmedia2019", "dpgMedia2019-articles-byarticle-all.jsonl")
    articles, problems, fields = read([path])
    assert len(articles) >= 1430
    assert fields == ["id=id, title=title, body=text, date=published_at"]
    assert all(a.month and a.month.startswith("2019-") for a in articles)
    assert len({a.id for a in articles}) == len(articles)
    assert all(p.reason == "record has no title and no text" for p in problems)


def test_real_greta_tsv_loads():
    path = shared_file("greta-nl-news", "nl_greta_overview.tsv")
    articles, problems, fields = read([path])
    assert len(articles) == 101
    assert [(p.kind, p.skipped) for p in problems] == [("empty date", False)] * 27
    assert fields == ["id=URL (no id field), title=Title, body=Text, date=Publication Date"]
    assert sum(1 for a in articles if a.month) == 74  # 27 rows have no publication date
    assert all(a.id.startswith("http") for a in articles)


def test_real_headlines_csv_with_quoted_commas_loads():
    path = shared_file("ecosent-headlines", "metadata.csv")
    articles, problems, _ = read([path])
    assert len(articles) == 8227 and problems == []
    assert any(a.title == "Minder winst bij ING Bank, wel weer dividend" for a in articles)
