"""Facet counts on many random document sets, and the per-generation cache file.

The articles name people through a marker extractor, so that aliases, spellings that
fold together and documents naming both an alias and its target occur on purpose.
"""

from __future__ import annotations

import json
import random
import re

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from whoosh.index import open_dir

from index.entities import Entity
from index.pipeline import parallel
from index.pipeline.build import build_index
from index.store import committing
from search.facetcache import FacetIndex
from search.facets import EntityCatalogue, count_facets
from search.matches import Matches

NAMES = {
    "person": ["Donald Trump", "Trump", "Mark Rutte", "Rutte", "RUTTE", "Greta Thunberg",
               "Thunberg", "Vladimir Poetin", "Poetin", "Poëtin", "Sigrid Kaag", "Kaag"],
    "place": ["Amsterdam", "amsterdam", "Den Haag", "België", "Belgie", "Rotterdam"],
    "org": ["NAVO", "Navo", "VVD", "Tweede Kamer", "EU"],
}  # fmt: skip
MONTHS = ["2019-11", "2021-07", "2022-11", "2023-01", None]


class MarkedEntities:
    """Finds the entities written as ``[person:Donald Trump]`` in a text."""

    version = "marked-1"
    pattern = re.compile(r"\[(person|place|org):([^\]]+)\]")

    def extract(self, text: str) -> list[Entity]:
        return [Entity(m[1], m[0], m.start(), m.end(), m[2]) for m in self.pattern.finditer(text)]


def write_articles(path, seed: int, count: int) -> None:
    rng = random.Random(seed)
    lines = []
    for number in range(count):
        kinds = rng.choices(list(NAMES), k=rng.randint(0, 6))
        names = [f"[{kind}:{rng.choice(NAMES[kind])}]" for kind in kinds]
        if number % 4 == 0:  # an alias and its target in one article count once
            names += rng.sample(["[person:Trump]", "[person:Donald Trump]", "[person:Rutte]"], 2)
        marks = " ".join(names)
        month = rng.choice(MONTHS)
        article = {"id": f"m{number}", "title": f"Bericht {number}", "text": f"Nieuws {marks}."}
        lines.append(json.dumps({**article, **({"date": f"{month}-03"} if month else {})}))
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


@pytest.fixture(scope="module")
def marked_index(tmp_path_factory):
    """Several segments, one with deletions (the second build changes some articles)."""
    folder = tmp_path_factory.mktemp("marked")
    corpus = folder / "news.jsonl"
    original = parallel.SegmentPipeline.__init__

    def small_segments(self, *args, **kwargs):
        original(self, *args, **{**kwargs, "workers": 1, "batch_size": 8, "segment_entries": 300})

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(parallel.SegmentPipeline, "__init__", small_segments)
        # Keep the replaced articles as deletions (merging would drop them).
        patch.setattr(committing, "merge_policy", lambda writer, segments: segments)
        write_articles(corpus, seed=1, count=60)
        build_index(folder / "ix", [corpus], extractor=MarkedEntities())
        write_articles(corpus, seed=2, count=40)  # m0-m39 change, m40-m59 vanish
        build_index(folder / "ix", [corpus], extractor=MarkedEntities())
    return folder / "ix"


@pytest.fixture(scope="module")
def opened(marked_index):
    with open_dir(str(marked_index)).reader() as reader:
        yield reader, EntityCatalogue.for_reader(reader)


def random_matches(reader, rng, density: float) -> Matches:
    """Live documents, each with probability ``density``, as match_documents gives them."""
    per_leaf, offsets = [], []
    for leaf, offset in reader.leaf_readers():
        live = [d for d in leaf.all_doc_ids() if rng.random() < density]
        per_leaf.append(np.array(live, dtype=np.int64))
        offsets.append(offset)
    return Matches(per_leaf, offsets)


def test_the_index_has_what_the_counts_must_handle(opened):
    reader, catalogue = opened
    assert len(reader.leaf_readers()) >= 3 and reader.has_deletions()
    assert catalogue.canonical("person", "trump") == "donald trump"


@settings(max_examples=80, deadline=None)
@given(density=st.sampled_from([0.0, 0.05, 0.3, 0.5, 0.7, 1.0]), seed=st.integers(0, 2**32),
       top=st.integers(0, 8))  # fmt: skip
def test_counts_equal_the_straightforward_count_on_any_document_set(opened, density, seed, top):
    reader, catalogue = opened
    matches = random_matches(reader, random.Random(seed), density)
    expected = count_facets(reader, matches.docnums().tolist(), catalogue, top=top)
    assert catalogue.facet_index(reader).count(matches, top=top) == expected
    assert FacetIndex(reader, catalogue).count(matches, top=top) == expected


def test_the_cache_file_gives_the_same_catalogue_and_counts(marked_index, monkeypatch):
    with open_dir(str(marked_index)).reader() as reader:
        built = EntityCatalogue.for_reader(reader)
        assert len(list(marked_index.glob("MAIN_*.facetcache"))) == 1

        def not_again(*args, **kwargs):
            raise AssertionError("the facet index was built again")

        monkeypatch.setattr(FacetIndex, "__init__", not_again)
        cached = EntityCatalogue.for_reader(reader)
        assert cached._alias == built._alias and cached._surnames == built._surnames
        assert cached.facet_index(reader).person_frequencies() == (
            built.facet_index(reader).person_frequencies()
        )
        rng = random.Random(7)
        for density in (0.1, 0.6, 1.0):
            matches = random_matches(reader, rng, density)
            assert cached.facet_index(reader).count(matches, top=5) == (
                built.facet_index(reader).count(matches, top=5)
            )


@pytest.mark.parametrize("damage", ["garbage", "truncated", "empty", "other-segments"])
def test_a_damaged_or_stale_cache_file_is_rebuilt(marked_index, damage):
    with open_dir(str(marked_index)).reader() as reader:
        expected = EntityCatalogue.for_reader(reader)
        path = next(marked_index.glob("MAIN_*.facetcache"))
        data = path.read_bytes()
        if damage == "garbage":
            path.write_bytes(b"NZFACETS" + bytes(range(256)) * 4)
        elif damage == "truncated":
            path.write_bytes(data[: len(data) // 2])
        elif damage == "empty":
            path.write_bytes(b"")
        else:
            path.write_bytes(data.replace(b'"MAIN_', b'"MAIN_x', 1))
        catalogue = EntityCatalogue.for_reader(reader)
        assert catalogue._alias == expected._alias
        matches = random_matches(reader, random.Random(3), 0.5)
        assert catalogue.facet_index(reader).count(matches, top=5) == (
            expected.facet_index(reader).count(matches, top=5)
        )
        assert path.read_bytes() == data  # written again


def test_a_commit_deletes_the_cache_of_older_generations(tmp_path):
    corpus = tmp_path / "news.jsonl"
    write_articles(corpus, seed=4, count=10)
    build_index(tmp_path / "ix", [corpus], extractor=MarkedEntities())
    with open_dir(str(tmp_path / "ix")).reader() as reader:
        EntityCatalogue.for_reader(reader)
    old = list((tmp_path / "ix").glob("*.facetcache"))
    assert len(old) == 1
    crashed = old[0].with_name(f"{old[0].name}.999.tmp")  # what a crash while writing leaves
    crashed.write_bytes(b"NZFACETS")
    write_articles(corpus, seed=5, count=12)
    build_index(tmp_path / "ix", [corpus], extractor=MarkedEntities())
    assert not old[0].exists() and not crashed.exists()
    with open_dir(str(tmp_path / "ix")).reader() as reader:
        EntityCatalogue.for_reader(reader)
    assert len(list((tmp_path / "ix").glob("*.facetcache"))) == 1


def test_no_cache_where_the_folder_cannot_be_written(tmp_path, monkeypatch):
    corpus = tmp_path / "news.jsonl"
    write_articles(corpus, seed=6, count=10)
    build_index(tmp_path / "ix", [corpus], extractor=MarkedEntities())
    before = sorted(p.name for p in (tmp_path / "ix").iterdir())

    def refuse(*args):
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr("index.store.facetfile.os.replace", refuse)
    with open_dir(str(tmp_path / "ix")).reader() as reader:
        catalogue = EntityCatalogue.for_reader(reader)
        matches = random_matches(reader, random.Random(1), 1.0)
        expected = count_facets(reader, matches.docnums().tolist(), catalogue, top=3)
        assert catalogue.facet_index(reader).count(matches, top=3) == expected
    assert sorted(p.name for p in (tmp_path / "ix").iterdir()) == before  # no leftovers
