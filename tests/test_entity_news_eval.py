"""Tests for the modern-news facet scorer: its rules on tiny hand-made annotations."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from index.entities.eval_news import (
    NEWS_DIR,
    SPLITS,
    Annotation,
    NewsDataMissing,
    evaluate_news,
    format_news_report,
    match_article,
    read_annotations,
    score_articles,
)
from search.cli import main
from tests.conftest import shared_file
from tests.test_entity_eval import Scripted

THUNBERG = Annotation(
    "1",
    "dpg",
    {
        "person": [["Greta Thunberg", "Thunberg", "Greta"], ["Mark Rutte"]],
        "place": [["Den Haag"]],
        "org": [["Forum voor Democratie", "FvD"]],
    },
)


def test_an_alias_matches_once_and_a_second_value_for_it_is_wrong():
    found = match_article(THUNBERG, {"person": ["greta thunberg", "Greta"]})
    assert found["right"] == [("person", "greta thunberg")]
    assert found["wrong"] == [("person", "Greta", "repeat")]
    assert found["missed"][0] == ("person", ["Mark Rutte"])
    assert len(found["missed"]) == 3  # Rutte, Den Haag, Forum voor Democratie


def test_case_and_accents_are_folded_and_types_must_agree():
    found = match_article(
        THUNBERG, {"place": ["DEN HAAG", "FvD"], "org": ["Fórum voor Democratie"]}
    )
    assert found["right"] == [("place", "DEN HAAG"), ("org", "Fórum voor Democratie")]
    assert found["wrong"] == [("place", "FvD", "type")]


def test_micro_and_per_type_scores():
    facets = {"person": ["Greta Thunberg", "Cookies"], "place": ["Den Haag"], "org": ["FvD"]}
    result = score_articles([(THUNBERG, facets)])
    assert result["person"] == {"precision": 0.5, "recall": 0.5, "f1": 0.5,
                                "correct": 1, "predicted": 2, "gold": 2}  # fmt: skip
    assert result["micro"]["precision"] == 0.75
    assert result["micro"]["recall"] == 0.75
    assert result["articles"] == 1
    assert result["errors"][0]["wrong"] == [("person", "Cookies", "spurious")]


def test_an_article_with_nothing_annotated_and_nothing_found_scores_zero_counts():
    result = score_articles([(Annotation("2", "greta", {}), {})])
    assert result["micro"]["gold"] == result["micro"]["predicted"] == 0
    assert result["errors"] == []


@pytest.fixture
def news(tmp_path):
    """A sample table, dev annotations (one line from the test half) and one DPG file."""
    news_dir, data_dir = tmp_path / "news", tmp_path / "data"
    news_dir.mkdir()
    (data_dir / "dpgmedia2019").mkdir(parents=True)
    (news_dir / "sample.tsv").write_text("source\tid\tsplit\ndpg\t7\tdev\ndpg\t8\ttest\n")
    lines = [
        {"id": "7", "source": "dpg", "split": "dev", "person": [["Sigrid Kaag", "Kaag"]],
         "place": [["Utrecht"]], "org": []},
        {"id": "8", "source": "dpg", "split": "dev", "person": [["Jan Smit"]]},
    ]  # fmt: skip
    (news_dir / "annotations-dev.jsonl").write_text("".join(json.dumps(x) + "\n" for x in lines))
    articles = [{"id": 7, "title": "Kaag in Utrecht", "text": "Minister Sigrid Kaag sprak."},
                {"id": 8, "title": "Smit", "text": "Jan Smit zong."}]  # fmt: skip
    path = data_dir / "dpgmedia2019" / "dpgMedia2019-articles-byarticle-all.jsonl"
    path.write_text("".join(json.dumps(a) + "\n" for a in articles))
    return news_dir, data_dir


def test_read_annotations_keeps_only_ids_of_the_half(news):
    annotations, outside = read_annotations("dev", news[0])
    assert [a.id for a in annotations] == ["7"]
    assert outside == 1


def test_evaluate_news_scores_title_and_body(news):
    extractor = Scripted({"Sigrid Kaag": "person", "Utrecht": "place", "Minister": "person"})
    result = evaluate_news("dev", extractor=extractor, news_dir=news[0], data_dir=news[1])
    assert (result["micro"]["correct"], result["micro"]["predicted"]) == (2, 3)
    assert result["outside"] == 1 and result["unread"] == 0
    report = format_news_report(result, errors=True)
    assert "wrong person Minister  (spurious)" in report
    assert "1 annotation lines left out" in report


def test_read_annotations_of_the_held_out_second_test_half(news):
    news_dir = news[0]
    with (news_dir / "sample.tsv").open("a") as table:
        table.write("dpg\t9\ttest2\n")
    lines = [
        {"id": "9", "source": "dpg", "split": "test2", "person": [["Jan Smit"]]},
        {"id": "7", "source": "dpg", "split": "test2", "person": [["Sigrid Kaag"]]},
    ]
    (news_dir / "annotations-test2.jsonl").write_text("".join(json.dumps(x) + "\n" for x in lines))
    annotations, outside = read_annotations("test2", news_dir)
    assert [(a.id, a.entities["person"]) for a in annotations] == [("9", [["Jan Smit"]])]
    assert outside == 1
    with pytest.raises(NewsDataMissing, match="no such half"):
        read_annotations("test9", news_dir)


def test_missing_data_is_a_clear_error(news, tmp_path):
    with pytest.raises(NewsDataMissing, match="shared/data is not beside the project"):
        evaluate_news("dev", extractor=Scripted({}), news_dir=news[0], data_dir=tmp_path / "no")
    with pytest.raises(NewsDataMissing, match="no annotations"):
        read_annotations("test", news[0])


def test_cli_needs_a_file_or_a_half():
    result = CliRunner().invoke(main, ["eval-entities"])
    assert result.exit_code == 2
    assert "give CONLL_FILE or --news" in result.output


def test_dev_half_on_shared_data():
    shared_file("dpgmedia2019", "dpgMedia2019-articles-byarticle-all.jsonl")
    shared_file("greta-nl-news", "nl_greta_overview.tsv")
    if not (NEWS_DIR / "annotations-dev.jsonl").is_file():
        pytest.skip("bench/entities_news/annotations-dev.jsonl is not written yet")
    result = evaluate_news("dev")
    assert result["articles"] > 0
    assert 0.0 < result["micro"]["f1"] <= 1.0


@pytest.mark.parametrize("split", SPLITS)
def test_every_half_is_annotated_in_full_on_shared_data(split):
    """All 60 articles of a half are annotated and found. An extractor that finds nothing
    keeps the held-out half unscored by the real rules."""
    shared_file("dpgmedia2019", "dpgMedia2019-articles-byarticle-all.jsonl")
    shared_file("greta-nl-news", "nl_greta_overview.tsv")
    if not (NEWS_DIR / f"annotations-{split}.jsonl").is_file():
        pytest.skip(f"bench/entities_news/annotations-{split}.jsonl is not written yet")
    result = evaluate_news(split, extractor=Scripted({}))
    assert result["articles"] == 60
    assert result["outside"] == result["unread"] == 0
    assert result["micro"]["predicted"] == 0 < result["micro"]["gold"]
