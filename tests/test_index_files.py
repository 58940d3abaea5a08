"""Damaged, foreign and outdated index folders: one clear line and a non-zero exit."""

from __future__ import annotations

import shutil

import pytest
from click.testing import CliRunner
from whoosh.filedb.filestore import FileStorage

import search
from index.analysis import DutchAnalyzer
from index.schema import build_schema
from index.store.storage import read_meta, write_meta
from search.cli import main


def cli(*args):
    return CliRunner().invoke(main, [str(a) for a in args])


@pytest.fixture()
def copy_of_sample(sample_index, tmp_path):
    target = tmp_path / "index"
    shutil.copytree(sample_index, target)
    return target


def one_error_line(result, start):
    assert result.exit_code == 1
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith(start), result.stderr
    assert "Traceback" not in result.output
    return lines[0]


def test_index_from_another_analysis_version_asks_for_a_rebuild(tmp_path):
    index_dir = tmp_path / "old"
    index_dir.mkdir()
    old = DutchAnalyzer(version="1999.01-1")
    FileStorage(str(index_dir)).create_index(build_schema(analyzer=old))
    # the library words the remedy in its own terms, the command line in its own
    library_remedy = r"rebuild it with index_corpus\(\.\.\., rebuild=True\)$"
    with pytest.raises(search.IndexVersionError, match=library_remedy) as raised:
        search.Engine.open(index_dir)
    assert raised.value.remedy == "rebuild" and "search index" not in str(raised.value)
    line = one_error_line(cli("query", "x", "--index-dir", index_dir), "Error: ")
    assert "was built with other analysis settings (version '1999.01-1' instead of" in line
    assert line.endswith("rebuild it with `search index --rebuild`")


def test_index_from_before_exact_forms_asks_for_a_rebuild(tmp_path):
    index_dir = tmp_path / "old"
    index_dir.mkdir()
    old = DutchAnalyzer(version="2026.11-2")
    del old.surface  # pickled by 2026.11-2, which had no such setting
    FileStorage(str(index_dir)).create_index(build_schema(analyzer=old))
    line = one_error_line(cli("query", "x", "--index-dir", index_dir), "Error: ")
    assert "(surface False instead of True, version '2026.11-2' instead of" in line
    assert line.endswith("rebuild it with `search index --rebuild`")


def test_newer_schema_layout_asks_for_a_rebuild(copy_of_sample):
    meta = read_meta(copy_of_sample)
    write_meta(copy_of_sample, {**meta, "schema_version": 999})
    one_error_line(cli("stats", "--index-dir", copy_of_sample), "Error: ")


def test_layout_3_asks_for_a_rebuild(copy_of_sample):
    # Layout 3 kept positions for exact forms; layout 4 (index.schema.StemPositions) does not.
    meta = read_meta(copy_of_sample)
    write_meta(copy_of_sample, {**meta, "schema_version": 3})
    line = one_error_line(cli("stats", "--index-dir", copy_of_sample), "Error: ")
    assert "has index layout 3; this version uses 4" in line
    assert line.endswith("rebuild it with `search index --rebuild`")


def test_rebuild_replaces_an_outdated_index(tmp_path):
    index_dir = tmp_path / "old"
    index_dir.mkdir()
    FileStorage(str(index_dir)).create_index(build_schema(analyzer=DutchAnalyzer(version="0")))
    result = cli("index", "--rebuild", "--index-dir", index_dir)
    assert result.exit_code == 0
    with search.Engine.open(index_dir) as engine:
        assert engine.search("graandeal").total == 1


def test_a_folder_that_is_not_an_index(tmp_path):
    (tmp_path / "notes.txt").write_text("geen index", "utf-8")
    line = one_error_line(cli("query", "x", "--index-dir", tmp_path), "Error: ")
    assert line == f"Error: {tmp_path} is not an index: build one with `search index`"


def test_a_file_instead_of_a_folder(tmp_path):
    path = tmp_path / "file"
    path.write_text("x", "utf-8")
    result = cli("query", "x", "--index-dir", path)
    assert result.exit_code == 2 and "is a file" in result.stderr


@pytest.mark.parametrize("damage", ["missing", "truncated", "garbage-toc"])
def test_damaged_index_files(copy_of_sample, damage):
    segment = next(copy_of_sample.glob("*.seg"))
    if damage == "missing":
        segment.unlink()
    elif damage == "truncated":
        segment.write_bytes(segment.read_bytes()[:100])
    else:
        toc = next(copy_of_sample.glob("_MAIN_*.toc"))
        toc.write_bytes(b"\x00" * 40)
    with pytest.raises(search.SearchError):
        search.Engine.open(copy_of_sample)
    for command in (["query", "Poetin"], ["stats"], ["show", "x"]):
        one_error_line(cli(*command, "--index-dir", copy_of_sample), "Error: ")


def test_queries_never_write_to_the_index_folder(copy_of_sample):
    before = {p.name: p.stat().st_mtime_ns for p in copy_of_sample.iterdir()}
    copy_of_sample.chmod(0o555)
    try:
        with search.Engine.open(copy_of_sample) as engine:
            assert engine.search("Poetin").total == 2
            engine.stats()
    finally:
        copy_of_sample.chmod(0o755)
    assert {p.name: p.stat().st_mtime_ns for p in copy_of_sample.iterdir()} == before


def test_unwritable_index_folder_is_one_clear_line(copy_of_sample, monkeypatch):
    def refuse(self, *args, **kwargs):
        raise PermissionError(13, "Permission denied", str(copy_of_sample / "x.seg"))

    monkeypatch.setattr(FileStorage, "create_file", refuse)  # root ignores chmod
    line = one_error_line(cli("index", "--rebuild", "--index-dir", copy_of_sample), "Error: ")
    assert "Permission denied" in line
