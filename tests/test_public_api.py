"""The public surface: one import root, pinned, and a library that never prints."""

from __future__ import annotations

import pickle
import subprocess
import sys
from pathlib import Path

import search
from index.analysis import DutchAnalyzer
from index.schema import build_schema

ROOT = Path(__file__).resolve().parents[1]


def test_public_names_are_pinned():
    assert sorted(search.__all__) == sorted([
        "Article", "ArticleNotFoundError", "BuildReport", "BuildStopped", "Concordance",
        "CorpusError", "DEFAULT_EXPORT_FIELDS", "Document", "EXPORT_FIELDS", "Engine",
        "Entities", "Entity", "EntityExtractor", "Export", "ExportField", "FacetCount", "Hit",
        "IndexCorruptError", "IndexLockedError", "IndexNotFoundError", "IndexStats",
        "IndexVersionError", "KwicLine", "QueryError",
        "ReadProblem", "Results", "SearchError", "Snippet", "analyze", "default_index_dir",
        "evaluate_entities", "extract_entities", "index_corpus",
        "Bucket", "Comparison", "Copy", "Timeline",  # research workflow
        "ClusterError",  # sharded indexes on a Dask cluster
    ])  # fmt: skip
    for name in search.__all__:
        assert getattr(search, name) is not None


def test_errors_share_one_base():
    for name in search.__all__:
        value = getattr(search, name)
        if isinstance(value, type) and issubclass(value, Exception):
            assert issubclass(value, search.SearchError)


def test_library_usage_from_the_readme(tmp_path, capsys):
    report = search.index_corpus(index_dir=tmp_path / "ix")
    assert report.added == 2
    with search.Engine.open(tmp_path / "ix") as engine:
        results = engine.search("graandeal", since="2022-01")
        assert [hit.month for hit in results.hits] == ["2022-11"]
    assert capsys.readouterr() == ("", "")


def test_analyzer_and_schema_round_trip_through_pickle():
    analyzer = DutchAnalyzer()
    clone = pickle.loads(pickle.dumps(analyzer))
    assert clone.settings() == analyzer.settings()
    assert clone.terms("Oekraïense graantransporten") == analyzer.terms(
        "Oekraïense graantransporten"
    )
    schema = pickle.loads(pickle.dumps(build_schema()))
    assert schema["body"].analyzer.settings() == analyzer.settings()


def test_python_dash_m_search_works():
    result = subprocess.run([sys.executable, "-m", "search", "--help"], capture_output=True,
                            text=True, check=False)  # fmt: skip
    assert result.returncode == 0 and "Usage: search" in result.stdout


def test_corpus_never_imports_whoosh_or_click():
    code = (
        "import corpus, sys; "
        "print(any(m.split('.')[0] in ('whoosh', 'click') for m in sys.modules))"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                            check=True, cwd=ROOT)  # fmt: skip
    assert result.stdout.strip() == "False"


def test_only_the_cli_imports_click():
    for path in list((ROOT / "search").glob("*.py")) + list((ROOT / "index").rglob("*.py")):
        if path.name in ("cli.py", "render.py"):
            continue
        assert "import click" not in path.read_text(encoding="utf-8"), path
