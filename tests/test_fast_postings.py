"""The bulk posting writer writes the segment files Whoosh's own posting writer writes."""

from __future__ import annotations

from pathlib import Path

import pytest
from whoosh.index import open_dir
from whoosh.qparser import MultifieldParser, QueryParser

from index import parallel, segments
from index.build import build_index
from tests.conftest import make_records, write_jsonl
from tests.test_build_parallel import index_contents, reference_index, write_corpus

QUERIES = [("body", "graan"), ("body", '"de rivieren"'), ("title", "rutte"), ("words", "België"),
           ("place", "brussel"), ("body", "haven OR dijk"), ("month", "2022-11")]  # fmt: skip


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> Path:
    """The test articles and, so posting lists take several blocks, 700 synthetic ones."""
    folder = tmp_path_factory.mktemp("corpus")
    write_corpus(folder / "news.jsonl")
    write_jsonl(folder / "synthetic.jsonl", make_records(700, seed=7, prefix="s"))
    return folder


@pytest.fixture(scope="module")
def both_indexes(tmp_path_factory, corpus) -> tuple[Path, Path]:
    """The corpus indexed in this process with the bulk writer and with Whoosh's writer."""
    from index.entities import default_extractor

    folder = tmp_path_factory.mktemp("postings")
    extractor = default_extractor()
    built = []
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(parallel, "worker_count", lambda: 1)
        for bulk in (True, False):
            original = segments.SegmentBuilder.__init__

            def init(self, *args, _original=original, _bulk=bulk, **kwargs):
                _original(self, *args, bulk_postings=_bulk, **kwargs)

            patch.setattr(segments.SegmentBuilder, "__init__", init)
            index_dir = folder / ("bulk" if bulk else "whoosh")
            build_index(index_dir, [corpus], extractor=extractor)
            patch.setattr(segments.SegmentBuilder, "__init__", original)
            built.append(index_dir)
    return built[0], built[1]


def segment_files(index_dir: Path) -> list[dict[str, bytes]]:
    """Each segment's sub-files by extension (segment ids are random, so left out)."""
    ix = open_dir(str(index_dir))
    found = []
    for segment in ix._segments():
        compound = segment.open_compound_file(ix.storage)
        prefix = segment.segment_id()
        found.append({
            name[len(prefix):]: compound.open_file(name).read() for name in compound.list()
        })  # fmt: skip
        compound.close()
    return found


def test_segment_files_are_byte_for_byte_whooshs(both_indexes):
    bulk, reference = (segment_files(path) for path in both_indexes)
    assert [sorted(files) for files in bulk] == [sorted(files) for files in reference]
    assert ".trm" in bulk[0] and ".pst" in bulk[0]
    assert bulk == reference


def term_infos(index_dir: Path) -> dict:
    """``(field, term) -> term statistics`` as plain Whoosh reads them."""
    ix = open_dir(str(index_dir))
    with ix.reader() as reader:
        return {
            (fieldname, term): _info_tuple(reader.term_info(fieldname, term))
            for fieldname, term in reader.all_terms()
        }


def _info_tuple(info) -> tuple:
    return (info.weight(), info.doc_frequency(), info.min_length(), info.max_length(),
            info.max_weight(), info.min_id(), info.max_id())  # fmt: skip


def test_term_statistics_and_postings_match(both_indexes):
    bulk, reference = both_indexes
    infos = term_infos(bulk)
    assert infos == term_infos(reference)
    assert max(frequency for _, frequency, *_ in infos.values()) > 300  # several blocks
    ix_bulk, ix_reference = open_dir(str(bulk)), open_dir(str(reference))
    with ix_bulk.reader() as one, ix_reference.reader() as other:
        for fieldname, term in list(one.all_terms())[::7]:
            mine, theirs = one.postings(fieldname, term), other.postings(fieldname, term)
            assert list(mine.all_items()) == list(theirs.all_items())


def test_plain_whoosh_finds_the_same_hits(both_indexes):
    results = []
    for index_dir in both_indexes:
        ix = open_dir(str(index_dir))
        with ix.searcher() as searcher:
            found = []
            for fieldname, text in QUERIES:
                query = QueryParser(fieldname, ix.schema).parse(text)
                hits = searcher.search(query, limit=20)
                found.append([(hit["id"], round(hit.score, 6)) for hit in hits])
            parser = MultifieldParser(["title", "body"], ix.schema)
            hits = searcher.search(parser.parse("klimaat rivier"), limit=20)
            found.append([(hit["id"], round(hit.score, 6)) for hit in hits])
        results.append(found)
    assert results[0] == results[1]
    assert all(results[0][:4])  # every one of these queries has hits


def test_the_index_is_the_one_whooshs_add_document_makes(both_indexes, corpus, tmp_path):
    """Title, body and the ``words`` field from one tokenisation: the same terms as Whoosh."""
    from index.entities import default_extractor

    reference = tmp_path / "reference"
    reference_index(corpus, reference, default_extractor())
    assert index_contents(both_indexes[0]) == index_contents(reference)
