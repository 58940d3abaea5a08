"""Near-duplicate texts: sketches, groups, collapsing and counting groups, through every layer."""

from __future__ import annotations

import json
import random
from collections import defaultdict

import numpy as np
import pytest

import search
from index.duplicates import (
    EMPTY,
    SKETCH_SIZE,
    near_duplicate_groups,
    similarity,
    sketch,
    sketches,
    word_hash,
)
from index.pipeline.build import build_index
from tests.conftest import make_records, shared_file, write_jsonl

WORDS = """de minister zei dinsdag dat het kabinet graan uit Oekraïne wil laten vervoeren via de
Zwarte Zee naar havens in Turkije en dat de boeren in de provincie blij zijn met het besluit
maar de oppositie wil meer garanties voor de veiligheid van schepen""".split()


def text(seed: int, length: int = 200) -> str:
    rng = random.Random(seed)
    return " ".join(rng.choice(WORDS) + rng.choice(("", "s", "en", "je")) for _ in range(length))


def edited(body: str, changes: int, seed: int = 0) -> str:
    """``body`` with ``changes`` words replaced (a copy with a different intro or a typo)."""
    words = body.split()
    rng = random.Random(seed)
    for position in rng.sample(range(len(words)), changes):
        words[position] = "anders"
    return " ".join(words)


def test_a_sketch_is_sorted_padded_and_the_same_for_the_same_words():
    words = text(1).split()
    first = sketch(words)
    assert first.dtype == np.uint32 and first.shape == (SKETCH_SIZE,)
    assert (first != EMPTY).all()
    assert (sketch(words) == first).all()
    assert (sketch([w.upper() for w in words]) == first).all()  # case does not matter
    assert (sketch(words[:10]) == EMPTY).all()  # too short to say anything


def reference_sketch(words: list[str]) -> np.ndarray:
    """A text's sketch one text at a time, as :func:`sketch` computed it before
    :func:`sketches` (an oracle for it)."""
    from index.duplicates import (
        _BIN_SHIFT,
        _DENSIFY_STEP,
        _MULTIPLIERS,
        MIN_SHINGLES,
        SHINGLE_WORDS,
    )

    hashes = np.array([word_hash(word) for word in words], dtype=np.uint64)
    count = len(hashes) - SHINGLE_WORDS + 1
    if count < MIN_SHINGLES:
        return np.full(SKETCH_SIZE, EMPTY, dtype=np.uint32)
    with np.errstate(over="ignore"):
        mixed = hashes[:count] * _MULTIPLIERS[0]
        for offset in range(1, SHINGLE_WORDS):
            mixed ^= hashes[offset : offset + count] * _MULTIPLIERS[offset]
        mixed ^= mixed >> np.uint64(31)
        mixed *= np.uint64(0xBF58476D1CE4E5B9)
        mixed ^= mixed >> np.uint64(29)
    shingles = np.sort((mixed >> np.uint64(32)).astype(np.uint32))
    bins = shingles >> _BIN_SHIFT
    first = np.r_[True, bins[1:] != bins[:-1]]
    found = np.zeros(SKETCH_SIZE, dtype=np.uint32)
    filled = np.zeros(SKETCH_SIZE, dtype=bool)
    found[bins[first]] = shingles[first]
    filled[bins[first]] = True
    if not filled.all():
        taken = np.flatnonzero(filled)
        ahead = np.searchsorted(taken, np.arange(SKETCH_SIZE)) % len(taken)
        distance = (taken[ahead] - np.arange(SKETCH_SIZE)) % SKETCH_SIZE
        with np.errstate(over="ignore"):
            found = found[taken[ahead]] + distance.astype(np.uint32) * _DENSIFY_STEP
    found[found == EMPTY] = EMPTY - 1
    return found


@pytest.mark.parametrize("chunk", [1 << 20, 50])
def test_sketches_of_many_texts_at_once_are_each_texts_sketch(monkeypatch, chunk):
    """Texts of every length around the thresholds, some with empty bins to densify; in
    one piece and in many (``chunk`` words a piece)."""
    import index.duplicates

    monkeypatch.setattr(index.duplicates, "_SKETCH_CHUNK", chunk)
    rng = random.Random(4)
    texts = [text(seed, rng.choice([0, 3, 14, 15, 16, 40, 300])).split() for seed in range(80)]
    hashes = np.array([word_hash(word) for words in texts for word in words], dtype=np.uint32)
    expected = np.array([reference_sketch(words) for words in texts])
    assert (sketches(hashes, [len(words) for words in texts]) == expected).all()
    assert all((sketch(words) == row).all() for words, row in zip(texts, expected, strict=True))
    assert sketches(hashes[:0], []).shape == (0, SKETCH_SIZE)


def test_similarity_estimates_how_much_two_texts_share():
    body = text(2)
    assert similarity(sketch(body.split()), sketch(body.split())) == 1.0
    assert similarity(sketch(body.split()), sketch(edited(body, 2).split())) >= 0.8
    assert similarity(sketch(body.split()), sketch(text(3).split())) < 0.2
    assert similarity(sketch(body.split()), np.full(SKETCH_SIZE, EMPTY, np.uint32)) == 0.0


def test_groups_are_the_smallest_document_of_each_set_of_near_duplicates():
    one, two = text(10), text(11)
    bodies = [one, two, edited(one, 2), text(12), edited(two, 1, seed=5), one, "te kort"]
    groups = near_duplicate_groups(np.array([sketch(b.split()) for b in bodies]))
    assert groups.tolist() == [0, 1, 0, 3, 1, 0, 6]


def test_a_deleted_document_stays_alone():
    body = text(20)
    sketches = np.array([sketch(body.split())] * 3)
    live = np.array([True, False, True])
    assert near_duplicate_groups(sketches, live).tolist() == [0, 1, 0]


def test_articles_sharing_a_passage_but_not_their_text_stay_apart():
    """A standard paragraph (a disclaimer, a wire intro) in hundreds of articles groups none
    of them, and costs no pairwise comparison of them all."""
    passage = text(30, length=60)
    bodies = [f"{passage} {text(100 + n)}" for n in range(400)]
    groups = near_duplicate_groups(np.array([sketch(b.split()) for b in bodies]))
    assert len(set(groups.tolist())) == 400


def test_a_copy_with_a_new_intro_is_still_found():
    story = text(50, length=300)
    bodies = [story, f"{text(51, length=20)} {story}", text(52, length=300)]
    groups = near_duplicate_groups(np.array([sketch(b.split()) for b in bodies]))
    assert groups.tolist() == [0, 0, 2]


@pytest.fixture()
def copies_corpus(tmp_path):
    """Synthetic articles plus a story printed three times (one copy edited) and a pair."""
    records = make_records(30, seed=7)
    story, pair = text(40), text(41)
    extra = [
        {"id": "story-a", "title": "Graan via de Zwarte Zee", "text": story, "date": "2022-08-01"},
        {"id": "story-b", "title": "Rond", "text": edited(story, 3), "date": "2022-08-02"},
        {"id": "story-c", "title": "Schepen vertrekken", "text": story, "date": "2022-08-02"},
        {"id": "pair-a", "title": "Boeren blij", "text": pair, "date": "2022-09-01"},
        {"id": "pair-b", "title": "Boeren tevreden", "text": pair, "date": "2022-09-03"},
    ]  # fmt: skip
    corpus = tmp_path / "corpus"
    write_jsonl(corpus / "news.jsonl", records + extra)
    return corpus, records, extra


def _groups_by_id(engine) -> dict[str, set[str]]:
    groups, page = {}, 1
    while True:  # every page of groups (a page holds at most 1,000)
        found = engine.search("", limit=1000, page=page, collapse=True, facets=0)
        groups.update({hit.id: {copy.id for copy in hit.duplicates} for hit in found.hits})
        if len(found.hits) < 1000:
            return groups
        page += 1


def test_collapse_shows_one_hit_per_group_and_lists_the_copies(copies_corpus, tmp_path):
    corpus, records, _ = copies_corpus
    search.index_corpus([corpus], index_dir=tmp_path / "ix")
    with search.Engine.open(tmp_path / "ix") as engine:
        plain = engine.search("graan", limit=100)
        collapsed = engine.search("graan", limit=100, collapse=True)
        assert collapsed.collapsed and not plain.collapsed
        groups = _groups_by_id(engine)
    assert len(groups) == len(records) + 2
    story = next(ids | {leader} for leader, ids in groups.items() if leader.startswith("story"))
    assert story == {"story-a", "story-b", "story-c"}
    pair = next(ids | {leader} for leader, ids in groups.items() if leader.startswith("pair"))
    assert pair == {"pair-a", "pair-b"}
    assert collapsed.total == plain.total - 3
    shown = [hit.id for hit in collapsed.hits]
    assert len([i for i in shown if i.startswith("story")]) == 1
    # the hits shown are the plain ranking without the copies of a hit above them
    hidden = {copy.id for hit in collapsed.hits for copy in hit.duplicates}
    assert shown == [hit.id for hit in plain.hits if hit.id not in hidden]


def test_collapse_pages_through_groups(copies_corpus, tmp_path):
    corpus, _, _ = copies_corpus
    search.index_corpus([corpus], index_dir=tmp_path / "ix")
    with search.Engine.open(tmp_path / "ix") as engine:
        whole = [hit.id for hit in engine.search("", limit=100, collapse=True, sort="date").hits]
        paged = [hit.id for page in range(1, 9)
                 for hit in engine.search("", limit=5, page=page, collapse=True,
                                          sort="date").hits]  # fmt: skip
    assert paged == whole and len(whole) == len(set(whole))


def test_count_groups_counts_each_group_once_in_the_facets(copies_corpus, tmp_path):
    corpus, _, _ = copies_corpus
    search.index_corpus([corpus], index_dir=tmp_path / "ix")
    with search.Engine.open(tmp_path / "ix") as engine:
        months = {c.value: c.count for c in engine.facets("", count="articles")["month"]}
        grouped = {c.value: c.count for c in engine.facets("", count="groups")["month"]}
    assert months["2022-08"] - grouped["2022-08"] == 2
    assert months["2022-09"] - grouped["2022-09"] == 1
    with pytest.raises(search.QueryError, match="count must be one of articles, groups"):
        search.Engine.open(tmp_path / "ix").search("", count="copies")


def test_count_groups_counts_all_articles_as_groups_too(copies_corpus, tmp_path):
    """A share of coverage divides like by like: counted as groups, ``all`` counts the
    archive's groups, so the whole archive is 100% of every bucket."""
    corpus, _, _ = copies_corpus
    search.index_corpus([corpus], index_dir=tmp_path / "ix")
    with search.Engine.open(tmp_path / "ix") as engine:
        articles = engine.search("", timeline="month", limit=1).timeline
        groups = engine.search("", timeline="month", limit=1, count="groups").timeline
        compared = engine.compare(["", "x=" + "haven"], count="groups").timelines[0]
        # after the groups' calendar, the articles' one is still its own
        again = engine.search("", timeline="month", limit=1).timeline
    assert all(bucket.count == bucket.all for bucket in groups.buckets + compared.buckets)
    by_month = {bucket.start: bucket.all for bucket in articles.buckets}
    assert by_month["2022-08-01"] - {b.start: b.all for b in groups.buckets}["2022-08-01"] == 2
    assert again == articles


def test_groups_follow_updates_deletions_and_merges(copies_corpus, tmp_path):
    corpus, records, extra = copies_corpus
    index_dir = tmp_path / "ix"
    build_index(index_dir, [corpus])
    # a new copy arrives in a later run (its own segment), another copy goes
    later = corpus / "later.jsonl"
    story = next(r for r in extra if r["id"] == "story-a")
    write_jsonl(later, [{**story, "id": "story-d", "title": "Nog eens"}])
    lines = [json.loads(line) for line in (corpus / "news.jsonl").read_text().splitlines()]
    write_jsonl(corpus / "news.jsonl", [r for r in lines if r["id"] != "story-c"])
    build_index(index_dir, [corpus])
    with search.Engine.open(index_dir) as engine:
        groups = _groups_by_id(engine)
    story_group = next(ids | {leader} for leader, ids in groups.items()
                       if leader.startswith("story"))  # fmt: skip
    assert story_group == {"story-a", "story-b", "story-d"}
    # many small runs make Whoosh merge segments: merged ones get their sketches too
    for run in range(12):
        write_jsonl(corpus / f"run{run}.jsonl", make_records(2, seed=100 + run, prefix=f"r{run}"))
        build_index(index_dir, [corpus])
    assert len(list(index_dir.glob("*.sketches.npy"))) == len(list(index_dir.glob("*.seg")))
    with search.Engine.open(index_dir) as engine:
        merged = _groups_by_id(engine)
    assert len(list(index_dir.glob("*.seg"))) < 14  # some runs were merged
    assert next(ids | {leader} for leader, ids in merged.items()
                if leader.startswith("story")) == story_group  # fmt: skip


def test_an_index_without_sketch_files_groups_from_the_stored_text(copies_corpus, tmp_path):
    corpus, _, _ = copies_corpus
    index_dir = tmp_path / "ix"
    search.index_corpus([corpus], index_dir=index_dir)
    with search.Engine.open(index_dir) as engine:
        before = _groups_by_id(engine)
    for path in index_dir.glob("*.sketches.npy"):
        path.unlink()  # as an index built before sketches existed
    for path in index_dir.glob("*.facetcache"):
        path.unlink()
    with search.Engine.open(index_dir) as engine:
        assert _groups_by_id(engine) == before


def test_the_cli_collapses_and_counts_groups(copies_corpus, tmp_path):
    from click.testing import CliRunner

    from search.cli import main

    corpus, _, _ = copies_corpus
    runner = CliRunner()
    index_dir = str(tmp_path / "ix")
    built = runner.invoke(main, ["index", str(corpus), "--index-dir", index_dir, "-q"])
    assert built.exit_code == 0
    shown = runner.invoke(main, ["query", "graan", "--collapse", "--index-dir", index_dir])
    assert shown.exit_code == 0, shown.output
    assert "different texts for \"graan\"" in shown.output
    assert "also as 2 near-identical copies: story-" in shown.output
    data = json.loads(runner.invoke(main, ["query", "graan", "--collapse", "--json",
                                           "--index-dir", index_dir]).output)  # fmt: skip
    listed = {hit["id"]: [c["id"] for c in hit["duplicates"]] for hit in data["hits"]}
    assert data["collapsed"] is True
    assert any(len(ids) == 2 for ids in listed.values())
    wrong = runner.invoke(main, ["facets", "--count", "copies", "--index-dir", index_dir])
    assert wrong.exit_code == 2 and "Invalid value for '--count'" in wrong.output


def test_identical_texts_in_the_real_dpg_sample_collapse(dpg_index):
    """Every set of identical bodies in DPG 2019 ends up in one group (the issue counted
    them; near-identical ones may join)."""
    path = shared_file("dpgmedia2019", "dpgMedia2019-articles-byarticle-all.jsonl")
    bodies = defaultdict(set)
    for line in path.read_text(encoding="utf-8").splitlines():
        record = json.loads(line)
        if len(record.get("text", "").split()) >= 20:
            bodies[record["text"]].add(str(record["id"]))
    identical = [ids for ids in bodies.values() if len(ids) > 1]
    assert len(identical) >= 10
    with search.Engine.open(dpg_index) as engine:
        groups = _groups_by_id(engine)
    members = [ids | {leader} for leader, ids in groups.items()]
    for ids in identical:
        assert any(ids <= group for group in members), ids


def test_the_pairs_are_kept_beside_the_index_and_deletions_still_apply(copies_corpus, tmp_path,
                                                                      monkeypatch):  # fmt: skip
    """The next process joins the kept pairs up instead of comparing sketches again, and an
    article deleted since is left alone by the pairs it was in."""
    from index.store import sketches

    corpus, _, _ = copies_corpus
    index_dir = tmp_path / "ix"
    search.index_corpus([corpus], index_dir=index_dir)
    with search.Engine.open(index_dir) as engine:
        before = _groups_by_id(engine)

    def compare_again(_sketches):
        raise AssertionError("the kept pairs were not used")

    monkeypatch.setattr(sketches, "near_duplicate_pairs", compare_again)
    with search.Engine.open(index_dir) as engine:
        assert _groups_by_id(engine) == before
    monkeypatch.undo()
    lines = [json.loads(line) for line in (corpus / "news.jsonl").read_text().splitlines()]
    write_jsonl(corpus / "news.jsonl", [r for r in lines if r["id"] != "story-a"])
    search.index_corpus([corpus], index_dir=index_dir)  # a deletion only: same segments
    with search.Engine.open(index_dir) as engine:
        groups = _groups_by_id(engine)
    story = next(ids | {leader} for leader, ids in groups.items() if leader.startswith("story"))
    assert story == {"story-b", "story-c"}
