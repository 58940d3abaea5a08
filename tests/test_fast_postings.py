"""The bulk posting writer writes the segment files Whoosh's own posting writer writes."""

from __future__ import annotations

import io
import pickle
import zlib
from collections import Counter
from pathlib import Path

import pytest
from whoosh.index import open_dir
from whoosh.qparser import MultifieldParser, QueryParser
from whoosh.system import pack_uint

from index.pipeline import parallel
from index.pipeline.build import build_index
from index.store import postings, segments
from tests.conftest import make_records, write_jsonl
from tests.test_build_parallel import index_contents, reference_index, write_corpus

QUERIES = [("body", "graan"), ("body", '"de rivieren"'), ("title", "rutte"), ("title", "België"),
           ("place", "brussel"), ("body", "haven OR dijk"), ("month", "2022-11")]  # fmt: skip


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> Path:
    """The test articles and, so posting lists take several blocks, 700 synthetic ones."""
    folder = tmp_path_factory.mktemp("corpus")
    write_corpus(folder / "news.jsonl")
    write_jsonl(folder / "synthetic.jsonl", make_records(700, seed=7, prefix="s"))
    return folder


def _build(index_dir: Path, corpus: Path, *, bulk: bool) -> Path:
    """Index ``corpus`` in this process with the bulk writer or with Whoosh's writer."""
    from index.entities import default_extractor

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(parallel, "worker_count", lambda: 1)
        original = segments.SegmentBuilder.__init__

        def init(self, *args, **kwargs):
            original(self, *args, bulk_postings=bulk, **kwargs)

        patch.setattr(segments.SegmentBuilder, "__init__", init)
        build_index(index_dir, [corpus], extractor=default_extractor())
    return index_dir


@pytest.fixture(scope="module")
def both_indexes(tmp_path_factory, corpus) -> tuple[Path, Path]:
    """The corpus indexed with the bulk writer (as configured) and with Whoosh's writer."""
    folder = tmp_path_factory.mktemp("postings")
    return (_build(folder / "bulk", corpus, bulk=True),
            _build(folder / "whoosh", corpus, bulk=False))  # fmt: skip


@pytest.fixture(scope="module")
def whoosh_settings_index(tmp_path_factory, corpus) -> Path:
    """The bulk writer with Whoosh's block settings: pickle protocol 2, every block zlibbed."""
    folder = tmp_path_factory.mktemp("postings")
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(postings, "BLOCK_PICKLE_PROTOCOL", 2)
        patch.setattr(postings, "COMPRESSED_FROM_BYTES", 0)
        return _build(folder / "bulk-whoosh-settings", corpus, bulk=True)


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


def test_segment_files_are_byte_for_byte_whooshs(both_indexes, whoosh_settings_index):
    bulk = segment_files(whoosh_settings_index)
    reference = segment_files(both_indexes[1])
    assert [sorted(files) for files in bulk] == [sorted(files) for files in reference]
    assert ".trm" in bulk[0] and ".pst" in bulk[0]
    assert bulk == reference


def block_settings(index_dir: Path) -> Counter:
    """``(pickle protocol, compression level) -> blocks`` over every posting list."""
    ix = open_dir(str(index_dir))
    found = Counter()
    with ix.reader() as reader:
        for leaf, _ in reader.leaf_readers():
            terms = leaf._terms
            for fieldname, term in leaf.all_terms():
                offset, length = leaf.term_info(fieldname, term).extent()
                raw = terms._postfile.get(offset, length[0] if isinstance(length, tuple)
                                          else length)  # fmt: skip
                at = 4  # the W3Bl header
                while at < len(raw):
                    size = int.from_bytes(raw[at : at + 4], "big", signed=True)
                    stream = io.BytesIO(raw[at + 4 : at + 4 + abs(size)])
                    compression = pickle.load(stream)[3]
                    data = stream.read()
                    if compression:
                        data = zlib.decompress(data)
                    found[data[1], compression] += 1
                    at += 4 + abs(size)
    return found


def test_blocks_use_protocol_3_and_zlib_only_where_it_pays(both_indexes):
    bulk, reference = (block_settings(path) for path in both_indexes)
    assert set(reference) == {(2, 3)}  # Whoosh: protocol 2, all compressed
    assert set(bulk) == {(3, 0), (3, 3)}
    assert bulk[3, 0] > 100 and bulk[3, 3] > 100
    sizes = [sum(len(f[".pst"]) for f in segment_files(path)) for path in both_indexes]
    assert sizes[0] < sizes[1] * 0.8


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
        for fieldname, term in one.all_terms():
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


def _expected_postings(documents, positional: bool) -> dict:
    """The posting lists of ``(docnum, token_terms)`` documents, built the plain way."""
    found: dict = {}
    for docnum, token_terms in documents:
        for position, terms in enumerate(token_terms):
            for term in terms:
                per_doc = found.setdefault(term, {})
                per_doc.setdefault(docnum, []).append(position)
    expected = {}
    for term, per_doc in found.items():
        docnums = sorted(per_doc)
        positions = [p for d in docnums for p in per_doc[d]] if positional else None
        expected[term] = (docnums, [len(per_doc[d]) for d in docnums], positions)
    return expected


@pytest.mark.parametrize("positional", [True, False])
def test_token_log_groups_occurrences_by_term_document_and_position(positional):
    """Stop words (no terms), compounds (several terms at one position), repeats, gaps; a
    term the other field has, but not this one, has no postings here."""
    import random

    from index.document_terms import TokenCatalogue
    from index.store.token_log import TokenLog

    rng = random.Random(5)
    vocabulary = [f"w{n}".encode() for n in range(40)]
    table = {f"t{n}": tuple(rng.sample(vocabulary, rng.choice([0, 1, 1, 1, 2, 3])))
             for n in range(60)}  # fmt: skip
    table["body"] = (b"only-in-the-body",)
    catalogue = TokenCatalogue({"title": table, "body": table})
    log = TokenLog(catalogue)
    documents = []
    for docnum in sorted(rng.sample(range(400), 120)):
        tokens = [rng.choice(list(table)[:60]) for _ in range(rng.randint(0, 30))]
        numbers = log.add(docnum, {"title": " ".join(tokens), "body": "body"})
        expected_length = sum(len(table[token]) for token in tokens)
        assert catalogue.fields["title"].length(numbers["title"]) == expected_length
        documents.append((docnum, [table[token] for token in tokens]))
    grouped = log.postings("title", positional=positional)
    got = {
        term: (docs.tolist(), freqs.tolist(), None if found is None else found.tolist())
        for term, (docs, freqs, found) in grouped.items()
    }
    expected = _expected_postings(documents, positional)
    if not positional:
        expected = {term: (docs, freqs, None) for term, (docs, freqs, _) in expected.items()}
    assert got == expected
    assert dict(TokenLog(catalogue).postings("title", positional=positional)) == {}


def test_remembered_field_terms_are_whooshs(tmp_path):
    """Months, dates, sources and entity names are analysed once per segment, same terms."""
    import datetime as dt

    from index.store.storage import create_index

    ix = create_index(tmp_path / "ix", extractor="test")
    builder = segments.SegmentBuilder(ix.storage, ix.indexname, ix.schema)
    values = {
        "month": ["2022-11", "2022-12", "2022-11"],
        "date": [dt.datetime(2022, 11, 3), dt.datetime(2022, 11, 3), dt.datetime(2021, 1, 1)],
        "source": ["/data/a.jsonl", "/data/a.jsonl"],
        "person": ["Mark Rutte\nVladimir Poetin", "Vladimir Poetin", "Mark Rutte\nMARK  RUTTE",
                   "Ursula von der Leyen\nMark Rutte\n", "Mark Rutte"],  # fmt: skip
        "place": ["Den Haag\nKyiv\nDen Haag", "Kyiv"],
    }
    for fieldname, samples in values.items():
        field = ix.schema[fieldname]
        for value in samples * 2:  # the second time from memory
            got = sorted(builder._field_terms(fieldname, field, value))
            assert got == sorted(field.index(value)), (fieldname, value)
    assert list(builder._field_terms("person", ix.schema["person"], "Mark Rutte\nMARK  RUTTE")) == [
        (b"mark rutte", 2, 2.0, pack_uint(2))]  # fmt: skip


def test_exact_forms_keep_their_frequency_and_no_positions(both_indexes):
    """index.schema.StemPositions: both writers give an exact form's postings the count
    alone; the stems keep their positions (phrases and snippets read those)."""
    for index_dir in both_indexes:
        with open_dir(str(index_dir)).reader() as reader:
            exact = [term for field, term in reader.all_terms()
                     if field == "body" and term.startswith(b"=")]  # fmt: skip
            assert len(exact) > 100
            for term in exact:
                matcher = reader.postings("body", term)
                while matcher.is_active():
                    assert matcher.value_as("positions") == []
                    assert matcher.value_as("frequency") == matcher.weight() >= 1
                    matcher.next()
            stem = reader.schema["body"].analyzer.terms("graan")[0]
            matcher = reader.postings("body", stem)
            assert len(matcher.value_as("positions")) == matcher.value_as("frequency") >= 1


def test_joined_postings_number_documents_reader_wide():
    """Segments' postings of one term as one list: documents after their segment's offset,
    each one's positions where they were; a segment without the term adds nothing."""
    import numpy as np

    def one(docs, positions):
        starts = np.cumsum([0] + [len(p) for p in positions])
        return postings.Postings(np.array(docs), np.array([len(p) for p in positions], float),
                                 starts, np.array([q for p in positions for q in p]))  # fmt: skip

    first, second = one([1, 4], [[3, 9], [2]]), one([0], [[5, 6, 7]])
    found = postings.joined([first, postings.NO_POSTINGS, second], [0, 10, 12])
    assert found.docs.tolist() == [1, 4, 12]
    assert found.weights.tolist() == [2.0, 1.0, 3.0]
    spans = zip(found.starts[:-1], found.starts[1:], strict=True)
    assert [found.positions[a:b].tolist() for a, b in spans] == [[3, 9], [2], [5, 6, 7]]
    assert postings.joined([postings.NO_POSTINGS], [0]) is postings.NO_POSTINGS


@pytest.mark.parametrize("boost", [None, 1.0, 2.5])
@pytest.mark.parametrize("kind", ["frequency", "positions", "bare", "fixed", "values"])
def test_a_term_in_one_document_is_written_as_any_term(tmp_path, boost, kind):
    """The one-posting path (most terms of a segment) writes the block path's bytes."""
    from array import array

    if boost is None and kind in ("frequency", "positions", "bare"):
        pytest.skip("a fused field's postings (frequencies and positions) come with a boost")

    from whoosh.codec import default_codec
    from whoosh.filedb.filestore import FileStorage

    storage = FileStorage(str(tmp_path))
    codec = default_codec()
    lengths = bytes([0, 7, 255, 1])
    cases = []
    for docnum, weight in [(0, 1), (1, 3), (2, 1), (3, 200)]:
        weights = [float(weight) * 0.7] if boost is None else array("i", [weight])
        values = {"frequency": None, "positions": array("i", range(5000, 5000 + weight)),
                  "bare": array("i", range(weight)), "fixed": [pack_uint(weight)],
                  "values": [pack_uint(weight) if docnum else b""]}[kind]  # fmt: skip
        fixed = 4 if kind == "fixed" else None
        for lengths_of in (lengths, None):
            cases.append((array("i", [docnum]), weights, values, fixed, lengths_of, boost,
                          kind == "bare"))  # fmt: skip
    written = []
    for method in ("_write_posting", "_write_blocks"):
        writer = postings.BulkFieldWriter(codec, storage, codec.new_segment(storage, "x"))
        infos = [getattr(writer, method)(*case) for case in cases]
        written.append((infos, bytes(writer._buffer)))
    assert written[0] == written[1]
