"""The parallel segment writer: same index as Whoosh's own writer, crash-safe, incremental."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from whoosh.index import open_dir

from corpus import read_corpus
from index.pipeline import build, parallel
from index.pipeline.build import _fingerprint, analysed_document, article_document, build_index
from index.store.facetfile import _from_columns, load_segment_facets
from index.store.segments import SegmentBuilder
from index.store.storage import create_index

ARTICLES = [
    ("a1", "Poetin spreekt over graandeal", "Vladimir Poetin sprak in Moskou over de graandeal. "
     "De Oekraïense graantransporten gaan door, zei de Kremlin-woordvoerder.", "2022-11-03"),
    ("a2", "Rutte in Brussel", "Mark Rutte overlegde in Brussel met de NAVO over 2,5 miljard "
     "euro steun. Rutte noemde het 'een goede dag'.", "2023-01-15"),
    ("a3", "Overstromingen in België", "In België en Nederland staan de rivieren hoog. "
     "Rijkswaterstaat waarschuwt voor de Maas bij Maastricht.", "2021-07-16"),
    ("a4", "Greta Thunberg in Amsterdam", "Greta Thunberg demonstreerde in Amsterdam. "
     "De klimaatactiviste sprak met scholieren over het klimaat.", "2019-11-02"),
    ("a5", "Zonder datum", "Een bericht zonder datum over de agenda's van ministers.", ""),
]  # fmt: skip


def write_corpus(path: Path, articles=ARTICLES) -> Path:
    lines = [
        json.dumps({"id": i, "title": t, "text": x, **({"date": d} if d else {})})
        for i, t, x, d in articles
    ]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


@pytest.fixture
def two_workers(monkeypatch):
    """Force worker processes and tiny batches, so even five articles go through them."""
    force_two_workers(monkeypatch)


def force_two_workers(monkeypatch) -> None:
    """:func:`two_workers` for a fixture of a wider scope (its own ``MonkeyPatch``)."""
    monkeypatch.setattr(parallel, "worker_count", lambda: 2)
    monkeypatch.setattr(parallel, "BATCH_SIZE", 2)
    original = parallel.SegmentPipeline.__init__

    def init(self, *args, **kwargs):
        kwargs.setdefault("batch_size", 2)
        original(self, *args, **kwargs)

    monkeypatch.setattr(parallel.SegmentPipeline, "__init__", init)


def index_contents(index_dir: Path) -> dict:
    """Postings, stored fields, lengths and columns keyed by article id (not docnum)."""
    ix = open_dir(str(index_dir))
    with ix.reader() as reader:
        ids = {d: reader.stored_fields(d)["id"] for d in reader.all_doc_ids()}
        postings = {}
        for fieldname, term in reader.all_terms():
            matcher = reader.postings(fieldname, term)
            items = []
            while matcher.is_active():
                items.append((ids[matcher.id()], matcher.value(), matcher.weight()))
                matcher.next()
            postings[(fieldname, term)] = sorted(items)
        stored = {ids[d]: reader.stored_fields(d) for d in ids}
        lengths = {
            (f, ids[d]): reader.doc_field_length(d, f) for d in ids for f in ("title", "body")
        }
        columns = {
            (c, ids[d]): reader.column_reader(c)[d]
            for d in ids
            for c in ("facets", "fingerprint", "month", "id", "source")
        }
    return {"postings": postings, "stored": stored, "lengths": lengths, "columns": columns}


def reference_index(corpus: Path, index_dir: Path, extractor) -> None:
    """The index Whoosh's own writer makes from the same documents."""
    ix = create_index(index_dir, extractor=extractor.version if extractor else "")
    writer = ix.writer()
    for article in read_corpus([corpus]):
        source = str(Path(article.source).resolve())
        document = article_document(article, source, _fingerprint(article, source), extractor)
        writer.add_document(**document)
    writer.commit()


@pytest.mark.parametrize("workers", [True, False], ids=["workers", "in-process"])
def test_segments_match_whooshs_own_writer(tmp_path, request, workers):
    if workers:
        request.getfixturevalue("two_workers")
    from index.entities import default_extractor

    corpus = write_corpus(tmp_path / "news.jsonl")
    build_index(tmp_path / "fast", [corpus], extractor=default_extractor())
    reference_index(corpus, tmp_path / "reference", default_extractor())
    assert index_contents(tmp_path / "fast") == index_contents(tmp_path / "reference")


def test_plain_whoosh_reads_and_searches_the_index(tmp_path, two_workers, monkeypatch):
    original = parallel.SegmentPipeline.__init__

    def init(self, *args, **kwargs):  # a segment per article, whichever worker takes it
        original(self, *args, **{**kwargs, "segment_entries": 1})

    monkeypatch.setattr(parallel.SegmentPipeline, "__init__", init)
    corpus = write_corpus(tmp_path / "news.jsonl")
    build_index(tmp_path / "ix", [corpus])
    ix = open_dir(str(tmp_path / "ix"))
    assert len(ix._segments()) >= 2  # written by more than one worker
    with ix.searcher() as searcher:
        from whoosh.qparser import QueryParser

        hits = searcher.search(QueryParser("body", ix.schema).parse("rivieren"))
        assert [hit["id"] for hit in hits] == ["a3"]


def test_incremental_update_replaces_changed_articles(tmp_path, two_workers):
    corpus = write_corpus(tmp_path / "news.jsonl")
    build_index(tmp_path / "ix", [corpus])
    changed = [ARTICLES[0], ("a2", "Rutte in Parijs", "Mark Rutte sprak in Parijs.", "2023-01-15"),
               *ARTICLES[2:4]]  # fmt: skip
    write_corpus(corpus, changed)
    report = build_index(tmp_path / "ix", [corpus])
    assert (report.added, report.updated, report.removed, report.unchanged) == (0, 1, 1, 3)
    ix = open_dir(str(tmp_path / "ix"))
    with ix.searcher() as searcher:
        assert sorted(searcher.document(id=i)["title"] for i in ("a1", "a2")) == [
            "Poetin spreekt over graandeal",
            "Rutte in Parijs",
        ]
        assert searcher.doc_count() == 4


def test_a_moved_corpus_replaces_every_article_through_one_searcher(tmp_path, monkeypatch):
    """Every article changed (its file moved): each old copy is deleted, and the writer's
    segments are opened once for all the deletions, not once per article."""
    from whoosh.writing import SegmentWriter

    original = parallel.SegmentPipeline.__init__

    def init(self, *args, **kwargs):  # a segment per article
        original(self, *args, **{**kwargs, "segment_entries": 1})

    monkeypatch.setattr(parallel.SegmentPipeline, "__init__", init)
    (tmp_path / "old").mkdir()
    (tmp_path / "new").mkdir()
    build_index(tmp_path / "ix", [write_corpus(tmp_path / "old" / "news.jsonl")], jobs=1)
    opened = []
    writer_searcher = SegmentWriter.searcher
    monkeypatch.setattr(SegmentWriter, "searcher", lambda self, **kw: opened.append(1) or
                        writer_searcher(self, **kw))  # fmt: skip
    moved = write_corpus(tmp_path / "new" / "news.jsonl")
    report = build_index(tmp_path / "ix", [moved], jobs=1)
    assert (report.added, report.updated, report.removed, report.unchanged) == (0, 5, 0, 0)
    assert len(opened) == 1
    ix = open_dir(str(tmp_path / "ix"))
    with ix.searcher() as searcher:
        assert searcher.doc_count() == 5
        assert {searcher.document(id=i)["source"] for i, *_ in ARTICLES} == {str(moved)}


def test_every_segment_has_every_column(tmp_path):
    """Undated articles alone in a segment: plain Whoosh's multi-segment column reader
    skips a segment without the column and would read another segment's months."""
    corpus = write_corpus(tmp_path / "news.jsonl")
    ix = create_index(tmp_path / "ix")
    dated = [a for a in read_corpus([corpus]) if a.month]
    undated = [a for a in read_corpus([corpus]) if not a.month]
    segments_written = []
    for articles in (dated, undated):
        builder = SegmentBuilder(ix.storage, ix.indexname, ix.schema)
        for article in articles:
            builder.add(*analysed_document(article, "s", _fingerprint(article, "s"), None))
        segments_written.append(builder.finish())
    writer = ix.writer()
    writer._commit_toc(segments_written)
    writer._finish()
    with open_dir(str(tmp_path / "ix")).reader() as reader:
        months = reader.column_reader("month")
        ids = reader.column_reader("id")
        found = {ids[n]: months[n] for n in range(reader.doc_count_all())}
    assert found == {a.id: a.month or "" for a in dated + undated}
    assert "" in found.values()


def broken_analysis(article, source, fingerprint, extractor):
    """An analysis that always fails (module level: spawned workers import it by name)."""
    raise ValueError("analysis failed")


def test_a_failing_worker_leaves_the_previous_commit_whole(tmp_path, two_workers, monkeypatch):
    corpus = write_corpus(tmp_path / "news.jsonl")
    build_index(tmp_path / "ix", [corpus])
    before = index_contents(tmp_path / "ix")
    files_before = sorted(p.name for p in (tmp_path / "ix").iterdir())

    monkeypatch.setattr(build, "analysed_document", broken_analysis)
    write_corpus(corpus, [(i, t + " (bijgewerkt)", x, d) for i, t, x, d in ARTICLES])
    with pytest.raises(RuntimeError, match="analysis failed"):
        build_index(tmp_path / "ix", [corpus])
    assert index_contents(tmp_path / "ix") == before
    assert sorted(p.name for p in (tmp_path / "ix").iterdir()) == files_before


def test_facet_files_match_the_facet_column(tmp_path, two_workers):
    from index.entities import default_extractor

    corpus = write_corpus(tmp_path / "news.jsonl")
    build_index(tmp_path / "ix", [corpus], extractor=default_extractor())
    ix = open_dir(str(tmp_path / "ix"))
    with ix.reader() as reader:
        for (segment_reader, _), segment in zip(reader.leaf_readers(), ix._segments(), strict=True):
            assert ix.storage.file_exists(segment.make_filename(".facets.npz"))
            loaded = load_segment_facets(ix.storage, segment, segment_reader)
            rebuilt = _from_columns(segment_reader).arrays()
            assert loaded.month.tolist() == rebuilt["month"].tolist()
            assert loaded.doc.tolist() == rebuilt["doc"].tolist()
            assert loaded.key.tolist() == rebuilt["key"].tolist()
            assert loaded.name.tolist() == rebuilt["name"].tolist()
