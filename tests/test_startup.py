"""Start-up: what `import search` loads, and the engine's first searcher."""

from __future__ import annotations

import subprocess
import sys

import search
from index.store.loading import DEFERRED


def _loaded_after(code: str) -> set[str]:
    """The modules a fresh interpreter has loaded after running ``code``."""
    script = f"{code}\nimport sys\nprint(' '.join(sorted(sys.modules)))"
    out = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True,
                         check=True).stdout  # fmt: skip
    return set(out.split())


def test_importing_search_skips_what_whoosh_never_uses():
    loaded = _loaded_after("import search")
    assert "whoosh.query" in loaded
    assert not loaded & set(DEFERRED)  # urllib.request and whoosh.lang.morph_en
    assert "http.client" not in loaded


def test_the_deferred_modules_still_work_and_are_the_real_ones():
    code = (
        "import search, urllib.request, whoosh.compat\n"
        "from whoosh.query import terms\n"
        "assert urllib.request.urlopen and urllib.request.Request\n"
        "assert 'pulled' in terms.variations('pull')\n"
        "assert whoosh.compat.urlretrieve.__name__ == 'urlretrieve'\n"
        "import whoosh.lang.morph_en as m; assert hasattr(m, 'variations')\n"
    )
    loaded = _loaded_after(code)
    assert set(DEFERRED) <= loaded


def test_an_application_that_imported_urllib_first_keeps_it():
    code = ("import urllib.request as u\nimport search\nimport sys\n"
            "assert sys.modules['urllib.request'] is u")
    assert "urllib.request" in _loaded_after(code)


def test_the_first_search_uses_the_reader_that_checked_the_index(sample_index):
    engine = search.Engine.open(sample_index)
    checked = engine._first_reader
    assert checked is not None
    searcher, _ = engine._searcher()
    assert searcher.reader() is checked and engine._first_reader is None
    assert engine.search("graandeal").total == 1
    engine.close()


def test_closing_an_unused_engine_closes_its_reader(sample_index):
    engine = search.Engine.open(sample_index)
    reader = engine._first_reader
    engine.close()
    assert engine._first_reader is None and reader.is_closed


def test_an_update_after_opening_is_seen_by_the_first_search(tmp_path):
    from index.pipeline.build import build_index
    from tests.conftest import make_records, write_jsonl

    corpus = write_jsonl(tmp_path / "news.jsonl", make_records(5))
    build_index(tmp_path / "ix", [corpus])
    with search.Engine.open(tmp_path / "ix") as engine:
        records = make_records(5)
        records[0]["text"] += " Zeldzaamwoord."
        write_jsonl(corpus, records)
        build_index(tmp_path / "ix", [corpus])
        assert engine.search("zeldzaamwoord").total == 1
