"""Shared fixtures: a sample index per session, and the shared real-data folder."""

from __future__ import annotations

from pathlib import Path

import pytest

import search
from corpus import SAMPLE_CORPUS

SHARED_DATA = Path(__file__).resolve().parents[1].parent / "shared" / "data"
SEED_2022 = "000_83c8f1858d10a797.txt"
SEED_2025 = "003_463c9f2ccdc7d6fc.txt"


def shared_file(*parts: str) -> Path:
    """A file under ../shared/data, or skip the test with a message when it is absent."""
    path = SHARED_DATA.joinpath(*parts)
    if not path.exists():
        pytest.skip(f"needs {path} (../shared/data is not beside the project)")
    return path


@pytest.fixture(scope="session")
def sample_index(tmp_path_factory) -> Path:
    """An index of the bundled sample corpus (the two seed articles)."""
    index_dir = tmp_path_factory.mktemp("sample") / "index"
    search.index_corpus([SAMPLE_CORPUS], index_dir=index_dir)
    return index_dir


@pytest.fixture()
def engine(sample_index):
    with search.Engine.open(sample_index) as opened:
        yield opened


@pytest.fixture(autouse=True)
def _no_user_index(monkeypatch, tmp_path):
    """Never touch the user's real index: the default location is a temp folder."""
    monkeypatch.setenv("SEARCH_INDEX_DIR", str(tmp_path / "default-index"))
