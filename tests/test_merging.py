"""Merging on update: big segments stay, small ones are merged once enough pile up."""

from __future__ import annotations

from dataclasses import dataclass

import pytest
from whoosh.writing import MERGE_SMALL

import search
from index.pipeline.build import build_index
from index.store import merging
from index.store.facetfile import load_segment_words
from search.suggest import word_frequencies
from tests.conftest import make_records, write_jsonl
from tests.test_suggest import _analysed_frequencies


@dataclass
class FakeSegment:
    docs: int
    deleted: int = 0

    def doc_count_all(self) -> int:
        return self.docs

    def doc_count(self) -> int:
        return self.docs - self.deleted

    def close(self) -> None:  # also stands in for the segment's reader
        pass


class RecordingWriter:
    """Stands in for Whoosh's writer in MERGE_SMALL: records what it would merge."""

    storage = schema = None

    def __init__(self) -> None:
        self.merged = []

    def add_reader(self, reader) -> None:
        self.merged.append(reader)


def test_an_update_of_a_large_build_rewrites_no_big_segment(monkeypatch):
    # A 1,000,000-article build: 120 segments of ~8,300 articles, one of 100 from an update.
    segments = [FakeSegment(8_300, deleted=1) for _ in range(120)] + [FakeSegment(100)]
    assert merging.segments_to_merge(segments) == []
    # Whoosh's default policy would merge the two dozen smallest, ~200,000 articles.
    import whoosh.reading

    monkeypatch.setattr(whoosh.reading, "SegmentReader", lambda storage, schema, seg: seg)
    writer = RecordingWriter()
    MERGE_SMALL(writer, segments)
    assert sum(segment.docs for segment in writer.merged) > 150_000


def test_small_segments_are_merged_once_enough_pile_up():
    big = [FakeSegment(8_000) for _ in range(5)]
    small = [FakeSegment(100 + n) for n in range(merging.SMALL_SEGMENTS_MERGED_AT - 1)]
    assert merging.segments_to_merge(big + small) == []
    one_more = FakeSegment(50)
    assert merging.segments_to_merge(big + small + [one_more]) == small + [one_more]


def test_mostly_deleted_segments_are_merged_away():
    worn = FakeSegment(8_000, deleted=4_001)
    assert merging.segments_to_merge([FakeSegment(8_000, deleted=3_999), worn]) == [worn]


def test_repeated_updates_keep_the_segment_count_bounded(tmp_path, monkeypatch):
    monkeypatch.setattr(merging, "SMALL_SEGMENTS_MERGED_AT", 3)
    corpus = tmp_path / "corpus"
    records = make_records(60)
    write_jsonl(corpus / "news.jsonl", records)
    build_index(tmp_path / "ix", [corpus])
    counts = []
    for run in range(4):
        records[run]["text"] += f" Bijgewerkt in ronde {run}."
        write_jsonl(corpus / "news.jsonl", records)
        build_index(tmp_path / "ix", [corpus])
        with search.Engine.open(tmp_path / "ix") as engine:
            reader = engine._searcher()[0].reader()
            counts.append(len(reader.leaf_readers()))
            assert reader.doc_count() == 60
            assert engine.search(f"ronde {run}").total >= 1
            assert engine.search("bijgewerkt").total == run + 1
            # Merged segments too get a facet file with their vocabulary.
            assert all(load_segment_words(leaf) is not None
                       for leaf, _ in reader.leaf_readers())  # fmt: skip
            assert word_frequencies(reader) == _analysed_frequencies(reader)
            assert engine.suggest("bijgewerk") == "bijgewerkt"
    # The build's segment, +1 per update; at 3 small ones they become one (and the update's).
    assert counts == [2, 3, 2, 3]


@pytest.mark.parametrize("docs, small", [(1_999, True), (2_000, False)])
def test_small_means_below_the_limit(docs, small):
    segments = [FakeSegment(docs) for _ in range(merging.SMALL_SEGMENTS_MERGED_AT)]
    assert bool(merging.segments_to_merge(segments)) is small
